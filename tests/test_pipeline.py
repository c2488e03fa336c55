"""The pipeline: one pass per stage gives the public functions' tables; a
corpus run gives the same rows whatever its jobs, batches or engine, resumes,
and survives being killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from itertools import islice

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import __version__, actors, attribution, cues, frames, paths, pipeline
from analysis.corpus import Document, ReportRow, iter_load, load_seed
from analysis.provenance import sha256_file

SAUDINEWSNET = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SEED = "us_iraq_troops_talks_ar"


def public_tables(doc: Document) -> dict[str, pd.DataFrame]:
    """Every table as the public per-document functions give it."""
    return {
        "paragraphs": doc.table("paragraphs"),
        "sentences": doc.table("sentences"),
        "attributions": attribution.attributions(doc),
        "cues": cues.cues(doc),
        "tone": pd.concat(
            [cues.tone(doc, "sentence"), cues.tone(doc, "paragraph")], ignore_index=True
        ),
        "actor_mentions": actors.mentions(doc),
        "actor_descriptors": actors.descriptors(doc),
        "frame_evidence": frames.frame_evidence(doc),
        "frame_answers": frames.frame_answers(doc),
    }


def assert_same_as_public(doc: Document) -> None:
    found = pipeline.analyze(doc)
    assert list(found) == list(pipeline.TABLES)
    for name, table in public_tables(doc).items():
        if table.empty and found[name].empty:
            assert list(found[name].columns) == list(table.columns), name
            continue
        pd.testing.assert_frame_equal(found[name], table, obj=f"{doc.id}: {name}")


def test_analyze_gives_the_public_functions_tables_on_the_seed():
    doc = load_seed(SEED)
    assert_same_as_public(doc)
    found = pipeline.analyze(doc)
    # every stage found something in the seed, so the comparison is not vacuous
    assert all(len(table) for table in found.values())
    assert set(found["tone"]["unit"]) == {"sentence", "paragraph"}
    assert "scare_quote" in set(found["cues"]["category"])


def test_analyze_gives_the_public_functions_tables_on_saudinewsnet():
    """The first 40 articles here; tools/snapshot_tables.py compares 2,000."""
    if not SAUDINEWSNET.exists():
        pytest.skip(f"{SAUDINEWSNET} is absent: SaudiNewsNet articles are not compared")
    documents = (x for x in iter_load(SAUDINEWSNET) if not isinstance(x, ReportRow))
    for doc in islice(documents, 40):
        assert_same_as_public(doc)


def test_empty_and_wordless_documents_give_empty_tables_with_their_columns():
    for text in ("", " \n ", "«»"):
        found = pipeline.analyze(Document("empty", text))
        for name, table in found.items():
            assert list(table.columns) == pipeline.COLUMNS[name]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """A JSONL corpus of the seed's paragraphs, two or three at a time, each
    a document, with one record that is not a document (no text)."""
    text = load_seed(SEED).text
    parts = [p for p in text.split("\n") if p.strip()]
    records = [
        {"doc_id": f"d{i:02d}", "text": "\n".join(parts[i : i + 3]), "outlet": f"o{i % 3}"}
        for i in range(0, len(parts), 2)
    ]
    records.insert(3, {"doc_id": "no-text", "title": "x"})
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """*frame* as objects with None for every missing value: a table read back
    from Parquet types text as strings, and a document's own table may hold
    None in an object column."""
    return frame.astype(object).where(frame.notna(), None)


def read_all(out) -> dict[str, pd.DataFrame]:
    return {name: pipeline.read_table(out, name) for name in pipeline.CORPUS_TABLES}


def assert_same_run(a, b) -> None:
    left, right = read_all(a), read_all(b)
    for name in pipeline.CORPUS_TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


@pytest.fixture(scope="module")
def reference_run(small_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    summary = pipeline.analyze_corpus(small_corpus, out=out, jobs=1, batch_size=3, progress=False)
    return out, summary


def test_a_corpus_run_holds_every_document_and_the_load_report(small_corpus, reference_run):
    out, summary = reference_run
    tables = read_all(out)
    records = [json.loads(line) for line in small_corpus.read_text().splitlines()]
    with_text = [r["doc_id"] for r in records if "text" in r]
    assert tables["documents"]["doc_id"].tolist() == with_text
    assert summary.documents == len(with_text) and summary.errors == 0
    assert json.loads(tables["documents"]["meta"][0]) == {"outlet": "o0"}
    report = pipeline.read_table(out, "load_report")
    assert "record 4" in " ".join(report["reason"]) or (report["record"] == 4).any()
    assert (report["status"] == "error").sum() == 1
    # each table equals the rows of its documents analysed one by one
    docs = [Document(r["doc_id"], r["text"]) for r in records if "text" in r]
    for name in pipeline.TABLES:
        alone = [pipeline.analyze(doc)[name] for doc in docs]
        expected = pd.concat([t for t in alone if len(t)], ignore_index=True)
        pd.testing.assert_frame_equal(plain(tables[name]), plain(expected), obj=name)
        assert summary.rows[name] == len(expected)


def test_parquet_metadata_and_run_json_record_the_provenance(small_corpus, reference_run):
    out, _ = reference_run
    part = sorted((out / "cues").glob("part-*.parquet"))[0]
    meta = json.loads(pq.read_schema(part).metadata[b"itar"])
    assert meta["kit"]["version"] == __version__ and len(meta["kit"]["code"]["sha256"]) == 64
    assert meta["resources"] == frames.resource_versions()
    assert meta["table"] == "cues" and meta["batch"] == 0
    run = pipeline.run_metadata(out)
    assert [i["sha256"] for i in run["inputs"]] == [sha256_file(small_corpus)]
    assert run["rows"]["documents"] == len(pipeline.read_table(out, "documents"))
    assert run["resources"] == meta["resources"]


@pytest.mark.parametrize("jobs,batch_size", [(2, 1), (2, 4), (1, 50)])
def test_the_rows_do_not_depend_on_jobs_or_batches(small_corpus, reference_run, tmp_path, jobs,
                                                   batch_size):  # fmt: skip
    pipeline.analyze_corpus(
        small_corpus, out=tmp_path, jobs=jobs, batch_size=batch_size, progress=False
    )
    assert_same_run(reference_run[0], tmp_path)


def test_the_dask_engine_gives_the_local_engines_rows(small_corpus, reference_run, tmp_path):
    pipeline.analyze_corpus(
        small_corpus, out=tmp_path, jobs=2, batch_size=2, engine="dask", progress=False
    )
    assert_same_run(reference_run[0], tmp_path)


def test_a_rerun_skips_every_finished_batch(small_corpus, tmp_path):
    first = pipeline.analyze_corpus(
        small_corpus, out=tmp_path, jobs=1, batch_size=4, progress=False
    )
    parts = {p: p.read_bytes() for p in tmp_path.rglob("part-*.parquet")}
    again = pipeline.analyze_corpus(
        small_corpus, out=tmp_path, jobs=1, batch_size=4, progress=False
    )
    assert first.skipped == 0 and again.skipped == again.batches == first.batches
    assert again.rows == first.rows
    assert {p: p.read_bytes() for p in tmp_path.rglob("part-*.parquet")} == parts


def test_a_rerun_with_another_batch_size_is_refused(small_corpus, tmp_path):
    pipeline.analyze_corpus(small_corpus, out=tmp_path, jobs=1, batch_size=4, progress=False)
    with pytest.raises(ValueError, match="batch_size"):
        pipeline.analyze_corpus(small_corpus, out=tmp_path, jobs=1, batch_size=5, progress=False)


def test_a_failing_document_is_an_error_row_and_the_run_goes_on(
    small_corpus, reference_run, tmp_path, monkeypatch
):
    analyze_rows = pipeline.analyze_rows

    def failing(doc):
        if doc.id == "d04":
            raise RuntimeError("a stage broke")
        return analyze_rows(doc)

    monkeypatch.setattr(pipeline, "analyze_rows", failing)
    summary = pipeline.analyze_corpus(
        small_corpus, out=tmp_path, jobs=1, batch_size=3, progress=False
    )
    errors = pipeline.read_table(tmp_path, "errors")
    assert errors[["doc_id", "error", "reason"]].to_dict("records") == [
        {"doc_id": "d04", "error": "RuntimeError", "reason": "a stage broke"}
    ]
    assert errors["source"][0] == f"{small_corpus}:3"  # its record
    assert summary.errors == 1
    assert "d04" in set(pipeline.read_table(tmp_path, "documents")["doc_id"])
    reference = read_all(reference_run[0])
    for name in pipeline.TABLES:
        kept = reference[name][reference[name]["doc_id"] != "d04"].reset_index(drop=True)
        pd.testing.assert_frame_equal(pipeline.read_table(tmp_path, name), kept, obj=name)


def _run_command(corpus, out) -> list[str]:
    return [
        sys.executable, "-m", "analysis", "run", str(corpus), "--out", str(out),
        "--jobs", "1", "--batch-size", "2", "--no-progress",
    ]  # fmt: skip


def test_a_killed_run_rerun_loses_and_duplicates_nothing(tmp_path):
    seed = load_seed(SEED).text
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(40):
            record = {"doc_id": f"k{i:02d}", "text": f"{seed}\nالخبر رقم {i}."}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = tmp_path / "killed"
    process = subprocess.Popen(
        _run_command(corpus, out), cwd=paths.project_root(), stdout=subprocess.DEVNULL
    )
    done = out / pipeline.DONE_DIR
    deadline = time.monotonic() + 300  # a guard against a hang, not a speed goal
    while time.monotonic() < deadline and process.poll() is None:
        if done.is_dir() and len(list(done.glob("batch-*.json"))) >= 3:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(list(done.glob("batch-*.json")))
    assert 3 <= finished < 20
    rerun = subprocess.run(
        _run_command(corpus, out), cwd=paths.project_root(), capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"({finished} done by an earlier run)" in rerun.stdout
    clean = tmp_path / "clean"
    pipeline.analyze_corpus(corpus, out=clean, jobs=2, batch_size=2, progress=False)
    assert_same_run(out, clean)
    ids = pipeline.read_table(out, "documents")["doc_id"].tolist()
    assert ids == [f"k{i:02d}" for i in range(40)]
    assert not list(out.rglob(".*.tmp"))


def test_the_command_line_runs_on_the_seeds(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "run", "seeds", "--out", str(tmp_path), "--no-progress"],
        cwd=paths.project_root(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "documents: 1 in 1 batches" in done.stdout
    expected = attribution.attributions(load_seed(SEED))
    assert f"rows: attributions: {len(expected)}" in done.stdout
    assert "documents that failed: 0" in done.stdout
    assert "load report: 1 error, 1 loaded" in done.stdout  # seeds/README.md is no article
    attributions = pipeline.read_table(tmp_path, "attributions")
    pd.testing.assert_frame_equal(plain(attributions), plain(expected))


def test_bad_arguments_are_refused_at_once(tmp_path):
    for options in ({"engine": "spark"}, {"jobs": 0}, {"batch_size": 0}, {"scheduler": "x"}):
        with pytest.raises(ValueError):
            pipeline.analyze_corpus([], out=tmp_path, progress=False, **options)
