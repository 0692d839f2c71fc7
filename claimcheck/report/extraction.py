"""The ``claimcheck extract`` view: each article's claims with spans and every slot, and the
boilerplate lines that were dropped with the rule that dropped them.

Claims are rendered by the report's ``_claim_dict`` (the same shape ``compare`` reports use),
plus the extraction details a reader debugging a comparison needs: the claim's kind, how each
relative date was resolved and the interval it covers, approximate numbers, and the words that
made a claim negated or hedged.
"""

from __future__ import annotations

from typing import Any

from claimcheck.models import Claim
from claimcheck.report import FORMAT_VERSION, _claim_dict
from claimcheck.models import Extraction


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """One claim as the report renders it, with the extraction details added."""
    out = _claim_dict(claim)
    out["kind"] = claim.kind
    out["occurrences"] = [list(o) for o in claim.occurrences]
    slots = out.setdefault("slots", {})
    for d, dd in zip(claim.slots.dates, slots.get("dates", [])):
        if d.earliest:
            dd["earliest"], dd["latest"] = d.earliest, d.latest
        if d.resolution:
            dd["resolution"] = d.resolution
    for n, nd in zip(claim.slots.numbers, slots.get("numbers", [])):
        if n.approximate:
            nd["approximate"] = True
    if claim.slots.negation_cue:
        slots["negation_cue"] = claim.slots.negation_cue
    if claim.slots.hedge_cue:
        slots["hedge_cue"] = claim.slots.hedge_cue
    if not slots:
        del out["slots"]
    return out


def extraction_to_dict(extractions: list[Extraction]) -> dict[str, Any]:
    """The whole ``extract`` result: per article its metadata, claims and dropped lines."""
    articles = []
    for x in extractions:
        a = x.article
        articles.append({
            "id": a.id, "path": a.path, "title": a.title, "published": a.published,
            "published_origin": a.published_origin, "url": a.url, "extracted_from": a.extracted_from,
            "n_claims": len(x.claims),
            "claims": [claim_to_dict(c) for c in x.claims],
            "dropped": [{"rule": d.rule, "text": d.text, "start": d.start, "end": d.end} for d in x.dropped],
        })
    return {"format_version": FORMAT_VERSION, "kind": "extract", "articles": articles}
