"""The rule limits moved into config (issue 16) reach the code that uses them (the title-line limits and the
English ratio of ``load``, the role-verb window ``extract.role_window``) and are range-checked."""

from __future__ import annotations

from pathlib import Path

from claimcheck.config import LoadConfig, config_from_dict
from claimcheck.stages.extract.numbers import find_numbers
from claimcheck.stages.load import load_article

LONG_TITLE = " ".join(["Word"] * 25)
BODY = ("The mayor said on Monday that the bridge over the river would reopen in May after the repairs, and that the "
        "city had paid for the work with money it had set aside for the roads.\n")


def test_load_headline_limits_come_from_config(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"{LONG_TITLE}\n\n{BODY}", encoding="utf-8")
    assert load_article(path).title is None  # 25 words: over the default 20
    assert load_article(path, config=LoadConfig(headline_max_words=30)).title == LONG_TITLE


def test_load_english_ratio_comes_from_config(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY * 3, encoding="utf-8")
    assert load_article(path).language == "en"
    assert load_article(path, config=LoadConfig(english_min_ratio=0.99)).language != "en"


def test_extract_role_window_bounds_the_role_verb_search() -> None:
    text = "The death toll rose to 10."
    (near,) = find_numbers(text, 0, [])
    (far,) = find_numbers(text, 0, [], role_window=5)
    assert (near.role, far.role) == ("dead", None)


def test_new_rule_keys_are_validated() -> None:
    import pytest

    from claimcheck.errors import ConfigError

    for data in ({"load": {"english_min_ratio": 1.5}}, {"extract": {"title_case_share": -0.1}},
                 {"cluster": {"counted_chars": -1}}, {"compare": {"related_max_holders": 0}}):
        with pytest.raises(ConfigError, match="must be between"):
            config_from_dict(data)
