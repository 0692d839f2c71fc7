"""Event-date links: claims of different sources naming an event of the same class at the same month or day
join one cluster even when their embeddings are far apart; different months, different kinds of event,
claims the embeddings already linked, and a disabled floor do not."""

from __future__ import annotations

import dataclasses


from claimcheck.config import ClusterConfig, Config
from claimcheck.models import Claim
from claimcheck.stages.cluster.clusters import cluster_claims, event_anchors, events_match
from builders import claim, date_in
from conftest import vectors_with_cosines


def _claim(cid: str, source: str, text: str, dates: dict[str, str] | None = None) -> Claim:
    """A claim whose date slots sit where their words are in the text ({"February": "2019-02"})."""
    return claim(source, text, cid=cid, dates=tuple(date_in(text, words, value) for words, value in (dates or {}).items()))




SUMMIT = "Kim ordered preparations for the summit scheduled in February, state media reported."
FOLLOW = "A follow-up in February 2019 saw further stalemate over sanctions."


def test_event_noun_next_to_a_month_gives_a_class_and_date_anchor() -> None:
    claims = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}), _claim("b", "s2", FOLLOW, {"February 2019": "2019-02"})]
    anchors = event_anchors(claims)
    assert ("meeting", "2019-02") in anchors[0]
    assert ("*", "2019-02") in anchors[1]
    assert events_match(anchors[0], anchors[1]) == [("meeting", "2019-02")]


def test_plurals_in_ies_hyphen_variants_and_non_breaking_spaces_match_event_nouns() -> None:
    texts = {"r": "Two rallies in March 2019 drew thousands.", "f": "A follow up in March 2019 was held.",
             "p": "A press\u00a0conference in March 2019 followed."}
    claims = [_claim(k, "s", t, {"March 2019": "2019-03"}) for k, t in texts.items()]
    assert [sorted(a) for a in event_anchors(claims)] == [
        [("protest", "2019-03")], [("*", "2019-03")], [("speech", "2019-03")]]


def test_year_only_dates_far_nouns_and_no_event_noun_give_no_anchor() -> None:
    far = "The summit was praised by everyone who had watched the long broadcast from the capital city in March."
    claims = [
        _claim("y", "s1", "The summit took place in 2019 after months of letters.", {"2019": "2019"}),
        _claim("f", "s1", far, {"March": "2019-03"}),
        _claim("n", "s1", "Prices rose sharply in February across the country.", {"February": "2019-02"}),
    ]
    assert event_anchors(claims) == [frozenset(), frozenset(), frozenset()]


def test_events_match_needs_the_same_class_and_nested_dates() -> None:
    meeting_feb = frozenset({("meeting", "2019-02")})
    assert events_match(meeting_feb, frozenset({("meeting", "2019-02-27")})) == [("meeting", "2019-02-27")]
    assert events_match(meeting_feb, frozenset({("meeting", "2019-03")})) == []
    assert events_match(meeting_feb, frozenset({("vote", "2019-02")})) == []
    assert events_match(frozenset({("*", "2019-02")}), frozenset({("*", "2019-02")})) == []


def test_low_similarity_claims_sharing_an_event_and_month_form_one_cluster() -> None:
    claims = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}), _claim("b", "s2", FOLLOW, {"February 2019": "2019-02"})]
    vectors = vectors_with_cosines({(0, 1): 0.35}, 2)
    assert abs(float(vectors[0] @ vectors[1]) - 0.35) < 0.01
    clusters = cluster_claims(claims, vectors, config=Config().cluster)
    assert [c.claim_ids for c in clusters] == [("a", "b")]
    assert clusters[0].event_links == (("a", "b"),)


def test_event_links_are_off_with_floor_one_and_need_the_floor_cosine() -> None:
    claims = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}), _claim("b", "s2", FOLLOW, {"February 2019": "2019-02"})]
    vectors = vectors_with_cosines({(0, 1): 0.35}, 2)
    off = dataclasses.replace(ClusterConfig(), event_floor=1.0)
    assert len(cluster_claims(claims, vectors, config=off)) == 2
    high = dataclasses.replace(ClusterConfig(), event_floor=0.5)
    assert len(cluster_claims(claims, vectors, config=high)) == 2


def test_different_months_or_same_source_do_not_event_link() -> None:
    other_month = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}),
                   _claim("b", "s2", FOLLOW.replace("February", "March"), {"March 2019": "2019-03"})]
    same_source = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}),
                   _claim("b", "s1", FOLLOW, {"February 2019": "2019-02"})]
    vectors = vectors_with_cosines({(0, 1): 0.35}, 2)
    for claims in (other_month, same_source):
        assert len(cluster_claims(claims, vectors, config=ClusterConfig())) == 2


def test_a_claim_already_linked_by_its_embedding_is_not_event_linked_elsewhere() -> None:
    # a (s1) and c (s2) are the same statement (cosine 0.9); b (s2) only shares the event and month with a
    claims = [_claim("a", "s1", SUMMIT, {"February": "2019-02"}),
              _claim("b", "s2", FOLLOW, {"February 2019": "2019-02"}),
              _claim("c", "s2", SUMMIT.replace("Kim", "The leader"), {"February": "2019-02"})]
    vectors = vectors_with_cosines({(0, 2): 0.9, (0, 1): 0.35}, 3)
    found = cluster_claims(claims, vectors, config=ClusterConfig())
    assert sorted(c.claim_ids for c in found) == [("a", "c"), ("b",)]
    assert all(c.event_links == () for c in found)
