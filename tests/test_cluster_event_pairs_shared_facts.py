"""``different_event_pairs`` (claimcheck/stages/cluster/events.py) decides what two claims' facts say once per pair
of facts objects (equal facts are one object in a run, ``ValueSharer``) and reads each pair's own cosine after: a
story's outlets that repeat one sentence get the same answer as pair-by-pair calls, and a rule that asks for the
cosine still reads each pair's own."""

from __future__ import annotations

import dataclasses

from claimcheck.config import ClusterConfig
from claimcheck.stages.cluster.events import SameStory, claims_facts, different_event_pairs
from test_cluster_story_many_differences import FIRST, SECOND

CFG = ClusterConfig()


def _copies() -> list:
    # four outlets of one story: two tell the first climber's death, two the second's, in the same words
    return [FIRST, SECOND, dataclasses.replace(FIRST, id="s3", source="s3"),
            dataclasses.replace(SECOND, id="s4", source="s4")]


def test_shared_facts_get_each_pairs_own_cosine() -> None:
    claims = _copies()
    facts = claims_facts(claims, config=CFG)
    shared = [facts[0], facts[1], facts[0], facts[1]]  # equal facts as one object, as a run shares them
    story = SameStory({s: 0 for s in ("s1", "s2", "s3", "s4")})
    cosines = {(0, 1): 0.5, (2, 3): 0.9, (0, 3): 0.5, (1, 2): 0.95, (0, 2): 1.0, (1, 3): 1.0}
    pairs = sorted(cosines)

    def sim(i: int, j: int) -> float:
        return cosines[(i, j)]

    together = different_event_pairs(claims, pairs, config=CFG, facts=shared, same_story=story, similarity=sim)
    one_by_one = set().union(*(different_event_pairs(claims, [p], config=CFG, facts=facts, same_story=story,
                                                     similarity=sim) for p in pairs))
    assert together == one_by_one == {(0, 1), (0, 3)}  # worded apart: parted; the same facts in one wording: not


def test_shared_facts_outside_a_story_and_without_cosines() -> None:
    claims = _copies()
    facts = claims_facts(claims, config=CFG)
    shared = [facts[0], facts[1], facts[0], facts[1]]
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    for story in (frozenset(), SameStory({s: 0 for s in ("s1", "s2", "s3", "s4")})):
        together = different_event_pairs(claims, pairs, config=CFG, facts=shared, same_story=story)
        one_by_one = set().union(*(different_event_pairs(claims, [p], config=CFG, facts=facts, same_story=story)
                                   for p in pairs))
        assert together == one_by_one
    # two sources not of one story: the day, person, age and height all differ, nothing but the place is shared
    assert different_event_pairs(claims, pairs, config=CFG, facts=shared) == {(0, 1), (0, 3), (1, 2), (2, 3)}


def test_positions_of_a_mask_are_the_pairs_one_by_one() -> None:
    # different_event_positions (a dense group's mask, decided as arrays) gives the pairs different_event_pairs gives
    import numpy as np

    from claimcheck.stages.cluster.events import different_event_positions

    claims = _copies()
    facts = claims_facts(claims, config=CFG)
    shared = [facts[0], facts[1], facts[0], facts[1]]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0.6, 0.8, 0]], dtype=np.float32)
    comp = [3, 0, 2, 1]  # a group's claims in any order; positions index comp
    near = np.triu(np.ones((4, 4), dtype=bool), 1)
    found_any = False
    for story in (frozenset(), SameStory({s: 0 for s in ("s1", "s2", "s3", "s4")}), frozenset({("s1", "s2")})):
        for vecs in (vectors, None):
            rows, cols = different_event_positions(claims, comp, near.copy(), config=CFG, facts=shared,
                                                   same_story=story, vectors=vecs)
            got = {(comp[a], comp[b]) for a, b in zip(rows.tolist(), cols.tolist())}
            sim = None if vecs is None else (lambda i, j: float(vectors[i] @ vectors[j]))
            pairs = [(comp[a], comp[b]) for a, b in zip(*np.nonzero(near))]
            assert got == different_event_pairs(claims, pairs, config=CFG, facts=facts, same_story=story,
                                                similarity=sim)
            found_any |= bool(got)
    assert found_any


def _random_facts(count: int, seed: int) -> list:
    # facts drawn from small pools of values, so that pairs share, differ in or leave out each kind in every mix
    import random

    from claimcheck.stages.cluster.events import EventFacts

    rnd = random.Random(seed)
    pools = {
        "dates": [("2019", "2019-01-01", "2019-12-31"), ("June 2017", "2017-06-01", "2017-06-30"),
                  ("2014", "2014-01-01", "2014-12-31"), ("Monday", "", "")],
        "weekdays": ["monday", "friday"],
        "ordinals": [("visit", 2.0), ("visit", 3.0), ("title", 1.0)],
        "ages": [31.0, 47.0],
        "places": [(frozenset({"paris"}), False), (frozenset({"lyon"}), False), (frozenset({"france"}), True)],
        "persons": [(frozenset({"kim"}), True), (frozenset({"smith"}), False), (frozenset({"jones"}), False)],
        "orgs": [(frozenset({"un"}), False), (frozenset({"nato"}), False)],
        "scores": [(20, 13), (3, 1)],
        "groups": ["british", "english", "australian", "somali"],
        "quantities": [("count", "passengers", 48.0, False), ("count", "passengers", 50.0, True),
                       ("money", "usd", 1e6, False)],
        "people": [("climber", 1.0), ("climber", 2.0)],
        "rivals": ["australian", "english"],
    }
    out = []
    for _ in range(count):
        fields = {name: frozenset(rnd.sample(pool, rnd.choice([0, 0, 1, 2])))
                  for name, pool in pools.items()}
        out.append(EventFacts(**fields))
    return out


def test_group_verdicts_as_arrays_are_the_pair_verdicts() -> None:
    # _GroupVerdicts (a group's distinct facts pairs decided as arrays) answers what _pair_verdict answers pair by
    # pair, for sources of one story and not, under the default rules and with each rule's setting changed
    import numpy as np

    from claimcheck.stages.cluster.events import _GroupVerdicts, _pair_verdict

    facts = _random_facts(70, seed=3)
    a, b = (x.ravel() for x in np.meshgrid(np.arange(len(facts)), np.arange(len(facts)), indexing="ij"))
    story = (a + b) % 3 == 0
    variants = [CFG, ClusterConfig(event_years_apart=0), ClusterConfig(event_story_strong=[]),
                ClusterConfig(event_story_differences=1), ClusterConfig(event_differences=1),
                ClusterConfig(event_strong=["weekday", "score", "date"]),
                ClusterConfig(event_story_apart_kinds=["place"])]
    seen = set()
    for config in variants:
        got = _GroupVerdicts(facts, config=config).decide(a, b, story)
        for p in range(len(a)):
            years, rest = _pair_verdict(facts[a[p]], facts[b[p]], story=bool(story[p]), config=config)
            assert int(got[p]) == int(years) + 2 * rest, (config, p)
            seen.add((years, rest))
    assert len(seen) >= 5  # the pool reaches years apart, apart, worded apart and not apart


def test_pairs_given_as_arrays_are_the_pairs_one_by_one(monkeypatch) -> None:
    # different_event_arrays (a clustering pass's links as two index arrays) parts the pairs different_event_pairs
    # parts, blank facts and repeated facts objects included, over several blocks
    import random
    from types import SimpleNamespace

    import numpy as np

    import claimcheck.stages.cluster.events as events
    from claimcheck.stages.cluster.events import EventFacts, different_event_arrays

    pool = _random_facts(40, seed=8) + [EventFacts()]
    rnd = random.Random(2)
    facts = [rnd.choice(pool) for _ in range(120)]  # a run shares equal facts as one object
    claims = [SimpleNamespace(source=f"s{k % 9}") for k in range(len(facts))]
    pairs = sorted({(rnd.randrange(120), rnd.randrange(120)) for _ in range(3000)})
    rows, cols = np.array([i for i, _ in pairs]), np.array([j for _, j in pairs])
    monkeypatch.setattr(events, "_PAIR_BLOCK", 500)
    for config in (CFG, ClusterConfig(event_differences=1), ClusterConfig(event_strong=["date"])):
        got = different_event_arrays(rows, cols, config=config, facts=facts)
        assert got == different_event_pairs(claims, pairs, config=config, facts=facts)
        assert got
