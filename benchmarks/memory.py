"""Where memory goes in one large compare: RSS at each stage boundary and the bytes per claim of each holder.

    .venv/bin/python benchmarks/memory.py CORPUS --cache-dir CACHE            # a corpus whose cache is warm
    .venv/bin/python benchmarks/memory.py CORPUS --cache-dir CACHE --cold-articles 20 --cold-claims 2000
    .venv/bin/python benchmarks/memory.py --fit small.json large.json --to 257340   # extrapolate per claim

Two passes, each in a fresh process, print one table each:

1. **stages**: the real ``claimcheck compare CORPUS -o REPORT.json --cache-dir CACHE`` in process
   (``claimcheck.cli.app``), with the pipeline's stage functions wrapped: after each one returns, a full
   ``gc.collect()``, then VmRSS (what is live) and VmHWM (the peak *during* that stage: the peak is reset at each
   boundary through ``/proc/self/clear_refs``). Claims and vectors come from the cache (no spaCy, no torch) unless
   ``--cold-articles K`` / ``--cold-claims N`` first delete K articles' cached claims / N claims' cached vectors
   from the cache, so that the run loads spaCy / the encoder and extracts / encodes those as a cold run does (the
   models' memory, and whether the run lets go of it, is then in the table). The findings are always recomputed
   (the findings cache's code fingerprint is made unique to the run), and stored again as a cold run stores them.
2. **holders**: the same stages called one after another with every result kept, so that each row's RSS growth
   is the memory that holder costs (and the bytes per claim of it); right after the findings the stage modules'
   memo caches are emptied (``pipeline.release_caches``, as a large run does once its findings are computed), so
   the findings row holds the caches filled during comparison and the next row's (negative) growth is their size;
   the encoder and spaCy are loaded last, each as its own row.

Linux only (``/proc/self/status``). Use a copy of a cache: ``--cold-*`` deletes rows from it (the run stores
them again).
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

MB = 1024 * 1024


def status() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in bytes."""
    text = Path("/proc/self/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) * 1024  # type: ignore[union-attr]
    hwm = int(re.search(r"VmHWM:\s+(\d+) kB", text).group(1)) * 1024  # type: ignore[union-attr]
    return rss, hwm


def reset_peak() -> None:
    """Reset VmHWM to the current RSS (Linux >= 4.0); silently nothing where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def collect() -> None:
    """Full garbage collection, then hand freed heap pages back (glibc ``malloc_trim``) so RSS shows what is live."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class Recorder:
    """Stage rows: name, seconds, RSS after the stage (after gc), peak RSS during the stage."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.t = time.perf_counter()
        self.n_claims = 0
        reset_peak()

    def mark(self, name: str, note: str = "") -> None:
        _, hwm = status()  # the peak of the stage, before gc frees its garbage
        collect()
        rss, _ = status()
        now = time.perf_counter()
        self.rows.append({"stage": name, "s": now - self.t, "rss": rss, "peak": max(hwm, rss), "note": note})
        reset_peak()
        self.t = time.perf_counter()

    def wrap(self, module: Any, attr: str, name: str, note: Callable[[Any], str] | None = None) -> None:
        """Replace ``module.attr`` with a wrapper that marks ``name`` when it returns."""
        original = getattr(module, attr)

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            out = original(*args, **kwargs)
            self.mark(name, note(out) if note else "")
            return out

        setattr(module, attr, wrapper)


def _claims_note(rec: Recorder) -> Callable[[Any], str]:
    def note(claims: Any) -> str:
        rec.n_claims = len(claims)
        return f"{len(claims)} claims"
    return note


def make_cold(corpus: str, cache_dir: str, *, articles: int, claims: int, config: Any) -> tuple[int, int]:
    """Delete ``articles`` articles' cached claims and ``claims`` claims' cached vectors (spread evenly)."""
    import sqlite3

    from claimcheck.cache import DB_NAME, ClaimCache, config_model_key, text_key
    from claimcheck.pipeline import extract_all
    from claimcheck.stages.load import load_articles

    arts = load_articles([corpus], config=config.load, max_bytes=config.max_file_bytes)
    gone_a = gone_c = 0
    with sqlite3.connect(Path(cache_dir) / DB_NAME) as db:
        if claims:
            cl = extract_all(arts, config=config, cache_dir=cache_dir)
            step = max(1, len(cl) // claims)
            model_key = config_model_key(config.embedding)
            keys = [(text_key(model_key, c.text),) for c in cl[::step][:claims]]
            gone_c = db.executemany("DELETE FROM vectors WHERE key = ?", keys).rowcount
        if articles:
            cache = ClaimCache(cache_dir, config=config.extract)
            step = max(1, len(arts) // articles)
            keys = [(cache._key(a),) for a in arts[::step][:articles]]
            cache.close()
            gone_a = db.executemany("DELETE FROM claims WHERE key = ?", keys).rowcount
    return gone_a, gone_c


def pass_stages(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The real CLI compare, stage functions wrapped (see the module doc)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    rec = Recorder()
    import claimcheck.cache as cache_mod
    import claimcheck.cli as cli
    import claimcheck.pipeline as pipeline
    import claimcheck.report as report

    if args.release_from is not None:
        pipeline.RELEASE_MODELS_MIN_CLAIMS = args.release_from
    run_id = uuid.uuid4().hex
    cache_mod._ANALYSIS_CODE[:] = [cache_mod.analysis_fingerprint() + run_id]  # findings always recomputed
    rec.mark("imports")
    rec.wrap(pipeline, "extract_all", "extract", _claims_note(rec))
    rec.wrap(pipeline, "embed_claims", "embed", lambda v: f"{v.shape[0]} x {v.shape[1]} {v.dtype}")
    rec.wrap(pipeline, "claim_features", "claim features")
    rec.wrap(pipeline, "cluster_claims", "cluster", lambda c: f"{len(c)} clusters")
    rec.wrap(pipeline, "compare_clusters", "compare", lambda f: f"{len(f)} findings")
    rec.wrap(pipeline, "describe_findings", "framing")
    rec.wrap(pipeline, "compute_findings", "findings cache stored")
    rec.wrap(report, "result_to_dict", "result dict")
    for fmt in list(report.RENDERERS):
        if fmt == "json" and hasattr(report, "iter_json"):
            continue  # streamed, and only while the JSON renderer is the built-in one: leave it in place
        original = report.RENDERERS[fmt]

        def rendered(data: Any, *a: Any, _o: Callable = original, _f: str = fmt, **k: Any) -> str:
            text = _o(data, *a, **k)
            rec.mark(f"render {_f}", f"{len(text.encode('utf-8')) / MB:.0f} MB of text")
            return text

        report.RENDERERS[fmt] = rendered
    for name, label in (("write_report", "report written"), ("_write_temp", "report written (temp file)"),
                        ("write_reports", "reports in place")):
        if hasattr(report, name):  # the names of the code measured (older checkouts have fewer)
            rec.wrap(report, name, label)
    import claimcheck.api as api

    rec.wrap(api, "load_articles", "load", lambda a: f"{len(a)} articles")  # api imports it by name
    out = Path(args.output)
    try:
        cli.app(["compare", args.corpus, "-o", str(out), "--cache-dir", args.cache_dir, "--quiet",
                 *(["--config", args.config] if args.config else [])], standalone_mode=False)
    except SystemExit:
        pass
    rec.mark("after the command")
    return [r for r in rec.rows if r["stage"]] + [{"n_claims": rec.n_claims}]


def pass_holders(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Each stage's result kept alive, one after another: RSS growth per holder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from claimcheck.api import resolve_config
    from claimcheck.cache import cached_embedder
    from claimcheck.models import RunResult
    from claimcheck.pipeline import extract_all
    from claimcheck.report import render_json, result_to_dict
    from claimcheck.stages.cluster.clusters import claim_features, cluster_claims
    from claimcheck.stages.compare.findings import compare_clusters
    from claimcheck.stages.compare.timeline import publication_dates
    from claimcheck.stages.embed.encoders import embed_claims, get_embedder
    from claimcheck.stages.extract.nlp import get_nlp
    from claimcheck.stages.framing import describe_findings
    from claimcheck.stages.load import load_articles

    cfg = resolve_config(None, args.config)
    rec = Recorder()
    rec.mark("imports")
    keep: list[Any] = []
    articles = load_articles([args.corpus], config=cfg.load, max_bytes=cfg.max_file_bytes)
    keep.append(articles)
    rec.mark("articles", f"{len(articles)} articles")
    claims = extract_all(articles, config=cfg, cache_dir=args.cache_dir)
    rec.n_claims = len(claims)
    rec.mark("claims (Python objects)", f"{len(claims)} claims")
    emb = cached_embedder(cfg.embedding, cache_dir=args.cache_dir)
    vectors = embed_claims([c.text for c in claims], embedder=emb)
    emb.cache.close()  # type: ignore[union-attr]
    rec.mark("vectors", f"{vectors.shape} {vectors.dtype}")
    try:  # as the pipeline makes them: each claim's features shared as soon as made
        from claimcheck.pipeline import ValueSharer

        features = claim_features(claims, config=cfg.cluster, share=ValueSharer(instances=True).one)
    except (ImportError, TypeError, AttributeError):  # an older checkout: shared afterwards, or not at all
        features = claim_features(claims, config=cfg.cluster)
        share = getattr(sys.modules["claimcheck.pipeline"], "ValueSharer", None)
        if share is not None and hasattr(share, "share_features"):
            features = share.share_features(features)
    rec.mark("claim features")
    clusters = cluster_claims(claims, vectors, config=cfg.cluster, features=features)
    rec.mark("clusters", f"{len(clusters)}")
    findings = compare_clusters(clusters, claims, vectors, config=cfg.compare, published=publication_dates(articles),
                                cluster=cfg.cluster, features=features)
    rec.mark("findings", f"{len(findings)}")
    release = getattr(sys.modules["claimcheck.pipeline"], "release_caches", None)
    if release is not None:  # the stage modules' memo caches (word sets, templates, lemmas) as their own row
        release()
        rec.mark("memo caches let go of (release_caches)")
    framed = describe_findings(findings)
    rec.mark("framed findings (both lists kept)")
    result = RunResult(config=cfg.to_dict(), articles=tuple(articles), claims=tuple(claims), findings=tuple(framed),
                       model_id=emb.model_id)
    rec.mark("RunResult")
    data = result_to_dict(result)
    rec.mark("result dict")
    text = render_json(data)
    rec.mark("JSON text", f"{len(text.encode('utf-8')) / MB:.0f} MB")
    get_nlp()
    rec.mark("spaCy model")
    enc = get_embedder(cfg.embedding)
    enc.encode([c.text for c in claims[:256]])
    rec.mark("encoder model (+ one batch)", cfg.embedding.backend)
    keep += [claims, vectors, features, clusters, findings, framed, result, data, text, enc]
    return rec.rows + [{"n_claims": rec.n_claims}]


def print_table(title: str, rows: list[dict[str, Any]], *, growth: bool) -> None:
    n = rows[-1]["n_claims"] or 1
    rows = rows[:-1]
    print(f"\n{title} ({n} claims)\n")
    if growth:
        print("| holder | RSS after (MB) | growth (MB) | bytes per claim | note |")
        print("|---|---:|---:|---:|---|")
        prev = rows[0]["rss"]
        for r in rows:
            d = r["rss"] - prev
            prev = r["rss"]
            print(f"| {r['stage']} | {r['rss'] / MB:.0f} | {d / MB:+.0f} | {d / n:,.0f} | {r['note']} |")
    else:
        print("| after stage | seconds | RSS after, gc'd (MB) | peak during (MB) | RSS bytes per claim | note |")
        print("|---|---:|---:|---:|---:|---|")
        for r in rows:
            print(f"| {r['stage']} | {r['s']:.1f} | {r['rss'] / MB:.0f} | {r['peak'] / MB:.0f} | "
                  f"{r['rss'] / n:,.0f} | {r['note']} |")
        print(f"\npeak of the run: {max(r['peak'] for r in rows) / MB:.0f} MB")


def fit(paths: list[str], *, to: int) -> None:
    """Per stage, a straight line through the stages passes of two runs of different size (``--json`` files):
    fixed MB + bytes per claim, for the RSS after and the peak during the stage, and both at ``to`` claims. An
    estimate: it assumes every holder grows linearly with the claims (clustering's largest groups are capped,
    comparison is linear), and the two runs must have the same stages."""
    runs = []
    for path in paths:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))["stages"]
        runs.append((rows[-1]["n_claims"], {r["stage"]: r for r in rows[:-1]}))
    (n1, a), (n2, b) = sorted(runs, key=lambda r: r[0])
    print(f"\nlinear fit through {n1} and {n2} claims, extrapolated to {to} claims (an estimate)\n")
    print("| after stage | RSS: fixed MB + bytes/claim | RSS at N (MB) | peak: fixed MB + bytes/claim | peak at N (MB) |")
    print("|---|---:|---:|---:|---:|")
    top = 0.0
    for stage, r2 in b.items():
        r1 = a.get(stage)
        if r1 is None:
            continue
        cells = []
        for key in ("rss", "peak"):
            slope = (r2[key] - r1[key]) / (n2 - n1)
            base = r1[key] - slope * n1
            at = base + slope * to
            cells.append(f"{base / MB:.0f} + {slope:,.0f} | {at / MB:,.0f}")
            if key == "peak":
                top = max(top, at)
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print(f"\nestimated peak of the run at {to} claims: {top / MB:,.0f} MB")


def main() -> None:
    """Run both passes in fresh processes and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", help="a directory (or glob) of articles (benchmarks/corpus.py)")
    parser.add_argument("--cache-dir", help="a cache holding the corpus' claims and vectors (a copy)")
    parser.add_argument("--config", help="a config file (default: the defaults)")
    parser.add_argument("--cold-articles", type=int, default=0, help="extract this many articles afresh (spaCy)")
    parser.add_argument("--cold-claims", type=int, default=0, help="encode this many claims afresh (the encoder)")
    parser.add_argument("--release-from", type=int, help="let go of the models from this many claims (default: "
                        "claimcheck.pipeline.RELEASE_MODELS_MIN_CLAIMS), e.g. 0 so that a small run measured for "
                        "--fit does what a large one does")
    parser.add_argument("--only", choices=("stages", "holders"), help="run one pass only")
    parser.add_argument("--json", help="also write the rows as JSON here")
    parser.add_argument("--keep-report", help="keep the stages pass's JSON report here (to compare it with another)")
    parser.add_argument("--pass", dest="which", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--fit", nargs=2, metavar="JSON", help="instead of running: fit two --json files of "
                        "different sizes and extrapolate each stage to --to claims")
    parser.add_argument("--to", type=int, default=257_340, help="claims to extrapolate to (default: 257,340, the "
                        "10,000-article benchmark corpus)")
    args = parser.parse_args()
    if args.fit:
        fit(args.fit, to=args.to)
        return
    if not args.corpus or not args.cache_dir:
        parser.error("CORPUS and --cache-dir are needed (unless --fit)")
    if args.which:
        rows = pass_stages(args) if args.which == "stages" else pass_holders(args)
        print(json.dumps(rows))
        return
    if args.cold_articles or args.cold_claims:
        from claimcheck.api import resolve_config

        a, c = make_cold(args.corpus, args.cache_dir, articles=args.cold_articles, claims=args.cold_claims,
                         config=resolve_config(None, args.config))
        print(f"deleted from the cache: {a} articles' claims, {c} claims' vectors (re-made by the stages pass)")
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="claimcheck-memory-") as tmp:
        for which in ("stages", "holders"):
            if args.only and which != args.only:
                continue
            cmd = [sys.executable, __file__, args.corpus, "--cache-dir", args.cache_dir, "--pass", which,
                   *(["--release-from", str(args.release_from)] if args.release_from is not None else []),
                   "--output", args.keep_report or str(Path(tmp) / "report.json"),
                   *(["--config", args.config] if args.config else [])]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
            out[which] = json.loads(proc.stdout.strip().splitlines()[-1])
            if which == "stages":
                print_table("stages of one `claimcheck compare` (in process)", out[which], growth=False)
            else:
                print_table("holders, each kept alive after the one before", out[which], growth=True)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
