"""Which sources tell which story: document-level evidence that two groups of outlets report two different
events of one kind (two earthquakes, two coaches fired by one team, two hosts named for one show).

Each source is reduced to the specific words of its claims: the words of its names, its counted and ordinal
values, its month- or day-precise dates, its weekdays and its content words. A word that only one source uses says
nothing about stories, and one that most sources use is the run's topic (``cluster.story_max_share``); the rest
are weighted by how few sources use them (idf, a fact ``cluster.story_fact_weight`` times a content word) and each
source becomes a unit vector. Sources are grouped by average linkage (cut at ``cluster.story_distance``) on the
cosine of these vectors, mixed with the cosine of the sources' mean claim vectors centred on the run's mean
(``cluster.story_meaning_weight``): outlets on one event restate its particular names, numbers and words, outlets
on another event of the same kind restate others.

Two sources are told apart (``story_apart``) only when

- both stand in a group of at least ``cluster.story_min_sources`` sources: one outlet that tells a story no other
  outlet tells is no evidence of two stories, and a run of two articles or of a handful is never parted;
- each group has ``cluster.story_min_own`` words of its own (one changed town is a conflict, not another story);
- and the similar claims across the two groups (cosine >= ``cluster.story_clash_floor``) do not share more
  event-fact kinds (``events.fact_agreement``) than they differ in (``cluster.story_min_clash`` per pair): two
  groups of outlets on one story, each with its own quotes, still state its place, people and numbers alike.

The cluster stage then asks a link score of ``cluster.story_link_threshold`` of a link between two sources told
apart, in the statement and in the event-group pass; it never forbids it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.models import Claim
from claimcheck.stages.cluster.events import EventFacts, fact_agreement

if TYPE_CHECKING:
    import numpy as np

_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"}
_WORD = re.compile(r"[a-z][a-z'-]+")
_NAME_WORD = re.compile(r"[a-z0-9]+")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")


# scikit-learn's ENGLISH_STOP_WORDS (sklearn/feature_extraction/_stop_words.py, 318 words; the Glasgow Information
# Retrieval Group's list), copied here: importing it from sklearn.feature_extraction.text cost ~52 MB of RSS at import
# (scipy.sparse and the rest of the text module; benchmarks/memory.py) for one set of words. The same set, so event
# groups are unchanged: tests/test_cluster_stop_words.py checks it against scikit-learn's.
_ENGLISH_STOP_WORDS = frozenset("""
a about above across after afterwards again against all almost alone along already also although always am among
amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be
became because become becomes becoming been before beforehand behind being below beside besides between beyond
bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during
each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
except few fifteen fifty fill find fire first five for former formerly forty found four from front full further
get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his
how however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less
ltd made many may me meanwhile might mill mine more moreover most mostly move much must my myself name namely
neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re same
see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow
someone something sometime sometimes somewhere still such system take ten than that the their them themselves
then thence there thereafter thereby therefore therein thereupon these they thick thin third this those though
three through throughout thru thus to together too top toward towards twelve twenty two un under until up upon
us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without would
yet you your yours yourself yourselves
""".split())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return _ENGLISH_STOP_WORDS | {"said", "says", "told", "year", "years"}


def claim_story_words(claim: Claim, *, stop: frozenset[str]) -> set[str]:
    """The specific words of one claim: name words ("n:cheeks"), values with a unit or of an ordinal, age or score
    kind ("q:ordinal:2"), month- or day-precise dates ("d:2008-12"), weekdays ("w:saturday") and content words
    of more than three letters ("t:host")."""
    s = claim.slots
    out = {f"n:{w}" for e in s.entities if e.label in _NAME_LABELS
           for w in _NAME_WORD.findall(e.key.lower()) if len(w) > 2 and w not in stop}
    out |= {f"q:{n.kind}:{n.value:g}" for n in s.numbers if n.unit or n.kind in ("ordinal", "age", "score")}
    out |= {f"d:{d.value}" for d in s.dates if d.granularity != "year" and not d.value.startswith("X")}
    text = claim.text.lower()
    out |= {f"w:{w}" for w in _WEEKDAY.findall(text)}
    # a content word that is also a name word counts once (as the name)
    out |= {f"t:{w}" for w in _WORD.findall(text) if len(w) > 3 and w not in stop}
    return out


def source_words(claims: list[Claim]) -> dict[str, set[str]]:
    """Each source's ``claim_story_words`` over all its claims."""
    stop = _stop_words()
    words: dict[str, set[str]] = {}
    for c in claims:
        words.setdefault(c.source, set()).update(claim_story_words(c, stop=stop))
    return words


def source_vectors(words: dict[str, set[str]], *, max_share: float,
                   fact_weight: float = 1.0) -> tuple[list[str], "np.ndarray"]:
    """Sorted source names and one unit row per source: the idf weights of its specific words
    (``source_words``) that at least two and at most ``max_share`` of the sources use, a fact (a name,
    value, date or weekday; not a content word) weighing ``fact_weight`` times as much in a dot product (a zero
    row when it has none)."""
    import numpy as np

    sources = sorted(words)
    n = len(sources)
    df: dict[str, int] = {}
    for s in sources:
        for w in words[s]:
            df[w] = df.get(w, 0) + 1
    vocab = {w: k for k, w in enumerate(sorted(w for w, d in df.items() if 2 <= d <= max_share * n))}
    mat = np.zeros((n, len(vocab)), dtype=np.float64)
    for r, s in enumerate(sources):
        cols = [vocab[w] for w in words[s] if w in vocab]
        mat[r, cols] = [math.log(n / df[w]) * (1.0 if w.startswith("t:") else math.sqrt(fact_weight))
                        for w in words[s] if w in vocab]
    norms = np.linalg.norm(mat, axis=1)
    norms[norms == 0] = 1.0
    return sources, mat / norms[:, None]


def story_groups(words: dict[str, set[str]], *, max_share: float, distance: float, fact_weight: float = 1.0,
                 meaning: dict[str, "np.ndarray"] | None = None, meaning_weight: float = 0.0) -> dict[str, int]:
    """Each source's story group (numbered by the group's first source): average linkage of the sources'
    ``source_vectors`` (of their ``source_words``) on cosine distance, cut at ``distance``. With ``meaning``
    (each source's mean claim vector) the similarity is ``meaning_weight`` parts the cosine of those vectors
    centred on the run's mean (what sets a source apart from the run's topic; negative cosines count 0) and the
    rest the words' cosine."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sources, mat = source_vectors(words, max_share=max_share, fact_weight=fact_weight)
    if len(sources) < 2:
        return {s: 0 for s in sources}
    sim = mat @ mat.T
    if meaning is not None and meaning_weight > 0:
        dv = np.array([meaning[s] for s in sources], dtype=np.float64)
        dv -= dv.mean(axis=0)
        norms = np.linalg.norm(dv, axis=1)
        norms[norms == 0] = 1.0
        dv /= norms[:, None]
        sim = (1.0 - meaning_weight) * sim + meaning_weight * np.clip(dv @ dv.T, 0.0, 1.0)
    dist = np.clip(1.0 - sim, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), distance, criterion="distance")
    first: dict[int, int] = {}
    for k, lab in enumerate(labels.tolist()):
        first.setdefault(lab, k)
    return {s: first[lab] for s, lab in zip(sources, labels.tolist())}


def story_apart(claims: list[Claim], *, max_share: float, distance: float, min_sources: int,
                max_sources: int, fact_weight: float = 1.0, pairs: Iterable[tuple[int, int]] = (),
                facts: list[EventFacts] | None = None, min_clash: float = -1.0,
                min_own: int = 0, vectors: "np.ndarray | None" = None,
                meaning_weight: float = 0.0) -> set[tuple[str, str]]:
    """Sorted source pairs in different ``story_groups`` that each hold at least ``min_sources`` sources (none
    when the run has more than ``max_sources`` sources or ``min_sources`` is 0) and whose facts do not tie them
    together: over the claim ``pairs`` (similar claims) across the two groups, the event-fact kinds they differ in
    (``events.fact_agreement``) less those they share, per pair, is at least ``min_clash``. Two groups of outlets
    on one story that each restate their own details still state its place, people and numbers alike; two
    events of one kind do not. Each of the two groups must also have at least ``min_own`` words of its own (used
    by two or more of its sources and by none of the other group): one changed town is a conflict to report, not
    another story. ``vectors`` (one row per claim) and ``meaning_weight``: see ``story_groups``."""
    n = len({c.source for c in claims})
    if min_sources <= 0 or n < 2 * min_sources or n > max_sources:
        return set()
    words = source_words(claims)
    meaning = None
    if vectors is not None and meaning_weight > 0:
        rows: dict[str, list[int]] = {}
        for k, c in enumerate(claims):
            rows.setdefault(c.source, []).append(k)
        meaning = {s: vectors[r].astype("float64").mean(axis=0) for s, r in rows.items()}
    groups = story_groups(words, max_share=max_share, distance=distance, fact_weight=fact_weight, meaning=meaning,
                          meaning_weight=meaning_weight)
    size: dict[int, int] = {}
    for g in groups.values():
        size[g] = size.get(g, 0) + 1
    big = sorted(s for s, g in groups.items() if size[g] >= min_sources)
    df: dict[int, dict[str, int]] = {}
    for s in big:
        counts = df.setdefault(groups[s], {})
        for w in words[s]:
            counts[w] = counts.get(w, 0) + 1

    def own(a: int, b: int) -> int:
        return sum(1 for w, k in df[a].items() if k >= 2 and df[b].get(w, 0) < 2)

    if facts is not None:
        score: dict[tuple[int, int], list[int]] = {}
        for i, j in pairs:
            a, b = groups[claims[i].source], groups[claims[j].source]
            if a != b and size[a] >= min_sources and size[b] >= min_sources:
                agreement = fact_agreement(facts[i], facts[j])
                tally = score.setdefault((min(a, b), max(a, b)), [0, 0])
                tally[0] += sum(1 if v == 0 else -1 for v in agreement.values())
                tally[1] += 1
        tied = {k for k, (v, m) in score.items() if v < min_clash * m}
    else:
        tied = set()
    apart = {(x, y) for x in df for y in df if x < y and (x, y) not in tied
             and own(x, y) >= min_own and own(y, x) >= min_own}
    return {(a, b) for k, a in enumerate(big) for b in big[k + 1:]
            if (min(groups[a], groups[b]), max(groups[a], groups[b])) in apart}


_ACTION_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def action_words(claim: Claim, *, stop: frozenset[str] | None = None) -> frozenset[str]:
    """The content words of a claim that say what happened, as stems (``descriptions.stem``: "checked" / "checks"
    -> "check"): words of more than three letters that are neither stop words nor words of the claim's names.
    Two statements that share two of them ("struck", "quake"; "checked", "rehab") most often report one action;
    two statements of one story about different actions ("the quake struck" / "rescuers searched") share its names
    but few such words."""
    from claimcheck.stages.extract.descriptions import stem

    stop = stop if stop is not None else _stop_words()
    names = {w.lower() for e in claim.slots.entities for w in _ACTION_WORD.findall(e.text)}
    return frozenset(stem(w) for w in (x.lower() for x in _ACTION_WORD.findall(claim.text))
                     if len(w) > 3 and w not in stop and w not in names)
