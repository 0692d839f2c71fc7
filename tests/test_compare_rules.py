"""The comparison's conflict rules on hand-built claims (no model, no extraction)."""

from __future__ import annotations

import pytest

from claimcheck.config import CompareConfig
from claimcheck.stages.compare.findings import (
    date_conflict,
    entity_conflict,
    negation_conflict,
    number_conflict,
    pair_reason,
)
from claimcheck.stages.extract.dates import dates_compatible
from claimcheck.stages.compare.opposites import antonym_pair, base_forms, opposites

from builders import claim, date, entity, number


@pytest.mark.parametrize("a,b,ok", [
    ("2019-02", "2019-02-28", True),
    ("2019", "2019-02-28", True),
    ("2019-02", "2019-03", False),
    ("XXXX-02", "2019-02", True),
    ("XXXX-02", "2019-03", False),
    ("2018-06-12", "2018-06-13", False),
])
def test_dates_agree_when_one_refines_the_other(a: str, b: str, ok: bool) -> None:
    assert dates_compatible(a, b) is ok


def test_february_vs_march_is_a_date_conflict_naming_both() -> None:
    a = claim("a", "The summit is in February.", dates=(date("2019-02", "month"),))
    b = claim("b", "The summit is in March.", dates=(date("2019-03", "month"),))
    r = date_conflict(a, b)
    assert r is not None and (r.kind, r.detail) == ("date", "2019-02 vs 2019-03")
    assert r.values == (("a", "2019-02"), ("b", "2019-03"))


def test_extra_date_on_one_side_only_is_not_a_conflict() -> None:
    a = claim("a", "x", dates=(date("2018-06", "month"), date("2019-02", "month")))
    b = claim("b", "y", dates=(date("2018-06", "month"),))
    assert date_conflict(a, b) is None


def test_overlapping_day_ranges_agree() -> None:
    week = date("2019-01-14", "day", earliest="2019-01-14", latest="2019-01-20")
    day = date("2019-01-17", "day", earliest="2019-01-17", latest="2019-01-17")
    assert date_conflict(claim("a", "x", dates=(week,)), claim("b", "y", dates=(day,))) is None


def test_different_value_for_same_unit_is_a_number_conflict() -> None:
    a = claim("a", "x", numbers=(number(28500, "troops"),))
    b = claim("b", "y", numbers=(number(23500, "troops"),))
    r = number_conflict(a, b)
    assert r is not None and r.detail == "28,500 troops vs 23,500 troops"


def test_numbers_of_different_units_do_not_conflict() -> None:
    a = claim("a", "x", numbers=(number(2, "leaders"),))
    b = claim("b", "y", numbers=(number(28500, "troops"),))
    assert number_conflict(a, b) is None


def test_approximate_number_tolerates_nearby_value() -> None:
    a = claim("a", "x", numbers=(number(4000, "workers", approximate=True),))
    b = claim("b", "y", numbers=(number(4200, "workers"),))
    assert number_conflict(a, b) is None
    c = claim("c", "z", numbers=(number(6000, "workers"),))
    assert number_conflict(a, c) is not None


def test_different_place_in_same_role_is_an_entity_conflict() -> None:
    a = claim("a", "Ships were diverted to Antwerp.", entities=(entity("Antwerp", "GPE"),))
    b = claim("b", "Ships were diverted to Hamburg.", entities=(entity("Hamburg", "GPE"),))
    r = entity_conflict(a, b)
    assert r is not None and r.kind == "entity" and "Antwerp vs Hamburg" in r.detail


def test_name_part_is_the_same_entity() -> None:
    a = claim("a", "Kim Jong-un praised the letter.", entities=(entity("Kim Jong-un", "PERSON"),))
    b = claim("b", "Kim praised the letter from Trump.", entities=(entity("Kim", "PERSON"), entity("Trump", "PERSON")))
    assert entity_conflict(a, b) is None


def test_negated_vs_affirmed_is_a_negation_conflict() -> None:
    a = claim("a", "Employers did not offer a raise.", negated=True, negation_cue="not")
    b = claim("b", "Employers offered a raise.")
    r = negation_conflict(a, b)
    assert r is not None and r.kind == "negation" and r.detail == "negated ('not') vs affirmed"


@pytest.mark.parametrize("a,b", [
    ("Nuclear negotiations have been stuck since June.", "Nuclear negotiations have made rapid progress since June."),
    ("The US moved to tighten sanctions.", "The US moved to ease sanctions."),
    ("The talks were a success.", "The talks were a failure."),
])
def test_opposite_words_are_a_polarity_conflict(a: str, b: str) -> None:
    assert antonym_pair(a, b) is not None
    assert negation_conflict(claim("a", a), claim("b", b)).kind == "negation"


def test_negation_in_a_merely_related_sentence_is_no_conflict_but_in_the_same_statement_is() -> None:
    related_a = claim("a", "The parent company is not happy with the commission's move to ban the app on staff phones.",
                      negated=True, negation_cue="not")
    related_b = claim("b", "The app's parent company is based in China.")
    assert negation_conflict(related_a, related_b) is not None  # the rule alone fires...
    assert pair_reason(related_a, related_b, 0.67, config=CompareConfig()) is None  # ...the rest does not match
    same_a = claim("a", "The parent company is not happy with the commission's move.", negated=True,
                   negation_cue="not")
    same_b = claim("b", "The parent company is happy with the commission's move.")
    r = pair_reason(same_a, same_b, 0.67, config=CompareConfig())
    assert r is not None and r.kind == "negation"


def test_paraphrase_has_no_opposites() -> None:
    assert antonym_pair("Kim has sent gushing letters to Trump.", "Kim wrote Trump effusive letters.") is None


def test_opposites_table_holds_wordnet_and_curated_pairs() -> None:
    table = opposites()
    assert "decrease" in table["increase"]  # WordNet
    assert "ease" in table["tighten"]  # curated news list
    assert {"stall", "stalled"} & base_forms("stalled")


def test_dissimilar_pair_is_never_a_conflict() -> None:
    a = claim("a", "x", dates=(date("2019-02", "month"),))
    b = claim("b", "y", dates=(date("2019-03", "month"),))
    cfg = CompareConfig()
    assert pair_reason(a, b, cfg.min_similarity - 0.01, config=cfg) is None
    assert pair_reason(a, b, cfg.min_similarity, config=cfg).kind == "date"


def test_fragment_inside_its_own_sentence_is_not_a_separate_unique_finding() -> None:
    import dataclasses

    import numpy as np

    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    sentence = claim("a", "Bob Woodward, a journalist, wrote a book.")
    fragment = dataclasses.replace(claim("a", "Bob Woodward, a journalist"), id="frag", start=0, end=26,
                                   kind="apposition")
    other = dataclasses.replace(claim("a", "It rained."), id="rain", start=50, end=60, kind="clause")
    clusters = [Cluster(id=c.id, claim_ids=(c.id,), similarity=1.0) for c in (sentence, fragment, other)]
    vectors = np.eye(3, dtype=np.float32)
    findings = compare_clusters(clusters, [sentence, fragment, other], vectors, config=CompareConfig())
    assert sorted(f.claims[0].id for f in findings) == sorted([sentence.id, "rain"])


def test_nli_check_turns_a_rule_free_pair_into_an_nli_diverge() -> None:
    import numpy as np

    from claimcheck.models import Cluster, Reason
    from claimcheck.stages.compare.findings import compare_clusters

    a, b = claim("a", "The ship sailed to the port."), claim("b", "The ship sailed towards the harbour today.")
    vectors = np.array([[1.0, 0.0], [0.9, 0.43589]], dtype=np.float32)
    cluster = Cluster(id="c", claim_ids=tuple(sorted((a.id, b.id))), similarity=0.9)
    calls = []

    def nli(x, y):
        calls.append((x.id, y.id))
        return Reason(kind="nli", detail="NLI contradiction p=0.97", values=((x.source, x.text), (y.source, y.text)))

    (finding,) = compare_clusters([cluster], [a, b], vectors, config=CompareConfig(), nli=nli)
    assert calls == [(a.id, b.id)]
    assert finding.verdict == "diverge" and finding.reason.kind == "nli"
    (plain,) = compare_clusters([cluster], [a, b], vectors, config=CompareConfig())
    assert plain.verdict == "agree"


def test_nli_model_without_contradiction_label_is_refused(tmp_path) -> None:
    from claimcheck.errors import ModelError
    from claimcheck.stages.compare.nli import contradiction_index

    (tmp_path / "config.json").write_text('{"id2label": {"0": "entailment", "1": "neutral"}}', encoding="utf-8")
    with pytest.raises(ModelError, match="no 'contradiction' label"):
        contradiction_index(str(tmp_path))
    (tmp_path / "config.json").write_text('{"id2label": {"0": "CONTRADICTION", "1": "ENTAILMENT"}}', encoding="utf-8")
    assert contradiction_index(str(tmp_path)) == 0


def test_large_cluster_compares_each_claim_with_its_nearest_other_source_claims_only() -> None:
    import numpy as np

    from claimcheck.models import Cluster
    from claimcheck.stages.compare.findings import compare_clusters

    rng = np.random.default_rng(0)
    claims = [claim("ab"[i % 2], f"statement number {i}") for i in range(40)]
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cluster = Cluster(id="c", claim_ids=tuple(sorted(c.id for c in claims)), similarity=0.7)
    cfg = CompareConfig(pair_neighbours=3, statement_min_similarity=-1.0)  # one statement, whatever the vectors
    (finding,) = compare_clusters([cluster], claims, vectors, config=cfg)
    assert 40 * 3 / 2 <= len(finding.pairs) <= 40 * 3  # linear in the cluster, not 400 cross pairs
    ids = {c.id: c.source for c in claims}
    assert all(ids[p.a] != ids[p.b] for p in finding.pairs)
    (small,) = compare_clusters([cluster], claims, vectors,
                                config=CompareConfig(pair_neighbours=20, statement_min_similarity=-1.0))
    # a cluster of at most 2k+1 claims compares each claim with its closest claim of the other source: at least one
    # pair per claim, at most two (its own closest, and those to which it is the closest), not all 20 x 20
    assert 20 <= len(small.pairs) <= 40
    assert {p.a for p in small.pairs} | {p.b for p in small.pairs} == set(ids)
