"""Issue 5 on the real seeds with the real model: the second summit, announced for February in the 2019 article
and recalled as February 2019 in the 2020 one, is one `agree` finding; no finding joins claims about
different months (nothing unrelated is paired)."""

from __future__ import annotations

import pytest

from claimcheck.config import Config
from claimcheck.report import result_to_dict
from claimcheck.stages.extract.dates import dates_compatible

pytestmark = pytest.mark.slow


def _months(claim: dict) -> set[str]:
    return {d["value"] for d in claim.get("slots", {}).get("dates", []) if d["granularity"] != "year"}


def test_second_summit_in_february_2019_is_agree_across_both_articles(seeds_result) -> None:
    findings = result_to_dict(seeds_result)["findings"]
    hits = [f for f in findings if len(f["sources"]) == 2 and all("2019-02" in _months(c) for c in f["claims"])]
    assert len(hits) == 1, [[c["text"] for c in f["claims"]] for f in hits]
    summit = hits[0]
    assert summit["verdict"] == "agree"
    # the later article's "follow-up in February 2019" and the earlier one's relative "February" (resolved
    # against 2019-01-21) are both members
    by_source = {c["source"]: c for c in summit["claims"]}
    assert {d.get("relative", False) for c in summit["claims"] for d in c["slots"]["dates"] if d["value"] == "2019-02"} \
        == {True, False}
    assert len(by_source) == 2
    assert summit["pairs"] and all(p.get("link") == "event" for p in summit["pairs"])


def test_no_finding_joins_claims_about_different_months(seeds_result) -> None:
    for f in result_to_dict(seeds_result)["findings"]:
        if f["verdict"] == "diverge" and f["reason"]["kind"] == "date":
            continue
        dated = [c for c in f["claims"] if _months(c)]
        for a in dated:
            for b in dated:
                if a["source"] != b["source"]:
                    assert any(dates_compatible(x, y) for x in _months(a) for y in _months(b)), (a["text"], b["text"])


def test_every_cross_source_pair_in_a_finding_carries_its_link_evidence(seeds_result) -> None:
    cluster = Config().cluster
    floor = cluster.link_threshold - 2 * cluster.anchor_bonus  # below it, only shared anchors can link a pair
    for f in result_to_dict(seeds_result)["findings"]:
        if len(f["sources"]) < 2:
            continue
        assert f["pairs"], f["id"]
        for p in f["pairs"]:
            assert p["similarity"] >= floor or p.get("shared"), p
