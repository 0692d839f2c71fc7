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


_WIRE = [
    "Flood waters closed the Harlow Bay bridge on Monday, the port authority said.",
    "About 2,400 residents were moved to shelters overnight, and officials expect the river to crest on Wednesday.",
    "The authority's chief, Maria Olsen, said repairs would cost at least 12 million dollars.",
    "Schools in the district will stay shut until the water recedes.",
]


class _Counting:
    """Stands in for the spaCy pipeline: records each text handed to it and each ``pipe`` call's batch size, and
    parses them with the real one."""

    def __init__(self, nlp: object) -> None:
        self.nlp, self.given, self.batches = nlp, [], []

    def pipe(self, texts, **kw):
        self.batches.append(kw.get("batch_size"))

        def counted():
            for t in texts:
                self.given.append(t)
                yield t
        return self.nlp.pipe(counted(), **kw)


def _syndicated() -> list[Article]:
    """Three outlets running the same wire copy: verbatim, with one paragraph's figure changed, and with its
    paragraphs in another order."""
    changed = [p.replace("2,400", "3,400") for p in _WIRE]
    return [Article(id="a-wire", path="a-wire.txt", text="\n\n".join(_WIRE) + "\n"),
            Article(id="b-changed", path="b-changed.txt", text="\n\n".join(changed) + "\n"),
            Article(id="c-reordered", path="c-reordered.txt", text="\n\n".join(reversed(_WIRE)) + "\n")]


def test_repeated_lines_reuse_their_parse_and_get_the_claims_of_a_fresh_parse(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.stages.extract.claims as claims_module

    counting = _Counting(claims_module.get_nlp())
    parsed = counting.given
    monkeypatch.setattr(claims_module, "get_nlp", lambda: counting)
    articles = _syndicated()
    reused = list(extract_articles(articles, config=ExtractConfig()))
    n_reused, parsed[:] = len(parsed), []
    fresh = list(extract_articles(articles, config=ExtractConfig(), reuse_window=0))
    # each distinct line is parsed once (the changed paragraph too), the repeats are not parsed again
    assert n_reused == len(set(parsed)) == len(_WIRE) + 1 and len(parsed) == 3 * len(_WIRE)
    assert reused == fresh and all(x.claims for x in fresh)
    assert fresh == [extract_article(a, config=ExtractConfig()) for a in articles]


def test_a_parse_held_for_reuse_lets_go_of_its_tensor_and_the_others_keep_theirs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the tok2vec tensor is most of a Doc's size and extraction never reads it (the claims are those of a fresh
    # parse: the test above); a parse no later line reuses is let go whole
    import claimcheck.stages.extract.claims as claims_module

    nlp = claims_module.get_nlp()
    docs: dict[str, object] = {}

    class Recording:
        def pipe(self, texts, **kw):
            for doc in nlp.pipe(texts, **kw):
                docs[doc.text] = doc
                yield doc

    monkeypatch.setattr(claims_module, "get_nlp", lambda: Recording())
    list(extract_articles(_syndicated(), config=ExtractConfig()))
    changed = next(p for p in _WIRE if "2,400" in p).replace("2,400", "3,400")  # b-changed's own paragraph
    held = {t: d.tensor.size for t, d in docs.items() if t != changed}
    assert sorted(held) == sorted(_WIRE) and set(held.values()) == {0}
    assert docs[changed].tensor.size > 0


def test_reuse_plan_points_each_repeat_at_its_last_occurrence_within_the_window() -> None:
    from claimcheck.stages.extract.claims import _reuse_plan

    texts = ["a", "b", "a", "c", "a", "b"]
    assert _reuse_plan(texts, window=10) == ([-1, -1, 0, -1, 2, 1], [True, True, True, False, False, False])
    # "b" recurs 4 lines later: beyond a window of 3 it is parsed again; "a" chains within it
    assert _reuse_plan(texts, window=3) == ([-1, -1, 0, -1, 2, -1], [True, False, True, False, False, False])
    assert _reuse_plan(texts, window=0) == ([-1] * 6, [False] * 6)


def test_the_first_lines_go_through_spacy_in_smaller_batches_and_the_first_article_comes_out_sooner(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``PIPE_FIRST_LINES`` lines in batches of ``PIPE_FIRST_BATCH``, then the rest in ``batch_size``: the first
    article is handed out before spaCy has been given a whole large batch, and every article gets the claims it
    gets alone."""
    import claimcheck.stages.extract.claims as claims_module

    counting = _Counting(claims_module.get_nlp())
    given, calls = counting.given, counting.batches
    monkeypatch.setattr(claims_module, "get_nlp", lambda: counting)
    monkeypatch.setattr(claims_module, "PIPE_FIRST_LINES", 6)
    monkeypatch.setattr(claims_module, "PIPE_FIRST_BATCH", 2)
    articles = _articles()
    stream = extract_articles(articles, config=ExtractConfig(), batch_size=64)
    first = next(stream)
    assert calls == [2, 64] and len(given) <= 6  # the first article out: spaCy had at most the first small batches
    rest = list(stream)
    assert len(given) > 6  # then the rest, in the large batches
    assert [first, *rest] == [extract_article(a, config=ExtractConfig()) for a in articles]
