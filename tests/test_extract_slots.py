"""Slot rules on their own: dates resolved against a publication date, numbers with units, aliases."""

from __future__ import annotations

import pytest

from claimcheck.stages.extract.dates import find_dates, infer_published
from claimcheck.stages.extract.numbers import find_numbers, words_to_number
from claimcheck.stages.extract.slots import entity_key, parse_aliases


def _date(text: str, published: str | None, tense=None):
    (d,) = find_dates(text, 0, published, tense=tense)
    return d


@pytest.mark.parametrize(("text", "published", "value", "granularity"), [
    ("since their meeting last June", "2019-01-21", "2018-06", "month"),
    ("since their meeting last June", "2019-08-02", "2019-06", "month"),
    ("a summit next March", "2019-01-21", "2019-03", "month"),
    ("they met last week", "2019-01-21", "2019-01", "month"),  # 14-20 January 2019
    ("they will meet next month", "2019-12-05", "2020-01", "month"),
    ("it closed last year", "2019-01-21", "2018", "year"),
    ("he spoke on Friday", "2019-01-21", "2019-01-18", "day"),
    ("he spoke yesterday", "2019-03-01", "2019-02-28", "day"),
    ("an address on New Year's day", "2019-01-21", "2019-01-01", "day"),
    ("three days ago", "2019-03-02", "2019-02-27", "day"),
    ("on 12 March 2023", None, "2023-03-12", "day"),
    ("on March 12, 2023", None, "2023-03-12", "day"),
    ("in June 2018", None, "2018-06", "month"),
    ("arrested on Dec. 29. 2022", None, "2022-12-29", "day"),
    ("published 2020-09-11", None, "2020-09-11", "day"),
    ("insults in 2017", None, "2017", "year"),
])
def test_dates_resolve_to_iso_at_their_granularity(text, published, value, granularity):
    d = _date(text, published)
    assert (d.value, d.granularity) == (value, granularity)
    assert text[d.start:d.end] == d.text


def test_relative_date_records_its_anchor_interval_and_resolution():
    d = _date("in Singapore last June", "2019-01-21")
    assert (d.relative, d.anchor, d.earliest, d.latest) == (True, "2019-01-21", "2018-06-01", "2018-06-30")
    assert "2019-01" in d.resolution


def test_a_bare_month_follows_the_tense_of_its_verb():
    past = _date("shared the letters in February", "2020-09-11", tense=lambda s, e: "past")
    future = _date("the summit in February", "2020-09-11", tense=lambda s, e: "future")
    nearest = _date("the summit in February", "2020-09-11")
    assert (past.value, future.value, nearest.value) == ("2020-02", "2021-02", "2021-02")


def test_relative_dates_without_a_publication_date_keep_an_unknown_year():
    assert _date("since last June", None).value == "XXXX-06"
    assert find_dates("he left last week", 0, None) == []


def test_the_modal_may_is_not_a_date_but_the_month_is():
    assert find_dates("May be the best option", 0, "2020-01-01") == []
    assert _date("elected in May", "2020-08-01").value == "2020-05"


def test_counts_of_people_are_not_years():
    assert find_dates("about 2000 troops were sent", 0, None) == []


def test_dates_are_offset_into_the_article():
    d = _date("met last June", "2019-01-21")
    (shifted,) = find_dates("met last June", 100, "2019-01-21")
    assert (shifted.start, shifted.end) == (d.start + 100, d.end + 100)


def test_inferred_publication_date_is_the_latest_absolute_date():
    text = "Founded in 1990. Tested in August 2021 and opened on 3 October 2021. It will last until 2050."
    assert infer_published(text) == "2021-10-03"
    assert infer_published("It happened last June.") is None


def test_inferred_publication_date_ignores_dates_in_the_future():
    text = "The talks began on 3 May 2023. The next round will take place on 9 June 2023 in Geneva."
    assert infer_published(text) == "2023-05-03"


def _numbers(text: str):
    return [(n.text, n.value, n.unit, n.kind) for n in find_numbers(text, 0, [])]


@pytest.mark.parametrize(("text", "expected"), [
    ("the 28,500 U.S. troops in South Korea", ("28,500 U.S. troops", 28500.0, "troops", "count")),
    ("met for an hour and half, to discuss", ("an hour and half", 90.0, "minute", "duration")),
    ("met for an hour and a half", ("an hour and a half", 90.0, "minute", "duration")),
    ("waited half an hour", ("half an hour", 30.0, "minute", "duration")),
    ("for another 30 days", ("30 days", 30.0, "day", "duration")),
    ("two weeks of talks", ("two weeks", 14.0, "day", "duration")),
    ("The nation's 35-year-old dictator", ("35-year-old", 35.0, "year", "age")),
    ("a rise of 4.5 per cent", ("4.5 per cent", 4.5, "percent", "percent")),
    ("45% of voters", ("45%", 45.0, "percent", "percent")),
    ("it cost $1.2bn", ("$1.2bn", 1.2e9, "usd", "money")),
    ("a fine of £5m", ("£5m", 5e6, "gbp", "money")),
    ("120 million euros", ("120 million euros", 1.2e8, "eur", "money")),
    ("three dozen protesters", ("three dozen protesters", 36.0, "protesters", "count")),
    ("twenty-five people died", ("twenty-five people", 25.0, "people", "count")),
    ("their second summit", ("second summit", 2.0, "summit", "ordinal")),
    ("three alleged victims", ("three alleged victims", 3.0, "victims", "count")),
    ("50 missing after the storm", ("50", 50.0, None, "count")),
])
def test_numbers_come_out_with_value_unit_and_kind(text, expected):
    assert _numbers(text) == [expected]


def test_approximate_numbers_are_marked():
    (n,) = find_numbers("about 300 people", 0, [])
    (m,) = find_numbers("300 people", 0, [])
    assert (n.approximate, m.approximate) == (True, False)


def test_articles_and_one_are_not_counts_on_their_own():
    assert _numbers("In one note, a leader wrote") == []
    assert _numbers("for the first time") == []


def test_numbers_inside_dates_are_skipped():
    assert find_numbers("on 12 March 2023", 50, [(53, 66)]) == []


def test_words_to_number_reads_compound_numbers():
    assert [words_to_number(w) for w in ("two", "three dozen", "twenty-one", "two million", "banana")] == \
        [2, 36, 21, 2_000_000, None]


def test_alias_folding_maps_spellings_to_one_key():
    aliases = parse_aliases(["US=united states", "DPRK=north korea"])
    keys = {entity_key(t, aliases) for t in ("U.S.", "US", "the United States", "United States’s")}
    assert keys == {"united states"}
    assert entity_key("Kim Jong-un") == entity_key("Kim Jong Un") == "kim jong un"
    assert entity_key("DPRK", aliases) == "north korea"


def test_last_month_against_an_inferred_publication_date_includes_that_month() -> None:
    # an undated article naming "June 2018" is published in June 2018 or later (the inferred date is a lower
    # bound), so its "last June" is June 2018, like its "first meeting in June"
    text = "They have written since their meeting in Singapore last June."
    (declared,) = find_dates(text, 0, "2018-06-01")
    (inferred,) = find_dates(text, 0, "2018-06-01", inferred=True)
    assert (declared.value, inferred.value) == ("2017-06", "2018-06")
    (later,) = find_dates(text, 0, "2019-01-21", inferred=True)
    assert later.value == "2018-06"
