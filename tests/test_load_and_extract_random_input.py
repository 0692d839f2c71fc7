"""Property tests: loading never raises anything but a ClaimcheckError, and extraction never crashes and
keeps every span exact, on random bytes, random unicode, control characters and huge lines.

Examples per property (3,000 in all): decode_bytes on raw bytes 1,600; load_article on files (then
extraction of what loads) 600; extract_claims on texts 800. In CI (``CI`` set) the examples are derandomised so a run is reproducible.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.config import ExtractConfig
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Article, normalise_text
from claimcheck.stages.extract.claims import extract_claims
from claimcheck.stages.load import decode_bytes, load_article

CI = bool(os.environ.get("CI"))
# `make test-fast` runs a tenth of the examples (the Makefile sets CLAIMCHECK_TEST_FAST); `make test` all of them.
SHARE = 10 if os.environ.get("CLAIMCHECK_TEST_FAST") else 1
PROFILE = dict(deadline=None, derandomize=CI, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["The", "minister", "said", "on", "Monday", "that", "28,500", "troops", "will", "leave", "Hanoi", "in",
         "February", "2019", "not", "U.S.", "officials", "€5m", "“quoted”", "café", "—", "Dr.", "e.g.", "$3.2bn",
         "50%", "'s", "(", ")", "Mr", "Kim", "Jong-un", "never", "agreed", "last", "June", "...", "..."]
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\n\n", "\t"]
PUNCT = [". ", "! ", "? ", "; ", ", ", ": ", " - ", "\"", "'", "•  ", "---\n"]
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)
ANY_CHAR = st.characters(blacklist_categories=("Cs",))

token = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(BREAKS),
    st.sampled_from(PUNCT),
    CONTROL,
    st.text(ANY_CHAR, min_size=1, max_size=6),
)
huge_line = st.integers(min_value=150, max_value=400).map(lambda n: ("word " * n).strip() + ".")  # > max_chars
article_text = st.one_of(
    st.lists(token, min_size=0, max_size=60).map("".join),
    st.tuples(st.lists(token, max_size=20).map("".join), huge_line).map("".join),
    st.text(ANY_CHAR, max_size=200),
)


def _check_spans(text: str, article: Article) -> None:
    claims = extract_claims(article, config=ExtractConfig())
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.text == c.text.strip() and c.text
        for s, e in c.occurrences:
            assert normalise_text(text[s:e]) == normalise_text(c.text)
        for slot in (*c.slots.dates, *c.slots.numbers, *c.slots.entities):
            assert c.start <= slot.start <= slot.end <= c.end


@settings(max_examples=800 // SHARE, **PROFILE)
@given(text=article_text, with_title=st.booleans())
def test_extraction_never_crashes_and_every_span_slices_its_text(text: str, with_title: bool) -> None:
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    article = Article(id="src", path="src.txt", text=text, title=first if with_title else None)
    _check_spans(text, article)


raw_bytes = st.one_of(
    st.binary(max_size=2048),
    article_text.map(lambda t: t.encode("utf-8")),
    article_text.map(lambda t: t.encode("cp1252", errors="replace")),
    article_text.map(lambda t: t.encode("utf-16")),
    st.tuples(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"%PDF-", b"\xff\xfe", b"\xef\xbb\xbf", b"---\n", b""]),
              st.binary(max_size=512)).map(b"".join),
)


@settings(max_examples=1600 // SHARE, **PROFILE)
@given(data=raw_bytes)
def test_decoding_bytes_returns_text_or_raises_a_claimcheck_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, path="x.txt")
    except ClaimcheckError as exc:
        assert exc.slug.startswith("input-") and exc.path == "x.txt"
        assert "\n" not in exc.one_line()
        return
    assert isinstance(text, str) and text.strip()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for every example's file (a module-scoped fixture, as hypothesis requires)."""
    return tmp_path_factory.mktemp("hypothesis-load")


@settings(max_examples=600 // SHARE, **PROFILE)
@given(data=raw_bytes, suffix=st.sampled_from([".txt", ".md", ".html"]),
       front=st.sampled_from([b"", b"---\ntitle: T\npublished: 2020-01-02\n---\n", b"---\n: [\n---\n",
                              b"---\npublished: yesterday\n---\n", b"---\n- a\n---\n"]))
def test_loading_a_file_returns_an_article_or_raises_a_claimcheck_error(scratch: Path, data: bytes, suffix: str,
                                                                        front: bytes) -> None:
    path = scratch / f"article{suffix}"
    path.write_bytes(front + data)
    try:
        article = load_article(path, max_bytes=100_000)
    except ClaimcheckError as exc:
        assert exc.slug.startswith("input-")
        assert "\n" not in exc.one_line()
        return
    assert 0 <= article.body_start <= len(article.text)
    assert article.published is None or len(article.published) == 10
    _check_spans(article.text, article)
