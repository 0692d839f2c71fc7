"""With the real model, through claimcheck.api.compare: a fact that only one source states stays ``unique`` even
when it sits in a long sentence whose other fact both sources share (issue 14, "unique facts are swallowed")."""

from __future__ import annotations

import pytest

from claimcheck import api
from claimcheck.report import result_to_dict
from tests.conftest import write_article

pytestmark = pytest.mark.slow

A = """Rotterdam dockers strike

Dock workers at the port of Rotterdam walked out on Monday for their first strike in 40 years, which ended with a \
pay offer that the operator had rejected in March when it announced 1,200 job cuts.

The walkout closed the main container terminal for two days, the union said.

Shipping lines diverted about 30 vessels to Antwerp and Hamburg.
"""

B = """Port strike ends

Dock workers in Rotterdam staged their first strike in 40 years on Monday.

The strike shut the main container terminal for two days, according to the union.

About 30 ships were sent to Antwerp and Hamburg instead.
"""


@pytest.fixture(scope="module")
def port_report(tmp_path_factory, real_embedder) -> dict:
    """The report dict of comparing the two port articles."""
    d = tmp_path_factory.mktemp("port")
    write_article(d, "a_port.txt", A)
    write_article(d, "b_port.txt", B)
    result = api.compare([str(d)], published={"a_port": "2023-05-10", "b_port": "2023-05-10"},
                         embedder=real_embedder)
    return result_to_dict(result)


def _holding(report: dict, words: str) -> list[dict]:
    return [f for f in report["findings"] if any(words in c["text"] for c in f["claims"])]


def test_the_job_cuts_only_one_source_states_are_unique(port_report):
    (finding,) = _holding(port_report, "1,200 job cuts")
    assert finding["verdict"] == "unique" and finding["sources"] == ["a_port"]
    (claim,) = finding["claims"]
    assert claim["text"] == "when it announced 1,200 job cuts."


def test_the_rejected_pay_offer_is_not_agreed_either(port_report):
    findings = _holding(port_report, "pay offer")
    assert findings and all(f["verdict"] == "unique" for f in findings)


def test_the_strike_both_sources_state_is_agreed_without_the_extra_facts(port_report):
    (finding,) = [f for f in _holding(port_report, "first strike in 40 years") if len(f["sources"]) == 2]
    assert finding["verdict"] == "agree"
    texts = [c["text"] for c in finding["claims"]]
    assert "Dock workers at the port of Rotterdam walked out on Monday for their first strike in 40 years" in texts
    assert not any("job cuts" in t or "pay offer" in t for t in texts)


def test_the_cut_claims_slice_their_article_exactly(port_report):
    texts = {"a_port": A, "b_port": B}
    for f in port_report["findings"]:
        for c in f["claims"]:
            assert texts[c["source"]][c["start"]:c["end"]] == c["text"]
