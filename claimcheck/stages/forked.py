"""Per-item work shared with forked copies of this process, for the stages whose items are independent (the
comparison of one cluster reads only the run's claims, vectors and features).

``map_forked`` forks ``workers - 1`` children and shares the items out among them and itself as they go: the items
in order of estimated cost, costliest first, each process taking the next one as soon as it is done with one (a
counter in a temporary file, under a POSIX record lock, which the system lets go of if its holder dies). A split
into equal parts of estimated cost left one process waiting for the other, the estimates (a cluster's size
squared) being rough: in the statement pass of a 1,000-article run the parent's own part took 3.1 s of CPU and the
pass 5.9 s. Each child appends each item's result to a temporary file of its own as soon as it is done, and the
parent reads them between its own items and while it waits for the child's last ones: at the end of a
1,000-article run's comparison a child pickling its half of the results in one go (2.7 s for all of them) while the
parent waited, then the parent unpickling them (2.2 s for all) while the child was gone, left a core idle for
seconds. The results come back in the items' order, so the output is the one a plain loop gives. The objects the
children share with the parent (the run's claims) are sent back as their index, not copied (pickle's persistent
ids): the results refer to the parent's own objects, as a loop's would.

Why ``os.fork`` and files rather than a ``multiprocessing`` pool: a fork shares the run's claims and vectors
copy-on-write instead of pickling them to a fresh interpreter, and it also works inside a daemonic process (a
Dask worker), where ``multiprocessing`` may not start children. A child that fails (or is killed) leaves the items it
took and did not hand back to the parent, so the result never depends on a child's fate; the library prints nothing
either way. Where no temporary file can be made, the items are computed in this process alone.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (1 where that cannot be told, e.g. not Linux: no fork there either)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return 1


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


def _taken(fn: Callable[[T], R], items: Sequence[T], order: list[int], first: int,
           counter: _Counter, done: Callable[[int, R], None]) -> None:
    """Item ``first``, then each next item of ``order`` that ``counter`` hands this process, until none is left:
    ``done(index, result)`` after each."""
    i: int | None = first
    while i is not None:
        done(i, fn(items[i]))
        position = counter.take()
        i = order[position] if position < len(order) else None


def _frame(done: list[tuple[int, Any]], ids: dict[int, int]) -> memoryview:
    """(index, result) pairs pickled as one frame: the pickle's length (8 bytes, little-endian), then the pickle."""
    buf = io.BytesIO()
    buf.write(bytes(8))
    _SharedPickler(buf, ids).dump(done)
    view = buf.getbuffer()
    view[:8] = (len(view) - 8).to_bytes(8, "little")
    return view


def _child(fn: Callable[[T], R], items: Sequence[T], first: int, ids: dict[int, int], fd: int, counter: _Counter,
           order: list[int]) -> None:
    """In the forked child: compute its first item, then those it takes; append each (index, result) to its file
    as a frame as soon as it is done; exit without running the parent's cleanup."""
    code = 1
    try:
        import gc

        # no cyclic collection in the child: its short life leaves little garbage in cycles, and a full pass writes
        # to the header of every object it walks, each page so written becoming a copy of the parent's
        gc.disable()

        def done(i: int, result: Any) -> None:
            view = _frame([(i, result)], ids)
            while view:
                view = view[os.write(fd, view):]

        _taken(fn, items, order, first, counter, done)
        code = 0
    finally:
        os._exit(code)


class _Frames:
    """The frames one child appends to a temporary file of its own, read by the parent as they come: each complete
    frame once, at an offset of its own (``os.pread``: the file position the child writes at is left alone); a frame
    not yet complete is read the next time."""

    def __init__(self, pid: int, file: IO[bytes]) -> None:
        self.pid, self.file, self.offset = pid, file, 0

    def read(self, shared: Sequence[Any]) -> list[tuple[int, Any]]:
        """The (index, result) pairs of the frames completed since the last read."""
        fd = self.file.fileno()
        size = os.fstat(fd).st_size
        out: list[tuple[int, Any]] = []
        while self.offset + 8 <= size:
            n = int.from_bytes(os.pread(fd, 8, self.offset), "little")
            if self.offset + 8 + n > size:
                break
            out += _SharedUnpickler(io.BytesIO(os.pread(fd, n, self.offset + 8)), shared).load()
            self.offset += 8 + n
        return out


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
        counter = _Counter(workers)  # order[0 .. workers - 1]: one first item per process
        files = [tempfile.TemporaryFile() for _ in range(workers - 1)]
    except (OSError, ImportError):  # no temporary file (or no fcntl): in this process alone
        return [fn(x) for x in items]
    ids = {id(obj): n for n, obj in enumerate(shared)}
    children: list[_Frames] = []
    missing = object()
    results: list[Any] = [missing] * len(items)

    def collect(frames: list[_Frames]) -> None:
        for child in frames:
            for i, result in child.read(shared):
                results[i] = result

    def own(i: int, result: Any) -> None:
        results[i] = result
        collect(children)  # the children's results so far, between this process's own items: not all at the end

    try:
        for k, file in enumerate(files, start=1):
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                _child(fn, items, order[k], ids, file.fileno(), counter, order)
            children.append(_Frames(pid, file))
        _taken(fn, items, order, order[0], counter, own)
        while children:
            child = children[0]
            # its results as they come while it computes its last items, then the rest once it has ended
            while os.waitpid(child.pid, os.WNOHANG)[0] == 0:
                collect(children)
                time.sleep(0.005)
            collect([children.pop(0)])
            child.file.close()
        # the items a failed child took without handing back a result are computed here
        return [fn(items[i]) if result is missing else result for i, result in enumerate(results)]
    finally:
        for child in children:  # only when this process failed or was interrupted: stop the children
            try:
                os.kill(child.pid, 9)
                os.waitpid(child.pid, 0)
            except OSError:
                pass
            child.file.close()
        for file in files:
            file.close()
        counter.close()
