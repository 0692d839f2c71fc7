"""Event groups gather the statements about one action, not a whole story (claimcheck/stages/cluster/clusters.py
``event_groups``): two statements that share ``cluster.event_shared_words`` action words (``stories.action_words``:
content words that are not names) link at a cosine ``cluster.event_word_bonus`` below the event threshold; two
statements of one story about different actions at the same cosine do not; a statement of one source that shares
no action word scores ``cluster.event_unique_penalty`` less; a cluster is never split."""

from __future__ import annotations

import dataclasses

import numpy as np

from claimcheck.config import ClusterConfig
from claimcheck.models import Claim, EntitySlot, Slots
from claimcheck.stages.cluster.clusters import cluster_claims
from claimcheck.stages.cluster.stories import action_words

CFG = ClusterConfig()


def _claim(cid: str, source: str, text: str, *, people: tuple[str, ...] = ()) -> Claim:
    ents = [EntitySlot(text=w, start=text.index(w), end=text.index(w) + len(w), label="PERSON", key=w.lower())
            for w in people]
    return Claim(id=cid, source=source, text=text, start=0, end=len(text), slots=Slots(entities=tuple(ents)))


def _gram(gram: list[list[float]]) -> np.ndarray:
    """Unit vectors whose pairwise cosines are exactly ``gram``."""
    return np.linalg.cholesky(np.array(gram, dtype=np.float64)).astype(np.float32)


def test_action_words_are_stems_of_content_words_without_names() -> None:
    words = action_words(_claim("a", "s1", "Lohan checked into the rehab clinic on Thursday.", people=("Lohan",)))
    assert {"check", "rehab", "clinic"} <= words
    assert "lohan" not in words and "into" not in words  # a name and a stop word
    assert action_words(_claim("b", "s2", "She checks into rehab.")) & words == {"check", "rehab"}


def test_two_claims_sharing_action_words_join_one_event_below_the_threshold() -> None:
    cos = CFG.event_link_threshold - CFG.event_word_bonus / 2  # below the threshold, above it with the bonus
    gram = [[1.0, cos], [cos, 1.0]]
    same = [_claim("a", "s1", "The actress checked into a rehab clinic.", people=()),
            _claim("b", "s2", "She has checked into rehab, her lawyer said.")]
    clusters = cluster_claims(same, _gram(gram), config=CFG)
    assert len(clusters) == 2 and clusters[0].event is not None and clusters[0].event == clusters[1].event
    other = [same[0], _claim("b", "s2", "Her lawyer spoke to reporters outside the court.")]
    clusters = cluster_claims(other, _gram(gram), config=CFG)
    assert len(clusters) == 2 and clusters[0].event != clusters[1].event
    off = dataclasses.replace(CFG, event_word_bonus=0.0)
    clusters = cluster_claims(same, _gram(gram), config=off)
    assert clusters[0].event != clusters[1].event  # it is the shared words that join them


def test_statements_of_one_story_about_different_actions_are_different_events() -> None:
    # the toll (a, b) and the search (c, d) of one ferry accident: each pair one statement (cosine 0.9), loosely
    # similar across (just below the event threshold) and sharing no action word
    story = [_claim("a", "s1", "The ferry sank and fourteen passengers died."),
             _claim("b", "s2", "Fourteen passengers died when the ferry sank."),
             _claim("c", "s1", "Divers searched the wreck all night."),
             _claim("d", "s2", "Rescue teams combed the wreck through the night.")]
    x = CFG.event_link_threshold - 0.02
    gram = [[1.0, 0.9, x, x], [0.9, 1.0, x, x], [x, x, 1.0, 0.9], [x, x, 0.9, 1.0]]
    clusters = cluster_claims(story, _gram(gram), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c", "d")]
    assert clusters[0].event is not None and clusters[0].event != clusters[1].event
    # the same search told with the toll's action words ("sank", "ferry") joins the toll's event
    told = story[:2] + [_claim("c", "s1", "Divers searched the ferry that sank."),
                        _claim("d", "s2", "Rescue teams combed the ferry that sank.")]
    clusters = cluster_claims(told, _gram(gram), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c", "d")]  # statements unchanged
    assert clusters[0].event is not None and clusters[0].event == clusters[1].event


def test_a_single_source_statement_joins_an_action_only_when_it_names_it() -> None:
    # a statement of two sources (a, b) and one source's own sentence (c) just above the event threshold
    x = CFG.event_link_threshold + CFG.event_unique_penalty / 2
    gram = [[1.0, 0.9, x], [0.9, 1.0, x], [x, x, 1.0]]
    toll = [_claim("a", "s1", "The ferry sank and fourteen passengers died."),
            _claim("b", "s2", "Fourteen passengers died when the ferry sank.")]
    other = _claim("c", "s3", "Divers searched the wreck all night.")  # shares no action word: another action
    clusters = cluster_claims(toll + [other], _gram(gram), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c",)]
    assert clusters[0].event != clusters[1].event
    named = _claim("c", "s3", "Divers reached the ferry hours after it sank.")  # "ferry": it names the action
    clusters = cluster_claims(toll + [named], _gram(gram), config=CFG)
    assert sorted(c.claim_ids for c in clusters) == [("a", "b"), ("c",)]
    assert clusters[0].event is not None and clusters[0].event == clusters[1].event
    off = dataclasses.replace(CFG, event_unique_penalty=0.0)
    clusters = cluster_claims(toll + [other], _gram(gram), config=off)
    assert clusters[0].event is not None and clusters[0].event == clusters[1].event  # the penalty parts them
