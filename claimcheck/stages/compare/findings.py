"""Stage 5, compare: Clusters -> Findings with a verdict (agree / diverge / unique) and evidence.

A cluster whose claims all come from one source is ``unique``. For claims of different sources the
typed slots and a few lexical rules decide whether they conflict; **every** rule runs on every compared pair
(``pair_conflicts``), and each rule reports every subject it finds in conflict (two different counts of two
different things are two conflicts):

- ``date``: each side has a date the other lacks, at its granularity ("February" vs "March";
  "February 2019" and "2019-02-28" agree);
- ``number``: each side has a different value for a quantity of the same kind and unit;
- ``attribution``: the same statement put in different speakers' mouths;
- values that exclude each other in the same statement (claimcheck/stages/compare/exclusive.py): weekdays, seasons,
  parts of the day (kind ``date``) and ordinals of the same thing (kind ``number``);
- ``entity``: a different person / place / organisation of the same type in the same statement;
- ``negation``: one side negated, the other not ("could restart" vs "would never restart"), in the main clause
  or, for one word negated on one side only, in any clause ("a cliff that was not known as" vs "was known as");
- ``antonym``-based polarity (reported as ``negation``): a word on one side and its opposite on the
  other ("stuck" vs "progress"), from WordNet 3.0 plus a curated news list;
- ``nli``: an optional local NLI cross-encoder's contradiction, when ``compare.nli_model`` is set
  (claimcheck/stages/compare/nli.py), tried on within-cluster pairs the rules found no conflict in.

Each rule needs the pair to be similar enough (thresholds in ``compare:``, calibrated by
``scripts/evaluate.py``). Otherwise a multi-source cluster is ``agree``.

A finding then gathers its pairs' conflicts into distinct typed ``Conflict`` s (``assemble_conflicts``): one
per subject (the date, the count of people killed, the place, the polarity, ...) and group of values that
clash; every claim of the finding that states a value of that subject stands on that value's side, so with
three or more sources a strict majority and its outliers are named. The finding's ``reason`` is only the
headline conflict (the one most pairs show).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import sys
from functools import lru_cache
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from claimcheck.config import ClusterConfig, CompareConfig
from claimcheck.models import (
    VERDICTS,
    Claim,
    Cluster,
    Conflict,
    DateSlot,
    EntitySlot,
    Finding,
    NumberSlot,
    Pair,
    Reason,
    Side,
    Slots,
    ValueSpan,
    content_id,
)
from claimcheck.stages.cluster.clusters import (ClaimFeatures, DisjointSets, claim_anchors, cross_source_similarity,
                                                event_anchors, events_match, link_score)
from claimcheck.stages.extract.dates import MONTHS, WEEKDAYS, dates_match, reported_on, same_precision
from claimcheck.stages.extract.lexicon import (FUNCTION_WORDS, NEGATION_CUES, NEGATION_LIGHT, NEGATION_OF_THING,
                                              NEGATION_SKIP, NO_NEGATED_WORD_AFTER, QUANTIFIER, REPORTING_WORDS)
from claimcheck.stages.compare.exclusive import (another_moment, category_conflict, denial_conflict, denies,
                                                  direction_conflict,
                                                  frame_conflict, negation_judged_elsewhere, nth_time_conflict,
                                                  occasions_differ,
                                                  opposites_at_other_times, ordinal_conflict, outcome_conflict,
                                                  outcome_joins, same_frame, thing_sides,
                                                  same_value, scale_conflict, time_conflict, zero_count_conflict)
from claimcheck.stages.extract.names import (LABEL_GROUP, direction_before, entities_match, fold_words, same_entity,
                                             same_name)
from claimcheck.stages.extract.numbers import (number_text, numbers_equal, quantity_key, quantity_label,
                                              same_quantity)
from claimcheck.stages.extract.places import place_path, places_compatible
from claimcheck.stages.extract.slots import entity_key
from claimcheck.stages.compare.memo import by_claim
from claimcheck.stages.compare.opposites import antonym_pair, base_forms, words
from claimcheck.stages.forked import map_forked

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

_KIND_ORDER = ("date", "number", "entity", "attribution", "negation", "nli", "other")


# ---- where a claim states a value ------------------------------------------------------------------------------

def _span(claim: Claim, start: int, end: int, text: str) -> ValueSpan:
    return ValueSpan(claim_id=claim.id, source=claim.source, start=start, end=end, text=text)


def _claim_span(claim: Claim) -> ValueSpan:
    return _span(claim, claim.start, claim.end, claim.text)


def _in_gap(claim: Claim, start: int, end: int) -> bool:
    """Whether the claim's text [start, end) (offsets into ``claim.text``) overlaps one of its ``gaps``: words the
    claim does not state."""
    return any(gs - claim.start < end and start < ge - claim.start for gs, ge in claim.gaps)


def word_span(claim: Claim, phrase: str) -> ValueSpan:
    """Where ``phrase`` (a name, a speaker, an opposite word, "not known") occurs in what the claim states (not in
    one of its ``gaps``), as a span of its article; its first word when the whole phrase does not occur; the whole
    claim when neither does."""
    text = claim.text.replace("’", "'")
    for target in (phrase, phrase.split()[0] if phrase.split() else ""):
        target = target.replace("’", "'").strip()
        if not target:
            continue
        before = "" if target.startswith("n't") else r"(?<!\w)"
        for m in re.finditer(before + re.escape(target) + r"(?!\w)", text, re.IGNORECASE):
            if not _in_gap(claim, m.start(), m.end()):
                return _span(claim, claim.start + m.start(), claim.start + m.end(), claim.text[m.start():m.end()])
    return _claim_span(claim)


@dataclass(frozen=True)
class _Value:
    """One value a claim states for a subject (internal: the slot it came from is kept for matching)."""

    subject: str
    label: str
    span: ValueSpan
    slot: object


@dataclass(frozen=True)
class _Clash:
    """A conflict between two claims before the finding's conflicts are assembled."""

    kind: str
    rule: str
    subject: str
    a: _Value
    b: _Value
    suffix: str = ""  # shown after the values: " (place)", " (weekday)"
    prefix: str = ""  # shown before them: "said by "
    # a zero-count clash of one occasion (exclusive.outcome_conflict): it counts whatever the cosine (``_gate``);
    # found once per pair in ``_clashes``, carried here so the gate does not ask the rule again
    outcome: bool = dataclasses.field(default=False, compare=False)


# ---- slot rules: dates, numbers, names -------------------------------------------------------------------------

# a claim's slot values are read once per claim, not once per pair it is in (``memo.by_claim``): building them
# (a ValueSpan and a _Value each) per pair was ~3 s (sampled) of the ~61 s 1,000-article comparison
@by_claim(1 << 14)
def _date_values(c: Claim) -> tuple[_Value, ...]:
    dates = sorted({d.value: d for d in c.slots.dates}.values(), key=lambda d: d.value)
    return tuple([_Value("date:reported" if reported_on(c.text[:d.start - c.start])  # not "said Monday's attack"
                   and not re.match(r"['’]s\b", c.text[d.end - c.start:]) else "date", d.value,
                   _span(c, d.start, d.end, d.text), d) for d in dates])


def number_subject(n: NumberSlot) -> str | None:
    """A number's conflict subject: ``numbers.quantity_key`` ("number:count:person:dead", "number:age:whitmore");
    None for a bare number that counts nothing said ("48"), which conflicts with nothing."""
    key = quantity_key(n)
    return None if key is None else f"number:{key}"


@by_claim(1 << 14)
def _number_values(c: Claim) -> tuple[_Value, ...]:
    out = []
    for n in c.slots.numbers:
        subject = number_subject(n) if n.kind != "ordinal" else None
        if subject is not None:
            out.append(_Value(subject, quantity_label(n), _span(c, n.start, n.end, n.text), n))
    return tuple(out)


def _in_place(xs: tuple, ys: tuple) -> list[tuple]:
    """Two claims' slots of one kind paired by their order in the sentence (none when their numbers differ): in
    one wording (``statement_template``) the n-th value of each side stands in the same place."""
    if len(xs) != len(ys):
        return []
    return list(zip(sorted(xs, key=lambda v: v.start), sorted(ys, key=lambda v: v.start)))


def _template_number_clashes(a: Claim, b: Claim, *, tolerance: float) -> list[_Clash]:
    """Bare numbers in the same place of one wording (rule ``template``): two claims with one
    ``statement_template`` say the same thing of possibly different values, so their n-th numbers count the same
    thing even where no noun says what ("while two voted to keep rates unchanged" / "while five voted ...", "has
    raised rates ten times" / "eight times"), or where a changed name made them two people's ("36-year-old Duncan
    Rait died" / "50-year-old Maurice Cheeks died"). Numbers whose counted noun or unit is said on both sides are
    the number rule's: "a 10-mile radius" / "a 16-km radius", "$5 million" / "£4 million" and "killed 5 soldiers" /
    "killed 3 civilians" are one wording of different quantities."""
    out = []
    for x, y in _in_place(a.slots.numbers, b.slots.numbers):
        sx, sy = number_subject(x), number_subject(y)
        known = sx is not None and sy is not None and x.kind != "age"
        if x.kind != y.kind or x.kind == "ordinal" or known or numbers_equal(x, y, tolerance=tolerance):
            continue
        after_a, after_b = words(a.text[x.end - a.start:])[:1], words(b.text[y.end - b.start:])[:1]
        subject = f"number:{x.kind}:" + (f"before {after_a[0]}" if after_a and after_a == after_b else "in one wording")
        out.append(_Clash("number", "template", subject,
                          _Value(subject, quantity_label(x), _span(a, x.start, x.end, x.text), x),
                          _Value(subject, quantity_label(y), _span(b, y.start, y.end, y.text), y)))
    return out


@by_claim(1 << 14)
def _entity_values(c: Claim) -> tuple[_Value, ...]:
    return tuple([_Value(f"entity:{LABEL_GROUP[e.label]}", e.text, _span(c, e.start, e.end, e.text), e)
                  for e in c.slots.entities if e.label in LABEL_GROUP])


def _entity_in(ent: EntitySlot, others: tuple[EntitySlot, ...], other_text: str,
               own: tuple[EntitySlot, ...] = ()) -> bool:
    """Whether an entity is present on the other side: same key, a name part ("Kim" / "Kim Jong-un"), a place it
    lies in ("Athens" / "Greece") unless another place there lies in that too ("Paris" / "Lyon, France") or its own
    side (``own``: the entity's claim's names) names that place itself too ("the Essex-US summit" / "the DPRK-US
    summit": "Essex" lies in the US, but the US is named beside it on both sides), or its words appearing in the
    other claim's text (NER disagreements)."""
    found = _presence(others, ent.text, ent.label, ent.key, other_text)
    if not isinstance(found, tuple):
        return found
    return not (own and all(_inside_only(ent, m) and any(o is not ent and same_entity(o, m) for o in own)
                            for m in found))


class _Name(NamedTuple):
    """What the name rules read of an EntitySlot (a tuple is built in a fraction of a frozen dataclass's time)."""

    text: str
    label: str
    key: str


# a story's claims name the same few names: whether a name (by its text, label and key) is on the other side is
# read once per (other claim's names, name), not once per pair: 2 of 3 of the 349k lookups of a 1,000-article
# comparison hit
@by_claim(1 << 15)
def _presence(others: tuple[EntitySlot, ...], text: str, label: str, key: str,
              other_text: str) -> bool | tuple[EntitySlot, ...]:
    """``_entity_in`` up to its own side's names: True or False, or the names of ``others`` the name matches when
    only ``own`` can still decide."""
    ent = _Name(text, label, key)  # the rules below read these three only
    folded = fold_words(key)
    if not folded.split() or any(o.key == key for o in others):
        return True  # a name under the same key is there: present whatever else the other side names
    matches = tuple(o for o in others if entities_match(ent, o))
    if matches:
        # "Paris" is in "the summit in Lyon, France" by its country only when no other place there lies in it too;
        # a name the other side states itself is there whatever else lies in its country ("PASADENA, Texas ... near
        # Houston" on both sides: Houston lies in Texas too, but Pasadena is named on both)
        if all(_inside_only(ent, m) for m in matches) and any(
                o is not m and LABEL_GROUP.get(o.label) == "place" and not entities_match(ent, o)
                and entities_match(o, m) for m in matches for o in others):
            return False
        return matches
    # its key, or the words it is written with: a surname keyed to the full name its article gives ("Voss" ->
    # "elena voss") is present where the other claim writes the surname alone, untagged
    other = f" {fold_words(other_text)} "
    return f" {folded} " in other or (len(said := fold_words(text)) > 2 and f" {said} " in other)


def _inside_only(x: EntitySlot, y: EntitySlot) -> bool:
    """Whether two places match only as one lying inside the other ("Essex" / "US"), not as one name."""
    kx, ky = set(fold_words(x.key).split()), set(fold_words(y.key).split())
    return not (kx and ky and (kx <= ky or ky <= kx)) and not same_entity(x, y)


def _same_number(tolerance: float) -> Callable[[NumberSlot, NumberSlot], bool]:
    def same(x: NumberSlot, y: NumberSlot) -> bool:
        # "about 4,000" and "4,200" do not conflict: approximate values get a tolerance
        return same_quantity(x, y) and numbers_equal(x, y, tolerance=tolerance)
    return same


@dataclass(frozen=True)
class _SlotRule:
    """A rule over typed slots: the values a claim states, and when two values are the same."""

    kind: str
    rule: str
    values: Callable[[Claim], tuple[_Value, ...]]
    same: Callable[[object, object], bool]
    gated: bool  # needs the rest of the sentence to match (names differ in merely related sentences)
    pool: Callable[[_Value, list[_Value]], list[_Value]] = lambda v, ws: ws  # the other side's values to match


def _date_pool(v: _Value, others: list[_Value]) -> list[_Value]:
    slots = same_precision(v.slot, [w.slot for w in others])
    return [w for w in others if any(w.slot is s for s in slots)]


def _slot_rules(config: CompareConfig) -> tuple[_SlotRule, ...]:
    return _slot_rules_at(config.approx_tolerance)


@lru_cache(maxsize=16)  # asked for every compared pair: built once per tolerance, not three dataclasses per pair
def _slot_rules_at(approx_tolerance: float) -> tuple[_SlotRule, ...]:
    return (_SlotRule("date", "date", _date_values, dates_match, False, _date_pool),
            _SlotRule("number", "number", _number_values, _same_number(approx_tolerance), False),
            _SlotRule("entity", "entity", _entity_values, entities_match, True))


def _slot_clashes(a: Claim, b: Claim, rule: _SlotRule) -> list[_Clash]:
    """The clashes of one subject on which each claim states values the other claim does not state: each such
    value paired with its closest rival on the other side (two names changed in one sentence are two clashes)."""
    by_a: dict[str, list[_Value]] = {}
    by_b: dict[str, list[_Value]] = {}
    for v in rule.values(a):
        by_a.setdefault(v.subject, []).append(v)
    for v in rule.values(b):
        by_b.setdefault(v.subject, []).append(v)
    out = []
    for subject in sorted(set(by_a) & set(by_b)):
        if rule.kind == "entity":  # a name is present when the other claim mentions it anywhere; a name in a list
            # ("between Europe, the Middle East and Asia") is one of several, and one list naming fewer or other
            # members is an omission, not a contradiction (a name changed in one wording is the template rule's);
            # in a Title Case headline a name may run into ordinary words ("Kraft Shooting" / "Krafts Food")
            ua = [v for v in by_a[subject] if not (_entity_in(v.slot, b.slots.entities, b.stated, a.slots.entities)
                                                  or _aside(a, v.slot))]
            ub = [v for v in by_b[subject] if not (_entity_in(v.slot, a.slots.entities, a.stated, b.slots.entities)
                                                  or _aside(b, v.slot))]
            # (asked only when a name is left: the headline test hashes both claims for its cache)
            if (ua or ub) and (_title_case(a) or _title_case(b)):
                ua = [v for v in ua if not _shares_name_word(v.slot, b.slots.entities)]
                ub = [v for v in ub if not _shares_name_word(v.slot, a.slots.entities)]
        else:
            ua = [v for v in by_a[subject] if not any(rule.same(v.slot, w.slot) for w in rule.pool(v, by_b[subject]))]
            ub = [v for v in by_b[subject] if not any(rule.same(v.slot, w.slot) for w in rule.pool(v, by_a[subject]))]
            if rule.kind == "number":  # a count the other claim states too, of the same thing named otherwise
                ua = [v for v in ua if not any(_counted_alike(a, v.slot, b, n) for n in b.slots.numbers)]
                ub = [v for v in ub if not any(_counted_alike(b, v.slot, a, n) for n in a.slots.numbers)]
        suffix = f" ({subject.split(':', 1)[1]})" if rule.kind == "entity" else ""
        while True:  # each changed value with its closest rival (then the nearest in the sentence): two places
            # changed in one sentence are two clashes
            pairs = [(x, y) for x in ua for y in ub if _rivals(rule.kind, a, x, b, y)]
            if not pairs:
                break
            x, y = min(pairs, key=lambda xy: (
                _distance(xy[0].slot, xy[1].slot), abs((xy[0].span.start - a.start) - (xy[1].span.start - b.start))))
            out.append(_Clash(rule.kind, rule.rule, subject, x, y, suffix=suffix))
            ua, ub = [v for v in ua if v is not x], [v for v in ub if v is not y]
    return out


def _rivals(kind: str, a: Claim, x: _Value, b: Claim, y: _Value) -> bool:
    """Whether two values of one subject that the other side does not state stand against each other: a name in
    who said a claim ("..., Italian police sources have said") is no rival of a name in what the other claim
    states ("arrested in a Sicilian police raid"), though two speakers' names are (the attribution rule
    compares speakers only when they share no word: "Italian police" / "French police"); numbers of different
    owners ("Buford's record of 2,116 points" / "McDermott now has 2,129 points") are different quantities."""
    if kind == "entity":
        return _in_speaker(a, x.slot) == _in_speaker(b, y.slot)  # type: ignore[arg-type]
    if kind == "number":
        return not _owners_differ(a, x.slot, b, y.slot)  # type: ignore[arg-type]
    return True


def _in_speaker(c: Claim, e: EntitySlot) -> bool:
    """Whether a name lies in the claim's attributed speaker ("Italian police sources" of "..., Italian police
    sources have said"): the last occurrence of the speaker's words in the claim covers the name."""
    who = c.slots.attribution
    if not who:
        return False
    at = c.text.rfind(who)
    return at >= 0 and at <= e.start - c.start and e.end - c.start <= at + len(who)


# a possessor named right before the phrase that holds a number ("Rodney Buford's school scoring record of",
# "Phil Ford's school mark of"; ECB+ writes the apostrophe as a hyphen: "Buford-s")
_POSSESSOR = re.compile(r"((?:[A-Z][\w.'’]*[\s-]+){0,3}?[A-Z][\w.]*)(?:['’]s|['’]|-s)\s+(?:[a-z][\w-]*\s+){0,4}"
                        r"(?:of\s+|at\s+|with\s+)?(?:(?:about|around|nearly|almost|over|some)\s+)?$")


def _possessor(c: Claim, n: NumberSlot) -> str | None:
    """The name whose quantity a number is by a possessive ("Rodney Buford's school scoring record of 2,116
    points" -> "Rodney Buford"), else None."""
    m = _POSSESSOR.search(c.text, 0, max(0, n.start - c.start))
    return m.group(1) if m else None


def _owners_differ(a: Claim, x: NumberSlot, b: Claim, y: NumberSlot) -> bool:
    """Whether two numbers belong to different people: both possessed by differently named owners, or one
    possessed by a name ("Buford's record of 2,116 points") and the other in a claim whose subject (its first
    person, named before the number) is someone else whom the first claim names too ("McDermott broke Buford's
    record of 2,116 points" / "McDermott now has 2,129 points"). A number whose owner is not said is anyone's."""
    ox, oy = _possessor(a, x), _possessor(b, y)
    if ox and oy:
        return not same_name(ox, oy, person=True)
    if not ox and not oy:
        return False
    own, owner, other, n = (a, ox, b, y) if ox else (b, oy, a, x)
    subject = next((e for e in sorted(other.slots.entities, key=lambda e: e.start)
                    if e.label == "PERSON" and e.end <= n.start), None)
    if subject is None or same_name(subject.text, owner or "", person=True):
        return False
    return any(e.label == "PERSON" and same_name(e.text, subject.text, person=True) for e in own.slots.entities)


def _counted_alike(a: Claim, x: NumberSlot, b: Claim, y: NumberSlot) -> bool:
    """Whether claim ``b`` states count ``x`` of claim ``a`` as ``y``: the same value counting the same thing named
    otherwise, one's counted noun among the words of the other's phrase ("four consecutive life sentences" /
    "seven life sentences and four sentences of life"). "3 civilians" / "5 soldiers and 3 civilians" share the
    value only when the nouns do; "7 dead" / "7 injured" never (another role)."""
    if x.kind != "count" or y.kind != "count" or x.value != y.value or x.role != y.role or not x.noun or not y.noun:
        return False
    return bool(_phrase_forms(a, x) & base_forms(y.noun) or _phrase_forms(b, y) & base_forms(x.noun))


def _phrase_forms(c: Claim, n: NumberSlot) -> set[str]:
    """The base forms of a number's words and of up to three words after it, within its clause and up to a
    conjunction ("four sentences of life without" of "four sentences of life without parole plus ...")."""
    tail = re.split(r"[,;:()]|\b(?:and|or|but|plus|while)\b", c.text[n.end - c.start:], maxsplit=1)[0]
    return set().union(*(base_forms(w) for w in words(n.text) + words(tail)[:3]))


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_LETTERS = re.compile(r"[A-Za-z]+")


@by_claim(1 << 14)  # asked of both claims of every pair with names; the claim's own property
def _title_case(c: Claim) -> bool:
    """Whether a claim is a Title Case (or all-capitals) headline line: four words or more, every word but the
    function words capitalised, two of them outside any tagged name ("Kraft Shooting: Yvonne Hiller Charged With
    Two Counts Of Murder"; a list of names is no headline). There capitalisation says nothing about where a name
    ends."""
    ws = []
    for m in _HEADLINE_WORD.finditer(c.text):
        w = m.group()
        if w.lower() in FUNCTION_WORDS:
            continue
        if not w[0].isupper():
            return False  # one lower-case word that is no function word: no headline (read no further)
        ws.append(m)
    if len(ws) < 3 or len(_LETTERS.findall(c.text)) < 4:
        return False
    names = [(e.start - c.start, e.end - c.start) for e in c.slots.entities]
    return sum(not any(s <= m.start() < e for s, e in names) for m in ws) >= 2


def _shares_name_word(e: EntitySlot, others: tuple[EntitySlot, ...]) -> bool:
    """Whether another name shares a word with ``e`` (``_stems``: "Kraft Shooting" / "Krafts Food") and the two are
    not two places the gazetteer tells apart ("North Korea" / "South Korea")."""
    mine = _stems(e.text)
    return any(mine & _stems(o.text) and not _places_apart(e, o) for o in others)


def _places_apart(x: EntitySlot, y: EntitySlot) -> bool:
    """Two place names the gazetteer knows that name different places."""
    if LABEL_GROUP.get(x.label) != "place" or LABEL_GROUP.get(y.label) != "place":
        return False
    return place_path(x.text) is not None and place_path(y.text) is not None and not places_compatible(x.text, y.text)


# the words before a name that make it whom a source spoke to or who spoke ("her rep told People", "confirmed to
# People and Us Weekly", "according to CNN"): sourcing, which outlets give differently without contradicting each
# other (ECB+ train: "told People" / "told Us"); the attribution rule compares speakers
_AUDIENCE = re.compile(r"\b(?:told|(?:confirmed|said|stated|explained|revealed)\s+to|according\s+to|reported\s+by|"
                       r"quoted\s+by|cited\s+by)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+(?:and|&)\s+)?$")


@lru_cache(maxsize=1 << 15)  # asked of every name of both claims of a pair, for every pair: a claim's names recur
def _audience(text: str, end: int, label: str) -> bool:
    """Whether the name ending the words ``text[:end]`` is whom a source spoke to or who spoke (``_AUDIENCE``). A
    person told something is the one the news is about ("the North Korean despot told Trump he was pleased ...");
    the outlets a source tells ("told People", "told Reuters", "told Us Weekly") are no person."""
    m = _AUDIENCE.search(text, 0, end)
    return m is not None and not (label == "PERSON" and m.group(0).lower().startswith("told"))


def _aside(c: Claim, e: EntitySlot) -> bool:
    """Whether a name is aside from what the claim states about its kind of thing: a member of a list of names
    (``_listed``) or whom a source spoke to or who spoke (``_audience``)."""
    return _listed(c, e) or _audience(c.text, e.start - c.start, e.label)


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|&\s+)?|and\s+|or\s+|&\s+|/)(?:the\s+)?", re.IGNORECASE)


def _listed(c: Claim, e: EntitySlot) -> bool:
    """Whether a name is a member of a list of names of its kind in the claim ("Europe, the Middle East and Asia",
    "between Italy and Egypt"): a run of such names with only a comma, "and", "or", "&" or "/" (and "the")
    between neighbours, joined by a conjunction somewhere or three names long. "Austin, Texas" (a place and where
    it lies) is no list. Places and groups only: outlets list the regions or nationalities a story touches each in
    their own way, while "Smith and Jones were arrested" / "Smith and Brown were arrested" name other people."""
    group = LABEL_GROUP.get(e.label)
    if group not in ("place", "group"):
        return False
    names = sorted((o for o in c.slots.entities if LABEL_GROUP.get(o.label) == group), key=lambda o: o.start)
    runs: list[list[EntitySlot]] = []
    joined: list[bool] = []
    for o in names:
        gap = c.text[runs[-1][-1].end - c.start:o.start - c.start] if runs and runs[-1][-1].end <= o.start else None
        if gap is not None and _LIST_GAP.fullmatch(gap):
            runs[-1].append(o)
            joined[-1] = joined[-1] or gap.strip(" ,").lower() not in ("", "the")
        else:
            runs.append([o])
            joined.append(False)
    return any(any(o is e for o in run) and len(run) > 1 and (joined[k] or len(run) > 2)
               for k, run in enumerate(runs))


def _distance(x: object, y: object) -> float:
    """How far apart two clashing values are, to pair a value with its closest rival when a claim states
    several (two dates: the one of the same year and month; two counts: the nearer in ratio)."""
    if isinstance(x, DateSlot) and isinstance(y, DateSlot):
        common = next((i for i, (p, q) in enumerate(zip(x.value, y.value)) if p != q), min(len(x.value), len(y.value)))
        return -float(common)
    if isinstance(x, NumberSlot) and isinstance(y, NumberSlot):
        lo, hi = sorted((abs(x.value), abs(y.value)))
        return hi / lo if lo else float("inf")
    return 0.0


# ---- word rules: speakers, exclusive values, polarity ----------------------------------------------------------

# a speaker that begins with a quantifier (lexicon.QUANTIFIER: "a senior Democrat", "several officials")
_QUANTIFIED_SPEAKER = re.compile(QUANTIFIER + r"\s", re.IGNORECASE)


def _speaker(c: Claim) -> str | None:
    """The claim's attributed speaker when it is a named person, organisation or place (not "870 cases", not an
    unnamed "a senior Democrat": anyone of a group is no one in particular)."""
    who = c.slots.attribution
    if not who or any(ch.isdigit() for ch in who) or _QUANTIFIED_SPEAKER.match(who):
        return None
    named = [e for e in c.slots.entities if e.label in ("PERSON", "ORG", "GPE", "NORP")]
    return who if any(e.text in who or who in e.text for e in named) else None


def _attribution_clash(a: Claim, b: Claim) -> _Clash | None:
    wa, wb = _speaker(a), _speaker(b)
    if not wa or not wb:
        return None
    na, nb = set(fold_words(wa).split()), set(fold_words(wb).split())
    if not na or not nb or na & nb:
        return None
    return _Clash("attribution", "attribution", "speaker", _Value("speaker", wa, word_span(a, wa), wa),
                  _Value("speaker", wb, word_span(b, wb), wb), prefix="said by ")


def _reason_clash(a: Claim, b: Claim, reason: Reason | None, *, rule: str, subject: str) -> _Clash | None:
    """A clash from a rule that returns a Reason with one word value per side (exclusive values)."""
    if reason is None:
        return None
    va, vb = reason.values[0][1], reason.values[1][1]
    m = re.search(r" \(([^()]*)\)$", reason.detail)
    suffix = f" ({m.group(1)})" if m else ""
    subject = f"{subject}:{m.group(1)}" if m else subject
    return _Clash(reason.kind, rule, subject, _Value(subject, va, word_span(a, va), va),
                  _Value(subject, vb, word_span(b, vb), vb), suffix=suffix)


def _ordinal_subject(a: Claim, value: str) -> str:
    for n in a.slots.numbers:
        if n.kind == "ordinal" and n.text == value and n.unit:
            return f"ordinal:{n.unit.lower()}"
    return "ordinal"


def residual_overlap(a_text: str, b_text: str, drop_a: str = "", drop_b: str = "") -> float:
    """Jaccard overlap of the two texts' words once the differing parts (a name, a speaker) are removed:
    near 1 when the rest of the statement is the same."""
    wa, wb = _word_set(a_text), _word_set(b_text)
    if drop_a:
        wa = wa - _word_set(drop_a)
    if drop_b:
        wb = wb - _word_set(drop_b)
    # the cached sets themselves when nothing is dropped, and the union's size from the intersection's (no new set):
    # the statement split measures every linked pair of a large cluster
    shared = len(wa & wb)
    return shared / max(1, len(wa) + len(wb) - shared)


@lru_cache(maxsize=65536)
def _word_set(text: str) -> frozenset[str]:
    """The folded words of a text (cached: a claim's text is measured against many others)."""
    return frozenset(fold_words(text).split())


def _negated_word(tokens: list[str], i: int) -> str | None:
    """The content word a negation cue at ``tokens[i]`` negates: the next word, past "be", "been", "a", ..."""
    for w in tokens[i + 1:i + 4]:
        if w in NEGATION_CUES:
            return None
        if w not in NEGATION_SKIP:
            return None if w in NO_NEGATED_WORD_AFTER else w
    return None


def _negated_words(tokens: list[str]) -> tuple[set[str], set[str]]:
    """(base forms of words under a negation cue, base forms of words that occur without one)."""
    neg_idx: dict[int, str] = {}
    for i, w in enumerate(tokens):
        if w in NEGATION_CUES:
            target = _negated_word(tokens, i)
            if target is not None:
                j = tokens.index(target, i + 1)
                neg_idx[j] = w
    under, free = set(), set()
    for i, w in enumerate(tokens):
        (under if i in neg_idx else free).update(base_forms(w))
    return under, free


# a clause giving what reports the sentence disputes said, up to the next comma ("Despite reports last week that
# said Gary Ross would not be returning to direct the sequel, it seems he will be back": ECB+ train)
_DISPUTED = re.compile(r"\b(?:despite|contrary\s+to|denying|denied|dismissing|dismissed|rejecting|rejected)\s+"
                       r"(?:[\w'’-]+\s+){0,3}?(?:reports?|rumou?rs?|claims?|speculation|suggestions?)\b[^,;]*(?=[,;])",
                       re.IGNORECASE)


@lru_cache(maxsize=1 << 12)  # a cluster's claims meet each other: a few thousand texts hold its hits
def _negation_view(text: str) -> tuple[tuple[str, ...], int]:
    """A text's tokens without its disputed-reports clause and how many of them are negation cues; cached: a
    claim's text meets many others."""
    tokens = tuple(words(_DISPUTED.sub(" ", text)))
    return tokens, sum(w in NEGATION_CUES for w in tokens)


@lru_cache(maxsize=1 << 12)
def _negation_forms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The base forms of a text's words under a negation and free of one (``_negated_words`` of ``_negation_view``'s
    tokens): read only for a pair where one side has more negation cues than the other (few pairs; computing them
    for every text was ~0.5 s sampled of a ~61 s 1,000-article comparison)."""
    under, free = _negated_words(list(_negation_view(text)[0]))
    return frozenset(under), frozenset(free)


def inserted_negation(a_text: str, b_text: str) -> tuple[str, str] | None:
    """A word negated in one text ("was not known") that the other states without a negation ("was known"),
    anywhere in the sentence (also in a relative or subordinate clause); returns (cue phrase, plain word)
    oriented as (a, b), or None. What disputed reports said ("Despite reports last week that said Ross would not be
    returning, ...") is not what the sentence states: that clause is left out."""
    (ta, cues_a), (tb, cues_b) = _negation_view(a_text), _negation_view(b_text)
    for x, cues_x, text_x, y, cues_y, text_y, flip in ((ta, cues_a, a_text, tb, cues_b, b_text, False),
                                                       (tb, cues_b, b_text, ta, cues_a, a_text, True)):
        if cues_x <= cues_y:
            continue  # "did not offer a raise" / "offered no raise": the negation moved, not added
        free_x = _negation_forms(text_x)[1]
        under_y, free_y = _negation_forms(text_y)
        for i, w in enumerate(x):
            if w not in NEGATION_CUES:
                continue
            target = _negated_word(x, i)
            if target is None:
                continue
            forms = base_forms(target)
            # the other side states the word, never negated, and this side never states it plainly
            if forms & free_y and not forms & under_y and not forms & free_x:
                # the plain side's own word ("found" for "not find")
                neg, plain = f"{w} {target}", next((v for v in y if base_forms(v) & forms), target)
                return (plain, neg) if flip else (neg, plain)
    return None


def _to_comma(text: str, tokens: list[str], i: int) -> list[str]:
    """The tokens after ``tokens[i]`` up to the end of its clause (the next comma, semicolon or colon of ``text``):
    "was not immediately known, said the Press Democrat" stops before the speaker."""
    marked = words(re.sub(r"[,;:]", " zzstop ", text))
    # the i-th token of ``tokens`` is the i-th non-marker token of ``marked``
    seen, start = -1, len(marked)
    for k, w in enumerate(marked):
        if w != "zzstop":
            seen += 1
            if seen == i:
                start = k + 1
                break
    out = []
    for w in marked[start:]:
        if w == "zzstop":
            break
        out.append(w)
    return out


def _negates_stated_word(negated: Claim, plain: Claim, *, window: int = 3,
                         same_rest: float = CompareConfig.residual_alone) -> bool:
    """Whether what a claim's main-clause negation negates is stated on the other side: the negated word, or one
    of the first ``window`` content words after the cue when the negated word is a light one ("may not be required
    to include" / "include", "are not taking part in the race" / "race") or the two claims share ``same_rest`` of
    their words besides the cue and the negated word (one sentence, the negated word changed too: "was not the fifth
    strong quake" / "was the third strong quake"). "will not affect the playing status" / "will play"
    negate different things: no conflict. True when the negated word cannot be read."""
    tokens = words(negated.stated)
    cue = (negated.slots.negation_cue or "").lower()
    at = [i for i, w in enumerate(tokens) if w == cue or (w in NEGATION_CUES and not cue)]
    targets = {t for t in (_negated_word(tokens, i) for i in at) if t is not None}
    if not targets:
        return True
    stated = set().union(*(base_forms(w) for w in words(plain.stated)))
    if any(base_forms(t) & stated for t in targets):
        return True
    scope: set[str] = set()
    heavy: set[str] = set()
    drop = " ".join([*targets, *(tokens[i] for i in at)])  # "not" and "fifth" of "not the fifth strong quake"
    one_sentence = residual_overlap(negated.stated, plain.stated, drop) >= same_rest
    for i in at:
        light = tokens[i] in NEGATION_OF_THING or _negated_word(tokens, i) in NEGATION_LIGHT or one_sentence
        content = [w for w in _to_comma(negated.stated, tokens, i) if w not in FUNCTION_WORDS and w not in NEGATION_SKIP
                   and w not in NEGATION_CUES and w not in REPORTING_WORDS and len(w) > 1]  # "of", "said": nothing
        (scope if light else heavy).update(content[:window])
    # after a word that carries what is denied ("will not affect the playing status" / "will play"), one word said
    # on the other side is not enough; two are ("did not attend the summit in Hanoi" / "joined the summit in Hanoi")
    return any(base_forms(w) & stated for w in scope) or sum(bool(base_forms(w) & stated) for w in heavy) >= 2


def _polarity_clash(a: Claim, b: Claim) -> _Clash | None:
    """One claim negated and the other not (in the main clause, or a word negated on one side only), or a
    word on one side and its opposite on the other."""
    na, nb = a.slots.negated, b.slots.negated
    if na != nb and not negation_judged_elsewhere(b if nb else a, a if nb else b) and \
            _negates_stated_word(b if nb else a, a if nb else b):
        def side(c: Claim, negated: bool) -> _Value:
            if not negated:
                return _Value("polarity", "affirmed", _claim_span(c), None)
            cue = c.slots.negation_cue
            return _Value("polarity", f"negated ('{cue}')" if cue else "negated",
                          word_span(c, cue) if cue else _claim_span(c), None)
        return _Clash("negation", "negation", "polarity", side(a, na), side(b, nb))
    # a denial on either side is the denial rule's (exclusive.denial_conflict): "denied that it had sacked" / "had not
    # sacked" agree
    ins = None if denies(a) or denies(b) else inserted_negation(a.stated, b.stated)
    if ins is not None:
        subject = f"polarity:{ins[0].split()[-1] if ins[0].split()[0] in NEGATION_CUES else ins[1].split()[-1]}"
        return _Clash("negation", "inserted-negation", subject, _Value(subject, ins[0], word_span(a, ins[0]), None),
                      _Value(subject, ins[1], word_span(b, ins[1]), None), prefix="'", suffix="'")
    pair = antonym_pair(a.stated, b.stated)
    if pair is not None and not opposites_at_other_times(a, pair[0], b, pair[1]):
        subject = "opposites:" + "/".join(sorted(pair))
        return _Clash("negation", "opposites", subject, _Value(subject, pair[0], word_span(a, pair[0]), None),
                      _Value(subject, pair[1], word_span(b, pair[1]), None), prefix="'", suffix="' (opposites)")
    return None


def _clash_detail(values: list[str], clash: _Clash) -> str:
    if clash.rule in ("inserted-negation", "opposites"):
        return " vs ".join(f"'{v}'" for v in values) + (" (opposites)" if clash.rule == "opposites" else "")
    return clash.prefix + " vs ".join(values) + clash.suffix


def _as_reason(clash: _Clash) -> Reason:
    return Reason(kind=clash.kind, detail=_clash_detail([clash.a.label, clash.b.label], clash),  # type: ignore[arg-type]
                  values=((clash.a.span.source, clash.a.label), (clash.b.span.source, clash.b.label)))


# ---- one pair: every rule --------------------------------------------------------------------------------------

def _ungated(clash: _Clash) -> bool:
    return clash.kind in ("date", "number") and clash.rule in ("date", "number", "template", "zero-count")


def _gate(a: Claim, b: Claim, similarity: float, clash: _Clash, config: CompareConfig, *,
          aside: tuple[str, str] = ("", ""), partners: bool = False) -> bool:
    """Whether a clash counts for a pair this similar: slot values from ``min_similarity``; a different name,
    speaker or exclusive value needs the rest of the sentence to match; polarity needs ``polarity_*``.
    ``aside``: the words of each side's differences already found (``_set_aside``), left out of "the rest"."""
    drop_a, drop_b = f"{clash.a.label} {aside[0]}", f"{clash.b.label} {aside[1]}"
    if clash.kind == "negation":
        # partners of one statement this close ("sent off" / "not sent off despite a late challenge"); an opposite
        # word ("arrested" / "released") keeps the stricter overlap: both can be true of one story
        close = partners and clash.rule != "opposites" and similarity >= config.statement_min_similarity
        residual = config.partner_residual if close else config.polarity_residual
        return (similarity >= config.polarity_min_similarity
                and residual_overlap(a.stated, b.stated, drop_a, drop_b) >= residual)
    if clash.rule == "zero-count" and clash.outcome:
        return True  # one outcome's count of zero against a count above zero, whatever the cosine (exclusive.py)
    if _ungated(clash):
        # a date or number needs no more than a compared pair, except between partners under min_similarity:
        # "Smith was arrested on 18 January" / "Smith's lawyer said on 21 January ..." share a name, not a statement
        return similarity >= config.min_similarity or \
            residual_overlap(a.stated, b.stated, drop_a, drop_b) >= config.residual_overlap or \
            _beside_shared_toll(a, b, similarity, clash, config)
    if partners and clash.rule == "ordinal":
        return True
    if partners and clash.rule == "exclusive" and clash.kind == "date" and \
            similarity >= config.statement_min_similarity and not (
                another_moment(a.text, clash.a.span.start - a.start, clash.a.span.end - a.start)
                or another_moment(b.text, clash.b.span.start - b.start, clash.b.span.end - b.start)):
        # when one statement happened (a weekday, a time of day) between its partners, as dates are: "killed four
        # workers on Wednesday morning" / "on Tuesday morning, killing three workers" (the other words paraphrased);
        # not a value in a side clause (", which began Saturday near ...") or a possessive ("Sunday's game"): that
        # may be another moment's (ECB+ train/dev: "the winner of Friday's second semifinal" / "In Saturday's
        # semifinals", "arrested early yesterday ... will play in Sunday's game" / "arrested on Tuesday morning")
        return True
    # A different name in merely related sentences is normal; in the same statement it is a conflict:
    # the words around the names must be (nearly) the same, or the embeddings must call it the same
    # statement and most of the words around the names must match.
    rest = residual_overlap(a.stated, b.stated, drop_a, drop_b)
    if partners and clash.kind == "entity" and rest >= config.residual_overlap and (
            (same_frame(clash.a.slot, clash.b.slot) and similarity >= config.statement_min_similarity)
            or (_same_place(a, b, clash) and similarity >= config.partner_min_similarity)):
        return True  # one statement's partners naming another name in one frame: "landing at Munich Airport" / "at
        # Frankfurt Airport" (exclusive.same_frame), or between the same words: "Drummond conceded defeat on Sunday
        # night" / "Kessler conceded defeat late on Sunday"
    if clash.rule == "ordinal" and similarity >= config.ordinal_min_similarity and rest >= config.ordinal_residual:
        return True  # one occurrence's number in a paraphrase: "to close in the third / fourth quarter"
    return rest >= config.residual_alone or (similarity >= config.entity_min_similarity
                                             and rest >= config.residual_overlap)


def _same_place(a: Claim, b: Claim, clash: _Clash) -> bool:
    """Whether the two names of an entity clash stand between the same words of their claims (``_around``: the word
    before and the word after, a claim's edge counting as a word, not both edges): the same role in the sentence,
    as a subject before one verb ("Drummond conceded" / "Kessler conceded")."""
    x, y = clash.a.slot, clash.b.slot
    if not isinstance(x, EntitySlot) or not isinstance(y, EntitySlot):
        return False
    (bx, ax), (by, ay) = _around(a, x), _around(b, y)
    return bool(bx or ax) and bx.lower() == by.lower() and \
        bool(base_forms(ax.lower()) & base_forms(ay.lower()) if ax and ay else ax == ay)


# a negation's own words, set aside with it: the cue and the do-support it brings ("did not begin" / "began")
_NEGATION_WORDS = " ".join(sorted(NEGATION_CUES | {"do", "does", "did", "didn", "doesn", "don", "t"}))


def _set_aside(clash: _Clash) -> tuple[str, str]:
    """The words of each side of a clash that "the rest of the sentence" leaves out: the values' words (a name,
    a date, a count), or a negation's cue and do-support; never a whole claim ("affirmed" points at the claim)."""
    if clash.kind == "negation":
        return _NEGATION_WORDS + f" {clash.a.label}", _NEGATION_WORDS + f" {clash.b.label}"
    return clash.a.span.text, clash.b.span.text


def _gated(a: Claim, b: Claim, similarity: float, found: list[_Clash], config: CompareConfig, *,
           partners: bool = False) -> list[_Clash]:
    """The clashes that pass their gate, in the order found. Each edit changes one value and leaves the rest of
    the statement: a clash's gate compares the two sentences without the differences already accepted (a changed
    date, count, negation or name), so a second and third difference in one sentence are each reported instead of
    lowering the overlap that lets the others count. Slot values (dates, numbers) are accepted first, then every
    gated clash that passes given those, repeated until nothing more passes. A different name that is the
    different speaker of an attribution clash is that clash, not a second one."""
    if not found:
        return []
    kept = {i for i, c in enumerate(found) if _ungated(c) and _gate(a, b, similarity, c, config, partners=partners)}
    while True:
        asides = [_set_aside(found[i]) for i in sorted(kept)]
        aside = (" ".join(x for x, _ in asides), " ".join(y for _, y in asides))
        new = {i for i, c in enumerate(found)
               if i not in kept and _gate(a, b, similarity, c, config, aside=aside, partners=partners)}
        if not new:
            break
        kept |= new
    speakers = [found[i] for i in kept if found[i].kind == "attribution"]
    return [c for i, c in enumerate(found) if i in kept and not (c.kind == "entity" and any(
        _within(c.a.span, s.a.span) and _within(c.b.span, s.b.span) for s in speakers))]


def _within(x: ValueSpan, y: ValueSpan) -> bool:
    return y.start <= x.start and x.end <= y.end


def comparable(a: Claim, b: Claim, similarity: float, *, config: CompareConfig, partners: bool = False) -> bool:
    """Whether two claims are similar enough to compare: a cosine of ``min_similarity`` (``partner_min_similarity``
    for one statement's partners in a finding, see ``_clashes``; below ``min_similarity`` a date or number clash
    then needs the rest of the two sentences to match, see ``_gate``), or ``toll_min_similarity`` for two claims
    that state one outcome count alike (``shared_toll``), or the same words (``residual_overlap`` of
    at least ``compare.twin_overlap``, or one ``statement_template``) whatever the cosine: a sentence with values
    changed is the same statement even when the changed names pull its embedding away."""
    floor = config.partner_min_similarity if partners else config.min_similarity
    return similarity >= floor or _toll_compared(a, b, similarity, config) or _twins(
        _word_set(a.stated), _word_set(b.stated), _template(a, config.template_min_words),
        _template(b, config.template_min_words), overlap=config.twin_overlap)


def shared_toll(a: Claim, b: Claim) -> bool:
    """Whether two claims state one outcome count alike: a count with a role (dead, injured, arrested ...) of the
    same value, counted noun and role on both sides ("Ten people are killed" / "killing 10 people")."""
    return any(x.kind == "count" and x.role and y.kind == "count" and x.value == y.value
               and quantity_key(x) == quantity_key(y) for x in a.slots.numbers for y in b.slots.numbers)


def _beside_shared_toll(a: Claim, b: Claim, similarity: float, clash: _Clash, config: CompareConfig) -> bool:
    """Whether a number clash is a different count of an outcome ("about 50 hurt" / "injuring 80") between two
    claims at least ``toll_min_similarity`` alike that state another outcome count alike (``shared_toll``: "Ten
    people are killed" / "killing 10 people"): one occurrence's toll, whatever the rest of their words."""
    x = clash.a.slot
    return (clash.rule == "number" and isinstance(x, NumberSlot) and x.kind == "count" and bool(x.role)
            and _toll_compared(a, b, similarity, config))


def _toll_compared(a: Claim, b: Claim, similarity: float, config: CompareConfig) -> bool:
    """Whether two claims are compared for their shared toll (``comparable``, ``_beside_shared_toll``): at least
    ``toll_min_similarity`` alike, stating one outcome count alike (``shared_toll``) and of no different occasion
    (``exclusive.occasions_differ``: "A car bomb in Kabul killed two people" / "A roadside bomb in Kandahar killed
    two people" are two attacks whose other counts differ freely)."""
    return (similarity >= config.toll_min_similarity and shared_toll(a, b)
            and not occasions_differ(a, b, tolerance=config.time_tolerance))


def _twins(wa: frozenset[str], wb: frozenset[str], ta: str | None, tb: str | None, *, overlap: float) -> bool:
    """Two claims' word sets share ``overlap`` of their words (Jaccard), or their templates are one. The word
    sets' sizes bound the overlap (it is at most the smaller over the larger), which skips most pairs cheaply."""
    if ta is not None and ta == tb:
        return True
    small, large = sorted((len(wa), len(wb)))
    return small >= overlap * large and len(wa & wb) >= overlap * max(1, len(wa | wb))


def same_template(a: Claim, b: Claim, *, min_words: int) -> bool:
    """Whether two claims have one ``statement_template`` (the same wording around different values)."""
    ta = _template(a, min_words)
    return ta is not None and ta == _template(b, min_words)


# by the claim's identity: an lru_cache hashes the whole claim (every slot) on each of the ~140k lookups of a
# 1,000-article comparison (~2 us each)
@by_claim(1 << 14)
def _template(claim: Claim, min_words: int) -> str | None:
    return statement_template(claim, min_words=min_words)


def _named(found: list[_Clash]) -> frozenset[str]:
    """The names already in a name clash of the pair (the later name rules leave them alone)."""
    return frozenset(v.label for c in found if c.kind == "entity" for v in (c.a, c.b))


def _clashes(a: Claim, b: Claim, similarity: float, *, config: CompareConfig, nli=None,  # noqa: ANN001
             partners: bool = False) -> list[_Clash]:
    """Every clash between two claims that passes its gate. ``partners``: the two claims are one statement's
    partners in a finding (each the other's closest in its source), so an ordinal of one noun needs no word
    overlap and a negation ``compare.partner_residual``: a finding that holds "was sent off in the second half"
    and "was not sent off despite a late challenge" must not read as agreed."""
    if restated(a, b):  # one sentence in two sources (wire copy): nothing in it can clash with itself
        return []
    asked, untaken = False, None  # the swapped-name clash with no name taken, once searched
    # the zero-count rule and whether it holds whatever the cosine (one occasion), each asked once per pair
    zero = zero_count_conflict(a, b)
    one_occasion = zero is not None and outcome_conflict(a, b, tolerance=config.time_tolerance, zero=zero) is not None
    if not comparable(a, b, similarity, config=config, partners=partners):
        if one_occasion:  # "Nobody was hurt" / "Two passengers were injured": far apart, one statement
            return [c for c in (_zero_clash(a, b, zero, one_occasion),) if c is not None]
        if residual_overlap(a.stated, b.stated) < config.residual_overlap:
            return []
        asked, untaken = True, _swapped_name_clash(a, b)
        if not _renamed_one_wording(a, b, untaken, min_words=config.template_min_words):
            return []
    found: list[_Clash] = []
    for rule in _slot_rules(config):
        found += _slot_clashes(a, b, rule)
    if not any(c.kind == "entity" for c in found):  # a different name in the same frame ("port of X" / "of Y")
        found += [c for c in (_frame_clash(a, b),) if c is not None]
    # a name in the same words, tagged with another label (also beside another changed name of the sentence); the
    # search skips only taken names, so the clash found with none taken stands when neither of its names is taken
    # since (searched once per pair, not twice)
    taken = _named(found)
    if asked and (untaken is None or not {untaken.a.label, untaken.b.label} & taken):
        swapped = untaken
    else:
        swapped = _swapped_name_clash(a, b, taken=taken)
    found += [swapped] if swapped is not None else []
    # a changed name the tagger ran into its unchanged neighbour ("Essex-US" / "DPRK-US")
    found += _merged_name_clashes(a, b, taken=_named(found))
    for clash in (_attribution_clash(a, b),
                  _reason_clash(a, b, scale_conflict(a, b), rule="exclusive", subject="scale"),
                  _reason_clash(a, b, time_conflict(a, b, tolerance=config.time_tolerance), rule="exclusive",
                                subject="scale"),
                  _ordinal_reason_clash(a, b),
                  _reason_clash(a, b, nth_time_conflict(a, b), rule="exclusive", subject="ordinal"),
                  _zero_clash(a, b, zero, one_occasion),
                  _reason_clash(a, b, category_conflict(a, b), rule="category", subject="thing"),
                  _reason_clash(a, b, direction_conflict(a, b, tolerance=config.approx_tolerance), rule="direction",
                                subject="number"),
                  _reason_clash(a, b, denial_conflict(a, b), rule="denial", subject="polarity:denial"),
                  _polarity_clash(a, b)):
        if clash is not None:
            found.append(clash)
    # one wording around the values: the same statement, whatever the cosine the changed values leave it
    one_wording = same_template(a, b, min_words=config.template_min_words) or \
        _renamed_one_wording(a, b, swapped, min_words=config.template_min_words)
    if one_wording:
        found = _out_of_place_dropped(a, b, found)
        found += _template_number_clashes(a, b, tolerance=config.approx_tolerance)
        found += _template_entity_clashes(a, b, taken=_named(found))
    kept = _gated(a, b, 1.0 if one_wording else similarity, found, config, partners=partners)
    if not kept and nli is not None:
        reason = nli(a, b)
        if reason is not None:
            kept.append(_Clash("nli", "nli", "statement", _Value("statement", a.text, _claim_span(a), None),
                               _Value("statement", b.text, _claim_span(b), None)))
    return kept


_PLACED_SLOTS = ("dates", "numbers", "entities")  # the Slots fields whose values carry offsets into the article


def restated(a: Claim, b: Claim) -> bool:
    """Whether two claims are one sentence repeated: the same words, kind and unstated gaps, and the same slots
    read off them (offsets shifted by where each claim starts; every other field, e.g. a relative date's resolved
    value, equal). No clash rule can find a conflict between such claims, so the comparison skips them: on the
    1,000-article benchmark corpus 38,095 of its 109,251 compared pairs were such repeats, and every one of them
    had no clash."""
    if a.text != b.text or a.kind != b.kind:
        return False
    shift = b.start - a.start
    if len(a.gaps) != len(b.gaps) or any((gs + shift, ge + shift) != g for (gs, ge), g in zip(a.gaps, b.gaps)):
        return False
    sa, sb = a.slots, b.slots
    for name in _PLACED_SLOTS:
        xs, ys = getattr(sa, name), getattr(sb, name)
        if len(xs) != len(ys) or not all(_moved(x, y, shift) for x, y in zip(xs, ys)):
            return False
    return _unplaced(sa) == _unplaced(sb)


def _moved(x: object, y: object, shift: int) -> bool:
    """Whether slot ``y`` is slot ``x`` moved ``shift`` characters on: ``y == dataclasses.replace(x, start=x.start +
    shift, end=x.end + shift)`` without building the moved copy (~1 s sampled of a 1,000-article comparison)."""
    if x.__class__ is not y.__class__ or y.start != x.start + shift or y.end != x.end + shift:  # type: ignore[attr-defined]
        return False
    rest = _unmoved_fields(x.__class__)
    return rest(x) == rest(y)  # a tuple each, compared as the dataclass compares its fields


@functools.lru_cache(maxsize=None)  # one per slot class
def _unmoved_fields(cls: type) -> Callable[[object], tuple]:
    """The compared fields of a slot class but its offsets, as one tuple getter."""
    names = tuple(f.name for f in dataclasses.fields(cls) if f.compare and f.name not in ("start", "end"))
    return lambda x: tuple(getattr(x, n) for n in names)


def _unplaced(slots: object) -> tuple:
    """The fields of a claim's Slots other than ``_PLACED_SLOTS``."""
    return tuple(getattr(slots, n) for n in _UNPLACED)


_UNPLACED = tuple(f.name for f in dataclasses.fields(Slots) if f.name not in _PLACED_SLOTS)


def _zero_clash(a: Claim, b: Claim, zero: Reason | None, one_occasion: bool) -> _Clash | None:
    """The zero-count clash of a pair (``zero``: its ``zero_count_conflict``), marked when it holds whatever the
    cosine (``one_occasion``: ``outcome_conflict`` found it)."""
    clash = _reason_clash(a, b, zero, rule="zero-count", subject="number:zero")
    return None if clash is None else dataclasses.replace(clash, outcome=one_occasion)


def _out_of_place_dropped(a: Claim, b: Claim, found: list[_Clash]) -> list[_Clash]:
    """The clashes without the name clashes of the slot rule that pair two tagged names standing in different
    places of one wording: there names are compared place by place (``_template_entity_clashes``), whatever labels
    the tagger gave them ("in the Saxon capital Dresden" / "in the Whitmore capital Rotterdam" tagged PERSON, GPE /
    NORP, PERSON is "Saxon vs Whitmore" and "Dresden vs Rotterdam", not "Saxon vs Rotterdam")."""
    placed = _in_place(a.slots.entities, b.slots.entities)
    if not placed:
        return found
    partner = {id(x): y for x, y in placed}
    ids_a, ids_b = {id(e) for e in a.slots.entities}, {id(e) for e in b.slots.entities}
    return [c for c in found if not (c.kind == "entity" and c.rule == "entity" and id(c.a.slot) in ids_a
                                     and id(c.b.slot) in ids_b and partner.get(id(c.a.slot)) is not c.b.slot)]


def _renamed_one_wording(a: Claim, b: Claim, swapped: _Clash | None, *, min_words: int) -> bool:
    """Whether two claims have one ``statement_template`` once the name found in its place on the side where the
    tagger missed it (``swapped``, from ``_swapped_name_clash``) counts as a name there: "Northfield Rovers won 3-1
    against ..." / "Eastbridge did not win 9-1 against ..." ("Eastbridge" untagged) is one wording with three
    values changed, compared as one statement whatever the cosine the three edits leave it."""
    if swapped is None:
        return False
    templates = []
    for c, value in ((a, swapped.a), (b, swapped.b)):
        slot = value.slot
        if isinstance(slot, EntitySlot) and slot not in c.slots.entities:
            templates.append(_renamed_template(c, slot, min_words))
        else:
            templates.append(_template(c, min_words))
    return templates[0] is not None and templates[0] == templates[1]


# a claim meets the same untagged name in its place pair after pair: its template with that name is built once
@by_claim(1 << 14)
def _renamed_template(c: Claim, slot: EntitySlot, min_words: int) -> str | None:
    """The ``statement_template`` of a claim with ``slot`` as a name of it: the run found in its place replaces the
    part of it the tagger took for a name ("Helix" of "The Helix Pharma city council"), so no word of the run is
    left in the wording."""
    kept = tuple(o for o in c.slots.entities if not (slot.start <= o.start and o.end <= slot.end))
    return statement_template(dataclasses.replace(c, slots=dataclasses.replace(c.slots, entities=(*kept, slot))),
                              min_words=min_words)


def _frame_clash(a: Claim, b: Claim) -> _Clash | None:
    reason = frame_conflict(a, b)
    if reason is None:
        return None
    va, vb = reason.values[0][1], reason.values[1][1]
    ea = next((e for e in a.slots.entities if e.text == va), None)
    eb = next((e for e in b.slots.entities if e.text == vb), None)
    if ea is None or eb is None or not ea.role:
        return None
    subject = f"frame:{ea.role}"
    return _Clash("entity", "frame", subject, _Value(subject, va, _span(a, ea.start, ea.end, ea.text), ea),
                  _Value(subject, vb, _span(b, eb.start, eb.end, eb.text), eb), suffix=f" ({ea.role})")


_GROUP_LABEL = {"person": "PERSON", "org": "ORG", "place": "GPE", "group": "NORP"}
# up to four capitalised words; an apostrophe inside a name ("O'Brien"), not a possessive ("Lesbos's interior
# minister": the name is "Lesbos")
_NAME_RUN = r"((?:[A-Z](?:[\w.-]|['’](?!s\b))*\s+){0,3}[A-Z](?:[\w.-]|['’](?!s\b))*)"


_DO = frozenset({"do", "does", "did"})
_SKIP_AFTER = NEGATION_CUES | _DO | {"didn", "doesn", "don", "t"}  # "Valmora worked" / "Corvara did not work"
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _around(claim: Claim, e: EntitySlot) -> tuple[str, str]:
    """The word just before and the first word after a name in its claim, past a negation and its do-support ("" at
    the claim's edges)."""
    return _around_at(claim.text, max(0, e.start - claim.start), max(0, e.end - claim.start))


@lru_cache(maxsize=1 << 12)  # each name of a claim is looked up against every claim it is paired with
def _around_at(text: str, start: int, end: int) -> tuple[str, str]:
    before = _WORD.findall(text[:start])
    # the first word past the skipped ones, read word by word (the rest of the sentence is never needed)
    after = next((w for m in _WORD.finditer(text[end:]) if (w := m.group()).lower() not in _SKIP_AFTER), "")
    return (before[-1] if before else ""), after


def _follows(text: str, word: str, pos: int = 0) -> bool:
    """Whether ``text[pos:]`` starts (past punctuation, a negation and its do-support) with a form of ``word``."""
    if not word:
        return not _ANY_WORD.search(text, pos)
    # the first word past the skipped ones: read word by word (a name's rest of the sentence is long, and most
    # of it is never needed)
    for m in _WORD.finditer(text, pos):
        first = m.group().lower()
        if first not in _SKIP_AFTER:
            return bool(base_forms(first) & base_forms(word.lower()))
    return False


_WORD = re.compile(r"[\w'’-]+")
_ANY_WORD = re.compile(r"\w")
_LOWER_WORD = re.compile(r"\s+([a-z][\w'’-]*)")  # a lower-case word next (``_run_end``)
_FINAL_STOP = re.compile(r"[a-z0-9]\.$")  # a sentence's stop after a name run (``_name_swap``)


# the patterns the name rules build around a claim's words, compiled once each: ``re``'s own cache (512 patterns)
# turns over on a large run, and then even its fixed patterns are compiled again and again
_regex = lru_cache(maxsize=4096)(re.compile)


def _swapped_name_clash(a: Claim, b: Claim, *, taken: frozenset[str] = frozenset()) -> _Clash | None:
    """A name on one side and a different capitalised name in the same words on the other ("saw Kim imagining" /
    "saw Helen Okafor imagining"), when the tagger gave the two names different labels or missed one: the slot
    rule compares names of one group only. The word before and the word after the name must be the same on both
    sides (a form of it past a negation: "in Valmora worked" / "in Corvara did not work"; one of them may be the
    claim's edge), the other name no month or weekday, and neither name a spelling or short form of the other.
    The other name may end in one or two lower-case words the tagger left out of it ("The Bank of Northland on
    Thursday raised" / "The Labour party on Thursday raised", ``_run_end``). Names in ``taken`` (already in
    another name clash of the pair) are left alone."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        for e, before, after in _swap_sites(x):
            if e.text in taken:
                continue
            for start, end in _runs_between(y, before, after):
                if _entity_in(e, y.slots.entities, y.stated):  # asked last: name matching is the slow part
                    break
                clash = _name_swap(x, e, y, start, end, flip)
                if clash is not None and clash.a.label not in taken and clash.b.label not in taken:
                    return clash
    return None


# the runs between two words depend on the claim and the words only, and a story's claims put its names between
# the same words: searched once per (claim, words), not once per pair (2 of 3 of the 150k lookups of a
# 1,000-article comparison hit, and a pattern is compiled only on a miss)
@by_claim(1 << 15)
def _runs_between(y: Claim, before: str, after: str) -> tuple[tuple[int, int], ...]:
    """Where a capitalised run stands in ``y`` between ``before`` and ``after`` (``_swapped_name_clash``), as (start,
    end) offsets into its text, in order: not in a gap, and ending where ``after`` follows (``_run_end``)."""
    pattern = (rf"(?:^|(?<![\w'’-]){re.escape(before)}[^\w'’]+)" if before else r"^\W*") + _NAME_RUN
    out = []
    for m in _regex(pattern).finditer(y.text):
        if y.gaps and _in_gap(y, m.start(1), m.end(1)):
            continue  # a name in words the claim does not state
        # lower-case words may end the run only between the same two words ("The ... on")
        anchored = bool(before) and after.isalpha() and (m.start(1) > 0 or m.group(1).startswith(f"{before} "))
        end = _run_end(y.text, m.end(1), after, extend=anchored) if before or m.start(1) <= 3 else None
        if end is None or (end > m.end(1) and any(
                o.start - y.start < end and m.start(1) < o.end - y.start for o in y.slots.entities)):
            continue  # lower-case words end only a name the tagger missed ("the Harry Winston boutique")
        out.append((m.start(1), end))
    return tuple(out)


@by_claim(1 << 14)  # a claim's own half of ``_swapped_name_clash``, read once per claim instead of once per pair
def _swap_sites(c: Claim) -> tuple[tuple[EntitySlot, str, str], ...]:
    """Each name of the claim that ``_swapped_name_clash`` looks for in the other claim's words, in order: (the name,
    the word before it, the word after it)."""
    out = []
    for e in c.slots.entities:
        if e.label not in LABEL_GROUP:
            continue
        before, after = _around(c, e)
        if before or after:
            out.append((e, before, after))
    return tuple(out)


# what joins two names the tagger may run into one ("North Korea – United States Singapore summit", "the second
# DPRK-US summit"): spaces, a hyphen or a dash, no comma (a comma starts a list)
_NAME_JOIN = r"[\s\-‐‑–—]{1,3}"


def _merged_name_clashes(a: Claim, b: Claim, *, taken: frozenset[str] = frozenset()) -> list[_Clash]:
    """A name the tagger ran together with its neighbouring name on one side ("Beijing Singapore", "Essex-US")
    where the other side tags the two names apart ("United States" + "Singapore", "DPRK" + "US"): the shared name
    matches, which hides that the rest of the run ("Beijing", "Essex") stands where the other side's neighbouring
    name ("United States", "DPRK") stands. The two are compared as two names: a clash unless one is a spelling,
    short form or initials of the other, a month or weekday, or the other claim states it too. Names in ``taken``
    (already in another name clash of the pair) are left alone."""
    out: list[_Clash] = []
    for x, y, flip in ((a, b, False), (b, a, True)):
        for e in x.slots.entities:
            if e.label not in LABEL_GROUP or e.text in taken:
                continue
            for f in y.slots.entities:
                clash = _merged_name_clash(x, e, y, f, flip, taken)
                if clash is not None:
                    out.append(clash)
                    taken = taken | {clash.a.label, clash.b.label}
                    break
    return out


def _merged_name_clash(x: Claim, e: EntitySlot, y: Claim, f: EntitySlot, flip: bool,
                       taken: frozenset[str]) -> _Clash | None:
    """The clash of the rest of run ``e`` (in ``x``) that is not name ``f`` (in ``y``) with the name next to ``f``
    in ``y`` on the same side, or None (see ``_merged_name_clashes``)."""
    if f.label not in LABEL_GROUP or len(f.text) >= len(e.text) or f.text in taken or f.text not in e.text:
        return None  # (a run that does not contain f cannot be f and a neighbour)
    before = _regex(rf"(.+?){_NAME_JOIN}{re.escape(f.text)}").fullmatch(e.text)  # "Beijing" + "Singapore"
    after = _regex(rf"{re.escape(f.text)}{_NAME_JOIN}(.+)").fullmatch(e.text)  # "Singapore" + "Beijing"
    m = before or after
    if m is None:
        return None
    rest = m.group(1)
    lo = e.start + m.start(1)
    if not rest[:1].isupper() or rest.lower() in _NOT_NAMES:
        return None
    # the name next to f on the same side, joined to it as the run's parts are
    if before:
        near = [g for g in y.slots.entities if g is not f and g.end <= f.start
                and re.fullmatch(_NAME_JOIN, y.text[g.end - y.start:f.start - y.start])]
    else:
        near = [g for g in y.slots.entities if g is not f and g.start >= f.end
                and re.fullmatch(_NAME_JOIN, y.text[f.end - y.start:g.start - y.start])]
    if len(near) != 1 or near[0].label not in LABEL_GROUP or near[0].text in taken:
        return None
    g = near[0]
    mine = EntitySlot(text=rest, start=lo, end=lo + len(rest), label=e.label, key=entity_key(rest))
    if f" {fold_words(rest)} " in f" {fold_words(y.stated)} " or _entity_in(g, x.slots.entities, x.text) \
            or not _names_differ(mine, g.text, [g]):
        return None
    group = _likelier_group([g, e])
    subject = f"entity:{group}"
    ours = _Value(subject, rest, _span(x, mine.start, mine.end, rest), mine)
    theirs = _Value(subject, g.text, _span(y, g.start, g.end, g.text), g)
    a_val, b_val = (theirs, ours) if flip else (ours, theirs)
    return _Clash("entity", "entity", subject, a_val, b_val, suffix=f" ({group})")


def _names_differ(e: EntitySlot, other: str, at: list[EntitySlot]) -> bool:
    """Whether a name and the words ``other`` in its place on the other side (tagged ``at``) name different
    things: ``other`` is no month or weekday, no function word (a sentence's capitalised first word: "The HVR
    train was" / "The train was" finds "The" in the name's place), no tagged name there matches ``e``, and the two
    share no word ("Mt Cook" / "Aoraki Mount Cook") and are no spelling or short form of each other."""
    if not other or other.lower() in _NOT_NAMES or other.lower() in FUNCTION_WORDS \
            or any(entities_match(e, o) for o in at):
        return False
    return not (_stems(other) & _stems(e.text) or same_name(other, e.text))


def _stems(name: str) -> set[str]:
    """The words of a name longer than two letters, a final "s" dropped: "Krafts Food" and "Kraft Shooting" share
    "kraft" (a possessive written without its apostrophe)."""
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in fold_words(name).split() if len(w) > 2}


def _likelier_group(names: list[EntitySlot]) -> str:
    """The subject group of a clash between names the tagger labelled differently: the likelier of their groups
    (a person before an organisation before a place)."""
    groups = {LABEL_GROUP[n.label] for n in names if n.label in LABEL_GROUP}
    return next(g for g in ("person", "org", "place", "group") if g in groups)


def _template_entity_clashes(a: Claim, b: Claim, *, taken: frozenset[str]) -> list[_Clash]:
    """Names in the same place of one wording (two claims with one ``statement_template``) that name different
    things and that neither claim mentions elsewhere: "in February, Pyongyang's state media reported" / "in April,
    Vancouver's state media reported" also when the tagger labelled the two differently and the words around the
    name changed too. Names in ``taken`` (already in another name clash of the pair) are left alone."""
    out = []
    for x, y in _in_place(a.slots.entities, b.slots.entities):
        if (x.text in taken or y.text in taken or not {x.label, y.label} & set(LABEL_GROUP)
                or _audience(a.text, x.start - a.start, x.label) or _audience(b.text, y.start - b.start, y.label)
                or _entity_in(x, b.slots.entities, b.stated) or _entity_in(y, a.slots.entities, a.stated)
                or not _names_differ(x, y.text, [y])):
            continue
        group = _likelier_group([x, y])
        subject = f"entity:{group}"
        out.append(_Clash("entity", "entity", subject, _Value(subject, x.text, _span(a, x.start, x.end, x.text), x),
                          _Value(subject, y.text, _span(b, y.start, y.end, y.text), y), suffix=f" ({group})"))
    return out


def _run_end(text: str, end: int, after: str, *, extend: bool = True) -> int | None:
    """Where a run of capitalised words ending at ``end`` ends as the name in the place of another, given the word
    that follows that other name (``after``): at ``end`` when ``after`` follows it there, else (with ``extend``)
    past one or two lower-case words that are no function word ("Labour party" of "The Labour party on Thursday",
    a name whose common-noun head the tagger left out), else None."""
    for _ in range(3 if extend else 1):
        if _follows(text, after, end):  # read from ``end`` in place: no copy of the rest of the sentence
            return end
        m = _LOWER_WORD.match(text, end)
        if m is None or m.group(1) in FUNCTION_WORDS or m.group(1) in _SKIP_AFTER:
            return None
        end = m.end()
    return None


def _name_swap(x: Claim, e: EntitySlot, y: Claim, run_start: int, run_end: int, flip: bool) -> _Clash | None:
    """The clash of ``e`` (in ``x``) and the words ``y.text[run_start:run_end]`` found in its place in ``y``, or
    None when they may name the same thing."""
    run = y.text[run_start:run_end]
    start = run_start + (4 if run.startswith("The ") else 0)  # "The Jan Smit city council"
    end = run_end - (1 if _FINAL_STOP.search(run) else 0)  # "told People.": the sentence's stop
    other = y.text[start:end]
    if _audience(y.text, start, e.label):
        return None  # "her rep told People" / "told Us": whom a source spoke to, not what happened
    at = [o for o in y.slots.entities if o.start - y.start <= start < o.end - y.start]
    if not _names_differ(e, other, at) or _listed(x, e) or any(_listed(y, o) for o in at):
        return None  # "the Middle East and Asia" / "the Middle East and Europe": lists naming other members
    there = [o for o in y.slots.entities if o in at or start <= o.start - y.start < end]
    groups = [o for o in there if o.label == "NORP"]
    named = any(o.label in ("PERSON", "ORG") for o in there)
    if ((_unnamed_members(x, e) and named and not groups)
            or (e.label in ("PERSON", "ORG") and any(_unnamed_members(y, o) for o in groups))):
        return None  # "Some Republicans said" / "Speaker Pelosi said": anyone of a group is no one in particular
    group = _likelier_group([e, *at])
    subject = f"entity:{group}"
    mine = _Value(subject, e.text, _span(x, e.start, e.end, e.text), e)
    slot = EntitySlot(text=other, start=y.start + start, end=y.start + end, label=_GROUP_LABEL[group],
                      key=entity_key(other))
    theirs = _Value(subject, other, _span(y, slot.start, slot.end, other), slot)
    a_val, b_val = (theirs, mine) if flip else (mine, theirs)
    return _Clash("entity", "entity", subject, a_val, b_val, suffix=f" ({group})")


# a quantifier or number (lexicon.QUANTIFIER) before a group word: unnamed members of the group ("Some
# Republicans said", "two Americans", "a Briton"), not a name
_QUANTIFIER = re.compile(r"(?:^|[^\w'’-])" + QUANTIFIER + r"\s+$", re.IGNORECASE)


def _unnamed_members(c: Claim, e: EntitySlot) -> bool:
    """Whether a group word (NORP) is preceded by a quantifier: unnamed members of the group ("Some Republicans
    said", "two Americans were hurt"), who are no rival of a named person or organisation, as "a senior Democrat
    said" is no speaker (``_speaker``). Two groups still differ ("Some Republicans" / "Some Democrats": the slot
    rule compares names of one group; "an American" / "an Englishman" the tagger left untagged)."""
    return e.label == "NORP" and bool(_QUANTIFIER.search(c.text, 0, max(0, e.start - c.start)))


def _ordinal_reason_clash(a: Claim, b: Claim) -> _Clash | None:
    reason = ordinal_conflict(a, b)
    if reason is None:
        return None
    subject = _ordinal_subject(a, reason.values[0][1])
    va, vb = reason.values[0][1], reason.values[1][1]
    return _Clash("number", "ordinal", subject, _Value(subject, va, word_span(a, va), va),
                  _Value(subject, vb, word_span(b, vb), vb))


def pair_conflicts(a: Claim, b: Claim, similarity: float, *, config: CompareConfig) -> list[Conflict]:
    """Every conflict between two claims of different sources (each a two-sided ``Conflict``), in rule order.

    Slot rules (date, number) apply from ``min_similarity`` (from ``partner_min_similarity`` for one statement's
    partners in a finding that share most words, see ``comparable``); attribution, entity and exclusive-value
    (weekday, season, part of day, ordinal) rules need a near-identical rest of the sentence
    (``residual_alone``), or the stricter ``entity_min_similarity`` together with ``residual_overlap``;
    polarity rules need ``polarity_min_similarity`` and ``polarity_residual`` word overlap once the cue or
    opposite words are set aside: merely related sentences naturally differ in names and words.
    """
    return [_pair_conflict(c) for c in _clashes(a, b, similarity, config=config)]


def pair_reason(a: Claim, b: Claim, similarity: float, *, config: CompareConfig) -> Reason | None:
    """The first of ``pair_conflicts`` as a Reason (its headline), or None when the two claims do not conflict."""
    found = _clashes(a, b, similarity, config=config)
    return _as_reason(found[0]) if found else None


def _first_reason(clashes: list[_Clash]) -> Reason | None:
    return _as_reason(clashes[0]) if clashes else None


def date_conflict(a: Claim, b: Claim) -> Reason | None:
    """A date in each claim that matches no date of the other (the first such subject)."""
    return _first_reason(_slot_clashes(a, b, _slot_rules(CompareConfig())[0]))


def number_conflict(a: Claim, b: Claim, *, approx_tolerance: float = CompareConfig.approx_tolerance) -> Reason | None:
    """A different value for a quantity of the same kind and unit in the two claims (the first such subject)."""
    rule = _SlotRule("number", "number", _number_values, _same_number(approx_tolerance), False)
    return _first_reason(_slot_clashes(a, b, rule))


def entity_conflict(a: Claim, b: Claim) -> Reason | None:
    """Each side names an entity of the same type that the other side does not mention."""
    found = _slot_clashes(a, b, _slot_rules(CompareConfig())[2])
    order = {"entity:person": 0, "entity:place": 1, "entity:org": 2, "entity:group": 3}
    return _first_reason(sorted(found, key=lambda c: order.get(c.subject, 9)))


def attribution_conflict(a: Claim, b: Claim) -> Reason | None:
    """The same statement attributed to different speakers."""
    clash = _attribution_clash(a, b)
    return None if clash is None else _as_reason(clash)


def negation_conflict(a: Claim, b: Claim) -> Reason | None:
    """One claim negated and the other not (in the main clause, or a word negated on one side only), or a
    word on one side and its opposite on the other."""
    clash = _polarity_clash(a, b)
    return None if clash is None else _as_reason(clash)


# ---- a finding: distinct conflicts with every source on its side -----------------------------------------------

class _Evidence:
    """How one finding's per-pair evidence is stored: each claim's side of a value (its label, source and span) is
    one ``Side`` however many of its pairs conflict on it, its span the very one the finding's conflicts hold, equal
    shared-anchor lists one tuple, and the words that repeat across pairs and findings (headlines, subjects, value
    labels, anchors) interned. Pair evidence made afresh per pair was most of a large run's findings (~1 KB per
    pair conflict, ~65,000 pair conflicts at 1,000 articles; benchmarks/memory.py). Only equal values are made one
    object: every report is unchanged."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self._spans: dict[ValueSpan, ValueSpan] = {}
        for c in conflicts:
            for side in c.sides:
                for span in side.spans:
                    self._spans.setdefault(span, span)
        self._sides: dict[tuple[str, ValueSpan], Side] = {}
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def strings(self, values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """The values as one shared tuple of interned strings."""
        key = tuple([sys.intern(v) for v in values])
        return self._tuples.setdefault(key, key) if key else ()

    def side(self, label: str, span: ValueSpan) -> Side:
        """The one-claim side stating ``label`` at ``span``."""
        span = self._spans.setdefault(span, span)
        got = self._sides.get((label, span))
        if got is None:
            got = self._sides[(label, span)] = Side(value=sys.intern(label), sources=self.strings((span.source,)),
                                                    spans=(span,))
        return got


def _pair_conflict(clash: _Clash, conflict_id: str = "", evidence: _Evidence | None = None) -> Conflict:
    if evidence is None:
        evidence = _Evidence([])
    sides = (evidence.side(clash.a.label, clash.a.span), evidence.side(clash.b.label, clash.b.span))
    return Conflict(id=conflict_id, kind=sys.intern(clash.kind), rule=sys.intern(clash.rule),  # type: ignore[arg-type]
                    subject=sys.intern(clash.subject),
                    detail=sys.intern(_clash_detail([clash.a.label, clash.b.label], clash)), sides=sides)


def _components(edges: list[tuple[str, str]]) -> list[set[str]]:
    """The connected sets of the values the edges join, ordered by their smallest value."""
    names = sorted({x for edge in edges for x in edge})
    at = {x: i for i, x in enumerate(names)}  # sorted, so a set's smallest index is its smallest value
    sets = DisjointSets(len(names))
    for x, y in edges:
        sets.union(at[x], at[y])
    return [{names[i] for i in group} for group in sets.groups()]


def _member_hits(m: Claim, subject: str, rule_name: str, rule: _SlotRule | None,
                 reps: dict[str, _Value], *,
                 values: dict[tuple[str, str], list[_Value]] | None = None) -> list[tuple[str, ValueSpan]]:
    """Where a member that is on no side yet states a value of the conflict's subject: (side value, span) for
    each value of it that matches exactly one side. ``values``: a cache of ``rule.values`` per (rule kind, claim
    id) (a large finding asks it of every member for each of its conflicts)."""
    out: list[tuple[str, ValueSpan]] = []
    if rule is not None:
        if values is None:
            stated = rule.values(m)
        else:
            stated = values.get((rule.kind, m.id))
            if stated is None:
                stated = values[(rule.kind, m.id)] = rule.values(m)
        ordered = sorted(reps.items())  # once per member, not once per value
        for v in (v for v in stated if v.subject == subject):
            hits = _nearest([lab for lab, rep in ordered if rule.same(v.slot, rep.slot)], v.slot, reps)
            if len(hits) == 1:
                out.append((hits[0], v.span))
    elif rule_name == "frame":
        for e in (e for e in m.slots.entities if e.role and e.role == subject.split(":", 1)[1]):
            hits = [lab for lab, rep in sorted(reps.items()) if entities_match(e, rep.slot)]
            if len(hits) == 1:
                out.append((hits[0], _span(m, e.start, e.end, e.text)))
    elif rule_name == "attribution":
        who = _speaker(m)
        hits = [lab for lab in sorted(reps)
                if who and set(fold_words(who).split()) & set(fold_words(lab).split())]
        if len(hits) == 1:
            out.append((hits[0], word_span(m, who)))
    elif rule_name == "negation":
        # the main clause's polarity: an affirmed member stands with "affirmed", a negated one with the negated side
        hits = [lab for lab in sorted(reps) if (lab == "affirmed") != m.slots.negated]
        if len(hits) == 1:
            cue = m.slots.negation_cue
            out.append((hits[0], word_span(m, cue) if m.slots.negated and cue else _claim_span(m)))
    elif rule_name == "category":  # a synonym, narrower or broader thing of one side's only ("pistol" / "handgun")
        for label, start, end, said in thing_sides(m, sorted(reps))[:1]:
            out.append((label, _span(m, start, end, said)))
    elif rule_name in ("exclusive", "ordinal", "zero-count", "direction"):
        hits = [lab for lab in sorted(reps) if word_span(m, lab) != _claim_span(m)]
        if len(hits) == 1:
            out.append((hits[0], word_span(m, hits[0])))
    return out


def _nearest(hits: list[str], slot: object, reps: dict[str, _Value]) -> list[str]:
    """Of the sides a member's number matches (an approximate value matches every side within the tolerance:
    "about 48%" both "47.8%" and "45%"), the one nearest to it when exactly one is; other hits as they are."""
    if len(hits) < 2 or not isinstance(slot, NumberSlot) or not all(isinstance(reps[h].slot, NumberSlot)
                                                                    for h in hits):
        return hits
    gap = {h: abs(reps[h].slot.value - slot.value) for h in hits}  # type: ignore[union-attr]
    best = min(gap.values())
    near = [h for h in hits if gap[h] == best]
    return near if len(near) == 1 else hits


def _sides(spans: dict[str, dict[tuple[str, int, int], ValueSpan]]) -> tuple[list[Side], str | None, tuple[str, ...]]:
    """A conflict's sides (most sources first), and its majority value and outlier sources when three or more
    sources take part and one side has strictly more of them than any other."""
    sides = []
    for label, found in spans.items():
        ordered = tuple(sorted(found.values(), key=lambda s: (s.source, s.start, s.claim_id)))
        sides.append(Side(value=label, sources=tuple(sorted({s.source for s in ordered})), spans=ordered))
    sides.sort(key=lambda s: (-len(s.sources), s.value))
    majority, outliers = None, ()
    n_sources = len({src for s in sides for src in s.sources})
    if n_sources >= 3 and len(sides) > 1 and len(sides[0].sources) > len(sides[1].sources):
        majority = sides[0].value
        outliers = tuple(sorted({src for s in sides[1:] for src in s.sources} - set(sides[0].sources)))
    return sides, majority, outliers


def _merge_equal_sides(reps: dict[str, _Value], spans: dict[str, dict[tuple[str, int, int], ValueSpan]],
                       rule: _SlotRule) -> tuple[dict[str, _Value], dict[str, dict[tuple[str, int, int], ValueSpan]]]:
    """One side per value: labels whose values the rule calls the same ("10 dead" / "10 people dead" / "10
    persons dead", all against "3 people dead") are one side, named by the label most spans carry (ties: the
    first in sort order), so a majority is not split into as many sides as it has wordings."""
    labels = sorted(reps)
    sets = DisjointSets(len(labels))
    for i, j in itertools.combinations(range(len(labels)), 2):
        # a pair already in one set is not asked: joining it again changes nothing
        if sets.find(i) != sets.find(j) and rule.same(reps[labels[i]].slot, reps[labels[j]].slot):
            sets.union(i, j)
    groups = sets.groups()
    if len(groups) == len(labels):
        return reps, spans
    out_reps: dict[str, _Value] = {}
    out_spans: dict[str, dict[tuple[str, int, int], ValueSpan]] = {}
    for group in groups:
        names = [labels[i] for i in group]
        head = min(names, key=lambda lab: (-len(spans[lab]), lab))
        out_reps[head] = reps[head]
        out_spans[head] = {k: v for lab in names for k, v in spans[lab].items()}
    return out_reps, out_spans


# the values of the word rules: the same when ``exclusive.same_value`` says so (only ``same`` is read)
_WORD_VALUES = _SlotRule("word", "word", lambda c: [], lambda x, y: same_value(str(x), str(y)), False)


def _conflict(members: list[Claim], clashes: list[_Clash], mine: list[int], key: tuple[str, str, str],
              rule: _SlotRule | None, *, values: dict[tuple[str, str], list[_Value]] | None = None) -> Conflict:
    """One distinct conflict from its linked clashes (indexes ``mine``), every member stating a value on its side.
    ``values``: a cache of each member's slot values under ``rule`` shared by the finding's conflicts."""
    kind, rule_name, subject = key
    reps: dict[str, _Value] = {}
    spans: dict[str, dict[tuple[str, int, int], ValueSpan]] = {}
    for i in mine:
        for v in (clashes[i].a, clashes[i].b):
            reps.setdefault(v.label, v)
            spans.setdefault(v.label, {})[(v.span.claim_id, v.span.start, v.span.end)] = v.span
    if rule is not None:
        reps, spans = _merge_equal_sides(reps, spans, rule)
    elif rule_name in ("zero-count", "category"):  # "No one was injured" / "Nobody was hurt": one side
        # (exclusive.same_value)
        reps, spans = _merge_equal_sides(reps, spans, _WORD_VALUES)
    on_side = {s.claim_id for d in spans.values() for s in d.values()}
    for m in members:
        if m.id not in on_side:
            for label, span in _member_hits(m, subject, rule_name, rule, reps, values=values):
                spans[label][(m.id, span.start, span.end)] = span
    sides, majority, outliers = _sides(spans)
    cid = content_id("conflict", kind, rule_name, subject,
                     *(f"{s.value}={','.join(sp.claim_id for sp in s.spans)}" for s in sides))
    return Conflict(id=cid, kind=kind, rule=rule_name, subject=subject,  # type: ignore[arg-type]
                    detail=_clash_detail([s.value for s in sides], clashes[mine[0]]), sides=tuple(sides),
                    majority=majority, outliers=outliers)


def assemble_conflicts(members: list[Claim], clashes: list[_Clash], *,
                       config: CompareConfig) -> tuple[list[Conflict], dict[int, str]]:
    """The finding's distinct conflicts from its pairs' clashes, and the conflict id of each clash (by index).

    Clashes on one subject whose values are linked (a value clashing with another) are one conflict. Every
    member that states a value of a slot subject (a date, a count, a name) that matches exactly one side's
    value joins that side, so a source that agrees with the majority is never missing from the sides.
    """
    rules = {r.kind: r for r in _slot_rules(config)}
    by_subject: dict[tuple[str, str, str], list[int]] = {}
    for i, c in enumerate(clashes):
        by_subject.setdefault((c.kind, c.rule, c.subject), []).append(i)
    conflicts: list[tuple[Conflict, int]] = []
    owner: dict[int, str] = {}
    values: dict[tuple[str, str], list[_Value]] = {}  # (rule kind, claim id) -> the claim's values, read once
    for key, idx in sorted(by_subject.items()):
        kind, rule_name, _ = key
        parts = _components([(clashes[i].a.label, clashes[i].b.label) for i in idx])
        part_of = {label: n for n, labels in enumerate(parts) for label in labels}
        held: list[list[int]] = [[] for _ in parts]
        for i in idx:
            held[part_of[clashes[i].a.label]].append(i)
        for mine in held:
            conflict = _conflict(members, clashes, mine, key, rules.get(kind) if rule_name == kind else None,
                                 values=values)
            conflicts.append((conflict, len(mine)))
            for i in mine:
                owner[i] = conflict.id
    order = {k: n for n, k in enumerate(_KIND_ORDER)}
    conflicts.sort(key=lambda t: (-t[1], order.get(t[0].kind, 9), t[0].subject, t[0].id))
    return [c for c, _ in conflicts], owner


def _headline(conflict: Conflict) -> Reason:
    values = tuple((src, side.value) for side in conflict.sides for src in side.sources)
    return Reason(kind=conflict.kind, detail=conflict.detail, values=values)


def _cross_pairs(members: list[Claim], vectors: "np.ndarray", index: dict[str, int], *,
                 per_claim: int) -> list[tuple[Claim, Claim, float]]:
    """The cross-source pairs of a cluster to compare, in a stable order. In a small cluster a claim is compared
    with the claim of each other source closest to it (and with every claim to which it is the closest of its
    source): when a source states two things the finding holds ("met in June 2018", "traded insults in 2017"), each
    is compared with its own counterpart, not with the other source's other sentence. In a large one each claim is
    compared with its ``per_claim`` most similar claims of other sources only, so evidence and time grow linearly
    with the cluster, not with its square."""
    import numpy as np

    if len(members) <= 2 * per_claim + 1:
        # each member's row looked up once (the same 1-D products as before, not a row lookup per pair)
        row = {c.id: vectors[index[c.id]] for c in members}
        sims = {(a.id, b.id): round(float(row[a.id] @ row[b.id]), 4)
                for a, b in itertools.combinations(members, 2) if a.source != b.source}
        best: dict[tuple[str, str], float] = {}  # (claim id, other source) -> its highest cosine there
        for a, b in itertools.combinations(members, 2):
            if a.source != b.source:
                sim = sims[(a.id, b.id)]
                best[(a.id, b.source)] = max(best.get((a.id, b.source), -1.0), sim)
                best[(b.id, a.source)] = max(best.get((b.id, a.source), -1.0), sim)
        return [(a, b, sims[(a.id, b.id)]) for a, b in itertools.combinations(members, 2)
                if a.source != b.source and (sims[(a.id, b.id)] >= best[(a.id, b.source)]
                                             or sims[(a.id, b.id)] >= best[(b.id, a.source)])]
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
    "quantity 28500 troop", "event meeting 2019-02" (claimcheck/stages/cluster/clusters.py)."""
    out = []
    for anchor in sorted(anchors_a & anchors_b):
        kind, _, rest = anchor.partition(":")
        if kind == "num":
            _, unit, value = rest.split(":", 2)
            out.append(f"quantity {number_text(float(value))} {unit}")
        else:
            out.append(f"{_ANCHOR_NAMES.get(kind, kind)} {rest}")
    out += [f"event {cls} {date}" for cls, date in events_match(events_a, events_b)]
    return out


_NOT_STATEMENTS = frozenset({"apposition", "fragment"})


def statement_template(claim: Claim, *, min_words: int) -> str | None:
    """The claim's wording with its values set aside: every date, number and name replaced by its kind, negation
    cues and their do-support dropped, each word cut to the first five letters of its shortest base form ("did not
    capsize" and "capsized", "did not pick" and "picked", "did not rule" and "ruled" alike). Two claims of different sources with one template
    say the same thing of possibly different values. None when fewer than ``min_words`` words are left (a short frame such as "X said Y" says too little)."""
    spans = sorted([(d.start, d.end, " D ") for d in claim.slots.dates]
                   + [(n.start, n.end, " N ") for n in claim.slots.numbers]
                   + [(e.start, e.end, " E ") for e in claim.slots.entities]
                   + [(gs, ge, " ") for gs, ge in claim.gaps])  # what the claim does not state
    parts, pos = [], claim.start
    for start, end, mark in spans:
        if start < pos:
            continue
        parts += [claim.text[pos - claim.start:start - claim.start], mark]
        pos = end
    parts.append(claim.text[pos - claim.start:])
    tokens = words("".join(parts).replace(" D ", " zzd ").replace(" N ", " zzn ").replace(" E ", " zze "))
    out = [_template_word(w) for i, w in enumerate(tokens)
           if w not in NEGATION_CUES
           and not (w in _DO and i + 1 < len(tokens) and tokens[i + 1] in NEGATION_CUES)]
    if sum(not w.startswith("zz") for w in out) < min_words:
        return None
    return " ".join(out)


@lru_cache(maxsize=1 << 14)  # a word's cut form, asked of every word of every template (a few thousand words)
def _template_word(word: str) -> str:
    """A word of a ``statement_template``: the first five letters of its shortest base form; a final "e" is dropped
    too ("ruled" has the base forms "rule" and "rul", "rule" only "rule")."""
    return min(base_forms(word), key=lambda f: (len(f), f)).rstrip("e")[:5]


def _inside_another(claim: Claim, claims: list[Claim]) -> bool:
    """Whether a fragment claim (clause, apposition) lies inside a longer claim of the same source (and not in
    one of its ``gaps``: a clause cut out of the middle of a sentence is stated by itself, not by the rest)."""
    if claim.kind not in ("clause", "apposition", "fragment"):
        return False
    return any(o.source == claim.source and o.id != claim.id and o.start <= claim.start and claim.end <= o.end
               and not any(gs < claim.end and claim.start < ge for gs, ge in o.gaps) for o in claims)


def _statements(members: list[Claim], vectors: "np.ndarray", index: dict[str, int], anchors: list[frozenset[str]],
                events: list[frozenset[tuple[str, str]]], event_links: set[tuple[str, str]], *,
                config: CompareConfig, own: dict[str, _Own] | None = None) -> list[list[Claim]]:
    """A cluster's claims split into the statement they share and the claims that only share its topic.

    A claim stays in a multi-source statement while some claim of another source in it is a close paraphrase
    (cosine >= ``compare.statement_min_similarity``), pins down the same specific fact (a shared anchor or
    event), was joined to it by an event-date link, or is similar enough to compare (``comparable``) and
    either shares most words with it (``residual_overlap``) or conflicts with it; any other claim is a statement of its own (``unique`` when
    no other source states it), however close its topic. A part of a sentence that adds its own words to a noun
    phrase of the sentence (``own``, from ``own_words``: "Anna de Vries, who was sent off in the second half") stays
    only with claims that state those words (``_states_own``), not with every claim that shares the name. Repeated
    until nothing changes. A cluster of more than ``compare.statement_max_claims`` claims is not split."""
    import numpy as np

    if len({c.source for c in members}) < 2 or len(members) > config.statement_max_claims:
        return [members]
    rows = [index[c.id] for c in members]
    sims = vectors[rows] @ vectors[rows].T
    word_sets = [_word_set(c.stated) for c in members]  # read once: the pairs below meet each claim n times
    templates = [_template(c, config.template_min_words) for c in members]
    close = _linked(members, sims, rows, word_sets, templates, anchors, events, event_links, config=config)
    for i, c in enumerate(members):
        mine = own.get(c.id) if own else None
        if mine is not None:
            for j in np.flatnonzero(close[i]):
                if not _states_own(mine, members[j], share=config.fragment_own_coverage):
                    close[i, j] = close[j, i] = False
    out: list[list[Claim]] = []
    def alike(i: int, j: int) -> bool:  # one wording, or most words in common
        return _twins(word_sets[i], word_sets[j], templates[i], templates[j], overlap=config.twin_overlap) or \
            residual_overlap(members[i].stated, members[j].stated) >= config.residual_overlap

    for part in _best_partner_parts(members, sims, close, alike=alike):
        kept = np.array(sorted(part), dtype=np.intp)
        while len(kept):  # a claim linked to no other claim left in the part is a statement of its own
            alone = ~close[np.ix_(kept, kept)].any(axis=1)
            if not alone.any():
                break
            kept = kept[~alone]
        left = set(kept.tolist())
        out += ([[members[i] for i in sorted(left)]] if left else []) + [[members[i]] for i in part if i not in left]
    return out


def _linked(members: list[Claim], sims: "np.ndarray", rows: list[int], word_sets: list[frozenset[str]],
            templates: list[str | None], anchors: list[frozenset[str]], events: list[frozenset[tuple[str, str]]],
            event_links: set[tuple[str, str]], *, config: CompareConfig, block: int = 512) -> "np.ndarray":
    """Which claims of a cluster stay one statement (``_statements``), as an n x n boolean matrix: two claims of
    different sources that are close paraphrases (cosine >= ``compare.statement_min_similarity``), pin down the same
    specific fact (a shared anchor or event), were joined by an event-date link, or are similar enough to compare
    (``min_similarity``, or ``_twins``) and share most words (``residual_overlap``) or conflict (``_clashes``).
    The cheap tests run on ``block`` rows at a time against all claims (shared anchors, events and words counted
    by sparse products); only the pairs they leave open meet the rules, so a large cluster costs the rules' work on
    those pairs, not a Python step for each of its n^2 pairs, and no more n x n matrices than the answer. Entry
    (j, i) of a close pair i < j keeps its own cosine test, as a pair-by-pair pass over i < j leaves it."""
    import numpy as np

    n = len(members)
    code = {s: k for k, s in enumerate(sorted({c.source for c in members}))}
    src = np.array([code[c.source] for c in members])
    close = sims >= config.statement_min_similarity
    shared = _shares([anchors[r] for r in rows])
    evented = _shared_events([events[r] for r in rows])
    twins = _twins_rows(word_sets, templates, overlap=config.twin_overlap)
    at = {c.id: i for i, c in enumerate(members)}
    links = [(min(at[x], at[y]), max(at[x], at[y])) for x, y in event_links  # (smaller id, larger id) pairs
             if x in at and y in at and x < y]
    col = np.arange(n)
    for start in range(0, n, block):
        stop = min(n, start + block)
        same = src[start:stop, None] == src[None, :]
        # the pairs i < j of other sources that are no close paraphrase: the tests below decide them (row i's
        # entries right of the diagonal are still the cosine test's, whatever earlier rows set left of theirs)
        todo = ~close[start:stop] & ~same & (col[None, :] > np.arange(start, stop)[:, None])
        close[start:stop][same] = False
        if not todo.any():
            continue
        linked = (shared(start, stop) | evented(start, stop)) & todo
        for i, j in links:
            if start <= i < stop and todo[i - start, j]:
                linked[i - start, j] = True
        ask = todo & ~linked
        ask &= (sims[start:stop] >= config.min_similarity) | twins(start, stop)
        for i, j in zip(*np.nonzero(ask)):
            i += start
            a, b = members[i], members[j]
            # the same words around what differs, or a conflict the rules find: the same statement
            linked[i - start, j] = residual_overlap(a.stated, b.stated) >= config.residual_overlap or \
                bool(_clashes(a, b, float(sims[i, j]), config=config))
        for i, j in zip(*np.nonzero(todo)):
            close[i + start, j] = close[j, i + start] = linked[i, j]
    np.fill_diagonal(close, False)
    _part_reversed(members, close)
    return close


def _directions(c: Claim) -> frozenset[tuple[str, str]]:
    """(name key, "from" or "to") of each name the claim states right after "from" or "to"
    (``names.direction_before``: "a letter from President Donald Trump")."""
    out = set()
    for e in c.slots.entities:
        if not _in_gap(c, e.start, e.end):
            d = direction_before(c.text, e.start - c.start)
            if d is not None:
                out.add((e.key, d))
    return frozenset(out)


def _part_reversed(members: list[Claim], close: "np.ndarray") -> None:
    """Unlink (in place) the pairs of ``close`` where one name is what a thing comes from on one side and what it
    goes to on the other ("Kim praised another letter from Trump" / "Kim has sent letters to Trump"): two
    statements, whatever their cosine and shared names; neither agrees with the other."""
    import numpy as np

    dirs = [_directions(c) for c in members]
    has = np.array([bool(d) for d in dirs])
    if has.sum() < 2:
        return
    idx = np.nonzero(has)[0]
    for i, j in zip(*np.nonzero(close[np.ix_(idx, idx)])):
        a, b = idx[i], idx[j]
        if a < b and any((k, "to" if d == "from" else "from") in dirs[b] for k, d in dirs[a]):
            close[a, b] = close[b, a] = False


def _incidence(sets: list[frozenset]) -> "csr_matrix":
    """Rows: the sets; columns: their distinct items (sorted); 1 where a set holds an item."""
    import numpy as np
    from scipy import sparse

    items = {x: k for k, x in enumerate(sorted(set().union(*sets)))} if sets else {}
    indptr = np.cumsum([0] + [len(s) for s in sets])
    cols = np.array([items[x] for s in sets for x in s], dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), cols, indptr), shape=(len(sets), len(items)))


def _shares(sets: list[frozenset]) -> Callable[[int, int], "np.ndarray"]:
    """Rows start..stop of the n x n matrix "sets i and j share an item", one block at a time."""
    import numpy as np

    inc = _incidence(sets)

    def rows(start: int, stop: int) -> "np.ndarray":
        if not inc.shape[1]:
            return np.zeros((stop - start, len(sets)), dtype=bool)
        return (inc[start:stop] @ inc.T).toarray() > 0
    return rows


def _shared_events(events: list[frozenset[tuple[str, str]]]) -> Callable[[int, int], "np.ndarray"]:
    """Rows start..stop of the n x n matrix "``events_match`` finds a shared event for claims i and j" (some event
    of i and some event of j of matching classes at compatible dates), from the distinct events' compatibility."""
    import numpy as np
    from scipy import sparse

    inc = _incidence(events)
    names = sorted(set().union(*events)) if events else []
    fits = np.array([[bool(events_match(frozenset([x]), frozenset([y]))) for y in names] for x in names],
                    dtype=np.int32).reshape(len(names), len(names))
    reach = sparse.csr_matrix(inc @ sparse.csr_matrix(fits))  # claim i -> the events an event of i matches

    def rows(start: int, stop: int) -> "np.ndarray":
        if not names:
            return np.zeros((stop - start, len(events)), dtype=bool)
        return (reach[start:stop] @ inc.T).toarray() > 0
    return rows


def _twins_rows(word_sets: list[frozenset[str]], templates: list[str | None], *,
                overlap: float) -> Callable[[int, int], "np.ndarray"]:
    """Rows start..stop of the n x n matrix ``_twins`` of claims i and j (one template, or a word-set Jaccard of
    ``overlap``), with ``_twins``'s arithmetic (sizes and shared counts as integers, the products as floats)."""
    import numpy as np

    code = {t: k for k, t in enumerate(sorted({t for t in templates if t is not None}))}
    tcode = np.array([code[t] if t is not None else -1 - i for i, t in enumerate(templates)])
    size = np.array([len(w) for w in word_sets], dtype=np.int64)
    inc = _incidence(word_sets)

    def rows(start: int, stop: int) -> "np.ndarray":
        out = tcode[start:stop, None] == tcode[None, :]
        if inc.shape[1]:
            shared = (inc[start:stop] @ inc.T).toarray()
            sa = size[start:stop, None]
            small, large = np.minimum(sa, size[None, :]), np.maximum(sa, size[None, :])
            out |= (small >= overlap * large) & (shared >= overlap * np.maximum(1, sa + size[None, :] - shared))
        return out
    return rows


def _best_partner_parts(members: list[Claim], sims: "np.ndarray", close: "np.ndarray", *,
                        alike: Callable[[int, int], bool] | None = None) -> list[list[int]]:
    """The statements of a cluster in which a source has several claims: each claim joins, in every other
    source, the closest claim it is linked to (``close``), and the joined claims are one statement. An edited
    copy's three changed sentences each join their own original, not one another through a shared date; a
    source's repeated sentence or two parts of one sentence join the same partner. A sentence its article prints
    n times (``Claim.occurrences``) is the partner of up to n claims of another source, the n closest that are
    like it (``alike``: one wording, values aside, or most words in common): a copy that changed one of the two
    printings ("since their first meeting in August" beside the unchanged "... in June") has its changed one
    compared with the original, not left unique. One part when every source has one claim."""
    n = len(members)
    by_source: dict[str, list[int]] = {}
    for i, c in enumerate(members):
        by_source.setdefault(c.source, []).append(i)
    if all(len(v) == 1 for v in by_source.values()):
        return [list(range(n))]
    import numpy as np

    # a bounded memo for the full rankings a repeated sentence asks for (``ranked`` below; the best partners are
    # ``_best_linked``'s): residual_overlap is symmetric, so a pair is measured once while it stays in the memo
    @functools.lru_cache(maxsize=1 << 16)
    def overlap(i: int, j: int) -> float:
        return residual_overlap(members[i].stated, members[j].stated)

    names = sorted(by_source)
    source = np.searchsorted(np.array(names), np.array([c.source for c in members]))  # each claim's source, a code
    held = [np.array(by_source[s], dtype=np.intp) for s in names]

    def ranked(i: int, k: int) -> list[int]:
        # the claims of source k linked to i, closest first by cosine plus shared words: MiniLM may put "was also
        # ordered to pay a fine" nearer to a conviction than the other outlet's conviction sentence that shares most
        # of its words and figures
        linked = held[k][close[i, held[k]]].tolist()
        if len(linked) < 2:
            return linked
        return sorted(linked, key=lambda j: (-(float(sims[i, j]) + overlap(min(i, j), max(i, j))), j))

    # each claim's best partner per source (the head of ``ranked``; -1: none linked), for every claim at once: a
    # large cluster asks for it for nearly every linked pair (n x sources, 4 bytes each)
    best = _best_linked([_word_set(c.stated) for c in members], sims, close, source, len(names))

    sets = DisjointSets(n)
    for i in range(n):
        own = int(source[i])
        # only the sources holding a claim linked to i have a partner for it (codes sort as the sources' names)
        for k in np.unique(source[np.flatnonzero(close[i])]).tolist():
            if k == own:
                continue
            j = int(best[i, k])
            # j's own best partner in i's source is i, or a part of i's sentence or a repeat of it: a source's
            # second claim that only leans on a partner already taken ("was also ordered to pay a fine" against
            # the conviction) is a statement of its own, unless j is printed as often as it is taken
            mine = int(best[j, own])
            printed = len(members[j].occurrences)
            if mine >= 0 and (mine == i or _one_sentence(members[i], members[mine])
                              or (alike is not None and printed > 1 and i in ranked(j, own)[1:printed]
                                  and alike(i, j))):
                sets.union(i, j)
    return sets.groups()


def _best_linked(word_sets: list[frozenset[str]], sims: "np.ndarray", close: "np.ndarray", source: "np.ndarray",
                 sources: int, *, block: int = 256) -> "np.ndarray":
    """``best[i, k]``: of the claims of source code ``k`` linked to claim ``i`` (``close``), the one with the highest
    cosine plus ``residual_overlap`` of the two texts, the lowest index on a tie; -1 where none is linked. The
    arithmetic of ``_best_partner_parts.ranked`` (the float32 cosine as a float, the Jaccard of integer counts),
    as arrays, ``block`` rows at a time."""
    import numpy as np

    n = len(word_sets)
    best = np.full((n, sources), -1, dtype=np.int32)
    inc = _incidence(word_sets)
    size = np.array([len(w) for w in word_sets], dtype=np.int64)
    for start in range(0, n, block):
        stop = min(n, start + block)
        r, j = np.nonzero(close[start:stop])
        if not len(r):
            continue
        i = r + start
        shared = (inc[start:stop] @ inc.T).toarray()[r, j] if inc.shape[1] else np.zeros(len(r), dtype=np.int64)
        score = sims[i, j].astype(np.float64) + shared / np.maximum(1, size[i] + size[j] - shared)
        k = source[j]
        order = np.lexsort((j, -score, k, i))  # by claim, then source, then best score first, then lowest index
        i, k, j = i[order], k[order], j[order]
        head = np.ones(len(i), dtype=bool)
        head[1:] = (i[1:] != i[:-1]) | (k[1:] != k[:-1])
        best[i[head], k[head]] = j[head]
    return best


def _one_sentence(a: Claim, b: Claim) -> bool:
    """Whether two claims of one source are parts of one sentence (touching or overlapping spans) or the same
    words repeated."""
    return a.start <= b.end + 2 and b.start <= a.end + 2 or fold_words(a.text) == fold_words(b.text)


def _finding(members: list[Claim], similarity: float, event_links: set[tuple[str, str]], vectors: "np.ndarray",
             index: dict[str, int], anchors: list[frozenset[str]], events: list[frozenset[tuple[str, str]]], *,
             config: CompareConfig, nli=None) -> Finding:  # noqa: ANN001 - optional NLI scorer
    """One statement's finding: every compared pair's conflicts gathered, the verdict and the evidence."""
    sources = {c.source for c in members}
    compared = []
    clashes: list[_Clash] = []
    pairs_in = _cross_pairs(members, vectors, index, per_claim=config.pair_neighbours)
    closest: dict[tuple[str, str], float] = {}  # (claim id, other source) -> its highest cosine there
    for a, b, sim in pairs_in:
        closest[(a.id, b.source)] = max(closest.get((a.id, b.source), -1.0), sim)
        closest[(b.id, a.source)] = max(closest.get((b.id, a.source), -1.0), sim)
    small = len(members) <= 2 * config.pair_neighbours + 1
    for a, b, sim in pairs_in:
        if b.id < a.id:
            a, b = b, a
        partners = small and sim >= closest[(a.id, b.source)] and sim >= closest[(b.id, a.source)]
        found = _clashes(a, b, sim, config=config, nli=nli, partners=partners)
        compared.append((a, b, sim, len(clashes), len(clashes) + len(found)))
        clashes += found
    conflicts, owner = assemble_conflicts(members, clashes, config=config)
    pairs = []
    evidence = _Evidence(conflicts)
    for a, b, sim, lo, hi in compared:
        ia, ib = index[a.id], index[b.id]
        pairs.append(Pair(a=a.id, b=b.id, similarity=sim,
                          conflicts=tuple(_pair_conflict(clashes[i], owner[i], evidence) for i in range(lo, hi)),
                          shared=evidence.strings(shared_anchors(anchors[ia], anchors[ib], events[ia], events[ib])),
                          link="event" if (a.id, b.id) in event_links else None))
    verdict = "unique" if len(sources) == 1 else ("diverge" if conflicts else "agree")
    reason = _headline(conflicts[0]) if conflicts else None
    sides = tuple((s.value, s.sources) for s in conflicts[0].sides) if conflicts else ()
    ids = tuple(sorted(c.id for c in members))
    return Finding(id=content_id(*ids), verdict=verdict, similarity=similarity, claims=tuple(members), reason=reason,
                   sides=sides, pairs=tuple(pairs), conflicts=tuple(conflicts))


def compare_clusters(clusters: list[Cluster], claims: list[Claim], vectors: "np.ndarray", *,
                     config: CompareConfig, nli=None,  # noqa: ANN001 - optional NLI scorer
                     published: dict[str, str] | None = None, cluster: ClusterConfig | None = None,
                     features: ClaimFeatures | None = None, workers: int = 1) -> list[Finding]:
    """Give every cluster its verdict, every conflict among its claims and the per-pair evidence; findings
    sorted diverge, agree, unique. With ``published`` (source id -> YYYY-MM-DD) every conflict gets its
    timeline and likely-update mark (claimcheck/stages/compare/timeline.py). ``features``: the claims' anchors as
    clustering read them (``claim_features``); without them they are read here under ``cluster`` (default: the
    default settings). ``workers``: processes that compare clusters side by side (``map_forked``; same findings)."""
    if nli is None and config.nli_model:
        from claimcheck.stages.compare.nli import load_nli

        nli = load_nli(config.nli_model)
    index = {c.id: i for i, c in enumerate(claims)}
    cluster_cfg = cluster if cluster is not None else ClusterConfig()
    if features is not None:  # the anchors clustering read (claimcheck/pipeline.py computes them once)
        anchors, events = features.anchors, features.events
    else:
        anchors = claim_anchors(claims, max_share=cluster_cfg.anchor_max_share,
                                counted_chars=cluster_cfg.counted_chars)
        events = event_anchors(claims, window=cluster_cfg.event_window)
    by_source: dict[str, list[Claim]] = {}  # a claim is looked for inside its own source's claims only
    for c in claims:
        by_source.setdefault(c.source, []).append(c)
    own = own_words(claims)

    def cluster_findings(cluster: Cluster) -> list[Finding]:
        members = sorted((claims[index[cid]] for cid in cluster.claim_ids), key=lambda c: (c.source, c.start))
        event_links = set(cluster.event_links)  # one set per cluster, read by each of its statements
        groups = _statements(members, vectors, index, anchors, events, event_links, config=config, own=own)
        out: list[Finding] = []
        for group in groups:
            if len(group) == 1 and _inside_another(group[0], by_source[group[0].source]):
                continue  # a clause or apposition of a sentence that has its own finding: not a separate "unique"
            if all(c.kind in _NOT_STATEMENTS for c in group):
                continue  # bare name phrases ("Regional governor Jane Doe") and fragments: a finding needs a statement
            similarity = cluster.similarity if len(group) == len(members) else \
                cross_source_similarity(vectors, [index[c.id] for c in group], claims)
            finding = _finding(group, similarity, event_links, vectors, index, anchors, events,
                               config=config, nli=nli)
            out.append(dataclasses.replace(finding, event=cluster.event) if cluster.event else finding)
        return out

    # each cluster's findings read only the run's claims, vectors and features: with ``workers`` > 1 the clusters
    # are shared out among forked copies of this process (claimcheck/stages/forked.py), by their pairs' count; so
    # are the findings built again below (an NLI scorer stays in this process)
    workers = workers if nli is None else 1
    per_cluster = map_forked(cluster_findings, clusters, workers=workers, shared=claims,
                             costs=[len(c.claim_ids) ** 2 for c in clusters])
    findings = [f for fs in per_cluster for f in fs]
    findings = join_twins(findings, claims, vectors, index, anchors, events, config=config, nli=nli)
    findings = _absorb_covered_fragments(findings, claims, vectors, index, anchors, events, config=config, nli=nli,
                                         own=own, workers=workers)
    findings = _join_outcomes(findings, claims, vectors, index, anchors, events, config=config, nli=nli)
    findings = _join_outliers(findings, claims, vectors, index, anchors, events, config=config, cluster=cluster_cfg,
                              nli=nli, workers=workers)
    held: dict[str, int] = {}
    for f in findings:
        if f.event:
            held[f.event] = held.get(f.event, 0) + 1
    findings = [dataclasses.replace(f, event=None) if f.event and held[f.event] < 2 else f for f in findings]
    findings = relate_findings(findings, claims, anchors, events, limit=config.related_limit,
                               max_holders=config.related_max_holders)
    if published:
        from claimcheck.stages.compare.timeline import date_conflicts

        findings = date_conflicts(findings, published)
    order = {v: i for i, v in enumerate(VERDICTS)}
    return sorted(findings, key=lambda f: (order[f.verdict], f.claims[0].source, f.claims[0].start, f.id))


def join_twins(findings: list[Finding], claims: list[Claim], vectors: "np.ndarray", index: dict[str, int],
               anchors: list[frozenset[str]], events: list[frozenset[tuple[str, str]]], *, config: CompareConfig,
               nli=None) -> list[Finding]:  # noqa: ANN001 - optional NLI scorer
    """Unique statements of different sources that share one ``statement_template`` (the same words around
    different values) and conflict become one ``diverge`` finding. A sentence with several of its values changed
    ("capsized off Lesbos on March 12, killing 14" / "off Hamburg on March 15, killing 20") is one statement whose
    values conflict, though clustering kept it apart as another event or for its cosine: left alone, each side would
    be reported as a fact the other source lacks. Twins that do not conflict stay as they were. Grouped by the
    template's text, so the pass is linear in the number of unique findings."""
    by_key: dict[str, list[int]] = {}
    for n, f in enumerate(findings):
        if f.verdict == "unique" and len(f.claims) == 1 and f.claims[0].kind not in _NOT_STATEMENTS:
            key = statement_template(f.claims[0], min_words=config.template_min_words)
            if key is not None:
                by_key.setdefault(key, []).append(n)
    joined: list[Finding] = []
    drop: set[int] = set()
    for key in sorted(by_key):
        held = by_key[key]
        members = sorted((findings[n].claims[0] for n in held), key=lambda c: (c.source, c.start))
        if len({c.source for c in members}) < 2:
            continue
        similarity = cross_source_similarity(vectors, [index[c.id] for c in members], claims)
        finding = _finding(members, similarity, set(), vectors, index, anchors, events, config=config, nli=nli)
        if finding.verdict == "diverge":
            joined.append(finding)
            drop.update(held)
    return [f for n, f in enumerate(findings) if n not in drop] + joined


def _join_outcomes(findings: list[Finding], claims: list[Claim], vectors: "np.ndarray", index: dict[str, int],
                   anchors: list[frozenset[str]], events: list[frozenset[tuple[str, str]]], *, config: CompareConfig,
                   nli=None) -> list[Finding]:  # noqa: ANN001 - optional NLI scorer
    """The findings that hold one outcome's count of zero and a count above zero (``exclusive.outcome_joins``:
    "No one was injured" / "Two passengers were injured", kept apart by clustering) become one finding, with the
    event of the first of them that has one."""
    groups = outcome_joins(findings, claims, min_shared=config.outcome_min_shared, tolerance=config.time_tolerance)
    if not groups:
        return findings
    gone = {k for g in groups for k in g}
    joined = []
    for g in groups:
        members = sorted((c for k in g for c in findings[k].claims), key=lambda c: (c.source, c.start))
        similarity = cross_source_similarity(vectors, [index[c.id] for c in members], claims)
        event = next((findings[k].event for k in g if findings[k].event), None)
        finding = _finding(members, similarity, set(), vectors, index, anchors, events, config=config, nli=nli)
        joined.append(dataclasses.replace(finding, event=event) if event else finding)
    return [f for k, f in enumerate(findings) if k not in gone] + joined


def _join_outliers(findings: list[Finding], claims: list[Claim], vectors: "np.ndarray", index: dict[str, int],
                   anchors: list[frozenset[str]], events: list[frozenset[tuple[str, str]]], *, config: CompareConfig,
                   cluster: ClusterConfig, nli=None, workers: int = 1) -> list[Finding]:  # noqa: ANN001 - optional NLI scorer
    """A source's unique statement joins the finding of its event (``Finding.event``: the clustering's event
    groups, under its different-event and story rules) that other sources state, when it links to one of that
    finding's claims at the cluster link score (``cluster.link_threshold``) and conflicts with it: an outlet that
    gives the statement another toll, day and place ("Nine people were killed ... near Marlow on Tuesday" / "...
    near Alderwick ... on Monday, killing six people") lowers its cosine to every restatement, so average linkage
    kept it out of the statement it contradicts and it read as a fact of its own. It joins the finding of its
    highest link when it clashes with that claim (``_clashes``, as one statement's partners) and the joined finding
    holds a conflict of its claim; otherwise it stays unique. Each finding is built again once (twice when a
    joined claim's clash did not hold in it)."""
    import numpy as np

    held: dict[str, tuple[list[int], list[int]]] = {}  # event -> (claim rows, their finding)
    for k, f in enumerate(findings):
        if f.event and len(f.sources) >= 2:
            rows, owners = held.setdefault(f.event, ([], []))
            rows += [index[c.id] for c in f.claims]
            owners += [k] * len(f.claims)
    if not held:
        return findings
    floor = cluster.link_floor  # the lowest cosine that can link
    joins: dict[int, list[int]] = {}
    for n, f in enumerate(findings):
        if f.verdict != "unique" or len(f.claims) != 1 or f.event not in held or f.claims[0].kind in _NOT_STATEMENTS:
            continue
        u = f.claims[0]
        iu = index[u.id]
        rows, owners = held[f.event]
        cosines = vectors[rows] @ vectors[iu]
        best: tuple[float, int, int] | None = None  # (link score, finding, claim row)
        for at in np.flatnonzero(cosines >= floor).tolist():
            k, row = owners[at], rows[at]
            if u.source in findings[k].sources:
                continue
            score = link_score(float(cosines[at]), anchors[iu], anchors[row], bonus=cluster.anchor_bonus,
                               max_anchors=cluster.max_anchors, count_weight=cluster.count_anchor_weight)
            if score >= cluster.link_threshold and (best is None or score > best[0]):
                best = (score, k, row)
        if best is not None and _clashes(u, claims[best[2]], float(vectors[iu] @ vectors[best[2]]), config=config,
                                         nli=nli, partners=True):
            joins.setdefault(best[1], []).append(n)

    def join(k: int) -> tuple[Finding | None, list[int]]:
        base, added = findings[k], joins[k]
        while added:
            members = sorted((*base.claims, *(findings[n].claims[0] for n in added)), key=lambda c: (c.source, c.start))
            similarity = cross_source_similarity(vectors, [index[c.id] for c in members], claims)
            finding = _finding(members, similarity, set(), vectors, index, anchors, events, config=config, nli=nli)
            stated = {sp.claim_id for c in finding.conflicts for side in c.sides for sp in side.spans}
            kept = [n for n in added if findings[n].claims[0].id in stated]
            if kept == added:
                return dataclasses.replace(finding, event=base.event), added
            added = kept
        return None, []

    # each finding is joined on its own: with ``workers`` > 1 by forked copies of this process (``map_forked``)
    targets = sorted(joins)
    gone: set[int] = set()
    joined: dict[int, Finding] = {}
    for k, (finding, added) in zip(targets, map_forked(join, targets, workers=workers, shared=claims, costs=[
            (len(findings[k].claims) + len(joins[k])) ** 2 for k in targets])):
        if finding is not None:
            joined[k] = finding
            gone.update(added)
    if not joined:
        return findings
    return [joined.get(k, f) for k, f in enumerate(findings) if k not in gone]


def relate_findings(findings: list[Finding], claims: list[Claim], anchors: list[frozenset[str]],
                    events: list[frozenset[tuple[str, str]]], *, limit: int,
                    max_holders: int = CompareConfig.related_max_holders) -> list[Finding]:
    """Each finding's ``related``: up to ``limit`` other findings about the same story, those whose claims pin down
    the same specific fact (a month or day, a quantity, a rarely-mentioned name) or name an event of the same
    class at the same month; most shared first. Statements that only share a topic stay separate findings and
    are shown together through this link. An anchor held by more than ``max_holders`` findings relates nothing."""
    if limit <= 0:
        return findings
    index = {c.id: i for i, c in enumerate(claims)}
    keys: list[set[str]] = []
    holders: dict[str, list[int]] = {}
    for n, f in enumerate(findings):
        mine: set[str] = set()
        for c in f.claims:
            i = index[c.id]
            mine |= anchors[i]
            mine |= {f"event:{cls}:{date[:7]}" for cls, date in events[i] if cls != "*"}
        keys.append(mine)
        for k in mine:
            holders.setdefault(k, []).append(n)
    out = []
    for n, f in enumerate(findings):
        shared: dict[int, int] = {}
        for k in keys[n]:
            if len(holders[k]) > max_holders:  # an anchor half the story shares relates nothing in particular
                continue
            for m in holders[k]:
                if m != n:
                    shared[m] = shared.get(m, 0) + 1
        best = sorted(shared, key=lambda m: (-shared[m], findings[m].id))[:limit]
        related = tuple(sorted(findings[m].id for m in best))
        out.append(dataclasses.replace(f, related=related) if related else f)
    return out


@functools.lru_cache(maxsize=1 << 14)
def _content_forms(text: str) -> tuple[frozenset[str], ...]:
    """The base forms of each content word of a text (no stop word, no one- or two-letter word); cached: a
    fragment is measured against every claim of the findings that hold the rest of its sentence, which in a large
    run repeat the same texts many times."""
    return tuple(base_forms(w) for w in words(text) if len(w) > 2 and w not in FUNCTION_WORDS)


@functools.lru_cache(maxsize=1 << 14)
def _content_union(text: str) -> frozenset[str]:
    """Every base form of a text's content words (``_content_forms``) in one set."""
    return frozenset().union(*_content_forms(text)) if text else frozenset()


def _word_coverage(fragment: Claim, other: Claim) -> float:
    """The share of a fragment's content words that ``other`` states (``fragment_coverage`` without its value
    test: at least ``fragment_coverage``, so a fragment that falls short here falls short there)."""
    mine = _content_forms(fragment.stated)
    if not mine:
        return 0.0
    theirs = _content_union(other.stated)
    return sum(bool(f & theirs) for f in mine) / len(mine)


def fragment_coverage(fragment: Claim, other: Claim) -> float:
    """The share of a fragment's content words (``_content_forms``) that ``other`` states, 0 when one of the
    fragment's dates, numbers or names is not among the other's values: "Pirna, where he pledged help from the
    federal government" / "Scholz went to Pirna and pledged federal assistance" is 0.6. Both read what the claims
    state (``Claim.stated``: a clause cut out of a sentence's middle is not stated by the rest of it)."""
    mine = _content_forms(fragment.stated)
    if not mine:
        return 0.0
    s, o = fragment.slots, other.slots
    if any(not any(dates_match(d, x) for x in o.dates) for d in s.dates) or \
            any(not any(same_quantity(n, x) and numbers_equal(n, x, tolerance=0.0) for x in o.numbers)
                for n in s.numbers if n.kind != "ordinal") or \
            any(not any(entities_match(e, x) for x in o.entities) for e in s.entities):
        return 0.0
    theirs = _content_union(other.stated)
    return sum(bool(f & theirs) for f in mine) / len(mine)


@dataclass(frozen=True)
class _Own:
    """What a part of a sentence adds to the sentence's other parts: its text less theirs (``own_words``)."""

    text: str
    ranges: tuple[tuple[int, int], ...]  # article char ranges of ``text``


def own_words(claims: list[Claim]) -> dict[str, _Own]:
    """Per claim that restates words of another claim of its source before its own (its clause cut off a sentence
    with the noun phrase it is about: "Ortega, who was sent off in the second half" beside "... according to
    Ortega"; cut out of a sentence's middle: "Anna de Vries, who was sent off ..." beside "Anna de Vries said ..."
    that leaves the clause as a gap), the words that are its own: its text less what the claims of its sentence that
    start no later than it state (``Claim.stated``). Claims with no such words are left out."""
    from claimcheck.stages.cluster.clusters import sentence_groups

    out: dict[str, _Own] = {}
    for group in sentence_groups(claims):
        if len(group) < 2:
            continue
        members = [claims[i] for i in group]
        for c in members:
            before = [o for o in members if o.id != c.id and o.start <= c.start]
            if not any(o.start < c.start < o.end or any(c.start <= gs < c.end for gs, _ in o.gaps) for o in before):
                continue
            said = [False] * (c.end - c.start)
            for o in before:
                pos = o.start
                for gs, ge in (*o.gaps, (o.end, o.end)):
                    for k in range(max(pos, c.start), min(gs, c.end)):
                        said[k - c.start] = True
                    pos = ge
            ranges, k = [], 0
            while k < len(said):
                if said[k]:
                    k += 1
                    continue
                m = k
                while m < len(said) and not said[m]:
                    m += 1
                ranges.append((c.start + k, c.start + m))
                k = m
            text = " ".join(c.text[rs - c.start:re_ - c.start] for rs, re_ in ranges)
            if ranges and _content_forms(text):
                out[c.id] = _Own(text=text, ranges=tuple(ranges))
    return out


def _states_own(own: _Own, other: Claim, *, share: float) -> bool:
    """Whether ``other`` states what a part of a sentence adds to it (``own``, from ``own_words``): at least
    ``share`` (``compare.fragment_own_coverage``; 0: always) of those content words. "Anna de Vries, who was sent
    off in the second half" is not stated by "Anna de Vries said the talks had collapsed": they share the name,
    which the sentence's other part states too. Words, not values: "March 2019, which injured five workers" /
    "..., which injured two workers" is one statement whose counts the conflict rules compare."""
    if share <= 0:
        return True
    mine = _content_forms(own.text)
    theirs = _content_union(other.stated)
    return sum(bool(f & theirs) for f in mine) >= share * len(mine)


def _absorb_covered_fragments(findings: list[Finding], claims: list[Claim], vectors: "np.ndarray",
                              index: dict[str, int], anchors: list[frozenset[str]],
                              events: list[frozenset[tuple[str, str]]], *, config: CompareConfig,
                              nli=None, own: dict[str, _Own] | None = None,  # noqa: ANN001 - optional NLI scorer
                              workers: int = 1) -> list[Finding]:
    """A clause or fragment (or a finding of such clauses from several sources) whose own sentence's other part
    sits in a multi-source finding joins that finding when another source's claim there states it (``fragment_coverage`` >= ``compare.fragment_coverage``,
    every value of the fragment among that claim's): "Scholz travelled to Pirna, where he pledged help from the
    federal government" cut in two is one statement with "Scholz went to Pirna and pledged federal assistance".
    A fragment the other sources do not state ("..., when it called for the withdrawal of 28,500 troops") stays
    unique, and so does one whose own words (``own``, from ``own_words``) they do not state (``_states_own``): a
    long noun phrase the sentence's other part states is not the clause's fact."""
    if config.fragment_coverage > 1.0:
        return findings
    from claimcheck.stages.cluster.clusters import sentence_groups

    where = {c.id: n for n, f in enumerate(findings) for c in f.claims}
    sentence_of = {claims[i].id: k for k, group in enumerate(sentence_groups(claims)) for i in group}
    by_sentence: dict[int, list[str]] = {}
    for cid, k in sentence_of.items():
        by_sentence.setdefault(k, []).append(cid)
    moved: dict[int, list[Claim]] = {}
    gone: set[int] = set()
    several = [len({c.source for c in f.claims}) > 1 for f in findings]  # read per fragment: counted once

    def covered_in(frag: Claim, n: int) -> set[int]:
        # the multi-source findings holding the rest of the fragment's sentence whose other sources state it
        targets = {where[cid] for cid in by_sentence.get(sentence_of.get(frag.id, -1), ())
                   if cid in where and where[cid] != n and several[where[cid]]}
        # the word share first: it bounds the coverage from above and is cheap, the value test is not
        mine = own.get(frag.id) if own else None
        return {t for t in targets if any(_word_coverage(frag, o) >= config.fragment_coverage
                                          and fragment_coverage(frag, o) >= config.fragment_coverage
                                          and (mine is None or _states_own(mine, o, share=config.fragment_own_coverage))
                                          for o in findings[t].claims if o.source != frag.source)}

    for n, f in enumerate(findings):
        if any(c.kind == "sentence" for c in f.claims) or n in moved:
            continue
        # every claim a fragment of a sentence whose other part sits in one finding that states it: a unique
        # clause, or the same clause of several outlets ("killing 12 people" cut off by two of four)
        common: set[int] = set()
        for k, c in enumerate(f.claims):  # read claim by claim, no further once nothing is common
            common = covered_in(c, n) if k == 0 else common & covered_in(c, n)
            if not common:
                break
        common -= gone
        if common:
            moved.setdefault(min(common), []).extend(f.claims)
            gone.add(n)
    if not moved:
        return findings

    def absorb(n: int) -> Finding:
        members = sorted([*findings[n].claims, *moved[n]], key=lambda c: (c.source, c.start))
        similarity = cross_source_similarity(vectors, [index[c.id] for c in members], claims)
        return dataclasses.replace(_finding(members, similarity, set(), vectors, index, anchors, events,
                                            config=config, nli=nli), event=findings[n].event)

    # each finding is built again on its own: with ``workers`` > 1 by forked copies of this process (``map_forked``)
    targets = sorted(moved)
    rebuilt = dict(zip(targets, map_forked(absorb, targets, workers=workers, shared=claims, costs=[
        (len(findings[n].claims) + len(moved[n])) ** 2 for n in targets])))
    return [rebuilt.get(n, f) for n, f in enumerate(findings) if n not in gone]
