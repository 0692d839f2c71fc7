"""Stage 2, extract: an Article -> its Claims (sentences with exact char spans and typed slots).

1. Lines: the body is cut into lines; boilerplate lines are dropped by the config's rules
   (footers, teaser/related-story lines and bullets, bylines, share furniture, photo credits),
   each with the name of the rule that dropped it (``Extraction.dropped``).
2. Sentences: spaCy segments each kept line.
3. Atomic claims (``atomic_parts``): a sentence that carries several independent facts becomes one
   claim per fact and is not itself a claim: coordinated clauses with their own subject ("X met Y,
   and Z said W"), and, at the end or start of a clause, a relative clause set off by a comma (with
   the noun phrase it is about), a "when" / "while" / "though" clause, a participial clause set off
   by a comma, "with X doing Y"; in the middle of a clause, a relative clause or an appositive with a
   number set off by commas, parentheses or dashes becomes a claim with the noun phrase it is about
   ("Harbor Polymers, which employs about 450 people") and a gap of the rest (``Claim.gaps``: the rest
   keeps its exact span, but its slots and embedding text leave the clause out); each part gets its own
   slots, attribution and negation from the one parse of the sentence. An appositive or a role phrase
   that carries a fact ("Kim Yong Chol, his top nuclear negotiator", "Watergate journalist Bob
   Woodward") becomes an extra claim. Every
   claim's text is a verbatim slice of the article: ``article.text[start:end] == text``.
4. Repeats: a sentence repeated within one article (a caption printed twice) becomes one
   claim that keeps every span it occurred at.
5. Slots: dates resolved against the publication date, numbers, entities with alias folding,
   negation, hedges and attribution (inherited by every sentence of a multi-sentence quote).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import numpy
from dataclasses import dataclass
from collections.abc import Iterable, Iterator
from typing import Any

from claimcheck.config import ExtractConfig
from claimcheck.models import Article, Claim, Dropped, Extraction, Slots, content_id, normalise_text, text_without
from claimcheck.stages.extract.descriptions import claim_descriptions
from claimcheck.stages.extract.headings import MARKDOWN_HEADING, markdown_heading_text
from claimcheck.stages.extract.nlp import (child_indices, doc_text, doc_tokens, edges, get_nlp, lemma,
                                           release_tokens, span_ents, token_range)
from claimcheck.stages.extract.slots import (SAY_LEMMAS, EntityFolder, attribution_of, extract_slots, find_entities,
                                     hedge_cue, negation_cue, parse_aliases)

_BULLET = re.compile(r"^\s*[•·▪►◦‣*-]\s+")
_END_PUNCT = re.compile(r"[.!?][\"'’”)\]]*\s*$|[\"'’”]\s*$")
_WORD = re.compile(r"\w+")
_OPEN = {"‘": "’", "“": "”"}
_QUOTE_CHARS = re.compile("[‘“”’\"]")  # the marks quote_regions reads: its openers and closers
_FACT_HEADS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass
class _Line:
    start: int  # absolute offset of the stripped line
    text: str
    kind: str = "sentence"  # sentence | headline | caption


def _rules(config: ExtractConfig) -> list[tuple[str, re.Pattern[str]]]:
    groups = (("footer", config.boilerplate_patterns), ("byline", config.byline_patterns),
              ("teaser", config.teaser_patterns), ("caption", config.caption_patterns),
              ("heading", config.heading_patterns))
    case_sensitive = ("teaser", "heading")
    return [(name, re.compile(p, 0 if name in case_sensitive else re.I)) for name, pats in groups for p in pats]


_CONTINUES = re.compile(r"(?:[,;:\-–—]|\b(?:a|an|the|of|in|on|at|to|for|and|or|but|nor|with|by|from|as|into|than|"
                        r"that|which|who|whom|whose|its|their|his|her|our|said|says|is|are|was|were|has|have|"
                        r"had|be|been|will|would|could|should|not))$", re.IGNORECASE)


def _wrapped_break(line: str, nxt: str) -> bool:
    """Whether a hard line break between two lines of one paragraph falls inside a sentence: the line has
    no closing punctuation and the next one starts lower-case, or the line ends with a comma, a hyphen or a
    function word ("in\nFebruary 2019")."""
    if _END_PUNCT.search(line) or _BULLET.match(nxt) or MARKDOWN_HEADING.match(line) or MARKDOWN_HEADING.match(nxt):
        return False
    return nxt[:1].islower() or bool(_CONTINUES.search(line))


def _one_line(text: str) -> str:
    """A joined line as the parser should see it: line breaks as spaces, one character for one, so offsets
    into the parse are offsets into the article."""
    return re.sub(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]", " ", text)


def _logical_lines(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of the body, with hard-wrapped lines of one paragraph joined: a
    plain-text article wrapped at a fixed width would otherwise give one fragment per line. When at least
    three of the article's line breaks inside paragraphs and half of them or more fall inside sentences,
    the article is taken as wrapped and every such break after a line without closing punctuation is joined;
    otherwise only the breaks that clearly fall inside a sentence are."""
    blocks: list[list[tuple[int, str]]] = [[]]
    pos = article.body_start
    for line in article.text[article.body_start:].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            blocks[-1].append((pos + len(line) - len(line.lstrip()), stripped))
        elif blocks[-1]:
            blocks.append([])
        pos += len(line)
    breaks = [[_wrapped_break(a[1], b[1]) for a, b in zip(block, block[1:])] for block in blocks]
    flat = [x for bs in breaks for x in bs]
    wrapped = len(flat) >= 3 and sum(flat) >= 0.5 * len(flat)
    out: list[tuple[int, int]] = []
    for block, joins in zip(blocks, breaks):
        if not block:
            continue
        start, end = block[0][0], block[0][0] + len(block[0][1])
        for (prev, nxt), joined in zip(zip(block, block[1:]), joins):
            if joined or (wrapped and not _END_PUNCT.search(prev[1]) and not _BULLET.match(nxt[1])
                          and not MARKDOWN_HEADING.match(prev[1]) and not MARKDOWN_HEADING.match(nxt[1])):
                end = nxt[0] + len(nxt[1])
            else:
                out.append((start, end))
                start, end = nxt[0], nxt[0] + len(nxt[1])
        out.append((start, end))
    return out


# a teaser's label ("RELATED:", "WATCH:", "MORE:"): a line in capitals that starts with one links elsewhere
_TEASER_LABEL = re.compile(r"^(?:related|read also|see also|more|recommended|most read|trending|don't miss|also read|"
                           r"read next|watch|video|listen)\s*:", re.I)


def untitled_headline(line: str, rule: str) -> bool:
    """Whether the first line of an article without a title, matched by boilerplate ``rule``, is the article's
    headline rather than furniture: a Title Case line (rule "heading": "Sixers Hire Maurice Cheeks as Head Coach")
    or a line in capitals (rule "teaser": "COLTS TOP CHIEFS, 20-13, REACH PLAYOFFS") without closing punctuation.
    Nothing precedes it, so it cannot be a crosshead between paragraphs; it becomes a ``headline`` line (a claim
    when it has ``extract.min_words`` words: "Related Stories" and "Advertisement" stay too short, and a footer,
    byline, caption or "Related: ..." teaser line is dropped as before)."""
    if _END_PUNCT.search(line):
        return False
    if rule == "heading":
        return True
    return rule == "teaser" and not re.search(r"[a-z]", line) and not _TEASER_LABEL.match(line)


def split_lines(article: Article, *, config: ExtractConfig) -> tuple[list[_Line], list[Dropped]]:
    """The body's lines that may hold claims (hard-wrapped lines joined), and the boilerplate lines dropped
    with their rule."""
    rules = _rules(config)
    kept: list[_Line] = []
    dropped: list[Dropped] = []
    first = True
    seen_sentence = False
    for start, end in _logical_lines(article):
        stripped = article.text[start:end]
        line = stripped

        def drop(rule: str, s: int = start, t: str = stripped) -> None:
            dropped.append(Dropped(text=t, start=s, end=s + len(t), rule=rule))

        heading = markdown_heading_text(stripped)
        at_top = first
        if first:
            first = False
            title = heading[1] if heading is not None else stripped
            if heading is not None or (article.title and title == article.title.strip()):
                # the title line (a Markdown heading is one, like an HTML <h1>): a claim only with extract.headline
                if config.headline:
                    kept.append(_Line(start=start + (heading[0] if heading else 0), text=title, kind="headline"))
                else:
                    drop("headline")
                continue
        if heading is not None:  # a Markdown crosshead, like an HTML <h2>: never a claim
            drop("heading")
            continue
        if config.drop_bullets and _BULLET.match(line):
            drop("bullet")
            continue
        rule = next((name for name, rx in rules if rx.search(stripped)), None)
        if rule and not (at_top and not article.title and untitled_headline(stripped, rule)):
            drop(rule)
            continue
        punctuated = bool(_END_PUNCT.search(stripped))
        kind = "sentence" if punctuated else ("caption" if seen_sentence else "headline")
        seen_sentence = seen_sentence or punctuated
        kept.append(_Line(start=start, text=stripped, kind=kind))
    return kept, dropped


def paragraphs(article: Article, *, config: ExtractConfig) -> list[tuple[int, str]]:
    """The body's non-boilerplate lines as (absolute offset, text) pairs."""
    return [(ln.start, ln.text) for ln in split_lines(article, config=config)[0]]


def quote_regions(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Char ranges of quotations in a paragraph, and whether a quote is still open at its end.

    Curly quotes open with ‘ or “ and close with ’ or ” not followed by a letter (so "we’re"
    does not close); straight double quotes toggle.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for m in _QUOTE_CHARS.finditer(text):  # only a quotation mark opens or closes: ~10x fewer steps than every char
        i, ch = m.start(), m.group()
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if open_at is None:
            if ch in _OPEN and (i == 0 or not text[i - 1].isalnum()):
                open_at, closer = i, _OPEN[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer and not nxt.isalpha():
            regions.append((open_at, i + 1))
            open_at = None
    still_open = open_at is not None
    if still_open:
        regions.append((open_at, len(text)))
    return regions, still_open


def _inside(regions: list[tuple[int, int]], s: int, e: int, *, coverage: float) -> tuple[int, int] | None:
    """The quote region that holds most of [s, e), when it covers at least ``coverage`` of it
    (``extract.quote_coverage``)."""
    for rs, re_ in regions:
        overlap = min(e, re_) - max(s, rs)
        if overlap > 0 and overlap >= coverage * (e - s):
            return rs, re_
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# subordinators whose clause states a fact of its own ("..., when it called for ...", "..., while Kim demanded
# ..."); "since", "after", "before", "because", "if", "until" clauses qualify the main clause and stay with it, and
# so do "as" clauses, more often causal or circumstantial ("saw further stalemate as the US called for ...")
_FACT_MARKS = frozenset({"when", "while", "whereas", "although", "though"})
_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})
_REL_OPENERS = frozenset({"which", "who", "whom", "whose", "where"})
_STOPS = frozenset({",", ";", ":", "—", "–"})  # punctuation that closes an inserted clause
_DASHES = frozenset({"—", "–", "--"})  # a dash that sets off a clause as a comma does


@dataclass(frozen=True)
class Part:
    """One atomic part of a sentence, in the sentence doc's char offsets.

    ``clause_start`` is where the part's own clause begins: after the noun phrase a relative clause is
    about ("Kim Yong Chol, who met ...": the part starts at "Kim", its clause at "who"), else ``start``.
    ``head`` is the token index of the clause's head, ``construction`` how it was cut off: "whole"
    (no cut), "main" (what is left of a clause after the others were cut off), "coordination",
    "relative", "appositive" ("..., a proposal that the union had rejected"), "adverbial", "participial"
    or "absolute" ("with Trump revealing ...").
    """

    start: int
    end: int
    clause_start: int
    head: int
    construction: str
    mark: str = ""  # the subordinator of an adverbial part ("when", "while", ...)
    # doc char ranges inside [start, end) the part does not state: clauses set off in its middle that are parts of
    # their own ("X, which employs 450 people, said ...": the main part keeps "X ... said ..."); ``inserted``: the
    # part is such a clause with the noun phrase it is about
    gaps: tuple[tuple[int, int], ...] = ()
    inserted: bool = False


def _coordination_cuts(sent: Any) -> list[int]:
    """Token indexes where a coordinated clause with its own explicit subject starts ("X met Y, and Z said
    W"; a personal pronoun counts as a subject: "..., and it even reminisces ...")."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return []
    cuts: list[int] = []
    for conj in root.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if not subj or (subj[0].dep_ != "expl" and subj[0].lower_ in _RELATIVE | {"this"}):
            continue
        first = conj.left_edge
        if first.i <= root.i or any(t.dep_ == "mark" for t in conj.children):
            continue
        if _says_nothing(sent.doc, conj.i, first.i, conj.right_edge.i + 1):
            continue  # "X will host the Oscars, the Academy announced": a reporting clause, not a second fact
        cuts.append(first.i)
    return sorted(cuts)


def _trim_tokens(doc: Any, a: int, b: int) -> tuple[int, int]:
    """Token range [a, b) without a leading or trailing coordinating conjunction or comma."""
    toks = doc_tokens(doc)
    while b > a and toks[b - 1].dep_ in ("cc", "punct") and toks[b - 1].text not in ".!?\"'’”)":
        b -= 1
    while a < b and (toks[a].dep_ == "cc" or toks[a].text in _STOPS):
        a += 1
    return a, b


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _cuts_quote(quotes: list[tuple[int, int]], cut: int) -> bool:
    return any(rs < cut < re_ for rs, re_ in quotes)


def _last_content(doc: Any, a: int, b: int) -> int:
    """The index of the last token of [a, b) that is not closing punctuation."""
    toks = doc_tokens(doc)
    j = b - 1
    while j > a and toks[j].is_punct and toks[j].text not in "\"'’”)":
        j -= 1
    return j


# the dependency labels of the clause heads ``_candidates`` looks at, one of its branches each
_CANDIDATE_DEPS = frozenset({"acl", "advcl", "relcl", "prep", "appos", "dobj", "npadvmod", "attr"})


def _candidates(doc: Any, a: int, b: int, head: int, *,
                min_words: int) -> list[tuple[int, int, int, int, str, str, int]]:
    """Clauses inside tokens [a, b) that state a fact of their own, as (cut from, cut to, part head,
    antecedent start, construction, mark, clause start) token indexes: [cut from, cut to) is the clause, the
    antecedent start the first token of the noun phrase a relative clause is about (else cut from), the
    clause start where the part's own clause begins (the relative pronoun; else cut from)."""
    # the doc's cached tokens, edges and children (``nlp.doc_tokens``): every token of [a, b) is looked at on each
    # (recursive) call, and spaCy's Token objects made on each read were most of this function's time
    out = []
    toks = doc_tokens(doc)
    left_edges, right_edges = edges(doc)
    kids = child_indices(doc)
    text = doc_text(doc)
    for i in range(a, b):
        if i == head:
            continue
        lo, hi = left_edges[i], right_edges[i]
        if lo < a or hi >= b:
            continue
        tok = toks[i]
        dep = tok.dep_
        if dep not in _CANDIDATE_DEPS:
            continue  # no branch below takes it (most tokens): their words are not read
        pos = tok.pos_
        comma_before = lo > a and toks[lo - 1].text == ","
        first = toks[lo].lower_
        if dep in ("acl", "advcl", "relcl") and pos == "VERB" and \
                (inner := _parenthetical_participle(doc, tok, a, b)) is not None:
            # "... from President Donald Trump (pictured with the North Korean leader at their June 2018 summit in
            # Singapore)": a participial clause in parentheses states a fact of its own, whatever it hangs on; a past
            # participle or a noun's modifier tells of the noun right before it ("Reyes (pictured ...)"), "(acting on
            # a tip ...)" of the clause's subject
            noun = _noun_before(doc, lo - 1, a) if dep == "acl" or tok.tag_ == "VBN" else lo
            out.append((lo, inner + 1, i, noun, "participial", "", lo))
        elif dep == "relcl" and comma_before and first in _REL_OPENERS:
            if _words(text[toks[lo].idx:toks[hi].idx + len(toks[hi])]) < min_words:
                continue  # "..., who is."
            ante = tok.head.i
            left = left_edges[ante]  # the first token of its subtree (spaCy's left edge)
            if left < a or ante >= lo:
                continue
            out.append((lo, hi + 1, i, left, "relative", "", lo))
        elif dep == "relcl" and comma_before and first in _FACT_MARKS and pos in ("VERB", "AUX") and \
                any(toks[c].dep_ in ("nsubj", "nsubjpass", "expl") for c in kids[i]):
            # "..., when X did Y" that the parser hangs on the noun before the comma ("after a two-hour debate,
            # when ...", "late into the night, when ...", "since 2013, when ..."): the same clause with its own
            # subject as a "when" clause of the verb, cut off alike (without the noun: the clause says when, not
            # which night)
            out.append((lo, hi + 1, i, lo, "adverbial", first, lo))
        elif dep == "advcl" and pos in ("VERB", "AUX"):
            marks = [toks[c] for c in kids[i] if c == lo and toks[c].dep_ in ("mark", "advmod")]
            if marks and marks[0].lower_ in _FACT_MARKS:
                if any(toks[c].dep_ in ("nsubj", "nsubjpass", "expl") for c in kids[i]):
                    out.append((lo, hi + 1, i, lo, "adverbial", marks[0].lower_, lo))
            elif marks and marks[0].lower_ == "with" and comma_before:
                # "with X doing Y" parsed as a clause that "with" marks, the participle with its subject as the
                # clause's subject ("..., with Smith previously revealing the notes had resulted in ...": the
                # same construction as the prepositional parse below, cut off alike)
                verbs = [c for c in (i, *kids[i]) if toks[c].tag_ in ("VBG", "VBN") and toks[c].pos_ == "VERB"
                         and (c == i or toks[c].dep_ in ("csubj", "csubjpass"))
                         and any(toks[g].dep_ in ("nsubj", "nsubjpass") for g in kids[c])]
                if verbs:
                    out.append((lo, hi + 1, verbs[-1], lo, "absolute", "", lo))
            elif not marks and tok.tag_ in ("VBG", "VBN") and i == lo and \
                    not any(toks[c].dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in kids[i]):
                out.append((lo, hi + 1, i, lo, "participial", "", lo))
        elif dep == "prep" and tok.lower_ == "with" and comma_before:
            # "with Trump revealing ..." (a participle with its subject) or "with sales rising ..." (a noun
            # with its participle)
            verbs = [c for c in kids[i] if toks[c].dep_ in ("pcomp", "pobj") and toks[c].pos_ == "VERB" and
                     toks[c].tag_ in ("VBG", "VBN") and any(toks[g].dep_ in ("nsubj", "nsubjpass") for g in kids[c])]
            verbs += [g for c in kids[i] if toks[c].dep_ == "pobj" and toks[c].pos_ in ("NOUN", "PROPN")
                      for g in kids[c] if toks[g].dep_ == "acl" and toks[g].tag_ in ("VBG", "VBN") and g > c]
            if verbs:
                out.append((lo, hi + 1, verbs[0], lo, "absolute", "", lo))
        elif pos == "NOUN" and dep in ("appos", "dobj", "npadvmod", "attr") and \
                (comma_before or (lo > a and _is_dash(doc, lo - 1))) and toks[lo].dep_ == "det" and i > head:
            # a noun phrase that sums up the clause before it, with a relative clause: "..., a proposal that
            # the union had already rejected", "... summit – the first time a serving US president had met ..."
            rels = [c for c in kids[i] if toks[c].dep_ in ("relcl", "acl") and toks[c].pos_ in ("VERB", "AUX") and
                    c > i and _words(text[toks[left_edges[c]].idx:toks[right_edges[c]].idx
                                          + len(toks[right_edges[c]])]) >= min_words]
            if rels:
                out.append((lo, hi + 1, rels[0], lo, "appositive", "", left_edges[rels[0]]))
    return out


def _balanced(text: str) -> bool:
    """Whether every parenthesis of ``text`` is closed, in order."""
    depth = 0
    for ch in text:
        if ch in "()":
            depth += 1 if ch == "(" else -1
            if depth < 0:
                return False
    return depth == 0


def _is_dash(doc: Any, i: int) -> bool:
    """Whether token ``i`` is a dash that sets off a clause: an en or em dash, or a hyphen with a space on each
    side ("... on Sunday - the strongest storm that ...", as plain-text wire copy writes it)."""
    toks = doc_tokens(doc)
    t = toks[i].text
    if t in _DASHES:
        return True
    return t == "-" and i > 0 and bool(toks[i].whitespace_) and bool(toks[i - 1].whitespace_)


def _noun_before(doc: Any, i: int, a: int) -> int:
    """The first token of the noun phrase that ends at token ``i - 1`` (the noun a parenthesis at ``i`` is
    about: "President Donald Trump (pictured ...)"), or ``i + 1`` when no noun ends there or it starts before
    ``a``."""
    toks = doc_tokens(doc)
    t = toks[i - 1] if i - 1 >= a else None
    if t is None or t.pos_ not in ("NOUN", "PROPN") or t.ent_type_ in ("DATE", "TIME"):
        return i + 1
    left = min(x.i for x in t.subtree if x.i <= t.i)
    return left if left >= a else i + 1


def _parenthetical_participle(doc: Any, tok: Any, a: int, b: int) -> int | None:
    """The last token inside the parentheses when ``tok`` heads a participial clause that fills a pair of
    parentheses inside tokens [a, b) ("(pictured with the North Korean leader ...)", "(seen here in 2017)"): a
    past or present participle with no subject or auxiliary of its own, right after "(" and ending right before
    ")" (which the parser may hang on the participle); else None."""
    if tok.dep_ not in ("acl", "advcl", "relcl") or tok.pos_ != "VERB" or tok.tag_ not in ("VBG", "VBN"):
        return None
    toks = doc_tokens(doc)
    left_edges, right_edges = edges(doc)
    lo, hi = left_edges[tok.i], right_edges[tok.i]
    if hi > lo and toks[hi].text == ")":
        hi -= 1
    if tok.i != lo or lo - 1 <= a or hi + 1 >= b:
        return None
    if toks[lo - 1].text != "(" or toks[hi + 1].text != ")":
        return None
    if toks[lo - 2].text == "(" or (hi + 2 < len(toks) and toks[hi + 2].text == ")"):
        return None  # "((pictured ...))": not one pair of parentheses
    if any(toks[c].dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in child_indices(doc)[tok.i]):
        return None
    return hi


def _says_nothing(doc: Any, head: int, a: int, b: int) -> bool:
    """Whether the clause head is a speech verb whose content (a complement clause) is not in tokens
    [a, b): a cut that leaves "the president told reporters" took what he told with it."""
    verb = doc[head]
    if lemma(verb) not in SAY_LEMMAS:
        return False
    # the object of "tell" is who is told; of "report", "announce", ... what is said
    content = ("ccomp", "xcomp", "parataxis") if lemma(verb) == "tell" else ("ccomp", "xcomp", "parataxis", "dobj")
    if any(c.dep_ in content and a <= c.i < b for c in verb.children):
        return False
    # the content clause parsed under another word of the verb's clause: "told reporters as he left for Camp David
    # that he'd be discussing ..." (a complement of "left"), "said in a statement that the restaurant was
    # cooperating ..." (a clause of "statement", marked "that")
    return not any(a <= t.i < b and t.i != verb.i and (t.dep_ in ("ccomp", "parataxis") or (
        t.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children))) for t in verb.subtree)


def _split_range(doc: Any, a: int, b: int, head: int, construction: str, mark: str, ante: int, *,
                 min_words: int, quotes: list[tuple[int, int]], depth: int = 0) -> list[Part]:
    """Token range [a, b) (a clause with head ``head``) cut into atomic parts: a clause that ends it
    (a relative clause set off by a comma, a "when"/"while"/"though" clause, a participial clause set off
    by a comma, "with X doing Y") or opens it ("Speaking at a rally, the President said") is cut off, recursively,
    when both sides keep ``min_words`` words and no cut falls inside a quotation. A clause in the middle
    of a clause is cut out afterwards (``_with_inserts``), as a gap of what is left around it."""
    toks = doc_tokens(doc)
    text = doc_text(doc)

    def chars(x: int, y: int) -> tuple[int, int]:
        return _trim(text, toks[x].idx, toks[y - 1].idx + len(toks[y - 1]))

    def part() -> list[Part]:
        s, e = chars(a, b)
        return [Part(start=s, end=e, clause_start=max(s, toks[ante].idx) if ante > a else s, head=head,
                     construction=construction, mark=mark)]

    if depth > 12 or b - a < 2:
        return part()
    last = _last_content(doc, a, b)
    best = None
    for lo, hi, h, left, kind, mk, clause in sorted(_candidates(doc, a, b, head, min_words=min_words)):
        if lo > a and head < lo:  # a clause at the end: nothing but its own closing material may follow it
            rest = toks[hi:last + 1]
            opener = toks[lo - 1].text
            if opener == "(":  # a parenthetical clause: only its closing parenthesis may follow it
                if hi != last or toks[hi].text != ")":  # hi may be the doc's end: an unclosed "(" ends its line
                    continue
            elif hi <= last and (opener != "," or any(t.text in _STOPS or t.i == head for t in rest)):
                continue
            if kind in ("participial", "absolute") and opener not in (",", "("):
                continue  # "was hit and sent flying": a participle not set off by a comma belongs to its verb
            if kind == "appositive" and opener != "," and not _is_dash(doc, lo - 1):
                continue
            start = left if kind == "relative" or (opener == "(" and left < lo) else lo
            # in parentheses: the clause alone ("when the owner went bankrupt"), or with the noun it is about and
            # both parentheses ("President Donald Trump (pictured with ...)")
            end = b if opener != "(" else (hi + 1 if start < lo else hi)
            main, tail = (a, lo), (start, end)
            piece = ("tail", main, tail, h, kind, mk, lo, clause)
        elif lo == a and hi < last and toks[hi].text == "," and head > hi:  # a clause that opens it
            piece = ("head", (hi + 1, b), (a, hi), h, kind, mk, lo, clause)
        else:
            continue
        _, main, sub, *_ = piece
        if _says_nothing(doc, head, *main):
            continue  # "the president told reporters as he left ... that he'd be ...": the content went along
        ms, me = chars(*_trim_tokens(doc, *main))
        ss, se = chars(*_trim_tokens(doc, *sub))
        if _words(text[ms:me]) < min_words or _words(text[ss:se]) < min_words:
            continue
        if not (_balanced(text[ms:me]) and _balanced(text[ss:se])):
            continue  # a cut inside a pair of parentheses ("((pictured ...))", "(the plant, which ...)")
        if any(_cuts_quote(quotes, c) for c in (toks[lo].idx, toks[hi - 1].idx + len(toks[hi - 1]), ss)):
            continue
        best = piece
        break  # the outermost clause first; the ones inside it are cut when its part is split in turn
    if best is None:
        return part()
    _, main, sub, h, kind, mk, lo, clause = best
    ma, mb = _trim_tokens(doc, *main)
    sa, sb = _trim_tokens(doc, *sub)
    main_kind = "main" if construction == "whole" else construction
    parts = _split_range(doc, ma, mb, head, main_kind, mark, ante if ma <= ante < mb else ma, min_words=min_words,
                         quotes=quotes, depth=depth + 1)
    subs = _split_range(doc, sa, sb, h, kind, mk, clause if kind in ("relative", "appositive") or sa < lo else sa,
                        min_words=min_words, quotes=quotes, depth=depth + 1)
    return sorted(parts + subs, key=lambda p: (p.start, p.end))


# what sets off a clause in the middle of a sentence: the opening mark and the one that closes it
_INSERT_MARKS = {",": ",", "(": ")", "—": "—", "–": "–"}
# entity types whose appositive states a fact of its own to compare ("the company, a 450-person firm, ...")
_APPOS_FACTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE"})
# a quotation mark: a double one, or a single one that is no apostrophe ("Felt's" is one)
_QUOTE_MARK = re.compile(r"[\"“”„]|(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])")
_VALUE_TYPES = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "ORDINAL"})


def _inserted_candidates(doc: Any, a: int, b: int) -> list[tuple[int, int, int, int, str]]:
    """Clauses set off in the middle of tokens [a, b) that state a fact about the noun phrase before them, as
    (antecedent start, opening mark, clause head, closing mark, construction) token indexes: a
    relative clause ("Harbor Polymers, which employs about 450 people, said ...", "who", "whose", "where"; never
    "that": a restrictive clause says which one, not a fact of its own) and an appositive that holds a number or
    a date ("the company, a 450-person firm, said ..."), each between commas, parentheses or dashes, with words of
    the clause it interrupts after the closing mark."""
    toks = doc_tokens(doc)
    out = []
    last = _last_content(doc, a, b)
    for tok in toks[a:b]:
        if tok.dep_ == "relcl" and tok.pos_ in ("VERB", "AUX"):
            kind = "relative"
        elif tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.pos_ in ("NOUN", "PROPN") and \
                not tok.ent_type_ and not any(t.like_num or t.ent_type_ in _VALUE_TYPES
                                              for t in tok.head.subtree if t.i <= tok.head.i):
            # a description, not a name ("the champion, Wladimir Klitschko, ...": the name says who) and not a
            # value restated in other units ("85 million euros (74 million pounds)", "8:00 am local time (0300 GMT)")
            kind = "appositive"
        elif _parenthetical_participle(doc, tok, a, b) is not None:
            kind = "participial"  # "Trump (pictured with Kim in Singapore) said ..."
        else:
            continue
        lo, hi = tok.left_edge.i, tok.right_edge.i
        while hi > lo and toks[hi].is_punct and toks[hi].text in _INSERT_MARKS.values():
            hi -= 1  # the closing mark parsed into the clause
        if lo - 1 <= a or hi + 1 >= last or tok.head.i >= lo:
            continue
        opener, closer = toks[lo - 1].text, toks[hi + 1].text
        if _INSERT_MARKS.get(opener) != closer:
            continue
        if kind == "relative" and toks[lo].lower_ not in _REL_OPENERS:
            continue
        if kind == "appositive" and not any(t.like_num or t.ent_type_ in _APPOS_FACTS for t in toks[lo:hi + 1]):
            continue
        ante = tok.head
        left = min(t.i for t in ante.subtree if t.i <= ante.i)
        if left < a:
            continue
        if not (ante.pos_ == "PROPN" or ante.ent_type_ in _FACT_HEADS or
                any(c.dep_ in ("det", "poss") and c.i < ante.i for c in ante.children)):
            # a bare noun ("inflation, which stood at 6.2 percent in March, was still far above the target"):
            # the clause carries the sentence's own figure, not a fact about a named or introduced referent
            continue
        out.append((left, lo - 1, tok.i, hi + 1, kind))
    return out


def _with_inserts(doc: Any, p: Part, *, min_words: int, quotes: list[tuple[int, int]]) -> list[Part]:
    """Part ``p`` and the clauses set off in its middle (``_inserted_candidates``), each cut out as a part of
    its own with the noun phrase it is about ("Harbor Polymers, which employs about 450 people") and left out of
    ``p`` as a gap ("Harbor Polymers said ..."). A clause is cut when it and what is left of ``p`` each keep
    ``min_words`` words and no cut falls inside a quotation; the outermost clause first."""
    toks = doc_tokens(doc)
    inside = token_range(doc, p.start, p.end)
    if not inside:
        return [p]
    text = doc_text(doc)
    a, b = inside[0], inside[-1] + 1
    gaps: list[tuple[int, int]] = []
    subs: list[Part] = []
    for left, opener, head, close, kind in sorted(_inserted_candidates(doc, a, b), key=lambda c: (c[1], -c[3])):
        g0 = toks[opener - 1].idx + len(toks[opener - 1])  # from the end of the word before the opening mark
        g1 = toks[close].idx + len(toks[close])  # to the closing mark, inclusive
        if any(gs < g1 and g0 < ge for gs, ge in gaps) or g0 < p.clause_start:
            continue
        sub_end = toks[close].idx + len(toks[close]) if toks[close].text == ")" else toks[close - 1].idx + len(
            toks[close - 1])
        ss, se = _trim(text, toks[left].idx, sub_end)
        if _words(text[ss:se]) < min_words:
            continue
        if _words(text_without(text, p.start, p.end, sorted([*p.gaps, *gaps, (g0, g1)]))) < min_words:
            continue
        if any(_cuts_quote(quotes, c) for c in (g0, g1, ss, se)) or _QUOTE_MARK.search(text, g0, g1):
            continue  # a quotation mark inside the clause: a quote the quote finder did not pair
        gaps.append((g0, g1))
        subs.append(Part(start=ss, end=se, clause_start=toks[opener + 1].idx, head=head, construction=kind,
                         inserted=True))
    if not gaps:
        return [p]
    main = dataclasses.replace(p, construction="main" if p.construction == "whole" else p.construction,
                               gaps=tuple(sorted(p.gaps + tuple(gaps))))
    return [main, *subs]


def atomic_parts(sent: Any, *, min_words: int, quotes: list[tuple[int, int]] | None = None) -> list[Part]:
    """A sentence cut into the parts that each state one fact, in doc char offsets (verbatim slices).

    Coordinated clauses with their own subject are cut apart ("X met Y, and Z said W"); then each clause
    loses, recursively, the clauses at its end or start that state a fact of their own: a relative clause
    set off by a comma (the part keeps the noun phrase it is about: "their first summit, which ended
    with ..."), a noun phrase with a relative clause that sums up the clause ("..., a move that the mayor
    opposed", or after a dash), a "when", "while", "whereas", "though" or "although" clause with its own subject, a
    participial clause set off by a comma or filling a pair of parentheses, "with X doing Y". No cut falls inside a quotation (``quotes``:
    doc char ranges; by default those of the sentence's doc), and every part keeps ``min_words`` words;
    otherwise the sentence is one part (construction "whole")."""
    doc = sent.doc
    toks = doc_tokens(doc)
    if quotes is None:
        quotes = quote_regions(doc_text(doc))[0]
    whole = [Part(start=sent.start_char, end=sent.end_char, clause_start=sent.start_char, head=sent.root.i,
                  construction="whole")]
    if sent.root.pos_ not in ("VERB", "AUX"):
        return whole
    cuts = _coordination_cuts(sent)
    bounds = [sent.start] + cuts + [sent.end]
    segments = []
    text = doc_text(doc)
    for a, b in zip(bounds, bounds[1:]):
        ta, tb = _trim_tokens(doc, a, b)
        if ta >= tb:
            return whole
        s, e = _trim(text, toks[ta].idx, toks[tb - 1].idx + len(toks[tb - 1]))
        if _words(text[s:e]) < min_words or (a > sent.start and _cuts_quote(quotes, toks[a].idx)):
            cuts = []
            break
        segments.append((ta, tb))
    if not cuts:
        segments = [(sent.start, sent.end)]
    heads = [sent.root.i] + [next(t.i for t in toks[a:b] if t.dep_ == "conj" and t.head.i == sent.root.i)
                             for a, b in segments[1:]]
    out: list[Part] = []
    for (a, b), head in zip(segments, heads):
        kind = "whole" if len(segments) == 1 else ("coordination" if head != sent.root.i else "main")
        out += _split_range(doc, a, b, head, kind, "", a, min_words=min_words, quotes=quotes)
    out = sorted((q for p in out for q in _with_inserts(doc, p, min_words=min_words, quotes=quotes)),
                 key=lambda p: (p.start, p.end))
    if len(out) == 1:
        return whole
    return out


def clause_splits(sent: Any, *, min_words: int) -> list[tuple[int, int]]:
    """Doc char ranges of a sentence's atomic parts (``atomic_parts``); the whole sentence when it has
    one."""
    return [(p.start, p.end) for p in atomic_parts(sent, min_words=min_words)]


def fact_phrases(sent: Any, *, min_words: int) -> list[tuple[int, int]]:
    """Doc char ranges of noun phrases that state a fact about a named entity: an appositive
    ("the Korean Central News Agency, the country’s state media") or a role in front of a person's
    name ("North Korea’s top negotiator Kim Yong Chol")."""
    out: list[tuple[int, int]] = []
    doc = sent.doc
    toks = doc_tokens(doc)
    text = doc_text(doc)
    for tok in sent:
        if tok.dep_ == "appos" and tok.head.ent_type_ in _FACT_HEADS and tok.head.i < tok.i and \
                tok.pos_ in ("NOUN", "PROPN"):
            if tok.ent_type_ in ("DATE", "TIME", "CARDINAL") or not any(t.tag_ in ("NN", "NNS") for t in tok.subtree):
                continue
            head = tok.head
            left = min(t.i for t in head.subtree if t.i <= head.i)
            right = max(t.i for t in tok.subtree)
            between = toks[head.i + 1: tok.left_edge.i]
            if not any(t.text in (",", "(") for t in between) or any(t.dep_ != "punct" for t in between):
                continue  # an appositive is set off by a comma or a parenthesis
            s, e = _trim(text, toks[left].idx, toks[right].idx + len(toks[right]))
            out.append((s, e))
        elif tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            ent = next((x for x in span_ents(sent) if x.start == tok.i), None)
            if ent is None:
                continue
            head = ent.root
            left = [t for t in head.subtree if t.i < ent.start]
            if not left or left[-1].i != ent.start - 1:
                continue
            first = min(t.i for t in left)
            role = [t for t in toks[first:ent.start] if t.tag_ in ("NN", "NNS")]
            if not role or any(t.dep_ in ("relcl", "acl", "prep") or t.text in ",;" for t in toks[first:ent.start]):
                continue
            s, e = _trim(text, toks[first].idx, ent.end_char)
            out.append((s, e))
    return [(s, e) for s, e in out if len(_WORD.findall(text[s:e])) >= min_words and (s, e) != (
        sent.start_char, sent.end_char)]


def _speech_verb(sent: Any) -> Any | None:
    """The speech verb whose subject ``attribution_of`` takes as the sentence's speaker, if any."""
    best: tuple[int, Any] | None = None
    for tok in sent:
        if lemma(tok) in SAY_LEMMAS and tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass")
                                                                   for c in tok.children):
            rank = 0 if tok.dep_ == "ROOT" else 1 if tok.dep_ in ("advcl", "conj", "parataxis", "ccomp") else 2
            if rank < 2 and (best is None or rank < best[0]):
                best = (rank, tok)
    return best[1] if best else None


def _part_attribution(sent: Any, part: Part, sentence_attr: str | None) -> str | None:
    """Who a part of a sentence is attributed to: the speaker of a speech verb inside it; else the
    sentence's speaker when the part is what the speaker says (the speech verb governs it, not through an
    adverbial or coordinated clause: "Speaking at a rally, the President said" does not attribute the rally
    to the President), or the speech verb is a parenthetical ("..., reports Mirror Online"); a contrast
    clause ("..., while others suggest ...") is not the speaker's."""
    own = attribution_of(sent, (part.start, part.end))
    if own or sentence_attr is None or part.construction == "whole":
        return own or sentence_attr
    verb = _speech_verb(sent)
    if verb is None:
        return sentence_attr  # "according to ..." covers every part
    if part.start <= verb.idx < part.end:
        return sentence_attr
    if part.mark in _CONTRAST_MARKS:
        return None
    tok, child = sent.doc[part.head], None
    while tok.i != verb.i and tok.head.i != tok.i:
        child, tok = tok, tok.head
    if tok.i == verb.i:
        if part.inserted and child is not None and child.dep_ in ("nsubj", "nsubjpass"):
            return own  # "X, which employs 450 people, said ...": what the reporter says of the speaker
        return None if child is not None and child.dep_ in ("advcl", "conj", "npadvmod", "prep") else sentence_attr
    return sentence_attr if verb.dep_ == "parataxis" else None


def _outside(slots: Slots, gaps: tuple[tuple[int, int], ...], sent: Any, s: int, e: int,
             line_gaps: tuple[tuple[int, int], ...]) -> Slots:
    """A claim's slots without what its gaps hold (article offsets ``gaps``; the same in line offsets
    ``line_gaps``, the claim being [s, e)): dates, numbers and names inside a gap, and a negation or hedge
    that only a gap's words carry."""
    def kept(x: Any) -> bool:
        return not any(gs <= x.start and x.end <= ge for gs, ge in gaps)

    windows, pos = [], s
    for gs, ge in line_gaps:
        windows.append((pos, gs))
        pos = ge
    windows.append((pos, e))
    windows = [w for w in windows if w[1] > w[0]]
    neg = next((c for c in (negation_cue(sent, w) for w in windows) if c), None) if slots.negated else None
    hedge = next((c for c in (hedge_cue(sent, w) for w in windows) if c), None) if slots.hedged else None
    return dataclasses.replace(slots, dates=tuple(filter(kept, slots.dates)),
                               numbers=tuple(filter(kept, slots.numbers)),
                               entities=tuple(filter(kept, slots.entities)),
                               negated=neg is not None, negation_cue=neg, hedged=hedge is not None, hedge_cue=hedge)


class _ClaimSet:
    """The claims of one article in order of first occurrence; a repeated text adds an occurrence instead."""

    def __init__(self, article: Article, folder: EntityFolder, *, config: ExtractConfig) -> None:
        self.article = article
        self.folder = folder
        self.config = config
        self.by_key: dict[str, Claim] = {}
        self.order: list[str] = []

    def add(self, kind: str, s: int, e: int, sent: Any, line: _Line, attribution: str | None, quoted: bool | None,
            clause_start: int | None = None, gaps: tuple[tuple[int, int], ...] = ()) -> None:
        """The claim of ``line.text[s:e]`` (line offsets) in parsed sentence ``sent``, with its slots; ``gaps``
        (line offsets inside [s, e)): what it leaves out (``Claim.gaps``), whose slots are not the claim's."""
        text = line.text[s:e]
        a_start, a_end = line.start + s, line.start + e
        key = normalise_text(text)
        if gaps:  # the same words without a gap would be another claim
            key += "\x00" + ",".join(f"{gs - s}-{ge - s}" for gs, ge in gaps)
        if key in self.by_key:
            prev = self.by_key[key]
            if (a_start, a_end) not in prev.occurrences:
                self.by_key[key] = dataclasses.replace(prev, occurrences=prev.occurrences + ((a_start, a_end),),
                                                       kind="caption" if prev.kind in ("sentence", "caption") else
                                                       prev.kind)
            return
        ents = find_entities(sent, line.start, folder=self.folder, window=(s, e),
                             title_case_share=self.config.title_case_share)
        slots = extract_slots(text, start=a_start, published=self.article.published,
                              published_inferred=self.article.published_origin == "inferred", entities=ents, span=sent,
                              doc_offset=line.start, attribution=attribution, quoted=quoted,
                              role_window=self.config.role_window)
        if clause_start is not None and clause_start > s:
            # a relative clause with the noun phrase it is about: its negation and hedge are the clause's own
            # ("..., which was not ..."), which the claim-wide window would take for a subordinate clause's
            neg, hedge = negation_cue(sent, (clause_start, e)), hedge_cue(sent, (clause_start, e))
            slots = dataclasses.replace(slots, negated=neg is not None, negation_cue=neg, hedged=hedge is not None,
                                        hedge_cue=hedge)
        abs_gaps = tuple((line.start + gs, line.start + ge) for gs, ge in gaps)
        if gaps:
            slots = _outside(slots, abs_gaps, sent, s, e, gaps)
        claim = Claim(id=content_id(self.article.id, key), source=self.article.id, text=text, start=a_start,
                      end=a_end, slots=slots, occurrences=((a_start, a_end),), kind=kind, gaps=abs_gaps)
        # the nouns' descriptions from this parse, so the framing stage need not parse the claim again
        span = sent.doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            claim = dataclasses.replace(claim, slots=dataclasses.replace(
                slots, described=claim_descriptions(claim, span, offset=line.start)))
        self.by_key[key] = claim
        self.order.append(key)

    def claims(self) -> tuple[Claim, ...]:
        """The claims, in order of first occurrence."""
        return tuple(self.by_key[k] for k in self.order)


@dataclass
class _Paragraph:
    """One line's quotations and their speakers, and what carries over from the previous line."""

    regions: list[tuple[int, int]]
    own: dict[int, str | None]  # id(sentence) -> its own attribution
    region_attr: dict[tuple[int, int], str]  # quotation -> the speaker of a sentence inside it
    starts_quote: bool
    carry_attr: str | None  # attribution of the previous paragraph's quote, for continued quotes
    carry_open: bool  # the previous paragraph ended inside a quotation
    still_open: bool  # this paragraph ends inside a quotation

    def speaker(self, sent: Any, region: tuple[int, int] | None) -> str | None:
        """Who a sentence is attributed to: its own speaker, else that of its quotation, else the speaker
        of the nearest attributed quotation before it in the paragraph (else after it), else, for a quote
        that opens the paragraph, the previous paragraph's."""
        attr = self.own[id(sent)]
        if attr is not None or region is None:
            return attr
        attr = self.region_attr.get(region)
        if attr is None:
            before = [self.region_attr[r] for r in self.regions if r in self.region_attr and r[1] <= region[0]]
            after = [self.region_attr[r] for r in self.regions if r in self.region_attr and r[0] >= region[1]]
            attr = before[-1] if before else after[0] if after else None
        if attr is None and region[0] == 0 and self.starts_quote and (self.carry_open or self.carry_attr):
            attr = self.carry_attr
        return attr

    def quoted(self, s: int, e: int, region: tuple[int, int] | None) -> bool:
        """Whether [s, e) is a quote or holds a quotation of more than 12 characters."""
        return region is not None or any(rs < e and s < re_ and re_ - rs > 12 for rs, re_ in self.regions)


def _sentences(line: _Line, doc: Any) -> list[tuple[Any, int, int]]:
    """(sentence, start, end) of each non-blank sentence of a parsed line, its span without outer space."""
    out = []
    text = doc_text(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        words = text[start:end]  # sent.text, which spaCy joins from the tokens on each read
        s = start + (len(words) - len(words.lstrip()))
        e = end - (len(words) - len(words.rstrip()))
        if e > s:
            out.append((sent, s, e))
    return out


def _paragraph(line: _Line, sents: list[tuple[Any, int, int]], carry: tuple[str | None, bool]) -> _Paragraph:
    """The quotations of a line, with attribution per sentence, then shared within each quotation."""
    regions, still_open = quote_regions(line.text)
    own = {id(sent): attribution_of(sent) for sent, _, _ in sents}
    region_attr: dict[tuple[int, int], str] = {}
    for sent, s, e in sents:
        speaker = own[id(sent)]
        for rs, re_ in regions:
            if speaker and rs < e and s < re_:
                region_attr.setdefault((rs, re_), speaker)
    return _Paragraph(regions=regions, own=own, region_attr=region_attr,
                      starts_quote=bool(regions) and regions[0][0] == 0, carry_attr=carry[0], carry_open=carry[1],
                      still_open=still_open)


def short_count_statement(sent: Any, text: str, *, config: ExtractConfig) -> bool:
    """Whether a sentence shorter than ``extract.min_words`` words is still a claim: at least
    ``extract.min_count_words`` words, closing punctuation, a number and a verb ("Two remain missing.", "Three were
    injured."): a count with what happened to it is a complete statement, the one a second outlet's "two people are
    still missing" is compared with. "James Clark said." or "Two Minutes Later" are not."""
    if len(_WORD.findall(text)) < config.min_count_words or not re.search(r"[.!][\"'’”)\]]*\s*$", text):
        return False
    return any(t.like_num for t in sent) and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _sentence_claims(out: _ClaimSet, line: _Line, para: _Paragraph, sent: Any, s: int, e: int, *,
                     config: ExtractConfig, credits: list[re.Pattern[str]], dropped: list[Dropped]) -> None:
    """The claims of one sentence (whole, cut at semicolons when too long, or its atomic parts, plus fact
    phrases), or the rule that drops it."""
    text = line.text[s:e]
    if len(_WORD.findall(text)) < config.min_words and not short_count_statement(sent, text, config=config):
        dropped.append(Dropped(text=text, start=line.start + s, end=line.start + e, rule="short"))
        return
    if text.lstrip().startswith("(") and any(p.search(text) for p in credits):
        dropped.append(Dropped(text=text, start=line.start + s, end=line.start + e, rule="caption"))
        return
    region = _inside(para.regions, s, e, coverage=config.quote_coverage)
    attr = para.speaker(sent, region)
    quoted = para.quoted(s, e, region)
    kind = "quote" if region is not None else line.kind
    pieces = [(s, e)]
    if len(text) > config.max_chars:
        pieces = [_trim(line.text, a, b) for a, b in _semicolon_split(line.text, s, e)]
        pieces = [(a, b) for a, b in pieces if 0 < b - a <= config.max_chars]  # '; x' leaves an empty piece
        if not pieces:
            dropped.append(Dropped(text=text, start=line.start + s, end=line.start + e, rule="too-long"))
            return
    elif config.split_coordination and kind in ("sentence", "caption"):  # headlines are too telegraphic
        parts = atomic_parts(sent, min_words=config.min_words, quotes=para.regions)
        if len(parts) > 1:
            for p in parts:
                a, b = max(p.start, s), min(p.end, e)
                out.add("clause", a, b, sent, line, _part_attribution(sent, p, attr), para.quoted(a, b, region),
                        clause_start=p.clause_start, gaps=tuple((max(gs, a), min(ge, b)) for gs, ge in p.gaps))
            pieces = []
    for a, b in pieces:
        out.add(kind if len(pieces) == 1 else "clause", a, b, sent, line, attr, quoted)
    if config.appositions:
        for a, b in fact_phrases(sent, min_words=config.min_words):
            if s <= a and b <= e:
                out.add("apposition", a, b, sent, line, None, False)


def _extraction(article: Article, lines: list[_Line], dropped: list[Dropped], docs: list[Any], *,
                config: ExtractConfig) -> Extraction:
    """One article's Extraction from its kept lines, their parses and the lines already dropped."""
    # a photo credit can share its line with a caption sentence: the caption rules also see each sentence in
    # parentheses ("(AP Photo/...)"); not others: "... told Reuters." ends like a credit but is a claim
    credits = [p for name, p in _rules(config) if name == "caption"]
    out = _ClaimSet(article, EntityFolder([e for d in docs for e in span_ents(d)], parse_aliases(config.entity_aliases)),
                    config=config)
    carry: tuple[str | None, bool] = (None, False)
    for line, doc in zip(lines, docs):
        sents = _sentences(line, doc)
        para = _paragraph(line, sents, carry)
        for sent, s, e in sents:
            _sentence_claims(out, line, para, sent, s, e, config=config, credits=credits, dropped=dropped)
        if para.regions:
            last_attr = next((para.region_attr[r] for r in reversed(para.regions) if r in para.region_attr), None)
            carry = (last_attr or (para.carry_attr if para.starts_quote else None), para.still_open)
        else:
            carry = (None, para.still_open)
    release_tokens(docs)
    claims = out.claims()
    if not claims and not config.headline and any(d.rule == "headline" for d in dropped):
        # a text whose only content is its headline ("Mayor Quits Over $2M Budget Row"): the headline is the claim
        return extract_article(article, config=dataclasses.replace(config, headline=True))
    return Extraction(article=article, claims=claims, dropped=tuple(sorted(dropped, key=lambda d: d.start)))


# Lines per spaCy batch (batches span articles). The parse of a line does not depend on the batch it is in
# (seed and fixture reports byte-identical to per-article batches; tests/test_extract_batched.py). 256
# against 64: 22.8 s against 27.4 s wall for the 1,416 lines of the 100-article benchmark corpus on a loaded
# machine; the CPU time of extraction was the same within noise (4.2-4.4 s for 40 articles either way).
PIPE_BATCH = 256
# The first lines of a stream go through spaCy in smaller batches, so that the first articles come out sooner: a
# large run encodes its claim texts in chunks of 512 alongside extraction, and at 1,000 articles the first chunk,
# ~20 articles, was complete only after two batches of 256 lines (5.3 s into extraction) while the encoder waited.
PIPE_FIRST_LINES = 512
PIPE_FIRST_BATCH = 32

# A line repeated within this many lines of its last occurrence is not parsed again: it reuses that parse (the
# same Doc, which extraction only reads). Outlets that run the same wire copy repeat whole paragraphs: the
# 1,000-article benchmark corpus has 14,040 lines, 10,668 distinct (76 %, 82 % of the characters), and parsing is
# ~90 % of extraction's CPU time. A Doc is held only while a later line within the window reuses it, so at most
# this many are held, each without its tok2vec tensor (extraction never reads it). Measured on that corpus (one
# process, no cache, /usr/bin/time): extraction's peak 392 MB and 204.9 s CPU without reuse; 405 MB and 178.1 s at
# 4,096. Holding the tensors too cost 584 MB at 4,096 (455 MB at 512, saving only 6 s; 388 MB at 128, no gain) and
# put the 10,000-article run's process tree at 2,267 MB (README, Performance).
REUSE_WINDOW = 4096
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


def _reuse_plan(texts: list[str], *, window: int) -> tuple[list[int], list[bool]]:
    """Per line, the earlier line whose parse it reuses (its text's last occurrence, at most ``window`` lines
    back) or -1 to parse it; and per line, whether a later line reuses its parse."""
    last: dict[str, int] = {}
    source = [-1] * len(texts)
    reused = [False] * len(texts)
    for j, text in enumerate(texts):
        i = last.get(text, -1)
        if i >= 0 and j - i <= window:
            source[j] = i
            reused[i] = True
        last[text] = j
    return source, reused


def extract_articles(articles: Iterable[Article], *, config: ExtractConfig, n_process: int = 1,
                     batch_size: int = PIPE_BATCH, reuse_window: int = REUSE_WINDOW) -> Iterator[Extraction]:
    """The Extraction of each article, in order: the lines of all articles go through one spaCy ``nlp.pipe``
    stream (``n_process`` worker processes when > 1), so batches span articles; a line repeated within
    ``reuse_window`` lines reuses its earlier parse (``_reuse_plan``)."""
    items = [(a, *split_lines(a, config=config)) for a in articles]
    if not items:
        return  # spaCy is not even loaded (a warm run that finds every article in the cache)
    texts = [_one_line(ln.text) for _, lines, _ in items for ln in lines]
    source, reused = _reuse_plan(texts, window=reuse_window)
    todo = [t for t, i in zip(texts, source) if i < 0]
    nlp = get_nlp()
    if n_process > 1 or batch_size <= PIPE_FIRST_BATCH:
        parsed = nlp.pipe(todo, batch_size=batch_size, n_process=max(1, n_process))
    else:  # the first lines in smaller batches (``PIPE_FIRST_LINES``); the same parses
        parsed = itertools.chain(nlp.pipe(todo[:PIPE_FIRST_LINES], batch_size=PIPE_FIRST_BATCH),
                                 nlp.pipe(todo[PIPE_FIRST_LINES:], batch_size=batch_size))
    held: dict[str, Any] = {}  # text -> the parse a later line reuses
    j = 0
    for item in items:
        docs = []
        for _ in item[1]:
            doc = next(parsed) if source[j] < 0 else held[texts[j]]
            if reused[j]:
                doc.tensor = _NO_TENSOR  # the tok2vec output: extraction never reads it; most of a held Doc
                held[texts[j]] = doc
            else:
                held.pop(texts[j], None)
            docs.append(doc)
            j += 1
        yield _extraction(*item, docs, config=config)
    for _ in parsed:  # let spaCy's stream end (its worker processes, when n_process > 1, exit at its end)
        pass


def extract_article(article: Article, *, config: ExtractConfig) -> Extraction:
    """Split one article into claims (exact spans, slots, folded repeats) and dropped boilerplate."""
    return next(extract_articles([article], config=config))


def _semicolon_split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, a = [], s
    for m in re.finditer(r";\s+", text[s:e]):
        out.append((a, s + m.start()))
        a = s + m.end()
    out.append((a, e))
    return out


def extract_claims(article: Article, *, config: ExtractConfig) -> list[Claim]:
    """Split the article's body into claims with spans into ``article.text`` and slots."""
    return list(extract_article(article, config=config).claims)
