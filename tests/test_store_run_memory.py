"""``store.run_with_store`` and ``Store.claims_and_vectors``: a check against a store holds one copy of the stored
vectors, let go of once comparison is done (as a plain compare does), and each claim keeps its own vector."""

from __future__ import annotations

import shutil
import weakref
from pathlib import Path

import numpy as np

from claimcheck import api, pipeline
from claimcheck.stages.embed.encoders import embed_claims, get_embedder
from claimcheck.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", d)
    return d


def test_check_against_a_store_lets_go_of_the_vectors_it_hands_to_the_stages(tmp_path: Path, fake_config,
                                                                                 monkeypatch) -> None:
    store = tmp_path / "store"
    api.index([str(_corpus(tmp_path))], store=store, config=fake_config)
    handed: list[weakref.ref] = []
    alive_after_findings: list[bool] = []
    run_stages, compute_findings = pipeline.run_stages, pipeline.compute_findings

    def spy_run_stages(articles, claims, *, vectors, config, embedder, cache_dir, progress, warnings,
                       prior_warnings, require_claims, strict):
        # a pass-through with named arguments only: a ``**kwargs`` call would keep the array alive itself
        box = [vectors]
        del vectors
        handed.append(weakref.ref(box[0]))
        return run_stages(articles, claims, vectors=box.pop(), config=config, embedder=embedder, cache_dir=cache_dir,
                          progress=progress, warnings=warnings, prior_warnings=prior_warnings,
                          require_claims=require_claims, strict=strict)

    def spy_compute_findings(*args, **kwargs):
        findings = compute_findings(*args, **kwargs)
        alive_after_findings.append(handed[0]() is not None)
        return findings

    monkeypatch.setattr(pipeline, "run_stages", spy_run_stages)
    monkeypatch.setattr(pipeline, "compute_findings", spy_compute_findings)
    result = api.check([str(FIXTURES / "new" / "contradict.txt")], against=[], config=fake_config, store=store)
    assert result.failed
    assert len(handed) == 1 and alive_after_findings == [False]


def test_stored_claims_come_back_each_with_the_vector_it_was_stored_with(tmp_path: Path, fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(_corpus(tmp_path))], store=store, config=fake_config)
    with Store(store) as st:
        claims, vectors = st.claims_and_vectors()
        some = sorted({c.source for c in claims})[1:]
        part, part_vectors = st.claims_and_vectors(some)
    assert vectors.dtype == np.float32 and vectors.shape[0] == len(claims) > 0
    assert [(c.source, c.start, c.id) for c in claims] == sorted((c.source, c.start, c.id) for c in claims)
    # the fake embedder gives each text one vector: every stored claim's row is its own text's
    fresh = embed_claims([c.stated for c in claims], embedder=get_embedder(fake_config.embedding))
    assert np.array_equal(vectors, np.asarray(fresh, dtype=np.float32))
    row = {c.id: i for i, c in enumerate(claims)}
    assert part and {c.source for c in part} == set(some)
    assert np.array_equal(part_vectors, vectors[[row[c.id] for c in part]])
