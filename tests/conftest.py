"""Shared fixtures. Unit tests use the deterministic fake embedder; tests marked ``slow`` load the
real bundled all-MiniLM-L6-v2 (offline)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DATES = {"000_3d7aae49b094e41a": "2019-01-21", "002_e82945906d6fb749": "2020-09-11"}
HOSTILE = FIXTURES / "hostile"
HOSTILE_DATES = {"a_hostile": "2019-03-01", "b_plain": "2019-03-01"}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Fixtures that load the real model or drive a browser: a test using one is marked ``slow`` or ``browser`` even
# when its module forgot to, so `make test-fast` (-m "not slow and not browser") never loads either.
REAL_MODEL_FIXTURES = {"real_embedder": "slow", "seeds_result": "slow", "browser": "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests using a real-model or browser fixture get its marker; tests marked ``browser`` skip, saying so,
    when Debian's chromium is absent."""
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & REAL_MODEL_FIXTURES.keys():
            if not item.get_closest_marker(REAL_MODEL_FIXTURES[fixture]):
                item.add_marker(getattr(pytest.mark, REAL_MODEL_FIXTURES[fixture]))
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: `apt-get install -y chromium` "
                                   "(or `make browser`) to run the browser tests")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs default to the per-user cache dir: point it at a temp dir so tests never share state."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def seeds_dir() -> Path:
    """The project's copy of the two seed articles."""
    return SEEDS


@pytest.fixture
def fake_config():
    """A default Config that uses the deterministic fake embedder (no model load)."""
    from claimcheck.config import config_from_dict

    return config_from_dict({"embedding": {"backend": "fake"}})


@pytest.fixture
def fake_config_file(tmp_path: Path) -> Path:
    """A YAML config file selecting the fake embedder, for CLI tests."""
    p = tmp_path / "fake.yaml"
    p.write_text("embedding:\n  backend: fake\n", encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def hostile_result():
    """The hostile fixture articles compared with the fake embedder, once per session."""
    from claimcheck import api
    from claimcheck.config import config_from_dict

    return api.compare([str(HOSTILE)], config=config_from_dict({"embedding": {"backend": "fake"}}),
                       published=dict(HOSTILE_DATES))


RELATED = FIXTURES / "related"
RELATED_DATES = {"a": "2021-03-15", "b": "2021-03-16"}


@pytest.fixture(scope="session")
def related_result():
    """Two articles on one storm compared with the fake embedder, once per session: statements that share a
    date, a quantity or a name but not a meaning are separate findings linked by ``related``."""
    from claimcheck import api
    from claimcheck.config import config_from_dict

    return api.compare([str(RELATED)], config=config_from_dict({"embedding": {"backend": "fake"}}),
                       published=dict(RELATED_DATES))


@pytest.fixture(scope="module")
def browser():
    """One headless chromium (Debian's binary, driven by Playwright) per test module."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def real_embedder():
    """The real bundled all-MiniLM-L6-v2 on torch (sentence-transformers), loaded once per test session.

    Named explicitly, not taken from the default ``embedding.backend``: the seeds' expected findings and the int8
    encoder's reference vectors (test_onnx_embed) were measured with the torch model."""
    from claimcheck.config import EmbeddingConfig
    from claimcheck.stages.embed.encoders import get_embedder

    return get_embedder(EmbeddingConfig(backend="sentence-transformers"))


@pytest.fixture(scope="session")
def seeds_result(real_embedder):
    """The RunResult of comparing the seeds with the real model and their known dates."""
    from claimcheck import api

    return api.compare([str(SEEDS)], published=dict(SEED_DATES), embedder=real_embedder)


def write_article(directory: Path, name: str, text: str) -> Path:
    """Write a fixture article and return its path."""
    p = directory / name
    p.write_text(text, encoding="utf-8")
    return p


def wait_until(page, expression: str, *, timeout: float = 5.0) -> None:  # a Playwright page
    """Poll a JavaScript expression until it is truthy. Playwright's ``wait_for_function`` polls by evaluating
    the string inside the page, which the report's Content Security Policy (no 'unsafe-eval') refuses whenever
    the first check is false; ``page.evaluate`` runs outside the page's policy."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def vectors_with_cosines(cosines: dict[tuple[int, int], float], n: int) -> "np.ndarray":  # noqa: F821
    """Unit vectors with the given pairwise cosines (others 0): e_i + t * e_shared per pair, t^2 = c / (1 - c)
    (exact for a claim in one pair, close for a claim in two)."""
    import numpy as np

    dim = n + len(cosines)
    v = np.zeros((n, dim), dtype=np.float64)
    for i in range(n):
        v[i, i] = 1.0
    for k, ((i, j), c) in enumerate(sorted(cosines.items())):
        v[i, n + k] = v[j, n + k] = np.sqrt(c / (1 - c))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v.astype(np.float32)


def watch_page(page, url: str) -> tuple[list[str], list[str]]:  # a playwright Page
    """Abort and record every request but the page itself; record every console error."""
    errors: list[str] = []
    requests: list[str] = []

    def route(r) -> None:  # a playwright Route
        if r.request.url.split("#")[0] == url:
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors, requests


def in_viewport(page, element_id: str) -> bool:  # a playwright Page
    """Whether the element with this id is at least partly inside the window."""
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.bottom > 0 && r.top < window.innerHeight; }""", element_id)
