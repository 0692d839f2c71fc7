"""Occasions years apart (claimcheck/stages/cluster/events.py ``years_apart``, ``years_differ``,
``cluster.event_years_apart``, ``cluster.event_years_max_cosine``): a story's background ("first hosted the Oscars
in 2007") and its news ("to host the 2014 Oscars") share the protagonist, but their years lie far apart and their
wording differs: two occasions, never one statement or one event group. An outlet that gives the year one off, or
an edited copy of the sentence with another year (the same wording, a high cosine), stays one statement whose
dates conflict."""

from __future__ import annotations

import dataclasses

import pytest

from claimcheck.config import ClusterConfig, config_from_dict
from claimcheck.errors import ConfigError
from claimcheck.models import Claim
from claimcheck.stages.cluster.events import SameStory, claims_facts, years_apart
from builders import claim, date_in, entity_in, events_parted

CFG = ClusterConfig()
STORY = SameStory({"s1": 0, "s2": 0})


def _year(text: str, year: str) -> object:
    """A year's date slot as extraction resolves it: its first and last day."""
    return date_in(text, year, year, earliest=f"{year}-01-01", latest=f"{year}-12-31")


def _hosts(source: str, text: str, year: str) -> Claim:
    return claim(source, text, cid=source, dates=(_year(text, year),),
                 entities=(entity_in(text, "Ellen DeGeneres", "PERSON"),))


NEWS = _hosts("s1", "Ellen DeGeneres will host the 2014 Oscars, the Academy said.", "2014")
PAST = _hosts("s2", "Ellen DeGeneres first hosted the Oscars in 2007, to good reviews.", "2007")


def _parted(a: Claim, b: Claim, cosine: float | None, *, config: ClusterConfig = CFG,
            story: SameStory = STORY) -> bool:
    return events_parted(a, b, cosine=cosine, config=config, same_story=story)


def test_years_apart_counts_the_whole_years_between_the_closest_dates() -> None:
    facts = claims_facts([NEWS, PAST], config=CFG)
    assert years_apart(facts[0], facts[1]) == 7
    one_off = claims_facts([NEWS, _hosts("s2", "Ellen DeGeneres will host the 2013 Oscars.", "2013")], config=CFG)
    assert years_apart(one_off[0], one_off[1]) == 1
    # a claim that names both years is close to the news by one of them
    text = "After the 2007 show, Ellen DeGeneres returns for the 2014 Oscars."
    both = claim("s2", text, cid="s2", dates=(_year(text, "2007"), _year(text, "2014")))
    facts = claims_facts([NEWS, both], config=CFG)
    assert years_apart(facts[0], facts[1]) == 0
    undated = claims_facts([NEWS, claim("s2", "Ellen DeGeneres will host the Oscars.", cid="s2")], config=CFG)
    assert years_apart(undated[0], undated[1]) == 0


def test_background_years_before_the_news_is_another_occasion_even_in_one_story() -> None:
    # the two sources tell one story and share the protagonist: only the years and the wording tell them apart
    assert _parted(NEWS, PAST, 0.72)
    assert _parted(NEWS, PAST, 0.72, story=SameStory())


def test_a_year_one_off_or_an_edited_sentence_stays_one_statement() -> None:
    one_off = _hosts("s2", "Ellen DeGeneres will host the 2013 Oscars, the Academy said.", "2013")
    assert not _parted(NEWS, one_off, 0.72)
    # the same sentence with another year keeps its wording (a short edited claim: cosine 0.82)
    edited = _hosts("s2", "Ellen DeGeneres will host the 2009 Oscars, the Academy said.", "2009")
    assert not _parted(NEWS, edited, 0.82)
    # no cosine to read: the rule cannot tell, so it does not part
    assert not _parted(NEWS, PAST, None)


def test_the_rule_off_keeps_them_comparable() -> None:
    off = dataclasses.replace(CFG, event_years_apart=0)
    assert not _parted(NEWS, PAST, 0.72, config=off)
    wider = dataclasses.replace(CFG, event_years_apart=8)
    assert not _parted(NEWS, PAST, 0.72, config=wider)


def test_event_years_keys_are_checked() -> None:
    with pytest.raises(ConfigError, match="event_years_max_cosine"):
        config_from_dict({"cluster": {"event_years_max_cosine": 1.5}})
    with pytest.raises(ConfigError, match="event_years_apart"):
        config_from_dict({"cluster": {"event_years_apart": -1}})
