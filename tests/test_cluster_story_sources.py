"""Sources of one story (claimcheck/stages/cluster/events.py story_sources): two sources whose linked claims
restate each other's specific facts ("two missing", "48 passengers") report one story, so a different weekday
alone does not part their claims into two events: the outlet that says "Wednesday, killing seven" where the
others say "Tuesday, killing five" is a conflict of the story (a number conflict with its majority and outlier),
not a unique fact. Without that shared support a weekday alone still separates two events."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.config import ClusterConfig, config_from_dict
from claimcheck.errors import ConfigError
from claimcheck.stages.cluster.clusters import claim_anchors, cluster_claims
from claimcheck.stages.cluster.events import story_sources

from builders import claim, number_in
from conftest import vectors_with_cosines

CFG = ClusterConfig()
FERRY = Path(__file__).resolve().parent / "fixtures" / "ferry"


def _count(cid: str, source: str, text: str, words: str, value: float, unit: str) -> object:
    return claim(source, text, cid=cid, numbers=(number_in(text, words, value, unit),))


def test_sources_restating_specific_facts_twice_are_one_story_and_the_story_is_transitive() -> None:
    claims = [_count("a1", "a", "Two people are still missing.", "Two people", 2, "people"),
              _count("a2", "a", "The ferry carried 48 passengers.", "48 passengers", 48, "passengers"),
              _count("c1", "c", "The search for two missing people went on.", "two missing people", 2, "people"),
              _count("c2", "c", "The ferry had 48 passengers on board.", "48 passengers", 48, "passengers"),
              _count("b1", "b", "The ferry had 48 passengers on board.", "48 passengers", 48, "passengers"),
              _count("b2", "b", "Two people are still missing.", "Two people", 2, "people"),
              _count("d1", "d", "The ferry had 48 passengers on board.", "48 passengers", 48, "passengers")]
    anchors = claim_anchors(claims, max_share=1.0)
    links = [(0, 2), (1, 3), (1, 4), (0, 5), (1, 6)]
    two = story_sources(claims, links, anchors, min_links=2)
    assert two.pairs() == {("a", "b"), ("a", "c"), ("b", "c")}
    assert ("c", "b") in two and ("a", "d") not in two and ("a", "a") not in two
    assert story_sources(claims, links, anchors, min_links=1).pairs() == {
        (x, y) for x in "abcd" for y in "abcd" if x < y}
    none = story_sources(claims, links, anchors, min_links=0)
    assert not none and none.pairs() == set() and ("a", "b") not in none


def test_a_chain_of_restating_sources_is_one_story_end_to_end() -> None:
    """300 sources each restating the next: the first and the last are one story (membership by story label)."""
    claims = [_count(f"s{k}", f"src{k:03d}", "The ferry carried 48 passengers.", "48 passengers", 48, "passengers")
              for k in range(300)] + \
             [_count(f"t{k}", f"src{k:03d}", "Two people are still missing.", "Two people", 2, "people")
              for k in range(300)]
    anchors = claim_anchors(claims, max_share=1.0)
    links = [(k, k + 1) for k in range(299)] + [(300 + k, 301 + k) for k in range(299)]
    story = story_sources(claims, links, anchors, min_links=2)
    assert ("src000", "src299") in story
    assert len(story.pairs()) == 300 * 299 // 2


def _weekday_pair() -> list:
    text_a = "A ferry capsized on Tuesday, killing five people."
    text_c = "A ferry sank on Wednesday, killing seven people."
    return [_count("x", "a", text_a, "five people", 5, "people"), _count("y", "c", text_c, "seven people", 7, "people")]


def test_a_weekday_alone_parts_two_sources_that_share_nothing_else() -> None:
    vectors = vectors_with_cosines({(0, 1): 0.9}, 2)
    assert [c.claim_ids for c in cluster_claims(_weekday_pair(), vectors, config=CFG)] == [("x",), ("y",)]


def test_a_weekday_alone_does_not_part_two_sources_of_one_story() -> None:
    pair = _weekday_pair()
    support = [_count(f"s{n}{src}", src, f"The ferry carried {n} passengers and {n} crew.", f"{n} passengers", n,
                      "passengers") for n in (48, 12) for src in "ac"]
    claims = pair + support
    # the story's support links: each "n passengers" claim of a with its twin of c
    vectors = vectors_with_cosines({(0, 1): 0.9, (2, 3): 0.95, (4, 5): 0.95}, len(claims))
    clusters = {c.claim_ids for c in cluster_claims(claims, vectors, config=CFG)}
    assert ("x", "y") in clusters
    off = dataclasses.replace(CFG, event_story_links=0)
    assert ("x", "y") not in {c.claim_ids for c in cluster_claims(claims, vectors, config=off)}


def test_event_story_links_must_be_a_count() -> None:
    with pytest.raises(ConfigError):
        config_from_dict({"cluster": {"event_story_links": -1}})


@pytest.mark.slow
def test_an_outlet_giving_another_day_and_toll_is_a_conflict_of_the_story_not_unique(real_embedder) -> None:
    result = api.compare([str(FERRY)], embedder=real_embedder)
    (finding,) = [f for f in result.findings if any(c.source == "c" and "seven" in c.text for c in f.claims)]
    assert finding.verdict == "diverge" and finding.sources == ("a", "b", "c")
    (toll,) = [k for k in finding.conflicts if k.kind == "number"]
    assert [s.sources for s in toll.sides] == [("a", "b"), ("c",)]
    assert toll.outliers == ("c",)
    assert not [f for f in result.findings if f.verdict == "unique"]
