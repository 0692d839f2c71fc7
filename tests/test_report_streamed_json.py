"""The JSON report is written one finding at a time (``report.iter_json``, ``report.write_reports``): the bytes are
those of ``render_json(result_to_dict(result))``, every format written by ``write_reports`` equals its rendered
text, and a failure in any format leaves no report written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from claimcheck import api, report
from claimcheck.errors import OutputError
from claimcheck.report import iter_json, render, render_json, result_to_dict, write_reports

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def results():
    from claimcheck.config import config_from_dict

    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    return [api.compare([str(FIXTURES / name)], config=cfg) for name in ("summit", "timeline", "outlets")]


def test_streamed_json_is_byte_identical_to_the_whole_json(results) -> None:
    for result in results:
        assert result.findings
        whole = render_json(result_to_dict(result))
        pieces = list(iter_json(result))
        assert len(pieces) == len(result.findings) + 2  # head, one piece per finding, tail
        assert "".join(pieces) == whole


def test_streamed_json_without_findings_and_with_non_ascii_text(results) -> None:
    empty = dataclasses.replace(results[0], findings=())
    assert "".join(iter_json(empty)) == render_json(result_to_dict(empty))
    odd = dataclasses.replace(results[0], warnings=("“quoted” – naïve 北京 \n\t\\ \"x\"",))
    assert "".join(iter_json(odd)) == render_json(result_to_dict(odd))


def test_write_reports_writes_each_format_as_rendered(results, tmp_path: Path) -> None:
    result = results[0]
    outputs = [(str(tmp_path / f"r.{ext}"), fmt) for ext, fmt in
               (("json", "json"), ("yaml", "yaml"), ("html", "html"), ("md", "markdown"), ("csv", "csv"))]
    write_reports(result, outputs)
    for path, fmt in outputs:
        assert Path(path).read_text(encoding="utf-8") == render(result, fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(Path(p).name for p, _ in outputs)


def test_a_failing_format_leaves_no_report_written(results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "r.json").write_text("old\n", encoding="utf-8")

    def broken(data):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer exploded")

    monkeypatch.setitem(report.RENDERERS, "markdown", broken)
    with pytest.raises(RuntimeError):
        write_reports(results[0], [(str(tmp_path / "r.json"), "json"), (str(tmp_path / "r.md"), "markdown")])
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "old\n"
    with pytest.raises(OutputError):
        write_reports(results[0], [(str(tmp_path / "r.txt"), "nope")])
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_api_write_report_streams_the_same_json(results, tmp_path: Path) -> None:
    api.write_report(results[1], tmp_path / "r.json")
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == render_json(result_to_dict(results[1]))
