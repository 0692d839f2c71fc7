"""Values over time (claimcheck/stages/compare/timeline.py): eight outlets on one landslide (tests/fixtures/timeline)
report 14 dead in the first days and 17 later; the toll conflict lists its sides in publication order and is a
likely update with its change point. Values that alternate, share a day, or come from an undated source are no
update; the conflict stays a ``diverge`` either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.config import config_from_dict
from claimcheck.models import Article, Conflict, Side, ValueSpan
from claimcheck.report import result_to_dict
from claimcheck.stages.load import load_articles
from claimcheck.stages.compare.timeline import conflict_timeline, likely_update, publication_dates

FIX = Path(__file__).resolve().parent / "fixtures" / "timeline"
SUBJECT = "number:count:person:dead"


def _run(paths: list[str], published: dict[str, str] | None = None):
    return api.compare(paths, config=config_from_dict({"embedding": {"backend": "fake"}}), published=published)


def _toll(result) -> Conflict:
    found = [c for f in result.findings for c in f.conflicts if c.subject == SUBJECT]
    assert len(found) == 1
    return found[0]


@pytest.fixture(scope="module")
def staggered():
    return _run([str(FIX)])


def test_timeline_staggered_toll_is_a_likely_update_with_its_change_point(staggered) -> None:
    toll = _toll(staggered)
    dates = {a.id: a.published for a in load_articles([str(FIX)])}
    old = sorted(s for s, d in dates.items() if d <= "2024-04-10")
    new = sorted(s for s, d in dates.items() if d >= "2024-04-11")
    assert len(old) + len(new) >= 8
    assert {s.value: s.sources for s in toll.sides} == {"14 people dead": tuple(old), "17 people dead": tuple(new)}
    assert toll.likely_update
    assert (toll.changed.from_value, toll.changed.until, toll.changed.to_value, toll.changed.since) == (
        "14 people dead", "2024-04-10", "17 people dead", "2024-04-11")


def test_timeline_lists_every_source_of_the_conflict_in_publication_order(staggered) -> None:
    toll = _toll(staggered)
    dates = {a.id: a.published for a in staggered.articles}
    published = [t.published for t in toll.timeline]
    assert published == sorted(published)
    assert sorted(s for t in toll.timeline for s in t.sources) == list(toll.sources)
    for step in toll.timeline:
        assert {dates[s] for s in step.sources} == {step.published}


def test_timeline_likely_update_stays_a_diverge_and_is_in_the_json(staggered) -> None:
    finding = next(f for f in staggered.findings if any(c.subject == SUBJECT for c in f.conflicts))
    assert finding.verdict == "diverge"
    data = next(c for f in result_to_dict(staggered)["findings"] for c in f.get("conflicts", ())
                if c["subject"] == SUBJECT)
    assert data["likely_update"] is True
    assert data["changed"] == {"from": "14 people dead", "to": "17 people dead", "until": "2024-04-10",
                               "since": "2024-04-11"}
    assert [t["published"] for t in data["timeline"]][0] == "2024-04-09"


def test_timeline_alternating_values_are_no_update(staggered) -> None:
    toll = _toll(staggered)
    days = iter(f"2024-04-{d:02d}" for d in range(9, 30))
    # the sources take turns: 14, 17, 14, 17, ... day after day
    turns = [s for pair in zip(toll.sides[0].sources, toll.sides[1].sources) for s in pair]
    published = {s: next(days) for s in turns}
    alternating = _toll(_run([str(FIX)], published=published))
    assert not alternating.likely_update
    assert alternating.changed is None
    assert [t.published for t in alternating.timeline] == sorted(published.values())
    data = next(c for f in result_to_dict(_run([str(FIX)], published=published))["findings"]
                for c in f.get("conflicts", ()) if c["subject"] == SUBJECT)
    assert data["likely_update"] is False and "changed" not in data


def test_timeline_undated_sources_give_no_timeline_and_no_update(tmp_path: Path) -> None:
    for src in FIX.glob("*.md"):
        text = src.read_text(encoding="utf-8")
        (tmp_path / src.name).write_text("\n".join(line for line in text.splitlines()
                                                   if not line.startswith("published:")) + "\n", encoding="utf-8")
    undated = _run([str(tmp_path)])
    assert all(a.published is None or a.published_origin == "inferred" for a in undated.articles)
    toll = _toll(undated)
    assert toll.timeline == () and not toll.likely_update
    data = next(c for f in result_to_dict(undated)["findings"] for c in f.get("conflicts", ())
                if c["subject"] == SUBJECT)
    assert "timeline" not in data and "likely_update" not in data


def test_timeline_one_undated_source_on_a_side_is_no_update(tmp_path: Path) -> None:
    shutil.copytree(FIX, tmp_path / "t")
    late = tmp_path / "t" / "gazette.md"
    late.write_text("\n".join(line for line in late.read_text(encoding="utf-8").splitlines()
                              if not line.startswith("published:")) + "\n", encoding="utf-8")
    toll = _toll(_run([str(tmp_path / "t")]))
    assert not toll.likely_update
    assert toll.timeline[-1].published is None and toll.timeline[-1].sources == ("gazette",)


def _conflict(*sides: tuple[str, tuple[str, ...]]) -> Conflict:
    return Conflict(id="x", kind="number", rule="number", subject=SUBJECT, detail="", sides=tuple(
        Side(value=v, sources=srcs, spans=tuple(ValueSpan(claim_id=s, source=s, start=0, end=1, text=v)
                                                for s in srcs)) for v, srcs in sides))


def test_timeline_rule_needs_strict_order_two_values_and_distinct_sources() -> None:
    dates = {"a": "2024-01-01", "b": "2024-01-02", "c": "2024-01-03", "d": "2024-01-03"}
    change = likely_update(_conflict(("17", ("c", "d")), ("14", ("a", "b"))), dates)
    assert (change.from_value, change.until, change.to_value, change.since) == ("14", "2024-01-02", "17",
                                                                                 "2024-01-03")
    assert likely_update(_conflict(("17", ("b", "c")), ("14", ("a", "d"))), dates) is None  # same day
    assert likely_update(_conflict(("17", ("c",)), ("14", ("a",)), ("15", ("b",))), dates) is None  # three values
    assert likely_update(_conflict(("17", ("c", "a")), ("14", ("a",))), dates) is None  # a states both
    assert conflict_timeline(_conflict(("17", ("c",)), ("14", ("a",))), {}) == ()


def test_timeline_inferred_publication_dates_order_nothing() -> None:
    arts = [Article(id="a", path="a", text="", published="2024-01-01", published_origin="front-matter"),
            Article(id="b", path="b", text="", published="2024-01-02", published_origin="inferred"),
            Article(id="c", path="c", text="")]
    assert publication_dates(arts) == {"a": "2024-01-01"}
