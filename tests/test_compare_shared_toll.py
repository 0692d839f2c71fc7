"""Two claims that state one outcome count alike ("Ten people are killed" / "killing 10 people") are compared from
``compare.toll_min_similarity`` on, and a different count of another outcome between them ("about 50 hurt" /
"injuring 80") is a number conflict although their cosine is under ``min_similarity`` (ECB+ train topic 20: 0.607;
claimcheck/stages/compare/findings.py ``shared_toll``, ``comparable``, ``_gate``)."""

from __future__ import annotations

from claimcheck.config import CompareConfig
from claimcheck.models import Claim
from claimcheck.stages.compare.findings import _clashes, comparable, shared_toll

from builders import extracted

CFG = CompareConfig()
SIM = 0.607  # the cosine of the two ECB+ sentences below (all-MiniLM-L6-v2)


def _claims(x: str, y: str) -> tuple[Claim, Claim]:
    """The claim of each text that states its last count (the extraction may cut a participial part off)."""
    def last(text: str, source: str) -> Claim:
        return next(c for c in extracted(text, source) if c.end >= len(text) - 1 and c.slots.numbers)
    return last(x, "a"), last(y, "b")


def test_another_outcome_count_beside_a_shared_toll_conflicts_under_min_similarity() -> None:
    a, b = _claims("Ten people are killed and about 50 hurt.",
                   "The quake caused major destruction in seven villages, killing 10 people and injuring 80.")
    assert SIM < CFG.min_similarity and shared_toll(a, b)
    assert comparable(a, b, SIM, config=CFG)
    assert [(c.kind, c.a.label, c.b.label) for c in _clashes(a, b, SIM, config=CFG)] == \
        [("number", "50 injured", "80 injured")]


def test_without_a_shared_toll_the_pair_is_not_compared_under_min_similarity() -> None:
    a, b = _claims("Nine people are killed and about 50 hurt.",
                   "The quake caused major destruction in seven villages, killing 10 people and injuring 80.")
    assert not shared_toll(a, b)
    assert not comparable(a, b, SIM, config=CFG)
    assert _clashes(a, b, SIM, config=CFG) == []


def test_a_shared_count_of_no_outcome_is_no_toll() -> None:
    # "seven villages" counts no outcome: two reports naming seven villages may tell of two quakes
    a, b = _claims("The quake destroyed seven villages and about 50 people were hurt.",
                   "The quake caused major destruction in seven villages, injuring 80.")
    assert not shared_toll(a, b)


def test_under_toll_min_similarity_a_shared_toll_compares_nothing() -> None:
    a, b = _claims("Ten people are killed and about 50 hurt.",
                   "The quake caused major destruction in seven villages, killing 10 people and injuring 80.")
    assert not comparable(a, b, CFG.toll_min_similarity - 0.01, config=CFG)


def test_a_shared_toll_of_two_occasions_compares_nothing_under_min_similarity() -> None:
    # two attacks in two cities (or the first and the second quake) may each kill two people: their other counts
    # are no conflict where only the shared toll made the pair comparable (exclusive.occasions_differ)
    for x, y in (("A car bomb in Kabul killed two people and wounded 15 on Monday.",
                  "A roadside bomb in Kandahar killed two people and wounded 30 on Monday."),
                 ("The first quake killed three people and injured 40.",
                  "The second quake killed three people and injured 12.")):
        a, b = _claims(x, y)
        assert shared_toll(a, b)
        assert not comparable(a, b, SIM, config=CFG)
        assert _clashes(a, b, SIM, config=CFG) == []
