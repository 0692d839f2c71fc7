"""Per-item work shared with forked copies of this process, for the stages whose items are independent (the
comparison of one cluster reads only the run's claims, vectors and features).

``map_forked`` forks ``workers - 1`` children and shares the items out among them and itself as they go: the items
in order of estimated cost, costliest first, each process taking the next one as soon as it is done with one (a
counter in a temporary file, under a POSIX record lock, which the system lets go of if its holder dies). A split
into equal parts of estimated cost left one process waiting for the other, the estimates (a cluster's size
squared) being rough: in the statement pass of a 1,000-article run the parent's own part took 3.1 s of CPU and the
pass 5.9 s. Each child sends its results back through a pipe at the end; they come back in the items' order, so the
output is the one a plain loop gives. The objects the children share with the parent (the run's claims) are
sent back as their index, not copied (pickle's persistent ids): the results refer to the parent's own objects, as a
loop's would.

Why ``os.fork`` and a pipe rather than a ``multiprocessing`` pool: a fork shares the run's claims and vectors
copy-on-write instead of pickling them to a fresh interpreter, and it also works inside a daemonic process (a
Dask worker), where ``multiprocessing`` may not start children. A child that fails (or is killed) leaves the items it
took to the parent, so the result never depends on a child's fate; the library prints nothing either way. Where
the counter cannot be made (no temporary file) the items are split into equal parts of estimated cost up front.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
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


class _Counter:
    """A counter that the processes forked after it share: ``take`` gives each caller the next number once."""

    def __init__(self, start: int) -> None:
        import fcntl

        self._fcntl = fcntl
        self._file = tempfile.TemporaryFile()  # deleted once closed; never more than 8 bytes
        self._fd = self._file.fileno()
        os.pwrite(self._fd, start.to_bytes(8, "little"), 0)

    def take(self) -> int:
        """The next number (each one given out once, whichever process asks)."""
        self._fcntl.lockf(self._fd, self._fcntl.LOCK_EX)  # per process: a forked child waits for its parent
        try:
            n = int.from_bytes(os.pread(self._fd, 8, 0), "little")
            os.pwrite(self._fd, (n + 1).to_bytes(8, "little"), 0)
        finally:
            self._fcntl.lockf(self._fd, self._fcntl.LOCK_UN)
        return n

    def close(self) -> None:
        """Delete the file (in the parent, once every child is done)."""
        self._file.close()


def _taken(fn: Callable[[T], R], items: Sequence[T], order: list[int], first: int | None,
           counter: _Counter | None) -> list[tuple[int, R]]:
    """(index, result) of item ``first``, then of each next item of ``order`` that ``counter`` hands this process
    (none without a counter), until none is left."""
    out: list[tuple[int, R]] = []
    i = first
    while i is not None:
        out.append((i, fn(items[i])))
        position = counter.take() if counter is not None else len(order)
        i = order[position] if position < len(order) else None
    return out


def _child(fn: Callable[[T], R], items: Sequence[T], part: list[int], ids: dict[int, int], fd: int,
           counter: _Counter | None, order: list[int]) -> None:
    """In the forked child: compute its items (``part`` without a counter; else its first item, then those it
    takes), write (index, result) pairs to the pipe, exit without running the parent's cleanup."""
    code = 1
    try:
        buf = io.BytesIO()
        done = _taken(fn, items, order, part[0], counter) if counter is not None else \
            [(i, fn(items[i])) for i in part]
        _SharedPickler(buf, ids).dump(done)
        with os.fdopen(fd, "wb") as out:
            out.write(buf.getbuffer())
        code = 0
    finally:
        os._exit(code)


def map_forked(fn: Callable[[T], R], items: Sequence[T], *, costs: Sequence[float], workers: int,
               shared: Sequence[Any] = ()) -> list[R]:
    """``[fn(x) for x in items]``, computed in ``workers`` processes (this one and ``workers - 1`` forked children)
    when ``workers`` > 1 and there are at least two items. ``costs``: each item's estimated cost, for the order in
    which the items are taken (costliest first; each process starts with one of the costliest). ``shared``:
    objects the results may contain that the parent holds (the run's claims): returned as the parent's own objects.
    ``fn`` must not depend on what the other items' calls leave behind (caches aside)."""
    workers = min(workers, len(items)) if hasattr(os, "fork") else 1
    if workers <= 1:
        return [fn(x) for x in items]
    order = sorted(range(len(items)), key=lambda i: (-costs[i], i))
    try:
        counter: _Counter | None = _Counter(workers)  # order[0 .. workers - 1]: one first item per process
        parts = [[order[k]] for k in range(workers)]
    except (OSError, ImportError):  # no temporary file (or no fcntl): equal parts of estimated cost
        counter, parts = None, split_by_cost(costs, workers)
    ids = {id(obj): n for n, obj in enumerate(shared)}
    children: list[tuple[int, int]] = []  # (pid, read end)
    missing = object()
    results: list[Any] = [missing] * len(items)
    try:
        for part in parts[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(r)
                _child(fn, items, part, ids, w, counter, order)
            os.close(w)
            children.append((pid, r))
        own = _taken(fn, items, order, parts[0][0], counter) if counter is not None else \
            [(i, fn(items[i])) for i in parts[0]]
        for i, result in own:
            results[i] = result
        while children:
            pid, r = children.pop(0)
            with os.fdopen(r, "rb") as src:
                data = src.read()
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:
                for i, result in _SharedUnpickler(io.BytesIO(data), shared).load():
                    results[i] = result
        # the items a failed child took (or was given) are computed here
        return [fn(items[i]) if result is missing else result for i, result in enumerate(results)]
    finally:
        for pid, r in children:  # only when this process failed or was interrupted: stop the children
            os.close(r)
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except OSError:
                pass
        if counter is not None:
            counter.close()
