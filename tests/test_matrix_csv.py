"""``-o matrix.csv``: the statement x source matrix as CSV (csv module), one row per statement, deterministic,
hostile text kept literally."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.report import format_for_path, render_csv
from claimcheck.report.matrix import build_matrix
from tests.test_matrix_cells import conflict, finding, hand_built

FIX = Path(__file__).resolve().parent / "fixtures" / "outlets"


def test_csv_has_a_header_and_one_row_per_matrix_statement_with_cell_words() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(hand_built()))))
    assert rows[0] == ["finding", "verdict", "statement", "a", "b", "c"]
    assert rows[1:] == [
        ["f2", "diverge", "f2 as a tells it", "other: Monday", "other: Tuesday", "silent"],
        ["f1", "diverge", "f1 as a tells it", "majority", "majority", "other: 17 dead"],
        ["f3", "agree", "f3 as a tells it", "states", "states", "states"],
        ["f4", "agree", "f4 as a tells it", "states", "states", "silent"]]


def test_csv_keeps_commas_quotes_newlines_and_markup_of_values_literally() -> None:
    value = 'a, "b"\n<script>x</script> | =1+1'
    data = {"sources": [{"id": "x"}, {"id": "y,z"}], "findings": [
        finding("h", "diverge", ["x", "y,z"], [conflict([("1", ["x"]), (value, ["y,z"])])])]}
    rows = list(csv.reader(io.StringIO(render_csv(data))))
    assert rows[0][3:] == ["x", "y,z"]
    assert rows[1][3:] == ["other: 1", f"other: {value}"]


def test_csv_fields_a_spreadsheet_would_run_as_formulas_get_a_leading_quote() -> None:
    data = {"sources": [{"id": "=cmd"}, {"id": "b"}], "findings": [finding("h", "agree", ["=cmd", "b"])]}
    data["findings"][0]["claims"][0]["text"] = '=HYPERLINK("http://x")'
    rows = list(csv.reader(io.StringIO(render_csv(data))))
    assert rows[0][3] == "'=cmd"
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][3:] == ["states", "states"]


def test_cli_writes_matrix_csv_with_one_row_per_statement_byte_identical_twice(tmp_path, fake_config_file) -> None:
    assert format_for_path("out/matrix.CSV") == "csv"
    texts = []
    for name in ("one.csv", "two.csv"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["compare", str(FIX), "--config", str(fake_config_file), "-q",
                                          "-o", str(out), "-o", str(tmp_path / "r.json")])
        assert result.exit_code == 0, result.output
        texts.append(out.read_bytes())
    assert texts[0] == texts[1]
    rows = list(csv.reader(io.StringIO(texts[0].decode("utf-8"))))
    import json

    matrix = build_matrix(json.loads((tmp_path / "r.json").read_text(encoding="utf-8")))
    assert rows[0] == ["finding", "verdict", "statement", "daily", "gazette", "outlier", "wire"]
    assert [r[0] for r in rows[1:]] == [r["finding"] for r in matrix["rows"]]
    assert len(rows) - 1 == len(matrix["rows"]) >= 4
    assert all(len(r) == 7 for r in rows)
