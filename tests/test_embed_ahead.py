"""Issue 17: claims are encoded on a background thread while extraction goes on (``stages/embed/ahead.py``). Each
distinct text is encoded once, duplicates share its vector, and the vectors are those of the pipeline's cached
embedder for the same texts, bit for bit (same keys, same chunks)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from claimcheck.cache import CachedEmbedder, text_key
from claimcheck.config import config_from_dict
from claimcheck.pipeline import embed_ahead, extract_all, run_pipeline, run_stages
from claimcheck.stages.embed.ahead import EmbedAhead
from claimcheck.stages.embed.encoders import FakeEmbedder
from claimcheck.stages.load import load_articles

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class CountingEmbedder:
    """The fake embedder, recording every call's texts; each vector also carries its chunk's size (so a text
    encoded in a different chunk would get a different vector)."""

    model_id = "fake:counting"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.threads: set[str] = set()
        self._inner = FakeEmbedder()

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        self.threads.add(threading.current_thread().name)
        out = self._inner.encode(texts)
        out[:, 0] = len(texts) / 1000.0
        return out


ARTICLES = {
    "a": ["The mayor resigned on Monday.", "Two people were hurt.", "The mayor resigned on Monday."],
    "b": ["Two people were hurt.", "The fire began at noon.", "Police   said the fire began at noon."],
    "c": [],
    "d": ["The fire began at noon.", "A new text here.", "Another new text.", "Yet one more text."],
}


def _hand_in(ahead: EmbedAhead, order: list[str]) -> None:
    for article_id in order:
        ahead.add(article_id, ARTICLES[article_id])


def test_duplicate_texts_are_encoded_once_and_share_one_vector() -> None:
    counting = CountingEmbedder()
    emb = CachedEmbedder(counting, model_id=counting.model_id, chunk_size=2)
    ahead = embed_ahead(sorted(ARTICLES), emb)
    _hand_in(ahead, sorted(ARTICLES))
    vectors = ahead.vectors()
    texts = [t for k in sorted(ARTICLES) for t in ARTICLES[k]]
    encoded = [t for call in counting.calls for t in call]
    keys = [text_key(emb.model_key, t) for t in texts]
    assert len(encoded) == len(set(encoded)) == len(set(keys)) == ahead.encoded  # each distinct text once
    assert emb.encoded == ahead.encoded  # encoded through the cached embedder's own chunk encoding
    assert vectors is not None and vectors.shape == (len(texts), 256)
    for i, j in [(0, 2), (1, 3), (4, 6)]:  # repeats, also across articles and after whitespace folding
        assert keys[i] == keys[j] and vectors[i].tobytes() == vectors[j].tobytes()


@pytest.mark.parametrize("chunk", [1, 2, 3, 512])
def test_vectors_equal_the_cached_embedders_bit_for_bit_in_any_arrival_order(chunk: int) -> None:
    texts = [t for k in sorted(ARTICLES) for t in ARTICLES[k]]
    plain = CountingEmbedder()
    expected = CachedEmbedder(plain, model_id=plain.model_id, chunk_size=chunk).encode(texts)
    counting = CountingEmbedder()
    ahead = embed_ahead(sorted(ARTICLES), CachedEmbedder(counting, model_id=counting.model_id, chunk_size=chunk))
    _hand_in(ahead, ["d", "b", "c", "a"])  # handed in out of order: taken in the final order
    got = ahead.vectors()
    assert got is not None and got.tobytes() == expected.tobytes()
    assert counting.calls == plain.calls  # the same chunks, in the same order


def test_cached_texts_are_not_encoded_again(tmp_path: Path) -> None:
    texts = [t for k in sorted(ARTICLES) for t in ARTICLES[k]]
    first = CountingEmbedder()
    CachedEmbedder(first, model_id=first.model_id, cache_dir=tmp_path).encode(texts[:5])
    second = CountingEmbedder()
    emb = CachedEmbedder(second, model_id=second.model_id, cache_dir=tmp_path)
    ahead = embed_ahead(sorted(ARTICLES), emb)
    _hand_in(ahead, sorted(ARTICLES))
    got = ahead.vectors()
    expected = CachedEmbedder(CountingEmbedder(), model_id=first.model_id, cache_dir=tmp_path).encode(texts)
    assert got is not None and got.tobytes() == expected.tobytes()
    assert not {t for call in second.calls for t in call} & set(texts[:5])


def test_an_article_never_handed_in_gives_no_vectors_and_an_encoder_error_is_raised() -> None:
    ahead = embed_ahead(["a", "b"], CachedEmbedder(CountingEmbedder(), model_id="x"))
    ahead.add("b", ARTICLES["b"])
    assert ahead.vectors() is None

    class Broken(CountingEmbedder):
        def encode(self, texts: list[str]) -> np.ndarray:
            raise RuntimeError("model gone")

    ahead = embed_ahead(["a"], CachedEmbedder(Broken(), model_id="x"))
    ahead.add("a", ARTICLES["a"])
    with pytest.raises(RuntimeError, match="model gone"):
        ahead.vectors()


def test_run_pipeline_encoding_ahead_gives_the_result_of_embedding_after_extraction() -> None:
    config = config_from_dict({"embedding": {"backend": "fake"}})
    articles = load_articles([str(FIXTURES / "summit"), str(FIXTURES / "outlets")])
    counting = CountingEmbedder()
    ahead = run_pipeline(articles, config=config, embedder=counting)
    claims = extract_all(sorted(articles, key=lambda a: a.id), config=config)
    after = run_stages(articles, claims, config=config, embedder=CountingEmbedder())
    assert ahead == after and len(ahead.findings) > 3
    assert counting.threads == {"claimcheck-embed-ahead"}  # encoded while extracting, not after
    assert sum(len(c) for c in counting.calls) == len({text_key(f"given|{counting.model_id}", c.text)
                                                      for c in claims})


def test_release_lets_go_of_the_encoder_and_closes_once() -> None:
    import gc
    import weakref

    built: list[weakref.ref] = []
    closed: list[int] = []

    def builder():
        holder = [CountingEmbedder()]
        built.append(weakref.ref(holder[0]))
        return lambda: holder[0]

    ahead = EmbedAhead(["a"], encoder=CachedEmbedder(builder(), model_id="fake:counting"),
                       release=lambda: closed.append(1))
    ahead.add("a", ARTICLES["a"])
    assert ahead.vectors() is not None
    gc.collect()
    assert built[0]() is not None and not closed  # held until released
    ahead.release()
    ahead.close()
    gc.collect()
    assert closed == [1] and built[0]() is None


def test_encoder_let_go_after_wait_before_vectors_gives_the_same_vectors() -> None:
    # the pipeline lets go of the model between ``wait`` and ``vectors``, so that the model and the assembled array
    # are never held at once (the peak of a 10,000-article cold run)
    import gc
    import weakref

    def run(release_first: bool) -> tuple[np.ndarray, bool]:
        counting = CountingEmbedder()
        ref = weakref.ref(counting)
        ahead = embed_ahead(sorted(ARTICLES), CachedEmbedder(counting, model_id=counting.model_id, chunk_size=2))
        del counting
        _hand_in(ahead, sorted(ARTICLES))
        assert ahead.wait() is True
        if release_first:
            ahead.release()
            gc.collect()
        gone = ref() is None
        vectors = ahead.vectors()
        assert vectors is not None
        return vectors, gone

    (before, kept), (after, gone) = run(False), run(True)
    assert not kept and gone  # released before the array was assembled
    assert before.tobytes() == after.tobytes()


def test_wait_says_whether_vectors_will_come() -> None:
    ahead = embed_ahead(["a", "b"], CachedEmbedder(CountingEmbedder(), model_id="x"))
    ahead.add("b", ARTICLES["b"])
    assert ahead.wait() is False and ahead.vectors() is None


def test_the_encoder_gets_its_cores_back_once_every_article_is_handed_in_despite_a_backlog() -> None:
    """Extraction outruns the encoder: articles wait in the background thread's backlog. Once the last one is handed
    in (and ``wait`` is called), every later chunk is told extraction is over (``on_chunk(False)``), not only the
    chunks after the backlog is taken."""
    started, go = threading.Event(), threading.Event()
    flags: list[bool] = []
    first = [True]

    class Blocking(CountingEmbedder):
        def encode(self, texts: list[str]) -> np.ndarray:
            if first[0]:  # the first chunk waits until every article is in
                first[0] = False
                started.set()
                go.wait(10)
            return super().encode(texts)

    # the first article alone fills three chunks: the thread encodes them before it takes the next articles
    articles = {f"a{n:02d}": [f"Article {n} says fact {k}." for k in range(6 if n == 0 else 3)] for n in range(10)}
    ahead = EmbedAhead(list(articles), encoder=CachedEmbedder(Blocking(), model_id="fake:counting", chunk_size=2), on_chunk=flags.append)
    ahead.add("a00", articles["a00"])
    assert started.wait(10)
    assert flags == [True]  # the first chunk: extraction still running
    for article_id in list(articles)[1:]:
        ahead.add(article_id, articles[article_id])
    go.set()
    vectors = ahead.vectors()
    assert vectors is not None and len(vectors) == 33
    # after the first chunk every article was in: no later chunk runs on fewer cores (not even the first article's
    # other two, encoded before the backlog is taken); the last call says "done"
    assert flags[1:] == [False] * (len(flags) - 1) and len(flags) == 17 + 1


class LanedEmbedder(CountingEmbedder):
    """The counting embedder with ``encode_many``: records which chunks were handed over together."""

    def __init__(self) -> None:
        super().__init__()
        self.together: list[int] = []

    def encode_many(self, chunks: list[list[str]], *, each=None) -> list[np.ndarray]:
        self.together.append(len(chunks))
        out = []
        for i, chunk in enumerate(chunks):
            out.append(self.encode(chunk))
            if each is not None:
                each(i, out[-1])
        return out


def test_after_extraction_every_chunk_left_goes_to_the_encoder_in_one_call_with_the_same_vectors() -> None:
    """With two lanes the chunks left once every article is handed in go to ``encode_many`` in one call (the last
    one short), each recorded as it comes back: the same chunks in the same order as one at a time, so the same
    vectors, bit for bit."""
    articles = {f"a{n:02d}": [f"Article {n} says fact {k}." for k in range(3)] for n in range(5)}
    texts = [t for k in sorted(articles) for t in articles[k]]
    plain = CountingEmbedder()
    expected = CachedEmbedder(plain, model_id=plain.model_id, chunk_size=2).encode(texts)
    laned = LanedEmbedder()
    ahead = EmbedAhead(sorted(articles), encoder=CachedEmbedder(laned, model_id=laned.model_id, chunk_size=2),
                       lanes=2)
    for article_id in sorted(articles, reverse=True):  # the first in order last: every article is in when taken
        ahead.add(article_id, articles[article_id])
    got = ahead.vectors()
    assert got is not None and got.tobytes() == expected.tobytes()
    assert laned.calls == plain.calls and [len(c) for c in plain.calls] == [2] * 7 + [1]
    assert laned.together == [8]  # 15 texts: seven chunks of two and the short last one, in one call


def test_while_extraction_runs_the_chunks_go_one_at_a_time_even_with_lanes() -> None:
    laned = LanedEmbedder()
    ahead = EmbedAhead(["a", "b"], encoder=CachedEmbedder(laned, model_id=laned.model_id, chunk_size=1), lanes=2)
    ahead.add("a", ["One.", "Two.", "Three.", "Four."])
    deadline = time.monotonic() + 10
    while ahead.encoded < 4 and time.monotonic() < deadline:  # "b" is still awaited: extraction is running
        time.sleep(0.01)
    assert ahead.encoded == 4 and laned.together == []
    ahead.add("b", ["Five."])
    assert ahead.vectors() is not None and len(laned.calls) == 5


def test_the_encoder_is_prepared_as_soon_as_a_text_is_missing_not_when_its_first_chunk_is_full(
        tmp_path: Path) -> None:
    prepared = threading.Event()
    counting = CountingEmbedder()
    ahead = EmbedAhead(["a", "b"], encoder=CachedEmbedder(counting, model_id=counting.model_id, chunk_size=512),
                       prepare=prepared.set)
    ahead.add("a", ARTICLES["a"])  # three texts: far from a chunk of 512
    assert prepared.wait(10) and counting.calls == []
    ahead.add("b", ARTICLES["b"])
    assert ahead.vectors() is not None
    # every text cached: nothing to prepare (a warm run never builds the model)
    CachedEmbedder(CountingEmbedder(), model_id=counting.model_id, cache_dir=tmp_path).encode(ARTICLES["a"])
    called: list[int] = []
    warm = EmbedAhead(["a"], encoder=CachedEmbedder(CountingEmbedder(), model_id=counting.model_id,
                                                    cache_dir=tmp_path), prepare=lambda: called.append(1))
    warm.add("a", ARTICLES["a"])
    assert warm.vectors() is not None and called == []


def test_expected_missing_texts_prepare_the_encoder_before_any_text_arrives() -> None:
    prepared = threading.Event()
    counting = CountingEmbedder()
    ahead = EmbedAhead(["a", "b"], encoder=CachedEmbedder(counting, model_id=counting.model_id, chunk_size=512),
                       prepare=prepared.set)
    ahead.expect_missing()  # the articles' claims are new: nothing handed in yet
    assert prepared.wait(10) and counting.calls == []
    ahead.add("a", ARTICLES["a"])
    ahead.add("b", ARTICLES["b"])
    got = ahead.vectors()
    expected = CachedEmbedder(CountingEmbedder(), model_id=counting.model_id).encode(ARTICLES["a"] + ARTICLES["b"])
    assert got is not None and got.tobytes() == expected.tobytes()


def test_the_pipeline_expects_missing_texts_only_when_an_article_is_not_in_the_claim_cache(
        tmp_path: Path, fake_config) -> None:
    """``extract_all`` calls ``on_new`` once, before the parse, when some article's claims are not cached: a warm
    run never starts the encoder early."""
    from claimcheck.pipeline import extract_all
    from claimcheck.stages.load import load_articles

    articles = load_articles([str(FIXTURES / "summit")])
    calls: list[int] = []
    cold = extract_all(articles, config=fake_config, cache_dir=tmp_path, on_new=lambda: calls.append(1))
    assert calls == [1]
    warm = extract_all(articles, config=fake_config, cache_dir=tmp_path, on_new=lambda: calls.append(2))
    assert calls == [1] and warm == cold


@pytest.mark.parametrize(("max_articles", "together"), [(5, [8]), (4, [])])
def test_a_run_of_more_articles_than_the_lanes_allow_encodes_one_chunk_at_a_time(
        monkeypatch: pytest.MonkeyPatch, max_articles: int, together: list[int]) -> None:
    """Lanes cost the encoder memory (two batches at once and a second model), so the pipeline gives them only to
    runs of at most ``ENCODER_LANES_MAX_ARTICLES`` articles; the vectors are the same either way."""
    import claimcheck.pipeline as pipeline

    monkeypatch.setattr(pipeline, "ENCODER_LANES_MAX_ARTICLES", max_articles)
    monkeypatch.setattr(pipeline, "usable_cores", lambda: 2)
    articles = {f"a{n:02d}": [f"Article {n} says fact {k}." for k in range(3)] for n in range(5)}
    laned = LanedEmbedder()
    ahead = embed_ahead(sorted(articles), CachedEmbedder(laned, model_id=laned.model_id, chunk_size=2))
    for article_id in sorted(articles, reverse=True):
        ahead.add(article_id, articles[article_id])
    plain = CountingEmbedder()
    expected = CachedEmbedder(plain, model_id=plain.model_id, chunk_size=2).encode(
        [t for k in sorted(articles) for t in articles[k]])
    got = ahead.vectors()
    assert got is not None and got.tobytes() == expected.tobytes() and laned.together == together


@pytest.mark.parametrize("isolated", [False, True])
def test_only_an_encoder_in_a_child_process_is_started_before_the_first_text(
        monkeypatch: pytest.MonkeyPatch, fake_config, isolated: bool) -> None:
    """An encoder in this process is built on the background thread once a text is missing (its imports would
    overlap spaCy's); one in a child process as soon as extraction finds new articles (``expect_missing``)."""
    import claimcheck.pipeline as pipeline
    from claimcheck.stages.load import load_articles

    calls: list[int] = []
    monkeypatch.setattr(EmbedAhead, "expect_missing", lambda self: calls.append(1))
    monkeypatch.setattr(pipeline, "ENCODER_PROCESS_MIN_ARTICLES", 1 if isolated else 10_000)
    articles = load_articles([str(FIXTURES / "summit")])
    result = pipeline.run_pipeline(articles, config=fake_config)
    assert result.findings and calls == ([1] if isolated else [])


class GatedEmbedder(CountingEmbedder):
    """The counting embedder, holding every call until ``gate`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def encode(self, texts: list[str]) -> np.ndarray:
        assert self.gate.wait(30), "the gate was never opened"
        return super().encode(texts)


def test_the_features_are_read_while_the_candidate_pairs_are_searched_same_findings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The claims' features read no vector: they are read (``shared_features``) while the candidate pairs are
    searched on a thread of their own (here the search may go on only once they are read), and the findings are
    those of clustering that searches the pairs itself."""
    import claimcheck.pipeline as pipeline

    config = config_from_dict({"embedding": {"backend": "fake"}})
    articles = sorted(load_articles([str(FIXTURES / "summit"), str(FIXTURES / "outlets")]), key=lambda a: a.id)
    claims = extract_all(articles, config=config)
    read = threading.Event()
    searched: list[tuple[bool, str]] = []
    search, shared = pipeline.search_candidates, pipeline.shared_features

    def search_once_read(vectors: np.ndarray, *, config: object) -> object:
        searched.append((read.wait(10), threading.current_thread().name))
        return search(vectors, config=config)

    def features_then_open(claims_read: list, *, config: object) -> object:
        out = shared(claims_read, config=config)
        read.set()
        return out

    monkeypatch.setattr(pipeline, "search_candidates", search_once_read)
    monkeypatch.setattr(pipeline, "shared_features", features_then_open)
    got = run_stages(articles, claims, config=config, embedder=CountingEmbedder())
    assert [ok for ok, _ in searched] == [True] and searched[0][1] != threading.current_thread().name
    monkeypatch.undo()
    vectors = CachedEmbedder(CountingEmbedder(), model_id="fake:counting").encode([c.stated for c in claims])
    itself = pipeline.compute_findings(articles, claims, [vectors], config=config,
                                       features=shared(claims, config=config))
    assert got.findings == tuple(itself) and any(f.verdict == "diverge" for f in itself)


class StoppingEmbedder(LanedEmbedder):
    """Blocks in its first chunk of a call of several until told to go on."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = threading.Event()
        self.go = threading.Event()

    def encode_many(self, chunks: list[list[str]], *, each=None) -> list[np.ndarray]:
        def first_waits(i: int, vecs: np.ndarray) -> None:
            if i == 0:
                self.inside.set()
                assert self.go.wait(10)
            if each is not None:
                each(i, vecs)

        return super().encode_many(chunks, each=first_waits)


def test_close_during_a_call_of_several_chunks_gives_up_the_rest_after_the_chunk_under_way() -> None:
    stopping = StoppingEmbedder()
    ahead = EmbedAhead(["a"], encoder=CachedEmbedder(stopping, model_id=stopping.model_id, chunk_size=1), lanes=2)
    ahead.add("a", ["One.", "Two.", "Three.", "Four."])
    ahead.expect_missing()
    waiter = threading.Thread(target=ahead.wait)
    waiter.start()  # every article in: the four chunks go in one call
    assert stopping.inside.wait(10)
    closer = threading.Thread(target=ahead.close)
    closer.start()
    deadline = time.monotonic() + 10
    while not ahead._stop and time.monotonic() < deadline:  # close has asked the background thread to stop
        time.sleep(0.01)
    stopping.go.set()
    closer.join(10)
    waiter.join(10)
    assert not closer.is_alive() and stopping.together == [4]
    assert len(stopping.calls) == 1 and ahead.encoded == 0  # the first chunk came back after close: not recorded


def test_articles_handed_in_while_a_chunk_is_encoded_join_the_one_call_after_extraction() -> None:
    """Extraction ends while the encoder is in a chunk: the articles that arrived meanwhile are taken before the
    chunks left are formed, so that one call gets all of them, the short last one too (not one call for the chunks
    taken so far and another for the rest: the lanes would meet between them)."""
    started, go = threading.Event(), threading.Event()
    first = [True]

    class Blocking(LanedEmbedder):
        def encode(self, texts: list[str]) -> np.ndarray:
            if first[0]:
                first[0] = False
                started.set()
                assert go.wait(10)
            return super().encode(texts)

    articles = {f"a{n:02d}": [f"Article {n} says fact {k}." for k in range(5 if n == 0 else 3)] for n in range(6)}
    laned = Blocking()
    ahead = EmbedAhead(sorted(articles), encoder=CachedEmbedder(laned, model_id=laned.model_id, chunk_size=2),
                       lanes=2)
    ahead.add("a00", articles["a00"])  # five texts: the first chunk (blocked), a full chunk and one text left over
    assert started.wait(10)
    for article_id in sorted(articles)[1:]:
        ahead.add(article_id, articles[article_id])
    waiter = threading.Thread(target=ahead.wait)
    waiter.start()  # every article is in: extraction is over
    deadline = time.monotonic() + 10
    while ahead._pending() and time.monotonic() < deadline:
        time.sleep(0.01)
    go.set()
    got = ahead.vectors()
    waiter.join(10)
    plain = CountingEmbedder()
    expected = CachedEmbedder(plain, model_id=plain.model_id, chunk_size=2).encode(
        [t for k in sorted(articles) for t in articles[k]])
    assert got is not None and got.tobytes() == expected.tobytes()
    # 20 texts: the blocked chunk, then the nine others in one call (taken so far: one full chunk alone, then eight)
    assert laned.together == [9]


def test_wait_calls_on_wait_once_while_a_chunk_is_under_way_and_not_when_none_is() -> None:
    """``on_wait`` (the pipeline's ``widen_cores``) is called by ``wait`` when a chunk is being encoded then, once;
    not when the encoder is idle (nothing left, or nothing ever missing)."""
    gated = GatedEmbedder()
    woken: list[str] = []
    ahead = EmbedAhead(["a"], encoder=CachedEmbedder(gated, model_id="fake:counting", chunk_size=2),
                       on_wait=lambda: woken.append(threading.current_thread().name))
    ahead.add("a", ["One text here.", "Two texts here.", "Three texts here."])
    deadline = time.monotonic() + 10
    while not ahead._in_call:  # the first chunk is under way (held by the gate)
        assert time.monotonic() < deadline
        time.sleep(0.01)
    waiter = threading.Thread(target=ahead.wait, name="waiter")
    waiter.start()
    time.sleep(0.05)
    assert woken == ["waiter"]  # on the caller's thread, while the first chunk was held
    gated.gate.set()
    waiter.join(10)
    assert ahead.vectors() is not None and woken == ["waiter"]  # once

    idle: list[int] = []
    done = EmbedAhead(["a"], encoder=CachedEmbedder(CountingEmbedder(), model_id="fake:counting", chunk_size=2),
                      on_wait=lambda: idle.append(1))
    done.add("a", [])
    assert done.vectors() is None and idle == []
