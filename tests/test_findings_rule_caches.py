"""The caches the comparison's rules read through (names.py ``entities_match``, ``same_name``, ``fold_words``,
``skeleton``; opposites.py ``words``; exclusive.py ``_values``) answer as the functions they cache, and hand out
nothing a caller could change for the next caller."""

from __future__ import annotations

import itertools
from pathlib import Path

from claimcheck.stages.compare import exclusive, opposites
from claimcheck.stages.extract import names

from builders import extracted

FIXTURES = Path(__file__).parent / "fixtures"


def _claims() -> list:
    return [c for path in sorted((FIXTURES / "outlets").iterdir()) + sorted((FIXTURES / "summit").iterdir())
            for c in extracted(path.read_text(encoding="utf-8"), source=path.stem)]


def test_cached_entity_matching_answers_as_the_rule_itself() -> None:
    ents = [e for c in _claims() for e in c.slots.entities]
    assert len(ents) > 5
    agreed = 0
    for x, y in itertools.product(ents, repeat=2):
        direct = names._entities_match.__wrapped__(names._Named(x.text, x.label, x.key),
                                                   names._Named(y.text, y.label, y.key))
        assert names.entities_match(x, y) == direct
        for person in (False, True):
            assert names.same_name(x.text, y.text, person=person) == \
                names.same_name.__wrapped__(x.text, y.text, person=person)
        agreed += direct
    assert 0 < agreed < len(ents) ** 2


def test_cached_text_helpers_answer_as_uncached_and_hand_out_fresh_lists() -> None:
    for c in _claims():
        assert names.fold_words(c.text) == names.fold_words.__wrapped__(c.text)
        for w in c.text.split():
            assert names.skeleton(w) == names.skeleton.__wrapped__(w)
        got = opposites.words(c.text)
        assert got == list(opposites._word_tuple.__wrapped__(c.text))
        got.append("changed")  # a caller's change stays its own
        assert opposites.words(c.text)[-1:] != ["changed"]
        for _, pattern in exclusive._SCALES:
            assert exclusive._values(pattern, c.text) == exclusive._values.__wrapped__(pattern, c.text)
    assert exclusive._values(exclusive._SCALES[0][1], "held on Monday, not Tuesday") == {"monday", "tuesday"}


def test_cached_headline_test_and_name_patterns_answer_as_uncached() -> None:
    import re

    from claimcheck.stages.compare import findings

    from builders import claim

    claims = [*_claims(), claim("h", "Kraft Shooting Leaves Two Workers Dead")]
    assert any(findings._title_case(c) for c in claims) and not all(findings._title_case(c) for c in claims)
    for c in claims:
        assert findings._title_case(c) == findings._title_case.__wrapped__(c)
        for e in c.slots.entities:
            pattern = rf"(?:^|(?<![\w'’-]){re.escape(e.text)}[^\w'’]+)"
            assert [m.span() for m in findings._regex(pattern).finditer(c.text)] == \
                [m.span() for m in re.finditer(pattern, c.text)]
