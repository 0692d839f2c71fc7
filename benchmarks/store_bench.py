"""Benchmark the corpus store: indexing throughput in-process vs a Dask LocalCluster, and ``check`` latency of one
new article against stores of growing size. Prints measured numbers (a markdown table at the end).

    .venv/bin/python benchmarks/store_bench.py                                   # fake embedder, defaults
    .venv/bin/python benchmarks/store_bench.py --backend real --sizes 1000        # the real model
    .venv/bin/python benchmarks/store_bench.py --index-n 100 --sizes 1000,10000 --replicate

The corpus is built at run time (benchmarks/corpus.py) from ../shared/eval-data/summedits-news in a temporary
directory. ``--replicate`` builds every store size above the first by copying the first indexed store under new
article ids (claims and vectors copied), because extracting 10,000 articles takes most of an hour on a shared
2-core machine; the table says which stores were replicated.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import build_corpus  # noqa: E402


def _config(backend: str):  # a Config
    from claimcheck.config import config_from_dict

    return config_from_dict({"embedding": {"backend": "fake" if backend == "fake" else "sentence-transformers"}})


def _warm_worker() -> None:
    from claimcheck.stages.extract.nlp import get_nlp

    get_nlp()


def bench_index(n: int, root: Path, *, backend: str, workers: int) -> list[tuple[str, int, float]]:
    """(executor, articles, seconds) for a fresh index of ``n`` articles, in-process and on a LocalCluster."""
    from claimcheck import api
    from claimcheck.stages.extract.nlp import get_nlp

    corpus = root / f"index{n}"
    build_corpus(n, corpus, seed=1)
    cfg = _config(backend)
    get_nlp()  # load spaCy (and the model, via a one-article warm-up) outside the timings
    api.index([str(next(corpus.iterdir()))], store=root / "warm", config=cfg)
    rows = []
    t = time.perf_counter()
    api.index([str(corpus)], store=root / "idx-local", config=cfg)
    rows.append(("in-process", n, time.perf_counter() - t))
    t = time.perf_counter()
    api.index([str(corpus)], store=root / "idx-local", config=cfg)
    rows.append(("in-process, re-run (nothing changed)", n, time.perf_counter() - t))
    t = time.perf_counter()
    api.index([str(corpus)], store=root / "idx-dask", config=cfg, executor="dask", workers=workers)
    rows.append((f"dask LocalCluster, {workers} workers (incl. start-up)", n, time.perf_counter() - t))
    import logging

    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(_warm_worker)  # spaCy loaded on every worker before the clock starts
        api.index([str(next(corpus.iterdir()))], store=root / "warm-dask", config=cfg, executor="dask",
                  scheduler=cluster.scheduler_address)
        t = time.perf_counter()
        api.index([str(corpus)], store=root / "idx-dask-warm", config=cfg, executor="dask",
                  scheduler=cluster.scheduler_address)
        rows.append((f"dask LocalCluster, {workers} workers (started and warm)", n, time.perf_counter() - t))
    return rows


def replicate(src: Path, dst: Path, factor: int) -> int:
    """Copy the store ``src`` into ``dst`` ``factor`` times under new article ids; the article count."""
    import shutil

    from claimcheck.models import content_id
    from claimcheck.store import Store

    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    with Store(src) as a:
        meta = a.meta()
        articles = a.articles()
        claims, vectors = a.claims_and_vectors()
    by_source: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_source.setdefault(c.source, []).append(i)
    with Store(dst, create=True) as b:
        for r in range(factor):
            results = []
            for art in articles:
                rows = by_source.get(art.id, [])
                new_id = art.id if r == 0 else f"{art.id}-r{r}"
                new_art = dataclasses.replace(art, id=new_id, path=art.path.replace(".txt", f"-r{r}.txt"))
                new_claims = [dataclasses.replace(claims[i], source=new_id,
                                                  id=claims[i].id if r == 0 else content_id(claims[i].id, str(r)))
                              for i in rows]
                results.append((new_art, new_claims, vectors[rows]))
            b.write(meta=meta, remove=[], results=results)
        b.write_vector_file()
        return len(b.hashes())


def _indexed(store: Path) -> int:
    """Articles in an existing store (0 when there is none)."""
    from claimcheck.store import Store

    if not (store / "vectors.npy").is_file():
        return 0
    with Store(store) as st:
        return len(st.hashes())


def bench_check(store: Path, new: Path, *, backend: str, nearest: int, repeat: int) -> tuple[float, float, int]:
    """(cold seconds, warm median seconds, articles in the run) of api.check for one new article."""
    from claimcheck import api

    cfg = _config(backend)
    times, n = [], 0
    for _ in range(repeat + 1):
        t = time.perf_counter()
        result = api.check([str(new)], against=[], config=cfg, store=store, nearest=nearest)
        times.append(time.perf_counter() - t)
        n = len(result.run.articles)
    return times[0], statistics.median(times[1:]), n


def main() -> None:
    """Run the benchmarks and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", choices=("fake", "real"), default="fake")
    ap.add_argument("--index-n", type=int, default=100, help="articles for the indexing throughput (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sizes", default="1000,10000", help="store sizes for the check latency ('' skips)")
    ap.add_argument("--replicate", action="store_true", help="build larger stores by copying the first one")
    ap.add_argument("--nearest", type=int, default=10)
    ap.add_argument("--full-max", type=int, default=1000, help="largest store also checked in full (no --nearest)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workdir", help="keep corpora and stores in this directory (default: a temporary one); a store "
                    "already indexed there with the asked size is reused, so a long index is paid once")
    ap.add_argument("--index-only", action="store_true", help="build (or reuse) the stores and stop before the checks")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out: list[str] = [f"backend: {args.backend}; cpus: {os.cpu_count()}; load average at start: "
                      f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", ""]
    with contextlib.ExitStack() as stack:
        root = Path(args.workdir) if args.workdir else Path(stack.enter_context(
            tempfile.TemporaryDirectory(prefix="claimcheck-store-bench-")))
        root.mkdir(parents=True, exist_ok=True)
        if args.index_n:
            out += ["| indexing | articles | seconds | articles/s |", "|---|---|---|---|"]
            for name, n, secs in bench_index(args.index_n, root, backend=args.backend, workers=args.workers):
                out.append(f"| {name} | {n} | {secs:.1f} | {n / secs:.1f} |")
                print(out[-1], flush=True)
            out.append("")
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        if sizes:
            new_dir = root / "new"
            build_corpus(1, new_dir, seed=99)
            new = new_dir / "new_article.txt"
            next(p for p in new_dir.iterdir() if p.name != new.name).rename(new)
            out += ["| store | articles | claims | index s | check | articles in run | cold s | warm s |",
                    "|---|---|---|---|---|---|---|---|"]
            first: Path | None = None
            first_size = 1
            for size in sizes:
                store = root / f"store{size}"
                t = time.perf_counter()
                if _indexed(store) == size:
                    how = "reused"
                    first, first_size = store, size
                elif args.replicate and first is not None:
                    replicate(first, store, size // first_size)
                    how = f"copied x{size // first_size}"
                else:
                    from claimcheck import api

                    build_corpus(size, root / f"corpus{size}", seed=2)
                    api.index([str(root / f"corpus{size}")], store=store, config=_config(args.backend),
                              executor="dask", workers=args.workers)
                    how = f"{time.perf_counter() - t:.0f} (dask)"
                    first, first_size = store, size
                    import resource

                    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
                    print(f"indexed {size} articles in {time.perf_counter() - t:.0f} s (this process's peak RSS "
                          f"{peak} MB; the dask workers are separate processes)", flush=True)
                if args.index_only:
                    continue
                import numpy as np

                from claimcheck.store import Store

                with Store(store) as st:
                    n_articles = len(st.hashes())
                n_claims = int(np.load(store / "vectors.npy", mmap_mode="r").shape[0])
                modes = [args.nearest] + ([0] if size <= args.full_max else [])
                for nearest in modes:
                    cold, warm, n_run = bench_check(store, new, backend=args.backend, nearest=nearest,
                                                    repeat=args.repeat if nearest else 1)
                    label = f"--nearest {nearest}" if nearest else "whole store"
                    out.append(f"| {size} | {n_articles} | {n_claims} | {how} | {label} | {n_run} | {cold:.2f} | "
                               f"{warm:.2f} |")
                    print(out[-1], flush=True)
    print("\n".join(out))


if __name__ == "__main__":
    main()
