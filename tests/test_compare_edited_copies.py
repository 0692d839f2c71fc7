"""Edited copies of an article (claimcheck/stages/compare/findings.py): every edit is its own typed conflict, also
when one sentence carries several edits, when the changed names pull the sentence's embedding away, or when the
tagger labels the two names differently; untouched sentences agree and a fact only one copy adds stays unique.

The hand-built tests need no model; the fixture pair (tests/fixtures/edited: one story, the copy with edits of every
kind) runs with the real model and is marked slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import pair_conflicts, statement_template

from builders import claim, date_in, entity_in, extracted, number_in

CFG = CompareConfig()
FIX = Path(__file__).resolve().parent / "fixtures" / "edited"


def test_a_name_in_the_same_words_with_another_label_is_an_entity_conflict() -> None:
    text_a = "Another letter saw Kim imagining a meeting with the president."
    text_b = "Another letter saw Helen Okafor imagining a meeting with the president."
    a = claim("a", text_a, entities=(entity_in(text_a, "Kim", "PERSON"),))
    b = claim("b", text_b, 200, entities=(entity_in(text_b, "Helen Okafor", "GPE", base=200),))
    found = pair_conflicts(a, b, 0.8, config=CFG)
    assert [(c.kind, c.subject) for c in found] == [("entity", "entity:person")]
    assert sorted(s.value for s in found[0].sides) == ["Helen Okafor", "Kim"]
    okafor = next(s for s in found[0].sides if s.value == "Helen Okafor").spans[0]
    assert (okafor.start, okafor.end) == (200 + text_b.index("Helen"), 200 + text_b.index(" imagining"))


def test_a_name_the_tagger_missed_on_one_side_is_found_in_its_place() -> None:
    text_a = "Crews from the depot in Valmora worked through the night on the final section."
    text_b = "Crews from the depot in Corvara did not work through the night on the final section."
    a = claim("a", text_a, entities=(entity_in(text_a, "Valmora", "GPE"),))
    b = claim("b", text_b, negated=True, negation_cue="not")
    kinds = sorted((c.kind, c.detail) for c in pair_conflicts(a, b, 0.7, config=CFG))
    assert kinds == [("entity", "Valmora vs Corvara (place)"), ("negation", "affirmed vs negated ('not')")]


@pytest.mark.parametrize("other", ["Mount Cook", "Aoraki Mount Cook", "May", "Kim"])
def test_a_short_form_a_month_or_the_same_name_is_no_swapped_name(other: str) -> None:
    text_a = "The climber was rescued near Mt Cook on Friday."
    text_b = f"The climber was rescued near {other} on Friday."
    a = claim("a", text_a, entities=(entity_in(text_a, "Mt Cook", "LOC"),))
    b = claim("b", text_b, entities=(entity_in(text_b, other, "PERSON"),) if other == "Kim" else ())
    assert [c.kind for c in pair_conflicts(a, b, 0.9, config=CFG)] == (["entity"] if other == "Kim" else [])


def test_three_edits_in_one_sentence_are_three_conflicts() -> None:
    # each edit is set aside when the next one's gate measures the rest of the sentence
    text_a = "Dock workers at the port of Rotterdam began a strike on 9 March 2021 over pay."
    text_b = "Dock workers at the port of Lisbon did not begin a strike on 9 May 2021 over pay."
    a = claim("a", text_a, dates=(date_in(text_a, "9 March 2021", "2021-03-09"),),
              entities=(entity_in(text_a, "Rotterdam", "GPE"),))
    b = claim("b", text_b, dates=(date_in(text_b, "9 May 2021", "2021-05-09"),),
              entities=(entity_in(text_b, "Lisbon", "GPE"),), negated=True, negation_cue="not")
    found = pair_conflicts(a, b, 0.66, config=CFG)
    assert sorted(c.kind for c in found) == ["date", "entity", "negation"]


def test_the_template_sets_values_and_negation_aside() -> None:
    text_a = "A ferry capsized off Lesbos on March 12, killing 14 people, the coast guard said."
    text_b = "A ferry did not capsize off Hamburg on March 15, killing 20 people, the coast guard said."
    a = claim("a", text_a, dates=(date_in(text_a, "March 12", "2024-03-12"),),
              entities=(entity_in(text_a, "Lesbos", "GPE"),))
    b = claim("b", text_b, dates=(date_in(text_b, "March 15", "2024-03-15"),),
              entities=(entity_in(text_b, "Hamburg", "GPE"),))
    ta, tb = (statement_template(c, min_words=CFG.template_min_words) for c in (a, b))
    assert ta is not None and ta == tb
    short = "Kim met Trump in Hanoi on Friday."  # two words besides the names: too little to be a template
    c = claim("c", short, entities=tuple(entity_in(short, w, "PERSON") for w in ("Kim", "Trump", "Hanoi")))
    assert statement_template(c, min_words=CFG.template_min_words) is None


def test_a_verb_ending_in_e_has_one_template_form_negated_or_not() -> None:
    text_a = "Keller ruled out further increases this year."
    text_b = "Donald Trump did not rule out further increases this year."
    a = claim("a", text_a, entities=(entity_in(text_a, "Keller", "PERSON"),))
    b = claim("b", text_b, 100, entities=(entity_in(text_b, "Donald Trump", "PERSON", base=100),),
              negated=True, negation_cue="not")
    assert statement_template(a, min_words=CFG.template_min_words) == statement_template(
        b, min_words=CFG.template_min_words)
    kinds = sorted(c.kind for c in pair_conflicts(a, b, 0.6, config=CFG))
    assert kinds == ["entity", "negation"]


def test_two_names_changed_in_one_sentence_are_two_conflicts_paired_by_position() -> None:
    text_a = "The accord says the United States and North Korea will build a lasting peace on the Korean Peninsula."
    text_b = "The accord says the Mytilene and North Korea will build a lasting peace on the Europe."
    a = claim("a", text_a, entities=tuple(entity_in(text_a, w, lab) for w, lab in (
        ("United States", "GPE"), ("North Korea", "GPE"), ("Korean Peninsula", "LOC"))))
    b = claim("b", text_b, 200, entities=tuple(entity_in(text_b, w, lab, base=200) for w, lab in (
        ("Mytilene", "PERSON"), ("North Korea", "GPE"), ("Europe", "LOC"))))
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert sorted(sorted(s.value for s in c.sides) for c in found) == [
        ["Europe", "Korean Peninsula"], ["Mytilene", "United States"]]


def test_twins_are_compared_below_the_cosine_floor() -> None:
    text_a = "On Friday, a 36-year-old Duncan Rait died after falling 200 metres from a ridge near the glacier."
    text_b = "On Friday, a 36-year-old Aurora Lind died after falling 200 metres from a ridge near the glacier."
    a = claim("a", text_a, entities=(entity_in(text_a, "Duncan Rait", "PERSON"),))
    b = claim("b", text_b, entities=(entity_in(text_b, "Aurora Lind", "PERSON"),))
    assert [c.kind for c in pair_conflicts(a, b, 0.55, config=CFG)] == ["entity"]
    unrelated = claim("c", "Officials said the glacier has shrunk by a third since 1990.")
    assert pair_conflicts(a, unrelated, 0.55, config=CFG) == []


def _ferry(source: str, place: str, day: str, value: str, dead: str, n: float, *, negated: bool = False):
    from builders import number_in

    verb = "did not capsize" if negated else "capsized"
    text = f"A ferry {verb} off {place} on {day}, killing {dead} people, the coast guard said."
    return claim(source, text, dates=(date_in(text, day, value),), entities=(entity_in(text, place, "GPE"),),
                 numbers=(number_in(text, dead, n, "people", noun="person", role="dead"),),
                 negated=negated, negation_cue="not" if negated else None)


def _compare_apart(claims):  # claims that clustering kept apart (cosine 0.3)
    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    from conftest import vectors_with_cosines

    vectors = vectors_with_cosines({(0, 1): 0.3}, len(claims))
    clusters = [Cluster(id=c.id, claim_ids=(c.id,), similarity=1.0) for c in claims]
    return compare_clusters(clusters, claims, vectors, config=CFG)


def test_sentences_kept_apart_with_one_wording_and_conflicting_values_are_one_diverge_finding() -> None:
    a = _ferry("a", "Lesbos", "March 12", "2024-03-12", "14", 14)
    b = _ferry("b", "Hamburg", "March 15", "2024-03-15", "20", 20, negated=True)
    findings = _compare_apart([a, b])
    assert [(f.verdict, f.sources) for f in findings] == [("diverge", ("a", "b"))]
    assert sorted(c.kind for c in findings[0].conflicts) == ["date", "entity", "negation", "number"]


def test_sentences_kept_apart_with_one_wording_and_no_conflict_stay_unique() -> None:
    a = _ferry("a", "Lesbos", "March 12", "2024-03-12", "14", 14)
    b = _ferry("b", "Lesbos", "March 12", "2024-03-12", "14", 14)
    assert sorted(f.verdict for f in _compare_apart([a, b])) == ["unique", "unique"]


def test_a_source_stating_two_things_compares_each_with_its_own_counterpart() -> None:
    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    from conftest import vectors_with_cosines

    met, insults = "The two leaders first met in June 2018 in Singapore.", "The two leaders traded insults in 2017."
    claims = [claim(src, text, start, dates=(date_in(text, words, value, base=start),))
              for src in ("a", "b") for text, start, words, value in ((met, 0, "June 2018", "2018-06"),
                                                                        (insults, 100, "2017", "2017"))]
    vectors = vectors_with_cosines({(0, 2): 0.95, (1, 3): 0.95, (0, 3): 0.65, (1, 2): 0.65}, 4)
    cluster = Cluster(id="c", claim_ids=tuple(sorted(c.id for c in claims)), similarity=0.8)
    found = compare_clusters([cluster], claims, vectors, config=CompareConfig(statement_min_similarity=-1.0))
    # each statement with its counterpart (one finding each: compare.findings._best_partner_parts), no conflict
    # between one source's meeting and the other's insults
    assert [(f.verdict, f.conflicts) for f in found] == [("agree", ()), ("agree", ())]
    assert sorted((p.a[:5], p.b[:5]) for f in found for p in f.pairs) == [("a:0:T", "b:0:T"), ("a:100", "b:100")]


# ---- the fixture pair, real model -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edited_result(real_embedder):
    from claimcheck import api

    return api.compare([str(FIX / "original.md"), str(FIX / "edited.md")], embedder=real_embedder)


def _finding(result, prefix: str):
    held = [f for f in result.findings if any(c.source == "edited" and c.text.startswith(prefix) for c in f.claims)]
    assert len(held) == 1, [(f.verdict, [c.text for c in f.claims]) for f in held]
    return held[0]


def _kinds(result, prefix: str) -> list[tuple[str, str]]:
    finding = _finding(result, prefix)
    assert finding.sources == ("edited", "original") and finding.verdict == "diverge"
    for conflict in finding.conflicts:  # both values named, each by its source
        assert {src for side in conflict.sides for src in side.sources} == {"edited", "original"}
    return sorted((c.kind, c.rule) for c in finding.conflicts)


def test_several_edits_in_one_sentence_are_each_reported(edited_result) -> None:
    assert _kinds(edited_result, "A landslide near") == [("date", "date"), ("entity", "frame"), ("number", "number")]
    assert _kinds(edited_result, "Crews from the depot") == [("entity", "entity"), ("negation", "negation")]


def test_edits_in_neighbouring_sentences_are_each_reported(edited_result) -> None:
    assert _kinds(edited_result, "Regional transport minister") == [("number", "number")]
    assert _kinds(edited_result, "The operator ran") == [("number", "ordinal")]
    assert _kinds(edited_result, "Engineers had expected") == [("negation", "negation")]


def test_a_swapped_name_is_a_conflict_not_an_agreement(edited_result) -> None:
    assert _kinds(edited_result, "On Monday, 58-year-old") == [("entity", "entity")]


def test_untouched_sentences_agree_and_no_other_conflict_is_reported(edited_result) -> None:
    for prefix in ("Local hotels reported", "The line carries"):
        assert _finding(edited_result, prefix).verdict == "agree"
    assert sum(len(f.conflicts) for f in edited_result.findings) == 9


def test_a_unique_fact_inside_a_long_shared_sentence_stays_unique(edited_result) -> None:
    tail = "which the ministry paid for"
    agreed = [c.text for f in edited_result.findings if f.verdict == "agree" for c in f.claims if tail in c.text]
    assert agreed == []
    unique = [f for f in edited_result.findings if any(tail in c.text for c in f.claims)]
    assert [f.verdict for f in unique] == ["unique"]


@pytest.mark.parametrize(("text_a", "text_b", "values"), [
    ("In the end two voted to keep rates unchanged at the meeting.",
     "In the end five voted to keep rates unchanged at the meeting.", ["2", "5"]),
    ("The bank has raised rates ten times since the crisis.",
     "The bank has raised rates eight times since the crisis.", ["10", "8"]),
])
def test_bare_numbers_in_the_same_place_of_one_wording_conflict(text_a: str, text_b: str, values: list[str]) -> None:
    a, = extracted(text_a, "a")
    b, = extracted(text_b, "b")
    found = pair_conflicts(a, b, 0.9, config=CFG)
    assert [(c.kind, c.rule) for c in found] == [("number", "template")]
    assert sorted(s.value for s in found[0].sides) == sorted(values)


def test_bare_numbers_of_different_wordings_do_not_conflict() -> None:
    a, = extracted("The bank has raised rates ten times since the crisis.", "a")
    b, = extracted("Analysts expect eight more moves from the bank before the crisis ends.", "b")
    assert pair_conflicts(a, b, 0.9, config=CFG) == []


def test_partners_of_one_finding_are_compared_below_min_similarity() -> None:
    import numpy as np

    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    text_a = "Drugmaker Helix Pharma will buy Corvane Therapeutics for $4.5 billion."
    text_b = "Riverton will buy Corvane Therapeutics for $9.0 billion."
    # one statement: both name the company bought (a shared anchor keeps the two in one finding)
    a = claim("a", text_a, cid="a", numbers=(number_in(text_a, "$4.5 billion", 4.5e9, "usd", kind="money"),),
              entities=(entity_in(text_a, "Corvane Therapeutics", "ORG"),))
    b = claim("b", text_b, cid="b", numbers=(number_in(text_b, "$9.0 billion", 9e9, "usd", kind="money"),),
              entities=(entity_in(text_b, "Corvane Therapeutics", "ORG"),))
    cos = (CFG.partner_min_similarity + CFG.min_similarity) / 2  # between the two floors
    vectors = np.array([[1.0, 0.0], [cos, (1 - cos ** 2) ** 0.5]], dtype=np.float32)
    (finding,) = compare_clusters([Cluster(id="k", claim_ids=("a", "b"), similarity=cos)], [a, b], vectors,
                                  config=CFG)
    assert finding.verdict == "diverge" and [c.kind for c in finding.conflicts] == ["number"]
    low = CompareConfig(partner_min_similarity=CFG.min_similarity)
    (finding,) = compare_clusters([Cluster(id="k", claim_ids=("a", "b"), similarity=cos)], [a, b], vectors,
                                  config=low)
    assert finding.verdict == "agree"


def test_an_age_in_one_wording_conflicts_when_the_name_was_changed_too() -> None:
    a = extracted("On Friday, 36-year-old Duncan Rait died in a fall from a ridge near the glacier.", "a")[0]
    b = extracted("On Friday, 50-year-old Maurice Cheeks died in a fall from a ridge near the glacier.", "b")[0]
    found = {(c.kind, c.rule): sorted(s.value for s in c.sides) for c in pair_conflicts(a, b, 0.6, config=CFG)}
    assert found[("number", "template")] == ["36 year", "50 year"]
    assert found[("entity", "entity")] == ["Duncan Rait", "Maurice Cheeks"]


def test_a_changed_name_before_a_possessive_is_found_in_its_place() -> None:
    text_a = "Hundreds had to leave their homes, Germany's interior minister said."
    text_b = "Hundreds had to leave their homes, Lesbos's interior minister said."
    a = claim("a", text_a, entities=(entity_in(text_a, "Germany", "GPE"),))
    b = claim("b", text_b, 200, entities=(entity_in(text_b, "Lesbos", "ORG", base=200),))
    (found,) = pair_conflicts(a, b, 0.9, config=CFG)
    assert found.kind == "entity" and sorted(s.value for s in found.sides) == ["Germany", "Lesbos"]


def test_a_changed_name_in_one_wording_is_found_when_its_neighbour_word_changed_too() -> None:
    text_a = "The talks were set for February, Pyongyang's state media reported on its front page."
    text_b = "The talks were not set for April, Vancouver's state media reported on its front page."
    a = claim("a", text_a, entities=(entity_in(text_a, "Pyongyang", "GPE"),),
              dates=(date_in(text_a, "February", "XXXX-02", "month"),))
    b = claim("b", text_b, 200, entities=(entity_in(text_b, "Vancouver", "ORG", base=200),),
              dates=(date_in(text_b, "April", "XXXX-04", "month", base=200),), negated=True, negation_cue="not")
    found = {c.kind: sorted(s.value for s in c.sides) for c in pair_conflicts(a, b, 0.75, config=CFG)}
    assert found["entity"] == ["Pyongyang", "Vancouver"] and found["date"] == ["XXXX-02", "XXXX-04"]


def test_names_swapped_in_one_wording_are_no_conflict() -> None:
    text_a = "Kim met Trump in Hanoi for the second summit of the two leaders."
    text_b = "Trump met Kim in Hanoi for the second summit of the two leaders."
    a = claim("a", text_a, entities=tuple(entity_in(text_a, n, "PERSON") for n in ("Kim", "Trump")))
    b = claim("b", text_b, 200, entities=tuple(entity_in(text_b, n, "PERSON", base=200) for n in ("Trump", "Kim")))
    assert pair_conflicts(a, b, 0.95, config=CFG) == []


@pytest.mark.parametrize(("text_a", "text_b"), [
    ("Police sealed off a 10-mile radius around the plant on Friday.",
     "Police sealed off a 16-km radius around the plant on Friday."),
    ("The court ordered the firm to pay a fine of $5 million on Friday.",
     "The court ordered the firm to pay a fine of £4 million on Friday."),
    ("The attack killed 5 soldiers near the border town on Friday.",
     "The attack killed 3 civilians near the border town on Friday."),
])
def test_numbers_of_one_wording_whose_units_or_nouns_differ_are_no_template_conflict(text_a: str,
                                                                                      text_b: str) -> None:
    a = extracted(text_a, "a")[0]
    b = extracted(text_b, "b")[0]
    assert [c for c in pair_conflicts(a, b, 0.9, config=CFG) if c.rule == "template"] == []


def test_partners_below_min_similarity_need_most_words_in_common() -> None:
    import numpy as np

    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    text_a = "Smith was arrested at his home in Corvara on 18 January."
    text_b = "Smith's lawyer said on 21 January that his client in Corvara was innocent."
    a = claim("a", text_a, cid="a", dates=(date_in(text_a, "18 January", "2019-01-18"),),
              entities=(entity_in(text_a, "Corvara", "GPE"),))
    b = claim("b", text_b, cid="b", dates=(date_in(text_b, "21 January", "2019-01-21"),),
              entities=(entity_in(text_b, "Corvara", "GPE"),))
    cos = (CFG.partner_min_similarity + CFG.min_similarity) / 2
    vectors = np.array([[1.0, 0.0], [cos, (1 - cos ** 2) ** 0.5]], dtype=np.float32)
    (finding,) = compare_clusters([Cluster(id="k", claim_ids=("a", "b"), similarity=cos)], [a, b], vectors,
                                  config=CFG)
    assert finding.verdict == "agree"  # one shared name, few shared words: two statements, not one
