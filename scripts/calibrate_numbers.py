"""Measure the number rule on ECB+ (real multi-outlet news): how many cross-document sentence pairs of one topic
state a *different value for the same quantity*, among pairs of one gold event (same event: mostly agreeing
outlets, so every conflict is suspect) and pairs across the topic's two different events (never a conflict a
reader should see). Text rules only (find_dates, find_numbers), no parse.

Runs with whatever claimcheck is importable: with ``numbers.same_quantity`` (kind, counted noun and role) when the
module has it, else with the former grouping by (kind, unit). Compare the two by running it against both trees.

    python scripts/calibrate_numbers.py [--split Train|Dev] [--show 20]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

from claimcheck.stages.extract import numbers as numbers_mod
from claimcheck.stages.extract.dates import find_dates

DATA = Path("/work/shared/eval-data/ecbplus-train-dev")


def detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    text = re.sub(r" (['’]s|n't)\b", r"\1", text)
    text = re.sub(r"(\d) : (\d)", r"\1:\2", text)
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)  # the corpus splits "5.9" as "5. 9"
    text = re.sub(r" - ", "-", text)
    return re.sub(r"(\d) (-\w)", r"\1\2", text)


def load(split: str) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], set[str]]]:
    sents: dict[tuple[str, int], list[str]] = defaultdict(list)
    for line in (DATA / f"ECB_{split}_corpus.txt").open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 4:
            sents[(parts[0], int(parts[1]))].append(parts[3])
    chains: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in json.loads((DATA / f"ECB_{split}_Event_gold_mentions.json").read_text(encoding="utf-8")):
        if not m["is_singleton"]:
            chains[(m["doc_id"], m["sent_id"])].add(m["coref_chain"])
    return {k: detokenise(v) for k, v in sents.items()}, chains


def numbers_of(text: str) -> list:
    dates = find_dates(text, 0, None)
    return [n for n in numbers_mod.find_numbers(text, 0, [(d.start, d.end) for d in dates]) if n.kind != "ordinal"]


def conflict(xs: list, ys: list) -> tuple | None:
    same_q = getattr(numbers_mod, "same_quantity", None)
    if same_q is not None:
        def same(x, y) -> bool:
            return same_q(x, y)

        def equal(x, y) -> bool:
            return numbers_mod.numbers_equal(x, y, tolerance=0.1)
    else:
        def same(x, y) -> bool:
            return (x.kind, x.unit or "") == (y.kind, y.unit or "")

        def equal(x, y) -> bool:
            tol = 0.1 if (x.approximate or y.approximate) else 1e-9
            return abs(x.value - y.value) <= tol * max(1.0, abs(x.value), abs(y.value))
    for x in xs:
        for y in ys:
            if not same(x, y) or equal(x, y):
                continue
            if any(same(x, o) and equal(x, o) for o in ys) or any(same(y, o) and equal(y, o) for o in xs):
                continue
            return x.text, y.text, x.kind
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="Train")
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    sents, chains = load(args.split)
    by_topic: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key in sents:
        by_topic[key[0].split("_")[0]].append(key)
    nums = {k: numbers_of(t) for k, t in sents.items()}
    counts = {"same event": [0, 0], "two events": [0, 0]}
    shown: dict[str, list[str]] = {"same event": [], "two events": []}
    kinds: dict[str, dict[str, int]] = {"same event": defaultdict(int), "two events": defaultdict(int)}
    for keys in by_topic.values():
        for a, b in itertools.combinations(sorted(keys), 2):
            if a[0] == b[0] or not nums[a] or not nums[b]:
                continue
            plus_a, plus_b = a[0].endswith("plus"), b[0].endswith("plus")
            if plus_a != plus_b:
                group = "two events"
            elif chains[a] & chains[b]:
                group = "same event"
            else:
                continue
            counts[group][0] += 1
            c = conflict(nums[a], nums[b])
            if c:
                counts[group][1] += 1
                kinds[group][c[2]] += 1
                if len(shown[group]) < args.show:
                    shown[group].append(f"{c[0]!r} vs {c[1]!r}")
    rule = "same_quantity" if hasattr(numbers_mod, "same_quantity") else "(kind, unit)"
    print(f"rule: {rule} ({numbers_mod.__file__})")
    for group, (n, k) in counts.items():
        print(f"{group}: {k} of {n} sentence pairs with numbers on both sides conflict ({k / max(1, n):.3f}); by kind:",
              dict(sorted(kinds[group].items())))
        for s in shown[group]:
            print("    ", s)


if __name__ == "__main__":
    main()
