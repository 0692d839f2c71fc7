"""Calibrate claimcheck.stages.extract.names on the ECB+ train (or dev) entity chains.

Every pair of distinct capitalised name mentions ("Hugh Jackman", "Jackman", "U.N.") of one topic is labelled
*same* when both mentions belong to one gold entity chain and *different* when they belong to two different
non-singleton chains. Prints how many pairs ``same_name`` joins in each class, the spelling ratio of every
pair of one-word mentions that share a consonant skeleton (which ``MIN_RATIO`` cuts), and the joined
different-chain pairs for review.

    python scripts/calibrate_names.py [--split Train|Dev] [--data /work/shared/eval-data/ecbplus-train-dev]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from claimcheck.stages.extract.names import same_name, skeleton


def name_mentions(path: Path) -> dict[str, dict[str, set[str]]]:
    """topic -> mention text -> the gold chains it occurs in (capitalised mentions only)."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in json.loads(path.read_text(encoding="utf-8")):
        text = m["tokens_str"].replace(" 's", "").replace(" .", ".").strip()
        words = text.split()
        if m["is_singleton"] or not words or not all(w[:1].isupper() or w in ("of", "and", "the") for w in words):
            continue
        if words[0] in ("The", "A", "An", "He", "She", "It", "They", "His", "Her", "Its", "This", "That"):
            continue
        out[m["doc_id"].split("_")[0]][text].add(m["coref_chain"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="Train")
    ap.add_argument("--data", default="/work/shared/eval-data/ecbplus-train-dev")
    args = ap.parse_args()
    topics = name_mentions(Path(args.data) / f"ECB_{args.split}_Entity_gold_mentions.json")
    joined = {"same": 0, "different": 0}
    total = {"same": 0, "different": 0}
    ratios: list[tuple[float, str, str, str]] = []
    wrong: list[tuple[str, str]] = []
    for _topic, mentions in sorted(topics.items()):
        for a, b in itertools.combinations(sorted(mentions), 2):
            if a.lower() == b.lower():
                continue
            label = "same" if mentions[a] & mentions[b] else "different"
            total[label] += 1
            if same_name(a, b):
                joined[label] += 1
                if label == "different":
                    wrong.append((a, b))
            if " " not in a and " " not in b and skeleton(a) == skeleton(b):
                ratios.append((SequenceMatcher(None, a.lower(), b.lower()).ratio(), label, a, b))
    for label in ("same", "different"):
        print(f"{label}-chain pairs: {total[label]}, joined by same_name: {joined[label]} "
              f"({joined[label] / max(1, total[label]):.3f})")
    print("one-word pairs sharing a skeleton (ratio, label):")
    for r, label, a, b in sorted(ratios):
        print(f"  {r:.2f} {label:9} {a} / {b}")
    print("different-chain pairs joined:")
    for a, b in wrong:
        print(f"  {a} / {b}")


if __name__ == "__main__":
    main()
