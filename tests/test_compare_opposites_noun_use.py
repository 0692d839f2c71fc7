"""opposites.antonym_pair: a pair WordNet lists only as verbs ("level" / "raise") is no conflict when one side
uses the word as a noun ("its highest level"); as verbs it still is."""

from __future__ import annotations

from claimcheck.stages.compare.opposites import antonym_pair


def test_a_verb_only_antonym_after_a_determiner_is_not_the_verb() -> None:
    assert antonym_pair("The rate rose to its highest level in 15 years.", "The bank raised its rate.") is None
    assert antonym_pair("Rates are at a record level.", "The bank raised rates.") is None


def test_verb_only_antonyms_used_as_verbs_still_conflict() -> None:
    assert antonym_pair("Bulldozers levelled the old school.", "Builders raised the old school.") == (
        "levelled", "raised")
    assert antonym_pair("The bank lowered its rate.", "The bank raised its rate.") == ("lowered", "raised")
