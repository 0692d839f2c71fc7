"""Where clustering's transient memory goes: RSS sampled while ``cluster_claims`` runs, by the step running.

    .venv/bin/python benchmarks/cluster_memory.py CORPUS --cache-dir CACHE [--config CONFIG] [--json OUT]
    .venv/bin/python benchmarks/cluster_memory.py CORPUS --cache-dir CACHE --replicate 3   # 3 jittered copies

The corpus' claims, vectors and claim features are made first (from a warm cache: no spaCy, no encoder), the C
heap trimmed; then ``cluster_claims`` runs with the steps of ``claimcheck.stages.cluster.clusters`` wrapped (the
candidate search, the different-event and story rules, the event-date links, the dense and sparse splits, the
event-group pass). A thread reads VmRSS every few milliseconds; the table gives, per step, the highest RSS seen
while it ran (less the RSS before clustering: the transient per claim) and its seconds. Linux only.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

MB = 1024 * 1024
_RSS = re.compile(r"VmRSS:\s+(\d+) kB")


def rss() -> int:
    """VmRSS of this process in bytes."""
    return int(_RSS.search(Path("/proc/self/status").read_text()).group(1)) * 1024  # type: ignore[union-attr]


class Sampler(threading.Thread):
    """Reads VmRSS every ``interval`` seconds and keeps the highest value per step label."""

    def __init__(self, interval: float = 0.005) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.stack: list[str] = ["(cluster_claims)"]
        self.peak: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.stop = False

    def run(self) -> None:
        while not self.stop:
            label = " > ".join(self.stack)
            value = rss()
            if value > self.peak.get(label, 0):
                self.peak[label] = value
            time.sleep(self.interval)

    def wrap(self, module: Any, attr: str) -> None:
        """Label the time inside ``module.attr`` with its name (nested calls: outer > inner)."""
        original = getattr(module, attr)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if self.stack[-1] == attr:  # a recursive call (``_split_gaps``): counted in the outer one
                return original(*args, **kwargs)
            self.stack.append(attr)
            label = " > ".join(self.stack)
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t
                self.calls[label] = self.calls.get(label, 0) + 1
                value = rss()
                if value > self.peak.get(label, 0):
                    self.peak[label] = value
                self.stack.pop()

        setattr(module, attr, wrapper)


def trim() -> None:
    """Full gc, then glibc's ``malloc_trim``."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


STEPS = ("cluster_claims", "assign_events", "candidate_pairs", "candidate_arrays", "story_apart",
         "different_event_pairs", "story_sources", "different_event_sources", "event_pairs", "_components",
         "_split_dense", "_average_linkage_labels", "_split_gaps", "_split_sparse", "_clusters_of")


def main() -> None:
    """Build the inputs, cluster once with the steps wrapped, print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--cache-dir", required=True, help="a cache holding the corpus' claims and vectors")
    parser.add_argument("--config")
    parser.add_argument("--json", help="also write the rows here")
    parser.add_argument("--clusters-out", help="write the clusters (ids, events) here, to compare two runs")
    parser.add_argument("--replicate", type=int, default=1, help="cluster R copies of the corpus' claims, each "
                        "under sources of its own, their vectors jittered (a larger run without extracting more)")
    parser.add_argument("--jitter", type=float, default=0.01, help="the copies' vector noise (default 0.01)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import claimcheck.stages.cluster.clusters as clusters_mod
    from claimcheck.api import resolve_config
    from claimcheck.cache import cached_embedder
    from claimcheck.pipeline import ValueSharer, extract_all
    from claimcheck.stages.embed.encoders import embed_claims
    from claimcheck.stages.load import load_articles

    cfg = resolve_config(None, args.config)
    articles = load_articles([args.corpus], config=cfg.load, max_bytes=cfg.max_file_bytes)
    claims = extract_all(articles, config=cfg, cache_dir=args.cache_dir)
    emb = cached_embedder(cfg.embedding, cache_dir=args.cache_dir)
    vectors = embed_claims([c.text for c in claims], embedder=emb)
    emb.cache.close()  # type: ignore[union-attr]
    del emb
    if args.replicate > 1:
        import dataclasses

        import numpy as np

        rng = np.random.default_rng(0)
        claims = [c if r == 0 else dataclasses.replace(c, id=f"{c.id}~{r}", source=f"{c.source}~{r}")
                  for r in range(args.replicate) for c in claims]
        copies = [vectors] + [vectors + args.jitter * rng.standard_normal(vectors.shape).astype(np.float32)
                              for _ in range(args.replicate - 1)]
        vectors = np.concatenate(copies)
        del copies
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    features = clusters_mod.claim_features(claims, config=cfg.cluster, share=ValueSharer(instances=True).one)
    import faiss  # noqa: F401 - the libraries' own memory before the baseline
    import scipy.cluster.hierarchy  # noqa: F401
    import sklearn.cluster  # noqa: F401

    trim()
    base = rss()
    n = len(claims)
    sampler = Sampler()
    for name in STEPS:
        if hasattr(clusters_mod, name):
            sampler.wrap(clusters_mod, name)
    sampler.start()
    t = time.perf_counter()
    out = clusters_mod.cluster_claims(claims, vectors, config=cfg.cluster, features=features)
    total = time.perf_counter() - t
    sampler.stop = True
    sampler.join()
    held = rss()
    trim()
    after = rss()
    print(f"\n{n} claims, {len(out)} clusters, {total:.1f} s; RSS before clustering {base / MB:.0f} MB, after "
          f"{held / MB:.0f} MB ({after / MB:.0f} MB trimmed)\n")
    print("| step (outer > inner) | calls | seconds | peak RSS (MB) | transient over before (MB) | bytes per claim |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = []
    for label in sorted(sampler.peak, key=lambda k: -sampler.peak[k]):
        p = sampler.peak[label]
        rows.append({"step": label, "calls": sampler.calls.get(label, 0), "s": sampler.seconds.get(label, 0.0),
                     "peak": p, "transient": p - base})
        print(f"| {label} | {rows[-1]['calls']} | {rows[-1]['s']:.1f} | {p / MB:.0f} | {(p - base) / MB:+.0f} | "
              f"{(p - base) / n:,.0f} |")
    top = max(sampler.peak.values())
    print(f"\npeak during clustering {top / MB:.0f} MB: {(top - base) / MB:.0f} MB over before, "
          f"{(top - base) / n:,.0f} bytes per claim")
    if args.json:
        Path(args.json).write_text(json.dumps({"n_claims": n, "base": base, "after": after, "seconds": total,
                                               "rows": rows}, indent=2), encoding="utf-8")
    if args.clusters_out:
        Path(args.clusters_out).write_text("".join(f"{c.id} {c.event} {c.similarity!r} {' '.join(c.claim_ids)} "
                                                   f"{c.event_links}\n" for c in out), encoding="utf-8")


if __name__ == "__main__":
    main()
