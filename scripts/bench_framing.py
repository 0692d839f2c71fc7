"""Time the framing stage (claimcheck/stages/framing.py) on the seeds and print what it adds.

Runs the pipeline once with the real model, then times ``describe_findings`` on the compare stage's
findings: once cold (the spaCy pipeline loaded inside, as when every claim came from the cache) and
ten times warm (the pipeline already loaded by extraction). Prints the descriptions it found.

    .venv/bin/python scripts/bench_framing.py
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DATES = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}


def main() -> None:
    import claimcheck.pipeline as pipeline
    from claimcheck import api
    from claimcheck.stages import framing
    from claimcheck.stages.nlp import get_nlp

    captured: list = []
    pipeline.describe_findings = lambda findings: captured.extend(findings) or framing.describe_findings(findings)
    result = api.compare([str(ROOT / "seeds")], published=dict(SEED_DATES))
    findings = [dataclasses.replace(f, descriptions=()) for f in captured]
    multi = [f for f in findings if len(f.sources) > 1]
    get_nlp.cache_clear()
    t = time.perf_counter()
    framing.describe_findings(findings)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(10):
        t = time.perf_counter()
        framing.describe_findings(findings)
        warm.append(time.perf_counter() - t)
    n_texts = len({c.text for f in multi for c in f.claims})
    print(f"seeds: {len(findings)} findings, {len(multi)} multi-source, {n_texts} claim texts parsed")
    print(f"framing cold (loads spaCy): {cold * 1000:.0f} ms")
    print(f"framing warm: median {statistics.median(warm) * 1000:.1f} ms, min {min(warm) * 1000:.1f} ms (10 runs)")
    for f in result.findings:
        for d in f.descriptions:
            words = "; ".join(f"{src}: {', '.join(ws) or '-'}" for src, ws in d.by_source)
            print(f"  {f.verdict} {f.id} {d.noun}: {words}")


if __name__ == "__main__":
    sys.exit(main())
