"""Stage 2, extract: an Article -> its Claims (sentences with exact char spans and typed slots).

Boilerplate lines (footers, teaser bullets, bylines) are dropped by the config's rules;
a sentence repeated within one article (a caption printed twice) becomes one claim that
keeps every span it occurred at.
"""

from __future__ import annotations

import dataclasses
import re

from claimcheck.config import ExtractConfig
from claimcheck.models import Article, Claim, content_id, normalise_text
from claimcheck.stages.nlp import get_nlp
from claimcheck.stages.slots import extract_slots, find_entities

_BULLET = re.compile(r"^\s*[•·▪►◦‣*-]\s+")


def paragraphs(article: Article, *, config: ExtractConfig) -> list[tuple[int, str]]:
    """The body's non-boilerplate lines as (absolute offset, text) pairs."""
    rules = [re.compile(p, re.I) for p in config.boilerplate_patterns]
    out: list[tuple[int, str]] = []
    pos = article.body_start
    first = True
    for line in article.text[article.body_start:].splitlines(keepends=True):
        start, stripped = pos, line.strip()
        pos += len(line)
        if not stripped:
            continue
        if first:
            first = False
            if not config.headline and article.title and stripped == article.title.strip():
                continue
        if config.drop_bullets and _BULLET.match(line):
            continue
        if any(r.search(stripped) for r in rules):
            continue
        lead = len(line) - len(line.lstrip())
        out.append((start + lead, stripped))
    return out


def extract_claims(article: Article, *, config: ExtractConfig) -> list[Claim]:
    """Split the article's body into claims with spans into ``article.text`` and slots."""
    nlp = get_nlp()
    paras = paragraphs(article, config=config)
    by_key: dict[str, Claim] = {}
    order: list[str] = []
    for (offset, text), doc in zip(paras, nlp.pipe([t for _, t in paras], batch_size=32)):
        for sent in doc.sents:
            raw = sent.text
            s = sent.start_char + (len(raw) - len(raw.lstrip()))
            e = sent.end_char - (len(raw) - len(raw.rstrip()))
            if e <= s:
                continue
            claim_text = text[s:e]
            if len(re.findall(r"\w+", claim_text)) < config.min_words:
                continue
            key = normalise_text(claim_text)
            a_start, a_end = offset + s, offset + e
            if key in by_key:
                prev = by_key[key]
                by_key[key] = dataclasses.replace(prev, occurrences=prev.occurrences + ((a_start, a_end),))
                continue
            slots = extract_slots(claim_text, start=a_start, published=article.published,
                                  entities=find_entities(sent, offset_shift=offset))
            by_key[key] = Claim(id=content_id(article.id, key), source=article.id, text=claim_text, start=a_start,
                                end=a_end, slots=slots, occurrences=((a_start, a_end),))
            order.append(key)
    return [by_key[k] for k in order]

