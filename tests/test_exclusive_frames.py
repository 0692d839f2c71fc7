"""Ordinals of the same occurrence and names in the same frame, through the real extraction: "her first visit" /
"her second official visit" and "near the port of Hodeidah" / "near the port of Mokha" are conflicts
(exclusive.ordinal_conflict, exclusive.frame_conflict); a spelling variant or a different frame is not."""

from __future__ import annotations

from claimcheck.models import Claim
from claimcheck.stages.compare.exclusive import frame_conflict, ordinal_conflict

from builders import extracted


def _claim(text: str, source: str, published: str | None = "2019-01-22") -> Claim:
    (c,) = extracted(text, source, published=published, split_coordination=False)  # one claim per sentence
    return c


def test_ordinals_of_the_same_occurrence_conflict_past_modifiers() -> None:
    a = _claim("It was her first visit to the region since the war.", "a")
    b = _claim("It was her second official visit to the region since the war.", "b")
    reason = ordinal_conflict(a, b)
    assert reason is not None and reason.kind == "number"
    assert reason.values == (("a", "first visit"), ("b", "second official visit"))


def test_ordinal_before_a_compound_name_counts_the_noun() -> None:
    a = _claim("Kim is preparing for the second DPRK-US summit.", "a")
    b = _claim("Kim is preparing for the third summit with the US.", "b")
    reason = ordinal_conflict(a, b)
    assert reason is not None and "second DPRK-US summit" in reason.detail


def test_same_ordinal_or_ordinals_of_different_things_are_no_conflict() -> None:
    a = _claim("It was her first visit to the region since the war.", "a")
    assert ordinal_conflict(a, _claim("It was her first official visit to the region since the war.", "b")) is None
    assert ordinal_conflict(a, _claim("It was her second speech in the region since the war.", "b")) is None


def test_places_the_tagger_misses_in_the_same_frame_conflict() -> None:
    a = _claim("The ferry sank near the port of Hodeidah on Monday.", "a")
    b = _claim("The ferry sank near the port of Mokha on Monday.", "b")
    (ea,) = a.slots.entities
    (eb,) = b.slots.entities
    assert (ea.text, ea.role, eb.text, eb.role) == ("Hodeidah", "port of", "Mokha", "port of")
    reason = frame_conflict(a, b)
    assert reason is not None and reason.kind == "entity"
    assert reason.values == (("a", "Hodeidah"), ("b", "Mokha"))


def test_a_place_tagged_as_a_person_in_a_place_frame_is_a_place() -> None:
    (e,) = _claim("The ferry sank near the port of Rotterdam on Monday.", "a").slots.entities
    assert e.label in ("GPE", "LOC", "FAC") and e.role == "port of"


def test_spelling_variants_or_different_frames_are_no_frame_conflict() -> None:
    a = _claim("Rebels loyal to Muammar Gaddafi fired on the port of Misrata.", "a")
    b = _claim("Rebels loyal to Moammar Qaddafi fired on the port of Misrata.", "b")
    assert frame_conflict(a, b) is None
    c = _claim("The ferry sank near the port of Hodeidah on Monday.", "c")
    d = _claim("The ferry from Mokha sank on Monday.", "d")
    assert frame_conflict(c, d) is None


def test_the_weekday_of_a_time_zone_restatement_is_no_weekday_conflict() -> None:
    from claimcheck.stages.compare.exclusive import scale_conflict

    # no publication date: the weekdays stay unresolved, so the weekday rule (not the date rule) compares them
    a = _claim("The quake struck the island at 7:48 a.m. on Tuesday, officials said.", "a", None)
    b = _claim("The quake struck the island at 7:48 am (2248 GMT Monday), officials said.", "b", None)
    c = _claim("The quake struck the island at 7:48 a.m. on Wednesday, officials said.", "c", None)
    assert scale_conflict(a, b) is None
    reason = scale_conflict(a, c)
    assert reason is not None and reason.detail == "tuesday vs wednesday (weekday)"


def test_a_title_case_headline_or_a_shop_adds_no_place() -> None:
    from claimcheck.stages.extract.nlp import get_nlp
    from claimcheck.stages.extract.slots import find_entities

    # the parse makes "Junction" the object of "Near" and "Boat ... Off Mokha Coast" the object of "Off"
    for headline in ("Two Killed In Crash Near Busy Queens Junction", "Boat Sinks Off Mokha Coast"):
        doc = get_nlp()(headline)
        assert [e for e in find_entities(doc[:]) if e.role in ("near", "off")] == []
    shop = _claim("The woman was walking outside the Sam's Club when she was hit.", "b")
    assert all(e.text != "Club" for e in shop.slots.entities)


def test_a_name_before_a_place_noun_is_a_place_with_that_frame() -> None:
    c = _claim("Officials said Rotterdam port was closed on Monday.", "a")
    (e,) = [e for e in c.slots.entities if e.text == "Rotterdam"]
    assert e.label in ("GPE", "LOC", "FAC") and e.role == "port"
