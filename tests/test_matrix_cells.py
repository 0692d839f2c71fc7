"""The statement x source matrix (claimcheck/report/matrix.py): which rows it holds, each cell's state and value,
the row order (contention, then coverage, then id), on a hand-built result and on the four-outlet fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.report import result_to_dict
from claimcheck.report.matrix import build_matrix, cells

FIX = Path(__file__).resolve().parent / "fixtures" / "outlets"


def finding(fid: str, verdict: str, sources: list[str], conflicts: list[dict] | None = None) -> dict:
    """A finding as the result dict holds it: one claim per source (text names the finding and source)."""
    out = {"id": fid, "verdict": verdict, "similarity": 0.9, "sources": sources,
           "claims": [{"id": f"{fid}-{s}", "source": s, "text": f"{fid} as {s} tells it", "start": 0, "end": 1}
                      for s in sources]}
    if conflicts:
        out["conflicts"] = conflicts
    return out


def conflict(sides: list[tuple[str, list[str]]], majority: str | None = None, outliers: list[str] = ()) -> dict:
    out = {"id": "k", "kind": "number", "rule": "number", "subject": "number", "detail": "",
           "sides": [{"value": v, "sources": s, "spans": []} for v, s in sides]}
    if majority is not None:
        out["majority"], out["outliers"] = majority, list(outliers)
    return out


def hand_built() -> dict:
    """Three sources: a toll where c is the outlier, a two-source conflict with no majority, two agreeing
    statements (three and two sources) and one unique to c."""
    return {"sources": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "findings": [
        finding("f1", "diverge", ["a", "b", "c"],
                [conflict([("14 dead", ["a", "b"]), ("17 dead", ["c"])], majority="14 dead", outliers=["c"])]),
        finding("f2", "diverge", ["a", "b"], [conflict([("Monday", ["a"]), ("Tuesday", ["b"])])]),
        finding("f3", "agree", ["a", "b", "c"]),
        finding("f4", "agree", ["a", "b"]),
        finding("f5", "unique", ["c"]),
    ]}


def test_matrix_rows_are_the_shared_or_diverging_statements_most_contested_then_most_carried_first() -> None:
    matrix = build_matrix(hand_built())
    assert matrix["sources"] == ["a", "b", "c"]
    assert [(r["finding"], r["contention"], r["coverage"]) for r in matrix["rows"]] == [
        ("f2", 2, 2), ("f1", 1, 3), ("f3", 0, 3), ("f4", 0, 2)]


def test_matrix_cells_say_majority_other_with_its_value_states_or_silent() -> None:
    rows = {r["finding"]: r["cells"] for r in build_matrix(hand_built())["rows"]}
    assert rows["f1"] == {"a": {"state": "majority", "value": "14 dead"}, "b": {"state": "majority", "value": "14 dead"},
                          "c": {"state": "other", "value": "17 dead"}}
    assert rows["f2"] == {"a": {"state": "other", "value": "Monday"}, "b": {"state": "other", "value": "Tuesday"},
                          "c": {"state": "silent"}}
    assert rows["f4"] == {"a": {"state": "states"}, "b": {"state": "states"}, "c": {"state": "silent"}}


def test_matrix_cell_joins_an_outliers_values_across_conflicts_and_counts_a_side_only_source_as_carrying() -> None:
    f = finding("f", "diverge", ["a", "b"], [
        conflict([("2024-03-12", ["a", "b"]), ("2024-03-13", ["c"])], majority="2024-03-12", outliers=["c"]),
        conflict([("14", ["a", "b"]), ("17", ["c"])], majority="14", outliers=["c"])])
    assert cells(f, ["a", "c", "d"]) == {"a": {"state": "majority", "value": "2024-03-12; 14"},
                                         "c": {"state": "other", "value": "2024-03-13; 17"},
                                         "d": {"state": "silent"}}


@pytest.fixture(scope="module")
def outlets_data() -> dict:
    from claimcheck import api
    from claimcheck.config import config_from_dict

    return result_to_dict(api.compare([str(FIX)], config=config_from_dict({"embedding": {"backend": "fake"}})))


def test_matrix_of_four_outlets_marks_the_outlier_on_every_diverging_statement(outlets_data) -> None:
    matrix = build_matrix(outlets_data)
    assert matrix["sources"] == ["daily", "gazette", "outlier", "wire"]
    diverging = [r for r in matrix["rows"] if r["verdict"] == "diverge"]
    assert diverging and matrix["rows"][:len(diverging)] == diverging  # contested rows come first
    for r in diverging:
        assert r["cells"]["outlier"]["state"] == "other"
        assert all(r["cells"][s]["state"] in ("majority", "silent") for s in ("daily", "gazette", "wire"))
    values = {r["cells"]["outlier"]["value"] for r in diverging}
    assert {"36 survivors", "Chios"} <= values
    assert any("17 people dead" in v and "2024-03-13" in v for v in values)
    shared = {f["id"] for f in outlets_data["findings"] if len(f["sources"]) >= 2 or f["verdict"] == "diverge"}
    assert {r["finding"] for r in matrix["rows"]} == shared
    assert all(r["cells"][s]["state"] == "states" for r in matrix["rows"] if r["verdict"] == "agree"
               for s in r["cells"] if r["cells"][s]["state"] != "silent")
