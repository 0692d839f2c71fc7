"""The outlet scorecard (``sources[].stats``, claimcheck/report/matrix.py ``source_stats``): shared statements,
times named the outlier, unique statements, diverging statements; in the result dict and its reports."""

from __future__ import annotations

from pathlib import Path

from claimcheck.report import render_json, result_to_dict
from claimcheck.report.matrix import source_stats
from tests.test_matrix_cells import hand_built

FIX = Path(__file__).resolve().parent / "fixtures" / "outlets"


def test_source_stats_count_shared_outlier_unique_and_diverging_statements() -> None:
    data = hand_built()
    assert source_stats(data["findings"], ["a", "b", "c"]) == {
        "a": {"shared": 4, "outlier": 0, "unique": 0, "diverging": 2},
        "b": {"shared": 4, "outlier": 0, "unique": 0, "diverging": 2},
        "c": {"shared": 2, "outlier": 1, "unique": 1, "diverging": 1},
    }


def test_result_dict_gives_every_source_its_stats_and_the_outlier_leads_the_outlier_count() -> None:
    from claimcheck import api
    from claimcheck.config import config_from_dict

    data = result_to_dict(api.compare([str(FIX)], config=config_from_dict({"embedding": {"backend": "fake"}})))
    stats = {s["id"]: s["stats"] for s in data["sources"]}
    diverging = [f for f in data["findings"] if f["verdict"] == "diverge"]
    assert stats["outlier"]["outlier"] == len(diverging) >= 3
    assert all(stats[s]["outlier"] == 0 for s in ("daily", "gazette", "wire"))
    for sid, s in stats.items():
        held = [f for f in data["findings"] if sid in f["sources"]]
        assert s["shared"] == sum(1 for f in held if len(f["sources"]) >= 2)
        assert s["unique"] == sum(1 for f in held if f["verdict"] == "unique")
        assert s["diverging"] == sum(1 for f in held if f["verdict"] == "diverge")
    assert '"stats": {' in render_json(data)
