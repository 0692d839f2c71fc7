"""Hand-built claims, slots and report findings for unit tests (no extraction, no model): one place for the
builders the comparison, support, clustering, framing and report tests share.
``from builders import claim, date, number, entity``.

A slot built with ``*_in`` sits where its words are in the claim's text; the others sit at ``start`` (default 0).
``typed_number_conflict`` and ``big_finding`` build report dicts (format 2), for the reporters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck.models import Claim, DateSlot, EntitySlot, Finding, NumberSlot, RunResult, Slots

if TYPE_CHECKING:
    import numpy as np

_GRANULARITY = {1: "year", 2: "month", 3: "day"}


def claim(source: str, text: str, start: int = 0, *, cid: str | None = None, **slots: object) -> Claim:
    """A claim of ``source`` at article offset ``start``; ``slots`` are ``Slots`` fields (``dates=``,
    ``numbers=``, ``entities=``, ``negated=`` ...). Its id is ``cid``, else ``source:start:text``."""
    return Claim(id=cid or f"{source}:{start}:{text}", source=source, text=text, start=start, end=start + len(text),
                 slots=Slots(**slots))


def at(text: str, words: str, base: int = 0) -> tuple[int, int]:
    """The (start, end) article offsets of the first ``words`` in ``text``, a claim starting at ``base``."""
    i = text.index(words)
    return base + i, base + i + len(words)


def date(value: str, granularity: str | None = None, *, text: str | None = None, start: int = 0,
         **fields: object) -> DateSlot:
    """A date slot (``2019``, ``2019-02``, ``2019-02-14``); the granularity follows the value unless given;
    ``fields`` are further ``DateSlot`` fields (``earliest=``, ``latest=`` ...)."""
    text = value if text is None else text
    return DateSlot(text=text, start=start, end=start + len(text), value=value,
                    granularity=granularity or _GRANULARITY[len(value.split("-"))], **fields)


def date_in(text: str, words: str, value: str, granularity: str | None = None, *, base: int = 0,
            **fields: object) -> DateSlot:
    """A date slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return date(value, granularity, text=words, start=start, **fields)


def number(value: float, unit: str | None = None, *, text: str | None = None, start: int = 0, kind: str = "count",
           approximate: bool = False, **fields: object) -> NumberSlot:
    """A number slot (a count unless ``kind`` says otherwise); its text is the value unless given."""
    text = str(value) if text is None else text
    return NumberSlot(text=text, start=start, end=start + len(text), value=value, unit=unit, kind=kind,
                      approximate=approximate, **fields)


def number_in(text: str, words: str, value: float, unit: str | None = None, *, base: int = 0,
              **fields: object) -> NumberSlot:
    """A number slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return number(value, unit, text=words, start=start, **fields)


def entity(text: str, label: str, key: str | None = None, *, start: int = 0) -> EntitySlot:
    """An entity slot; its key is the lower-cased text without dots unless given."""
    return EntitySlot(text=text, start=start, end=start + len(text), label=label,
                      key=key or text.lower().replace(".", ""))


def entity_in(text: str, words: str, label: str, key: str | None = None, *, base: int = 0) -> EntitySlot:
    """An entity slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return entity(words, label, key, start=start)


def extracted(text: str, source: str = "a", *, published: str | None = "2019-01-22", **options: object) -> list[Claim]:
    """The claims extraction makes of ``text`` as the whole article of ``source`` (spaCy; no embedding model);
    ``options`` are ``ExtractConfig`` fields."""
    from claimcheck.config import ExtractConfig
    from claimcheck.models import Article
    from claimcheck.stages.extract.claims import extract_claims

    article = Article(id=source, path=f"{source}.txt", text=text, published=published)
    return extract_claims(article, config=ExtractConfig(**options))


def typed_number_conflict(pairs: list[dict], claims: list[dict]) -> dict:
    """Format 2's typed conflicts for hand-built pairs: each pair its ``conflicts`` (4 vs 5, the a and b claims'
    values), and the finding's one number conflict with both sides and their spans (returned)."""
    by_id = {c["id"]: c for c in claims}
    spans = {"4": {}, "5": {}}
    for p in pairs:
        p["conflicts"] = [{"conflict": "c45", "kind": "number", "rule": "number", "detail": "4 vs 5",
                           "values": {p["a"]: "4", p["b"]: "5"}}]
        for key, value in (("a", "4"), ("b", "5")):
            c = by_id[p[key]]
            spans[value][c["id"]] = {"claim": c["id"], "source": c["source"], "start": 0, "end": 1, "text": value}
    return {"id": "c45", "kind": "number", "rule": "number", "subject": "number:count", "detail": "4 vs 5",
            "sides": [{"value": v, "sources": sorted({s["source"] for s in spans[v].values()}),
                       "spans": list(spans[v].values())} for v in ("4", "5")]}


def big_finding(data: dict, *, n_a: int, n_b: int, conflicting: int) -> dict:
    """A synthetic agree/diverge finding of n_a claims of the first source and n_b of the second, every pair
    compared; the last ``conflicting`` pairs (the least similar) conflict."""
    src_a, src_b = data["sources"][0]["id"], data["sources"][1]["id"]
    claims = [{"id": f"a{i:03d}", "source": src_a, "text": f"Source one says thing number {i}.", "slots": {}}
              for i in range(n_a)]
    claims += [{"id": f"b{i:03d}", "source": src_b, "text": f"Source two says thing number {i}.", "slots": {}}
               for i in range(n_b)]
    pairs = []
    for i in range(n_a):
        for j in range(n_b):
            pairs.append({"a": f"a{i:03d}", "b": f"b{j:03d}", "similarity": round(0.99 - 0.001 * len(pairs), 4),
                          "reason": None})
    for p in pairs[len(pairs) - conflicting:]:
        p["reason"] = {"kind": "number", "detail": "4 vs 5"}
    conflicts = [typed_number_conflict(pairs[len(pairs) - conflicting:], claims)] if conflicting else []
    return {"id": "bigcluster01", "verdict": "diverge" if conflicting else "agree", "similarity": 0.8,
            "reason": {"kind": "number", "detail": "4 vs 5"} if conflicting else None,
            "conflicts": conflicts, "claims": claims, "pairs": pairs}


def finding_with(result: RunResult, source: str, words: str) -> Finding:
    """The finding of ``result`` that holds a claim of ``source`` containing ``words``."""
    return next(f for f in result.findings if any(c.source == source and words in c.text for c in f.claims))


def group_vectors(n_a: int, n_b: int, *, across: float, inside: float) -> "np.ndarray":
    """Unit vectors of two groups of claims (``n_a`` then ``n_b``): a shared topic axis (cosine ``across`` between
    the groups), a group axis (``inside`` within a group) and one axis per claim."""
    import numpy as np

    n = n_a + n_b
    v = np.zeros((n, 3 + n))
    for i in range(n):
        v[i, 0] = np.sqrt(across)
        v[i, 1 + (i >= n_a)] = np.sqrt(inside - across)
        v[i, 3 + i] = np.sqrt(1 - inside)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def events_parted(a: Claim, b: Claim, *, cosine: float | None, config: object, same_story: object) -> bool:
    """Whether ``events.different_event_pairs`` parts claims ``a`` and ``b`` (read at ``cosine``; None: no cosine
    to read) under the cluster ``config``, with ``same_story`` (an ``events.SameStory``) for their sources."""
    from claimcheck.stages.cluster.events import claims_facts, different_event_pairs

    claims = [a, b]
    facts = claims_facts(claims, config=config)
    similarity = None if cosine is None else (lambda i, j: cosine)
    return different_event_pairs(claims, [(0, 1)], config=config, facts=facts, same_story=same_story,
                                 similarity=similarity) == {(0, 1)}


def count_forks(monkeypatch) -> list[int]:
    """The pids of the children ``os.fork`` makes from now on, in the calling test (``map_forked``'s workers)."""
    import os

    forks: list[int] = []
    fork = os.fork

    def counted_fork() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    return forks
