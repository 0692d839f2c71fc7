"""``claimcheck.api.check`` and the issue logic behind it: which findings involve a new article,
where an issue points, and the result dict every check report renders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.check import LineIndex, check_to_dict, level_for
from claimcheck.errors import InputError, UsageError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
CORPUS = FIXTURES / "corpus"
AGREE = FIXTURES / "new" / "agree.txt"
CONTRADICT = FIXTURES / "new" / "contradict.txt"


def test_check_returns_issues_only_for_the_new_articles(fake_config) -> None:
    result = api.check([str(AGREE), str(CONTRADICT)], against=[str(CORPUS)], config=fake_config)
    assert result.new_sources == ("agree", "contradict")
    # agree.txt and contradict.txt disagree with each other too; only the contradiction of the corpus counts.
    assert {i.source for i in result.issues} == {"contradict"}
    assert result.failed
    assert all(o.source.startswith("harbour_bridge") for i in result.issues for o in i.others)


def test_a_conflict_inside_the_corpus_is_not_the_new_articles_business(fake_config, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    text = (CORPUS / "harbour_bridge_council.txt").read_text(encoding="utf-8")
    (corpus / "harbour_bridge_rival.txt").write_text(text.replace("45 million", "52 million"), encoding="utf-8")
    result = api.check([str(AGREE)], against=[str(corpus)], config=fake_config)
    assert result.issues == ()
    assert not result.failed


def test_check_needs_new_articles_and_a_corpus_besides_them(fake_config) -> None:
    with pytest.raises(UsageError) as err:
        api.check([str(AGREE)], against=[str(AGREE)], config=fake_config)
    assert err.value.slug == "usage-corpus"
    with pytest.raises(UsageError):
        api.check([], against=[str(CORPUS)], config=fake_config)
    with pytest.raises(InputError):
        api.check([str(FIXTURES / "missing.txt")], against=[str(CORPUS)], config=fake_config)


def test_fail_on_sets_each_issue_level(fake_config) -> None:
    unique = api.check([str(CONTRADICT)], against=[str(CORPUS)], config=fake_config, fail_on="unique")
    assert {i.verdict for i in unique.issues} == {"diverge", "unique"}
    assert {i.level for i in unique.issues} == {"error"}
    none = api.check([str(CONTRADICT)], against=[str(CORPUS)], config=fake_config, fail_on="none")
    assert {i.level for i in none.issues} == {"warning"} and not none.failed
    assert level_for("unique", "diverge") == "warning"
    assert level_for("diverge", "unique") == "error"


def test_the_check_dict_extends_the_result_dict(fake_config) -> None:
    from claimcheck.report import FORMAT_VERSION, result_to_dict

    result = api.check([str(CONTRADICT)], against=[str(CORPUS)], config=fake_config)
    data = check_to_dict(result)
    base = result_to_dict(result.run)
    assert set(base) <= set(data)
    assert data["format_version"] == FORMAT_VERSION
    assert data["new_sources"] == ["contradict"]
    def without_stats(sources: list[dict]) -> list[dict]:
        return [{k: v for k, v in s.items() if k != "stats"} for s in sources]

    assert without_stats(data["sources"]) == without_stats(base["sources"])
    # the scorecard counts the findings the check dict holds (those of the new sources)
    from claimcheck.report.matrix import source_stats

    assert {s["id"]: s["stats"] for s in data["sources"]} == source_stats(data["findings"],
                                                                          [s["id"] for s in data["sources"]])
    assert {f["id"] for f in data["findings"]} < {f["id"] for f in base["findings"]}
    assert sum(data["summary"].values()) == len(data["findings"])
    issue = data["check"]["issues"][0]
    assert CONTRADICT.read_text(encoding="utf-8")[issue["start"]:issue["end"]] == issue["excerpt"]


def test_fingerprints_depend_on_content_not_on_position(fake_config, tmp_path: Path) -> None:
    moved = tmp_path / "contradict.txt"
    moved.write_text("Note\n\n\n" + CONTRADICT.read_text(encoding="utf-8"), encoding="utf-8")
    a = api.check([str(CONTRADICT)], against=[str(CORPUS)], config=fake_config)
    b = api.check([str(moved)], against=[str(CORPUS)], config=fake_config)
    assert [i.fingerprint for i in a.issues] == [i.fingerprint for i in b.issues]
    assert [i.line + 3 for i in a.issues] == [i.line for i in b.issues]


def test_line_index_gives_1_based_lines_and_columns() -> None:
    idx = LineIndex("ab\ncd\r\n\nxyz")
    assert idx.position(0) == (1, 1)
    assert idx.position(1) == (1, 2)
    assert idx.position(3) == (2, 1)
    assert idx.position(8) == (4, 1)
    assert idx.position(10) == (4, 3)
    assert idx.position(11) == (4, 4)  # the end of the text: the column after the last character


@pytest.mark.slow
def test_check_with_the_real_model_flags_the_changed_date(real_embedder) -> None:
    result = api.check([str(CONTRADICT)], against=[str(CORPUS)], embedder=real_embedder)
    date = [i for i in result.issues if i.code == "CC001"]
    assert date, [i.message for i in result.issues]
    assert date[0].excerpt == "March 5, 2021"
    clean = api.check([str(AGREE)], against=[str(CORPUS)], embedder=real_embedder)
    assert not clean.failed, [i.message for i in clean.issues]


def test_issues_in_text_extracted_from_html_point_into_the_html_file(fake_config, tmp_path: Path) -> None:
    from claimcheck.check import find_issues
    from claimcheck.models import Article
    from claimcheck.pipeline import run_pipeline
    from claimcheck.stages.load import load_articles

    extracted = CONTRADICT.read_text(encoding="utf-8")
    paragraphs = [p for p in extracted.split("\n") if p.strip()]
    page = tmp_path / "bridge.html"
    page.write_text("<html><body><article>\n" + "\n".join(f"  <p>{p}</p>" for p in paragraphs)
                    + "\n</article></body></html>\n", encoding="utf-8")
    new = Article(id="bridge", path=str(page), text=extracted, extracted_from="html")
    run = run_pipeline([new, *load_articles([str(CORPUS)])], config=fake_config)
    date = next(i for i in find_issues(run, {"bridge"}, fail_on="diverge") if i.code == "CC001")
    html_lines = page.read_text(encoding="utf-8").splitlines()
    assert html_lines[date.line - 1][date.column - 1:date.end_column - 1] == "March 5, 2021"


def test_the_corpus_is_embedded_once_across_checks_with_a_cache_dir(tmp_path: Path, fake_config) -> None:
    from claimcheck.stages.embed.encoders import FakeEmbedder

    class Counting(FakeEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def encode(self, texts: list[str]):  # numpy array
            self.seen.extend(texts)
            return super().encode(texts)

    first = Counting()
    api.check([str(AGREE)], against=[str(CORPUS)], config=fake_config, embedder=first, cache_dir=tmp_path)
    second = Counting()
    result = api.check([str(CONTRADICT)], against=[str(CORPUS)], config=fake_config, embedder=second,
                       cache_dir=tmp_path)
    corpus_texts = {c.text for c in result.run.claims if c.source.startswith("harbour_bridge")}
    new_texts = {c.text for c in result.run.claims if c.source == "contradict"}
    assert corpus_texts and corpus_texts <= set(first.seen)
    assert set(second.seen) <= new_texts  # only the new article's claims were encoded the second time
    assert result.failed
