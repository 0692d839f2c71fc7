"""Typed slots of a claim: dates (resolved against the publication date), numbers, entities,
negation, hedges and attribution. The comparison stage points at these to say *why* two
claims conflict.

Dates and numbers come from text rules (``dates.py``, ``numbers.py``); entities, negation,
hedges, attribution and the tense that picks the year of a bare month come from the spaCy
parse of the sentence the claim belongs to. Each entity carries the frame it fills (``role``:
"port of" in "near the port of X", or its preposition), and a capitalised name in a place frame
that the tagger missed or called a person is a place ("near the port of Hodeidah").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from claimcheck.config import ExtractConfig
from claimcheck.models import DateSlot, EntitySlot, NumberSlot, Slots
from claimcheck.stages.extract.dates import dateline_end, find_dates, find_times
from claimcheck.stages.extract.lexicon import (HEDGE_VERBS, HEDGE_WORDS, NEGATING_WORDS, NOT_NEGATION_AFTER,
                                               PLAIN_HEDGE, PLAIN_NEGATION)
from claimcheck.stages.extract.nlp import child_indices, children, doc_text, doc_tokens, lemma, span_ents, token_range
from claimcheck.stages.extract.numbers import find_numbers
from claimcheck.stages.extract.places import group_path

ENTITY_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT"}
SAY_LEMMAS = {"say", "tell", "report", "claim", "add", "write", "announce", "state", "reveal", "warn", "insist",
              "deny", "confirm", "admit", "explain", "note", "argue", "allege", "tweet", "declare", "testify",
              "acknowledge", "assert", "maintain", "quip", "recall"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "who", "which"}
_FUTURE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "slate", "intend"}


def parse_aliases(items: list[str]) -> dict[str, str]:
    """``["US=united states", ...]`` -> {"us": "united states", ...} (keys folded like entity keys)."""
    out: dict[str, str] = {}
    for item in items:
        alias, _, canonical = item.partition("=")
        out[_fold(alias)] = _fold(canonical)
    return out


_POSSESSIVE_END = re.compile(r"'s$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    key = text.strip().replace("’", "'").lower()
    key = _POSSESSIVE_END.sub("", key)
    key = _LEADING_THE.sub("", key)
    key = key.replace(".", "").replace("-", " ")
    return _SPACES.sub(" ", key).strip()


def _person_key(key: str) -> str:
    """Drop middle initials ("donald j trump" -> "donald trump") from a folded person name."""
    words = key.split()
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return " ".join(words)


def entity_key(text: str, aliases: dict[str, str] | None = None) -> str:
    """Fold simple aliases: case, dots, hyphens, possessives, a leading "the", then the alias table."""
    key = _fold(text)
    return (aliases or {}).get(key, key)


class EntityFolder:
    """Per-article alias folding: a one-word person mention ("Kim", "Trump") takes the key of the
    first full name in the article that starts or ends with that word ("Kim Jong-un", "Donald Trump")."""

    def __init__(self, doc_ents: list[Any], aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.full: dict[str, str] = {}
        for ent in doc_ents:
            if ent.label_ != "PERSON":
                continue
            key = _person_key(entity_key(ent.text, aliases))
            words = key.split()
            if len(words) < 2:
                continue
            for w in {words[0], words[-1]}:
                self.full.setdefault(w, key)

    def fold(self, text: str, label: str) -> tuple[str, str]:
        """The folded key and label of one mention. A one-word PERSON or ORG mention that names a
        person of the article ("Trump", which the tagger sometimes calls an ORG) becomes that person."""
        key = entity_key(text, self.aliases)
        if label in ("PERSON", "ORG") and " " not in key and key in self.full:
            return self.full[key], "PERSON"
        return (_person_key(key) if label == "PERSON" else key), label

    def key(self, text: str, label: str) -> str:
        """The folded key of one mention."""
        return self.fold(text, label)[0]


# Nouns whose "of" phrase names a place ("the port of X", "the town of Y") and the label such a name gets when the
# tagger misses it or calls it a person ("the port of Rotterdam" -> PERSON in the small English model).
_PLACE_NOUNS = {"port": "GPE", "city": "GPE", "town": "GPE", "village": "GPE", "province": "GPE", "state": "GPE",
                "region": "GPE", "district": "GPE", "county": "GPE", "capital": "GPE", "municipality": "GPE",
                "prefecture": "GPE", "suburb": "GPE", "island": "LOC", "islands": "LOC", "coast": "LOC",
                "harbour": "LOC", "harbor": "LOC", "area": "LOC", "valley": "LOC", "gulf": "LOC", "bay": "LOC",
                "strait": "LOC", "peninsula": "LOC", "mount": "LOC", "river": "LOC", "lake": "LOC",
                "airport": "FAC", "stadium": "FAC", "prison": "FAC", "hospital": "FAC", "base": "FAC",
                "camp": "FAC", "square": "FAC", "street": "FAC"}
_COMPOUND_PLACES = {"port", "city", "town", "village", "province", "harbour", "harbor", "airport", "island"}
# Prepositions of place: a capitalised name the tagger missed after one of these is taken as a place. On the ECB+
# train and dev sentences these rules add 5 names, all places ("near the Tasman Glacier", "the island of Qeshm",
# "near Place Vendome"), and relabel 3 ("the city of Bandar Abbas": PERSON -> GPE, "the district of Porta Nuova":
# ORG -> GPE); with "in" / "at" as well they added 18, among them "a flaw in Internet Explorer" six times.
_PLACE_PREPS = {"near", "outside", "off"}  # not "in" / "at": "a flaw in Internet Explorer"
_NOT_PLACE = {m.capitalize() for m in ("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december", "monday", "tuesday",
                                       "wednesday", "thursday", "friday", "saturday", "sunday")}


def entity_role(root: Any) -> str | None:
    """The frame a name fills, from the parse of its root token: "port of" ("near the port of X"), a
    place noun it names ("X port" -> "port"), or its preposition ("in", "near", "to"); None otherwise."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
        return f"{head.head.lower_} of"
    if root.dep_ == "compound" and head.pos_ == "NOUN":
        return head.lower_
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative"):
        return head.lower_
    return None


def _missed_places(span: Any, covered: set[int], *,
                   title_case_share: float = ExtractConfig.title_case_share) -> list[tuple[Any, str, str]]:
    """Capitalised names the tagger missed or called a person / organisation in a place frame ("near the port
    of Hodeidah", "near Mokha"): (root token, first..last token span, label); none in a span whose words are
    Title Case in more than ``title_case_share`` (a headline)."""
    out: list[tuple[Any, Any, str]] = []
    doc = span.doc
    toks = doc_tokens(doc)
    span_toks = toks[span.start:span.end]
    words = [t for t in span_toks if t.is_alpha and len(t) > 3]
    if words and sum(t.is_title for t in words) > title_case_share * len(words):
        return []  # a title-case headline: every word looks like a name
    for tok in span_toks:
        if tok.pos_ != "PROPN" or not tok.is_title or tok.text in _NOT_PLACE or tok.dep_ != "pobj":
            continue
        if any(toks[c].dep_ == "poss" or toks[c].tag_ == "POS" for c in child_indices(doc)[tok.i]) or \
                (tok.i > 0 and toks[tok.i - 1].tag_ == "POS"):
            continue  # "the Sam's Club": a shop of someone, not a place name
        prep = tok.head
        label = None
        if prep.lower_ == "of" and prep.head.lower_ in _PLACE_NOUNS:
            label = _PLACE_NOUNS[prep.head.lower_]
        elif prep.lower_ in _PLACE_PREPS and tok.i not in covered and not tok.ent_type_ and tok.i > span.start:
            label = "LOC"
        if label is None:
            continue
        first = last = tok.i
        while first - 1 >= span.start and toks[first - 1].pos_ == "PROPN" and toks[first - 1].is_title \
                and toks[first - 1].dep_ == "compound":
            first -= 1
        out.append((tok, doc[first:last + 1], label))
    return out


# what may stand between two coordinated group words: "Australian and English", "one Australian and one English",
# "Australian, English"
_JOINERS = {",", "and", "or", "&"}
_COUNT_WORDS = {"one", "a", "an"}


def _missed_groups(span: Any, groups: list[Any], covered: set[int]) -> list[Any]:
    """Nationality words the tagger missed beside one it tagged (NORP), joined by "and", "or" or a comma ("One
    Australian and one English climber": "English" is tagged a language): the capitalised word coordinated with the
    tagged one, itself a nationality of a country the gazetteer knows (``places.group_path``), as a token. Each
    found word is a starting point for the next ("Australian, English and Welsh")."""
    doc = span.doc
    found: list[Any] = []
    todo = list(groups)
    seen = set(covered)
    while todo:
        first, last = todo.pop()
        for step, edge in ((1, last + 1), (-1, first - 1)):
            i, joined = edge, False
            while span.start <= i < span.end and (doc[i].lower_ in _JOINERS or doc[i].lower_ in _COUNT_WORDS):
                joined = joined or doc[i].lower_ in _JOINERS
                i += step
            if not joined or not span.start <= i < span.end or i in seen:
                continue
            tok = doc[i]
            if not (tok.is_alpha and tok.is_title) or tok.ent_type_ not in ("", "LANGUAGE") or tok.text in _NOT_PLACE \
                    or group_path(tok.text) is None:
                continue
            seen.add(i)
            found.append(tok)
            todo.append((i, i))
    return sorted(found, key=lambda t: t.i)


def find_entities(span: Any, offset_shift: int = 0, *, folder: EntityFolder | None = None,
                  window: tuple[int, int] | None = None,
                  title_case_share: float = ExtractConfig.title_case_share) -> list[EntitySlot]:
    """Named entities of a spaCy span as slots (absolute char offsets); ``window`` limits them to
    a char range of the span's doc (for claims that are part of a sentence). Each carries the frame it
    fills (``role``: "port of", "near", ...). A capitalised name in a place frame that the tagger missed
    or called a person or organisation ("near the port of Hodeidah") is a place."""
    out = []
    places = {tok.i: (sub, label) for tok, sub, label in _missed_places(span, set(), title_case_share=title_case_share)}
    covered: set[int] = set()
    ents = span_ents(span)
    doc_chars = doc_text(span.doc)
    for ent in ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        if window and not (window[0] <= start and end <= window[1]):
            continue
        text = doc_chars[start:end]  # ent.text, which spaCy joins from the tokens on each read
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        for suffix in ("’s", "'s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        if len(ent) == 1 and ent.label_ == "ORG" and _inside_name(ent):
            continue  # "State" of "Secretary of State Mike Pompeo", "Press" of "Press Secretary"
        label = ent.label_
        root = ent.root  # spaCy finds it anew on each read
        if root.i in places and label in ("PERSON", "ORG") and places[root.i][1] != "LOC":
            label = places[root.i][1]  # "the port of Rotterdam" tagged PERSON
        elif label in ("PERSON", "ORG") and root.dep_ == "compound" and root.head.lower_ in _COMPOUND_PLACES:
            label = _PLACE_NOUNS[root.head.lower_]  # "Rotterdam port"
        covered.update(range(ent.start, ent.end))
        key, label = folder.fold(text, label) if folder else (entity_key(text), label)
        out.append(EntitySlot(text=text, start=start + offset_shift, end=start + len(text) + offset_shift,
                              label=label, key=key, role=entity_role(root)))
    for i, (sub, label) in sorted(places.items()):
        if any(t.i in covered for t in sub) or any(t.ent_type_ for t in sub):
            continue
        if window and not (window[0] <= sub.start_char and sub.end_char <= window[1]):
            continue
        key = folder.key(sub.text, label) if folder else entity_key(sub.text)
        out.append(EntitySlot(text=sub.text, start=sub.start_char + offset_shift,
                              end=sub.end_char + offset_shift, label=label, key=key, role=entity_role(span.doc[i])))
    groups = [(ent.start, ent.end - 1) for ent in ents if ent.label_ == "NORP" and len(ent) == 1
              and not (window and not (window[0] <= ent.start_char and ent.end_char <= window[1]))]
    for tok in _missed_groups(span, groups, covered) if groups else ():
        if window and not (window[0] <= tok.idx and tok.idx + len(tok) <= window[1]):
            continue
        key = folder.key(tok.text, "NORP") if folder else entity_key(tok.text)
        out.append(EntitySlot(text=tok.text, start=tok.idx + offset_shift, end=tok.idx + len(tok) + offset_shift,
                              label="NORP", key=key, role=entity_role(tok)))
    return sorted(out, key=lambda e: (e.start, e.end))


def _inside_name(ent: Any) -> bool:
    """A one-token entity that is a word of a longer capitalised title or name around it."""
    doc, tok = ent.doc, ent[0]
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and not nxt.ent_type_ == ent.label_:
        return True
    if prev is not None and prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN":
        return True
    return prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ != ent.label_ and prev.is_title


_CUES = "claimcheck.cues"


def _cue_tokens(span: Any, window: tuple[int, int] | None, which: int) -> list[Any]:
    """The tokens of ``_tokens_in(span, window)`` that ``attribution_of`` (``which`` 0), ``negation_cue`` (1) or
    ``hedge_cue`` (2) can act on, in order: a speech verb or "according"; a negating word; a hedge word, a hedging
    verb or "say". The three lists are made in one pass over the doc's tokens, so each call (one per sentence and
    up to three per claim) reads no other token. They are indices (no reference to the doc), kept with the doc."""
    doc = span.doc
    found = doc.user_data.get(_CUES)
    if found is None:
        found = doc.user_data[_CUES] = ([], [], [])
        for tok in doc_tokens(doc):
            low, dep, lem = tok.lower_, tok.dep_, lemma(tok)
            if (lem in SAY_LEMMAS and tok.pos_ == "VERB") or low == "according":
                found[0].append(tok.i)
            if dep == "neg" or low in NEGATING_WORDS or (low == "no" and dep in ("det", "neg")):
                found[1].append(tok.i)
            if low in HEDGE_WORDS or lem in HEDGE_VERBS or lem == "say":
                found[2].append(tok.i)
    lo, hi = _index_bounds(span, window)
    idx = found[which]
    toks = doc_tokens(doc)
    return [toks[i] for i in idx[bisect_left(idx, lo):bisect_left(idx, hi)]]


def _index_bounds(span: Any, window: tuple[int, int] | None) -> tuple[int, int]:
    """[lo, hi): the indices of the tokens of ``span`` (a Span or a Doc) that begin at a doc char offset inside
    ``window`` (all of them without one): the tokens' offsets rise with their index, so they are one run."""
    lo, hi = (span.start, span.end) if hasattr(span, "start") else (0, len(span))
    if window is None:
        return lo, hi
    inside = token_range(span.doc, *window)
    return max(inside.start, lo), min(inside.stop, hi)


def _tokens_in(span: Any, window: tuple[int, int] | None) -> list[Any]:
    """The tokens of ``span`` that begin at a doc char offset inside ``window`` (all of them without one), from the
    doc's cached tokens and offsets (``nlp.doc_tokens``, ``nlp.token_range``)."""
    lo, hi = _index_bounds(span, window)
    return doc_tokens(span.doc)[lo:hi]


def tense_at(doc: Any, start: int, end: int) -> str | None:
    """"past", "future" or None for the verb that governs the text at doc chars [start, end)."""
    toks = token_range(doc, start, end)
    if not toks:
        return None
    tok = doc[toks[-1]]
    seen_since = False
    for _ in range(12):
        if tok.lower_ == "since":
            seen_since = True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in ("will", "shall", "would", "'ll", "’ll", "'d", "’d") for a in auxes):
                return "future"
            if lemma(tok) in _FUTURE_LEMMAS and tok.dep_ in ("acl", "amod"):
                return "future"
            if tok.tag_ == "VBD" or any(lemma(a) == "have" or a.tag_ == "VBD" for a in auxes):
                return "past"
            if seen_since:
                return "past"
            if tok.tag_ in ("VBN", "VBG") and tok.dep_ in ("acl", "amod", "relcl"):
                return None  # a participle that modifies a noun carries no tense
            if tok.tag_ in ("VBZ", "VBP", "MD") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
                return None
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return "past" if seen_since else None


def _speaker(tok: Any) -> str | None:
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    head = subj[0]
    left = [t for t in head.subtree if t.i <= head.i]
    text = head.doc[left[0].i: head.i + 1].text
    return re.sub(r"[’']s$", "", text)


def attribution_of(span: Any, window: tuple[int, int] | None = None) -> str | None:
    """Who a sentence attributes its content to: the subject of a speech verb ("Pyongyang’s state
    media reported", "the President said:") or the object of "according to"."""
    best: tuple[int, str] | None = None
    for tok in _cue_tokens(span, window, 0):
        if tok.pos_ == "VERB" and lemma(tok) in SAY_LEMMAS:
            who = _speaker(tok)
            if not who:
                continue
            rank = 0 if tok.dep_ == "ROOT" else 1 if tok.dep_ in ("advcl", "conj", "parataxis", "ccomp") else 2
            if rank < 2 and (best is None or rank < best[0]):
                best = (rank, who)
        if tok.lower_ == "according":
            to = [c for c in tok.children if c.lower_ == "to"]
            objs = [c for t in to for c in t.children if c.dep_ == "pobj"]
            if objs:
                head = objs[0]
                left = [t for t in head.subtree if t.i <= head.i]
                who = head.doc[left[0].i: head.i + 1].text
                if best is None or best[0] > 0:
                    best = (0, who)
    return best[1] if best else None


_SUBORDINATE = {"relcl", "acl", "advcl", "amod", "appos", "pcomp", "csubj", "npadvmod"}


def _in_main_clause(tok: Any, window: tuple[int, int] | None) -> bool:
    """True when no subordinate clause (relative clause, adverbial clause, ...) lies between the token
    and the root of the claim (the sentence root, or the top token inside ``window``)."""
    while tok.head.i != tok.i:
        if window and not (window[0] <= tok.head.idx < window[1]):
            return True
        if tok.dep_ in _SUBORDINATE:
            return False
        tok = tok.head
    return True


def negation_cue(span: Any, window: tuple[int, int] | None = None) -> str | None:
    """The word that negates the claim's main clause ("not", "n't", "never", "no"), if any.

    Negations inside a relative or adverbial clause ("a poster that was not addressed to anyone")
    and idioms ("not only", "no choice but", "no doubt") do not negate the claim.
    """
    toks = doc_tokens(span.doc)
    for tok in _cue_tokens(span, window, 1):
        low = tok.lower_
        if not (tok.dep_ == "neg" or low in NEGATING_WORDS or (low == "no" and tok.dep_ in ("det", "neg"))):
            continue  # the next word is read only for a negating word (most tokens are none)
        nxt = toks[tok.i + 1].lower_ if tok.i + 1 < len(toks) else ""
        if nxt not in NOT_NEGATION_AFTER and _in_main_clause(tok, window):
            return tok.text
    return None


def hedge_cue(span: Any, window: tuple[int, int] | None = None) -> str | None:
    """The word that hedges the claim ("could", "likely", "reportedly", "is said to"), if any."""
    for tok in _cue_tokens(span, window, 2):
        low = tok.lower_
        if low in HEDGE_WORDS and (low != "may" or tok.tag_ == "MD") and (low != "expected" or
                                                                          tok.dep_ != "amod"):
            return tok.text
        lem = lemma(tok)
        if lem in HEDGE_VERBS and tok.pos_ == "VERB" and any(c.dep_ in ("xcomp", "ccomp") for c in children(tok)):
            return tok.text
        if lem == "say" and tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
            return "said to" if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to" else tok.text
    return None


def extract_slots(text: str, *, start: int, published: str | None, published_inferred: bool = False,
                  entities: list[EntitySlot] | None = None,
                  span: Any = None, doc_offset: int = 0, attribution: str | None = None,
                  quoted: bool | None = None, role_window: int = ExtractConfig.role_window) -> Slots:
    """All slots of one claim; ``start`` is the claim's offset in the article text.

    With ``span`` (the claim's spaCy sentence, whose doc starts at article offset ``doc_offset``)
    negation, hedges, attribution and tense come from the parse; without it, from word lists.
    ``role_window``: how far before a count its role verb is looked for (``numbers.role_of``).
    ``published_inferred``: ``published`` was inferred from the article's text (``dates.find_dates``).
    """
    window = (start - doc_offset, start - doc_offset + len(text)) if span is not None else None
    tense = None
    if span is not None:
        doc, shift = span.doc, start - doc_offset
        tense = lambda s, e: tense_at(doc, s + shift, e + shift)  # noqa: E731 - (start, end) in ``text``
    times = find_times(text)  # read by both, once (it was ~2 % of extraction's own CPU time each)
    dates = find_dates(text, start, published, tense=tense, inferred=published_inferred, times=times)
    numbers = find_numbers(text, start, [(d.start, d.end) for d in dates], role_window=role_window, times=times)
    filed = start + dateline_end(text)  # a dateline's date is the filing day, not the claim's (no number either)
    dates = [d for d in dates if d.start >= filed]
    if span is not None:
        neg, hedge = negation_cue(span, window), hedge_cue(span, window)
        who = attribution if attribution is not None else attribution_of(span, window)
    else:
        m = PLAIN_NEGATION.search(text)
        neg = m.group(0) if m else None
        h = PLAIN_HEDGE.search(text)
        hedge = h.group(0) if h else None
        who = attribution
    if quoted is None:
        quoted = bool(re.search(r"[\"“‘]\s*\w[^\"“”‘’]*?\w[.,!?]?[\"”’](?!\w)", text))
    return Slots(dates=tuple(dates), numbers=tuple(numbers), entities=tuple(entities or ()), negated=neg is not None,
                 hedged=hedge is not None, attribution=who, quoted=quoted, negation_cue=neg, hedge_cue=hedge)


__all__ = ["DateSlot", "EntityFolder", "NumberSlot", "attribution_of", "entity_key", "entity_role", "extract_slots",
           "find_dates", "find_entities", "find_numbers", "hedge_cue", "negation_cue", "parse_aliases", "tense_at"]
