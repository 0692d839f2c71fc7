"""Extraction on small fixture articles that cover each boilerplate rule and each slot kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.config import ExtractConfig, config_from_dict
from claimcheck.errors import ConfigError
from claimcheck.models import Article
from claimcheck.stages.extract.claims import extract_article

FIX = Path(__file__).resolve().parent / "fixtures" / "extract"


@pytest.fixture(scope="module")
def by_source() -> dict:
    """Every fixture article's Extraction, by source id."""
    return {x.article.id: x for x in api.extract([str(FIX)])}


def _claim(x, start_of_text: str):
    (c,) = [c for c in x.claims if c.text.startswith(start_of_text)]
    return c


def test_each_boilerplate_kind_is_dropped_by_its_rule(by_source):
    x = by_source["harbour-news"]
    rules = {d.text: d.rule for d in x.dropped}
    assert rules == {
        "Harbour council approves new ferry route": "headline",
        "By Jane Smith and Tom Lee": "byline",
        "Published: 09:14 GMT, 15 March 2023": "byline",
        "RELATED: Bridge closed for repairs until the summer": "teaser",
        "COUNCIL ELECTION RESULTS IN FULL": "teaser",
        "• Mayor faces questions over the stadium budget": "bullet",
        "Share this article": "footer",
        "Photo: Getty Images": "caption",
        "Read more at Example.com": "footer",
        "Source: Read Full Article": "footer",
        "Copyright 2023 Example News Ltd": "footer",
        "Image source: Getty Images": "caption",
        "Comments": "footer",
        "Ferry Plans Move To The Next Stage": "heading",
        "(AP Photo/Jane Doe, File)": "caption",
        '(Also see "Bridge repairs delayed again" - Example News, 2 Feb, 2023.)': "teaser",
    }
    assert not any(d.text in c.text for d in x.dropped for c in x.claims if d.rule != "headline")


def test_an_unattributed_quote_takes_the_speaker_of_the_quote_before_it(tmp_path):
    p = tmp_path / "q.txt"
    p.write_text('Title\n\nThe firm grew. "Sales rose by 5%," the chief executive said. "We hired 40 engineers '
                 'this year."\n', encoding="utf-8")
    (x,) = api.extract([str(p)])
    (hired,) = [c for c in x.claims if "40 engineers" in c.text]
    assert (hired.slots.attribution, hired.kind) == ("the chief executive", "quote")


def test_a_repeated_caption_is_one_claim_with_every_span(by_source):
    x = by_source["harbour-news"]
    c = _claim(x, "The new ferry Aurora leaves")
    assert c.kind == "caption" and len(c.occurrences) == 2
    assert all(x.article.text[s:e] == c.text for s, e in c.occurrences)


def test_every_fixture_claim_slices_its_source_exactly(by_source):
    for x in by_source.values():
        assert x.claims
        for c in x.claims:
            assert x.article.text[c.start:c.end] == c.text
            for slot in (*c.slots.dates, *c.slots.numbers, *c.slots.entities):
                assert x.article.text[slot.start:slot.end] == slot.text


def test_relative_dates_resolve_against_front_matter_date(by_source):
    x = by_source["slots-news"]
    dates = {d.text: d.value for c in x.claims for d in c.slots.dates}
    assert dates == {"last week": "2023-03", "last June": "2022-06", "next month": "2023-04", "February": "2023-02",
                     "Friday": "2023-03-10", "New Year's Day": "2023-01-01", "Three days ago": "2023-03-12",
                     "12 March 2023": "2023-03-12", "2019": "2019"}


def test_fixture_numbers_have_units_and_kinds(by_source):
    x = by_source["slots-news"]
    nums = {n.text: (n.value, n.unit, n.kind) for c in x.claims for n in c.slots.numbers}
    assert nums == {"35-year-old": (35.0, "year", "age"), "an hour and a half": (90.0, "minute", "duration"),
                    "28,500 people": (28500.0, "people", "count"), "45 per cent": (45.0, "percent", "percent"),
                    "$1.2bn": (1.2e9, "usd", "money"), "three dozen contracts": (36.0, "contracts", "count"),
                    "two billion dollars": (2e9, "usd", "money")}


def test_negation_hedges_and_attribution(by_source):
    x = by_source["slots-news"]
    assert _claim(x, "The minister did not attend").slots.negation_cue == "not"
    assert _claim(x, "The audit found that $1.2bn").slots.negated
    according = _claim(x, "According to the auditor").slots
    assert (according.attribution, according.hedged) == ("the auditor", True)
    assert _claim(x, "A new budget will be presented").slots.attribution == "officials"
    assert not _claim(x, "The cabinet met in February").slots.negated


def test_every_sentence_of_a_quote_gets_its_speaker(by_source):
    x = by_source["slots-news"]
    first = _claim(x, '"We will not be silenced.')
    second = _claim(x, "The truth will come out")
    assert (first.slots.attribution, first.slots.quoted, first.kind) == ("the minister", True, "quote")
    assert second.slots.attribution == "the minister"


def test_coordinated_clauses_become_separate_claims(by_source):
    x = by_source["nodate"]
    a = _claim(x, "Engineers first tested the gates")
    b = _claim(x, "the barrier was officially opened")
    assert (a.kind, b.kind) == ("clause", "clause")
    assert a.text == "Engineers first tested the gates in August 2021"


def test_clause_splitting_can_be_switched_off(by_source):
    article = by_source["nodate"].article
    x = extract_article(article, config=ExtractConfig(split_coordination=False))
    assert any(c.text.startswith("Engineers first tested") and c.text.endswith("by the mayor.") for c in x.claims)


def test_an_appositive_that_states_a_fact_is_an_extra_claim(by_source):
    x = by_source["page"]
    (role,) = [c for c in x.claims if c.kind == "apposition"]
    assert role.text == "Union leader Maria Costa"
    assert any(c.kind == "sentence" and c.text.startswith(role.text + " said") for c in x.claims)


def test_html_meta_gives_the_publication_date(by_source):
    a = by_source["page"].article
    assert (a.published, a.published_origin, a.extracted_from) == ("2022-11-04", "html-meta", "html")
    dates = {d.text: d.value for c in by_source["page"].claims for d in c.slots.dates}
    assert dates == {"Thursday": "2022-11-03", "last month": "2022-10", "Monday": "2022-11-07"}


def test_without_a_date_the_latest_absolute_date_is_inferred(by_source):
    a = by_source["nodate"].article
    assert (a.published, a.published_origin) == ("2021-10-03", "inferred")


def test_cli_published_overrides_the_inferred_date():
    (x,) = api.extract([str(FIX / "nodate.txt")], published={"nodate": "2022-01-05"})
    assert (x.article.published, x.article.published_origin) == ("2022-01-05", "cli")


def test_boilerplate_rules_come_from_the_config(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title line\n\nThe council approved the plan on Tuesday.\n\nSponsored: buy our app now today\n",
                 encoding="utf-8")
    article = Article(id="a", path=str(p), text=p.read_text(encoding="utf-8"), title="Title line")
    plain = extract_article(article, config=ExtractConfig())
    custom = extract_article(article, config=ExtractConfig(boilerplate_patterns=[r"^sponsored:"]))
    assert any(c.text.startswith("Sponsored") for c in plain.claims)
    assert not any(c.text.startswith("Sponsored") for c in custom.claims)
    assert [d.rule for d in custom.dropped if d.text.startswith("Sponsored")] == ["footer"]


def _extract_text(tmp_path, text: str):
    """Extract an article written to a file, its first line the title (default config)."""
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    article = Article(id="a", path=str(p), text=p.read_text(encoding="utf-8"), title="Title line")
    return extract_article(article, config=ExtractConfig())


def test_browser_notice_lines_are_footer_boilerplate(tmp_path):
    x = _extract_text(tmp_path, (
        "Title line\n\nThe council approved the plan on Tuesday.\n\nPlease use Chrome browser for a more "
        "accessible video player 2:46 Harbour ferry video\n"))
    assert [c.text for c in x.claims] == ["The council approved the plan on Tuesday."]
    assert [d.rule for d in x.dropped if d.text.startswith("Please use")] == ["footer"]


def test_photo_credit_sentence_after_a_caption_on_the_same_line_is_dropped(tmp_path):
    x = _extract_text(tmp_path, (
        "Title line\n\nThe council approved the plan on Tuesday.\n\nThe mayor speaks at the harbour on "
        "Monday. (AP Photo/Jane Doe, File)\n\nThe ferry crosses the bay. (Photo by Tom Lee/Harbour News)\n"))
    assert not any("Photo" in c.text for c in x.claims)
    assert sorted(d.text for d in x.dropped if d.rule == "caption") == [
        "(AP Photo/Jane Doe, File)", "(Photo by Tom Lee/Harbour News)"]


def test_a_one_sentence_paragraph_reported_to_an_agency_is_a_claim_not_a_caption(tmp_path):
    x = _extract_text(tmp_path, (
        "Title line\n\nThe ministry confirmed the figures to Reuters.\n\nAn official told AFP on Monday.\n\n"
        "Crowds outside the stadium. AFP\n"))
    assert [c.text for c in x.claims] == ["The ministry confirmed the figures to Reuters.",
                                         "An official told AFP on Monday."]
    assert [d.rule for d in x.dropped if d.text.startswith("Crowds")] == ["caption"]


def test_a_hard_wrapped_article_gives_the_same_claims_as_its_unwrapped_text(tmp_path):
    import textwrap

    body = (Path(__file__).parent / "fixtures" / "mutation" / "original.md").read_text(encoding="utf-8")
    head, _, text = body.rpartition("---\n")
    wrapped = head + "---\n" + "\n\n".join(textwrap.fill(p, 38) for p in text.split("\n\n"))
    (tmp_path / "plain.md").write_text(body, encoding="utf-8")
    (tmp_path / "wrapped.md").write_text(wrapped, encoding="utf-8")
    plain, wrap = api.extract([str(tmp_path / "plain.md"), str(tmp_path / "wrapped.md")])
    assert [" ".join(c.text.split()) for c in wrap.claims] == [c.text for c in plain.claims]
    assert any("\n" in c.text for c in wrap.claims)  # joined across line breaks...
    assert all(wrap.article.text[c.start:c.end] == c.text for c in wrap.claims)  # ...with exact spans


def test_consecutive_short_lines_that_end_sentences_or_names_stay_apart(tmp_path):
    x = _extract_text(tmp_path, (
        "Title line\n\nBy Jane Smith\nThe council approved the plan on Tuesday.\n"
        "The mayor welcomed the vote on Wednesday.\n"))
    assert [c.text for c in x.claims] == ["The council approved the plan on Tuesday.",
                                         "The mayor welcomed the vote on Wednesday."]


def test_a_bad_boilerplate_regex_is_a_config_error():
    with pytest.raises(ConfigError) as err:
        config_from_dict({"extract": {"teaser_patterns": ["(unclosed"]}})
    assert err.value.slug == "config-value"


def test_cli_extract_prints_claims_with_spans_and_slots_as_json():
    result = CliRunner().invoke(app, ["extract", str(FIX / "slots.md"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    assert article["published_origin"] == "front-matter"
    text = (FIX / "slots.md").read_text(encoding="utf-8")
    assert all(text[c["start"]:c["end"]] == c["text"] for c in article["claims"])
    last_june = [d for c in article["claims"] for d in c.get("slots", {}).get("dates", []) if d["text"] == "last June"]
    assert last_june[0]["value"] == "2022-06" and last_june[0]["anchor"] == "2023-03-15"
    assert result.stderr == "1 sources, 13 claims\n"


def test_cli_extract_yaml_and_published_override():
    result = CliRunner().invoke(app, ["extract", str(FIX / "nodate.txt"), "--published", "nodate=2022-01-05", "-q"])
    assert result.exit_code == 0
    assert "published_origin: cli" in result.stdout and result.stderr == ""


def test_cli_extract_bad_published_value_exits_2():
    result = CliRunner().invoke(app, ["extract", str(FIX / "nodate.txt"), "--published", "nodate=yesterday"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("claimcheck: error: ") and "[usage-published]" in result.stderr
