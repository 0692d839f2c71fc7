"""Two occurrences inside one story (claimcheck/stages/cluster/events.py ``people_counts``,
``story_facts_differ``, ``cluster.event_story_strong``): outlets that restate each other's facts are one story and
no different-event rule parts their claims, but "one Australian and one English climber have fallen to their
deaths" (the two deaths) and "a British climber has fallen to his death" (one of them) count different numbers of
people with their group words and share nothing but the story's setting (its place, group words, organisations):
two occurrences, never one statement. The same two sentences sharing a fact (the day) stay comparable, so an
outlet's changed count is still reported. Group words that one claim of the run coordinates as two peoples
(``coordinated_groups``, ``with_rivals``) make "a British climber" and "an Australian mountaineer" two people
(``distinct_participants``) in that run only."""

from __future__ import annotations

import dataclasses

from claimcheck.config import ClusterConfig, config_from_dict
from claimcheck.models import Claim
from claimcheck.stages.cluster.events import (SameStory, claims_facts, coordinated_groups, different_event_pairs,
                                              distinct_participants, fact_agreement, people_counts)
from builders import claim, date_in, entity_in

CFG = ClusterConfig()
STORY = SameStory({"s1": 0, "s2": 0})


def _claim(cid: str, source: str, text: str, groups: tuple[str, ...], *, dates: dict[str, str] | None = None) -> Claim:
    ents = tuple(entity_in(text, g, "NORP", g.lower()) for g in groups)
    ds = tuple(date_in(text, w, v) for w, v in (dates or {}).items())
    return claim(source, text, cid=cid, entities=ents, dates=ds)


BOTH = _claim("p", "s1", "One Australian and one English climber have fallen to their deaths in New Zealand.",
              ("Australian", "English"))
ONE = _claim("b", "s2", "A British climber has fallen to his death in New Zealand.", ("British",))


def test_group_words_count_the_people_they_name() -> None:
    assert people_counts(BOTH) == {("climber", 2.0)}
    assert people_counts(ONE) == {("climber", 1.0)}
    aged = _claim("c", "s3", "A 32-year-old British climber dies after a fall.", ("British",))
    assert people_counts(aged) == {("climber", 1.0)}
    # a number before them, or a plural noun without "one"/"a" before each: how many is unsaid
    many = _claim("d", "s3", "The navy captured 23 Somali and Yemeni pirates.", ("Somali", "Yemeni"))
    plural = _claim("e", "s3", "English and Australian climbers fall to their deaths.", ("English", "Australian"))
    assert people_counts(many) == frozenset() and people_counts(plural) == frozenset()


def test_two_occurrences_of_one_story_are_parted() -> None:
    claims = [BOTH, ONE]
    facts = claims_facts(claims, config=CFG)
    assert fact_agreement(facts[0], facts[1])["people"] == 0
    assert different_event_pairs(claims, [(0, 1)], config=CFG, facts=facts, same_story=STORY) == {(0, 1)}
    # without the rule, one story's sources are never parted
    off = dataclasses.replace(CFG, event_story_strong=[])
    assert different_event_pairs(claims, [(0, 1)], config=off, facts=facts, same_story=STORY) == set()


def test_the_same_count_or_a_shared_fact_keeps_them_one_event() -> None:
    other = _claim("q", "s2", "An Australian and an English climber fell to their deaths in New Zealand.",
                   ("Australian", "English"))
    claims = [BOTH, other]
    assert different_event_pairs(claims, [(0, 1)], config=CFG, same_story=STORY) == set()
    # one outlet says two died on Saturday, another one on Saturday: the shared day keeps the changed count a
    # conflict of one event, not two events
    day_a = _claim("x", "s1", "One Australian and one English climber died on Saturday.", ("Australian", "English"),
                   dates={"Saturday": "2013-01-05"})
    day_b = _claim("y", "s2", "A British climber died on Saturday.", ("British",), dates={"Saturday": "2013-01-05"})
    assert different_event_pairs([day_a, day_b], [(0, 1)], config=CFG, same_story=STORY) == set()


def test_event_story_strong_names_fact_kinds() -> None:
    import pytest

    from claimcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="event_story_strong"):
        config_from_dict({"cluster": {"event_story_strong": ["weather"]}})
    assert config_from_dict({"cluster": {"event_story_strong": []}}).cluster.event_story_strong == []


def test_coordinated_group_words_are_two_peoples() -> None:
    assert coordinated_groups(BOTH) == {("australian", "english"), ("english", "australian")}
    # "English and British" can name one people: no pair; a single group word: none
    same = _claim("s", "s3", "English and British climbers reached the summit.", ("English", "British"))
    assert coordinated_groups(same) == frozenset() and coordinated_groups(ONE) == frozenset()


def test_a_shared_place_does_not_keep_two_counts_of_people_together() -> None:
    # the story's place is its setting, not evidence of one occurrence: the two deaths and one of them, both "in
    # New Zealand", are still two statements
    both = dataclasses.replace(BOTH, slots=dataclasses.replace(
        BOTH.slots, entities=BOTH.slots.entities + (entity_in(BOTH.text, "New Zealand", "GPE", "new zealand"),)))
    one = dataclasses.replace(ONE, slots=dataclasses.replace(
        ONE.slots, entities=ONE.slots.entities + (entity_in(ONE.text, "New Zealand", "GPE", "new zealand"),)))
    facts = claims_facts([both, one], config=CFG)
    assert fact_agreement(facts[0], facts[1])["place"] == 1
    assert different_event_pairs([both, one], [(0, 1)], config=CFG, facts=facts, same_story=STORY) == {(0, 1)}


def test_group_words_a_run_names_as_two_people_part_their_claims() -> None:
    british = _claim("h1", "s1", "British climber dies in New Zealand fall", ("British",))
    australian = _claim("h2", "s2", "Australian ski mountaineer dies in fall in New Zealand", ("Australian",))
    # with a claim of the run naming an Australian and an English climber, the British and the Australian climber
    # are two people: two statements, within one story and across stories
    claims = [british, australian, dataclasses.replace(BOTH, source="s3")]
    facts = claims_facts(claims, config=CFG)
    assert facts[0].rivals == {"australian"} and facts[1].rivals == {"english"}
    assert distinct_participants(facts[0], facts[1]) and distinct_participants(facts[1], facts[0])
    assert different_event_pairs(claims, [(0, 1)], config=CFG, facts=facts) == {(0, 1)}
    assert different_event_pairs(claims, [(0, 1)], config=CFG, facts=facts, same_story=STORY) == {(0, 1)}
    # alone, an outlet's other nationality for the climber is a conflict to report, not another person
    alone = claims_facts(claims[:2], config=CFG)
    assert not alone[0].rivals
    assert different_event_pairs(claims[:2], [(0, 1)], config=CFG, facts=alone) == set()
    assert different_event_pairs(claims[:2], [(0, 1)], config=CFG, facts=alone, same_story=STORY) == set()
