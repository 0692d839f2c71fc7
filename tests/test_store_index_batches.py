"""Indexing writes the store in batches of articles (bounded memory on a large corpus) and rebuilds the
memory-mapped ``vectors.npy`` without loading every claim: the store is the same as written in one batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from claimcheck import api, store as store_module
from claimcheck.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


def test_a_store_written_one_article_at_a_time_equals_one_written_at_once(tmp_path: Path, monkeypatch,
                                                                           fake_config) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    shutil.copy(FIXTURES / "new" / "agree.txt", corpus / "agree.txt")
    whole = api.index([str(corpus)], store=tmp_path / "whole", config=fake_config)
    monkeypatch.setattr(store_module, "_WRITE_EVERY", 1)
    batched = api.index([str(corpus)], store=tmp_path / "batched", config=fake_config)
    assert (batched.articles, batched.claims) == (whole.articles, whole.claims) == (3, batched.claims)
    with Store(tmp_path / "whole") as a, Store(tmp_path / "batched") as b:
        assert a.meta() == b.meta()
        ca, va = a.claims_and_vectors()
        cb, vb = b.claims_and_vectors()
    assert ca == cb and np.array_equal(va, vb)
    for name in ("vectors.npy", "vectors.json"):
        assert (tmp_path / "whole" / name).read_bytes() == (tmp_path / "batched" / name).read_bytes()
    # vectors.npy holds claims_and_vectors' rows in its order, and vectors.json the article of each run of rows
    assert np.array_equal(np.load(tmp_path / "whole" / "vectors.npy"), va)
    runs = [[s, n] for s, n in json.loads((tmp_path / "whole" / "vectors.json").read_text())]
    assert [c.source for c in ca] == [s for s, n in runs for _ in range(n)]
