"""``claimcheck/stages/forked.py``: per-item work shared with forked copies of the process gives what a plain loop
gives, in order, with the parent's own shared objects; a child that fails leaves its part to the parent; and a
comparison run that way gives the same findings (``pipeline.stage_workers``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck import api, pipeline
from claimcheck.report import render
from claimcheck.stages.forked import map_forked

from builders import count_forks

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("workers", [2, 3])
def test_forked_map_returns_the_loops_results_in_order_with_the_parents_shared_objects(workers: int) -> None:
    shared = [object() for _ in range(5)]
    parent = os.getpid()

    def fn(n: int) -> tuple[int, int, object]:
        return n * n, os.getpid(), shared[n % 5]

    got = map_forked(fn, list(range(12)), costs=[1] * 12, workers=workers, shared=shared)
    assert [(sq, obj) for sq, _, obj in got] == [(n * n, shared[n % 5]) for n in range(12)]
    assert all(obj is shared[n % 5] for n, (_, _, obj) in enumerate(got))  # the same objects, not copies
    assert len({pid for _, pid, _ in got}) == workers and parent in {pid for _, pid, _ in got}


def test_a_failing_child_leaves_its_part_to_the_parent() -> None:
    parent = os.getpid()

    def fn(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return n + 1

    assert map_forked(fn, [1, 2, 3, 4], costs=[1, 1, 1, 1], workers=2) == [2, 3, 4, 5]


def test_an_error_in_the_parents_part_is_raised_and_its_children_are_reaped(monkeypatch) -> None:
    parent = os.getpid()
    forks = count_forks(monkeypatch)

    def fn(n: int) -> int:
        if os.getpid() == parent:
            raise ValueError("parent fails")
        return n

    with pytest.raises(ValueError, match="parent fails"):
        map_forked(fn, [1, 2], costs=[1, 1], workers=2)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped: no such child left, finished or not


def test_clustering_and_comparison_in_forked_processes_give_the_report_of_one(fake_config, monkeypatch) -> None:
    paths = [str(FIXTURES / name) for name in ("quake6", "floods", "election", "outlets")]
    one = render(api.compare(paths, config=fake_config), "json")
    monkeypatch.setattr(pipeline, "FORK_MIN_CLAIMS", 1)
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 2)
    forks = count_forks(monkeypatch)
    two = render(api.compare(paths, config=fake_config), "json")
    assert len(forks) == 3 and two == one  # the statement pass, the event-group pass and the comparison
    assert '"verdict": "diverge"' in one and '"verdict": "agree"' in one


def test_small_and_very_large_runs_compare_in_one_process(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 8)
    assert pipeline.stage_workers(pipeline.FORK_MIN_CLAIMS - 1) == 1
    assert pipeline.stage_workers(pipeline.FORK_MIN_CLAIMS) == 4
    assert pipeline.stage_workers(pipeline.FORK_MAX_CLAIMS + 1) == 1
    # clustering forks further up than comparison: its children copy less of a large run's heap
    assert pipeline.stage_workers(pipeline.FORK_MAX_CLAIMS + 1, max_claims=pipeline.CLUSTER_FORK_MAX_CLAIMS) == 4
    assert pipeline.stage_workers(pipeline.CLUSTER_FORK_MAX_CLAIMS + 1,
                                  max_claims=pipeline.CLUSTER_FORK_MAX_CLAIMS) == 1
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 1)
    assert pipeline.stage_workers(pipeline.FORK_MIN_CLAIMS) == 1
