"""A finding's per-pair evidence is stored once (``claimcheck.stages.compare.findings._Evidence``): a claim's side
of a value is one ``Side`` object in every pair conflict that shows it, its span the one the finding's conflict
holds, and each pair conflict equals the one built afresh from its clash."""

from __future__ import annotations

from pathlib import Path

from claimcheck import pipeline
from claimcheck.config import config_from_dict
from claimcheck.models import Conflict, Side
from claimcheck.stages.load import load_articles

TIMELINE = Path(__file__).resolve().parent / "fixtures" / "timeline"


def test_compare_pair_evidence_sides_and_spans_are_shared_objects() -> None:
    result = pipeline.run_pipeline(load_articles([str(TIMELINE)]),
                                   config=config_from_dict({"embedding": {"backend": "fake"}}))
    sides = [(f.id, s) for f in result.findings for p in f.pairs for c in p.conflicts for s in c.sides]
    assert sides
    one: dict[tuple, Side] = {}
    for fid, s in sides:  # equal sides of one finding are one object
        assert one.setdefault((fid, s.value, s.spans), s) is s
    assert len({id(s) for _, s in sides}) < len(sides)
    for f in result.findings:
        held = {sp: sp for c in f.conflicts for side in c.sides for sp in side.spans}
        for p in f.pairs:
            for c in p.conflicts:
                assert all(side.spans[0] is held.get(side.spans[0], side.spans[0]) for side in c.sides)
                # equal to a pair conflict built the way it always was: one side per claim, one source, one span
                fresh = Conflict(id=c.id, kind=c.kind, rule=c.rule, subject=c.subject, detail=c.detail,
                                 sides=tuple(Side(value=s.value, sources=(s.spans[0].source,), spans=(s.spans[0],))
                                             for s in c.sides))
                assert c == fresh and repr(c) == repr(fresh)
