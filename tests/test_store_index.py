"""``claimcheck index`` and ``--store``: a corpus extracted and embedded once, reused by compare and check.

Incremental re-indexing touches only added or changed articles; a store built with another model or
extract config is refused; reports over a store equal reports over the same files read afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import api
from claimcheck.check import check_to_dict
from claimcheck.cli import app
from claimcheck.config import config_from_dict
from claimcheck.report import render_json, render_yaml, result_to_dict
from claimcheck.errors import InputError
from claimcheck.errors import StoreError
from claimcheck.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
CORPUS = FIXTURES / "corpus"
CONTRADICT = FIXTURES / "new" / "contradict.txt"
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the check fixtures' corpus plus the agreeing new article, three articles."""
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    shutil.copy(FIXTURES / "new" / "agree.txt", d / "agree.txt")
    return d


def test_reindexing_processes_only_added_and_changed_articles_and_drops_removed_ones(corpus: Path, tmp_path: Path,
                                                                                     fake_config) -> None:
    store = tmp_path / "store"
    first = api.index([str(corpus)], store=store, config=fake_config)
    assert first.added == ("agree", "harbour_bridge_council", "harbour_bridge_port")
    assert (first.changed, first.removed, first.unchanged) == ((), (), 0)

    again = api.index([str(corpus)], store=store, config=fake_config)
    assert again.processed == ()
    assert (again.unchanged, again.articles, again.claims) == (3, 3, first.claims)

    shutil.copy(CONTRADICT, corpus / "contradict.txt")
    port = corpus / "harbour_bridge_port.txt"
    port.write_text(port.read_text(encoding="utf-8") + "\nThe port said the new quay opens in the spring of 2027.\n",
                    encoding="utf-8")
    (corpus / "agree.txt").unlink()
    third = api.index([str(corpus)], store=store, config=fake_config)
    assert third.added == ("contradict",)
    assert third.changed == ("harbour_bridge_port",)
    assert third.removed == ("agree",)
    assert third.unchanged == 1
    with Store(store) as st:
        assert sorted(st.hashes()) == ["contradict", "harbour_bridge_council", "harbour_bridge_port"]
        claims, vectors = st.claims_and_vectors()
    assert len(claims) == len(vectors) == third.claims
    assert any("2027" in c.text for c in claims if c.source == "harbour_bridge_port")


def test_compare_over_a_store_equals_compare_over_the_same_files(corpus: Path, tmp_path: Path,
                                                                 fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    plain = result_to_dict(api.compare([str(corpus)], config=fake_config))
    stored = result_to_dict(api.compare([], config=fake_config, store=store))
    assert render_yaml(stored) == render_yaml(plain)
    assert render_json(stored) == render_json(plain)
    # and with a new article given beside the store
    plain = result_to_dict(api.compare([str(corpus), str(CONTRADICT)], config=fake_config))
    stored = result_to_dict(api.compare([str(CONTRADICT)], config=fake_config, store=store))
    assert plain["summary"]["diverge"] >= 1
    assert render_yaml(stored) == render_yaml(plain)


def test_check_against_a_store_finds_the_issues_of_check_against_the_files(corpus: Path, tmp_path: Path,
                                                                           fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    plain = api.check([str(CONTRADICT)], against=[str(corpus)], config=fake_config)
    stored = api.check([str(CONTRADICT)], against=[], config=fake_config, store=store)
    assert plain.failed and stored.failed
    assert render_json(check_to_dict(stored)) == render_json(check_to_dict(plain))


def test_a_file_given_anew_replaces_its_stored_copy(corpus: Path, tmp_path: Path, fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    plain = api.check([str(corpus / "agree.txt")], against=[str(corpus)], config=fake_config)
    stored = api.check([str(corpus / "agree.txt")], against=[], config=fake_config, store=store)
    assert stored.new_sources == ("agree",)
    assert render_json(check_to_dict(stored)) == render_json(check_to_dict(plain))


class _OtherModel:
    model_id = "st:some-other-model"

    def encode(self, texts: list[str]):  # numpy array
        raise AssertionError("a mismatched store must be refused before any encoding")


def test_a_store_built_with_another_model_is_refused(corpus: Path, tmp_path: Path, fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    with pytest.raises(StoreError) as err:
        api.compare([str(CONTRADICT)], config=fake_config, store=store, embedder=_OtherModel())
    assert err.value.slug == "store-mismatch"
    assert "embedding model 'fake:hash-256'" in err.value.message and "st:some-other-model" in err.value.message
    with pytest.raises(StoreError) as err:  # indexing into it with the other model is refused too
        api.index([str(corpus)], store=store, config=fake_config, embedder=_OtherModel())
    assert err.value.slug == "store-mismatch"


def test_a_store_built_with_another_extract_config_is_refused_unless_rebuilt(corpus: Path, tmp_path: Path,
                                                                             fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    other = config_from_dict({"embedding": {"backend": "fake"}, "extract": {"min_words": 6}})
    with pytest.raises(StoreError) as err:
        api.check([str(CONTRADICT)], against=[], config=other, store=store)
    assert err.value.slug == "store-mismatch"
    assert "load/extract/embedding config" in err.value.message
    rebuilt = api.index([str(corpus)], store=store, config=other, rebuild=True)
    assert len(rebuilt.added) == 3
    assert api.check([str(CONTRADICT)], against=[], config=other, store=store).new_sources == ("contradict",)


def test_a_store_built_with_another_load_config_is_refused(corpus: Path, tmp_path: Path, fake_config) -> None:
    store = tmp_path / "store"
    api.index([str(corpus)], store=store, config=fake_config)
    other = config_from_dict({"embedding": {"backend": "fake"}, "load": {"headline_max_words": 5}})
    with pytest.raises(StoreError) as err:
        api.check([str(CONTRADICT)], against=[], config=other, store=store)
    assert err.value.slug == "store-mismatch"


def test_cli_index_then_compare_with_store_prints_the_same_report(corpus: Path, tmp_path: Path,
                                                                  fake_config_file: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["index", str(corpus), "--store", str(store), "--config", str(fake_config_file)])
    assert result.exit_code == 0, result.output
    with Store(store) as st:
        n_claims = len(st.claims_and_vectors()[0])
    assert result.stderr == f"{store}: 3 added, 0 changed, 0 removed, 0 unchanged; 3 articles, {n_claims} claims\n"
    plain = runner.invoke(app, ["compare", str(corpus), str(CONTRADICT), "-c", str(fake_config_file), "--no-cache"])
    stored = runner.invoke(app, ["compare", str(CONTRADICT), "--store", str(store), "-c", str(fake_config_file),
                                 "--no-cache"])
    assert plain.exit_code == stored.exit_code == 0
    assert stored.stdout == plain.stdout
    checked = runner.invoke(app, ["check", str(CONTRADICT), "--store", str(store), "-c", str(fake_config_file),
                                  "--no-cache", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    assert '"code": "CC002"' in checked.stdout or '"verdict": "diverge"' in checked.stdout


def test_cli_refuses_a_mismatched_store_with_one_line_and_exit_2(corpus: Path, tmp_path: Path,
                                                                 fake_config_file: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(app, ["index", str(corpus), "--store", str(store), "-c", str(fake_config_file)]).exit_code == 0
    other = tmp_path / "other.yaml"
    other.write_text("embedding:\n  backend: fake\nextract:\n  min_words: 6\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(CONTRADICT), "--store", str(store), "-c", str(other), "--no-cache"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"claimcheck: error: {store}: store was built with load/extract/embedding config ")
    assert result.stderr.endswith(" [store-mismatch]\n")
    assert result.stderr.count("\n") == 1


def test_cli_compare_with_a_missing_store_exits_2(tmp_path: Path, fake_config_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(CONTRADICT), "--store", str(tmp_path / "nope"), "-c",
                                 str(fake_config_file)])
    assert result.exit_code == 2
    assert result.stderr == (f"claimcheck: error: {tmp_path / 'nope'}: no claimcheck store here (build one with: "
                             "claimcheck index CORPUS... --store DIR) [store-missing]\n")
    assert not (tmp_path / "nope").exists()


def test_check_with_nearest_loads_only_the_stored_articles_near_the_new_claims(corpus: Path, tmp_path: Path,
                                                                              fake_config) -> None:
    store = tmp_path / "store"
    unrelated = corpus / "weather.txt"
    unrelated.write_text("Heavy snow closed three mountain passes in the Alps on Tuesday morning.\n\n"
                         "Forecasters expect the cold spell to last until the weekend across the region.\n",
                         encoding="utf-8")
    api.index([str(corpus)], store=store, config=fake_config)
    full = api.check([str(CONTRADICT)], against=[], config=fake_config, store=store)
    near = api.check([str(CONTRADICT)], against=[], config=fake_config, store=store, nearest=3)
    assert "weather" in {a.id for a in full.run.articles}
    assert "weather" not in {a.id for a in near.run.articles}
    assert [i.to_dict() for i in near.issues] == [i.to_dict() for i in full.issues]


def test_cli_index_refuses_a_scheduler_without_the_dask_executor(corpus: Path, tmp_path: Path,
                                                                 fake_config_file: Path) -> None:
    result = runner.invoke(app, ["index", str(corpus), "--store", str(tmp_path / "s"), "-c", str(fake_config_file),
                                 "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stderr == "claimcheck: error: --scheduler needs --executor dask [usage-scheduler]\n"
    assert not (tmp_path / "s").exists()


def test_an_article_without_claims_is_stored_and_compare_warns_or_refuses_it_like_plain_compare(
        corpus: Path, tmp_path: Path, fake_config) -> None:
    (corpus / "stub.txt").write_text("Short note.\n\nSee you.\n", encoding="utf-8")
    store = tmp_path / "store"
    result = api.index([str(corpus)], store=store, config=fake_config)
    assert "stub" in result.added
    with Store(store) as st:
        claims, vectors = st.claims_and_vectors()
    assert "stub" not in {c.source for c in claims} and len(vectors) == len(claims) == result.claims
    checked = api.check([str(CONTRADICT)], against=[], config=fake_config, store=store)
    assert "stub" in {a.id for a in checked.run.articles}
    warned = [w for w in api.compare([str(corpus)], config=fake_config).warnings if "no claims found" in w]
    assert warned == [w for w in api.compare([], config=fake_config, store=store).warnings if "no claims found" in w]
    assert len(warned) == 1 and "stub.txt: no claims found" in warned[0]
    with pytest.raises(InputError) as plain:
        api.compare([str(corpus)], config=fake_config, strict=True)
    with pytest.raises(InputError) as stored:
        api.compare([], config=fake_config, store=store, strict=True)
    assert stored.value.one_line() == plain.value.one_line()
