"""Can two claims be about the same event? A claim pins its event down by facts that identify it: when it
happened (a date, a weekday), which occurrence it was (an ordinal: "her second visit"), who took part and where
(named people, organisations, nationalities, ages, places), how many people its group words count ("one Australian
and one English climber": two, "a British climber": one; ``people_counts``), how it ended (a result: "won 20-13")
and what it measured (a quantity with its unit).

Two claims of *different* events of one kind (two earthquakes, two shootings, two product launches) state
different values for several of these at once ("a 6.1 quake struck Qeshm on Sunday" / "a 5.6 quake jolted
Bandar Abbas on Friday"); two outlets that disagree about *one* event differ in one or two facts and share the
rest (the same place, a different day and death toll). So a pair is taken for two different events when

- it differs in at least ``cluster.event_differences`` of the fact kinds (``DIMENSIONS``), more than it shares;
- or it differs in one of the kinds in ``cluster.event_strong`` (by default a weekday or a result) and shares
  none.

A kind differs when both claims state it and no value of one matches a value of the other (dates: one refines
the other or their day ranges overlap; names: one name's words contain the other's, "Cheeks" / "Maurice
Cheeks"; quantities: the same kind and unit, within 10 % when one is approximate, and a different value for
every unit both state). A name that many claims of the run mention (``common_names``: the story's protagonist or
city) still differs from another name, but sharing it is no evidence either way (and when each claim also names
another one the other lacks, the kind differs: the same boxer, two different opponents). ``can_be_same_event`` is the
predicate for one pair; ``different_event_pairs`` gives the same answers for many pairs at once (claims are
reduced to their facts once). The cluster stage never links such a pair and keeps them in different clusters;
the comparison can call the predicate before it compares a pair. Two sources that report one story
(``story_sources``) are parted by none of these rules but ``story_facts_differ``: a kind of
``cluster.event_story_strong`` (the people count) that differs, with nothing shared but the story's setting (place,
group, organisation), is two occurrences of the story (the two climbers' deaths and one of them), not one outlet's
changed fact; so are two claims whose group words the run names as two peoples (``with_rivals``), and two claims
that differ in ``cluster.event_story_differences`` kinds, share nothing but the setting and are worded apart (cosine
below ``cluster.event_story_max_cosine``: "On Friday, 36-year-old Duncan Rait died ... 200ft" / "On Saturday,
32-year-old Robert Buckley fell ... 2,000ft"); an outlet that edits several facts of one sentence keeps its wording,
and its edits stay conflicts of one statement. Whether or not their sources tell one story, two claims dated
``cluster.event_years_apart`` years or more apart and worded apart (``years_differ``) are two occasions: the story's
background and its news.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.config import EVENT_FACT_KINDS, ClusterConfig, CompareConfig
from claimcheck.models import Claim
from claimcheck.stages.cluster.sets import DisjointSets
from claimcheck.stages.extract.dates import WEEKDAYS, date_ranges_match
from claimcheck.stages.extract.numbers import singular, values_close
from claimcheck.stages.extract.places import groups_compatible

if TYPE_CHECKING:
    import numpy as np

DIMENSIONS = EVENT_FACT_KINDS

_PLACE = {"GPE", "LOC", "FAC"}
_WEEKDAY_WORDS = {d: d for d in WEEKDAYS} | {d + "s": d for d in WEEKDAYS}
# a result or record: "a 20-13 win", "(52-3, 46 KOs)"; not a range of years or a date ("2008-2009", "9-14-2012").
# Not the numbers extraction's score (``numbers._TALLY`` with a tally word, kind "score"): that one asks for a word
# that says it is a result ("won 20-13"), where a team's record identifies an event without one ("Creighton (25-7)
# will play", "a disappointing 9-14 start"); on the ECB+ train/dev and seed sentences the two give different
# pairs in 15 sentences (12 found here only, 3 there only: "defeat the Chiefs ..., 20-13." ends a sentence, which
# this one does not read). Reading the extraction's would change which events are kept apart, so both stay.
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,3})-(\d{1,3})(?![\w.,/-]|-\d|\.\d)")
_NAME_SKIP = frozenset({"the", "of", "and", "a", "an"})


@dataclass(frozen=True)
class EventFacts:
    """The facts of one claim that identify its event, each kind a set of comparable values."""

    dates: frozenset[tuple[str, str, str]] = frozenset()  # (value, earliest, latest); "" when unknown
    weekdays: frozenset[str] = frozenset()
    ordinals: frozenset[tuple[str, float]] = frozenset()  # (counted noun, value): ("visit", 2.0)
    ages: frozenset[float] = frozenset()
    # each name as (its set of words, whether it is common: named by many claims of the run, see claims_facts)
    places: frozenset[tuple[frozenset[str], bool]] = frozenset()
    persons: frozenset[tuple[frozenset[str], bool]] = frozenset()
    orgs: frozenset[tuple[frozenset[str], bool]] = frozenset()
    scores: frozenset[tuple[int, int]] = frozenset()  # a result "20-13" as (higher, lower)
    groups: frozenset[str] = frozenset()  # nationalities / groups, lower-cased ("somali"; see ``group_match``)
    quantities: frozenset[tuple[str, str, float, bool]] = frozenset()  # (kind, unit, value, approximate)
    # how many people of a noun a group word counts: "a British climber" ("climber", 1), "one Australian and one
    # English climber" ("climber", 2); see ``people_counts``
    people: frozenset[tuple[str, float]] = frozenset()
    # group words that some claim of the run names beside one of this claim's groups as another participant ("one
    # Australian and one English climber": "australian" for a claim on "a British climber"); see ``with_rivals``
    rivals: frozenset[str] = frozenset()
    together: frozenset[tuple[str, str]] = frozenset()  # ``coordinated_groups``
    # which kinds of ``_AGREEMENT`` the claim states, one bit each (``_stated``): a pair's rules run only for the kinds
    # both state (every rule gives None when either side is silent); derived, so never compared, hashed or shown
    stated: int = field(default=0, init=False, compare=False, repr=False)
    # the first and last year of each date whose year is known (``_years``), read once per claim, not once per pair
    years: tuple[tuple[int, int], ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stated", _stated(self))
        object.__setattr__(self, "years", tuple(_years(self)))


def _name(key: str) -> frozenset[str]:
    return frozenset(w for w in key.replace("'", " ").split() if w not in _NAME_SKIP)


def _names(claim: Claim, labels: set[str], common: frozenset[frozenset[str]]) -> frozenset:
    words = {_name(e.key) for e in claim.slots.entities if e.label in labels} - {frozenset()}
    return frozenset((w, w in common) for w in words)


def event_facts(claim: Claim, *, common: frozenset[frozenset[str]] = frozenset()) -> EventFacts:
    """The event-identifying facts of a claim, from its slots (and its weekday and score words). Names in
    ``common`` (see ``claims_facts``) still differ from other names but are no evidence of the same event when
    both claims name them."""
    s = claim.slots
    dates = frozenset((d.value, d.earliest or "", d.latest or "") for d in s.dates)
    days = any(d.granularity == "day" for d in s.dates)
    weekdays = frozenset() if days else frozenset(
        _WEEKDAY_WORDS[w] for w in (t.strip(".,;:!?\"'()").lower() for t in claim.text.split()) if w in _WEEKDAY_WORDS)
    ordinals = frozenset((n.unit.lower(), n.value) for n in s.numbers if n.kind == "ordinal" and n.unit)
    ages = frozenset(n.value for n in s.numbers if n.kind == "age")
    quantities = frozenset((n.kind, n.unit.lower(), n.value, n.approximate) for n in s.numbers
                           if n.unit and n.kind in ("count", "money", "percent"))
    places = _names(claim, _PLACE, common)
    persons = _names(claim, {"PERSON"}, common)
    groups = frozenset(e.key.lower() for e in s.entities if e.label == "NORP")
    orgs = _names(claim, {"ORG"}, common)
    scores = frozenset((max(int(x), int(y)), min(int(x), int(y))) for x, y in _SCORE.findall(claim.text))
    return EventFacts(dates=dates, weekdays=weekdays, ordinals=ordinals, ages=ages, places=places, persons=persons,
                      orgs=orgs, scores=scores, groups=groups, quantities=quantities, people=people_counts(claim),
                      together=coordinated_groups(claim))


# what joins two coordinated group words ("one Australian and one English climber", "Australian, English
# climbers"), what puts one person before a group word ("a 32-year-old British climber") and the noun after it
_GROUP_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)(?:(?:one|a|an)\s+)?", re.IGNORECASE)
_ONE_BEFORE = re.compile(r"(?:^|[^\w-])(?:a|an|one)\s+(?:[\w-]+-old\s+)?$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+([a-z]{3,})\b", re.IGNORECASE)
_NOT_NOUNS = frozenset({"and", "or", "but", "nor", "who", "whom", "which", "that", "has", "have", "had", "was", "were",
                        "is", "are", "will", "would", "said", "says", "the", "for", "from", "with"})


def _group_runs(claim: Claim) -> list[tuple[list, str]]:
    """The claim's runs of coordinated group words (NORP) before a noun, each with its noun: "one Australian and one
    English climber" ([Australian, English], "climber"); "Australian, English climbers" ([Australian, English],
    "climbers"). A group word with no noun after it is left out."""
    groups = sorted((e for e in claim.slots.entities if e.label == "NORP"), key=lambda e: e.start)
    out = []
    k = 0
    while k < len(groups):
        run = [groups[k]]
        while k + len(run) < len(groups):
            gap = claim.text[run[-1].end - claim.start:groups[k + len(run)].start - claim.start]
            if not _GROUP_JOIN.fullmatch(gap):
                break
            run.append(groups[k + len(run)])
        k += len(run)
        noun = _NOUN_AFTER.match(claim.text, run[-1].end - claim.start)
        if noun is not None and noun.group(1).lower() not in _NOT_NOUNS:
            out.append((run, noun.group(1).lower()))
    return out


def people_counts(claim: Claim) -> frozenset[tuple[str, float]]:
    """How many people of a noun the claim's group words (nationalities, NORP) count: group words each after "a",
    "an" or "one", joined by "and" or a comma before a noun, count one each ("One Australian and one English
    climber": ("climber", 2); "A 32-year-old British climber": ("climber", 1)). Compared by ``fact_agreement``: one
    victim and two are two occurrences."""
    out = set()
    for run, noun in _group_runs(claim):
        # each group word one person: "one Australian and one English climber" (not "23 Somali and Yemeni pirates",
        # nor "English and Australian climbers", nor a headline's "British climber dies": how many each word counts
        # is unsaid; counting those too gave ECB+ dev event-group precision 0.871 -> 0.836)
        if not all(_ONE_BEFORE.search(claim.text, 0, e.start - claim.start) for e in run):
            continue
        if len(run) > 1:
            out.add((singular(noun), float(len(run))))
        elif singular(noun) == noun:
            out.add((noun, 1.0))
    return frozenset(out)


def coordinated_groups(claim: Claim) -> frozenset[tuple[str, str]]:
    """Pairs of group words the claim coordinates before one noun as two peoples ("one Australian and one English
    climber", "Somali and Yemeni pirates"; not "English and British", one people), lower-cased, both orders."""
    out = set()
    for run, _ in _group_runs(claim):
        keys = {e.key.lower() for e in run}
        out |= {(x, y) for x in keys for y in keys if x != y and not group_match(x, y)}
    return frozenset(out)


def group_match(x: str, y: str) -> bool:
    """Whether two group words (``EventFacts.groups``) can name one people: the same first five letters ("Somali" /
    "Somalian") or countries one of which contains the other ("English" / "British", ``places.groups_compatible``)."""
    return x[:5] == y[:5] or groups_compatible(x, y)


def with_rivals(facts: list[EventFacts]) -> list[EventFacts]:
    """``facts`` with ``EventFacts.rivals`` filled in from the whole run: two group words that one claim names
    together without one naming the other's people ("One Australian and one English climber", "English and
    Australian climbers") are two participants of the story, so a claim on "a British climber" and one on "an
    Australian mountaineer" are about two people, whatever else they share (``distinct_participants``)."""
    together: set[tuple[str, str]] = set()
    for f in facts:
        together |= f.together
    if not together:
        return facts
    out = []
    for f in facts:
        if f.groups:
            rivals = frozenset(y for u, y in together if any(group_match(x, u) for x in f.groups)
                               and not any(group_match(x, y) for x in f.groups))
            if rivals:
                f = replace(f, rivals=rivals)
        out.append(f)
    return out


def distinct_participants(a: EventFacts, b: EventFacts) -> bool:
    """Whether ``a`` and ``b`` name different participants of one story by their group words: no group of one can
    name a group of the other, and the run names one's group beside the other's as two people (``with_rivals``)."""
    if not a.rivals or not b.groups:
        return False
    if any(group_match(x, y) for x in a.groups for y in b.groups):
        return False
    return _rival_named(a, b)


def _rival_named(a: EventFacts, b: EventFacts) -> bool:
    """Whether a group of ``b`` names one of ``a``'s rivals (the last test of ``distinct_participants``)."""
    return any(group_match(y, r) for y in b.groups for r in a.rivals)


def _name_match(x: frozenset[str], y: frozenset[str]) -> bool:
    return x <= y or y <= x


def _compare_names(xs: frozenset, ys: frozenset) -> int | None:
    """Like ``_compare`` for names, but a match of common names only is no evidence of the same event: None, or 0
    when each side also names someone (somewhere) else that the other does not ("Klitschko stopped Thompson" /
    "Klitschko stopped Rahman": the boxer every sentence names is shared, the opponents differ)."""
    if not xs or not ys:
        return None
    found = [(cx, cy) for x, cx in xs for y, cy in ys if _name_match(x, y)]
    if not found:
        return 0
    if any(not (cx and cy) for cx, cy in found):
        return 1
    if any(not cx for _, cx in xs) and any(not cy for _, cy in ys):
        return 0  # they share only the story's common name, and each names someone / somewhere else as well
    return None


def common_names(claims: list[Claim], *, max_share: float) -> frozenset[frozenset[str]]:
    """The place, person and organisation names (as word sets) that more than ``max_share`` of the claims (and more
    than two) mention: the story's own protagonist or city that every outlet's sentences name, so sharing it says
    nothing about which of two similar events a claim reports."""
    df: dict[frozenset[str], int] = {}
    for c in claims:
        for w in {_name(e.key) for e in c.slots.entities if e.label in _PLACE | {"PERSON", "ORG"}}:
            df[w] = df.get(w, 0) + 1
    limit = max(2, int(max_share * len(claims)))
    return frozenset(w for w, n in df.items() if n > limit)


def claims_facts(claims: list[Claim], *, config: ClusterConfig) -> list[EventFacts]:
    """``event_facts`` of every claim, with ``common_names`` at ``cluster.event_common_share`` marked."""
    common = common_names(claims, max_share=config.event_common_share)
    return with_rivals([event_facts(c, common=common) for c in claims])


def _close(x: float, y: float, approximate: bool) -> bool:
    return values_close(x, y, approximate=approximate, tolerance=CompareConfig.approx_tolerance)


def _compare(xs: frozenset, ys: frozenset, match) -> int | None:  # noqa: ANN001 - a predicate
    """1 when both sides state the kind and share a value, 0 when they state different values, None when either
    side is silent."""
    if not xs or not ys:  # the facts' frozensets, read as they are (no copy per pair)
        return None
    return int(any(match(x, y) for x in xs for y in ys))


def _quantities(a: EventFacts, b: EventFacts) -> int | None:
    """1 when a unit both state has a value in common, 0 when every unit both state differs."""
    units = {(k, u) for k, u, _, _ in a.quantities} & {(k, u) for k, u, _, _ in b.quantities}
    if not units:
        return None
    for key in units:
        xs = [(v, ap) for k, u, v, ap in a.quantities if (k, u) == key]
        ys = [(v, ap) for k, u, v, ap in b.quantities if (k, u) == key]
        if any(_close(x, y, ax or ay) for x, ax in xs for y, ay in ys):
            return 1
    return 0


def _ordinals(a: EventFacts, b: EventFacts) -> int | None:
    units = {u for u, _ in a.ordinals} & {u for u, _ in b.ordinals}
    if not units:
        return None
    return int(any((u, v) in b.ordinals for u, v in a.ordinals if u in units))


def _people(a: EventFacts, b: EventFacts) -> int | None:
    """1 when a noun both count (``people_counts``) has one count on both, 0 when it has different ones; None when
    no noun is counted on both. A plain count is not read here: "a Muslim woman ... killed two co-workers" / "accused
    of killing two women" count the shooter and her victims (ECB+ train: with plain counts, event-group recall
    0.543 -> 0.538)."""
    pairs = [(x, y) for x in a.people for y in b.people if x[0] == y[0]]
    if not pairs:
        return None
    return int(any(x[1] == y[1] for x, y in pairs))


_AGREEMENT: tuple[tuple[str, Callable[[EventFacts, EventFacts], int | None]], ...] = (
    ("date", lambda a, b: _compare(a.dates, b.dates, date_ranges_match)),
    ("weekday", lambda a, b: _compare(a.weekdays, b.weekdays, str.__eq__)),
    ("ordinal", _ordinals),
    ("age", lambda a, b: _compare(a.ages, b.ages, float.__eq__)),
    ("place", lambda a, b: _compare_names(a.places, b.places)),
    ("person", lambda a, b: _compare_names(a.persons, b.persons)),
    ("org", lambda a, b: _compare_names(a.orgs, b.orgs)),
    ("score", lambda a, b: _compare(a.scores, b.scores, tuple.__eq__)),
    ("group", lambda a, b: _compare(a.groups, b.groups, group_match)),
    ("quantity", _quantities),
    ("people", _people),
)


# the field of EventFacts each rule of _AGREEMENT reads (in its order)
_FIELDS = ("dates", "weekdays", "ordinals", "ages", "places", "persons", "orgs", "scores", "groups", "quantities",
           "people")


def _stated(facts: EventFacts) -> int:
    """The kinds of ``_AGREEMENT`` that ``facts`` states, as a bit mask (bit k: rule k's field is not empty)."""
    return sum(1 << k for k, name in enumerate(_FIELDS) if getattr(facts, name))


@lru_cache(maxsize=None)
def _rules(both: int) -> tuple[tuple[str, Callable[[EventFacts, EventFacts], int | None]], ...]:
    """The rules of ``_AGREEMENT`` (in its order) for the kinds in the bit mask ``both`` (at most 2 ** 11 masks)."""
    return tuple(rule for k, rule in enumerate(_AGREEMENT) if both >> k & 1)


def fact_agreement(a: EventFacts, b: EventFacts) -> dict[str, int]:
    """Per fact kind both claims state: 1 when they share a value, 0 when they differ (kinds stated by one side
    or none are left out)."""
    return _agreement(a, b, setting_only=False) or {}


def _setting_agreement(a: EventFacts, b: EventFacts) -> dict[str, int] | None:
    """``fact_agreement`` when every kind the pair shares is of the story's setting (``_SETTING``), else None, as
    soon as a kind outside it is found shared (the rest is not read: a pair of one story that shares its day or a
    name is one occurrence whatever else it states)."""
    return _agreement(a, b, setting_only=True)


def _agreement(a: EventFacts, b: EventFacts, *, setting_only: bool) -> dict[str, int] | None:
    out = {}
    for kind, rule in _rules(a.stated & b.stated):  # a kind either side is silent on gives None: not read
        value = rule(a, b)
        if value is None:
            continue
        if setting_only and value == 1 and kind not in _SETTING:
            return None
        out[kind] = value
    return out


def facts_differ(a: EventFacts, b: EventFacts, *, config: ClusterConfig) -> bool:
    """Whether two claims' facts say they are about different events (the rule in the module docstring)."""
    agreement = fact_agreement(a, b)
    if distinct_participants(a, b) and _setting_only(agreement):
        return True
    differ = [k for k, v in agreement.items() if v == 0]
    if not differ:
        return False
    shared = len(agreement) - len(differ)
    if len(differ) >= config.event_differences and len(differ) > shared:
        return True
    return shared == 0 and any(k in config.event_strong for k in differ)


def story_facts_differ(a: EventFacts, b: EventFacts, *, config: ClusterConfig, cosine: float | None = None) -> bool:
    """Whether two claims of one story (``story_sources``) are still about two of its occurrences: they differ in
    a kind of ``cluster.event_story_strong``, or name two participants (``distinct_participants``), and share nothing
    but the story's setting (``_setting_only``: "one Australian and one English climber have fallen to their deaths
    in New Zealand" / "a British climber has fallen to his death in New Zealand": the two deaths, and one of
    them). Also when they differ in at least ``cluster.event_story_differences`` kinds, one of them of
    ``cluster.event_story_apart_kinds`` (who took part, which occurrence), and their ``cosine`` (None: unknown,
    never parted so) is below ``cluster.event_story_max_cosine``: two occurrences told in their own words, not one
    outlet's sentence with several facts edited, nor an outlet that gives the one event another day, place and
    toll."""
    return _parts(_story_verdict(a, b, config=config), cosine, config=config)


def _parts(verdict: int, cosine: float | None, *, config: ClusterConfig) -> bool:
    """Whether a pair with this verdict of ``_story_verdict`` / ``_pair_verdict`` and this cosine (None: unknown, never
    parted by the worded-apart rule) is two events."""
    return verdict == _APART or (verdict == _IF_WORDED_APART and cosine is not None
                                 and cosine < config.event_story_max_cosine)


# what the rules say of a pair before its cosine is read: not apart, apart, or apart when worded apart (cosine below
# the rule's bound)
_NOT_APART, _APART, _IF_WORDED_APART = 0, 1, 2


def _story_verdict(a: EventFacts, b: EventFacts, *, config: ClusterConfig) -> int:
    """``story_facts_differ`` of a pair as far as its facts tell (``_NOT_APART``, ``_APART``, or
    ``_IF_WORDED_APART``: the many-differences rule, which also asks for a cosine below
    ``cluster.event_story_max_cosine``)."""
    agreement = _setting_agreement(a, b)
    if agreement is None:
        return _NOT_APART
    if config.event_story_strong and (distinct_participants(a, b)
                                      or any(agreement.get(k) == 0 for k in config.event_story_strong)):
        return _APART
    # many facts changed at once, in other wording, one of them who took part or which occurrence it was: another
    # occurrence, not one outlet's edited sentence nor an outlet wrong about the day, place and toll of the one event
    differ = [k for k, v in agreement.items() if v == 0]
    if 0 < config.event_story_differences <= len(differ) and any(k in config.event_story_apart_kinds for k in differ):
        return _IF_WORDED_APART
    return _NOT_APART


# what the occurrences of one story share: where it happens and who is involved by group ("New Zealand", "climbers
# of two nations"); a shared day, name, age, count or result is evidence of one occurrence
_SETTING = frozenset({"place", "group", "org"})


def _setting_only(agreement: dict[str, int]) -> bool:
    """Whether the fact kinds a pair shares (``fact_agreement``) are all of the story's setting (``_SETTING``)."""
    return all(k in _SETTING for k, v in agreement.items() if v == 1)


def can_be_same_event(a: Claim, b: Claim, *, config: ClusterConfig,
                      common: frozenset[frozenset[str]] = frozenset()) -> bool:
    """Whether claims ``a`` and ``b`` may be about the same event: False when their dates, weekdays, ordinals,
    ages, scores, places, people, organisations, groups or quantities say they are two different events (see the
    module docstring). ``common``: names that are no evidence of the same event (``common_names``)."""
    return not facts_differ(event_facts(a, common=common), event_facts(b, common=common), config=config)


def _years(facts: EventFacts) -> list[tuple[int, int]]:
    """The first and last year of each of the claim's dates whose year is known ("2007", "June 2018"; not a bare
    weekday or month left unresolved)."""
    return [(int(lo[:4]), int(hi[:4])) for _, lo, hi in facts.dates
            if lo[:4].isdigit() and hi[:4].isdigit()]


def years_apart(a: EventFacts, b: EventFacts) -> int:
    """How many whole years lie between the closest dates of ``a`` and ``b`` (0 when two of their dates fall in one
    year or in neighbouring years, or either claim states no year): "first hosted the Oscars in 2007" / "to host
    the 2014 Oscars" 7, "in June 2018" / "in June 2017" 1."""
    xs, ys = a.years, b.years
    if not xs or not ys:
        return 0
    return min(max(y0 - x1, x0 - y1, 0) for x0, x1 in xs for y0, y1 in ys)


def years_differ(a: EventFacts, b: EventFacts, *, config: ClusterConfig, cosine: float | None) -> bool:
    """Whether two claims tell of occasions years apart (``years_apart`` at least ``cluster.event_years_apart``)
    in other words (``cosine`` below ``cluster.event_years_max_cosine``; None: unknown, never parted so): a
    story's background ("first hosted the Oscars in 2007") and its news ("to host the 2014 Oscars"), whatever names
    they share. An outlet that misdates the event by a year, or an edited copy of a sentence with another year,
    keeps its wording and stays one statement with a date conflict."""
    return bool(config.event_years_apart) and cosine is not None and cosine < config.event_years_max_cosine \
        and years_apart(a, b) >= config.event_years_apart


def different_event_pairs(claims: list[Claim], pairs: Iterable[tuple[int, int]], *, config: ClusterConfig,
                          facts: list[EventFacts] | None = None,
                          same_story: SameStory | frozenset = frozenset(),
                          similarity: Callable[[int, int], float] | None = None) -> set[tuple[int, int]]:
    """The index pairs among ``pairs`` whose claims cannot be the same event (``can_be_same_event`` is False);
    each claim's facts are read once (or given as ``facts``), and claims without any fact are skipped at once.
    Two sources of one story in ``same_story`` (``story_sources``) are parted only by ``story_facts_differ``: an
    outlet of the story that gives another day, place and toll is a set of conflicts to report, not another
    event. Any two sources' claims years apart in other words (``years_differ``) are parted. ``similarity``: the
    cosine of two claims by index, for the worded-apart rules (None: those rules are off)."""
    facts = facts if facts is not None else claims_facts(claims, config=config)
    empty = EventFacts()
    blank: dict[int, bool] = {}  # whether a claim states no fact, read once per claim (a claim is in many pairs)
    # what the rules say of two facts before any cosine (``_pair_verdict``), by the two facts objects: equal facts
    # are one object (``ValueSharer``), and a story's outlets repeat one sentence's facts pair after pair; bounded
    verdicts: dict[tuple[int, int, bool], tuple[bool, int]] = {}
    out = set()
    for i, j in pairs:
        bi, bj = blank.get(i), blank.get(j)
        if bi is None:
            bi = blank[i] = facts[i] == empty
        if bj is None:
            bj = blank[j] = facts[j] == empty
        if bi or bj:
            continue
        a, b = claims[i].source, claims[j].source
        story = bool(same_story) and ((a, b) if a < b else (b, a)) in same_story
        fi, fj = facts[i], facts[j]
        key = (id(fi), id(fj), story)
        verdict = verdicts.get(key)
        if verdict is None:
            if len(verdicts) >= _VERDICTS_HELD:
                verdicts.clear()
            verdict = verdicts[key] = _pair_verdict(fi, fj, story=story, config=config)
        years, rest = verdict
        # the pair's cosine, read once and only when a rule comes to it: claims years apart, or worded apart
        cosine = similarity(i, j) if similarity is not None and (years or rest == _IF_WORDED_APART) else None
        if _decide(years, rest, fi, fj, cosine=cosine, config=config):
            out.add((i, j))
    return out


_VERDICTS_HELD = 1 << 16  # pair verdicts kept per call of different_event_pairs (~10 MB at most)

def _facts_codes(facts: list[EventFacts]) -> tuple["np.ndarray", list[EventFacts]]:
    """Each facts object's code (its position among the distinct objects, by identity: equal facts are one object
    in a run) and the distinct objects."""
    import numpy as np

    codes: dict[int, int] = {}
    objs: list[EventFacts] = []
    code = np.empty(len(facts), dtype=np.int64)
    for k, f in enumerate(facts):
        x = codes.get(id(f))
        if x is None:
            x = codes[id(f)] = len(objs)
            objs.append(f)
        code[k] = x
    return code, objs


# pairs decided at a time by ``different_event_arrays`` (its key arrays stay a few MB)
_PAIR_BLOCK = 1 << 16


def different_event_arrays(rows: "np.ndarray", cols: "np.ndarray", *, config: ClusterConfig,
                           facts: list[EventFacts]) -> set[tuple[int, int]]:
    """``different_event_pairs`` with no story and no cosines, for the pairs ``(rows[p], cols[p])`` given as two
    index arrays (a clustering pass's links): the claims' distinct facts objects are coded and their distinct pairs
    decided by ``_GroupVerdicts``, ``_PAIR_BLOCK`` pairs at a time. The same pairs ``different_event_pairs`` gives
    (a claim without facts is never apart: every rule needs a fact on both sides)."""
    import numpy as np

    code, objs = _facts_codes(facts)
    verdicts = _GroupVerdicts(objs, config=config)
    out: set[tuple[int, int]] = set()
    for start in range(0, len(rows), _PAIR_BLOCK):
        ri, ci = rows[start:start + _PAIR_BLOCK], cols[start:start + _PAIR_BLOCK]
        keys, inverse = np.unique(code[ri] * len(objs) + code[ci], return_inverse=True)
        rest = verdicts.decide(keys // len(objs), keys % len(objs), np.zeros(len(keys), dtype=bool),
                               years=False) >> 1
        apart = np.flatnonzero(rest[inverse.reshape(-1)] == _APART)
        out.update(zip(ri[apart].tolist(), ci[apart].tolist()))
    return out


def _decide(years: bool, rest: int, a: EventFacts, b: EventFacts, *, cosine: float | None,
            config: ClusterConfig) -> bool:
    """Whether a pair with this ``_pair_verdict`` and ``cosine`` (None: unknown) is two events."""
    return (years and years_differ(a, b, config=config, cosine=cosine)) or _parts(rest, cosine, config=config)


# rows of a group's mask read at a time by ``different_event_positions`` (its pair arrays stay a few MB)
_MASK_ROWS = 256


def different_event_positions(claims: list[Claim], comp: list[int], near: "np.ndarray", *, config: ClusterConfig,
                              facts: list[EventFacts], same_story: SameStory | frozenset = frozenset(),
                              vectors: "np.ndarray | None" = None) -> tuple["np.ndarray", "np.ndarray"]:
    """``different_event_pairs`` for the pairs of one group given as a mask: ``near`` is a square bool array over
    the claim indexes ``comp``, True for each pair to decide; the answer is the positions in ``comp`` (rows, columns)
    of the pairs that cannot be one event, the same pairs ``different_event_pairs`` gives (``vectors``: the claims'
    unit vectors, for the rules that read a cosine; None: those rules are off). The pairs stay arrays, and each
    distinct pair of facts objects (with whether their sources tell one story) is decided once: a group of 2,000
    claims of one 400-outlet story has up to two million pairs and a few thousand distinct facts."""
    import numpy as np

    code, objs = _facts_codes([facts[c] for c in comp])
    sources = [claims[c].source for c in comp]
    _, source = np.unique(np.array(sources), return_inverse=True)
    labels = same_story.labels(sources) if isinstance(same_story, SameStory) else None
    story_label = np.array(labels if labels is not None else [-1] * len(comp), dtype=np.int64)
    verdicts = _GroupVerdicts(objs, config=config)
    rows, cols = [], []
    for r0 in range(0, len(comp), _MASK_ROWS):
        ra, rb = np.nonzero(near[r0:r0 + _MASK_ROWS])
        if not len(ra):
            continue
        ra += r0
        if labels is not None:
            story = (story_label[ra] == story_label[rb]) & (story_label[ra] >= 0) & (source[ra] != source[rb])
        elif same_story:  # a set of sorted source pairs, read as different_event_pairs reads it
            story = np.fromiter((((sources[a], sources[b]) if sources[a] < sources[b] else (sources[b], sources[a]))
                                 in same_story for a, b in zip(ra.tolist(), rb.tolist())), dtype=bool, count=len(ra))
        else:
            story = np.zeros(len(ra), dtype=bool)
        keys, inverse = np.unique((code[ra] * len(objs) + code[rb]) * 2 + story, return_inverse=True)
        decided = verdicts.decide((keys >> 1) // len(objs), (keys >> 1) % len(objs), (keys & 1).astype(bool))
        per_pair = decided[inverse.reshape(-1)]
        apart = (per_pair >> 1) == _APART
        if vectors is not None:
            # the pair's cosine only where a rule comes to it: claims years apart, or worded apart
            for p in np.flatnonzero(((per_pair & 1) == 1) | ((per_pair >> 1) == _IF_WORDED_APART)).tolist():
                i, j = comp[ra[p]], comp[rb[p]]
                apart[p] = _decide(bool(per_pair[p] & 1), int(per_pair[p] >> 1), facts[i], facts[j],
                                   cosine=float(vectors[i] @ vectors[j]), config=config)
        rows.append(ra[apart])
        cols.append(rb[apart])
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _pair_verdict(a: EventFacts, b: EventFacts, *, story: bool, config: ClusterConfig) -> tuple[bool, int]:
    """What ``different_event_pairs`` decides of two claims' facts before reading their cosine: whether they are
    years apart (``years_differ`` then asks for the cosine), and what the other rules say (``_NOT_APART``,
    ``_APART``, ``_IF_WORDED_APART``): ``story_facts_differ`` for two sources of one story, ``facts_differ`` for
    any other two."""
    years = bool(config.event_years_apart) and bool(a.dates) and bool(b.dates) \
        and years_apart(a, b) >= config.event_years_apart
    rest = _story_verdict(a, b, config=config) if story else _APART if facts_differ(a, b, config=config) else _NOT_APART
    return years, rest


_VALUE_PAIRS_HELD = 1 << 16  # rule answers kept per rule by _GroupVerdicts (~5 MB at most each, 13 rules)


class _GroupVerdicts:
    """``_pair_verdict`` of many pairs of one group's distinct facts objects at once, as arrays. Each field's values
    get codes (equal values one code), each rule runs once per distinct pair of the values it reads (kept for the
    group), and the verdict rules (``_story_verdict`` for two sources of one story, ``facts_differ`` for any other
    two, the years rule) combine the per-kind answers as arrays: the same answers as ``_pair_verdict`` pair by pair
    (tested), without a Python call per pair of facts (a 400-outlet story's groups have a million distinct ones)."""

    def __init__(self, objs: list[EventFacts], *, config: ClusterConfig) -> None:
        self._objs = objs
        self._config = config
        self._fields: dict[str, tuple["np.ndarray", list[EventFacts]]] = {}
        self._memo: dict[str, dict[int, int]] = {}

    def _field(self, name: str) -> tuple["np.ndarray", list[EventFacts]]:
        """Each object's code for its value of field ``name`` (-1: empty), and one object holding each value."""
        import numpy as np

        got = self._fields.get(name)
        if got is None:
            seen: dict[object, int] = {}
            holders: list[EventFacts] = []
            code = np.full(len(self._objs), -1, dtype=np.int64)
            for k, f in enumerate(self._objs):
                value = getattr(f, name)
                if value:
                    c = seen.get(value)
                    if c is None:
                        c = seen[value] = len(holders)
                        holders.append(f)
                    code[k] = c
            got = self._fields[name] = (code, holders)
        return got

    def _values(self, name: str, fields: tuple[str, str], rule: Callable[[EventFacts, EventFacts], int | None],
                a: "np.ndarray", b: "np.ndarray") -> "np.ndarray":
        """``rule`` of each pair of objects ``a[p]``, ``b[p]`` (1, 0; -1 for None or when either field is empty),
        run once per distinct pair of the two fields' values."""
        import numpy as np

        code_a, holders_a = self._field(fields[0])
        code_b, holders_b = self._field(fields[1])
        ca, cb = code_a[a], code_b[b]
        out = np.full(len(a), -1, dtype=np.int8)
        both = np.flatnonzero((ca >= 0) & (cb >= 0))
        if not len(both):
            return out
        width = len(holders_b)
        keys, inverse = np.unique(ca[both] * width + cb[both], return_inverse=True)
        memo = self._memo.setdefault(name, {})
        if len(memo) > _VALUE_PAIRS_HELD:  # a whole run's links meet many more pairs of values than one group
            memo.clear()
        values = np.empty(len(keys), dtype=np.int8)
        for u, key in enumerate(keys.tolist()):
            got = memo.get(key)
            if got is None:
                x, y = divmod(key, width)
                answer = rule(holders_a[x], holders_b[y])
                got = memo[key] = -1 if answer is None else int(answer)
            values[u] = got
        out[both] = values[inverse.reshape(-1)]
        return out

    def decide(self, a: "np.ndarray", b: "np.ndarray", story: "np.ndarray", *, years: bool = True) -> "np.ndarray":
        """``int(years) + 2 * rest`` of ``_pair_verdict`` for each pair of objects ``a[p]``, ``b[p]`` (indexes into
        the group's objects), ``story[p]``: whether their sources tell one story. ``years=False``: the years part is
        left 0 (a caller that reads no cosine never uses it)."""
        import numpy as np

        config = self._config
        n = len(a)
        got = {kind: self._values(kind, (name, name), rule, a, b) for (kind, rule), name in zip(_AGREEMENT, _FIELDS)}

        def any_of(kinds: Iterable[str], value: int) -> "np.ndarray":
            out = np.zeros(n, dtype=bool)
            for kind in kinds:
                if kind in got:
                    out |= got[kind] == value
            return out

        differ = sum((v == 0).astype(np.int64) for v in got.values())
        shared = sum((v == 1).astype(np.int64) for v in got.values())
        beyond_setting = any_of((k for k in got if k not in _SETTING), 1)  # a kind outside the setting shared
        # distinct_participants(a, b): a's rivals name a people of b's groups, and no group of a names one of b's
        rivals = self._values("rivals", ("rivals", "groups"), _rival_named, a, b)
        participants = (rivals == 1) & (got["group"] != 1)
        # _story_verdict
        strong = bool(config.event_story_strong) & (participants | any_of(config.event_story_strong, 0))
        worded = (0 < config.event_story_differences) & (differ >= config.event_story_differences) \
            & any_of(config.event_story_apart_kinds, 0)
        in_story = np.where(beyond_setting, _NOT_APART,
                            np.where(strong, _APART, np.where(worded, _IF_WORDED_APART, _NOT_APART)))
        # facts_differ
        apart = (participants & ~beyond_setting) \
            | ((differ >= config.event_differences) & (differ > shared) & (differ > 0)) \
            | ((shared == 0) & any_of(config.event_strong, 0))
        rest = np.where(story, in_story, np.where(apart, _APART, _NOT_APART))
        apart_years = np.zeros(n, dtype=bool)
        if config.event_years_apart and years:
            apart_years = self._values("years", ("dates", "dates"),
                                       lambda x, y: years_apart(x, y) >= config.event_years_apart, a, b) == 1
        return (apart_years.astype(np.int8) + 2 * rest).astype(np.int8)


class SameStory:
    """Sources that report one story (``story_sources``), held as a story label per source: ``(a, b) in
    same_story`` is True when ``a`` and ``b`` are two sources of one story. Linear in the sources; the set of every
    source pair of one story grows with its square (a story that 400 articles of an archive tell is 80,000 pairs,
    all of them held through both clustering passes)."""

    __slots__ = ("_story",)

    def __init__(self, story: dict[str, int] | None = None) -> None:
        self._story = story or {}

    def __contains__(self, pair: object) -> bool:
        a, b = pair  # type: ignore[misc]
        story = self._story.get(a)
        return story is not None and a != b and story == self._story.get(b)

    def __bool__(self) -> bool:
        return bool(self._story)

    def labels(self, sources: list[str]) -> list[int]:
        """Each source's story number (-1: none): two sources are of one story when their numbers are equal and
        not -1."""
        return [self._story.get(s, -1) for s in sources]

    def pairs(self) -> set[tuple[str, str]]:
        """Every sorted source pair of one story (quadratic: for tests and reading, not for the passes)."""
        members: dict[int, list[str]] = {}
        for source, story in self._story.items():
            members.setdefault(story, []).append(source)
        return {(a, b) for group in members.values() for a in group for b in group if a < b}


def story_sources(claims: list[Claim], links: Iterable[tuple[int, int]], anchors: list[frozenset[str]], *,
                  min_links: int) -> SameStory:
    """The sources that report one story: two sources of which at least ``min_links`` linked claim pairs (links
    that no different-event rule parts) share a specific anchor (a date, a counted quantity, a rare name): "two
    missing" and "48 passengers" in both, and, transitively, every source so joined to them. Two articles on two
    earthquakes rarely restate each other's specific facts; two outlets on one ferry accident do, even when one of
    them gives another day. 0 = none."""
    if min_links <= 0:
        return SameStory()
    count: dict[tuple[str, str], int] = {}
    for i, j in links:
        a, b = claims[i].source, claims[j].source
        if a != b and anchors[i] & anchors[j]:
            key = (a, b) if a < b else (b, a)
            count[key] = count.get(key, 0) + 1
    # one story is transitive: "a" restates "b" and "c", so "b" and "c" report one story too
    names = sorted({x for k, v in count.items() if v >= min_links for x in k})
    at = {x: n for n, x in enumerate(names)}
    sets = DisjointSets(len(names))
    for (a, b), v in count.items():
        if v >= min_links:
            sets.union(at[a], at[b])
    return SameStory({names[x]: k for k, group in enumerate(sets.groups()) for x in group})


def different_event_sources(claims: list[Claim], pairs: Iterable[tuple[int, int]], *, margin: int,
                            facts: list[EventFacts] | None = None) -> set[tuple[str, str]]:
    """Source pairs (sorted) that report different events: over the given claim pairs of the two sources
    (their nearest neighbours), the fact kinds they differ in outnumber the kinds they share by at least
    ``margin``. An outlet that differs from the others in one or two facts of one story still shares its place,
    people and day with them; an article on another earthquake differs in most of what both state."""
    facts = facts if facts is not None else [event_facts(c) for c in claims]
    score: dict[tuple[str, str], int] = {}
    for i, j in pairs:
        a, b = claims[i].source, claims[j].source
        if a == b:
            continue
        agreement = fact_agreement(facts[i], facts[j])
        if agreement:
            key = (a, b) if a < b else (b, a)
            score[key] = score.get(key, 0) + sum(1 if v == 0 else -1 for v in agreement.values())
    return {k for k, v in score.items() if v >= margin}
