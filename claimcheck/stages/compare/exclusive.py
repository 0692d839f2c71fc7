"""Values that exclude each other, for claims the slot rules leave alone: weekdays, seasons and parts of the
day a claim names without a resolvable date ("held on Monday" / "held on Tuesday"; "in the spring" / "in the
autumn"), ordinals of the same thing ("the second summit" / "the third summit", "her first visit" / "her second
official visit") and different names in the same frame ("near the port of Hodeidah" / "near the port of Mokha").
Months and numbers are slots already (claimcheck/stages/extract/dates.py, numbers.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.models import Claim, EntitySlot, NumberSlot, Reason
from claimcheck.stages.extract.dates import WEEKDAYS, TimeOfDay, find_times, times_of_day
from claimcheck.stages.compare.opposites import antonym_pair, base_forms, words
from claimcheck.stages.extract.lexicon import DENIAL, FUNCTION_WORDS, NEGATION_CUES, REPORTING_WORDS
from claimcheck.stages.extract.names import LABEL_GROUP, entities_match
from claimcheck.stages.extract.numbers import (ORDINAL_PATTERN, ZeroCount, approximate_before, counted_noun, ordinal_value,
                                               role_phrase_end, values_close, zero_counts)

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
    times = find_times(text)  # "(2248 GMT Monday)": the weekday of a time-zone restatement is the same moment
    for m in pattern.finditer(text):
        if any(s <= m.start() and m.end() <= e for s, e in times):
            continue
        word = m.group(1).lower()
        out.add(_SAME.get(word, word))
    return frozenset(out)


def scale_conflict(a: Claim, b: Claim) -> Reason | None:
    """A weekday, season or part of the day on each side that the other side lacks (reason kind ``date``).
    Weekdays count only when not both claims carry a day-precise date: resolved days are the date rule's."""
    both_days = (any(d.granularity == "day" for d in a.slots.dates)
                 and any(d.granularity == "day" for d in b.slots.dates))
    for name, pattern in _SCALES:
        if name == "weekday" and both_days:
            continue
        va, vb = _values(pattern, a.text), _values(pattern, b.text)
        if va and vb and va - vb and vb - va:
            x, y = sorted(va - vb)[0], sorted(vb - va)[0]
            return Reason(kind="date", detail=f"{x} vs {y} ({name})", values=((a.source, x), (b.source, y)))
    return None


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
    ta, tb = times_of_day(a.text), times_of_day(b.text)
    for zone in sorted({t.zone for t in ta} & {t.zone for t in tb}):
        xs, ys = [t for t in ta if t.zone == zone], [t for t in tb if t.zone == zone]

        def close(x: TimeOfDay, y: TimeOfDay) -> bool:
            loose = approximate_before(a.text, x.start) or approximate_before(b.text, y.start)
            return _same_time(x, y, tolerance if loose else 0)

        only_a = [x for x in xs if not any(close(x, y) for y in ys)]
        only_b = [y for y in ys if not any(close(x, y) for x in xs)]
        if only_a and only_b:
            va, vb = a.text[only_a[0].start:only_a[0].end], b.text[only_b[0].start:only_b[0].end]
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
    va = {ordinal_value(m.group(1)): m.group(1).lower() for m in reversed(list(_NTH_TIME.finditer(a.text)))}
    vb = {ordinal_value(m.group(1)): m.group(1).lower() for m in reversed(list(_NTH_TIME.finditer(b.text)))}
    if va and vb and va.keys() - vb.keys() and vb.keys() - va.keys():
        x, y = va[min(va.keys() - vb.keys())], vb[min(vb.keys() - va.keys())]
        return Reason(kind="number", detail=f"{x} time vs {y} time (time)",
                      values=((a.source, f"{x} time"), (b.source, f"{y} time")))
    return None


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


def zero_count_conflict(a: Claim, b: Claim) -> Reason | None:
    """A count of zero stated by negation on one side ("No deaths have been reported", "no one was killed") and a
    count above zero of the same outcome on the other ("One firefighter was killed"): kind ``number``, the role in
    the detail ("No deaths vs One firefighter was killed (dead)"). The dead, the injured and the missing are
    different outcomes ("no deaths" / "two firefighters were injured" do not conflict). A side that states both a
    zero and a count of the role is left alone ("one died; no one else was hurt" reads as a part, not a total)."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        theirs = {w.role for w in zero_counts(y.text)}
        for z in zero_counts(x.text):
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


def zero_count_negation(negated: Claim, plain: Claim) -> bool:
    """Whether the negation of a claim is a count of zero ("Nobody was killed", "No deaths were reported") while the
    other claim counts an outcome ("Three people were injured"): that is the zero-count rule's to judge
    (``zero_count_conflict``: the same outcome conflicts as numbers, another outcome does not), not a negation."""
    cue = (negated.slots.negation_cue or "").lower()
    zeros = zero_counts(negated.text)
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
        m = _DIRECTION.search(c.text, 0, max(0, n.start - c.start))
        if m:
            out.append(("up" if m.group("up") else "down", n, c.text[m.start():n.end - c.start]))
    return out


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
        m = DENIAL.search(x.text)
        if m is None or DENIAL.search(y.text) or y.slots.negated:
            continue
        clause = re.split(r"[,;:]", x.text[m.end():], maxsplit=1)[0]
        wanted = [base_forms(w) for w in _content_words(clause)]
        stated = _content(y.text)
        if len(wanted) < 2 or not all(forms & stated for forms in wanted) or antonym_pair(x.text, y.text):
            continue  # "denied" / "confirmed" is the opposites rule's
        denied = x.text[m.start():m.end()].strip()
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
    return DENIAL.search(c.text) is not None
