"""Story groups (claimcheck/stages/cluster/stories.py): sources grouped by the specific words they share; two groups
of outlets that each restate their own names, places and days report two different events of one kind, and a link
between them needs ``cluster.story_link_threshold``. Two articles, or outlets of one story whose similar claims share
their facts, are never parted."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import cluster_claims
from claimcheck.stages.cluster.events import claims_facts
from claimcheck.stages.cluster.stories import source_words, story_apart, story_groups
from builders import claim, entity_in, group_vectors

CFG = ClusterConfig()


def _host(source: str, who: str, where: str, day: str) -> Claim:
    text = f"{who} will host the awards gala at {where} on {day}, organisers announced."
    return claim(source, text, cid=source, entities=(entity_in(text, who, "PERSON"), entity_in(text, where, "FAC")))


# two announcements of one kind: three outlets on each, every outlet restating its own event's host, venue and day
TWO_EVENTS = [_host(f"a{k}", "Hugh Jackman", "the Kodak Theatre", "Friday") for k in range(3)] + \
             [_host(f"b{k}", "Ellen DeGeneres", "the Dolby Theatre", "Tuesday") for k in range(3)]


def _vectors(n_a: int, n_b: int, *, across: float, inside: float = 0.95) -> np.ndarray:
    """``builders.group_vectors`` with this module's cosines."""
    return group_vectors(n_a, n_b, across=across, inside=inside)


def _apart(claims: list[Claim], vectors: np.ndarray) -> set[tuple[str, str]]:
    pairs = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))
             if float(vectors[i] @ vectors[j]) >= CFG.story_clash_floor and claims[i].source != claims[j].source]
    return story_apart(claims, max_share=CFG.story_max_share, distance=CFG.story_distance,
                       min_sources=CFG.story_min_sources, max_sources=CFG.story_max_sources,
                       fact_weight=CFG.story_fact_weight, pairs=pairs, facts=claims_facts(claims, config=CFG),
                       min_clash=CFG.story_min_clash, min_own=CFG.story_min_own)


def test_outlets_of_two_events_of_one_kind_fall_into_two_story_groups() -> None:
    groups = story_groups(source_words(TWO_EVENTS), max_share=CFG.story_max_share, distance=CFG.story_distance,
                          fact_weight=CFG.story_fact_weight)
    assert groups["a0"] == groups["a1"] == groups["a2"] != groups["b0"] == groups["b1"] == groups["b2"]
    assert _apart(TWO_EVENTS, _vectors(3, 3, across=0.8)) == {(f"a{x}", f"b{y}") for x in range(3) for y in range(3)}


def test_a_link_between_two_stories_needs_the_story_link_threshold() -> None:
    # one venue and day, two hosts: no pair of claims differs in enough facts to be two events on its own
    claims = [_host(f"a{k}", "Hugh Jackman", "the Kodak Theatre", "Friday") for k in range(3)] + \
             [_host(f"b{k}", "Ellen DeGeneres", "the Kodak Theatre", "Friday") for k in range(3)]
    vectors = _vectors(3, 3, across=0.8)
    together = cluster_claims(claims, vectors, config=dataclasses.replace(CFG, story_link_threshold=0.0))
    assert [len(c.claim_ids) for c in together] == [6]  # the claims alone link at cosine 0.8
    parted = cluster_claims(claims, vectors, config=CFG)
    assert sorted(c.claim_ids for c in parted) == [("a0", "a1", "a2"), ("b0", "b1", "b2")]
    assert len({c.event for c in parted}) == 2  # nor one event group


def test_two_articles_are_never_parted() -> None:
    two = [TWO_EVENTS[0], TWO_EVENTS[3]]
    assert _apart(two, _vectors(1, 1, across=0.8)) == set()


def test_outlets_of_one_story_whose_claims_share_their_facts_are_not_parted() -> None:
    # one announcement: every outlet names the host, venue and day; two pairs of outlets each add their own quote
    def outlet(source: str, extra: str) -> Claim:
        text = f"Hugh Jackman will host the awards gala at the Kodak Theatre on Friday. {extra}"
        return claim(source, text, cid=source, entities=(entity_in(text, "Hugh Jackman", "PERSON"),
                                                         entity_in(text, "Kodak Theatre", "FAC")))

    quote_a = "Producers Laurence Mark and Bill Condon praised his stage career."
    quote_b = "Academy president Sid Ganis called him a triple threat performer."
    claims = [outlet(f"a{k}", quote_a) for k in range(3)] + [outlet(f"b{k}", quote_b) for k in range(3)]
    groups = story_groups(source_words(claims), max_share=CFG.story_max_share, distance=CFG.story_distance,
                          fact_weight=CFG.story_fact_weight)
    assert groups["a0"] != groups["b0"]  # their own quotes make two groups ...
    assert _apart(claims, _vectors(3, 3, across=0.8)) == set()  # ... whose claims share the host and the venue
    # and a handful of outlets is never parted, whatever their words
    assert _apart(TWO_EVENTS[:2] + TWO_EVENTS[3:5], _vectors(2, 2, across=0.8)) == set()
