"""What a large run lets go of or shares (``claimcheck.pipeline``): equal small values inside the claims become one
object (``ValueSharer``) without changing any claim, and a run of at least ``RELEASE_MODELS_MIN_CLAIMS`` claims
drops spaCy and the encoder once used, with the same report."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.config import config_from_dict
from claimcheck.models import Claim, EntitySlot, NumberSlot, Slots
from claimcheck.pipeline import ValueSharer
from claimcheck.report import render_json, result_to_dict
from claimcheck.stages.embed import encoders
from claimcheck.stages.extract.nlp import get_nlp
from claimcheck.stages.load import load_articles

SUMMIT = Path(__file__).resolve().parent / "fixtures" / "summit"


def _claim(i: int, *, label: str, value: float | int | bool) -> Claim:
    ent = EntitySlot(text="Oslo" + "", start=1000 + i, end=1004 + i, label=label, key="oslo", role=None)
    num = NumberSlot(text="3", start=2000, end=2001, value=value)  # type: ignore[arg-type]
    return Claim(id=f"c{i}", source="s", text=f"claim {i}", start=1000 + i, end=1010 + i,
                 slots=Slots(entities=(ent,), numbers=(num,), described=(("letter", (("open", "open", False),)),)),
                 occurrences=((1000 + i, 1010 + i),))


def test_shared_claims_stay_equal_and_share_their_equal_values() -> None:
    claims = [pickle.loads(pickle.dumps(_claim(i, label="GPE", value=3.0))) for i in range(3)]
    before = [repr(c) for c in claims]
    assert claims[0].slots.described is not claims[1].slots.described
    ValueSharer().share(claims)
    assert [repr(c) for c in claims] == before
    assert claims[0].slots.described is claims[1].slots.described is claims[2].slots.described
    assert claims[0].slots.entities[0].label is claims[2].slots.entities[0].label
    assert claims[0].slots.numbers[0].start is claims[1].slots.numbers[0].start  # 2000: an int past the small ones


def test_sharing_never_merges_values_of_another_type() -> None:
    claims = [pickle.loads(pickle.dumps(_claim(0, label="GPE", value=v))) for v in (1, 1.0, True)]
    ValueSharer().share(claims)
    assert [type(c.slots.numbers[0].value) for c in claims] == [int, float, bool]
    pairs = ValueSharer().share([pickle.loads(pickle.dumps(Claim(id="x", source="s", text="t", start=0, end=1,
                                                                 occurrences=((1, 2), (True, 2)))))])
    assert [type(o[0]) for o in pairs[0].occurrences] == [int, bool]


def test_a_large_run_releases_the_models_and_reports_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    articles = load_articles([str(SUMMIT)])
    kept = pipeline.run_pipeline(articles, config=cfg)
    assert get_nlp.cache_info().currsize == 1 and encoders._CACHE
    monkeypatch.setattr(pipeline, "RELEASE_MODELS_MIN_CLAIMS", 1)
    released = pipeline.run_pipeline(articles, config=cfg)
    assert get_nlp.cache_info().currsize == 0 and not encoders._CACHE
    assert render_json(result_to_dict(released)) == render_json(result_to_dict(kept))


def test_shared_claim_features_stay_equal_with_one_object_per_distinct_set() -> None:
    from claimcheck.stages.cluster.clusters import claim_features
    from claimcheck.stages.cluster.events import EventFacts

    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    claims = pipeline.extract_all(load_articles([str(SUMMIT)]), config=cfg)
    plain = claim_features(claims, config=cfg.cluster)
    shared = ValueSharer.share_features(claim_features(claims, config=cfg.cluster))
    assert shared.anchors == plain.anchors and shared.events == plain.events and shared.facts == plain.facts
    empty = [a for a in shared.anchors if not a]
    assert len(empty) >= 2 and all(a is empty[0] for a in empty)
    blank = [f for f in shared.facts if f == EventFacts()]  # a claim with no same-event fact
    assert len(blank) >= 2 and all(f is blank[0] for f in blank)


def test_claim_features_shared_one_claim_at_a_time_equal_the_features_shared_afterwards() -> None:
    from claimcheck.stages.cluster.clusters import claim_features

    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    claims = pipeline.extract_all(load_articles([str(SUMMIT)]), config=cfg)
    after = ValueSharer.share_features(claim_features(claims, config=cfg.cluster))
    seen: list[object] = []

    def share(value: object) -> object:
        seen.append(value)
        return sharer.one(value)

    sharer = ValueSharer(instances=True)
    each = claim_features(claims, config=cfg.cluster, share=share)
    assert len(seen) == 3 * len(claims)  # every claim's anchors, event anchors and facts went through ``share``
    assert each == after
    for a, b in zip(each.anchors, each.anchors[1:]):
        assert a is b or a != b  # equal anchor sets are one object
    for a, b in zip(each.facts, each.facts[1:]):
        assert a is b or a != b


def test_release_caches_empties_the_stage_memo_caches() -> None:
    from claimcheck.stages.compare import findings, opposites

    findings.residual_overlap("the talks were held in Oslo", "talks held in Oslo on Monday")
    opposites.base_forms("stalled")
    assert findings._word_set.cache_info().currsize and opposites.base_forms.cache_info().currsize
    pipeline.release_caches()
    assert findings._word_set.cache_info().currsize == 0 and opposites.base_forms.cache_info().currsize == 0


def test_a_large_run_empties_the_memo_caches_and_reports_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.stages.compare import findings

    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    articles = load_articles([str(SUMMIT)])
    kept = pipeline.run_pipeline(articles, config=cfg)
    assert findings._word_set.cache_info().currsize
    monkeypatch.setattr(pipeline, "RELEASE_MODELS_MIN_CLAIMS", 1)
    released = pipeline.run_pipeline(articles, config=cfg)
    assert findings._word_set.cache_info().currsize == 0
    assert render_json(result_to_dict(released)) == render_json(result_to_dict(kept))
