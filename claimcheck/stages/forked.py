"""Per-item work shared with forked copies of this process, for the stages whose items are independent (the
comparison of one cluster reads only the run's claims, vectors and features).

``map_forked`` splits the items into ``workers`` parts of about equal estimated cost, forks one child per part but
the first, computes the first part itself and reads each child's results back through a pipe. The results come
back in the items' order, so the output is the one a plain loop gives. The objects the children share with the
parent (the run's claims) are sent back as their index, not copied (pickle's persistent ids): the results refer
to the parent's own objects, as a loop's would.

Why ``os.fork`` and a pipe rather than a ``multiprocessing`` pool: a fork shares the run's claims and vectors
copy-on-write instead of pickling them to a fresh interpreter, and it also works inside a daemonic process (a
Dask worker), where ``multiprocessing`` may not start children. A child that fails (or is killed) leaves its part
to the parent, so the result never depends on a child's fate; the library prints nothing either way.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (1 where that cannot be told, e.g. not Linux: no fork there either)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return 1


def split_by_cost(costs: Sequence[float], parts: int) -> list[list[int]]:
    """Item indices in ``parts`` lists of about equal summed cost: the costliest item first, each to the part with
    the least so far (ties: the lower part, then the lower index, so the split is deterministic); each part in
    index order."""
    loads = [0.0] * parts
    out: list[list[int]] = [[] for _ in range(parts)]
    for i in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        p = min(range(parts), key=lambda p: (loads[p], p))
        out[p].append(i)
        loads[p] += costs[i]
    return [sorted(part) for part in out]


class _SharedPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, ids: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = ids

    def persistent_id(self, obj: Any) -> int | None:
        return self._ids.get(id(obj))


class _SharedUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: Sequence[Any]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self._shared[pid]


def _child(fn: Callable[[T], R], items: Sequence[T], part: list[int], ids: dict[int, int], fd: int) -> None:
    """In the forked child: compute the part, write it to the pipe, exit without running the parent's cleanup."""
    code = 1
    try:
        buf = io.BytesIO()
        _SharedPickler(buf, ids).dump([fn(items[i]) for i in part])
        with os.fdopen(fd, "wb") as out:
            out.write(buf.getbuffer())
        code = 0
    finally:
        os._exit(code)


def map_forked(fn: Callable[[T], R], items: Sequence[T], *, costs: Sequence[float], workers: int,
               shared: Sequence[Any] = ()) -> list[R]:
    """``[fn(x) for x in items]``, computed in ``workers`` processes (this one and ``workers - 1`` forked children)
    when ``workers`` > 1 and there are at least two items. ``costs``: each item's estimated cost, for the split.
    ``shared``: objects the results may contain that the parent holds (the run's claims): returned as the
    parent's own objects. ``fn`` must not depend on what the other items' calls leave behind (caches aside)."""
    workers = min(workers, len(items)) if hasattr(os, "fork") else 1
    if workers <= 1:
        return [fn(x) for x in items]
    parts = split_by_cost(costs, workers)
    ids = {id(obj): n for n, obj in enumerate(shared)}
    children: list[tuple[int, int, list[int]]] = []  # (pid, read end, part)
    results: list[Any] = [None] * len(items)
    try:
        for part in parts[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(r)
                _child(fn, items, part, ids, w)
            os.close(w)
            children.append((pid, r, part))
        for i in parts[0]:
            results[i] = fn(items[i])
        while children:
            pid, r, part = children.pop(0)
            with os.fdopen(r, "rb") as src:
                data = src.read()
            _, status = os.waitpid(pid, 0)
            got = _SharedUnpickler(io.BytesIO(data), shared).load() if status == 0 and data else None
            for n, i in enumerate(part):  # a failed child's part is computed here
                results[i] = got[n] if got is not None else fn(items[i])
    finally:
        for pid, r, _ in children:  # only when this process failed or was interrupted: stop the children
            os.close(r)
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except OSError:
                pass
    return results
