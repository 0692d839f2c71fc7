"""Extraction speed: claims per second on the seeds and on the SummEdits news articles.

    .venv/bin/python benchmarks/extract_speed.py [--repeat 3] [--data ../shared/eval-data/summedits-news]

The larger corpus is assembled at run time in a temporary directory from the distinct news
documents of SummEdits (``data/summedits/summedits_news.json``: one .txt per document) and is
never copied into the repository. Times cover load + extract (spaCy parsing, boilerplate rules,
atomic claims, slots); loading the spaCy pipeline is timed once, separately. Each corpus is
extracted ``--repeat`` times and the median run is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck import api  # noqa: E402
from claimcheck.stages.extract.nlp import get_nlp  # noqa: E402

SEED_DATES = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "summedits-news"


def write_summedits(data_dir: Path, out: Path) -> int:
    """One .txt per distinct SummEdits news document in ``out``; returns how many."""
    rows = json.loads((data_dir / "data" / "summedits" / "summedits_news.json").read_text(encoding="utf-8"))
    docs = sorted({r["doc"] for r in rows})
    for i, doc in enumerate(docs):
        (out / f"summedits_{i:03d}.txt").write_text(doc, encoding="utf-8")
    return len(docs)


def measure(paths: list[str], *, published: dict[str, str] | None, repeat: int) -> dict[str, float]:
    """Median seconds (wall and this process's CPU), claims, articles and characters for extracting ``paths``."""
    times, cpus, claims, articles, chars = [], [], 0, 0, 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = api.extract(paths, published=published)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        claims = sum(len(x.claims) for x in result)
        articles = len(result)
        chars = sum(len(x.article.text) for x in result)
    t = statistics.median(times)
    return {"seconds": t, "cpu": statistics.median(cpus), "claims": claims, "articles": articles, "chars": chars,
            "claims_per_s": claims / t, "chars_per_s": chars / t}


def _line(name: str, m: dict[str, float]) -> str:
    return (f"{name:<22} {m['articles']:>4.0f} articles {m['chars']:>8.0f} chars {m['claims']:>5.0f} claims "
            f"{m['seconds']:>7.3f} s  {m['claims_per_s']:>7.1f} claims/s  {m['chars_per_s'] / 1000:>6.1f} kchars/s  "
            f"CPU {m['cpu']:.2f} s ({1000 * m['cpu'] / max(m['claims'], 1):.2f} ms/claim)")


def main() -> int:
    """Print the measured numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per corpus (the median is reported)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the summedits-news directory")
    args = ap.parse_args()
    t0 = time.perf_counter()
    get_nlp()
    print(f"spaCy pipeline load    {time.perf_counter() - t0:.2f} s (once per process): {', '.join(get_nlp().pipe_names)}")
    print(f"cpu: {os.cpu_count()} cores visible; python {sys.version.split()[0]}")
    print(_line("seeds", measure([str(ROOT / "seeds")], published=dict(SEED_DATES), repeat=args.repeat)))
    if not (args.data / "data").is_dir():
        print(f"summedits-news: not found at {args.data}, skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        n = write_summedits(args.data, Path(tmp))
        m = measure([tmp], published=None, repeat=args.repeat)
        print(_line(f"summedits-news ({n})", m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
