"""Values that exclude each other, for claims the slot rules leave alone: weekdays, seasons and parts of the
day a claim names without a resolvable date ("held on Monday" / "held on Tuesday"; "in the spring" / "in the
autumn"), ordinals of the same thing ("the second summit" / "the third summit", "her first visit" / "her second
official visit") and different names in the same frame ("near the port of Hodeidah" / "near the port of Mokha").
Months and numbers are slots already (claimcheck/stages/extract/dates.py, numbers.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from claimcheck.models import Claim, EntitySlot, Finding, NumberSlot, Reason, text_without
from claimcheck.stages.cluster.clusters import classes_match, event_nouns
from claimcheck.stages.cluster.sets import DisjointSets
from claimcheck.stages.extract.dates import WEEKDAYS, TimeOfDay, dates_match, find_times, times_of_day
from claimcheck.stages.compare.memo import by_claim
from claimcheck.stages.compare.opposites import antonym_pair, base_forms, words
from claimcheck.stages.extract.lexicon import DENIAL, FUNCTION_WORDS, NEGATION_CUES, REPORTING_WORDS
from claimcheck.stages.extract.names import LABEL_GROUP, entities_match
from claimcheck.stages.extract.numbers import (ORDINAL_PATTERN, ZeroCount, approximate_before, counted_noun, ordinal_value,
                                               role_phrase_end, singular, values_close, words_to_number,
                                               zero_counts)

_SCALES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weekday", re.compile(r"\b(" + "|".join(WEEKDAYS) + r")s?\b", re.IGNORECASE)),
    # a season or part of the day only after a preposition or determiner: "spring" / "fall" are verbs too
    ("season", re.compile(r"\b(?:in|this|last|next|during|by|until|early|late|mid-?)\s+(?:the\s+)?"
                          r"(spring|summer|autumn|fall|winter)\b", re.IGNORECASE)),
    ("part of day", re.compile(r"\b(?:in|on|during|this|that|late|early|by|until)\s+(?:the\s+)?"
                               r"(morning|afternoon|evening|night)\b", re.IGNORECASE)),
)
_SAME = {"fall": "autumn"}


@lru_cache(maxsize=1 << 16)
def _values(pattern: re.Pattern[str], text: str) -> frozenset[str]:
    """The scale's values a text names (cached: a claim is compared with many others; read-only)."""
    out = set()
    times = None  # read only for a text that names a value of the scale (most name none): ~2 s sampled of a ~61 s run
    for m in pattern.finditer(text):
        if times is None:
            times = find_times(text)  # "(2248 GMT Monday)": the weekday of a time-zone restatement is one moment
        if any(s <= m.start() and m.end() <= e for s, e in times):
            continue
        word = m.group(1).lower()
        out.add(_SAME.get(word, word))
    return frozenset(out)


def scale_conflict(a: Claim, b: Claim) -> Reason | None:
    """A weekday, season or part of the day on each side that the other side lacks (reason kind ``date``), in what
    each claim states (``Claim.stated``: not a clause cut out of it). Weekdays count only when not both claims carry
    a day-precise date: resolved days are the date rule's."""
    day_a, values_a = _scale_values(a)
    day_b, values_b = _scale_values(b)
    for (name, _), va, vb in zip(_SCALES, values_a, values_b):
        if name == "weekday" and day_a and day_b:
            continue
        if va and vb and va - vb and vb - va:
            x, y = sorted(va - vb)[0], sorted(vb - va)[0]
            return Reason(kind="date", detail=f"{x} vs {y} ({name})", values=((a.source, x), (b.source, y)))
    return None


@by_claim(1 << 14)  # a claim's own part of ``scale_conflict``, read once per claim rather than once per pair
def _scale_values(c: Claim) -> tuple[bool, tuple[frozenset[str], ...]]:
    """Whether the claim carries a day-precise date, and the values of each of ``_SCALES`` it states."""
    stated = c.stated
    return any(d.granularity == "day" for d in c.slots.dates), tuple(_values(pattern, stated) for _, pattern in _SCALES)


# a clause set off by a comma that tells of another moment than the sentence's own: "The fire, which began Saturday
# near a campground, was 10 percent contained" (the weekday is the start's, not the containment's)
_SIDE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose|where|when|after|before|since|while|until|as)\b[^,;]*$",
                          re.IGNORECASE)


def another_moment(text: str, start: int, end: int) -> bool:
    """Whether the weekday or time at [start, end) of a claim's text may be another moment's than the one the claim
    is about: in a clause set off by a comma that opens with a relative or time word (", which began Saturday",
    ", after the fire broke out on Friday"), or a possessive naming another thing ("will play in Sunday's game",
    "the winner of Friday's semifinal")."""
    return _SIDE_CLAUSE.search(text[:start]) is not None or re.match(r"['’]s\b", text[end:]) is not None


def _same_time(x: TimeOfDay, y: TimeOfDay, tolerance: int) -> bool:
    """Whether two times of one zone can be the same moment: ``tolerance`` minutes apart at most, on the 12-hour
    clock when either may be a.m. or p.m. ("7:48" / "7:48 p.m.")."""
    day = 720 if x.either_half or y.either_half else 1440
    gap = abs(x.minutes - y.minutes) % day
    return min(gap, day - gap) <= tolerance


def time_conflict(a: Claim, b: Claim, *, tolerance: int) -> Reason | None:
    """A time of day on each side that no time of the same zone on the other side matches (kind ``date``): "the
    blast happened at about 6:40 a.m." / "at about 7:15 a.m.". Times in different zones are never compared ("7:48
    a.m." / "2248 GMT" can be one moment), so a time-zone restatement on one side is no conflict. ``tolerance``
    (minutes) applies when either time is approximate ("about 6:40" / "6:50"); exact times must be equal."""
    sa, sb = a.stated, b.stated  # what each claim states, not a clause cut out of it
    ta, tb = times_of_day(sa), times_of_day(sb)
    for zone in sorted({t.zone for t in ta} & {t.zone for t in tb}):
        xs, ys = [t for t in ta if t.zone == zone], [t for t in tb if t.zone == zone]

        def close(x: TimeOfDay, y: TimeOfDay) -> bool:
            loose = approximate_before(sa, x.start) or approximate_before(sb, y.start)
            return _same_time(x, y, tolerance if loose else 0)

        only_a = [x for x in xs if not any(close(x, y) for y in ys)]
        only_b = [y for y in ys if not any(close(x, y) for x in xs)]
        if only_a and only_b:
            va, vb = sa[only_a[0].start:only_a[0].end], sb[only_b[0].start:only_b[0].end]
            return Reason(kind="date", detail=f"{va} vs {vb} (time of day)", values=((a.source, va), (b.source, vb)))
    return None


def _ordinals(c: Claim) -> dict[str, dict[int, str]]:
    """unit -> {ordinal value: its words in the claim} ("summit" -> {2: "second summit"})."""
    out: dict[str, dict[int, str]] = {}
    for n in c.slots.numbers:
        if n.kind == "ordinal" and n.unit:
            out.setdefault(n.noun or counted_noun(n.unit) or n.unit.lower(), {}).setdefault(int(n.value), n.text)
    return out


def ordinal_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different ordinal of the same thing on each side ("second summit" / "third summit"; kind ``number``)."""
    oa, ob = _ordinals(a), _ordinals(b)
    for unit in sorted(set(oa) & set(ob)):
        xa, xb = set(oa[unit]) - set(ob[unit]), set(ob[unit]) - set(oa[unit])
        if xa and xb:
            va, vb = oa[unit][min(xa)], ob[unit][min(xb)]
            return Reason(kind="number", detail=f"{va} vs {vb}", values=((a.source, va), (b.source, vb)))
    return None


# "for the first time", "for the 3rd time": which time a thing happens, an idiom extraction keeps out of the ordinal
# slots ("for the first time in years" says it is new, not which occurrence of a counted thing it is)
_NTH_TIME = re.compile(rf"\bfor\s+the\s+({ORDINAL_PATTERN})(?:-ever)?\s+(?:straight\s+|consecutive\s+)?time\b",
                       re.IGNORECASE)


def nth_time_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different "for the N-th time" on each side ("reach the final for the first time since 1998" / "for the
    second time since 1998"; kind ``number``), compared by value (the ordinals of
    claimcheck/stages/extract/numbers.py: "first" and "1st" are one occurrence). Gated like any exclusive value: the
    rest of the two sentences must match, so "won for the first time" / "reached the final for the second time" is
    no conflict."""
    va, vb = _nth_times(a), _nth_times(b)
    if va and vb and va.keys() - vb.keys() and vb.keys() - va.keys():
        x, y = va[min(va.keys() - vb.keys())], vb[min(vb.keys() - va.keys())]
        return Reason(kind="number", detail=f"{x} time vs {y} time (time)",
                      values=((a.source, f"{x} time"), (b.source, f"{y} time")))
    return None


@by_claim(1 << 14)  # searched once per claim, not once per pair (~1 s sampled of a ~61 s run); read only
def _nth_times(c: Claim) -> dict[int | None, str]:
    """ordinal value -> its word, of each "for the N-th time" the claim states (the first one of a value kept)."""
    return {ordinal_value(m.group(1)): m.group(1).lower() for m in reversed(list(_NTH_TIME.finditer(c.stated)))}


# Frames that name a place whatever the tagger called the name in it ("the port of X" tagged PERSON).
_PLACE_FRAMES = {"port of", "city of", "town of", "village of", "province of", "state of", "region of",
                 "district of", "county of", "capital of", "island of", "coast of", "near", "outside", "off"}


def _says(text: str, key: str) -> bool:
    """Whether a text contains a folded name as whole words (a name the tagger missed on that side)."""
    return bool(key) and re.search(rf"\b{re.escape(key)}\b", text.lower().replace("-", " ")) is not None


def _named_in(e: EntitySlot, c: Claim) -> bool:
    return any(entities_match(e, o) for o in c.slots.entities)


def frame_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different name in the same frame on each side (kind ``entity``): "near the port of Hodeidah" / "near the
    port of Mokha", "met in Hanoi" / "met in Singapore". The frame is the entity slot's ``role`` (a noun's "of" or
    a preposition); the names must be of one group (person, place, organisation) unless the frame names a
    place, neither may be a spelling or short form of the other or a place inside it (names.entities_match), and neither may be named
    anywhere on the other side."""
    for ea in a.slots.entities:
        if not ea.role:
            continue
        for eb in b.slots.entities:
            if eb.role != ea.role or entities_match(ea, eb):
                continue
            ga, gb = LABEL_GROUP.get(ea.label), LABEL_GROUP.get(eb.label)
            if not ga or not gb or (ga != gb and ea.role not in _PLACE_FRAMES):
                continue
            if _named_in(ea, b) or _named_in(eb, a) or _says(b.text, ea.key) or _says(a.text, eb.key):
                continue
            return Reason(kind="entity", detail=f"{ea.text} vs {eb.text} ({ea.role})",
                          values=((a.source, ea.text), (b.source, eb.text)))
    return None


# the roles a zero of one role denies: "no casualties" denies the dead and the injured too
_ZERO_DENIES = {"casualties": ("casualties", "dead", "injured")}


def _positive_counts(c: Claim, zero: ZeroCount) -> list[NumberSlot]:
    """The counts of a claim above zero that a stated zero denies: the same role (``_ZERO_DENIES``) and, unless the
    zero counts anyone ("no deaths", "no one"), the same counted noun ("no firefighters were hurt" / "two
    firefighters were injured"; not "three people were injured")."""
    roles = _ZERO_DENIES.get(zero.role, (zero.role,))
    return [n for n in c.slots.numbers
            if n.kind == "count" and n.value > 0 and n.role in roles
            and (zero.noun == "person" or (n.noun or counted_noun(n.unit, n.role)) == zero.noun)]


@by_claim(1 << 14)  # ``numbers.zero_counts``'s own cache (4,096 texts) turns over within a run's large clusters
def _zeros(c: Claim) -> tuple[ZeroCount, ...]:
    """The counts of zero the claim states (``numbers.zero_counts`` of ``Claim.stated``)."""
    return zero_counts(c.stated)


def zero_count_conflict(a: Claim, b: Claim) -> Reason | None:
    """A count of zero stated by negation on one side ("No deaths have been reported", "no one was killed") and a
    count above zero of the same outcome on the other ("One firefighter was killed"): kind ``number``, the role in
    the detail ("No deaths vs One firefighter was killed (dead)"). The dead, the injured and the missing are
    different outcomes ("no deaths" / "two firefighters were injured" do not conflict). A side that states both a
    zero and a count of the role is left alone ("one died; no one else was hurt" reads as a part, not a total)."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        theirs = {w.role for w in _zeros(y)}
        for z in _zeros(x):
            if z.role in theirs or _positive_counts(x, z):
                continue
            counts = _positive_counts(y, z)
            if not counts:
                continue
            n = counts[0]
            s, e = n.start - y.start, n.end - y.start
            said = y.text[s:role_phrase_end(y.text, e)]
            values = ((y.source, said), (x.source, z.text)) if flip else ((x.source, z.text), (y.source, said))
            return Reason(kind="number", detail=f"{values[0][1]} vs {values[1][1]} ({z.role})", values=values)
    return None


def _places(c: Claim) -> list[EntitySlot]:
    return [e for e in c.slots.entities if LABEL_GROUP.get(e.label) == "place"]


def occasions_differ(a: Claim, b: Claim, *, tolerance: int) -> bool:
    """Whether two claims tell of different occasions by what they pin down: a weekday, season, part of the day,
    time of day (``tolerance`` minutes when approximate) or ordinal that differs ("no one was killed in the second
    blast" / "three were killed in the first blast"), dates on both sides of which none match, places on both sides
    of which none match, or event nouns on both sides of no one class ("no one was hurt in the fire" / "two were
    injured in the collision"; claimcheck/data/events.tsv), each read in what the claim states (``Claim.stated``)."""
    if scale_conflict(a, b) or time_conflict(a, b, tolerance=tolerance) or ordinal_conflict(a, b) or \
            nth_time_conflict(a, b):
        return True
    da, db = a.slots.dates, b.slots.dates
    if da and db and not any(dates_match(x, y) for x in da for y in db):
        return True
    pa, pb = _places(a), _places(b)
    if pa and pb and not any(entities_match(x, y) for x in pa for y in pb):
        return True
    ea = {k for _, _, cls in event_nouns(a.stated) for k in cls}
    eb = {k for _, _, cls in event_nouns(b.stated) for k in cls}
    return bool(ea and eb and not any(classes_match(x, y) for x in ea for y in eb))


def outcome_conflict(a: Claim, b: Claim, *, tolerance: int, zero: Reason | None = None) -> Reason | None:
    """The zero-count conflict of two claims whatever their cosine (``zero_count_conflict``: "Nobody was hurt" /
    "Two passengers were injured" are one statement of how many were hurt, though their embeddings are far apart),
    unless they tell of different occasions (``occasions_differ``). The compare stage asks it of claims that
    ``outcome_joins`` put in one finding and of the pairs of a finding too dissimilar for the other rules.
    ``zero``: the pair's ``zero_count_conflict`` when the caller has it already (it is not asked again)."""
    reason = zero if zero is not None else zero_count_conflict(a, b)
    if reason is None or occasions_differ(a, b, tolerance=tolerance):
        return None
    return reason


def _outcomes(c: Claim) -> tuple[set[str], set[str]]:
    """The roles a claim states a zero of (a "casualties" zero denies the dead and the injured too) and the roles it
    counts above zero."""
    zeros = {r for z in zero_counts(c.stated) for r in _ZERO_DENIES.get(z.role, (z.role,))}
    counts = {n.role for n in c.slots.numbers if n.kind == "count" and n.value > 0 and n.role}
    return zeros, counts


def outcome_joins(findings: Sequence[Finding], claims: Sequence[Claim], *, min_shared: int,
                  tolerance: int) -> list[list[int]]:
    """Findings (indexes, each group sorted, groups sorted) that hold one outcome's count across sources: a count of
    zero ("No one was injured") in one and a count above zero of the same outcome ("Two passengers were injured")
    in another, which clustering keeps apart (their cosine is low). A pair joins when ``outcome_conflict`` finds the
    conflict, the zero's source states no count above zero of that outcome anywhere and the count's source no zero
    of it (a source that says both tells of parts: "three died in the first blast, no one in the second"), and the
    two sources report one story: at least ``min_shared`` multi-source findings hold both of them."""
    if min_shared <= 0:
        return []
    zeros_of: dict[str, set[str]] = {}
    counts_of: dict[str, set[str]] = {}
    for c in claims:
        z, n = _outcomes(c)
        zeros_of.setdefault(c.source, set()).update(z)
        counts_of.setdefault(c.source, set()).update(n)
    zero_claims: list[tuple[int, Claim, set[str]]] = []
    count_claims: list[tuple[int, Claim, set[str]]] = []
    for k, f in enumerate(findings):
        for c in f.claims:
            z, n = _outcomes(c)
            if z - counts_of[c.source]:
                zero_claims.append((k, c, z - counts_of[c.source]))
            if n - zeros_of[c.source]:
                count_claims.append((k, c, n - zeros_of[c.source]))
    if not zero_claims or not count_claims:
        return []
    quiet = {c.source for _, c, _ in zero_claims}
    shared: dict[tuple[str, str], int] = {}
    for f in findings:
        sources = sorted({c.source for c in f.claims})
        if len(sources) < 2:
            continue
        for x in sources:
            if x in quiet:
                for y in sources:
                    if y != x:
                        shared[(x, y)] = shared.get((x, y), 0) + 1
    sets = DisjointSets(len(findings))
    for kz, z, zroles in zero_claims:
        for kc, c, croles in count_claims:
            if kz == kc or z.source == c.source or not zroles & croles or \
                    shared.get((z.source, c.source), 0) < min_shared:
                continue
            if outcome_conflict(z, c, tolerance=tolerance) is not None:
                sets.union(kz, kc)
    return sorted(sorted(g) for g in sets.groups() if len(g) > 1)


def same_value(x: str, y: str) -> bool:
    """Whether two values that a word rule found on different claims stand on one side of their conflict: the same
    words whatever their case, two counts of zero of one outcome in other words ("No one was injured" / "Nobody
    was hurt" / "No injuries"), or two names of one thing of a category ("E. coli" / "Escherichia coli"), so that
    a majority stated in several wordings is one side."""
    if x.casefold() == y.casefold():
        return True
    zx, zy = zero_counts(x), zero_counts(y)
    if zx and zy and {z.role for z in zx} & {z.role for z in zy}:
        return True
    if not zx and not zy and _leading_count(x) is not None and _leading_count(x) == _leading_count(y):
        return True  # one count of the zero-count rule's outcome: "One motorist was killed" / "one person"
    tx, ty = _terms_table().get(_term_key(x)), _terms_table().get(_term_key(y))
    return bool(tx and ty and {(t.category, t.synset) for t in tx} & {(t.category, t.synset) for t in ty})


def _date_after(c: Claim, word: str, *, reach: int = 40) -> str | None:
    """The value of the first date within ``reach`` characters after ``word`` in a claim, in the same clause (no
    comma, semicolon or "and" between): "Opened in 1961" -> "1961", "had been closed to heavy vehicles since March"
    -> "XXXX-03"."""
    m = re.search(rf"\b{re.escape(word)}\b", c.text, re.IGNORECASE)
    if m is None:
        return None
    for d in sorted(c.slots.dates, key=lambda d: d.start):
        s = d.start - c.start
        if m.end() <= s <= m.end() + reach:
            between = c.text[m.end():s]
            return None if re.search(r"[,;]|\band\b", between) else d.value
    return None


def opposites_at_other_times(a: Claim, wa: str, b: Claim, wb: str) -> bool:
    """Whether a word and its opposite ("opened" / "closed") each stand right before another date in their clause
    ("Opened in 1961, the bridge had been off-limits ..." / "built in 1961 and had been closed to heavy vehicles since
    March"): two moments of one thing, which can be both, not a contradiction."""
    da, db = _date_after(a, wa), _date_after(b, wb)
    return da is not None and db is not None and da != db


def _leading_count(text: str) -> float | None:
    """The count a value opens with, in digits or words ("One motorist was killed" -> 1, "12 people" -> 12), else
    None."""
    m = re.match(r"\s*(\d[\d,]*(?:\.\d+)?)\b", text)
    if m:
        return float(m.group(1).replace(",", ""))
    words = re.findall(r"[A-Za-z]+", text)
    value = None
    for n in range(1, len(words)):  # the longest run of number words before the counted noun
        found = words_to_number(" ".join(words[:n]))
        if found is None:
            break
        value = found
    return value


# ---- things of exclusive categories (claimcheck/data/categories.tsv, from WordNet) -----------------------------

class _Term(NamedTuple):
    """A noun of a category: its WordNet synset and the synsets above it inside the category."""

    category: str
    written: str  # as WordNet writes it ("E. coli", "salmonella")
    synset: str
    ancestors: frozenset[str]
    also: frozenset[str] = frozenset()  # the word's other senses in the category ("bike": a bicycle too)


def _term_key(text: str) -> str:
    """A term's words folded for lookup: lower case, letters only ("E. coli" and "e.coli" -> "e coli")."""
    return " ".join(re.findall(r"[a-z]+", text.lower()))


@lru_cache(maxsize=1)
def _terms_table() -> dict[str, tuple[_Term, ...]]:
    """claimcheck/data/categories.tsv (scripts/build_categories.py) by folded term."""
    out: dict[str, list[_Term]] = {}
    text = resources.files("claimcheck.data").joinpath("categories.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cat, term, synset, above, also = line.split("\t")
            out.setdefault(_term_key(term), []).append(_Term(cat, term, synset, frozenset(above.split()),
                                                             frozenset(also.split())))
    return {k: tuple(v) for k, v in out.items()}


_LONGEST_TERM = 4  # words: "armored personnel carrier", "Escherichia coli"


_TOKEN = re.compile(r"[A-Za-z]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘'(—–-])\s*([A-Za-z])")


@lru_cache(maxsize=1 << 14)
def category_terms(text: str, skip: tuple[tuple[int, int], ...] = ()) -> tuple[tuple[str, _Term], ...]:
    """The nouns of exclusive categories a text names, as (the words as written, term), longest first at each
    place, a plural read as its singular ("trucks", "buses", "knives"); none inside the
    ``skip`` spans (a name: "Turkey", "Jaguar")."""
    table = _terms_table()
    tokens = [m for m in _TOKEN.finditer(text)
              if not any(s <= m.start() < e for s, e in skip)]
    lower = [m.group(0).lower() for m in tokens]  # each word folded once, not once per run it starts or ends
    # a capitalised word inside a sentence is a name ("the Chargers", "Dirk"), unless the term is written so
    first = {m.start(1) for m in _SENTENCE_START.finditer(text)}
    out: list[tuple[str, _Term]] = []
    firsts = _multiword_firsts()
    i = 0
    while i < len(tokens):
        # a run of several words is a term only from a word that begins one (most words begin none)
        longest = min(_LONGEST_TERM, len(tokens) - i) if lower[i] in firsts else 1
        for n in range(longest, 0, -1):
            run = tokens[i:i + n]
            if n == 1:  # most runs: one word, its terms looked up once per distinct word (~1 s sampled)
                found = _word_terms(lower[i])
            else:
                if any(text[x.end():y.start()].strip(" .-") for x, y in zip(run, run[1:])):
                    continue  # the words of a term stand together ("E. coli", "all-terrain bike")
                words = lower[i:i + n]
                found = next((table[k] for k in (" ".join([*words[:-1], w]) for w in _singulars(words[-1]))
                              if k in table), None)
            if found and run[0].group(0)[:1].isupper() and run[0].start() not in first and \
                    not any(t.written[:1].isupper() for t in found):
                found = None
            if found:
                said = text[run[0].start():run[-1].end()]
                out += [(said, t) for t in found]
                i += n
                break
        else:
            i += 1
    return tuple(out)


@lru_cache(maxsize=1 << 14)  # every word of every text category_terms reads (a few thousand distinct)
def _word_terms(word: str) -> tuple[_Term, ...] | None:
    """The terms a lower-case word names as written or as the plural of one (``_singulars``), else None."""
    table = _terms_table()
    return next((table[k] for k in _singulars(word) if k in table), None)


@lru_cache(maxsize=1)
def _multiword_firsts() -> frozenset[str]:
    """The first words of the terms of more than one word (their first word is looked up as written, lower case)."""
    return frozenset(k.split(" ", 1)[0] for k in _terms_table() if " " in k)


@lru_cache(maxsize=1 << 14)  # asked of every word of every text category_terms reads (a few thousand distinct)
def _singulars(word: str) -> tuple[str, ...]:
    """A word and the singulars it may be the plural of ("buses" -> "buse", "bus"; "knives" -> "knife")."""
    out = [word, singular(word)]
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("ves") and len(word) > 4:
        out += [word[:-3] + "fe", word[:-3] + "f"]
    return tuple(dict.fromkeys(out))


def _compatible(x: _Term, y: _Term) -> bool:
    """Whether two terms may name one thing: the same sense, one above the other, or a sense of one word that is the
    other's or above it ("bike" / "bicycle", "bike" / "mountain bike")."""
    if x.synset == y.synset or x.synset in y.ancestors or y.synset in x.ancestors:
        return True
    return bool(x.also & ({y.synset} | y.ancestors) or y.also & ({x.synset} | x.ancestors))


def _unread(c: Claim) -> tuple[tuple[int, int], ...]:
    """The spans of a claim's ``text`` no thing is read from: its names ("Turkey", "Jaguar") and the clauses cut
    out of it (``Claim.gaps``: "the gunman, who had bought a rifle last year, fired a pistol" names a pistol)."""
    return (*((e.start - c.start, e.end - c.start) for e in c.slots.entities),
            *((gs - c.start, ge - c.start) for gs, ge in c.gaps))


@by_claim(1 << 14)  # both claims of every pair: looked up by the claim, not by hashing its text and spans
def _named_things(c: Claim) -> tuple[tuple[str, _Term], ...]:
    return category_terms(c.text, _unread(c))


def thing_sides(c: Claim, values: Sequence[str]) -> list[tuple[str, int, int, str]]:
    """Where a claim names a thing that stands with exactly one of a category conflict's ``values`` (the same thing,
    a synonym, a narrower or broader one of only that value: "pistol" with "handgun" against "rifle"), as (the value,
    start, end, the words) with offsets into the article; a thing compatible with several values ("vehicle" with
    "truck" and "bus") stands with none."""
    table = _terms_table()
    terms = {v: table.get(_term_key(v), ()) for v in values}
    out = []
    for said, t in category_terms(c.text, _unread(c)):
        hits = [v for v in values if any(u.category == t.category and _compatible(t, u) for u in terms[v])]
        if len(hits) == 1:
            m = re.search(rf"(?<!\w){re.escape(said)}(?!\w)", c.text)
            if m:
                out.append((hits[0], c.start + m.start(), c.start + m.end(), said))
    return out


def category_conflict(a: Claim, b: Claim) -> Reason | None:
    """A different thing of one exclusive category on each side (kind ``other``): "fell ill with salmonella" / "with
    E. coli" (a pathogen), "stabbed with a knife" / "shot with a gun" (a weapon), "the bus" / "the truck" (a
    vehicle); the categories and their members are WordNet's (``category_terms``). A thing on one side is matched by
    the same thing, a broader or narrower one on the other ("bacteria" / "salmonella", "gun" / "pistol"), so only a
    side that names something the other side excludes conflicts, and a list that names more is no conflict ("salmonella
    and E. coli" / "salmonella"). Gated like any exclusive value: the rest of the two sentences must match."""
    ta, tb = _named_things(a), _named_things(b)
    if not ta or not tb:
        return None
    for cat in sorted({t.category for _, t in ta} & {t.category for _, t in tb}):
        xs = [(w, t) for w, t in ta if t.category == cat]
        ys = [(w, t) for w, t in tb if t.category == cat]
        only_a = [w for w, t in xs if not any(_compatible(t, u) for _, u in ys)]
        only_b = [w for w, u in ys if not any(_compatible(t, u) for _, t in xs)]
        if only_a and only_b:
            return Reason(kind="other", detail=f"{only_a[0]} vs {only_b[0]} ({cat})",
                          values=((a.source, only_a[0]), (b.source, only_b[0])))
    return None


def zero_count_negation(negated: Claim, plain: Claim) -> bool:
    """Whether the negation of a claim is a count of zero ("Nobody was killed", "No deaths were reported") while the
    other claim counts an outcome ("Three people were injured"): that is the zero-count rule's to judge
    (``zero_count_conflict``: the same outcome conflicts as numbers, another outcome does not), not a negation."""
    cue = (negated.slots.negation_cue or "").lower()
    zeros = zero_counts(negated.stated)
    if not cue or not zeros or not any(n.kind == "count" and n.role for n in plain.slots.numbers):
        return False
    return any(cue in z.text.lower().replace("-", " ").split() or z.text.lower().startswith(cue) for z in zeros)


def same_frame(x: object, y: object) -> bool:
    """Whether two names fill one frame of their sentences: both entity slots with the same ``role`` (a noun's "of"
    or a preposition: "landing at Munich Airport" / "landing at Frankfurt Airport"), of one group (person, place,
    organisation) or in a frame that names a place."""
    if not isinstance(x, EntitySlot) or not isinstance(y, EntitySlot) or not x.role or x.role != y.role:
        return False
    gx, gy = LABEL_GROUP.get(x.label), LABEL_GROUP.get(y.label)
    return bool(gx and gy and (gx == gy or x.role in _PLACE_FRAMES))


# verbs of a change up or down right before its amount ("rose 12 percent", "fell by about $3 million", "was down 4%")
_DIRECTION = re.compile(
    r"\b(?:(?P<up>rose|rise|rises|risen|rising|climbed|climbs|gained|gains|jumped|jumps|increased|increases|"
    r"soared|soars|surged|surges|grew|grows|advanced|rallied|up)|"
    r"(?P<down>fell|fall|falls|fallen|falling|dropped|drops|declined|declines|lost|loses|slid|slides|slipped|slips|"
    r"decreased|decreases|plunged|plunges|tumbled|tumbles|sank|sinks|down|shrank|shrinks))"
    r"\s+(?:by\s+)?(?:(?:about|around|nearly|almost|roughly|some|more than|less than|over|just over|just under|"
    r"an estimated)\s+)?$", re.IGNORECASE)


def _changes(c: Claim) -> list[tuple[str, NumberSlot, str]]:
    """The changes up or down a claim states with their amount: (direction, amount, the words "rose 12 percent")."""
    out = []
    for n in c.slots.numbers:
        if n.kind in ("ordinal", "age", "score"):
            continue
        before = stated_before(c, n.start - c.start)  # a verb in a clause cut out of the claim is not its own
        m = _direction(before)
        if m:
            out.append(("up" if m.group("up") else "down", n, before[m.start():] + n.text))
    return out


@lru_cache(maxsize=1 << 15)  # a claim's numbers are asked again for every claim it is paired with
def _direction(before: str) -> re.Match[str] | None:
    """``_DIRECTION`` searched in the words before a number (the match is only read)."""
    return _DIRECTION.search(before)


def stated_before(c: Claim, offset: int) -> str:
    """What a claim states (``Claim.stated``) before ``offset`` of its ``text``: the words there without the clauses
    cut out of it (``Claim.gaps``)."""
    return text_without(c.text, 0, max(0, offset),
                        [(gs - c.start, ge - c.start) for gs, ge in c.gaps if ge - c.start <= offset])


def direction_conflict(a: Claim, b: Claim, *, tolerance: float) -> Reason | None:
    """The same amount changing the other way on each side ("Shares fell 12 percent on Monday" / "rose 12 percent";
    kind ``number``): a verb of rising or falling right before an amount of the same kind and unit and value
    (``tolerance`` when either is approximate). Different amounts are the number rule's; a claim that states the
    amount both ways ("rose 5% after falling 5%") is left alone."""
    ca, cb = _changes(a), _changes(b)
    for da, x, wa in ca:
        for db, y, wb in cb:
            if da == db or x.kind != y.kind or (x.unit or "") != (y.unit or ""):
                continue
            if not values_close(x.value, y.value, approximate=x.approximate or y.approximate, tolerance=tolerance):
                continue
            if any(d == db and values_close(n.value, x.value, approximate=True, tolerance=tolerance)
                   for d, n, _ in ca) or any(d == da and values_close(n.value, y.value, approximate=True,
                                                                      tolerance=tolerance) for d, n, _ in cb):
                continue
            return Reason(kind="number", detail=f"{wa} vs {wb} (direction)", values=((a.source, wa), (b.source, wb)))
    return None


def _content_words(text: str) -> list[str]:
    """A text's content words: no function, reporting or negation words; more than two letters."""
    return [w for w in words(text)
            if len(w) > 2 and w not in FUNCTION_WORDS and w not in REPORTING_WORDS and w not in NEGATION_CUES]


def _content(text: str) -> set[str]:
    """The base forms of a text's content words (``_content_words``)."""
    out: set[str] = set()
    for w in _content_words(text):
        out |= base_forms(w)
    return out


def denial_conflict(a: Claim, b: Claim) -> Reason | None:
    """A clause one side denies ("The minister denied that the army had fired on protesters") that the other side
    states without a denial or negation ("The minister said that the army had fired on protesters", "The army fired
    on protesters, witnesses said"): kind ``negation``. Every content word of the denied clause (at least two, up to
    its first comma) must be said on the other side; a denial of a thing ("denied the charges") is no clause and
    is left alone, and so is an opposite reporting word ("denied" / "confirmed": the opposites rule's)."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        sx, sy = x.stated, y.stated  # what each claim states, not a clause cut out of it
        m = _denial(sx)
        if m is None or _denial(sy) or y.slots.negated:
            continue
        clause = re.split(r"[,;:]", sx[m.end():], maxsplit=1)[0]
        wanted = [base_forms(w) for w in _content_words(clause)]
        stated = _content(sy)
        if len(wanted) < 2 or not all(forms & stated for forms in wanted) or antonym_pair(sx, sy):
            continue  # "denied" / "confirmed" is the opposites rule's
        denied = sx[m.start():m.end()].strip()
        values = ((y.source, "affirmed"), (x.source, denied)) if flip else ((x.source, denied), (y.source, "affirmed"))
        return Reason(kind="negation", detail=f"{values[0][1]} vs {values[1][1]}", values=values)
    return None


def negation_judged_elsewhere(negated: Claim, plain: Claim) -> bool:
    """Whether the main-clause negation rule leaves a negated claim and a plain one alone: the negation is a count of
    zero against a count of an outcome (``zero_count_negation``), or the plain claim denies what it states ("The club
    denied that it had sacked the coach" / "said it had not sacked the coach": both deny it; ``denial_conflict``)."""
    return zero_count_negation(negated, plain) or denies(plain)


def denies(c: Claim) -> bool:
    """Whether a claim denies a clause ("The club denied that it had sacked the coach"; ``lexicon.DENIAL``)."""
    return _denial(c.stated) is not None


@lru_cache(maxsize=1 << 15)  # asked of both claims of every pair (twice by the denial rule): a few thousand texts
def _denial(text: str) -> re.Match[str] | None:
    """``lexicon.DENIAL`` searched in a text (the match is only read)."""
    return DENIAL.search(text)
