"""``claimcheck index --executor dask``: extract + embed on a LocalCluster of 2 workers gives a store whose
reports are byte-identical to those of a store indexed in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck import api
from claimcheck.report import render_json, render_yaml, result_to_dict
from claimcheck.store import Store

pytest.importorskip("dask.distributed")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


@pytest.mark.slow  # starts a dask LocalCluster (worker processes)
def test_dask_localcluster_index_gives_byte_identical_reports(tmp_path: Path, fake_config) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", corpus)
    shutil.copy(FIXTURES / "new" / "agree.txt", corpus / "agree.txt")
    local = api.index([str(corpus)], store=tmp_path / "local", config=fake_config)
    # partitions of one article, so both workers get work
    from claimcheck.store import index_corpus

    dist = index_corpus([str(corpus)], store=tmp_path / "dask", config=fake_config, executor="dask", workers=2,
                        partition_size=1)
    assert dist.executor == "dask"
    assert (dist.added, dist.articles, dist.claims) == (local.added, local.articles, local.claims)
    with Store(tmp_path / "local") as a, Store(tmp_path / "dask") as b:
        assert a.hashes() == b.hashes()
        ca, va = a.claims_and_vectors()
        cb, vb = b.claims_and_vectors()
    assert ca == cb
    assert va.tobytes() == vb.tobytes()
    new = [str(FIXTURES / "new" / "contradict.txt")]
    r_local = result_to_dict(api.compare(new, config=fake_config, store=tmp_path / "local"))
    r_dask = result_to_dict(api.compare(new, config=fake_config, store=tmp_path / "dask"))
    assert r_local["summary"]["diverge"] >= 1
    assert render_yaml(r_dask) == render_yaml(r_local)
    assert render_json(r_dask) == render_json(r_local)
    assert render_yaml(r_local) == render_yaml(result_to_dict(api.compare([str(corpus), *new], config=fake_config)))
