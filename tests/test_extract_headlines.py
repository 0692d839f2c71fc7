"""The title line (issue 15): a first line is a headline only when it reads as one, so a one-sentence
article keeps its sentence whatever its ending; real titles, Markdown headings and HTML <h1> titles are
dropped; a text whose only content is its headline yields it as a claim of kind ``headline``; ``--headlines``
(``extract.headline``) makes every article's headline a claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.cli import app
from claimcheck.config import config_from_dict
from claimcheck.stages.load import looks_like_headline

FIX = Path(__file__).resolve().parent / "fixtures" / "extract"
runner = CliRunner()

# One-sentence articles, one per ending shape; each is its own whole claim.
ONE_SENTENCE = {
    "double-quote": 'The mayor said: "The bridge will reopen in May."',
    "single-quote": "The mayor said: 'The bridge will reopen in May.'",
    "curly-quote": "The mayor said: \u201cThe bridge will reopen in May.\u201d",
    "ellipsis": "The mayor said the bridge would reopen in May...",
    "question": "Will the bridge over the river reopen in May?",
    "exclamation": "The bridge over the river will reopen in May!",
    "parenthesis-inside": "The bridge will reopen in May (the council said so.)",
    "parenthesis-before": "The bridge will reopen in May (after the repairs).",
}


def _extract(tmp_path: Path, name: str, text: str, **config):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    (x,) = api.extract(p, config=config_from_dict({"extract": config}) if config else None)
    return x


@pytest.mark.parametrize("shape", sorted(ONE_SENTENCE))
def test_a_one_sentence_article_yields_its_sentence_whatever_its_ending(tmp_path: Path, shape: str) -> None:
    text = ONE_SENTENCE[shape]
    x = _extract(tmp_path, f"{shape}.txt", text + "\n")
    assert [c.text for c in x.claims] == [text]
    assert x.article.title is None
    assert [d.rule for d in x.dropped] == []


@pytest.mark.parametrize("shape", sorted(ONE_SENTENCE))
def test_a_sentence_is_never_taken_for_a_headline(shape: str) -> None:
    assert looks_like_headline(ONE_SENTENCE[shape]) is False


@pytest.mark.parametrize("title", ["Bridge reopens after repairs", "Mayor Quits Over $2M Budget Row",
                                   'Mayor: "We will rebuild"', "Is the bridge safe", "# Bridge reopens"])
def test_a_title_shaped_line_is_a_headline(title: str) -> None:
    assert looks_like_headline(title) is True


def test_a_real_title_line_is_still_dropped_before_a_one_paragraph_body(tmp_path: Path) -> None:
    body = "The bridge over the river reopened on Monday after three months of repairs."
    x = _extract(tmp_path, "titled.txt", f"Bridge reopens after repairs\n\n{body}\n")
    assert x.article.title == "Bridge reopens after repairs"
    assert [c.text for c in x.claims] == [body]
    assert [(d.rule, d.text) for d in x.dropped] == [("headline", "Bridge reopens after repairs")]


def test_the_front_matter_title_and_the_html_h1_title_are_dropped(tmp_path: Path) -> None:
    fm = _extract(tmp_path, "fm.md", "---\ntitle: Ferry route approved\n---\nFerry route approved\n\n"
                                     "The council approved a new ferry route on Tuesday.\n")
    assert [c.text for c in fm.claims] == ["The council approved a new ferry route on Tuesday."]
    (page,) = api.extract(FIX / "page.html")
    assert page.article.title == "Port strike ends after two weeks"
    assert ("headline", "Port strike ends after two weeks") in [(d.rule, d.text) for d in page.dropped]
    assert all("Port strike ends after two weeks" != c.text for c in page.claims)


def test_markdown_headings_are_titles_and_crossheads_never_claims(tmp_path: Path) -> None:
    x = _extract(tmp_path, "md.md", "# Bridge reopens after repairs\n\nThe bridge over the river reopened on "
                                    "Monday after repairs.\n\n## What the repairs cost the city\n\nThe repairs "
                                    "cost the city $2 million in total.\n### Next steps ###\n")
    assert x.article.title == "Bridge reopens after repairs"
    assert [c.text for c in x.claims] == ["The bridge over the river reopened on Monday after repairs.",
                                          "The repairs cost the city $2 million in total."]
    assert [(d.rule, d.text) for d in x.dropped] == [
        ("headline", "# Bridge reopens after repairs"), ("heading", "## What the repairs cost the city"),
        ("heading", "### Next steps ###")]
    assert not any("#" in c.text for c in x.claims)


def test_a_markdown_heading_is_not_joined_to_a_hard_wrapped_paragraph(tmp_path: Path) -> None:
    wrapped = ("# Council votes on the bridge\nthe council met on Monday and\nvoted for the new bridge over the\n"
               "river after a long debate and\nagreed to pay for it next year.\n")
    x = _extract(tmp_path, "wrapped.md", wrapped)
    assert [d.text for d in x.dropped if d.rule == "headline"] == ["# Council votes on the bridge"]
    assert all(not c.text.startswith("#") for c in x.claims)


def test_a_text_whose_only_content_is_a_headline_yields_it_as_a_headline_claim(tmp_path: Path) -> None:
    x = _extract(tmp_path, "hed.txt", "Mayor Quits Over $2M Budget Row\n")
    assert [(c.kind, c.text, c.start, c.end) for c in x.claims] == [
        ("headline", "Mayor Quits Over $2M Budget Row", 0, 31)]
    assert x.dropped == ()


def test_a_markdown_headline_alone_is_a_claim_without_its_hash_marks(tmp_path: Path) -> None:
    x = _extract(tmp_path, "hed.md", "---\npublished: 2024-05-01\n---\n# Mayor Quits Over $2M Budget Row\n")
    (c,) = x.claims
    assert (c.kind, c.text) == ("headline", "Mayor Quits Over $2M Budget Row")
    assert x.article.text[c.start:c.end] == c.text


def test_headline_option_makes_every_headline_a_claim(tmp_path: Path) -> None:
    text = "Ferry Plans Move To The Next Stage\n\nThe council approved a new ferry route on Tuesday.\n"
    x = _extract(tmp_path, "h.txt", text, headline=True)
    assert [(c.kind, c.text) for c in x.claims] == [("headline", "Ferry Plans Move To The Next Stage"),
                                                   ("sentence", "The council approved a new ferry route on Tuesday.")]
    assert x.dropped == ()


def test_headlines_flag_on_the_cli_adds_the_headline_claims(tmp_path: Path) -> None:
    p = tmp_path / "h.md"
    p.write_text("# Ferry route approved by council\n\nThe council approved a new ferry route on Tuesday.\n",
                 encoding="utf-8")
    plain = runner.invoke(app, ["extract", str(p), "-f", "json", "--no-cache", "-q"])
    flagged = runner.invoke(app, ["extract", str(p), "-f", "json", "--no-cache", "-q", "--headlines"])
    assert (plain.exit_code, flagged.exit_code) == (0, 0)

    def kinds(out: str) -> list[tuple[str, str]]:
        (source,) = json.loads(out)["articles"]
        return [(c["kind"], c["text"]) for c in source["claims"]]

    assert kinds(plain.stdout) == [("sentence", "The council approved a new ferry route on Tuesday.")]
    assert kinds(flagged.stdout) == [("headline", "Ferry route approved by council"),
                                     ("sentence", "The council approved a new ferry route on Tuesday.")]


def test_a_headline_alone_can_be_compared_with_the_article_under_it(tmp_path: Path, fake_config_file: Path) -> None:
    (tmp_path / "hed.txt").write_text("Mayor Quits Over $2M Budget Row\n", encoding="utf-8")
    (tmp_path / "body.txt").write_text("The mayor resigned on Monday after a row over a $2 million budget gap.\n",
                                       encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path / "hed.txt"), str(tmp_path / "body.txt"), "-c",
                                 str(fake_config_file), "--no-cache", "-o", str(tmp_path / "r.json"), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {s["id"]: s["n_claims"] for s in data["sources"]} == {"body": 1, "hed": 1}
