"""An event group's loose edge (claimcheck/stages/cluster/clusters.py ``_event_split``): with
``cluster.event_story_cuts``, in a run large enough for story groups (``stories.story_apart``), two tight groups of
statements joined at their loose edge stay one event group unless two of their sources are told apart as two
stories; in a run too small for story groups, and with the key off, the loose edge and the facts that differ across
it still cut them apart (``_split_gaps``). The statements (clusters) themselves never change."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim, EntitySlot, Slots
from claimcheck.stages.cluster.clusters import cluster_claims

# six claims name each opponent and town three times: half the claims, not the story's common names
CFG = dataclasses.replace(ClusterConfig(), event_common_share=0.5, event_story_cuts=True)


def _claim(cid: str, source: str, text: str, *, people: tuple[str, ...], places: tuple[str, ...]) -> Claim:
    ents = [EntitySlot(text=w, start=text.index(w), end=text.index(w) + len(w), label=lab, key=w.lower())
            for lab, names in (("PERSON", people), ("GPE", places)) for w in names]
    return Claim(id=cid, source=source, text=text, start=0, end=len(text), slots=Slots(entities=tuple(ents)))


def _gram(gram: list[list[float]]) -> np.ndarray:
    """Unit vectors whose pairwise cosines are exactly ``gram``."""
    return np.linalg.cholesky(np.array(gram, dtype=np.float64)).astype(np.float32)


# six outlets: three name one opponent and town, three another, all on Saturday; 0.9 within, 0.5 / 0.55 across
# (above the event threshold): one weekday shared and two kinds of fact differing, so no pair is two events
FIGHT = [_claim(f"{k}{n}", f"s{k}{n}", f"Klitschko {verb} {who} in {town} on Saturday.", people=("Klitschko", who),
                places=(town,))
         for k, (who, town) in enumerate((("Rahman", "Mannheim"), ("Thompson", "Bern")))
         for n, verb in enumerate(("stopped", "beat", "defeated"))]
GRAM = [[1.0 if i == j else 0.9 if i // 3 == j // 3 else (0.55 if (i + j) % 2 else 0.5) for j in range(6)]
        for i in range(6)]


def _events(config: ClusterConfig) -> tuple[list[tuple[str, ...]], int]:
    clusters = cluster_claims(FIGHT, _gram(GRAM), config=config)
    return sorted(c.claim_ids for c in clusters), len({c.event for c in clusters})


def test_a_loose_edge_inside_one_story_is_not_cut_in_a_run_with_story_groups() -> None:
    statements = [("00", "01", "02"), ("10", "11", "12")]
    # no two sources told apart as stories (each story group would need 1000 words of its own): one event group
    one_story = dataclasses.replace(CFG, story_min_own=1000)
    assert _events(one_story) == (statements, 1)
    # a run too small for story groups (each group would need four sources): the loose edge and the differing
    # opponent and town cut the group in two, as before
    small = dataclasses.replace(CFG, story_min_sources=4)
    assert _events(small) == (statements, 2)
    # and where the two trios of outlets are told apart as two stories, the cut is made
    assert _events(CFG) == (statements, 2)


def test_a_loose_edge_is_cut_as_before_with_story_cuts_off() -> None:
    off = dataclasses.replace(CFG, event_story_cuts=False, story_min_own=1000)
    assert _events(off) == ([("00", "01", "02"), ("10", "11", "12")], 2)
