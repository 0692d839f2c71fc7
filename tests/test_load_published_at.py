"""Publication times (issue 18): a time of day in front matter, HTML metadata or ``--published`` is kept as
``Article.published_at`` in UTC (YYYY-MM-DDTHH:MM) and reported as ``sources[].published_at``;
``Article.published`` (the day relative dates resolve against) is read exactly as before, and a source without
a time has no ``published_at`` anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.report import result_to_dict
from claimcheck.stages.load import load_article, load_articles, normalise_published_at

BODY = "The landslide that struck the village of Varenna on April 8, 2024 killed 14 people.\n"


def _md(tmp_path: Path, published: str, name: str = "wire") -> Path:
    p = tmp_path / f"{name}.md"
    p.write_text(f"---\ntitle: Landslide\npublished: {published}\n---\n{BODY}", encoding="utf-8")
    return p


def _html(tmp_path: Path, head: str) -> Path:
    p = tmp_path / "page.html"
    p.write_text(f"<html><head><title>Landslide</title>{head}</head><body><article><h1>Landslide in Varenna</h1>"
                 f"<p>{BODY * 3}</p><p>Heavy rain had soaked the slopes above the village for a week before "
                 "the hillside gave way, the civil protection agency said.</p></article></body></html>",
                 encoding="utf-8")
    return p


@pytest.mark.parametrize(("published", "day", "moment"), [
    ("2024-04-10T08:30:00Z", "2024-04-10", "2024-04-10T08:30"),
    ("2024-04-10T08:30:00+02:00", "2024-04-10", "2024-04-10T06:30"),
    ('"2024-04-10T08:30:00+02:00"', "2024-04-10", "2024-04-10T06:30"),  # a YAML string, not a timestamp
    ("2024-04-10T23:30:00-05:00", "2024-04-10", "2024-04-11T04:30"),  # the day stays the source's own
    ("2024-04-10 08:30", "2024-04-10", "2024-04-10T08:30"),  # no offset: taken as UTC
])
def test_load_front_matter_time_of_day_is_kept_in_utc(tmp_path: Path, published: str, day: str,
                                                      moment: str) -> None:
    article = load_article(_md(tmp_path, published))
    assert (article.published, article.published_at, article.published_origin) == (day, moment, "front-matter")


@pytest.mark.parametrize("published", ["2024-04-10", "2024-04-10T00:00:00Z", "2024-04-10Tnoon"])
def test_load_a_bare_day_or_a_midnight_placeholder_has_no_time(tmp_path: Path, published: str) -> None:
    article = load_article(_md(tmp_path, published))
    assert article.published == "2024-04-10"
    assert article.published_at is None


def test_load_html_meta_published_time_is_kept_in_utc(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2024-04-10T08:30:00+02:00">'
    article = load_article(_html(tmp_path, meta))
    assert (article.published, article.published_at, article.published_origin) == (
        "2024-04-10", "2024-04-10T06:30", "html-meta")


def test_load_html_json_ld_date_published_time_is_kept(tmp_path: Path) -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-04-10T17:05:00Z"}' \
         '</script>'
    article = load_article(_html(tmp_path, ld))
    assert (article.published, article.published_at) == ("2024-04-10", "2024-04-10T17:05")


def test_load_cli_published_with_a_time_sets_it_and_a_bare_day_clears_it(tmp_path: Path) -> None:
    _md(tmp_path, "2024-04-09T10:00:00Z")
    timed = load_articles([str(tmp_path)], published={"wire": "2024-04-10T08:30+02:00"})[0]
    assert (timed.published, timed.published_at, timed.published_origin) == ("2024-04-10", "2024-04-10T06:30",
                                                                              "cli")
    day = load_articles([str(tmp_path)], published={"wire": "2024-04-11"})[0]
    assert (day.published, day.published_at) == ("2024-04-11", None)


def test_load_normalise_published_at_reads_only_values_with_a_time() -> None:
    assert normalise_published_at(None) is None
    assert normalise_published_at("2024-04-10") is None
    assert normalise_published_at("2024-04-10T08:30:59.9+00:00") == "2024-04-10T08:30"


def test_report_sources_carry_published_at_only_when_known(tmp_path: Path, fake_config) -> None:
    _md(tmp_path, "2024-04-10T08:30:00Z", name="timed")
    _md(tmp_path, "2024-04-10", name="daily").write_text(
        "---\ntitle: Landslide\npublished: 2024-04-10\n---\nRescuers said the landslide in Varenna on April 8, "
        "2024 had killed 17 people.\n", encoding="utf-8")
    sources = {s["id"]: s for s in result_to_dict(api.compare([str(tmp_path)], config=fake_config))["sources"]}
    assert sources["timed"]["published_at"] == "2024-04-10T08:30"
    assert sources["timed"]["published"] == sources["daily"]["published"] == "2024-04-10"
    assert "published_at" not in sources["daily"]


@pytest.mark.parametrize(("value", "problem"), [
    ("2024-04-10T25:00", "is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
    ("2024-02-30T08:00", "is no such date (day is out of range for month)"),
])
def test_load_a_bad_published_time_is_a_usage_published_error(value: str, problem: str) -> None:
    from claimcheck.errors import UsageError
    from claimcheck.stages.load import parse_published_overrides

    with pytest.raises(UsageError) as err:
        parse_published_overrides([f"wire={value}"])
    assert err.value.slug == "usage-published"
    assert err.value.one_line().startswith(f"--published wire={value}: {value} {problem}")
