"""Two occurrences of one story told in other words (claimcheck/stages/cluster/events.py ``story_facts_differ``,
``cluster.event_story_differences``, ``cluster.event_story_max_cosine``): two claims of sources that report one
story (``story_sources``) that differ in several fact kinds at once (the day, the person, the age, the height of the
fall) and share nothing but the story's setting (the place) are two of its occurrences (two climbers' deaths in one
park) when their wording differs too (cosine below the limit). An outlet that changes several facts of one sentence
keeps the rest of its wording (a high cosine): that stays one statement with its conflicts."""

from __future__ import annotations

import dataclasses

from claimcheck.config import ClusterConfig, config_from_dict
from claimcheck.models import Claim
from claimcheck.stages.cluster.events import SameStory, claims_facts, different_event_pairs, fact_agreement
from builders import claim, date_in, entity_in, events_parted, number_in

CFG = ClusterConfig()
STORY = SameStory({"s1": 0, "s2": 0})


def _death(source: str, text: str, *, day: tuple[str, str], person: str, age: tuple[str, float],
           fall: tuple[str, float]) -> Claim:
    return claim(source, text, cid=source, dates=(date_in(text, *day),),
                 entities=(entity_in(text, person, "PERSON"), entity_in(text, "Mount Cook", "LOC")),
                 numbers=(number_in(text, age[0], age[1], kind="age"), number_in(text, fall[0], fall[1], "ft")))


FIRST = _death("s1", "On Friday, 36-year-old Duncan Rait died after slipping 200ft from a ridge on Mount Cook.",
               day=("Friday", "2013-01-04"), person="Duncan Rait", age=("36", 36.0), fall=("200ft", 200.0))
SECOND = _death("s2", "On Saturday, 32-year-old Robert Buckley fell 2,000ft while climbing to a hut on Mount Cook.",
                day=("Saturday", "2013-01-05"), person="Robert Buckley", age=("32", 32.0), fall=("2,000ft", 2000.0))


def _parted(cosine: float | None, config: ClusterConfig = CFG) -> bool:
    return events_parted(FIRST, SECOND, cosine=cosine, config=config, same_story=STORY)


def test_many_changed_facts_in_other_words_are_two_occurrences() -> None:
    facts = claims_facts([FIRST, SECOND], config=CFG)
    agreement = fact_agreement(facts[0], facts[1])
    assert agreement["place"] == 1
    assert sum(v == 0 for v in agreement.values()) >= CFG.event_story_differences
    assert _parted(0.5)


def test_an_edited_sentence_keeps_its_wording_and_stays_one_statement() -> None:
    # the same changed facts at the cosine of one outlet's edited sentence (tests/fixtures/quake4: 0.77)
    assert not _parted(0.77)
    # no cosine to read: the rule cannot tell, so it does not part
    assert not _parted(None)


def test_a_shared_fact_or_the_rule_off_keeps_them_comparable() -> None:
    off = dataclasses.replace(CFG, event_story_differences=0)
    assert not _parted(0.5, off)
    fewer = dataclasses.replace(CFG, event_story_differences=5)
    assert not _parted(0.5, fewer)
    # one shared identifying fact (the same day): one occurrence whose other facts conflict
    text = "On Friday, 32-year-old Robert Buckley fell 2,000ft while climbing to a hut on Mount Cook."
    same_day = _death("s2", text, day=("Friday", "2013-01-04"), person="Robert Buckley", age=("32", 32.0),
                      fall=("2,000ft", 2000.0))
    claims = [FIRST, same_day]
    assert different_event_pairs(claims, [(0, 1)], config=CFG, same_story=STORY, similarity=lambda i, j: 0.5) == set()


def test_event_story_keys_are_checked() -> None:
    import pytest

    from claimcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="event_story_max_cosine"):
        config_from_dict({"cluster": {"event_story_max_cosine": 1.5}})
    with pytest.raises(ConfigError, match="event_story_differences"):
        config_from_dict({"cluster": {"event_story_differences": -1}})


def _toll(source: str, text: str, *, day: str, place: str, dead: tuple[str, float]) -> Claim:
    return claim(source, text, cid=source, entities=(entity_in(text, place, "GPE"),),
                 numbers=(number_in(text, dead[0], dead[1], "people", role="dead", noun="person"),))


def test_an_outlet_wrong_about_day_place_and_toll_of_one_event_is_not_parted() -> None:
    # no participant or occurrence differs (cluster.event_story_apart_kinds): the outlet's three changed facts are
    # conflicts of one statement, even in other words (cosine 0.65-0.69 in tests/fixtures/railcrash)
    herald = _toll("s1", "Nine people were killed when a passenger train derailed near Marlow on Tuesday.",
                   day="Tuesday", place="Marlow", dead=("Nine people", 9.0))
    wire = _toll("s2", "A passenger train derailed near Alderwick on Monday, killing six people.",
                 day="Monday", place="Alderwick", dead=("six people", 6.0))
    facts = claims_facts([herald, wire], config=CFG)
    differ = {k for k, v in fact_agreement(facts[0], facts[1]).items() if v == 0}
    assert differ == {"weekday", "place", "quantity"}
    assert not events_parted(herald, wire, cosine=0.65, config=CFG, same_story=STORY)
    # the climbers differ in who died: two occurrences at that cosine
    assert _parted(0.65)
    # the kinds are a setting: with none the cosine branch is off, with the weekday the outlet is parted
    assert not _parted(0.5, dataclasses.replace(CFG, event_story_apart_kinds=[]))
    weekday = dataclasses.replace(CFG, event_story_apart_kinds=["weekday"])
    assert events_parted(herald, wire, cosine=0.65, config=weekday, same_story=STORY)


def test_event_story_apart_kinds_are_checked() -> None:
    import pytest

    from claimcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="event_story_apart_kinds"):
        config_from_dict({"cluster": {"event_story_apart_kinds": ["colour"]}})
