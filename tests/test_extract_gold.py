"""Extraction on both seeds against hand-reviewed gold files (tests/gold/, drafted by scripts/make_gold.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.config import ExtractConfig
from claimcheck.models import normalise_text
from claimcheck.stages.extract.claims import extract_article
from claimcheck.stages.load import load_articles

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).resolve().parent / "gold"
SEEDS = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}


@pytest.fixture(scope="module")
def extracted() -> dict:
    """Each seed's Extraction with its known publication date, and its gold file."""
    out = {}
    for seed, published in SEEDS.items():
        (article,) = load_articles([str(ROOT / "seeds" / f"{seed}.txt")], published={seed: published})
        gold = yaml.safe_load((GOLD_DIR / f"{seed}.yaml").read_text(encoding="utf-8"))
        out[seed] = (extract_article(article, config=ExtractConfig()), gold)
    return out


def _by_text(extraction) -> dict:
    return {c.text: c for c in extraction.claims}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_claims_are_exactly_the_gold_claims(extracted, seed):
    x, gold = extracted[seed]
    assert sorted(c.text for c in x.claims) == sorted(c["text"] for c in gold["claims"])


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_claim_span_slices_the_source_to_its_text(extracted, seed):
    x, gold = extracted[seed]
    text = x.article.text
    for c in x.claims:
        assert text[c.start:c.end] == c.text
        for s, e in c.occurrences:
            assert normalise_text(text[s:e]) == normalise_text(c.text)
    for g in gold["claims"]:
        assert text[g["start"]:g["end"]] == g["text"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_spans_and_repeat_counts_match_gold(extracted, seed):
    x, gold = extracted[seed]
    got = _by_text(x)
    for g in gold["claims"]:
        c = got[g["text"]]
        assert (c.start, c.end, len(c.occurrences), c.kind) == (g["start"], g["end"], g["occurrences"], g["kind"])


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_footers_teasers_and_bullets_are_not_claims(extracted, seed):
    x, gold = extracted[seed]
    assert gold["not_claims"], "the gold lists the boilerplate lines of every seed"
    dropped = {(d.rule, d.text) for d in x.dropped}
    for line in gold["not_claims"]:
        assert (line["rule"], line["text"]) in dropped
        if line["rule"] == "headline":
            continue  # the title is not boilerplate; a standfirst may repeat it
        body = line["text"].lstrip("•· ").strip()
        assert not any(body in c.text or c.text in body for c in x.claims), line["text"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_dates_numbers_and_flags_match_gold(extracted, seed):
    x, gold = extracted[seed]
    got = _by_text(x)
    for g in gold["claims"]:
        s = got[g["text"]].slots
        assert [(d.text, d.value, d.granularity) for d in s.dates] == \
            [(d["text"], d["value"], d["granularity"]) for d in g["dates"]], g["text"]
        assert [(n.text, n.value, n.unit, n.kind) for n in s.numbers] == \
            [(n["text"], n["value"], n["unit"], n["kind"]) for n in g["numbers"]], g["text"]
        assert (s.attribution, s.negated, s.hedged) == (g["attribution"], g["negated"], g["hedged"]), g["text"]


def test_gold_entities_are_mostly_found(extracted):
    found = total = 0
    for x, gold in extracted.values():
        got = _by_text(x)
        for g in gold["claims"]:
            keys = {f"{e.label}:{e.key}" for e in got[g["text"]].slots.entities}
            total += len(g["entities"])
            found += sum(1 for k in g["entities"] if k in keys)
    assert total > 50
    assert found / total >= 0.95


def test_repeated_captions_are_one_claim_each_with_both_spans(extracted):
    x, _ = extracted["000_3d7aae49b094e41a"]
    repeated = [c for c in x.claims if len(c.occurrences) > 1]
    # two captions printed twice; the second is cut into its two atomic parts, each keeping both spans
    assert sorted(c.kind for c in repeated) == ["caption", "clause", "clause"]
    for c in repeated:
        assert len(c.occurrences) == 2
        assert x.article.text.count(c.text) == 2
        assert all(x.article.text[s:e] == c.text for s, e in c.occurrences)


def test_last_june_resolves_to_june_2018_against_a_january_2019_publication(extracted):
    x, _ = extracted["000_3d7aae49b094e41a"]
    last_june = [d for c in x.claims for d in c.slots.dates if d.text == "last June"]
    assert len(last_june) == 2
    assert all((d.value, d.granularity, d.anchor, d.relative) == ("2018-06", "month", "2019-01-21", True)
               for d in last_june)


def test_seed_quantities_come_out_as_the_numbers_they_are(extracted):
    x, _ = extracted["000_3d7aae49b094e41a"]
    numbers = {n.text: n for c in x.claims for n in c.slots.numbers}
    assert (numbers["an hour and half"].value, numbers["an hour and half"].unit,
            numbers["an hour and half"].kind) == (90.0, "minute", "duration")
    assert (numbers["28,500 U.S. troops"].value, numbers["28,500 U.S. troops"].unit) == (28500.0, "troops")
    assert (numbers["35-year-old"].value, numbers["35-year-old"].kind) == (35.0, "age")
