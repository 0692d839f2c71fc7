"""Stage 5b, framing: how the sources of a multi-source finding describe the things they share.

For every finding whose claims come from two or more sources (agree or diverge), each claim is
parsed with the shared spaCy pipeline (``claimcheck.stages.extract.nlp.get_nlp``; no second model) and,
for every common noun, the words a source attaches to it are collected:

* adjectival modifiers and participles (``amod``: "a *personal* letter", "*gushing* letters",
  "a *sub-par* start": a hyphenated word stays whole) and the adjectives coordinated with them;
  compound nouns ("*phone* numbers") classify rather than describe and are left out;
* predicate adjectives ("the letter was *beautiful*");
* the verb the noun is the object of, with its particle ("*praised* the letter", "*rolled out*
  the machines", "*gushes over* the letter", "the letter was *praised*"), leaving out light and
  transfer verbs (send, receive, have, give, ...), which say what happened to the thing, not how
  it is seen, and prepositions of place, time or company ("met *with*", "pictured *at*").

Names, dates, numbers and ordinals (the claim's own entity, date and number slots, so the parse
runs without spaCy's NER, about half its cost), proper nouns and stop words ("other", "first",
"many") are not descriptions. A modifier inside a short quotation (a scare quote, at most five
tokens) is shown quoted (``"personal"``): the source is repeating somebody's word.

A noun is reported when at least two sources mention it in the finding's claims, at least two of
those describe it, and their sets of words differ. Words are compared without their quotation
marks and verbs by stem ("operated" and "operating" are the same description); each source's own
words are shown. This is information about framing, never a conflict: verdicts, reasons and ids
are untouched.
"""

from __future__ import annotations

import dataclasses

from claimcheck.models import Claim, Description, Finding
from claimcheck.stages.extract.descriptions import Described, add_description, claim_descriptions
from claimcheck.stages.extract.nlp import get_nlp

# noun -> source -> {shown word: (comparison key, quoted anywhere)}
_Table = dict[str, dict[str, dict[str, tuple[str, bool]]]]


def _collect(described: list[tuple[Claim, Described]]) -> _Table:
    """The descriptions of every common noun in the claims of one finding, by source."""
    table: _Table = {}
    for claim, nouns in described:
        for noun, found in nouns:
            words = table.setdefault(noun, {}).setdefault(claim.source, {})
            for word, key, is_quoted in found:
                add_description(words, word, key, is_quoted)
    return table


def _differences(table: _Table) -> tuple[Description, ...]:
    out = []
    for noun in sorted(table):
        by_source = table[noun]
        described = [frozenset(k for k, _ in words.values()) for words in by_source.values() if words]
        if len(by_source) < 2 or len(described) < 2 or len(set(described)) < 2:
            continue
        out.append(Description(noun=noun, by_source=tuple(
            (src, tuple(sorted((f'"{w}"' if q else w) for w, (_, q) in words.items())))
            for src, words in sorted(by_source.items()))))
    return tuple(out)


def describe_findings(findings: list[Finding]) -> list[Finding]:
    """The findings with ``descriptions`` filled in on every multi-source one (verdicts unchanged).

    Claims from the extractor carry their descriptions already (``Slots.described``, from the extraction
    parse, cached with the claims); any other claim of a multi-source finding is parsed here, each distinct
    text once, without spaCy's NER (the claims' slots already mark names, dates and numbers).
    """
    multi = [f for f in findings if len(f.sources) > 1]
    if not multi:
        return list(findings)
    todo = sorted({c.text for f in multi for c in f.claims if c.slots.described is None})
    parsed = {}
    if todo:
        parsed = dict(zip(todo, get_nlp().pipe(todo, batch_size=64, disable=["ner"])))

    def described(c: Claim) -> Described:
        if c.slots.described is not None:
            return c.slots.described
        return claim_descriptions(c, parsed[c.text], offset=c.start)

    out = []
    for f in findings:
        if len(f.sources) > 1:
            found = _differences(_collect([(c, described(c)) for c in f.claims]))
            if found or f.descriptions:
                f = dataclasses.replace(f, descriptions=found)
        out.append(f)
    return out


__all__ = ["describe_findings"]
