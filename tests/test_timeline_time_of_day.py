"""Values over time with times of day (issue 18): two publications of one day are ordered when both carry a
time (claimcheck/stages/compare/timeline.py ``published_before``), so a toll that changes within a day is a likely
update and its timeline steps show the times; a bare day is never ordered against that day's times."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from claimcheck import api
from claimcheck.config import config_from_dict
from claimcheck.models import Conflict
from claimcheck.report import result_to_dict
from claimcheck.stages.compare.timeline import published_before

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"
SUBJECT = "number:count:person:dead"


def _restamp(tmp_path: Path, stamp) -> Path:
    """A copy of the eight-outlet fixture whose ``published:`` lines are ``stamp(old day)``."""
    out = tmp_path / "t"
    shutil.copytree(FIX, out)
    for p in out.glob("*.md"):
        text = p.read_text(encoding="utf-8")
        p.write_text(re.sub(r"^published: (\S+)$", lambda m: f"published: {stamp(m.group(1))}", text,
                            flags=re.M), encoding="utf-8")
    return out


def _same_day(day: str) -> str:
    """Every outlet on 2024-04-10: the days before the change in the morning (UTC), the later ones in the
    afternoon written with a +02:00 offset; hours follow the original day order."""
    hour = {"2024-04-09": 6, "2024-04-10": 7, "2024-04-11": 15, "2024-04-12": 16, "2024-04-13": 17}[day]
    if hour < 12:
        return f"2024-04-10T{hour:02d}:15:00Z"
    return f"2024-04-10T{hour + 2:02d}:45:00+02:00"


def _toll(result) -> Conflict:
    found = [c for f in result.findings for c in f.conflicts if c.subject == SUBJECT]
    assert len(found) == 1
    return found[0]


def _run(path: Path):
    return api.compare([str(path)], config=config_from_dict({"embedding": {"backend": "fake"}}))


def test_timeline_same_day_update_ordered_by_time_is_a_likely_update(tmp_path: Path) -> None:
    result = _run(_restamp(tmp_path, _same_day))
    assert {a.published for a in result.articles} == {"2024-04-10"}
    toll = _toll(result)
    assert toll.likely_update
    assert (toll.changed.from_value, toll.changed.until, toll.changed.to_value, toll.changed.since) == (
        "14 people dead", "2024-04-10T07:15", "17 people dead", "2024-04-10T15:45")
    steps = [t.published for t in toll.timeline]
    assert steps == sorted(steps) and all(len(s) == len("2024-04-10T07:15") for s in steps)
    by_id = {a.id: a.published_at for a in result.articles}
    for step in toll.timeline:
        assert {by_id[s] for s in step.sources} == {step.published}
    data = next(c for f in result_to_dict(result)["findings"] for c in f.get("conflicts", ())
                if c["subject"] == SUBJECT)
    assert data["likely_update"] is True and data["changed"]["since"] == "2024-04-10T15:45"


def test_timeline_same_day_with_one_untimed_source_is_no_update(tmp_path: Path) -> None:
    path = _restamp(tmp_path, _same_day)
    gazette = path / "gazette.md"
    gazette.write_text(re.sub(r"^published: .*$", "published: 2024-04-10", gazette.read_text(encoding="utf-8"),
                              flags=re.M), encoding="utf-8")
    toll = _toll(_run(path))
    assert not toll.likely_update
    assert toll.timeline[0].published == "2024-04-10" and toll.timeline[0].sources == ("gazette",)


def test_timeline_times_keep_the_day_by_day_update_unchanged(tmp_path: Path) -> None:
    """Times on different days change nothing but what the steps show."""
    toll = _toll(_run(_restamp(tmp_path, lambda day: f"{day}T09:00:00Z")))
    assert (toll.changed.until, toll.changed.since) == ("2024-04-10T09:00", "2024-04-11T09:00")


def test_timeline_published_before_orders_a_day_by_time_only_when_both_are_timed() -> None:
    assert published_before("2024-04-10T08:00", "2024-04-10T09:00")
    assert not published_before("2024-04-10T09:00", "2024-04-10T08:00")
    assert not published_before("2024-04-10T08:00", "2024-04-10T08:00")
    assert not published_before("2024-04-10", "2024-04-10T09:00")
    assert not published_before("2024-04-10T09:00", "2024-04-10")
    assert published_before("2024-04-09T23:59", "2024-04-10")
    assert published_before("2024-04-09", "2024-04-10T00:01")
