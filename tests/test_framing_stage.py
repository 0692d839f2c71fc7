"""The framing stage (claimcheck/stages/framing.py): nouns that the sources of a multi-source finding
describe in different words, on small hand-written claims; never a change of verdict."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.models import Claim, EntitySlot, Finding, Reason, Slots, content_id
from claimcheck.report import result_to_dict
from claimcheck.stages.extract.descriptions import noun_lemma
from claimcheck.stages.framing import describe_findings

from builders import claim

FRAMING = Path(__file__).resolve().parent / "fixtures" / "framing"  # a.md and b.md, as tests/test_framing_report.py


def finding(*claims: Claim, verdict: str = "agree", reason: Reason | None = None) -> Finding:
    return Finding(id=content_id(*(c.id for c in claims)), verdict=verdict, similarity=0.8, claims=tuple(claims),
                   reason=reason)


def describe_pair(a: str, b: str) -> Finding:
    """The finding of one claim from source "a" and one from source "b", after the framing stage."""
    [out] = describe_findings([finding(claim("a", a), claim("b", b))])
    return out


def described(f: Finding) -> dict[str, dict[str, set[str]]]:
    """noun -> source -> words (as sets) of one described finding."""
    return {d.noun: {src: set(words) for src, words in d.by_source} for d in f.descriptions}


def test_differing_adjectives_and_verbs_on_a_shared_noun_are_reported() -> None:
    out = describe_pair("The minister praised the generous budget on Monday.",
                        "The opposition attacked the reckless budget on Monday.")
    assert described(out) == {"budget": {"a": {"generous", "praised"}, "b": {"attacked", "reckless"}}}


def test_identical_descriptions_are_not_reported() -> None:
    f = finding(claim("a", "Parliament approved the generous budget on Monday."),
                claim("b", "The generous budget was approved by parliament on Monday."))
    [out] = describe_findings([f])
    assert out.descriptions == ()
    assert out == f


def test_predicate_adjectives_describe_their_subject() -> None:
    out = describe_pair("Officials said the letter was beautiful and warm.",
                        "Officials said the letter was short.")
    assert described(out) == {"letter": {"a": {"beautiful", "warm"}, "b": {"short"}}}


def test_plural_and_singular_mentions_are_one_noun() -> None:
    out = describe_pair("The leader sent gushing letters to the president.",
                        "The leader wrote a personal letter to the president.")
    assert described(out)["letter"] == {"a": {"gushing"}, "b": {"personal"}}
    nouns = _nouns("The letters, the parties and the boxes arrived on the bus with the children.")
    assert [noun_lemma(t) for t in nouns] == ["letter", "party", "box", "bus", "child"]


def _nouns(text: str) -> list:
    from claimcheck.stages.extract.nlp import get_nlp

    return [t for t in get_nlp()(text) if t.pos_ == "NOUN"]


def test_a_quoted_modifier_is_shown_quoted_but_compared_without_its_quotes() -> None:
    quoted = claim("a", "Critics dismissed the “historic” agreement signed in the capital.")
    plain = claim("b", "Critics dismissed the historic agreement signed in the capital.")
    other = claim("c", "Critics dismissed the flawed agreement signed in the capital.")
    [same] = describe_findings([finding(quoted, plain)])
    assert same.descriptions == ()
    [out] = describe_findings([finding(quoted, other)])
    assert described(out)["agreement"] == {"a": {'"historic"', "dismissed"}, "c": {"dismissed", "flawed"}}


def test_inflections_of_one_verb_are_the_same_description() -> None:
    out = describe_pair("The firm confirmed it operated the coach on the night of the crash.",
                        "The firm confirmed it had been operating the coach on the night of the crash.")
    assert out.descriptions == ()


def test_compound_nouns_classify_and_are_not_descriptions() -> None:
    out = describe_pair("The council approved the school budget after a long debate.",
                        "The council approved the city budget after a long debate.")
    assert out.descriptions == ()


def test_a_hyphenated_modifier_stays_whole_and_one_with_a_number_is_left_out() -> None:
    out = describe_pair("Futures pointed to a sub-par start to trading, said the three-judge panel.",
                        "Futures pointed to a slow start to trading, said the five-judge panel.")
    assert described(out) == {"start": {"a": {"sub-par"}, "b": {"slow"}}}


def test_only_a_short_quotation_marks_its_words_as_quoted() -> None:
    f = finding(claim("a", "“We are ready to roll out the revised machines for the primary,” the chairman said."),
                claim("b", "The chairman said the board would roll out the “revised” machines for the primary."),
                claim("c", "The chairman said the board would roll out the faulty machines for the primary."))
    [out] = describe_findings([f])
    assert described(out)["machine"] == {"a": {"revised", "roll out"}, "b": {'"revised"', "roll out"},
                                         "c": {"faulty", "roll out"}}


def test_names_dates_numbers_and_stop_words_are_not_descriptions() -> None:
    out = describe_pair("The two leaders met at the first Singapore summit in June 2018.",
                        "The two leaders met at another 2018 summit in Hanoi.")
    assert out.descriptions == ()


def test_words_inside_the_claims_entity_slots_are_not_descriptions() -> None:
    def with_nationality(source: str, text: str, nationality: str) -> Claim:
        at = text.index(nationality)
        slot = EntitySlot(text=nationality, start=100 + at, end=100 + at + len(nationality), label="NORP",
                          key=nationality.lower())
        return dataclasses.replace(claim(source, text), start=100, end=100 + len(text), slots=Slots(entities=(slot,)))

    a = with_nationality("a", "The Italian ambassador praised the plan on Monday.", "Italian")
    b = with_nationality("b", "The Brazilian ambassador praised the plan on Monday.", "Brazilian")
    [out] = describe_findings([finding(a, b)])
    assert out.descriptions == ()
    bare = [dataclasses.replace(c, slots=Slots()) for c in (a, b)]
    [unmasked] = describe_findings([finding(*bare)])
    assert described(unmasked) == {"ambassador": {"a": {"italian"}, "b": {"brazilian"}}}


def test_a_source_that_only_names_the_noun_is_listed_but_alone_triggers_nothing() -> None:
    reckless = claim("a", "The council passed the reckless budget after a long debate.")
    bare = claim("b", "The council passed the budget after a long debate.")
    generous = claim("c", "The council passed the generous budget after a long debate.")
    [alone] = describe_findings([finding(reckless, bare)])
    assert alone.descriptions == ()
    [out] = describe_findings([finding(reckless, bare, generous)])
    assert described(out)["budget"] == {"a": {"reckless"}, "b": set(), "c": {"generous"}}


def test_verdicts_ids_reasons_and_single_source_findings_are_unchanged() -> None:
    reason = Reason(kind="number", detail="3 vs 4", values=(("a", "3"), ("b", "4")))
    diverge = finding(claim("a", "The minister praised the generous budget of 3 billion."),
                      claim("b", "The opposition attacked the reckless budget of 4 billion."),
                      verdict="diverge", reason=reason)
    unique = finding(claim("a", "The minister praised the generous budget."),
                     claim("a", "The minister defended the careful budget."), verdict="unique")
    out = describe_findings([diverge, unique])
    assert out[1] is unique
    assert out[0].descriptions
    assert dataclasses.replace(out[0], descriptions=()) == diverge


def test_output_is_deterministic_and_independent_of_claim_order() -> None:
    claims = [claim("b", "The opposition attacked the reckless budget and the costly plan."),
              claim("a", "The minister praised the generous budget and the bold plan."),
              claim("c", "Economists questioned the generous budget and the vague plan.")]
    first = describe_findings([finding(*claims)])[0].descriptions
    again = describe_findings([finding(*reversed(claims))])[0].descriptions
    assert first == again
    assert [d.noun for d in first] == sorted(d.noun for d in first) == ["budget", "plan"]
    for d in first:
        assert [src for src, _ in d.by_source] == ["a", "b", "c"]
        assert all(list(words) == sorted(words) for _, words in d.by_source)


def test_the_pipeline_adds_descriptions_without_changing_any_verdict(fake_config,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    result = api.compare([str(FRAMING)], config=fake_config)
    import claimcheck.pipeline

    monkeypatch.setattr(claimcheck.pipeline, "describe_findings", lambda findings: findings)
    plain = api.compare([str(FRAMING)], config=fake_config)
    assert [(f.id, f.verdict, f.reason) for f in result.findings] == [(f.id, f.verdict, f.reason)
                                                                      for f in plain.findings]
    [shared] = [f for f in result.findings if len(f.sources) > 1]
    assert described(shared)["budget"] == {"a": {"approved", "generous"}, "b": {"approved", "reckless"}}
    data = result_to_dict(result)
    [entry] = [f for f in data["findings"] if f["id"] == shared.id]
    assert entry["descriptions"] == [{"noun": "budget", "by_source": {"a": ["approved", "generous"],
                                                                      "b": ["approved", "reckless"]}}]
    assert all("descriptions" not in f for f in data["findings"] if f["id"] != shared.id)
    assert data["format_version"] == 2


def test_a_verb_before_a_time_noun_is_no_description_of_the_time() -> None:
    f = describe_pair("The delegation arrived on Tuesday afternoon at the summit venue.",
                      "The delegation left on Tuesday afternoon from the summit venue.")
    assert "afternoon" not in described(f)
    g = describe_pair("It was a tense afternoon for the delegation at the venue.",
                      "It was a calm afternoon for the delegation at the venue.")
    assert described(g)["afternoon"] == {"a": {"tense"}, "b": {"calm"}}
