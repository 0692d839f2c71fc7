"""Stage 4, cluster: claims + vectors -> Clusters, one statement across sources.

Candidate pairs come from nearest neighbours, not from all pairs. A pair's link score is its
cosine similarity plus ``cluster.anchor_bonus`` for each specific fact both claims pin down
(the same month or day, the same quantity, the same rarely-mentioned name), at most two: two
sentences that place the same event in "Singapore" in "2018-06" are about the same thing even
when the rest of their wording differs. A shared count with what it counts ("two ... missing") weighs
``cluster.count_anchor_weight`` facts: "Two remain missing." states nothing else, so it joins "two people are
still missing" at a moderate cosine. Pairs scoring at least ``cluster.link_threshold`` form a
sparse graph; each connected component is then split by average-linkage agglomerative
clustering on the same score, so one loose chain of neighbours cannot glue unrelated
statements together.

Event-date links catch what embeddings miss: two claims of different sources that name an event of the
same class (claimcheck/data/events.tsv: summit / meeting / talks, election / vote, attack / bombing ...)
next to the same month or day ("the meeting scheduled in February", resolved to 2019-02, and "a follow-up
in February 2019") speak of the same event, though their cosine similarity is low. Such a pair links when
its cosine is at least ``cluster.event_floor`` and neither claim has any other cross-source link (a
fallback: event links never re-arrange statements the embeddings already matched).

Different events stay apart (claimcheck/stages/cluster/events.py): a pair whose identifying facts say it is two events
(``events.can_be_same_event`` is False) is never a link nor an event-date link, and in average linkage it sits at
an (in effect) infinite distance, so no cluster holds both of its claims and a claim without facts cannot chain
two events together. Only pairs with cosine >= ``cluster.event_context_floor`` are checked inside a group (the
comparison never compares less similar claims).

Two statements joined at their loose edge (``_split_gaps``): average linkage can join two tight groups whose cross
pairs are only moderately similar (two heists' "$2.5 million raid on a Paris store" / "$160 million stolen from a
Paris boutique"). A cluster of at least ``cluster.split_min_size`` claims is cut at its top merge when its two parts
are ``cluster.split_gap`` further apart than inside the less cohesive part and their claims across the parts differ
in more event-fact kinds than they share (``cluster.split_evidence``); each part is checked again.

Two stories of one kind (claimcheck/stages/cluster/stories.py): the sources are grouped by the specific words they
share; a link between two groups of outlets that each restate their own names, values and days (and whose similar
claims do not share their facts) needs a link score of ``cluster.story_link_threshold``, in this pass and in the
event-group pass below (two articles, or one story's outlets, are never parted).

Event groups (``assign_events``, ``event_groups``): a cluster is one statement; the statements of one action or
occurrence (the quake striking, not the rescue that followed) are gathered by grouping the claims once more with the
looser ``cluster.event_link_threshold``, where shared action words (``stories.action_words``) add
``cluster.event_word_bonus`` and a single-source statement that shares none loses ``cluster.event_unique_penalty``,
under the same different-event and story rules. Each cluster gets the content-derived id of its group as ``event``;
the comparison passes it on to its findings (the HTML report shows a group's statements together).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim, Cluster, content_id
from claimcheck.stages.extract.dates import dates_compatible
from claimcheck.stages.cluster.sets import DisjointSets
from claimcheck.stages.cluster.events import (
    EventFacts,
    SameStory,
    common_names,
    different_event_arrays,
    different_event_pairs,
    different_event_positions,
    different_event_sources,
    event_facts,
    fact_agreement,
    story_sources,
    with_rivals,
)
from claimcheck.stages.cluster.neighbours import CandidatePairs, candidate_arrays
from claimcheck.stages.cluster.stories import action_words, story_apart
from claimcheck.stages.forked import map_forked

if TYPE_CHECKING:

    import numpy as np


def story_extra(config: ClusterConfig) -> float:
    """How much more link score a link between two sources told apart as two stories needs in this pass: up to
    ``cluster.story_link_threshold`` (the same in the statement and the looser event-group pass), 0 when off."""
    if config.story_link_threshold <= 0:
        return 0.0
    return max(0.0, config.story_link_threshold - config.link_threshold)


def _components(n: int, pairs: CandidatePairs) -> list[list[int]]:
    sets = DisjointSets(n)
    for i, j in pairs.index_pairs():
        sets.union(i, j)
    return sets.groups()


_ANCHOR_LABELS = {"PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def counted_words(claim: Claim, *, window: int = 3,
                  chars: int = ClusterConfig.counted_chars) -> frozenset[tuple[float, str]]:
    """(value, word) for each count other than one and each of the ``window`` content words that follow it in its
    phrase (up to the next punctuation mark: its unit and what it counts: "two people are still missing" / "two
    remain missing" / "two missing people" all give (2.0, "missing"); read in the ``chars`` characters after the
    number); words lower-cased, a plural's "s" dropped, function words skipped."""
    from claimcheck.stages.extract.numbers import _NOT_UNIT

    out = set()
    for n in claim.slots.numbers:
        if n.kind != "count" or n.value == 1:
            continue
        s = n.start - claim.start
        # the words after the number up to the end of its phrase ("14 people, the coast guard said": people only)
        tail = re.sub(r"(?<=\d)[,.](?=\d)", "", claim.text[s:s + len(n.text) + chars])
        tail = re.split(r"[,;:.!?()\[\]\u2013\u2014\"“”]", tail, maxsplit=1)[0]
        words = [w.lower() for w in _WORD.findall(tail)]
        content = [w for w in (words[1:] if words and not n.text[:1].isdigit() else words)
                   if w not in _NOT_UNIT and len(w) > 2]
        for w in content[:window]:
            out.add((n.value, w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w))
    return frozenset(out)


_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*$")


def sentence_groups(claims: list[Claim]) -> list[list[int]]:
    """Indexes of claims grouped by the sentence they come from (approximately): a source's claims that
    overlap, or that start within a few characters after a claim without closing punctuation (the parts of
    one sentence, claimcheck/stages/extract/claims.py ``atomic_parts``)."""
    order = sorted(range(len(claims)), key=lambda i: (claims[i].source, claims[i].start, claims[i].end))
    groups: list[list[int]] = []
    source, end, closed = None, -1, True
    for i in order:
        c = claims[i]
        if c.source == source and (c.start < end or (c.start - end <= 8 and not closed)):
            groups[-1].append(i)
            if c.end >= end:
                end, closed = c.end, bool(_SENTENCE_END.search(c.text))
        else:
            groups.append([i])
            source, end, closed = c.source, c.end, bool(_SENTENCE_END.search(c.text))
    return groups


def claim_anchors(claims: list[Claim], *, max_share: float = ClusterConfig.anchor_max_share,
                  counted_chars: int = ClusterConfig.counted_chars) -> list[frozenset[str]]:
    """Specific facts per claim: month/day dates with a year, quantities with a unit, what a count counts
    (``counted_words`` within ``counted_chars``: "two ... missing"), and names that appear in at most
    ``max_share`` of the claims (names every sentence mentions pin nothing down)."""
    ents = [{e.key for e in c.slots.entities if e.label in _ANCHOR_LABELS} for c in claims]
    # shares are of sentences, not claims: the atomic parts of one sentence (claimcheck/stages/extract/claims.py)
    # count once, so cutting a sentence into parts does not turn its names into anchors
    groups = sentence_groups(claims)
    df: dict[str, int] = {}
    for members in groups:
        for k in set().union(*(ents[i] for i in members)):
            df[k] = df.get(k, 0) + 1
    limit = max(2, int(max_share * len(groups)))
    out = []
    for c, keys in zip(claims, ents):
        a = {f"date:{d.value}" for d in c.slots.dates if d.granularity != "year" and not d.value.startswith("X")}
        a |= {f"num:{n.kind}:{n.unit}:{n.value!r}" for n in c.slots.numbers if n.unit}
        # shown as pair evidence "count 2 missing"
        a |= {f"count:{v:g} {w}" for v, w in counted_words(c, chars=counted_chars)}
        a |= {f"ent:{k}" for k in keys if df[k] <= limit}
        out.append(frozenset(a))
    return out


def _squash(text: str) -> str:
    return re.sub(r"[- ]", "", text.lower())


@lru_cache(maxsize=1)
def _event_lexicon() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """The event nouns of claimcheck/data/events.tsv as one pattern, and the classes of each match's
    squashed form ("follow up" / "follow-up" -> "followup"; "rallies" -> "rallie")."""
    classes: dict[str, set[str]] = {}
    text = resources.files("claimcheck.data").joinpath("events.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cls, word = line.split("\t")[:2]
            classes.setdefault(word.strip().lower(), set()).add(cls.strip())

    def alt(word: str) -> str:
        body = re.escape(word).replace(r"\-", "[- ]?").replace(r"\ ", " ")
        return body[:-1] + "(?:y|ie)" if word.endswith("y") else body  # "rally" / "rallies"

    alts = "|".join(alt(w) for w in sorted(classes, key=lambda w: (-len(w), w)))
    pattern = re.compile(rf"\b({alts})(?:s|es)?\b", re.IGNORECASE)
    lookup: dict[str, set[str]] = {}
    for word, cls in classes.items():
        key = _squash(word)
        for form in (key, key[:-1] + "ie") if key.endswith("y") else (key,):
            lookup.setdefault(form, set()).update(cls)
    return pattern, {k: frozenset(v) for k, v in lookup.items()}


def event_nouns(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """The event nouns of claimcheck/data/events.tsv in a text: (start, end, classes)."""
    pattern, lookup = _event_lexicon()
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-").replace("\u00a0", " ")
    return [(m.start(), m.end(), lookup[_squash(m.group(1))]) for m in pattern.finditer(text)]


def classes_match(a: str, b: str) -> bool:
    """Whether two event classes name the same kind of event: equal, or one of them "*" (any class), but not
    both "*"."""
    return (a == b or "*" in (a, b)) and (a, b) != ("*", "*")


def event_anchors(claims: list[Claim], *, window: int = ClusterConfig.event_window) -> list[frozenset[tuple[str, str]]]:
    """(event class, date) per claim: an event noun of claimcheck/data/events.tsv within ``window``
    characters of a month- or day-precise date of the same claim."""
    out: list[frozenset[tuple[str, str]]] = []
    for c in claims:
        dates = [d for d in c.slots.dates if d.granularity != "year" and not d.value.startswith("X")]
        found: set[tuple[str, str]] = set()
        # an event noun in a clause the claim leaves out (``Claim.gaps``) is that clause's, not the claim's
        nouns = [n for n in event_nouns(c.text) if not any(gs - c.start < n[1] and n[0] < ge - c.start
                                                           for gs, ge in c.gaps)] if dates else []
        for d in dates:
            ds, de = d.start - c.start, d.end - c.start
            for ns, ne, cls in nouns:
                if max(ns - de, ds - ne, 0) <= window:
                    found |= {(k, d.value) for k in cls}
        out.append(frozenset(found))
    return out


def events_match(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (event class, date) anchors two claims share: classes that match (``classes_match``) and dates
    where one refines the other ("2019-02" / "2019-02-28")."""
    shared = set()
    for ca, da in a:
        for cb, db in b:
            if classes_match(ca, cb) and dates_compatible(da, db):
                cls = cb if ca == "*" else ca
                shared.add((cls, da if len(da) >= len(db) else db))
    return sorted(shared)


def event_pairs(claims: list[Claim], vectors: "np.ndarray", events: list[frozenset[tuple[str, str]]],
                eligible: set[int], *, floor: float, k: int) -> list[tuple[int, int, float]]:
    """Cross-source pairs among ``eligible`` claims that share an event anchor, with cosine >= ``floor``;
    each claim keeps its ``k`` most similar such partners. Claims are bucketed by month first, so the
    work grows with the claims that share a month, not with all pairs."""
    import numpy as np

    buckets: dict[str, list[int]] = {}
    for i in sorted(eligible):
        for month in {d[:7] for _, d in events[i]}:
            buckets.setdefault(month, []).append(i)
    found: dict[tuple[int, int], float] = {}
    for month in sorted(buckets):
        idx = np.array(buckets[month])
        if len(idx) < 2:
            continue
        src = np.array([claims[i].source for i in idx])
        for start in range(0, len(idx), 512):
            block = vectors[idx[start:start + 512]] @ vectors[idx].T
            for off, sims in enumerate(block):
                r = start + off
                sims = np.where((src == src[r]) | (sims < floor), -np.inf, sims)
                kept = 0
                # the 4k most similar only: a row's scan stays bounded however many claims share the month
                for j in np.argsort(-sims, kind="stable")[:4 * k]:
                    if not np.isfinite(sims[j]) or kept >= k:
                        break
                    a, b = int(idx[r]), int(idx[j])
                    if events_match(events[a], events[b]):
                        found[(min(a, b), max(a, b))] = round(float(sims[j]), 4)
                        kept += 1
    return sorted((i, j, s) for (i, j), s in found.items())


def anchor_weight(anchor: str, *, count_weight: int = ClusterConfig.count_anchor_weight) -> int:
    """How many anchors one shared anchor counts as: ``count_weight`` for what a count counts ("count:2 missing":
    the number and what happened to it, the most specific fact a short sentence states), one for any other."""
    return count_weight if anchor.startswith("count:") else 1


def link_score(cos: float, a: frozenset[str], b: frozenset[str], *, bonus: float,
               max_anchors: int = ClusterConfig.max_anchors,
               count_weight: int = ClusterConfig.count_anchor_weight) -> float:
    """Cosine similarity plus ``bonus`` per shared anchor (``anchor_weight`` each, ``max_anchors`` at most)."""
    shared = sum(anchor_weight(x, count_weight=count_weight) for x in a & b)
    return cos + bonus * min(max_anchors, shared)


def _labels_to_groups(comp: list[int], labels) -> list[list[int]]:  # noqa: ANN001 - sklearn labels
    by_label: dict[int, list[int]] = {}
    for idx, lab in zip(comp, labels):
        by_label.setdefault(int(lab), []).append(idx)
    return list(by_label.values())


def _source_pair(claims: list[Claim], i: int, j: int) -> tuple[str, str]:
    a, b = claims[i].source, claims[j].source
    return (a, b) if a < b else (b, a)


# distance of two claims of different events in average linkage: no group holding both can form
_APART = 1e6


def _shared_bonus(keys: list[frozenset[str]], *, config: ClusterConfig,
                  bonus: float | None = None) -> "np.ndarray | None":
    """How many of ``keys`` each two rows share (an n x n float32 count), or None when no row has a key. With a
    ``bonus`` the keys are anchors: each shared one counts its ``anchor_weight``, and the count is capped at
    ``cluster.max_anchors`` and times ``bonus`` (the anchor bonus of ``link_score`` for every pair at once)."""
    import numpy as np

    vocab: dict[str, int] = {}
    rows = [[vocab.setdefault(a, len(vocab)) for a in ks] for ks in keys]
    if not vocab:
        return None
    inc = np.zeros((len(keys), len(vocab)), dtype=np.float32)
    for r, cols in enumerate(rows):
        inc[r, cols] = 1.0
    if bonus is not None:
        # a shared anchor adds weight_a * weight_b = its anchor_weight to the count of shared anchors
        inc *= np.sqrt(np.array([anchor_weight(a, count_weight=config.count_anchor_weight) for a in vocab],
                                dtype=np.float32))[None, :]
    shared = inc @ inc.T
    del inc
    np.rint(shared, out=shared)  # whole anchors (sqrt(2) * sqrt(2) is 2.0000002 in float32)
    if bonus is not None:
        np.minimum(shared, float(config.max_anchors), out=shared)
        shared *= bonus
    return shared


def _keep_apart(dist: "np.ndarray", comp: list[int], claims: list[Claim], near: "np.ndarray", *,
                facts: list[EventFacts], config: ClusterConfig, same_story: SameStory | frozenset,
                vectors: "np.ndarray | None" = None) -> None:
    """Set ``dist`` to ``_APART`` (in place) for the pairs of ``near`` (an upper-triangle mask over ``comp``,
    narrowed in place) that cannot be one event (claimcheck/stages/cluster/events.py; ``vectors``: the claims'
    unit vectors, for the rules that read a pair's cosine); claims without event facts are never apart."""
    import numpy as np

    empty = EventFacts()
    known = np.array([facts[c] != empty for c in comp])
    near &= known[:, None]
    near &= known[None, :]
    rows, cols = different_event_positions(claims, comp, near, config=config, facts=facts, same_story=same_story,
                                           vectors=vectors)
    dist[rows, cols] = _APART
    dist[cols, rows] = _APART


def _cosine(vectors: "np.ndarray | None") -> "Callable[[int, int], float] | None":
    """The cosine of two claims by index (their unit vectors' dot product), None without vectors."""
    if vectors is None:
        return None
    return lambda i, j: float(vectors[i] @ vectors[j])


def _part_stories(dist: "np.ndarray", src: "np.ndarray", parted: set[tuple[str, str]] | frozenset, *,
                  extra: float) -> None:
    """Two sources told apart as two stories (``parted``): their claims' distances ``extra`` more (in place)."""
    import numpy as np

    present = set(src.tolist())
    for a, b in parted:
        if a in present and b in present:
            dist[np.ix_(src == a, src == b)] += extra
            dist[np.ix_(src == b, src == a)] += extra


def _split_dense(comp: list[int], claims: list[Claim], vectors: "np.ndarray", anchors: list[frozenset[str]], *,
                 config: ClusterConfig, forced: dict[tuple[int, int], float] | None = None,
                 facts: list[EventFacts] | None = None,
                 other_event: set[tuple[str, str]] | None = None,
                 same_story: SameStory | frozenset = frozenset(),
                 parted: set[tuple[str, str]] | frozenset = frozenset()) -> list[list[int]]:
    """Average linkage on the full link-score matrix of one connected group (same-source pairs neutral;
    ``forced`` pairs, the event-date links, score at least their given value; pairs of claims that cannot be
    the same event, claimcheck/stages/cluster/events.py, are kept apart)."""
    import numpy as np

    sub = vectors[comp]
    score = sub @ sub.T
    # the matrices are updated in place (one n x n float32 at a time, not a fresh one per step)
    near = np.triu(score >= config.event_context_floor, 1) if facts is not None else None
    shared = _shared_bonus([anchors[i] for i in comp], config=config, bonus=config.anchor_bonus)
    if shared is not None:
        score += shared
        del shared
    if forced:
        pos = {c: k for k, c in enumerate(comp)}
        for (i, j), value in forced.items():
            if i in pos and j in pos:
                a, b = pos[i], pos[j]
                score[a, b] = score[b, a] = max(float(score[a, b]), value)
    src = np.array([claims[i].source for i in comp])
    np.subtract(1.0, score, out=score)
    dist = np.clip(score, 0.0, None, out=score)
    del score
    _, src_code = np.unique(src, return_inverse=True)
    same_source = src_code[:, None] == src_code[None, :]
    dist[same_source] = 1.0 - config.link_threshold  # neither pulls together nor pushes apart
    if near is not None:
        # different events are kept apart among the pairs similar enough to matter (cosine >= event_context_floor:
        # the comparison never compares less similar claims)
        near &= ~same_source
        _keep_apart(dist, comp, claims, near, facts=facts, config=config, same_story=same_story, vectors=vectors)
        del near
    del same_source
    _part_stories(dist, src, parted, extra=story_extra(config))  # two sources told apart: a link needs more
    present = set(src.tolist())
    for a, b in other_event or ():
        if a not in present or b not in present:
            continue
        dist[np.ix_(src == a, src == b)] = _APART
        dist[np.ix_(src == b, src == a)] = _APART
    np.fill_diagonal(dist, 0.0)
    labels = _average_linkage_labels(dist, threshold=1.0 - config.link_threshold)
    if config.split_gap <= 0 or config.split_min_size > len(comp):
        return _labels_to_groups(comp, labels)
    groups: list[list[int]] = []
    for group in _labels_to_groups(list(range(len(comp))), labels):
        groups += _split_gaps(group, dist, src_code, gap=config.split_gap, min_size=config.split_min_size,
                              facts=[facts[c] for c in comp] if facts is not None else None,
                              evidence=config.split_evidence)
    return [[comp[k] for k in g] for g in groups]


def _condensed(dist: "np.ndarray", rows: list[int] | None = None) -> "np.ndarray":
    """The upper triangle of ``dist`` (of its ``rows`` x ``rows`` block), row by row, in float64: what
    ``scipy.spatial.distance.squareform`` gives, without the full-size copies and index arrays on the way."""
    import numpy as np

    if rows is None:
        parts = [dist[r, r + 1:] for r in range(len(dist) - 1)]
    else:
        idx = np.asarray(rows)
        parts = [dist[r, idx[k + 1:]] for k, r in enumerate(rows[:-1])]
    if not parts:
        return np.empty(0, dtype=np.float64)
    out = np.empty(sum(len(p) for p in parts), dtype=np.float64)
    at = 0
    for p in parts:
        out[at:at + len(p)] = p
        at += len(p)
    return out


def _average_linkage_labels(dist: "np.ndarray", *, threshold: float) -> list[int]:
    """Flat clusters of average linkage on the square distance matrix ``dist``, every merge below ``threshold``
    kept: the partition scikit-learn's ``AgglomerativeClustering(metric="precomputed", linkage="average",
    distance_threshold=threshold)`` gives (it cuts SciPy's linkage of the same condensed distances at the merges
    of at least ``threshold``; SciPy sorts the merges by distance), as one label (a leaf's root) per row,
    without its two index arrays of every pair."""
    from scipy.cluster.hierarchy import linkage

    n = len(dist)
    sets = DisjointSets(2 * n - 1)
    for k, (a, b, d, _) in enumerate(linkage(_condensed(dist), method="average").tolist()):
        if d < threshold:
            sets.union(int(a), n + k)
            sets.union(int(b), n + k)
    return [sets.find(x) for x in range(n)]


def _split_gaps(group: list[int], dist: "np.ndarray", src: "np.ndarray", *, gap: float,
                min_size: int, facts: list[EventFacts] | None = None, evidence: int = 0) -> list[list[int]]:
    """A cluster whose top average-linkage split leaves two parts, each of claims of two or more sources, whose
    cross-source pairs score ``gap`` less on average between the parts than inside the less cohesive part: two
    statements joined at their loose edge, cut apart (recursively)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(group) < min_size:
        return [group]
    z = linkage(_condensed(dist, group), method="average")
    cut = fcluster(z, 2, criterion="maxclust")
    parts = [[g for g, c in zip(group, cut) if c == k] for k in (1, 2)]
    if any(len(set(src[p].tolist())) < 2 for p in parts):
        return [group]

    def mean(a: list[int], b: list[int]) -> float:
        d = dist[np.ix_(a, b)]
        mask = src[a][:, None] != src[b][None, :]
        return float(d[mask].mean()) if mask.any() else float("nan")

    inside = max(mean(parts[0], parts[0]), mean(parts[1], parts[1]))
    between = mean(parts[0], parts[1])
    if not between - inside >= gap:
        return [group]
    if evidence and facts is not None:
        score = 0
        for a in parts[0]:
            for b in parts[1]:
                if src[a] != src[b]:
                    ag = fact_agreement(facts[a], facts[b])
                    score += sum(1 if v == 0 else -1 for v in ag.values())
        if score < evidence:
            return [group]
    return [g for p in parts for g in _split_gaps(p, dist, src, gap=gap, min_size=min_size, facts=facts,
                                                  evidence=evidence)]


def _split_sparse(comp: list[int], pairs: "CandidatePairs | list[tuple[int, int, float]]", vectors: "np.ndarray", *,
                  config: ClusterConfig, anchors: list[frozenset[str]] | None = None,
                  forced: dict[tuple[int, int], float] | None = None) -> list[list[int]]:
    """A group too big for a dense matrix, cut into pieces of at most ``cluster.max_dense`` claims along its
    strongest links: the links (``pairs`` inside ``comp``, scored like the dense split: cosine plus the anchor
    bonus, an event-date link at least its forced value) are joined strongest first, as in single linkage,
    except that a join that would make a piece larger than ``max_dense`` is skipped. Memory and time grow with
    the links, not with the square of the group; each piece is then split by the dense average linkage. Only
    a statement that more than ``max_dense`` claims repeat almost word for word is cut in two by the cap."""
    import numpy as np

    if not isinstance(pairs, CandidatePairs):
        pairs = CandidatePairs(np.array([p[0] for p in pairs], dtype=np.int64),
                               np.array([p[1] for p in pairs], dtype=np.int64),
                               np.array([p[2] for p in pairs], dtype=np.float64))
    local = np.full(len(vectors), -1, dtype=np.int64)
    local[comp] = np.arange(len(comp))
    links = pairs.where((local[pairs.i] >= 0) & (local[pairs.j] >= 0))

    def scored(i: int, j: int, cos: float) -> float:
        score = link_score(cos, anchors[i], anchors[j], bonus=config.anchor_bonus, max_anchors=config.max_anchors,
                           count_weight=config.count_anchor_weight) if anchors is not None else cos
        if forced and (i, j) in forced:
            score = max(score, forced[(i, j)])
        return score

    score = np.fromiter((scored(i, j, cos) for i, j, cos in links), dtype=np.float64, count=len(links))
    a, b = local[links.i], local[links.j]
    del links, local
    # strongest first; ties by the two claims' places in the group (as a sort of (-score, a, b) tuples)
    order = np.lexsort((b, a, -score))
    sets = DisjointSets(len(comp))
    step = 1 << 16
    for start in range(0, len(order), step):
        block = order[start:start + step]
        for x, y in zip(a[block].tolist(), b[block].tolist()):
            sets.union(x, y, cap=config.max_dense)
    return [[comp[k] for k in group] for group in sets.groups()]


def cross_source_similarity(vectors: "np.ndarray", members: list[int], claims: list[Claim]) -> float:
    """Mean cosine similarity over the members' pairs from different sources (1.0 when there are none),
    computed from sums of vectors, so it costs O(members) rather than O(members^2)."""
    import numpy as np

    def pair_sum(idx: list[int]) -> float:
        v = vectors[idx].astype(np.float64)
        total = v.sum(axis=0)
        return float((total @ total - np.einsum("ij,ij->", v, v)) / 2.0)

    by_source: dict[str, list[int]] = {}
    for m in members:
        by_source.setdefault(claims[m].source, []).append(m)
    n_cross = (len(members) ** 2 - sum(len(g) ** 2 for g in by_source.values())) // 2
    if n_cross == 0:
        return 1.0
    cross = pair_sum(members) - sum(pair_sum(g) for g in by_source.values())
    return round(cross / n_cross, 4)


@dataclass(frozen=True)
class ClaimFeatures:
    """What clustering reads of each claim besides its vector, index-aligned with the run's claims: specific
    anchors (``claim_anchors``), event anchors (``event_anchors``) and same-event facts (``claims_facts``).
    Computed once per run (``claim_features``) and handed to the comparison, which reads the same anchors."""

    anchors: list[frozenset[str]]
    events: list[frozenset[tuple[str, str]]]
    facts: list[EventFacts]


def claim_features(claims: list[Claim], *, config: ClusterConfig,
                   share: Callable[[Any], Any] | None = None) -> ClaimFeatures:
    """The ``ClaimFeatures`` of ``claims`` under the cluster settings (``anchor_max_share``, ``counted_chars``,
    ``event_window``, ``event_common_share``). ``share`` (e.g. ``pipeline.ValueSharer.one``) gets each claim's
    anchors, event anchors and facts as soon as they are made and returns what is kept (an equal value): a claim's
    facts are shared before the next claim's are made, so a large run never holds every claim's own copy."""
    keep = share if share is not None else _same
    anchors = [keep(a) for a in claim_anchors(claims, max_share=config.anchor_max_share,
                                              counted_chars=config.counted_chars)]
    events = [keep(e) for e in event_anchors(claims, window=config.event_window)]
    common = common_names(claims, max_share=config.event_common_share)  # as claims_facts, one claim at a time
    facts = with_rivals([keep(event_facts(c, common=common)) for c in claims])
    return ClaimFeatures(anchors=anchors, events=events, facts=[keep(f) if f.rivals else f for f in facts])


def _same(value: Any) -> Any:
    return value


def candidate_threshold(config: ClusterConfig) -> float:
    """The lowest cosine a candidate pair of one clustering pass is read at: ``cluster.link_floor`` (the lowest that
    can still link) or ``cluster.event_context_floor`` (the pairs the different-event rules read), the lower."""
    return min(config.link_floor, config.event_context_floor)


def _candidate_parted(claims: list[Claim], candidates: CandidatePairs, *, facts: list[EventFacts],
                      vectors: "np.ndarray", config: ClusterConfig) -> set[tuple[str, str]]:
    """``stories.story_apart`` with the ``cluster.story_*`` settings: the source pairs told apart as two stories,
    read from the cross-source ``candidates`` at ``cluster.story_clash_floor`` or more (read once per run, for the
    statement and the event-group pass)."""
    code = _source_codes(claims)
    cross = (code[candidates.i] != code[candidates.j]) & (candidates.score >= config.story_clash_floor)
    return story_apart(claims, max_share=config.story_max_share, distance=config.story_distance,
                       min_sources=config.story_min_sources, max_sources=config.story_max_sources,
                       fact_weight=config.story_fact_weight, pairs=candidates.where(cross).index_pairs(),
                       facts=facts, min_clash=config.story_min_clash, min_own=config.story_min_own,
                       vectors=vectors, meaning_weight=config.story_meaning_weight)


def _event_config(config: ClusterConfig) -> ClusterConfig:
    """The config of the event-group pass: links at ``cluster.event_link_threshold``, no event pass of its own."""
    import dataclasses

    return dataclasses.replace(config, link_threshold=config.event_link_threshold, event_link_threshold=0.0)


def _events_pass(config: ClusterConfig) -> ClusterConfig | None:
    """The config of the event-group pass (``assign_events``), None when it is off."""
    if not 0 < config.event_link_threshold < config.link_threshold:
        return None
    return _event_config(config)


def cluster_claims(claims: list[Claim], vectors: "np.ndarray", *, config: ClusterConfig,
                   features: ClaimFeatures | None = None, candidates: CandidatePairs | None = None,
                   workers: int = 1) -> list[Cluster]:
    """Group claims that state the same thing; every claim lands in exactly one cluster (``features``: the
    claims' ``claim_features`` when already computed, e.g. by the pipeline, which hands them on to compare).

    ``candidates``: the claims' candidate pairs (``neighbours.candidate_arrays`` with ``cluster.neighbours``) at a
    threshold no higher than ``candidate_threshold(config)``, when already searched; else they are searched once
    here, at the lower threshold of this pass and of the event-group pass, which gets the same pairs. ``workers``:
    processes that split the linked groups side by side (claimcheck/stages/forked.py; the same clusters)."""
    features = features if features is not None else claim_features(claims, config=config)
    loose = _events_pass(config)
    if candidates is None:
        candidates = search_candidates(vectors, config=config)
    # the source pairs told apart as two stories, read once for both passes: both read the same cross-source
    # candidate pairs at story_clash_floor (above either pass's candidate threshold)
    parted: set[tuple[str, str]] = set()
    if story_extra(loose if loose is not None else config) > 0:
        parted = _candidate_parted(claims, candidates, facts=features.facts, vectors=vectors, config=config)
    # the statement pass in a call of its own, so that none of its pairs is held through the event-group pass
    clusters = _cluster_pass(claims, vectors, config=config, features=features,
                             context=candidates.above(candidate_threshold(config)),
                             parted=parted if story_extra(config) > 0 else set(), workers=workers)
    if loose is not None:
        clusters = assign_events(claims, vectors, clusters, config=config, features=features, candidates=candidates,
                                 parted=parted, workers=workers)
    return clusters


def search_candidates(vectors: "np.ndarray", *, config: ClusterConfig) -> CandidatePairs:
    """The candidate pairs ``cluster_claims`` searches when none are handed in: each claim's ``cluster.neighbours``
    nearest, at the lower threshold of the statement pass and of the event-group pass (which gets the same pairs)."""
    threshold = candidate_threshold(config)
    if _events_pass(config) is not None:
        threshold = min(threshold, event_candidate_threshold(config))
    return candidate_arrays(vectors, k=config.neighbours, threshold=threshold)


def _source_codes(claims: list[Claim]) -> "np.ndarray":
    """One int per claim, equal for claims of one source."""
    import numpy as np

    code: dict[str, int] = {}
    return np.fromiter((code.setdefault(c.source, len(code)) for c in claims), dtype=np.int32, count=len(claims))


def _cluster_pass(claims: list[Claim], vectors: "np.ndarray", *, config: ClusterConfig, features: ClaimFeatures,
                  context: CandidatePairs, parted: set[tuple[str, str]], workers: int = 1) -> list[Cluster]:
    """One clustering pass (``cluster_claims`` without the event groups) over the candidate pairs ``context``
    (cosine >= ``candidate_threshold(config)``); ``parted``: the source pairs told apart as two stories
    (``_candidate_parted``; empty when ``story_extra`` is 0). The pairs stay arrays (``CandidatePairs``)
    throughout; the rules read them one pair at a time."""
    import numpy as np

    anchors, facts = features.anchors, features.facts
    floor = config.link_floor

    def needed(i: int, j: int) -> float:
        return config.link_threshold + (story_extra(config) if parted and _source_pair(claims, i, j) in parted
                                        else 0.0)

    # Only claims of different sources link: a cluster is one statement *across* sources, and a
    # source's own near-repeats (or a fragment of its own sentence) must not pull clusters together.
    code = _source_codes(claims)
    cross = code[context.i] != code[context.j]
    del code
    # sources that tell two different stories of one kind (claimcheck/stages/cluster/stories.py, ``parted``): a
    # link between them needs a link score of ``story_link_threshold``
    near = context.where(cross & (context.score >= floor))
    del cross
    pairs = near.where(np.fromiter(
        (link_score(s, anchors[i], anchors[j], bonus=config.anchor_bonus, max_anchors=config.max_anchors,
                    count_weight=config.count_anchor_weight) >= needed(i, j) for i, j, s in near),
        dtype=bool, count=len(near)))
    del near
    # two claims that cannot be the same event never link (claimcheck/stages/cluster/events.py), nor do two sources
    # that report different events
    apart = different_event_arrays(pairs.i, pairs.j, config=config, facts=facts)
    # sources that restate each other's specific facts report one story: no different-event rule parts them
    story = story_sources(claims, ((i, j) for i, j in pairs.index_pairs() if (i, j) not in apart), anchors,
                          min_links=config.event_story_links)
    apart = {(i, j) for i, j in apart if _source_pair(claims, i, j) not in story}
    other_event: set[tuple[str, str]] = set()
    if config.event_source_margin > 0:
        other_event = different_event_sources(claims, context.above(config.event_context_floor).index_pairs(),
                                              margin=config.event_source_margin, facts=facts)
    del context
    if apart or other_event:
        pairs = pairs.where(np.fromiter(
            ((i, j) not in apart and _source_pair(claims, i, j) not in other_event for i, j in pairs.index_pairs()),
            dtype=bool, count=len(pairs)))
    # event-date links, only between claims the embeddings linked to nothing (see the module docstring)
    linked = np.zeros(len(claims), dtype=bool)
    linked[pairs.i] = True
    linked[pairs.j] = True
    events = features.events
    eligible = {i for i, ev in enumerate(events) if ev and not linked[i]}
    del linked
    forced: dict[tuple[int, int], float] = {}
    if config.event_floor < 1.0 and len(eligible) > 1:
        # just above the threshold: the pair links, and average linkage keeps all of one event's mentions
        value = config.link_threshold + 0.01
        found = event_pairs(claims, vectors, events, eligible, floor=config.event_floor, k=config.neighbours)
        apart = different_event_pairs(claims, [(i, j) for i, j, _ in found], config=config, facts=facts,
                                      same_story=story, similarity=_cosine(vectors))
        added = []
        for i, j, s in found:
            if (i, j) in apart or _source_pair(claims, i, j) in other_event:
                continue
            if parted and _source_pair(claims, i, j) in parted and s < config.event_floor + story_extra(config):
                continue
            forced[(i, j)] = value
            added.append((i, j, s))
        if added:
            pairs = CandidatePairs(np.concatenate([pairs.i, np.array([p[0] for p in added], dtype=np.int32)]),
                                   np.concatenate([pairs.j, np.array([p[1] for p in added], dtype=np.int32)]),
                                   np.concatenate([pairs.score, np.array([p[2] for p in added], dtype=np.float64)]))
        del found, added
    del apart, eligible
    # the event-date links by their first claim, so that each group is handed only its own (a scan of all of them
    # per group grows with the groups times the links)
    forced_at: dict[int, list[int]] = {}
    for i, j in forced:
        forced_at.setdefault(i, []).append(j)

    def forced_in(members: list[int]) -> dict[tuple[int, int], float]:
        inside = set(members)
        return {(i, j): forced[(i, j)] for i in members for j in forced_at.get(i, ()) if j in inside}

    components = _components(len(claims), pairs)
    # the links of each group too large for a dense matrix, for its sparse split
    owner = np.full(len(claims), -1, dtype=np.int64)
    for comp in components:
        if len(comp) > config.max_dense:
            owner[comp] = min(comp)

    # the groups to split on the full scores, in order: each linked group that fits a dense matrix; a larger one is
    # first cut along its strongest links (the sparse split sees only the links), and each piece that fits is split
    # again on the full scores (and the different-event pairs). (True, group): split it; (False, group): as it is
    jobs: list[tuple[bool, list[int]]] = []
    for comp in components:
        comp = sorted(comp)
        if len(comp) <= config.max_dense:
            jobs.append((len(comp) > 2, comp))
            continue
        links = pairs.where(owner[pairs.i] == comp[0])
        jobs += [(2 < len(g) <= config.max_dense, g)
                 for g in _split_sparse(comp, links, vectors, config=config, anchors=anchors, forced=forced)]
        del links

    def clusters_in(job: tuple[bool, list[int]]) -> list[Cluster]:
        dense, group = job
        groups = _split_dense(group, claims, vectors, anchors, config=config, forced=forced_in(group), facts=facts,
                              other_event=other_event, same_story=story, parted=parted) if dense else [group]
        return [c for members in groups for c in _clusters_of(members, claims, vectors, forced_in(members))]

    # each group is split on its own: with ``workers`` > 1 the groups are shared out among forked copies of this
    # process (claimcheck/stages/forked.py), by the size of their dense matrices
    per_group = map_forked(clusters_in, jobs, workers=workers, costs=_split_costs(jobs))
    return sorted((c for group in per_group for c in group), key=lambda c: c.id)


def _split_costs(jobs: list[tuple[bool, list[int]]]) -> list[int]:
    """Each split job's estimated cost for ``map_forked``: a dense split's matrix size, else the group's size."""
    return [len(g) ** 2 if dense else len(g) for dense, g in jobs]


def _clusters_of(members: list[int], claims: list[Claim], vectors: "np.ndarray",
                 forced: dict[tuple[int, int], float]) -> list[Cluster]:
    """The cluster of one group of claim indexes (one per claim when a single source is left), with its
    cross-source similarity and the event-date links inside it."""
    if len({claims[m].source for m in members}) == 1:
        split = [[m] for m in members]  # no cross-source link left: each claim is its own unique
    else:
        split = [members]
    out = []
    for group in split:
        ids = tuple(sorted(claims[m].id for m in group))
        inside = set(group)
        events_in = tuple(sorted(tuple(sorted((claims[i].id, claims[j].id))) for i, j in forced
                                 if i in inside and j in inside))
        out.append(Cluster(id=content_id(*ids), claim_ids=ids,
                           similarity=cross_source_similarity(vectors, group, claims), event_links=events_in))
    return out


def assign_events(claims: list[Claim], vectors: "np.ndarray", clusters: list[Cluster], *,
                  config: ClusterConfig, features: ClaimFeatures | None = None,
                  candidates: CandidatePairs | None = None,
                  parted: set[tuple[str, str]] | None = None, workers: int = 1) -> list[Cluster]:
    """Each cluster's ``event``: the statements about one action or occurrence of a story (``event_groups``: the
    claims grouped again at the looser ``cluster.event_link_threshold``, where two claims that share
    ``cluster.event_shared_words`` words of what happened score ``cluster.event_word_bonus`` more; the same
    different-event and story rules; a cluster is never split). A cluster belongs to the group holding most of its
    claims (ties: the smaller id). The event id is derived from the ids of the clusters in the group, so identical
    input gives identical ids (the comparison drops it from a finding that is the only one of its event).
    ``candidates``: see ``cluster_claims`` (the statement pass's, searched at ``event_candidate_threshold`` or
    lower); ``parted``: the source pairs told apart as two stories when already read (``_candidate_parted``);
    ``workers``: as in ``cluster_claims``."""
    import dataclasses

    features = features if features is not None else claim_features(claims, config=config)
    groups = event_groups(claims, vectors, clusters, config=config, features=features, candidates=candidates,
                          parted=parted, workers=workers)
    group_of = {claims[m].id: k for k, g in enumerate(groups) for m in g}
    members: dict[int, list[Cluster]] = {}
    for c in clusters:
        votes: dict[int, int] = {}
        for cid in c.claim_ids:
            votes[group_of[cid]] = votes.get(group_of[cid], 0) + 1
        best = min(votes, key=lambda g: (-votes[g], g))
        members.setdefault(best, []).append(c)
    out = []
    for group in members.values():
        event = content_id("event", *sorted(c.id for c in group))
        out += [dataclasses.replace(c, event=event) for c in group]
    return sorted(out, key=lambda c: c.id)


def event_candidate_threshold(config: ClusterConfig) -> float:
    """The lowest cosine a candidate pair of the event-group pass (``event_groups``) is read at: the lowest that can
    still link there (its ``link_floor`` less ``cluster.event_word_bonus``) or ``cluster.event_context_floor``."""
    return min(_event_config(config).link_floor - config.event_word_bonus, config.event_context_floor)


def event_groups(claims: list[Claim], vectors: "np.ndarray", clusters: list[Cluster], *, config: ClusterConfig,
                 features: ClaimFeatures, candidates: CandidatePairs | None = None,
                 parted: set[tuple[str, str]] | None = None, workers: int = 1) -> list[list[int]]:
    """Claim indexes grouped by the action or occurrence they report, each cluster whole. A cross-source pair of
    nearest neighbours links at a score of ``cluster.event_link_threshold``: its cosine, the anchor bonus (as
    ``link_score``) and ``cluster.event_word_bonus`` when the two claims share at least
    ``cluster.event_shared_words`` of their ``stories.action_words`` ("checked into rehab" / "checks into a rehab
    clinic"; the story's names do not count). Two sources told apart as two stories need
    ``cluster.story_link_threshold``; a pair that cannot be one event (claimcheck/stages/cluster/events.py) never
    links, unless its sources restate each other's specific facts (``events.story_sources``). Each group of linked
    claims (with the members of its clusters) is split by average linkage on the same score, different events at
    an infinite distance; a group too large for a dense matrix is first cut along its strongest links
    (``_split_sparse``). ``parted``: the source pairs told apart as two stories when already read (``cluster_claims``
    reads them once for both passes), else read here from the candidate pairs. ``workers``: as in ``cluster_claims``."""
    import numpy as np

    n = len(claims)
    if n == 0:
        return []
    tau = config.event_link_threshold
    loose = _event_config(config)
    extra = story_extra(loose)
    anchors, facts = features.anchors, features.facts
    index = {c.id: k for k, c in enumerate(claims)}
    owner = [0] * n
    unique = []
    for k, cl in enumerate(clusters):
        for cid in cl.claim_ids:
            owner[index[cid]] = k
        unique.append(len({claims[index[cid]].source for cid in cl.claim_ids}) == 1)
    floor = loose.link_floor - config.event_word_bonus  # the lowest cosine that can still link here
    threshold = event_candidate_threshold(config)
    context = candidates.above(threshold) if candidates is not None else candidate_arrays(
        vectors, k=config.neighbours, threshold=threshold)
    # with cluster.event_story_cuts, whether the run is one where sources can be told apart as stories
    # (``stories.story_apart``): there a group's loose edges are cut only between sources told apart (``_event_split``)
    n_sources = len({c.source for c in claims})
    storied = config.event_story_cuts and extra > 0 and 0 < config.story_min_sources and \
        2 * config.story_min_sources <= n_sources <= config.story_max_sources
    if extra <= 0:
        parted = set()
    elif parted is None:
        parted = _candidate_parted(claims, context, facts=facts, vectors=vectors, config=config)
    words: dict[int, frozenset[str]] = {}

    def words_of(i: int) -> frozenset[str]:
        if i not in words:
            words[i] = action_words(claims[i])
        return words[i]

    def linked(i: int, j: int, cos: float) -> bool:
        if cos < floor or claims[i].source == claims[j].source:
            return False
        needed = tau + (extra if parted and _source_pair(claims, i, j) in parted else 0.0)
        score = link_score(cos, anchors[i], anchors[j], bonus=config.anchor_bonus, max_anchors=config.max_anchors,
                           count_weight=config.count_anchor_weight)
        # the words are read only where they can decide
        alone = unique[owner[i]] or unique[owner[j]]
        if score < needed <= score + config.event_word_bonus \
                and len(words_of(i) & words_of(j)) >= config.event_shared_words:
            score += config.event_word_bonus
        elif alone and needed <= score < needed + config.event_unique_penalty and not words_of(i) & words_of(j):
            score -= config.event_unique_penalty
        return score >= needed

    # the links stay arrays (``CandidatePairs``), as in the statement pass: a Python tuple per link held through
    # the dense splits was most of this pass's memory in a large run (benchmarks/cluster_memory.py)
    links = context.where(np.fromiter((linked(i, j, cos) for i, j, cos in context), dtype=bool, count=len(context)))
    del context
    words.clear()
    apart = different_event_arrays(links.i, links.j, config=config, facts=facts)
    story = story_sources(claims, ((i, j) for i, j in links.index_pairs() if (i, j) not in apart), anchors,
                          min_links=config.event_story_links)
    if apart:
        links = links.where(np.fromiter(((i, j) not in apart or _source_pair(claims, i, j) in story
                                         for i, j in links.index_pairs()), dtype=bool, count=len(links)))
    del apart
    sets = DisjointSets(n)
    for i, j in links.index_pairs():
        sets.union(i, j)
    for cl in clusters:
        first = index[cl.claim_ids[0]]
        for cid in cl.claim_ids[1:]:
            sets.union(first, index[cid])

    # the groups to split, in order (as in the statement pass): (True, group) to split, (False, group) as it is
    jobs: list[tuple[bool, list[int]]] = []
    for comp in sets.groups():
        pieces = _split_sparse(comp, links, vectors, config=loose, anchors=anchors) if len(comp) > config.max_dense \
            else [comp]
        jobs += [(len(piece) > 2, piece) for piece in pieces]

    def split(job: tuple[bool, list[int]]) -> list[list[int]]:
        dense, piece = job
        return _event_split(piece, claims, vectors, owner, unique, anchors, facts, config=config, parted=parted,
                            extra=extra, same_story=story, storied=storied) if dense else [piece]

    # as in the statement pass, the groups are split on their own, by ``workers`` processes (``map_forked``)
    per_group = map_forked(split, jobs, workers=workers, costs=_split_costs(jobs))
    return [g for gs in per_group for g in gs]


def _event_split(comp: list[int], claims: list[Claim], vectors: "np.ndarray", owner: list[int], unique: list[bool],
                 anchors: list[frozenset[str]], facts: list[EventFacts], *, config: ClusterConfig,
                 parted: set[tuple[str, str]], extra: float,
                 same_story: SameStory, storied: bool = False) -> list[list[int]]:
    """Average linkage of one linked group at ``cluster.event_link_threshold`` on the ``event_groups`` score
    (cosine, anchor bonus, shared action words, the penalty of a single-source statement that shares none; ``owner``:
    each claim's cluster, ``unique``: per cluster, whether one source states it); claims of one cluster at distance
    0, of one source neutral, of two parted sources ``extra`` further, of two different events apart. A group is
    then cut at its loose edge (``_split_gaps``), in a ``storied`` run (``cluster.event_story_cuts`` on and a run
    large enough for story groups) only when two of its sources are ``parted``."""
    import numpy as np

    tau = config.event_link_threshold
    sub = vectors[comp]
    score = (sub @ sub.T).astype(np.float32)
    near = np.triu(score >= config.event_context_floor, 1)
    if config.anchor_bonus > 0:
        shared = _shared_bonus([anchors[i] for i in comp], config=config, bonus=config.anchor_bonus)
        if shared is not None:
            score += shared
    if config.event_word_bonus > 0:
        shared = _shared_bonus([action_words(claims[i]) for i in comp], config=config)
        if shared is not None:
            score += config.event_word_bonus * (shared >= config.event_shared_words)
            if config.event_unique_penalty > 0:
                # a statement of one source joins an action's group only when it names the action: sharing no
                # action word, its pairs score event_unique_penalty less
                alone = np.array([unique[owner[i]] for i in comp])
                score -= config.event_unique_penalty * ((shared < 1) & (alone[:, None] | alone[None, :]))
    shared = None
    dist = np.clip(1.0 - score, 0.0, None)
    del score
    src = np.array([claims[i].source for i in comp])
    own = np.array([owner[i] for i in comp])
    same_source = src[:, None] == src[None, :]
    dist[same_source] = 1.0 - tau  # neither pulls together nor pushes apart
    _part_stories(dist, src, parted, extra=extra)
    near &= ~same_source & (own[:, None] != own[None, :])
    _keep_apart(dist, comp, claims, near, facts=facts, config=config, same_story=same_story, vectors=vectors)
    del near
    dist[own[:, None] == own[None, :]] = 0.0  # a cluster is one statement: never split
    labels = _average_linkage_labels(dist, threshold=1.0 - tau)
    if config.split_gap <= 0 or config.split_min_size > len(comp):
        return _labels_to_groups(comp, labels)
    # two actions joined at their loose edge are cut apart as in the statement pass (``_split_gaps``); in a run large
    # enough for story groups only a group whose sources include two told apart as two stories (``parted``): inside
    # one story, the statements about one action are what a group gathers, and a loose edge between them is no
    # evidence of another event (cluster.event_story_cuts: ECB+ train precision +0.005, recall +0.04; dev precision -0.04, recall +0.04)
    _, src_code = np.unique(src, return_inverse=True)
    groups: list[list[int]] = []
    for group in _labels_to_groups(list(range(len(comp))), labels):
        if storied and not _has_parted(sorted(set(src[group].tolist())), parted):
            groups.append(group)
            continue
        groups += _split_gaps(group, dist, src_code, gap=config.split_gap, min_size=config.split_min_size,
                              facts=[facts[c] for c in comp], evidence=config.split_evidence)
    return [[comp[k] for k in g] for g in groups]


def _has_parted(sources: list[str], parted: set[tuple[str, str]]) -> bool:
    """Whether two of the sorted ``sources`` are a pair of ``parted`` (sorted source pairs told apart as two
    stories)."""
    if not parted:
        return False
    return any((a, b) in parted for k, a in enumerate(sources) for b in sources[k + 1:])
