"""Different events stay apart (claimcheck/stages/cluster/events.py): two claims that differ in several identifying facts
(place, date, quantity), or in a weekday or a result and share nothing, are not the same event and are never
linked or clustered together, however similar their wording; a story's outlets that differ in one or two facts
and share the rest still link (so their conflicts are reported). Counted words let paraphrases of one count link."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from claimcheck.config import ClusterConfig, config_from_dict
from claimcheck.errors import ConfigError
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import claim_anchors, cluster_claims, counted_words
from claimcheck.stages.cluster.events import (can_be_same_event, claims_facts, common_names, different_event_pairs,
                                      different_event_sources, event_facts, fact_agreement)
from builders import claim, date_in, entity_in, number_in
from conftest import vectors_with_cosines

CFG = ClusterConfig()


def _claim(cid: str, source: str, text: str, *, places: tuple[str, ...] = (), people: tuple[str, ...] = (),
           orgs: tuple[str, ...] = (), dates: dict[str, str] | None = None,
           numbers: tuple[tuple[str, float, str | None, str], ...] = ()) -> Claim:
    """A claim whose slots sit where their words are in the text; numbers are (words, value, unit, kind)."""
    ents = [entity_in(text, w, lab, w.lower()) for lab, names in (("GPE", places), ("PERSON", people), ("ORG", orgs))
            for w in names]
    ds = [date_in(text, w, v) for w, v in (dates or {}).items()]
    ns = [number_in(text, w, v, u, kind=k) for w, v, u, k in numbers]
    return claim(source, text, cid=cid, dates=tuple(ds), numbers=tuple(ns), entities=tuple(ents))


QUAKE_A = _claim("a", "s1", "A quake killed 12 people in Bam on 2003-12-26.", places=("Bam",),
                 dates={"2003-12-26": "2003-12-26"}, numbers=(("12 people", 12.0, "people", "count"),))
QUAKE_B = _claim("b", "s2", "A quake killed 40 people in Zarand on 2005-02-22.", places=("Zarand",),
                 dates={"2005-02-22": "2005-02-22"}, numbers=(("40 people", 40.0, "people", "count"),))
# the same quake as QUAKE_A by another outlet: a different date and toll, the same place
QUAKE_A2 = _claim("c", "s3", "A quake killed 15 people in Bam on 2003-12-27.", places=("Bam",),
                  dates={"2003-12-27": "2003-12-27"}, numbers=(("15 people", 15.0, "people", "count"),))


def test_claims_differing_in_place_date_and_toll_cannot_be_the_same_event() -> None:
    assert fact_agreement(event_facts(QUAKE_A), event_facts(QUAKE_B)) == {"date": 0, "place": 0, "quantity": 0}
    assert not can_be_same_event(QUAKE_A, QUAKE_B, config=CFG)
    assert not can_be_same_event(QUAKE_B, QUAKE_A, config=CFG)


def test_an_outlet_differing_in_date_and_toll_but_naming_the_same_place_can_be_the_same_event() -> None:
    assert fact_agreement(event_facts(QUAKE_A), event_facts(QUAKE_A2)) == {"date": 0, "place": 1, "quantity": 0}
    assert can_be_same_event(QUAKE_A, QUAKE_A2, config=CFG)


def test_claims_without_identifying_facts_can_always_be_the_same_event() -> None:
    plain = _claim("p", "s1", "The quake destroyed many homes.")
    assert can_be_same_event(plain, QUAKE_A, config=CFG)
    assert can_be_same_event(plain, plain, config=CFG)


def test_a_different_weekday_or_result_alone_separates_events_unless_a_fact_is_shared() -> None:
    fri = _claim("f", "s1", "Police said the fire broke out on Friday.")
    sat = _claim("t", "s2", "Police said the fire broke out on Saturday.")
    assert not can_be_same_event(fri, sat, config=CFG)
    assert can_be_same_event(fri, _claim("g", "s2", "The fire broke out on Friday night."), config=CFG)
    with_place = [_claim(k, s, f"The fire in Banstead broke out on {d}.", places=("Banstead",))
                  for k, s, d in (("x", "s1", "Friday"), ("y", "s2", "Saturday"))]
    assert can_be_same_event(*with_place, config=CFG)  # a shared place: one fire, a weekday conflict
    won = _claim("w", "s1", "The Colts won 31-24 to clinch the fifth seed.")
    lost = _claim("v", "s2", "The Colts won 20-13 to clinch a playoff berth.")
    assert not can_be_same_event(won, lost, config=CFG)
    assert can_be_same_event(won, _claim("u", "s2", "A 24-31 loss for the Jaguars."), config=CFG)
    off = dataclasses.replace(CFG, event_strong=[])
    assert can_be_same_event(fri, sat, config=off)


def test_a_name_most_claims_share_is_no_evidence_of_the_same_event() -> None:
    texts = [("a", "s1", "A fire destroyed a Waitrose store on Friday."),
             ("b", "s2", "A fire destroyed a Waitrose store on Saturday."),
             ("c", "s3", "Waitrose said staff were safe.")]
    claims = [_claim(k, s, t, orgs=("Waitrose",)) for k, s, t in texts]
    assert common_names(claims, max_share=0.3) == frozenset({frozenset({"waitrose"})})
    facts = claims_facts(claims, config=CFG)
    assert "org" not in fact_agreement(facts[0], facts[1])  # a shared common name counts neither way
    assert different_event_pairs(claims, [(0, 1)], config=CFG) == {(0, 1)}
    rare = frozenset()
    assert can_be_same_event(claims[0], claims[1], config=CFG, common=rare)  # shared and specific: same event
    assert not can_be_same_event(claims[0], claims[1], config=CFG, common=common_names(claims, max_share=0.3))


def test_different_event_pairs_agree_with_the_pairwise_predicate() -> None:
    claims = [QUAKE_A, QUAKE_B, QUAKE_A2, _claim("p", "s4", "The quake destroyed many homes."),
              _claim("f", "s5", "Rescue began on Friday."), _claim("t", "s6", "Rescue began on Saturday.")]
    pairs = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))]
    common = common_names(claims, max_share=CFG.event_common_share)
    want = {(i, j) for i, j in pairs if not can_be_same_event(claims[i], claims[j], config=CFG, common=common)}
    assert different_event_pairs(claims, pairs, config=CFG) == want
    assert (0, 1) in want and (4, 5) in want and (0, 2) not in want




def _gram_vectors(gram: list[list[float]]) -> np.ndarray:
    """Unit vectors whose pairwise cosines are exactly ``gram`` (positive definite)."""
    return np.linalg.cholesky(np.array(gram, dtype=np.float64)).astype(np.float32)


def test_two_different_events_with_different_places_and_dates_are_not_linked() -> None:
    vectors = vectors_with_cosines({(0, 1): 0.9}, 2)
    clusters = cluster_claims([QUAKE_A, QUAKE_B], vectors, config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a",), ("b",)]
    off = dataclasses.replace(CFG, event_differences=11, event_strong=[])
    assert [c.claim_ids for c in cluster_claims([QUAKE_A, QUAKE_B], vectors, config=off)] == [("a", "b")]


def test_a_claim_without_facts_does_not_chain_two_different_events_into_one_cluster() -> None:
    plain = _claim("p", "s4", "A powerful quake killed dozens of people in the region.")
    claims = [QUAKE_A, QUAKE_B, plain]
    vectors = _gram_vectors([[1.0, 0.7, 0.8], [0.7, 1.0, 0.8], [0.8, 0.8, 1.0]])
    clusters = cluster_claims(claims, vectors, config=CFG)
    assert not any({"a", "b"} <= set(c.claim_ids) for c in clusters)
    assert sorted(cid for c in clusters for cid in c.claim_ids) == ["a", "b", "p"]


def test_the_same_event_with_one_conflicting_fact_still_forms_one_cluster() -> None:
    vectors = vectors_with_cosines({(0, 1): 0.9}, 2)
    assert [c.claim_ids for c in cluster_claims([QUAKE_A, QUAKE_A2], vectors, config=CFG)] == [("a", "c")]


def test_event_date_links_are_not_made_between_different_events() -> None:
    # the same month, but another weekday, place and leader: more kinds differ than are shared
    summit = [_claim("a", "s1", "Trump's summit in Hanoi ended on Friday in February.", places=("Hanoi",),
                     people=("Trump",), dates={"February": "2019-02"}),
              _claim("b", "s2", "Putin's summit in Geneva began on Monday in February.", places=("Geneva",),
                     people=("Putin",), dates={"February": "2019-02"})]
    vectors = vectors_with_cosines({(0, 1): 0.4}, 2)
    assert sorted(c.claim_ids for c in cluster_claims(summit, vectors, config=CFG)) == [("a",), ("b",)]
    same_day = [summit[0], dataclasses.replace(summit[1], text=summit[1].text.replace("Monday", "Friday"))]
    assert [c.claim_ids for c in cluster_claims(same_day, vectors, config=CFG)] == [("a", "b")]


def test_sources_whose_claims_differ_more_than_they_share_report_different_events() -> None:
    claims = [QUAKE_A, QUAKE_B, QUAKE_A2]
    pairs = [(0, 1), (0, 2), (1, 2)]
    assert different_event_sources(claims, pairs, margin=2) == {("s1", "s2"), ("s2", "s3")}
    # s1 / s3: date and toll differ, the place is shared (+1): apart only at margin 1
    assert different_event_sources(claims, pairs, margin=1) == {("s1", "s2"), ("s1", "s3"), ("s2", "s3")}


def test_paraphrases_of_one_count_share_what_it_counts() -> None:
    texts = ["Two people are still missing.", "Two remain missing, the coast guard said.",
             "The search for two missing people went on."]
    claims = []
    for k, t in enumerate(texts):
        start = t.lower().index("two")
        unit = t[start:].split()[1].strip(",")
        claims.append(_claim(str(k), f"s{k}", t, numbers=((t[start:start + 3 + 1 + len(unit)], 2.0, unit, "count"),)))
    assert all((2.0, "missing") in counted_words(c) for c in claims)
    anchors = claim_anchors(claims)
    assert all("count:2 missing" in a for a in anchors)
    one = _claim("o", "s9", "One person is missing.", numbers=(("One person", 1.0, "person", "count"),))
    assert counted_words(one) == frozenset()


def test_unknown_strong_fact_kinds_are_refused() -> None:
    with pytest.raises(ConfigError, match="event_strong"):
        config_from_dict({"cluster": {"event_strong": ["weather"]}})
    assert config_from_dict({"cluster": {"event_strong": ["place", "date"]}}).cluster.event_strong == ["place", "date"]


def test_a_group_from_the_sparse_path_is_split_again_so_different_events_stay_apart(monkeypatch) -> None:
    # a component of four is "large" here (max_dense 3); whatever group of three the sparse split returns, the
    # dense split of that group keeps the two different events a and b apart
    from claimcheck.stages.cluster import clusters as cluster_stage

    plain = _claim("p", "s4", "A powerful quake killed people in the region.")
    other = _claim("q", "s5", "Aid groups asked for donations.")
    claims = [QUAKE_A, QUAKE_B, plain, other]
    vectors = _gram_vectors([[1.0, 0.8, 0.85, 0.3], [0.8, 1.0, 0.85, 0.3], [0.85, 0.85, 1.0, 0.62],
                             [0.3, 0.3, 0.62, 1.0]])
    monkeypatch.setattr(cluster_stage, "_split_sparse", lambda comp, *a, **k: [comp[:3], comp[3:]])
    clusters = cluster_claims(claims, vectors, config=dataclasses.replace(CFG, max_dense=3))
    assert not any({"a", "b"} <= set(c.claim_ids) for c in clusters)
    assert sorted(cid for c in clusters for cid in c.claim_ids) == ["a", "b", "p", "q"]


@pytest.mark.slow
def test_three_outlets_paraphrasing_one_count_form_one_finding(tmp_path) -> None:
    """With the real model: "two people are still missing" / "two remain missing" / "the search for two missing
    people" (cosine 0.49-0.58, below the link threshold) link through what the count counts."""
    from claimcheck import api

    bodies = {"a": "Two people are still missing after the ferry sank near the port.",
              "b": "Two remain missing, the coast guard said.",
              "c": "The search for two missing people continued on Tuesday."}
    for name, body in bodies.items():
        (tmp_path / f"{name}.txt").write_text(f"---\npublished: 2024-03-05\n---\n{body}\n", encoding="utf-8")
    result = api.compare([str(tmp_path)], cache_dir=None)
    assert [(f.verdict, f.sources) for f in result.findings] == [("agree", ("a", "b", "c"))]
    assert all("count 2 missing" in p.shared for p in result.findings[0].pairs)


def test_a_counted_word_stays_inside_the_numbers_phrase() -> None:
    text = "The ferry sank, killing 14 people, the coast guard said."
    start = text.index("14")
    claim = _claim("x", "s1", text, numbers=(("14 people", 14.0, "people", "count"),))
    assert claim.start == 0 and text[start:start + 9] == "14 people"
    assert counted_words(claim) == frozenset({(14.0, "people")})


def test_a_different_ordinal_or_age_alone_is_a_conflict_by_default_and_separates_events_when_strong() -> None:
    second = _claim("o2", "s1", "The queen arrived for her second visit.",
                    numbers=(("second visit", 2.0, "visit", "ordinal"),))
    third = _claim("o3", "s2", "The queen arrived for her third visit.",
                   numbers=(("third visit", 3.0, "visit", "ordinal"),))
    assert fact_agreement(event_facts(second), event_facts(third)) == {"ordinal": 0}
    # by default an outlet's other ordinal or age in one story is a conflict to report, not another event
    assert can_be_same_event(second, third, config=CFG)
    strong = dataclasses.replace(CFG, event_strong=["weekday", "score", "ordinal", "age"])
    assert not can_be_same_event(second, third, config=strong)
    in_oslo = [_claim(k, s, f"The queen arrived in Oslo for her {w} visit.", places=("Oslo",),
                      numbers=((f"{w} visit", v, "visit", "ordinal"),))
               for k, s, w, v in (("p2", "s1", "second", 2.0), ("p3", "s2", "third", 3.0))]
    assert can_be_same_event(*in_oslo, config=strong)  # one visit to Oslo: an ordinal conflict to report
    old = _claim("a1", "s1", "The 36-year-old driver died at the scene.", numbers=(("36-year-old", 36.0, "year", "age"),))
    young = _claim("a2", "s2", "The 19-year-old driver died at the scene.",
                   numbers=(("19-year-old", 19.0, "year", "age"),))
    assert can_be_same_event(old, young, config=CFG) and not can_be_same_event(old, young, config=strong)
