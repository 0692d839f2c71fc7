"""Extract WordNet 3.0's antonym pairs into claimcheck/data/antonyms.tsv (run once; the result ships).

Reads the WordNet database from Debian's ``wordnet-base`` package (/usr/share/wordnet). Each output line is
``word<TAB>antonym<TAB>pos`` with multi-word lemmas joined by spaces; pairs are written both ways, sorted.
WordNet's licence allows redistribution with its notice: see claimcheck/data/WORDNET-LICENSE.
"""

from __future__ import annotations

import sys
from pathlib import Path

POS_FILES = {"adj": "a", "adv": "r", "noun": "n", "verb": "v"}


def parse(path: Path) -> tuple[dict[str, list[str]], list[tuple[str, int, str, int]]]:
    """Synset words by offset, and antonym pointers (src offset, src word no, dst offset, dst word no)."""
    words: dict[str, list[str]] = {}
    pointers: list[tuple[str, int, str, int]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split(" ")
        offset, w_cnt = parts[0], int(parts[3], 16)
        ws = [parts[4 + 2 * i].lower().replace("_", " ") for i in range(w_cnt)]
        ws = [w.split("(")[0] for w in ws]  # adjective markers like "(a)"
        words[offset] = ws
        i = 4 + 2 * w_cnt
        p_cnt = int(parts[i])
        for k in range(p_cnt):
            sym, dst, _pos, st = parts[i + 1 + 4 * k: i + 5 + 4 * k]
            if sym == "!":
                pointers.append((offset, int(st[:2], 16), dst, int(st[2:], 16)))
    return words, pointers


def main(root: str = "/usr/share/wordnet", out: str = "claimcheck/data/antonyms.tsv") -> None:
    """Write every antonym pair of WordNet's four parts of speech."""
    pairs: set[tuple[str, str, str]] = set()
    for name, pos in POS_FILES.items():
        words, pointers = parse(Path(root) / f"data.{name}")
        for src, sn, dst, dn in pointers:
            a = words[src][sn - 1] if sn else None
            b = words.get(dst, [None])[dn - 1] if dn else None
            if a and b and a != b:
                pairs.add((a, b, pos))
                pairs.add((b, a, pos))
    lines = [f"{a}\t{b}\t{p}" for a, b, p in sorted(pairs)]
    header = "# WordNet 3.0 antonym pairs (word, antonym, pos). Princeton University; see WORDNET-LICENSE.\n"
    Path(out).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pairs to {out}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
