"""Corpus loading: every input accounted for, every offset exact."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import corpus, paths
from analysis.spans import check_spans

ARABIC = "قال مسؤولون عراقيون إن المحادثات لا تتعلق فقط بالتحالف مع الولايات المتحدة."
SAUDINEWSNET = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
DEV_ZERO = Path("/dev/zero")


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def hostile(tmp_path) -> Path:
    """A directory of everything a real corpus throws at a loader."""
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (d / "utf16.txt").write_bytes(("نص " + ARABIC).encode("utf-16"))
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("مقدمة " + ARABIC).encode())
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (d / "huge.txt").write_text("كلمة " * 1_000_000, encoding="utf-8")  # 5 MB, one line
    (d / "records.jsonl").write_text(
        jsonl([{"doc_id": "r1", "text": "الأول " + ARABIC, "outlet": "x"}])
        + "{this is not json\n"
        + jsonl([{"doc_id": "r3", "text": "الثالث " + ARABIC}]),
        encoding="utf-8",
    )
    (d / "no_text_column.csv").write_text("id,body\n1,نص\n", encoding="utf-8")
    (d / "page.html").write_text(
        "<html><head><title>عنوان الصفحة</title></head><body><nav>القائمة</nav><article>"
        f"<p>{ARABIC} {ARABIC}</p><script>alert('x')</script><p>{ARABIC}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (d / "surrogates.jsonl").write_text(  # lone surrogates: text, id, meta
        '{"doc_id": "s\\ud800", "text": "' + ARABIC + '\\udfff", "outlet": "\\udc00"}\n',
        encoding="utf-8",
    )
    (d / "numbers.jsonl").write_text(
        jsonl([{"doc_id": "n1", "text": "رقم " + ARABIC}])
        + '{"text": "x", "n": ' + "1" * 5000 + "}\n"  # more digits than Python converts
        + '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n",  # nested too deep
        encoding="utf-8",
    )  # fmt: skip
    complete = gzip.compress(jsonl([{"doc_id": "g1", "text": "غ " + ARABIC}]).encode(), mtime=0)
    cut = gzip.compress(jsonl([{"doc_id": "g2", "text": ARABIC}]).encode(), mtime=0)[:12]
    (d / "truncated.jsonl.gz").write_bytes(complete + cut)  # a second member cut short
    rows = ["doc_id,text"] + [f"c{i},{ARABIC} {i}" for i in range(1, 1001)]
    rows[3] = f'c3,"{ARABIC}'  # the third record opens a quote that never closes
    (d / "unclosed.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (d / "two_texts.csv").write_text("doc_id,text,text\nt1,أ,ب\n", encoding="utf-8")
    if DEV_ZERO.exists():
        (d / "zero.txt").symlink_to("/dev/zero")  # reads without end: never opened
    return d


EXPECTED = {  # file: (status, documents, a word the reason must hold)
    "bom.txt": ("loaded", 1, ""),
    "cp1256.txt": ("warning", 1, "windows-1256"),
    "empty.txt": ("empty", 0, "no text"),
    "huge.txt": ("loaded", 1, ""),
    "junk.txt": ("error", 0, "offset"),
    "no_text_column.csv": ("error", 0, "no 'text' column"),
    "numbers.jsonl": ("loaded", 1, "2 error"),
    "page.html": ("loaded", 1, ""),
    "records.jsonl": ("loaded", 2, "1 error"),
    "surrogates.jsonl": ("loaded", 1, "1 loaded"),
    "truncated.jsonl.gz": ("error", 1, "cannot read"),
    "two_texts.csv": ("error", 0, "columns with the same name: 'text'"),
    "unclosed.csv": ("error", 2, "never closed"),
    "utf16.txt": ("loaded", 1, ""),
    "zero.txt": ("error", 0, "not a regular file (a character device)"),
}


def test_hostile_corpus_is_fully_accounted_for(hostile):
    loaded = corpus.load(hostile)  # the default mode raises nothing
    report = loaded.load_report
    assert list(report.columns) == corpus.REPORT_COLUMNS
    files = report[report.record.isna()].set_index(
        report[report.record.isna()].path.map(lambda p: Path(p).name)
    )
    expected = {n: e for n, e in EXPECTED.items() if n != "zero.txt" or DEV_ZERO.exists()}
    assert sorted(files.index) == sorted(expected)
    for name, (status, documents, reason) in expected.items():
        row = files.loc[name]
        assert (row.status, row.documents) == (status, documents), (name, row.reason)
        assert reason in row.reason, (name, row.reason)
    records = report[report.record.notna()].set_index(
        [report[report.record.notna()].path.map(lambda p: Path(p).name), "record"]
    )
    assert records.loc[("records.jsonl", 2), "status"] == "error"
    assert "invalid JSON" in records.loc[("records.jsonl", 2), "reason"]
    assert "4300 digits" in records.loc[("numbers.jsonl", 2), "reason"]
    assert "nested too deeply" in records.loc[("numbers.jsonl", 3), "reason"]
    assert records.loc[("surrogates.jsonl", 1), "status"] == "warning"
    assert "replaced by U+FFFD" in records.loc[("surrogates.jsonl", 1), "reason"]
    assert report.documents.sum() == len(loaded) == 12
    assert {d.id for d in loaded} == {
        *("bom", "cp1256", "huge", "page", "r1", "r3", "utf16"),
        *("c1", "c2", "g1", "n1", "s\ufffd"),
    }
    assert loaded["s\ufffd"].text == ARABIC + "\ufffd"
    assert loaded["s\ufffd"].meta == {"outlet": "\ufffd"}
    for row in report.itertuples():
        (row.path + row.reason).encode("utf-8")  # printable
    assert loaded["cp1256"].text == ARABIC
    assert "<script>" not in loaded["page"].text and "alert" not in loaded["page"].text
    assert loaded["page"].meta["title"] == "عنوان الصفحة"
    assert loaded["r1"].meta == {"outlet": "x"}


def test_undecodable_file_names_the_encoding_and_offset(hostile):
    report = corpus.load(hostile / "junk.txt").load_report
    assert "UTF-8" in report.reason.iloc[0] and "offset" in report.reason.iloc[0]
    forced = corpus.load(hostile / "bom.txt", encoding="ascii").load_report
    assert forced.status.iloc[0] == "error"
    assert "not valid ascii (byte 0xef at offset 0)" in forced.reason.iloc[0]


def test_errors_raise_names_the_file_and_reason(hostile):
    with pytest.raises(corpus.CorpusLoadError, match=r"junk\.txt: .*offset"):
        corpus.load(hostile, errors="raise")
    with pytest.raises(corpus.CorpusLoadError, match=r"records\.jsonl, record 2: invalid JSON"):
        corpus.load(hostile / "records.jsonl", errors="raise")


def test_directory_order_is_sorted_and_recursive(tmp_path):
    for rel in ["b/2.txt", "a/1.txt", "a/10.txt", "c.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARABIC + rel, encoding="utf-8")
    assert [d.id for d in corpus.load(tmp_path)] == ["a/1", "a/10", "b/2", "c"]


def test_txt_sidecar_with_dots_in_the_name(tmp_path):
    (tmp_path / "aljazeera.2024.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "aljazeera.2024.meta.json").write_text('{"title": "right"}', encoding="utf-8")
    (tmp_path / "aljazeera.meta.json").write_text('{"title": "wrong"}', encoding="utf-8")
    loaded = corpus.load(tmp_path)
    assert loaded["aljazeera.2024"].meta == {"title": "right"}
    orphan = loaded.load_report[loaded.load_report.path.str.endswith("aljazeera.meta.json")]
    assert orphan.status.tolist() == ["error"]


def test_bad_sidecar_is_a_warning_not_a_loss(tmp_path):
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("[1, 2]", encoding="utf-8")
    loaded = corpus.load(tmp_path / "a.txt")
    assert len(loaded) == 1
    assert loaded.load_report.status.tolist() == ["warning"]
    assert "a.meta.json" in loaded.load_report.reason.iloc[0]


def test_jsonl_gz_csv_and_parquet_records(tmp_path):
    records = [
        {"doc_id": "1", "text": "الأول " + ARABIC, "outlet": "okaz"},
        {"doc_id": "2", "text": "الثاني " + ARABIC, "outlet": "alriyadh"},
    ]
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(jsonl(records))
    pd.DataFrame(records).to_csv(tmp_path / "b.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame(records).to_parquet(tmp_path / "c.parquet")
    for name in ["a.jsonl.gz", "b.csv", "c.parquet"]:
        loaded = corpus.load(tmp_path / name)
        assert [(d.id, d.text, d.meta) for d in loaded] == [
            (r["doc_id"], r["text"], {"outlet": r["outlet"]}) for r in records
        ], name
        assert loaded.load_report.status.tolist() == ["loaded"]


def test_records_without_ids_get_path_and_record_number(tmp_path):
    (tmp_path / "x.jsonl").write_text(jsonl([{"text": ARABIC}, {"text": "ثان " + ARABIC}]))
    assert [d.id for d in corpus.load(tmp_path / "x.jsonl")] == ["x:1", "x:2"]


def test_duplicates_and_repeated_text(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        jsonl(
            [
                {"doc_id": "a", "text": ARABIC},
                {"doc_id": "a", "text": "آخر " + ARABIC},
                {"doc_id": "b", "text": ARABIC},
            ]
        )
    )
    loaded = corpus.load(tmp_path / "x.jsonl")
    assert [d.id for d in loaded] == ["a", "b"]
    report = loaded.load_report.set_index("record")
    assert (
        report.loc[2, "status"] == "duplicate" and "'a' already loaded" in report.loc[2, "reason"]
    )
    assert report.loc[3, "status"] == "warning" and "same text as 'a'" in report.loc[3, "reason"]


def test_wrong_field_types_and_counts(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        jsonl([{"doc_id": "a", "text": 5}, {"doc_id": "b"}, [1, 2], {"doc_id": "c", "text": None}])
    )
    (tmp_path / "y.csv").write_text("doc_id,text\n1,نص عربي\n2,نص,زائد\n", encoding="utf-8")
    report = corpus.load(tmp_path).load_report
    reasons = {(Path(row.path).name, row.record): row.reason for row in report.itertuples()}
    assert "'text' is int" in reasons["x.jsonl", 1]
    assert "no 'text' field" in reasons["x.jsonl", 2]
    assert "expected a JSON object" in reasons["x.jsonl", 3]
    assert "no text" in reasons["x.jsonl", 4]
    assert "3 fields, the header has 2" in reasons["y.csv", 2]


def test_pdf_paste_is_loaded_with_a_warning(tmp_path):
    (tmp_path / "pdf.txt").write_text("ﻗﺎﻟﺖ ﺍﻟﺤﻜﻮﻣﺔ ﺍﻟﻌﺮﺍﻗﻴﺔ ﺇﻥ ﺍﻟﻤﺤﺎﺩﺛﺎﺕ ﻣﺴﺘﻤﺮﺓ", encoding="utf-8")
    typed = "قالت الحكومة العراقية إن المحادثات مستمرة في العاصمة وفي الولايات المتحدة"
    visual = " ".join(word[::-1] for word in reversed(typed.split(" ")))
    (tmp_path / "visual.txt").write_text(visual, encoding="utf-8")
    report = corpus.load(tmp_path).load_report.set_index("path")
    assert report.status.tolist() == ["warning", "warning"]
    assert "presentation-form" in report.reason.iloc[0]
    assert "reversed" in report.reason.iloc[1]


def test_missing_and_unsupported_inputs(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    report = corpus.load([tmp_path / "nope.txt", tmp_path / "notes.docx"]).load_report
    assert report.status.tolist() == ["error", "error"]
    assert "no such file" in report.reason.iloc[0]
    assert "unsupported file type" in report.reason.iloc[1]


def test_bad_arguments_raise_at_once(tmp_path):
    with pytest.raises(ValueError, match="format"):
        corpus.load(tmp_path, format="docx")
    with pytest.raises(ValueError, match="errors"):
        corpus.load(tmp_path, errors="ignore")
    with pytest.raises(LookupError):
        corpus.load(tmp_path, encoding="no-such-codec")


def test_seed_loads_and_paths_in_the_report_are_relative():
    loaded = corpus.load(paths.seeds_dir() / "us_iraq_troops_talks_ar.txt")
    assert loaded.load_report.path.tolist() == ["seeds/us_iraq_troops_talks_ar.txt"]
    assert loaded[0].id == "us_iraq_troops_talks_ar"
    with pytest.raises(corpus.CorpusLoadError, match="seeds present: us_iraq_troops_talks_ar"):
        corpus.load_seed("no_such_seed")


def test_corpus_tables_have_stable_columns():
    loaded = corpus.load(paths.seeds_dir() / "us_iraq_troops_talks_ar.txt")
    for layer in ["paragraphs", "regions", "sentences", "tokens"]:
        table = loaded.table(layer)
        assert list(table.columns) == ["doc_id", "start", "end", "text", "kind", "rule"]
    assert list(corpus.Corpus().table("tokens").columns)[:3] == ["doc_id", "start", "end"]


@pytest.fixture(scope="module")
def saudinewsnet_sample():
    if not SAUDINEWSNET.exists():
        pytest.skip(f"{SAUDINEWSNET} is absent: the SaudiNewsNet sample is not tested")
    items = list(corpus.iter_load(SAUDINEWSNET))
    documents = [i for i in items if isinstance(i, corpus.Document)]
    rows = [i for i in items if isinstance(i, corpus.ReportRow)]
    return documents, rows


def test_saudinewsnet_every_record_accounted_for(saudinewsnet_sample):
    documents, rows = saudinewsnet_sample
    file_row = [r for r in rows if r.record is None]
    not_loaded = [
        r for r in rows if r.record is not None and r.status in ("error", "empty", "duplicate")
    ]
    assert len(file_row) == 1 and file_row[0].documents == len(documents)
    assert len(documents) + len(not_loaded) == 31_030


def test_saudinewsnet_sample_offsets(saudinewsnet_sample):
    """Every 50th article: the full corpus is checked by the benchmark."""
    documents, _ = saudinewsnet_sample
    for doc in itertools.islice(documents, 0, None, 50):
        for layer in ("paragraphs", "sentences", "tokens"):
            check_spans(doc.text, getattr(doc, layer))
        n = doc.normalized
        for token in doc.tokens[:200]:
            assert n.text is not None and token.text
        assert len(n.starts) == len(n.text)


def test_damaged_utf8_is_an_error_not_windows_1256(tmp_path):
    data = ("قال الوزير إن المحادثات مستمرة " * 5).encode()
    (tmp_path / "cut.txt").write_bytes(data[:40] + data[41:])  # one byte lost mid-letter
    report = corpus.load(tmp_path / "cut.txt").load_report
    assert report.status.tolist() == ["error"]
    assert "damaged UTF-8" in report.reason.iloc[0] and "offset" in report.reason.iloc[0]


def test_utf16_without_a_byte_order_mark_is_an_error(tmp_path):
    (tmp_path / "u16.txt").write_bytes(ARABIC.encode("utf-16-le"))
    report = corpus.load(tmp_path / "u16.txt").load_report
    assert report.status.tolist() == ["error"] and "NUL byte" in report.reason.iloc[0]
    forced = corpus.load(tmp_path / "u16.txt", encoding="utf-16-le")
    assert forced[0].text == ARABIC


def test_links_odd_entries_and_empty_directories_are_reported(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(ARABIC, encoding="utf-8")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "linked").symlink_to(other, target_is_directory=True)
    (corpus_dir / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "empty").mkdir()
    loaded = corpus.load([corpus_dir, tmp_path / "empty"])
    rows = {Path(r.path).name: (r.status, r.reason) for r in loaded.load_report.itertuples()}
    assert rows["x.txt"][0] == "loaded"  # through the link to a directory
    assert rows["broken.txt"] == ("error", "broken link")
    assert rows["empty"][0] == "empty"
    assert [d.id for d in loaded] == ["linked/x"]


def test_csv_with_a_huge_field_loads_every_row(tmp_path):
    rows = [{"doc_id": "b1", "text": "كلمة " * 60_000}, {"doc_id": "b2", "text": ARABIC}]
    pd.DataFrame(rows).to_csv(tmp_path / "big.csv", index=False)
    loaded = corpus.load(tmp_path / "big.csv")
    assert [d.id for d in loaded] == ["b1", "b2"]


def test_uppercase_txt_keeps_its_sidecar_without_an_orphan_row(tmp_path):
    (tmp_path / "A.TXT").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "A.meta.json").write_text('{"title": "t"}', encoding="utf-8")
    loaded = corpus.load(tmp_path)
    assert loaded["A"].meta == {"title": "t"}
    assert loaded.load_report.status.tolist() == ["loaded"]


def case_sensitive(folder: Path) -> bool:
    (folder / "probe").touch()
    try:
        return not (folder / "PROBE").exists()
    finally:
        (folder / "probe").unlink()


def test_a_sidecar_whose_name_differs_in_case_is_read_with_a_warning(tmp_path):
    """The loader skips ``doc.meta.json`` as the sidecar of ``Doc.txt``; the
    text file reads it, and says its name differs in case."""
    (tmp_path / "Doc.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "doc.meta.json").write_text('{"title": "t"}', encoding="utf-8")
    loaded = corpus.load(tmp_path)
    assert loaded["Doc"].meta == {"title": "t"}
    (row,) = loaded.load_report.itertuples()
    assert Path(row.path).name == "Doc.txt" and row.status == "warning"
    assert row.reason == "metadata sidecar doc.meta.json read, though its name differs in case"


def test_two_sidecars_for_one_text_file_are_named_and_the_exact_one_read(tmp_path):
    if not case_sensitive(tmp_path):
        pytest.skip("this file system does not tell Doc from doc")
    (tmp_path / "Doc.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "Doc.meta.json").write_text('{"title": "exact"}', encoding="utf-8")
    (tmp_path / "doc.meta.json").write_text('{"title": "other"}', encoding="utf-8")
    (tmp_path / "Two.TXT").write_text("ثان " + ARABIC, encoding="utf-8")
    (tmp_path / "TWO.meta.json").write_text('{"title": "upper"}', encoding="utf-8")
    (tmp_path / "two.meta.json").write_text('{"title": "lower"}', encoding="utf-8")
    loaded = corpus.load(tmp_path)
    assert loaded["Doc"].meta == {"title": "exact"}
    assert loaded["Two"].meta == {"title": "upper"}  # none exact: the first in order
    rows = {Path(r.path).name: r for r in loaded.load_report.itertuples()}
    assert sorted(rows) == ["Doc.txt", "Two.TXT"]  # no sidecar left as an orphan
    assert rows["Doc.txt"].reason == (
        "2 metadata sidecars match (Doc.meta.json, doc.meta.json): "
        "Doc.meta.json is read, not the others"
    )
    assert rows["Two.TXT"].reason == (
        "2 metadata sidecars match (TWO.meta.json, two.meta.json): "
        "TWO.meta.json is read, not the others"
    )


def test_text_files_that_differ_in_case_each_read_their_own_sidecar(tmp_path):
    if not case_sensitive(tmp_path):
        pytest.skip("this file system does not tell Doc from doc")
    for stem, title in [("Doc", "upper"), ("doc", "lower")]:
        (tmp_path / f"{stem}.txt").write_text(f"{title} {ARABIC}", encoding="utf-8")
        (tmp_path / f"{stem}.meta.json").write_text(json.dumps({"title": title}), "utf-8")
    loaded = corpus.load(tmp_path)
    assert [(d.id, d.meta["title"]) for d in loaded] == [("Doc", "upper"), ("doc", "lower")]
    assert loaded.load_report.status.tolist() == ["loaded", "loaded"]
