"""Stage 5, compare: Clusters -> Findings with a verdict (agree / diverge / unique) and evidence.

A cluster whose claims all come from one source is ``unique``. For claims of different sources the
typed slots and a few lexical rules decide whether they conflict:

- ``date``: each side has a date the other lacks, at its granularity ("February" vs "March";
  "February 2019" and "2019-02-28" agree);
- ``number``: each side has a different value for a quantity of the same kind and unit;
- ``attribution``: the same statement put in different speakers' mouths;
- values that exclude each other in the same statement (claimcheck/stages/exclusive.py): weekdays, seasons,
  parts of the day (kind ``date``) and ordinals of the same thing (kind ``number``);
- ``entity``: a different person / place / organisation of the same type in the same statement;
- ``negation``: one side negated, the other not ("could restart" vs "would never restart"), in the main clause
  or, for one word negated on one side only, in any clause ("a cliff that was not known as" vs "was known as");
- ``antonym``-based polarity (reported as ``negation``): a word on one side and its opposite on the
  other ("stuck" vs "progress"), from WordNet 3.0 plus a curated news list;
- ``nli``: an optional local NLI cross-encoder's contradiction, when ``compare.nli_model`` is set
  (claimcheck/stages/nli.py), tried on within-cluster pairs the rules found no conflict in.

Each rule needs the pair to be similar enough (thresholds in ``compare:``, calibrated by
``scripts/evaluate.py``). Otherwise a multi-source cluster is ``agree``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

from claimcheck.config import CompareConfig
from claimcheck.models import VERDICTS, Claim, Cluster, DateSlot, EntitySlot, Finding, NumberSlot, Reason, content_id
from claimcheck.stages.cluster import claim_anchors, event_anchors, events_match
from claimcheck.stages.dates import dates_compatible
from claimcheck.stages.exclusive import ordinal_conflict, scale_conflict
from claimcheck.stages.opposites import antonym_pair, base_forms, words

if TYPE_CHECKING:
    import numpy as np

_LABEL_GROUP = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person", "ORG": "org", "NORP": "group"}


def _unmatched(xs: list, ys: list, same) -> list:  # noqa: ANN001 - a predicate
    return [x for x in xs if not any(same(x, y) for y in ys)]


def _date_match(x: DateSlot, y: DateSlot) -> bool:
    """Same date at the coarser granularity, or overlapping day ranges ("last week" vs a day in it)."""
    if dates_compatible(x.value, y.value):
        return True
    if x.earliest and x.latest and y.earliest and y.latest:
        return x.earliest <= y.latest and y.earliest <= x.latest
    return False


def date_conflict(a: Claim, b: Claim) -> Reason | None:
    """A date in each claim that matches no date of the other."""
    da = sorted({d.value: d for d in a.slots.dates}.values(), key=lambda d: d.value)
    db = sorted({d.value: d for d in b.slots.dates}.values(), key=lambda d: d.value)
    if not da or not db:
        return None
    ua, ub = _unmatched(da, db, _date_match), _unmatched(db, da, _date_match)
    if ua and ub:
        va, vb = ua[0].value, ub[0].value
        return Reason(kind="date", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None


def _fmt_num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _num_label(value: float, kind: str, unit: str | None) -> str:
    if kind == "percent":
        return _fmt_num(value) + "%"
    if kind == "money" and unit:
        return f"{_fmt_num(value)} {unit.upper()}"
    return _fmt_num(value) + (f" {unit}" if unit else "")


def number_conflict(a: Claim, b: Claim, *, approx_tolerance: float = 0.1) -> Reason | None:
    """A different value for a quantity of the same kind and unit in the two claims."""
    def groups(c: Claim) -> dict[tuple[str, str], list[NumberSlot]]:
        out: dict[tuple[str, str], list[NumberSlot]] = {}
        for n in c.slots.numbers:
            if n.kind == "ordinal":
                continue
            out.setdefault((n.kind, n.unit or ""), []).append(n)
        return out

    def same(x: NumberSlot, y: NumberSlot) -> bool:
        # "about 4,000" and "4,200" do not conflict: approximate values get a tolerance
        tol = approx_tolerance if (x.approximate or y.approximate) else 1e-9
        return abs(x.value - y.value) <= tol * max(1.0, abs(x.value), abs(y.value))

    ga, gb = groups(a), groups(b)
    for key in sorted(set(ga) & set(gb)):
        ua, ub = _unmatched(ga[key], gb[key], same), _unmatched(gb[key], ga[key], same)
        if ua and ub:
            unit = key[1] or None
            va, vb = _num_label(ua[0].value, key[0], unit), _num_label(ub[0].value, key[0], unit)
            return Reason(kind="number", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("’", "'").replace("'s", "")).strip()


def _entity_in(ent: EntitySlot, others: tuple[EntitySlot, ...], other_text: str) -> bool:
    """Whether an entity is present on the other side: same key, a name part ("Kim" / "Kim Jong-un"),
    or its words appearing in the other claim's text (NER disagreements)."""
    key = _norm(ent.key)
    toks = set(key.split())
    if not toks:
        return True
    for o in others:
        ok = _norm(o.key)
        if ok == key or toks <= set(ok.split()) or set(ok.split()) <= toks:
            return True
    return f" {key} " in f" {_norm(other_text)} "


def entity_conflict(a: Claim, b: Claim) -> Reason | None:
    """Each side names an entity of the same type that the other side does not mention."""
    def missing(x: Claim, y: Claim) -> dict[str, list[EntitySlot]]:
        out: dict[str, list[EntitySlot]] = {}
        for e in x.slots.entities:
            group = _LABEL_GROUP.get(e.label)
            if group and not _entity_in(e, y.slots.entities, y.text):
                out.setdefault(group, []).append(e)
        return out

    ma, mb = missing(a, b), missing(b, a)
    for group in ("person", "place", "org", "group"):
        if ma.get(group) and mb.get(group):
            va, vb = ma[group][0].text, mb[group][0].text
            return Reason(kind="entity", detail=f"{va} vs {vb} ({group})", values=((a.source, va), (b.source, vb)))
    return None


def residual_overlap(a_text: str, b_text: str, drop_a: str = "", drop_b: str = "") -> float:
    """Jaccard overlap of the two texts' words once the differing parts (a name, a speaker) are removed:
    near 1 when the rest of the statement is the same."""
    wa = set(_norm(a_text).split()) - set(_norm(drop_a).split())
    wb = set(_norm(b_text).split()) - set(_norm(drop_b).split())
    return len(wa & wb) / max(1, len(wa | wb))


def _speaker(c: Claim) -> str | None:
    """The claim's attributed speaker when it is a named person, organisation or place (not "870 cases")."""
    who = c.slots.attribution
    if not who or any(ch.isdigit() for ch in who):
        return None
    named = [e for e in c.slots.entities if e.label in ("PERSON", "ORG", "GPE", "NORP")]
    return who if any(e.text in who or who in e.text for e in named) else None


def attribution_conflict(a: Claim, b: Claim) -> Reason | None:
    """The same statement attributed to different speakers."""
    wa, wb = _speaker(a), _speaker(b)
    if not wa or not wb:
        return None
    na, nb = set(_norm(wa).split()), set(_norm(wb).split())
    if not na or not nb or na & nb:
        return None
    return Reason(kind="attribution", detail=f"said by {wa} vs {wb}", values=((a.source, wa), (b.source, wb)))


_CUES = frozenset({"not", "n't", "never", "no"})
_CUE_SKIP = frozenset({"a", "an", "the", "be", "been", "being", "to", "yet", "ever", "even", "always", "longer"})
_NOT_CUE_AFTER = frozenset({"only", "choice", "doubt", "matter", "less", "sooner", "fewer", "more", "one", "later",
                            "longer", "least"})


def _negated_word(tokens: list[str], i: int) -> str | None:
    """The content word a negation cue at ``tokens[i]`` negates: the next word, past "be", "been", "a", ..."""
    for w in tokens[i + 1:i + 4]:
        if w in _CUES:
            return None
        if w not in _CUE_SKIP:
            return None if w in _NOT_CUE_AFTER else w
    return None


def _negated_words(tokens: list[str]) -> tuple[set[str], set[str]]:
    """(base forms of words under a negation cue, base forms of words that occur without one)."""
    neg_idx: dict[int, str] = {}
    for i, w in enumerate(tokens):
        if w in _CUES:
            target = _negated_word(tokens, i)
            if target is not None:
                j = tokens.index(target, i + 1)
                neg_idx[j] = w
    under, free = set(), set()
    for i, w in enumerate(tokens):
        (under if i in neg_idx else free).update(base_forms(w))
    return under, free


def inserted_negation(a_text: str, b_text: str) -> tuple[str, str] | None:
    """A word negated in one text ("was not known") that the other states without a negation ("was known"),
    anywhere in the sentence (also in a relative or subordinate clause); returns (cue phrase, plain word)
    oriented as (a, b), or None."""
    ta, tb = words(a_text), words(b_text)
    for x, y, flip in ((ta, tb, False), (tb, ta, True)):
        if sum(w in _CUES for w in x) <= sum(w in _CUES for w in y):
            continue  # "did not offer a raise" / "offered no raise": the negation moved, not added
        under_x, free_x = _negated_words(x)
        under_y, free_y = _negated_words(y)
        for i, w in enumerate(x):
            if w not in _CUES:
                continue
            target = _negated_word(x, i)
            if target is None:
                continue
            forms = base_forms(target)
            # the other side states the word, never negated, and this side never states it plainly
            if forms & free_y and not forms & under_y and not forms & free_x:
                neg, plain = f"{w} {target}", target
                return (plain, neg) if flip else (neg, plain)
    return None


def negation_conflict(a: Claim, b: Claim) -> Reason | None:
    """One claim negated and the other not (in the main clause, or a word negated on one side only), or a
    word on one side and its opposite on the other."""
    na, nb = a.slots.negated, b.slots.negated
    if na != nb:
        va = f"negated ('{a.slots.negation_cue}')" if na and a.slots.negation_cue else ("negated" if na else "affirmed")
        vb = f"negated ('{b.slots.negation_cue}')" if nb and b.slots.negation_cue else ("negated" if nb else "affirmed")
        return Reason(kind="negation", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    ins = inserted_negation(a.text, b.text)
    if ins is not None:
        return Reason(kind="negation", detail=f"'{ins[0]}' vs '{ins[1]}'", values=((a.source, ins[0]), (b.source, ins[1])))
    pair = antonym_pair(a.text, b.text)
    if pair is not None:
        return Reason(kind="negation", detail=f"'{pair[0]}' vs '{pair[1]}' (opposites)",
                      values=((a.source, pair[0]), (b.source, pair[1])))
    return None


def pair_reason(a: Claim, b: Claim, similarity: float, *, config: CompareConfig) -> Reason | None:
    """The first conflict found between two claims of different sources, or None.

    Slot rules (date, number) apply from ``agree_threshold``; attribution, entity and exclusive-value
    (weekday, season, part of day, ordinal) rules need a
    near-identical rest of the sentence (``residual_alone``), or the stricter ``entity_min_similarity``
    together with ``residual_overlap``; polarity rules need ``polarity_min_similarity``: merely related
    sentences naturally differ in names and words. Polarity rules also need ``polarity_residual`` word overlap
    once the cue or opposite words are set aside.
    """
    if similarity < config.agree_threshold:
        return None
    for check in (date_conflict, number_conflict):
        reason = check(a, b)
        if reason is not None:
            return reason
    for check in (attribution_conflict, entity_conflict, scale_conflict, ordinal_conflict):
        reason = check(a, b)
        if reason is None:
            continue
        # A different name in merely related sentences is normal; in the same statement it is a conflict:
        # the words around the names must be (nearly) the same, or the embeddings must call it the same
        # statement and most of the words around the names must match.
        drop_a, drop_b = reason.values[0][1], reason.values[1][1]
        rest = residual_overlap(a.text, b.text, drop_a, drop_b)
        if rest >= config.residual_alone or (similarity >= config.entity_min_similarity
                                             and rest >= config.residual_overlap):
            return reason
    if similarity >= config.polarity_min_similarity:
        reason = negation_conflict(a, b)
        # a "not" or an opposite word in a merely related sentence is no conflict: the rest must match
        if reason is not None and residual_overlap(a.text, b.text, reason.values[0][1],
                                                   reason.values[1][1]) >= config.polarity_residual:
            return reason
    return None


def _sides(reasons: list[Reason]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_value: dict[str, set[str]] = {}
    for r in reasons:
        for src, val in r.values:
            by_value.setdefault(val, set()).add(src)
    return tuple(sorted((v, tuple(sorted(s))) for v, s in by_value.items()))


def _cross_pairs(members: list[Claim], vectors: "np.ndarray", index: dict[str, int], *,
                 per_claim: int) -> list[tuple[Claim, Claim, float]]:
    """The cross-source pairs of a cluster to compare, in a stable order. A small cluster compares every
    pair; in a large one each claim is compared with its ``per_claim`` most similar claims of other
    sources only, so evidence and time grow linearly with the cluster, not with its square."""
    import numpy as np

    if len(members) <= 2 * per_claim + 1:
        out = []
        for a, b in itertools.combinations(members, 2):
            if a.source != b.source:
                out.append((a, b, round(float(vectors[index[a.id]] @ vectors[index[b.id]]), 4)))
        return out
    rows = np.array([index[c.id] for c in members])
    src = np.array([c.source for c in members])
    keep: set[tuple[int, int]] = set()
    for start in range(0, len(members), 512):
        block = vectors[rows[start:start + 512]] @ vectors[rows].T
        for off, sims in enumerate(block):
            i = start + off
            sims = np.where(src == src[i], -np.inf, sims)
            for j in np.argsort(-sims, kind="stable")[:per_claim]:
                if np.isfinite(sims[j]):
                    keep.add((min(i, int(j)), max(i, int(j))))
    return [(members[i], members[j], round(float(vectors[rows[i]] @ vectors[rows[j]]), 4)) for i, j in sorted(keep)]


_ANCHOR_NAMES = {"date": "date", "ent": "name"}


def shared_anchors(anchors_a: frozenset[str], anchors_b: frozenset[str], events_a: frozenset[tuple[str, str]],
                   events_b: frozenset[tuple[str, str]]) -> list[str]:
    """What two claims pin down alike, as link evidence: "date 2019-02", "name singapore",
    "quantity 28500 troop", "event meeting 2019-02" (claimcheck/stages/cluster.py)."""
    out = []
    for anchor in sorted(anchors_a & anchors_b):
        kind, _, rest = anchor.partition(":")
        if kind == "num":
            _, unit, value = rest.split(":", 2)
            out.append(f"quantity {_fmt_num(float(value))} {unit}")
        else:
            out.append(f"{_ANCHOR_NAMES.get(kind, kind)} {rest}")
    out += [f"event {cls} {date}" for cls, date in events_match(events_a, events_b)]
    return out


def _inside_another(claim: Claim, claims: list[Claim]) -> bool:
    """Whether a fragment claim (clause, apposition) lies inside a longer claim of the same source."""
    if claim.kind not in ("clause", "apposition", "fragment"):
        return False
    return any(o.source == claim.source and o.id != claim.id and o.start <= claim.start and claim.end <= o.end
               for o in claims)


def compare_clusters(clusters: list[Cluster], claims: list[Claim], vectors: "np.ndarray", *,
                     config: CompareConfig, nli=None) -> list[Finding]:  # noqa: ANN001 - optional NLI scorer
    """Give every cluster its verdict and evidence; findings sorted diverge, agree, unique."""
    if nli is None and config.nli_model:
        from claimcheck.stages.nli import load_nli

        nli = load_nli(config.nli_model)
    index = {c.id: i for i, c in enumerate(claims)}
    anchors = claim_anchors(claims)
    events = event_anchors(claims)
    findings: list[Finding] = []
    for cluster in clusters:
        members = sorted((claims[index[cid]] for cid in cluster.claim_ids), key=lambda c: (c.source, c.start))
        sources = {c.source for c in members}
        if len(members) == 1 and _inside_another(members[0], claims):
            continue  # a clause or apposition of a sentence that has its own finding: not a separate "unique"
        reasons: list[Reason] = []
        pairs = []
        event_links = set(cluster.event_links)
        for a, b, sim in _cross_pairs(members, vectors, index, per_claim=config.pair_neighbours):
            r = pair_reason(a, b, sim, config=config)
            if r is None and nli is not None and sim >= config.agree_threshold:
                r = nli(a, b)
            ia, ib = index[a.id], index[b.id]
            evidence = {"a": a.id, "b": b.id, "similarity": sim,
                        "reason": None if r is None else {"kind": r.kind, "detail": r.detail}}
            shared = shared_anchors(anchors[ia], anchors[ib], events[ia], events[ib])
            if shared:
                evidence["shared"] = shared
            if tuple(sorted((a.id, b.id))) in event_links:
                evidence["link"] = "event"  # joined by an event-date link, not by the embeddings
            pairs.append(evidence)
            if r is not None:
                reasons.append(r)
        verdict = "unique" if len(sources) == 1 else ("diverge" if reasons else "agree")
        reason = None
        sides: tuple = ()
        if reasons:
            kinds = Counter(r.kind for r in reasons)
            top = sorted(kinds, key=lambda k: (-kinds[k], k))[0]
            same_kind = [r for r in reasons if r.kind == top]
            reason = same_kind[0]
            sides = _sides(same_kind)
        findings.append(Finding(id=content_id(*cluster.claim_ids), verdict=verdict, similarity=cluster.similarity,
                                claims=tuple(members), reason=reason, sides=sides, pairs=tuple(pairs)))
    order = {v: i for i, v in enumerate(VERDICTS)}
    return sorted(findings, key=lambda f: (order[f.verdict], f.claims[0].source, f.claims[0].start, f.id))
