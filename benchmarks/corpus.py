"""Build a benchmark corpus at run time from ../shared/eval-data/summedits-news (never copied into the repo).

Each synthetic article takes one SummEdits news document as its story, keeps a random subset of its paragraphs
in order, rewrites numbers and swaps capitalised names for names from a pool, and adds one or two edited
summaries of the same story (SummEdits' own minimal-pair variations). Seeded, so every run builds the same corpus.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-data" / "summedits-news" / "data" / \
    "summedits" / "summedits_news.json"

_FIRST = ["Maria", "James", "Aisha", "Chen", "Olga", "Pedro", "Fatima", "Lars", "Yuki", "Kwame", "Ines", "Ravi",
          "Sofia", "Tomas", "Amara", "Jonas", "Leila", "Mateo", "Nadia", "Oscar"]
_LAST = ["Novak", "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Silva", "Kowalski", "Mensah", "Ortega",
         "Petrov", "Nguyen", "Fischer", "Rossi", "Adeyemi", "Jensen", "Costa", "Ibrahim", "Murphy", "Varga"]
_PLACES = ["Lisbon", "Nairobi", "Oslo", "Quito", "Hanoi", "Tbilisi", "Accra", "Lyon", "Perth", "Krakow", "Osaka",
           "Bogota", "Tunis", "Riga", "Porto", "Dakar", "Austin", "Leeds", "Cebu", "Graz"]
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUM = re.compile(r"\b\d+\b")


def load_stories(path: Path = DATA) -> tuple[list[str], dict[str, list[str]]]:
    """The distinct documents and, per document, its edited summaries."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    summaries: dict[str, list[str]] = {}
    for row in rows:
        summaries.setdefault(row["doc"], []).append(row["summary"])
    docs = sorted(summaries)
    return docs, {d: sorted(set(s)) for d, s in summaries.items()}


def _vary(text: str, rng: random.Random) -> str:
    names = {}

    def name(m: re.Match) -> str:
        w = m.group(0)
        if w not in names:
            names[w] = rng.choice(_FIRST + _LAST + _PLACES) if rng.random() < 0.35 else w
        return names[w]

    text = _NAME.sub(name, text)
    return _NUM.sub(lambda m: str(max(1, int(m.group(0)) + rng.randint(-3, 9))) if rng.random() < 0.6
                    else m.group(0), text)


def build_corpus(n: int, directory: Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` articles into ``directory`` and return their paths."""
    docs, summaries = load_stories(DATA)
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        doc = docs[i % len(docs)]
        paras = [p.strip() for p in re.split(r"\n\s*\n|\n", doc) if p.strip()]
        keep = [p for p in paras if rng.random() < 0.8] or paras[:1]
        body = [_vary(p, rng) for p in keep]
        for s in rng.sample(summaries[doc], k=min(2, len(summaries[doc]))):
            body.insert(rng.randrange(len(body) + 1), _vary(s, rng))
        title = f"Story {i % len(docs)} report {i}"
        p = directory / f"a{i:05d}.txt"
        p.write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(p)
    return paths
