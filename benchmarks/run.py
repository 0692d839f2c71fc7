"""Benchmark claimcheck on this machine and print one table of measured numbers.

    .venv/bin/python benchmarks/run.py                       # sizes 100, 1000, 10000
    .venv/bin/python benchmarks/run.py --sizes 100,1000      # what fits in the time you have

The corpus is built at run time (benchmarks/corpus.py) from ../shared/eval-data/summedits-news documents and
seeded variations of them, in a temporary directory; nothing is copied into the repository. Every end-to-end
number is a separate ``claimcheck compare`` process (wall time and that process's peak RSS via wait4), with a
fresh cache directory for the cold run and the same one for the warm run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import build_corpus  # noqa: E402

SCRIPT = Path(sys.executable).with_name("claimcheck")
# the console script imports this checkout's claimcheck (not whichever one is installed in the venv)
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(HERE.parent),
                                                                    os.environ.get("PYTHONPATH")) if p)}


def _tree_memory_mb(root: int) -> tuple[int, int]:
    """The summed RSS and the summed PSS in MB of a process and all its descendants, read from /proc in one walk of
    its process list. The RSS sum counts a page once per process that maps it (the same libraries, and every page a
    forked child still shares with its parent), so it errs high, never low; the PSS (proportional set size,
    /proc/PID/smaps_rollup) counts a page shared by k of them 1/k to each, so its sum is the memory the tree holds
    (-1 where the root's is not readable)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += [p for p, parent in parents.items() if parent == pid and p not in tree]
    rss_mb = sum(rss.get(p, 0) for p in tree) // (1 << 20)
    pss_kb = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
                pss_kb += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except OSError:
            if pid == root:
                return rss_mb, -1
    return rss_mb, pss_kb // 1024


def run_process(args: list[str], *, timeout: float | None = None) -> tuple[float, int, int, int, int]:
    """Wall seconds, peak RSS in MB, peak summed RSS and peak summed PSS of the whole process tree in MB, and exit
    code of one child process.

    The peak comes from GNU time (``/usr/bin/time -f %M``) when present: a child forked from this process would
    otherwise inherit this process's (model-laden) peak in its own ``ru_maxrss``. That is the largest single
    process; a large run encodes in a child process of its own (claimcheck/stages/embed/worker.py), so the tree's
    peak is the one to read against a memory goal: the summed PSS of the process and its descendants
    (``_tree_memory_mb``), sampled every 0.2 s from /proc with their summed RSS, which counts the pages a forked child
    still shares with its parent twice. -1: not measured (no /proc).
    """
    timer = shutil.which("time") if os.path.exists("/usr/bin/time") else None
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss.name, *args] if timer else args
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=CHILD_ENV)
        tree_peak = pss_peak = -1 if not os.path.isdir("/proc") else 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal tree_peak, pss_peak
            while not stop.wait(0.2):
                tree_rss, tree_pss = _tree_memory_mb(proc.pid)
                tree_peak, pss_peak = max(tree_peak, tree_rss), max(pss_peak, tree_pss)

        sampler = threading.Thread(target=sample, daemon=True)
        if tree_peak == 0:
            sampler.start()
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            stop.set()
            return float("inf"), 0, 0, 0, -9
        finally:
            stop.set()
        wall = time.perf_counter() - start
        if sampler.is_alive():
            sampler.join()
        if proc.returncode not in (0, 1):
            sys.stderr.write(err.decode(errors="replace")[-2000:])
        text = rss.read().strip().splitlines()
    peak = int(text[-1]) // 1024 if text and text[-1].isdigit() else -1
    return wall, peak, tree_peak, pss_peak, proc.returncode


def help_time(repeats: int = 7) -> float:
    """Median wall time of ``claimcheck --help`` (console script, new process each time)."""
    times = [run_process([str(SCRIPT), "--help"])[0] for _ in range(repeats)]
    return statistics.median(times)


def sample_sentences(directory: Path, n: int) -> list[str]:
    """Claims of the corpus (extracted by claimcheck itself), for the raw encoder measurement."""
    from claimcheck.config import config_from_dict
    from claimcheck.pipeline import extract_all
    from claimcheck.stages.load import load_articles

    cfg = config_from_dict({"embedding": {"backend": "fake"}})
    claims = extract_all(load_articles([str(directory)]), config=cfg)
    texts = list(dict.fromkeys(c.text for c in claims))
    return texts[:n]


def encoder_rates(backend: str, texts: list[str], *, repeats: int = 3) -> tuple[list[float], float]:
    """(sentences/s of each of ``repeats`` timed passes, load seconds) of one encoder on ``texts``, after one untimed
    pass over all of them (each batch shape met once, as a long run meets it: one pass after a 64-text warm-up
    measured 106 and the next 142 sentences/s in one process)."""
    from claimcheck.config import config_from_dict
    from claimcheck.stages.embed.encoders import get_embedder

    t0 = time.perf_counter()
    emb = get_embedder(config_from_dict({"embedding": {"backend": backend}}).embedding)
    load = time.perf_counter() - t0
    emb.encode(texts)
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        emb.encode(texts)
        rates.append(len(texts) / (time.perf_counter() - t0))
    return rates, load


def stage_split(directory: Path, backend: str) -> dict[str, float]:
    """Seconds per stage, in process, for one corpus (no cache)."""
    from claimcheck.config import config_from_dict
    from claimcheck.pipeline import extract_all
    from claimcheck.stages.cluster.clusters import cluster_claims
    from claimcheck.stages.compare.findings import compare_clusters
    from claimcheck.stages.embed.encoders import get_embedder
    from claimcheck.stages.load import load_articles
    from claimcheck.stages.extract.nlp import get_nlp

    cfg = config_from_dict({"embedding": {"backend": backend}})
    out: dict[str, float] = {}
    t = time.perf_counter()
    articles = load_articles([str(directory)])
    out["load"] = time.perf_counter() - t
    t = time.perf_counter()
    get_nlp()
    out["spacy load"] = time.perf_counter() - t
    t = time.perf_counter()
    claims = extract_all(articles, config=cfg)
    out["extract"] = time.perf_counter() - t
    emb = get_embedder(cfg.embedding)
    t = time.perf_counter()
    # each distinct text once, as the pipeline's cached embedder does (the corpus's variants repeat sentences)
    distinct = list(dict.fromkeys(c.text for c in claims))
    row = {text: i for i, text in enumerate(distinct)}
    vectors = emb.encode(distinct)[[row[c.text] for c in claims]]
    out["embed"] = time.perf_counter() - t
    t = time.perf_counter()
    clusters = cluster_claims(claims, vectors, config=cfg.cluster)
    out["cluster"] = time.perf_counter() - t
    t = time.perf_counter()
    compare_clusters(clusters, claims, vectors, config=cfg.compare)
    out["compare"] = time.perf_counter() - t
    out["claims"] = len(claims)
    out["distinct"] = len(distinct)
    return out


def cached_vectors(cache: Path) -> int | None:
    """How many vectors the embedding cache under ``cache`` holds (None: no cache file)."""
    import sqlite3

    from claimcheck.cache import DB_NAME

    path = cache / DB_NAME
    if not path.exists():
        return None
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM vectors").fetchone()[0])


def end_to_end(directory: Path, cache: Path, out: Path, backend: str, timeout: float | None) -> dict:
    """Cold then warm ``claimcheck compare`` runs on one corpus."""
    cfg = out.with_suffix(".config.yaml")
    cfg.write_text(f"embedding:\n  backend: {backend}\n", encoding="utf-8")
    base = [str(SCRIPT), "compare", str(directory), "-o", str(out), "--config", str(cfg), "--quiet",
            "--cache-dir", str(cache)]
    cold, cold_mb, cold_tree_mb, cold_pss_mb, rc = run_process(base, timeout=timeout)
    row = {"cold_s": cold, "cold_mb": cold_mb, "cold_tree_mb": cold_tree_mb, "cold_tree_pss_mb": cold_pss_mb, "rc": rc}
    if rc in (0, 1):
        row["distinct"] = cached_vectors(cache)  # the cold run's cache was empty: the distinct texts it encoded
        report = json.loads(out.read_text(encoding="utf-8"))
        row["claims"] = sum(s["n_claims"] for s in report["sources"])
        row["articles"] = len(report["sources"])
        warm, warm_mb, warm_tree_mb, warm_pss_mb, rc2 = run_process(base, timeout=timeout)
        row.update(warm_s=warm, warm_mb=warm_mb, warm_tree_mb=warm_tree_mb, warm_tree_pss_mb=warm_pss_mb)
    return row


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated article counts")
    parser.add_argument("--backend", default="sentence-transformers", help="embedding backend for end-to-end runs")
    parser.add_argument("--encoder-sample", type=int, default=1000, help="sentences for the raw encoder rate")
    parser.add_argument("--encoder-repeats", type=int, default=3,
                        help="timed passes of the raw encoder at the start and again at the end (after one untimed)")
    parser.add_argument("--timeout", type=float, default=None, help="give up on one end-to-end run after SECONDS")
    parser.add_argument("--json", help="also write the measurements as JSON to this file")
    parser.add_argument("--data", help="summedits_news.json (default: ../shared/eval-data/summedits-news/...)")
    parser.add_argument("--work-dir", help="build corpora, caches and reports here and keep them (default: a "
                        "temporary directory, removed at the end); e.g. to index the same corpus into a store after")
    parser.add_argument("--no-split", action="store_true", help="skip the in-process stage split")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results: dict = {"cpus": os.cpu_count(), "sizes": {}}
    lines: list[str] = []
    if args.data:
        import corpus as corpus_module

        corpus_module.DATA = Path(args.data)

    def say(text: str) -> None:
        lines.append(text)
        print(text, flush=True)

    results["load_before"] = os.getloadavg()
    say(f"claimcheck benchmark: {results['cpus']} CPUs, end-to-end backend {args.backend}, load average "
        f"{results['load_before'][1]:.1f} (5 min) at the start")
    say("")
    say("| measure | value | goal |")
    say("|---|---|---|")
    keep = contextlib.nullcontext(args.work_dir) if args.work_dir else None
    with keep or tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        root = Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        results["help_s"] = help_time()
        bare = statistics.median(run_process([sys.executable, "-c", "pass"])[0] for _ in range(7))
        results["python_start_s"] = bare
        say(f"| `claimcheck --help` wall time (median of 7) | {results['help_s']:.2f} s (bare `python -c pass`: "
            f"{bare:.2f} s) | <= 0.3 s |")
        sample_dir = root / "sample"
        build_corpus(60, sample_dir, seed=99)
        texts = sample_sentences(sample_dir, args.encoder_sample)
        for backend in ("sentence-transformers", "onnx-int8"):
            try:
                rates, load = encoder_rates(backend, texts, repeats=args.encoder_repeats)
            except Exception as exc:  # an optional backend may be missing
                print(f"{backend}: not measured ({type(exc).__name__}: {exc})", file=sys.stderr)
                continue
            rate = statistics.median(rates)
            results[f"encoder_{backend}"] = {"sentences_per_s": rate, "passes": rates, "load_s": load,
                                             "n": len(texts)}
            say(f"| raw encoder, {backend} | {rate:.0f} sentences/s, median of {len(rates)} passes "
                f"({', '.join(f'{r:.0f}' for r in rates)}; {len(texts)} claims; load {load:.1f} s) | - |")
        if not args.no_split:
            split_dir = root / "split"
            build_corpus(sizes[0], split_dir, seed=1)
            sp = results["stage_split"] = stage_split(split_dir, args.backend)
            total = sum(v for k, v in sp.items() if k not in ("claims", "distinct"))
            say(f"| stage split at {sizes[0]} articles ({sp['claims']} claims, {sp['distinct']} distinct texts "
                "encoded), in process, one stage after the other | " + ", ".join(
                    f"{k} {v:.1f} s ({100 * v / total:.0f}%)" for k, v in sp.items()
                    if k not in ("claims", "distinct")) + " | - |")
        enc = results.get(f"encoder_{args.backend}", {}).get("sentences_per_s")
        prev = None
        for n in sizes:
            corpus = root / f"corpus-{n}"
            build_corpus(n, corpus, seed=n)
            row = results["sizes"][n] = end_to_end(corpus, root / f"cache-{n}", root / f"report-{n}.json",
                                                   args.backend, args.timeout)
            row["load_5min"] = os.getloadavg()[1]
            if row.get("rc") not in (0, 1):
                say(f"| {n} articles | not finished ({'timeout' if row.get('rc') == -9 else 'failed'}) | - |")
                continue
            rate = row["claims"] / row["cold_s"]
            ratio = f", {rate / enc:.2f} x the encoder" if enc else ""
            say(f"| {n} articles ({row['claims']} claims), cold, one `claimcheck compare` | {row['cold_s']:.1f} s, {rate:.1f} "
                f"claims/s{ratio}, peak {row['cold_mb']} MB, process tree {row['cold_tree_mb']} MB RSS, {row['cold_tree_pss_mb']} MB PSS (load average "
                f"{row['load_5min']:.1f} after) | "
                ">= 0.8 x encoder; <= 2048 MB |")
            if row.get("distinct"):
                # the corpus's variants repeat sentences, and each distinct text is encoded once: the same run's
                # rate counted in distinct texts is what an archive without repeats would see (at most)
                d = row["distinct"]
                dratio = f", {d / row['cold_s'] / enc:.2f} x the encoder" if enc else ""
                say(f"| {n} articles, cold, counted in distinct texts | {d} distinct of {row['claims']} claims "
                    f"({100 * (1 - d / row['claims']):.0f}% repeats): {d / row['cold_s']:.1f} texts/s{dratio} | - |")
            say(f"| {n} articles, warm (cached) | {row['warm_s']:.1f} s = {row['warm_s'] / row['cold_s']:.3f} x cold, "
                f"peak {row['warm_mb']} MB, process tree {row['warm_tree_mb']} MB RSS, {row['warm_tree_pss_mb']} MB PSS | <= 0.1 x cold |")
            if prev is not None:
                pn, prow = prev
                say(f"| time for x{n // pn} articles ({pn} -> {n}) | x{row['cold_s'] / prow['cold_s']:.1f} | "
                    f"<= x{12 * (n // pn) // 10} |")
            prev = (n, row)
        # the encoder's own rate drifts on a shared or throttled machine (34-124 sentences/s within 15 minutes in
        # one session; 123 and 161 at the start and the end of one run): measured again at the end, and each cold
        # ratio read against the median of every pass, start and end, and against the slowest and the fastest
        if enc and results["sizes"]:
            try:
                end_rates, _ = encoder_rates(args.backend, texts, repeats=args.encoder_repeats)
            except Exception as exc:  # an optional backend may be missing
                print(f"{args.backend}: not measured at the end ({type(exc).__name__}: {exc})", file=sys.stderr)
            else:
                end_rate = statistics.median(end_rates)
                every = results[f"encoder_{args.backend}"]["passes"] + end_rates
                middle = statistics.median(every)
                results[f"encoder_{args.backend}_end"] = {"sentences_per_s": end_rate, "passes": end_rates,
                                                          "n": len(texts)}
                results[f"encoder_{args.backend}_all"] = {"median": middle, "min": min(every), "max": max(every)}
                say(f"| raw encoder at the end, {args.backend} | {end_rate:.0f} sentences/s, median of "
                    f"{len(end_rates)} passes ({', '.join(f'{r:.0f}' for r in end_rates)}) | - |")
                for n, row in results["sizes"].items():
                    if row.get("rc") not in (0, 1):
                        continue
                    rate = row["claims"] / row["cold_s"]
                    row["ratio_median"] = rate / middle
                    say(f"| {n} articles, cold, against every encoder pass | **{rate / middle:.2f} x** the median "
                        f"of all {len(every)} ({middle:.0f} sentences/s); {rate / max(every):.2f} x the fastest "
                        f"({max(every):.0f}), {rate / min(every):.2f} x the slowest ({min(every):.0f}) | "
                        ">= 0.8 x encoder |")
    results["load_after"] = os.getloadavg()
    say(f"load average {results['load_after'][1]:.1f} (5 min) at the end")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
