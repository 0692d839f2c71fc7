"""Draft the extraction gold files tests/gold/<seed>.yaml from the current extractor.

    .venv/bin/python scripts/make_gold.py            # writes tests/gold/*.draft.yaml
    .venv/bin/python scripts/make_gold.py --diff     # shows where the extractor and the gold disagree

A draft is only a starting point: review every claim by hand (text and span, dates, numbers,
entities, attribution, negation, hedges), correct what is wrong, and save it as
tests/gold/<seed>.yaml. The tests compare the extractor against the reviewed files, never
against a draft. Entities in the gold are the correct ones only (NER mistakes are removed), and
the test checks that each of them is found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.config import ExtractConfig  # noqa: E402
from claimcheck.stages.extract.claims import extract_article  # noqa: E402
from claimcheck.stages.load import load_articles  # noqa: E402

SEEDS = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}
GOLD = ROOT / "tests" / "gold"


def draft(seed: str, published: str) -> dict:
    """The extractor's view of one seed in the gold-file shape."""
    (article,) = load_articles([str(ROOT / "seeds" / f"{seed}.txt")], published={seed: published})
    x = extract_article(article, config=ExtractConfig())
    claims = []
    for c in x.claims:
        s = c.slots
        claims.append({
            "text": c.text, "start": c.start, "end": c.end, "kind": c.kind, "occurrences": len(c.occurrences),
            "dates": [{"text": d.text, "value": d.value, "granularity": d.granularity} for d in s.dates],
            "numbers": [{"text": n.text, "value": n.value, "unit": n.unit, "kind": n.kind} for n in s.numbers],
            "entities": sorted({f"{e.label}:{e.key}" for e in s.entities}),
            "attribution": s.attribution, "negated": s.negated, "hedged": s.hedged,
        })
    return {"source": f"seeds/{seed}.txt", "published": published,
            "not_claims": [{"rule": d.rule, "text": d.text} for d in x.dropped if d.rule != "short"],
            "claims": claims}


def main() -> int:
    """Write drafts, or with --diff list the differences between drafts and reviewed gold files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--diff", action="store_true", help="compare with the reviewed gold instead of writing")
    args = ap.parse_args()
    GOLD.mkdir(parents=True, exist_ok=True)
    for seed, published in SEEDS.items():
        data = draft(seed, published)
        if args.diff:
            gold = yaml.safe_load((GOLD / f"{seed}.yaml").read_text(encoding="utf-8"))
            got = {c["text"]: c for c in data["claims"]}
            want = {c["text"]: c for c in gold["claims"]}
            for t in sorted(set(want) - set(got)):
                print(f"{seed}: missing claim: {t[:90]!r}")
            for t in sorted(set(got) - set(want)):
                print(f"{seed}: extra claim: {t[:90]!r}")
            for t in sorted(set(got) & set(want)):
                for k in ("start", "end", "occurrences", "dates", "numbers", "attribution", "negated", "hedged"):
                    if got[t][k] != want[t][k]:
                        print(f"{seed}: {t[:50]!r}: {k}: got {got[t][k]!r}, gold {want[t][k]!r}")
            continue
        out = GOLD / f"{seed}.draft.yaml"
        out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(data['claims'])} claims): review it, then save as {seed}.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
