"""A finding needs a statement (claimcheck/stages/compare/findings.py): a bare title-and-name phrase that two sources
share ("Regional governor Jane Doe") is part of each source's sentence, never a finding of its own."""

from __future__ import annotations

from pathlib import Path

from claimcheck import api


def test_a_shared_title_and_name_phrase_is_no_finding_of_its_own(fake_config, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Regional governor Jane Doe opened the new hospital wing in Tarnow on Monday morning.\n",
                 encoding="utf-8")
    b.write_text("Regional governor Jane Doe criticised the railway operator over repeated delays last week.\n",
                 encoding="utf-8")
    result = api.compare([str(a), str(b)], config=fake_config)
    kinds = {c.text: c.kind for c in result.claims}
    assert kinds.get("Regional governor Jane Doe") == "apposition"  # extracted, so the rule is what keeps it out
    assert all(any(c.kind not in ("apposition", "fragment") for c in f.claims) for f in result.findings)
    assert sorted(f.claims[0].text[:20] for f in result.findings) == ["Regional governor Ja", "Regional governor Ja"]

