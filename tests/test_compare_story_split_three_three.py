"""Six outlets on one earthquake split three against three on its date and death toll (real model: ``ap``,
``afp``, ``reuters`` of tests/fixtures/quake4 say March 3 and 12 dead, ``cna``, ``focus``, ``taipeitimes`` of
tests/fixtures/quake6 March 4 and 15 dead; all name the same port, magnitude, hour, buildings, missing and
president). Six sources are enough
for story groups (stages/cluster/stories.py) to look for two stories, but outlets that state the same place,
people and numbers are one story: the split is reported as conflicts, not hidden as two events."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

from builders import finding_with

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIRST, SECOND = ("afp", "ap", "reuters"), ("cna", "focus", "taipeitimes")


@pytest.fixture(scope="module")
def quake(real_embedder):
    paths = [FIXTURES / "quake4" / f"{name}.txt" for name in FIRST] + [FIXTURES / "quake6" / f"{name}.txt"
                                                                        for name in SECOND]
    return api.compare([str(p) for p in paths], embedder=real_embedder)


def test_a_three_three_split_on_date_and_toll_is_one_story_with_both_conflicts(quake) -> None:
    finding = finding_with(quake, "taipeitimes", "killed 15 people")
    assert finding.verdict == "diverge"
    dates = [c for c in finding.conflicts if c.kind == "date"]
    assert [(s.value, s.sources) for d in dates for s in d.sides] == [("XXXX-03-03", FIRST), ("XXXX-03-04", SECOND)]
    (toll,) = [c for c in finding.conflicts if c.subject == "number:count:person:dead"]
    values = {s.value: s.sources for s in toll.sides}
    # cna cuts its toll into a clause of its own ("leaving 15 people dead and 180 injured"), a finding apart
    assert values == {"12 people dead": FIRST, "15 people dead": ("focus", "taipeitimes")}


def test_the_statements_all_six_outlets_share_agree_across_the_split(quake) -> None:
    for source, words in (("cna", "Two people are still missing"), ("focus", "President Tsai Ing-wen said")):
        finding = finding_with(quake, source, words)
        assert finding.verdict == "agree" and set(FIRST) <= set(finding.sources)
