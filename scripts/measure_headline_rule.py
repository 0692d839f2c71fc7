"""Measure the title-line rule (``claimcheck.stages.load.looks_like_headline``) on public data.

- real headlines: the SemEval STS ``headlines`` sentences (2013-2016), each taken as a first line: the share
  the rule calls a headline;
- real sentences: every ECB+ (train + dev) sentence after a document's first, taken as a one-sentence article:
  the share the rule wrongly calls a headline (the sentence would then be dropped as the title);
- ECB+ first sentences (the documents' titles and leads): the share called a headline, for information.

Reads ../shared/eval-data (never copied into the package). Usage: .venv/bin/python scripts/measure_headline_rule.py
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from claimcheck.stages.load import looks_like_headline

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-data"


def _join(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'’”])", r"\1", text)
    text = re.sub(r"([(\[“‘$]) ", r"\1", text)
    return re.sub(r"\s+(n't|'s)\b", r"\1", text)


def main() -> int:
    headlines: list[str] = []
    for year in ("2013", "2014", "2015", "2016"):
        path = DATA / "semeval-sts-news/data/sts/semeval-sts" / year / "headlines.test.tsv"
        with path.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                headlines += [c for c in row[1:3] if c.strip()]
    sentences: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in ("ECB_Train_corpus.txt", "ECB_Dev_corpus.txt"):
        for line in (DATA / "ecbplus-train-dev" / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                sentences[(parts[0], parts[1])].append(parts[3])
    first = [_join(t) for (doc, sid), t in sentences.items() if sid == "0"]
    later = [_join(t) for (doc, sid), t in sentences.items() if sid != "0" and len(t) >= 4]
    later = [s for s in later if re.search(r"[.!?][\"'’”)]*$", s)]  # complete sentences only
    hl = sum(map(looks_like_headline, headlines))
    wrong = [s for s in later if looks_like_headline(s)]
    fh = sum(map(looks_like_headline, first))
    print(f"STS headlines called headlines: {hl}/{len(headlines)} = {hl / len(headlines):.3f}")
    print(f"ECB+ complete sentences called headlines (would be dropped): {len(wrong)}/{len(later)} "
          f"= {len(wrong) / max(1, len(later)):.4f}")
    print(f"ECB+ first sentences called headlines: {fh}/{len(first)} = {fh / max(1, len(first)):.3f}")
    for s in wrong[:10]:
        print("  wrongly a headline:", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
