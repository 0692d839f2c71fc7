"""Stage 5, compare: Clusters -> Findings with a verdict (agree / diverge / unique) and evidence.

A cluster whose claims all come from one source is ``unique``. Across sources, the typed
slots decide: dates that exclude each other at their granularity, different values for the
same quantity, or opposite polarity make the cluster ``diverge`` with a typed reason naming
both values; otherwise it is ``agree``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from claimcheck.config import CompareConfig
from claimcheck.models import VERDICTS, Claim, Cluster, Finding, Reason, content_id

if TYPE_CHECKING:
    import numpy as np


def dates_compatible(a: str, b: str) -> bool:
    """Two ISO values agree when one refines the other ("2019-02" and "2019-02-28"); XXXX is any year."""
    pa, pb = a.split("-"), b.split("-")
    for x, y in zip(pa, pb):
        if x != y and "XXXX" not in (x, y):
            return False
    return True


def _unmatched(xs: list[str], ys: list[str], same) -> list[str]:  # noqa: ANN001 - a predicate
    return [x for x in xs if not any(same(x, y) for y in ys)]


def date_conflict(a: Claim, b: Claim) -> Reason | None:
    """A date in each claim that matches no date of the other."""
    da, db = [d.value for d in a.slots.dates], [d.value for d in b.slots.dates]
    if not da or not db:
        return None
    ua, ub = _unmatched(da, db, dates_compatible), _unmatched(db, da, dates_compatible)
    if ua and ub:
        return Reason(kind="date", detail=f"{ua[0]} vs {ub[0]}", values=((a.source, ua[0]), (b.source, ub[0])))
    return None


def _fmt_num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def number_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different value for a quantity of the same unit in the two claims."""
    def groups(c: Claim) -> dict[tuple[str, str | None], list[float]]:
        out: dict[tuple[str, str | None], list[float]] = {}
        for n in c.slots.numbers:
            out.setdefault((n.kind, n.unit), []).append(n.value)
        return out

    ga, gb = groups(a), groups(b)
    for key in sorted(set(ga) & set(gb), key=str):
        same = lambda x, y: abs(x - y) <= 1e-9 * max(1.0, abs(x))  # noqa: E731
        ua, ub = _unmatched(ga[key], gb[key], same), _unmatched(gb[key], ga[key], same)
        if ua and ub:
            unit = f" {key[1]}" if key[1] and key[0] != "percent" else ("%" if key[0] == "percent" else "")
            va, vb = _fmt_num(ua[0]) + unit, _fmt_num(ub[0]) + unit
            return Reason(kind="number", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None


def negation_conflict(a: Claim, b: Claim) -> Reason | None:
    """One claim negated, the other not."""
    if a.slots.negated != b.slots.negated:
        va = "negated" if a.slots.negated else "affirmed"
        vb = "negated" if b.slots.negated else "affirmed"
        return Reason(kind="negation", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None


CHECKS = (date_conflict, number_conflict, negation_conflict)


def pair_reason(a: Claim, b: Claim) -> Reason | None:
    """The first conflict found between two claims of different sources, or None."""
    for check in CHECKS:
        reason = check(a, b)
        if reason is not None:
            return reason
    return None


def compare_clusters(clusters: list[Cluster], claims: list[Claim], vectors: "np.ndarray", *,
                     config: CompareConfig) -> list[Finding]:
    """Give every cluster its verdict and evidence; findings sorted diverge, agree, unique."""
    index = {c.id: i for i, c in enumerate(claims)}
    findings: list[Finding] = []
    for cluster in clusters:
        members = sorted((claims[index[cid]] for cid in cluster.claim_ids), key=lambda c: (c.source, c.start))
        sources = {c.source for c in members}
        reason = None
        pairs = []
        if len(sources) > 1:
            for a, b in itertools.combinations(members, 2):
                if a.source == b.source:
                    continue
                sim = float(round(float(vectors[index[a.id]] @ vectors[index[b.id]]), 4))
                r = pair_reason(a, b) if sim >= config.agree_threshold else None
                pairs.append({"a": a.id, "b": b.id, "similarity": sim,
                              "reason": None if r is None else {"kind": r.kind, "detail": r.detail}})
                if r is not None and reason is None:
                    reason = r
        verdict = "unique" if len(sources) == 1 else ("diverge" if reason else "agree")
        sides: tuple = ()
        if reason is not None:
            by_value: dict[str, set[str]] = {}
            for src, val in reason.values:
                by_value.setdefault(val, set()).add(src)
            sides = tuple(sorted((v, tuple(sorted(s))) for v, s in by_value.items()))
        findings.append(Finding(id=content_id(*cluster.claim_ids), verdict=verdict, similarity=cluster.similarity,
                                claims=tuple(members), reason=reason, sides=sides, pairs=tuple(pairs)))
    order = {v: i for i, v in enumerate(VERDICTS)}
    return sorted(findings, key=lambda f: (order[f.verdict], f.claims[0].source, f.claims[0].start, f.id))
