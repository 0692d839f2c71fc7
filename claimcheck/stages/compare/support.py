"""Which details of a claim no other text backs: the named entities, numbers and dates of a claim that
appear in none of the given claims (or extra texts).

This is the basis of telling a reader which parts of a claim only one source states ("the 4,800 and the
mention of Hamburg appear in no other article"), and of spotting a hallucinated fact in a summary: a
summary claim naming a person, place, figure or date its document never mentions is not supported by it.

A detail counts as backed when another claim carries the same slot (an entity of the same key or a name
part of it, a number of the same value, a compatible date) or, for entities and numbers, when its words
appear in another claim's or an extra text ("Russian" is backed by "Russia", "Kim" by "Kim Jong-un").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Union

from claimcheck.config import CompareConfig
from claimcheck.models import Claim, DateSlot, EntitySlot, NumberSlot
from claimcheck.stages.extract.dates import dates_match
from claimcheck.stages.extract.names import LABEL_GROUP
from claimcheck.stages.extract.numbers import values_close

Detail = Union[EntitySlot, NumberSlot, DateSlot]

# entity labels whose mention is a checkable fact (not WORK_OF_ART, LAW, ... which NER gets wrong often)
_ENTITY_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT"})
_FILLER = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "de", "von", "van", "mr", "mrs", "ms",
                     "dr", "st", "inc", "ltd", "co", "corp", "llc", "plc"})


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("'s", " ")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)|(?<=\b[a-z]\.[a-z])\.", "", text)  # "u.k." -> "uk"
    return re.findall(r"[a-z0-9]+", text)


def _word_backed(word: str, vocab: set[str], prefixes: dict[str, set[str]]) -> bool:
    """A word is backed by the same word, or by a word sharing its stem ("Russian" / "Russia", "British" /
    "Britain", "Chinese" / "China"): a common prefix of at least four letters and all but three of the
    shorter word."""
    if word in vocab:
        return True
    if len(word) < 4 or word.isdigit():
        return False
    for other in prefixes.get(word[:4], ()):
        n = 0
        for x, y in zip(word, other):
            if x != y:
                break
            n += 1
        if n >= max(4, min(len(word), len(other)) - 3) and _demonym_tail(word[n:], other[n:]):
            return True
    return False


_TAILS = frozenset({"", "a", "e", "n", "an", "ian", "ish", "ese", "i", "ain", "y"})


def _demonym_tail(a: str, b: str) -> bool:
    """Whether two words that share a prefix differ only by a place / people ending ("russia" + "n",
    "brit" + "ain" / "ish", "chin" + "a" / "ese"), not by letters of another name ("austria" / "australia")."""
    return a in _TAILS and b in _TAILS


def _entity_backed(ent: EntitySlot, keys: set[str], vocab: set[str], prefixes: dict[str, set[str]]) -> bool:
    key = ent.key.lower()
    if key in keys:
        return True
    toks = [w for w in _words(ent.text) if w not in _FILLER] or _words(ent.text)
    if not toks:
        return True
    if all(_word_backed(w, vocab, prefixes) for w in toks):
        return True
    # a name part of a backed name ("Kim" / "Kim Jong-un") or an initialism ("UK" / "United Kingdom")
    kt = set(key.split())
    if any(kt and (kt <= set(k.split()) or set(k.split()) <= kt) for k in keys):
        return True
    return False


def _number_backed(n: NumberSlot, values: list[tuple[float, bool]], vocab: set[str], *,
                   approx_tolerance: float) -> bool:
    for v, approx in values:
        if values_close(n.value, v, approximate=n.approximate or approx, tolerance=approx_tolerance):
            return True
    # the figure as written ("35", "5bn" -> "5") occurring as a word of another text
    digits = [w for w in _words(n.text) if w.isdigit()]
    return bool(digits) and all(d in vocab for d in digits)


def _date_backed(d: DateSlot, dates: list[DateSlot]) -> bool:
    return any(dates_match(d, o) or dates_match(o, d) for o in dates)


def unsupported_slots(claim: Claim, others: Sequence[Claim], *, texts: Iterable[str] = (),
                      kinds: Iterable[str] = ("entity", "number", "date"),
                      approx_tolerance: float = CompareConfig.approx_tolerance) -> list[Detail]:
    """The entities, numbers and dates of ``claim`` that none of ``others`` (nor any of ``texts``) backs.

    An entity is backed by an entity of the same key or name part, or by its words (stems) occurring in
    another text; a number by the same value (``approx_tolerance`` when either side is approximate) or its
    digits as a word; a date by a compatible date of another claim (same at the coarser granularity or
    overlapping). Ordinals and entity types NER often gets wrong are not checked. ``kinds`` picks which of
    "entity", "number" and "date" to check. Returns the slots in the claim's order (empty: fully backed).
    """
    kinds = set(kinds)
    body = [o.text for o in others] + list(texts)
    vocab: set[str] = set()
    for t in body:
        vocab.update(_words(t))
    prefixes: dict[str, set[str]] = {}
    for w in vocab:
        if len(w) >= 4:
            prefixes.setdefault(w[:4], set()).add(w)
    out: list[Detail] = []
    if "entity" in kinds:
        keys = {e.key.lower() for o in others for e in o.slots.entities}
        seen: set[str] = set()
        for e in claim.slots.entities:
            if e.label in _ENTITY_LABELS and e.key not in seen and not _entity_backed(e, keys, vocab, prefixes):
                out.append(e)
                seen.add(e.key)
    if "number" in kinds:
        values = [(n.value, n.approximate) for o in others for n in o.slots.numbers if n.kind != "ordinal"]
        for n in claim.slots.numbers:
            if n.kind != "ordinal" and not _number_backed(n, values, vocab, approx_tolerance=approx_tolerance):
                out.append(n)
    if "date" in kinds:
        dates = [d for o in others for d in o.slots.dates]
        for d in claim.slots.dates:
            if not _date_backed(d, dates):
                out.append(d)
    return sorted(out, key=lambda s: (s.start, s.end))




def entity_substitutions(claim: Claim, counterpart: Claim,
                         unsupported: Sequence[Detail]) -> list[tuple[EntitySlot, EntitySlot]]:
    """Unbacked names of ``claim`` that take the place of a name of ``counterpart`` (its closest match):
    pairs (claim entity, counterpart entity) of the same type (person, place, organisation, group) where
    the claim's entity is in ``unsupported`` (see ``unsupported_slots``) and the counterpart's entity
    does not occur in the claim ("Moscow embassy" where the source says "London embassy")."""
    claim_words = set(_words(claim.text))
    prefixes: dict[str, set[str]] = {}
    for w in claim_words:
        prefixes.setdefault(w[:4], set()).add(w)
    claim_keys = {e.key.lower() for e in claim.slots.entities}
    out = []
    for e in unsupported:
        if not isinstance(e, EntitySlot) or e.label not in LABEL_GROUP:
            continue
        for o in counterpart.slots.entities:
            if LABEL_GROUP.get(o.label) != LABEL_GROUP[e.label] or o.key.lower() in claim_keys:
                continue
            if all(_word_backed(w, claim_words, prefixes) for w in _words(o.text)):
                continue
            out.append((e, o))
            break
    return out


__all__ = ["Detail", "entity_substitutions", "unsupported_slots"]
