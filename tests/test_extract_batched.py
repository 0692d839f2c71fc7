"""Issue 17: extraction parses the lines of all articles in one batched spaCy stream (``extract_articles``),
optionally in several processes; every article gets exactly the claims it gets when extracted alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.config import ExtractConfig, config_from_dict
from claimcheck.models import Article
from claimcheck.pipeline import extract_all, extract_processes
from claimcheck.stages.extract.claims import extract_article, extract_articles
from claimcheck.stages.load import load_articles

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _articles() -> list[Article]:
    arts = load_articles([str(FIXTURES / "summit"), str(FIXTURES / "outlets")])
    # one with no line left after boilerplate removal, and one whose only claim is its headline, in the middle
    empty = Article(id="aa-empty", path="aa-empty.txt", text="Advertisement\n\nShare this article\n")
    headline = Article(id="ab-headline", path="ab-headline.txt", text="Mayor Quits Over $2M Budget Row\n",
                       title="Mayor Quits Over $2M Budget Row")
    return [arts[0], empty, headline, *arts[1:]]


def test_articles_parsed_together_get_the_claims_each_gets_alone() -> None:
    articles = _articles()
    together = list(extract_articles(articles, config=ExtractConfig(), batch_size=7))
    assert [x.article.id for x in together] == [a.id for a in articles]
    assert together == [extract_article(a, config=ExtractConfig()) for a in articles]
    assert together[1].claims == () and len(together[2].claims) == 1


def test_two_spacy_processes_give_the_claims_of_one() -> None:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    one = extract_all(_articles(), config=config, n_process=1)
    two = extract_all(_articles(), config=config, n_process=2)
    assert two == one and len(one) > 20


def test_small_runs_and_two_core_machines_extract_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert extract_processes(10) == 1 and extract_processes(1000) == 4
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert extract_processes(1000) == 1
