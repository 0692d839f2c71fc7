"""Claims and findings are pickled into the cache as their field values (``claimcheck.cache.model_pickler``): they
load equal, with the same repr, and without an instance ``__dict__``; entries of the default pickle format still
load and are stored again in the compact one."""

from __future__ import annotations

import pickle
from pathlib import Path

from claimcheck.cache import ClaimCache, dumps_models
from claimcheck.config import config_from_dict
from claimcheck.pipeline import extract_all
from claimcheck.stages.load import load_articles

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


def test_compact_pickles_load_equal_claims_without_an_instance_dict() -> None:
    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    claims = extract_all(load_articles([str(SUMMIT)]), config=cfg)
    blob = dumps_models(claims)
    back = pickle.loads(blob)
    assert back == claims and [repr(c) for c in back] == [repr(c) for c in claims]
    # the models have __slots__: neither a claim nor any of its slots gets a __dict__ of its own on loading
    loaded = [x for c in back for x in (c, c.slots, *c.slots.dates, *c.slots.numbers, *c.slots.entities)]
    assert loaded and not any(hasattr(x, "__dict__") for x in loaded)


def test_a_default_format_entry_loads_and_is_stored_again_compact(tmp_path: Path) -> None:
    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    article = load_articles([str(SUMMIT)])[0]
    claims = extract_all([article], config=cfg)
    with ClaimCache(tmp_path, config=cfg.extract) as cache:
        assert cache.store is not None
        key = cache._key(article)
        cache.store.put_blobs({key: pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL)})  # an older entry
        cache.prefetch([article])
        assert cache.lookup(article) == claims
    with ClaimCache(tmp_path, config=cfg.extract) as cache:
        assert cache.store is not None
        stored = cache.store.get_blobs([key])[key]
        assert stored == dumps_models(claims)
        cache.prefetch([article])
        assert cache.lookup(article) == claims
