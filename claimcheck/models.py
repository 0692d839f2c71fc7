"""The data that flows through the pipeline: Article -> Claim -> Cluster -> Finding -> RunResult.

Every identifier is content-derived (a hash of the source id and the normalised text),
never a list position, so the same input always gives the same ids.

Every model is a frozen dataclass with ``__slots__``: a run of 10,000 articles holds millions of instances (claims,
their slots, the findings' pairs, conflicts, sides and spans), and an instance with slots is ~48 bytes smaller than
one with a ``__dict__`` (Python 3.11, six fields; benchmarks/memory.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Verdict = Literal["agree", "diverge", "unique"]
ReasonKind = Literal["date", "number", "entity", "negation", "attribution", "nli", "other"]
VERDICTS: tuple[Verdict, ...] = ("diverge", "agree", "unique")  # the order reports list findings in
# ``--fail-on`` / ``check.fail_on``: the lowest verdict that makes ``check`` (and ``compare --fail-on``) exit 1
FAIL_ON: tuple[str, ...] = ("diverge", "unique", "none")

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


def normalise_text(text: str) -> str:
    """Canonical form used for ids and de-duplication: NFKC, folded quotes, case and spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def text_without(text: str, start: int, end: int, gaps: Iterable[tuple[int, int]]) -> str:
    """``text[start:end]`` with the (sorted, disjoint) ranges ``gaps`` left out (``Claim.stated``, the extraction's
    cut of a clause out of the middle of a sentence)."""
    out, pos = [], start
    for gs, ge in gaps:
        out.append(text[pos:gs])
        pos = ge
    out.append(text[pos:end])
    return "".join(out)


def content_id(*parts: str, length: int = 12) -> str:
    """A short, stable hex id from the given strings (sha256 of their NUL-joined form)."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``text`` is the whole decoded file; spans index into it."""

    id: str
    path: str
    text: str
    body_start: int = 0
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    published_origin: str = "none"  # front-matter | cli | html-meta | inferred | none
    url: str | None = None
    extracted_from: str | None = None  # e.g. "html": spans index the extracted text, not the file
    language: str | None = None  # detected language of the body (stages/load.detect_language); None: not detected
    published_at: str | None = None  # UTC publication time (YYYY-MM-DDTHH:MM) when the metadata gives a time


@dataclass(frozen=True, slots=True)
class DateSlot:
    """A date mentioned in a claim, normalised to ISO at its granularity."""

    text: str
    start: int
    end: int
    value: str  # "2018-06-12", "2018-06" or "2018"
    granularity: Literal["day", "month", "year"]
    relative: bool = False
    anchor: str | None = None  # the publication date a relative date was resolved against
    earliest: str | None = None  # first day the mention covers (YYYY-MM-DD), when known
    latest: str | None = None  # last day it covers
    resolution: str | None = None  # how a relative date was resolved ("last June: the June before 2019-01")


@dataclass(frozen=True, slots=True)
class NumberSlot:
    """A number or quantity mentioned in a claim, with its unit when there is one."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None  # e.g. "troops", "minute", "percent", "usd", "year-old"
    kind: str = "count"  # count | percent | money | age | duration | ordinal | measure | score
    approximate: bool = False  # "about", "nearly", "more than", "dozens of"
    role: str | None = None  # what happened to what it counts: dead | injured | missing | displaced | arrested | ...
    noun: str | None = None  # what it counts, folded ("people" / "persons" / "deaths" -> "person"; "miles" -> "mile")


@dataclass(frozen=True, slots=True)
class EntitySlot:
    """A named entity in a claim; ``key`` folds simple aliases ("U.S." and "US")."""

    text: str
    start: int
    end: int
    label: str  # PERSON, GPE, ORG, NORP, LOC, EVENT, ...
    key: str
    role: str | None = None  # the frame it fills: "port of" ("near the port of X"), "city of", or its preposition


@dataclass(frozen=True, slots=True)
class Slots:
    """The typed facts of a claim that the comparison can point at."""

    dates: tuple[DateSlot, ...] = ()
    numbers: tuple[NumberSlot, ...] = ()
    entities: tuple[EntitySlot, ...] = ()
    negated: bool = False
    hedged: bool = False
    attribution: str | None = None  # who is said to have said it ("Trump", "state media")
    quoted: bool = False
    negation_cue: str | None = None  # the word that negates ("not", "never", "no")
    hedge_cue: str | None = None  # the word that hedges ("could", "likely")
    # noun -> its descriptions in this claim ((word, comparison key, quoted), ...), from the extraction parse
    # (claimcheck/stages/extract/descriptions.py); None when not computed (a hand-built claim: framing parses it then)
    described: tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...] | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement of one source, located by char offsets into ``Article.text``."""

    id: str
    source: str
    text: str
    start: int
    end: int
    slots: Slots = field(default_factory=Slots)
    occurrences: tuple[tuple[int, int], ...] = ()  # every span it occurred at (repeats folded)
    kind: str = "sentence"  # sentence | headline | caption | quote | fragment
    # char ranges of ``Article.text`` inside [start, end) that the claim does not state: a clause set off in the
    # middle of the sentence ("X, which employs 450 people, said ...") that is a claim of its own; its slots,
    # negation and embedding leave them out (``stated``), while ``text`` stays the exact slice
    gaps: tuple[tuple[int, int], ...] = ()

    @property
    def stated(self) -> str:
        """What the claim states: ``text`` without its ``gaps`` ("X said ..." of "X, which ..., said ...")."""
        if not self.gaps:
            return self.text
        return text_without(self.text, 0, len(self.text),
                            [(gs - self.start, ge - self.start) for gs, ge in self.gaps])


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a cluster diverges: the kind of conflict and both values in words."""

    kind: ReasonKind
    detail: str
    values: tuple[tuple[str, str], ...] = ()  # (source, value) pairs when meaningful


@dataclass(frozen=True, slots=True)
class ValueSpan:
    """Where one claim states a conflicting value: char offsets into its article's text and the words there."""

    claim_id: str
    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a conflict and every source (and claim span) that states it."""

    value: str
    sources: tuple[str, ...]  # sorted, distinct
    spans: tuple[ValueSpan, ...]  # sorted by source, start


@dataclass(frozen=True, slots=True)
class TimePoint:
    """One step of a conflict's timeline: the sources published on one date that state one value."""

    published: str | None  # the sources' publication (YYYY-MM-DD, or UTC YYYY-MM-DDTHH:MM); None: undated, last
    value: str
    sources: tuple[str, ...]  # sorted, distinct


@dataclass(frozen=True, slots=True)
class Change:
    """A conflict whose values change once over time (claimcheck/stages/compare/timeline.py): every source stating
    ``from_value`` was published on or before ``until``, every source stating ``to_value`` on or after ``since``."""

    from_value: str
    to_value: str
    until: str  # the last publication date (or UTC YYYY-MM-DDTHH:MM when timed) of the old value
    since: str  # the first publication of the new value (strictly after ``until``)


@dataclass(frozen=True, slots=True)
class Conflict:
    """One typed conflict: two or more claims give different values for the same thing.

    Between two claims (``Pair.conflicts``) it has two sides; in a finding (``Finding.conflicts``) every source
    whose claim states a value of the same ``subject`` stands on its side, and with three or more sources a
    strict ``majority`` value and its ``outliers`` are named.
    """

    id: str  # content-derived: kind, subject and the sides' values and claims
    kind: ReasonKind
    rule: str  # the rule that found it: date, number, ordinal, weekday, season, part-of-day, entity, attribution,
    #            negation, inserted-negation, opposites, nli, template
    subject: str  # what the values are values of: "date", "number:count:people", "entity:place", "polarity", ...
    detail: str  # the headline in words: "2019-02 vs 2019-03"
    sides: tuple[Side, ...]  # sorted: most sources first, then by value
    majority: str | None = None
    outliers: tuple[str, ...] = ()
    timeline: tuple[TimePoint, ...] = ()  # the sides in publication order; empty when no source is dated
    changed: Change | None = None  # set when the conflict is a likely update (stages/timeline.py)

    @property
    def likely_update(self) -> bool:
        """Whether the values change once over time and every later source states the new value."""
        return self.changed is not None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source that stands on a side, sorted."""
        return tuple(sorted({s for side in self.sides for s in side.sources}))


@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims of different sources that were compared: similarity, what links them, every conflict."""

    a: str  # claim ids, a < b
    b: str
    similarity: float
    conflicts: tuple[Conflict, ...] = ()
    shared: tuple[str, ...] = ()  # anchors both pin down ("date 2019-02", "name singapore")
    link: str | None = None  # "event" when joined by an event-date link rather than by the embeddings


@dataclass(frozen=True, slots=True)
class Description:
    """How the sources of one finding describe a noun they share (framing, never a conflict)."""

    noun: str  # singular, lower case ("letter")
    by_source: tuple[tuple[str, tuple[str, ...]], ...]  # (source, sorted words) per source, sorted by source


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims that state the same thing, across one or more sources."""

    id: str
    claim_ids: tuple[str, ...]
    similarity: float  # mean pairwise cosine similarity within the cluster (1.0 for singletons)
    event_links: tuple[tuple[str, str], ...] = ()  # claim-id pairs joined by an event-date link (sorted ids)
    event: str | None = None  # id of the event group (same event, looser link: clusters.assign_events)


@dataclass(frozen=True, slots=True)
class Finding:
    """One statement across sources: its verdict, every conflict among its claims, and the evidence."""

    id: str
    verdict: Verdict
    similarity: float
    claims: tuple[Claim, ...]
    reason: Reason | None = None  # the headline conflict (one of ``conflicts``) in words
    sides: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (value, sources) of the headline conflict
    pairs: tuple[Pair, ...] = ()  # per claim pair evidence
    conflicts: tuple[Conflict, ...] = ()  # every distinct conflict among the claims (empty unless diverge)
    related: tuple[str, ...] = ()  # ids of other findings about the same story or event (shared link evidence)
    event: str | None = None  # id of the event group its statement belongs to (shared by findings of one event)
    descriptions: tuple[Description, ...] = ()  # nouns the sources describe differently (stages/framing.py)

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources whose claims this finding holds, sorted."""
        return tuple(sorted({c.source for c in self.claims}))


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything a report needs: config in force, sources, claims and findings."""

    config: dict
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    model_id: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dropped:
    """A body line that is not a claim, and the rule that dropped it."""

    text: str
    start: int
    end: int
    rule: str  # footer | teaser | byline | caption | heading | bullet | headline | short | too-long


@dataclass(frozen=True, slots=True)
class Extraction:
    """One article's claims and the lines its boilerplate rules dropped."""

    article: Article
    claims: tuple[Claim, ...]
    dropped: tuple[Dropped, ...]


# The check command's issues: built by claimcheck.check, read by the SARIF, JUnit, GitHub and text reporters.
FINGERPRINT_KEY = "claimcheck/v1"  # the SARIF partialFingerprints key of an issue's content fingerprint


@dataclass(frozen=True, slots=True)
class Other:
    """A corpus claim an issue is about."""

    source: str
    path: str
    claim_id: str
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Issue:
    """One located problem in a new article."""

    fingerprint: str
    code: str
    rule: str
    kind: str  # reason kind, or "unique"
    verdict: str  # diverge | unique
    level: str  # error (counts toward --fail-on) | warning
    source: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    excerpt: str  # the text at [start, end): the conflicting words
    claim_id: str
    claim_text: str
    finding_id: str
    message: str
    detail: str | None = None
    others: tuple[Other, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, keys in a fixed order."""
        out = asdict(self)
        out["others"] = [asdict(o) for o in self.others]
        return out
