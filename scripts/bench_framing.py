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
    from claimcheck.stages.extract.nlp import get_nlp

    captured: list = []
    pipeline.describe_findings = lambda findings: captured.extend(findings) or framing.describe_findings(findings)
    result = api.compare([str(ROOT / "seeds")], published=dict(SEED_DATES))
    findings = [dataclasses.replace(f, descriptions=()) for f in captured]
    # the same findings with claims that carry no extraction-time descriptions: framing must parse them
    bare = [dataclasses.replace(f, claims=tuple(dataclasses.replace(c, slots=dataclasses.replace(
        c.slots, described=None)) for c in f.claims)) for f in findings]
    multi = [f for f in findings if len(f.sources) > 1]

    def timed(items: list, runs: int = 10) -> list[float]:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            framing.describe_findings(items)
            out.append(time.perf_counter() - t)
        return out

    fast = timed(findings)
    get_nlp.cache_clear()
    cold = timed(bare, runs=1)[0]
    warm = timed(bare)
    n_texts = len({c.text for f in multi for c in f.claims})
    print(f"seeds: {len(findings)} findings, {len(multi)} multi-source, {n_texts} claim texts")
    print(f"framing from the extraction parse (the pipeline's path): median {statistics.median(fast) * 1000:.2f} ms")
    print(f"framing parsing the claims again, cold (loads spaCy): {cold * 1000:.0f} ms")
    print(f"framing parsing the claims again, warm: median {statistics.median(warm) * 1000:.1f} ms, "
          f"min {min(warm) * 1000:.1f} ms (10 runs)")
    for f in result.findings:
        for d in f.descriptions:
            words = "; ".join(f"{src}: {', '.join(ws) or '-'}" for src, ws in d.by_source)
            print(f"  {f.verdict} {f.id} {d.noun}: {words}")


if __name__ == "__main__":
    sys.exit(main())
