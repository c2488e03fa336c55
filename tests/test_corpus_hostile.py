"""Corpus loading on hostile bytes: bounded reading, no crash, nothing lost unsaid.

Each case once ended a load with an exception, read without end, blocked, or
lost records without a word: gzip bombs and damaged archives, FIFOs and
devices, lone surrogates, JSON that Python cannot convert, CSV whose quote
never closes, repeated column names, file names that are not UTF-8, a missing
optional package.  Now each is a row of the load report and the load goes on.
"""

from __future__ import annotations

import decimal
import gzip
import json
import math
import os
import random
import sys
import tempfile
import tracemalloc
import zlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from guarded import run_guarded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import corpus

TEXT = "قال مسؤولون عراقيون إن المحادثات لا تتعلق فقط بالتحالف مع الولايات المتحدة."


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def file_rows(loaded: corpus.Corpus) -> dict[str, pd.Series]:
    """The report's row for each file, by file name."""
    report = loaded.load_report
    return {Path(row.path).name: row for _, row in report[report.record.isna()].iterrows()}


def assert_accounted_for(loaded: corpus.Corpus) -> None:
    report = loaded.load_report
    assert set(report.status) <= set(corpus.STATUSES)
    assert report.documents.sum() == len(loaded)
    for row in report.itertuples():
        row.path.encode("utf-8")  # printable: no surrogate escape left in it
        row.reason.encode("utf-8")
    for doc in loaded:
        (doc.id + doc.source + doc.text).encode("utf-8")


# ------------------------------------------------------------ bounded reads


def test_a_line_over_the_limit_is_an_error_and_the_load_goes_on(tmp_path):
    records = [{"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": "كلمة " * 400}]
    records.append({"doc_id": "c", "text": "ثالث " + TEXT})
    content = jsonl(records).encode("utf-8")
    (tmp_path / "x.jsonl").write_bytes(content)
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(content))
    for name in ("x.jsonl", "x.jsonl.gz"):
        loaded = corpus.load(tmp_path / name, max_record_bytes=1000)
        assert [d.id for d in loaded] == ["a", "c"], name
        too_long = loaded.load_report[loaded.load_report.record == 2]
        assert too_long.status.tolist() == ["error"]
        assert "over the limit of 1,000" in too_long.reason.iloc[0]
        assert "max_record_bytes" in too_long.reason.iloc[0]
        assert file_rows(loaded)[name].documents == 2
    assert len(corpus.load(tmp_path / "x.jsonl")) == 3  # the default limit is far above


def test_a_decoded_line_over_the_limit_is_measured_in_characters(tmp_path):
    records = [{"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": "كلمة " * 400}]
    (tmp_path / "u16.jsonl").write_bytes(jsonl(records).encode("utf-16"))
    loaded = corpus.load(tmp_path / "u16.jsonl", max_record_bytes=1000)
    assert [d.id for d in loaded] == ["a"]
    first = len(jsonl(records[:1]))  # characters, the byte-order mark decoded away
    reason = loaded.load_report.set_index("record").reason[2]
    assert reason == (
        f"line at character {first} is {len(jsonl(records[1:])):,} characters long, "
        "over the limit of 1,000 characters (corpus.load's max_record_bytes); not read"
    )


def gzip_of(*pieces: tuple[bytes, int]) -> bytes:
    """A gzip file of each piece repeated its number of times, compressed as
    it goes: a bomb of any size is made in little memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format
    parts = [packer.compress(piece) for piece, times in pieces for _ in range(times)]
    return b"".join([*parts, packer.flush()])


def test_a_gzip_bomb_of_one_line_is_read_within_the_default_limit(tmp_path):
    """Twice the default record limit of zeros in one line, compressed to a few
    hundred kilobytes.  As it is, the file expands far past the ratio a gzip
    may have: it is an error that keeps the record before.  With the ratio
    lifted, the line is an error row, the records around it load, and the
    loader never holds much more than the record limit."""
    limit = corpus.MAX_RECORD_BYTES
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(
        gzip_of(
            (jsonl([{"doc_id": "before", "text": TEXT}]).encode(), 1),
            (bytes(2**20), 2 * limit // 2**20 + 8),
            (("\n" + jsonl([{"doc_id": "after", "text": TEXT}])).encode(), 1),
        )
    )
    assert bomb.stat().st_size < 2**20
    tracemalloc.start()
    try:
        stopped = corpus.load(bomb)
        lifted = corpus.load(bomb, max_gzip_ratio=math.inf)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    row = file_rows(stopped)["bomb.jsonl.gz"]
    assert [d.id for d in stopped] == ["before"] and (row.status, row.documents) == ("error", 1)
    assert "more than 100 times its size" in row.reason and "max_gzip_ratio" in row.reason
    assert [d.id for d in lifted] == ["before", "after"]
    line = lifted.load_report[lifted.load_report.record == 2]
    assert line.status.tolist() == ["error"] and "max_record_bytes" in line.reason.iloc[0]
    assert peak < 2.5 * limit, f"{peak / 2**20:.0f} MiB held for a {limit / 2**20:.0f} MiB limit"


def test_a_gzip_bomb_of_blank_lines_stops_at_the_ratio(tmp_path):
    """Eight million blank lines in 8 kB: the file stops once it has given
    more than a hundred times the bytes read (and more than the floor), an
    error that keeps the record before the bomb."""
    (tmp_path / "lines.jsonl.gz").write_bytes(
        gzip_of((jsonl([{"doc_id": "before", "text": TEXT}]).encode(), 1), (b"\n" * 2**20, 8))
    )
    assert (tmp_path / "lines.jsonl.gz").stat().st_size < 2**14
    loaded = corpus.load(tmp_path / "lines.jsonl.gz")
    row = file_rows(loaded)["lines.jsonl.gz"]
    assert [d.id for d in loaded] == ["before"] and (row.status, row.documents) == ("error", 1)
    assert "more than 100 times its size" in row.reason
    assert "corpus.load's max_gzip_ratio" in row.reason
    given = int(row.reason.split(" (")[1].split(" bytes")[0].replace(",", ""))
    assert corpus.GZIP_FLOOR_BYTES < given < 2 * corpus.GZIP_FLOOR_BYTES  # stopped at once


def test_a_gzip_bomb_of_tiny_records_stops_at_the_ratio(tmp_path):
    """Three hundred thousand one-letter records compress to a few kilobytes;
    the documents read before the ratio is passed are kept and counted, and
    the ratio can be raised."""
    record = json.dumps({"text": "ا"}, ensure_ascii=False).encode() + b"\n"
    (tmp_path / "tiny.jsonl.gz").write_bytes(gzip_of((record * 1000, 300)))
    compressed = (tmp_path / "tiny.jsonl.gz").stat().st_size
    assert 300_000 * len(record) > 200 * compressed
    items = list(corpus.iter_load(tmp_path / "tiny.jsonl.gz"))
    documents = [i for i in items if isinstance(i, corpus.Document)]
    (row,) = [i for i in items if isinstance(i, corpus.ReportRow) and i.record is None]
    assert (row.status, row.documents) == ("error", len(documents))
    assert "max_gzip_ratio" in row.reason
    assert len(documents) <= 2 * corpus.GZIP_FLOOR_BYTES // len(record)  # not 300,000
    smaller = tmp_path / "small.jsonl.gz"
    smaller.write_bytes(gzip_of((record * 1000, 10)))  # 10,000 records, a ratio far above 100
    assert len(corpus.load(smaller)) == 10_000  # under the floor, any ratio is read
    with pytest.raises(ValueError, match="max_gzip_ratio"):
        corpus.load(smaller, max_gzip_ratio=0)
    with pytest.raises(ValueError, match="max_gzip_ratio"):
        corpus.load(smaller, max_gzip_ratio=math.nan)


def test_a_run_of_blank_lines_is_read_a_buffer_at_a_time(tmp_path):
    """A million blank lines (a plain file, no ratio to stop it) come from the
    line reader as a few runs, not a million lines, and the line numbers after
    them stay right."""
    blank = b"\n" * 10**6 + b" \r\n\t\n" * 1000
    with open(tmp_path / "blank.jsonl", "wb") as handle:
        handle.write(jsonl([{"doc_id": "a", "text": TEXT}]).encode() + blank + b"{not json\n")
        handle.write(jsonl([{"doc_id": "b", "text": TEXT + " ب"}]).encode())
    with open(tmp_path / "blank.jsonl", "rb") as handle:
        items = list(corpus._bounded_lines(handle, corpus.MAX_RECORD_BYTES))
    assert len(items) < 1000  # not a million
    assert sum(count for *_, count in items) == 1 + 10**6 + 2000 + 2
    loaded = corpus.load(tmp_path / "blank.jsonl")
    assert [d.id for d in loaded] == ["a", "b"]
    bad = loaded.load_report[loaded.load_report.record.notna()]
    assert bad.record.tolist() == [1 + 10**6 + 2000 + 1] and "invalid JSON" in bad.reason.iloc[0]
    assert "1002000 blank line(s)" in file_rows(loaded)["blank.jsonl"].reason


def test_limits_larger_than_any_file_are_read_as_no_limit(tmp_path):
    """A limit beyond what Python can read at once (2**70) is a limit no file
    reaches, not an error in the middle of the load."""
    records = [{"doc_id": "j", "text": TEXT}]
    (tmp_path / "x.jsonl").write_text(jsonl(records), encoding="utf-8")
    (tmp_path / "g.jsonl.gz").write_bytes(gzip.compress(jsonl([{"text": "ب " + TEXT}]).encode()))
    (tmp_path / "u16.jsonl").write_bytes(jsonl([{"text": "ت " + TEXT}]).encode("utf-16"))
    (tmp_path / "x.csv").write_text(f"doc_id,text\nc,ج {TEXT}\n", encoding="utf-8")
    (tmp_path / "old.csv").write_bytes(f"doc_id,text\nw,د {TEXT}\n".encode("cp1256"))
    (tmp_path / "t.txt").write_text("هـ " + TEXT, encoding="utf-8")
    (tmp_path / "t.meta.json").write_text('{"title": "ع"}', encoding="utf-8")
    loaded = corpus.load(tmp_path, max_record_bytes=2**70, max_file_bytes=2**70)
    assert sorted(d.id for d in loaded) == ["c", "g:1", "j", "t", "u16:1", "w"]
    assert loaded["t"].meta == {"title": "ع"}
    assert set(loaded.load_report.status) <= {"loaded", "warning"}


def test_a_file_over_the_whole_file_limit_is_an_error(tmp_path):
    (tmp_path / "big.txt").write_text(TEXT * 100, encoding="utf-8")
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    loaded = corpus.load(tmp_path, max_file_bytes=1000)
    rows = file_rows(loaded)
    assert rows["big.txt"].status == "error" and "max_file_bytes" in rows["big.txt"].reason
    assert rows["small.txt"].status == "loaded" and [d.id for d in loaded] == ["small"]
    with pytest.raises(ValueError, match="max_record_bytes"):
        corpus.load(tmp_path, max_record_bytes=0)


def test_a_sidecar_over_the_record_limit_is_ignored_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "x" * 5000}), encoding="utf-8")
    loaded = corpus.load(tmp_path / "a.txt", max_record_bytes=1000)
    assert loaded[0].meta == {} and loaded.load_report.status.tolist() == ["warning"]
    assert "a.meta.json ignored" in loaded.load_report.reason.iloc[0]
    assert "max_record_bytes" in loaded.load_report.reason.iloc[0]


# Run in a child process with a time limit and a memory limit, so that a load
# that blocks on a FIFO or reads /dev/zero without end fails the test instead
# of hanging it or exhausting the machine's memory.
GUARDED_LOAD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from analysis import corpus
loaded = corpus.load(sys.argv[1:])
rows = [{"path": r.path, "status": r.status, "reason": r.reason}
        for r in loaded.load_report.itertuples()]
print(json.dumps({"report": rows, "ids": [d.id for d in loaded]}))
"""


def guarded_load(*paths: Path) -> dict:
    """The load report and document ids of loading *paths* (the load takes a second)."""
    found = run_guarded(
        GUARDED_LOAD,
        *paths,
        timeout=30,
        hung="the load did not return: it blocks on a FIFO or reads without end",
    )
    return json.loads(found)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_and_devices_are_never_opened(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(d / "a.meta.json")  # a sidecar that would block the reader
    (d / "b.txt").write_text("ثان " + TEXT, encoding="utf-8")
    (d / "b.meta.json").symlink_to("/dev/zero")  # a sidecar that reads without end
    os.mkfifo(d / "fifo.jsonl")
    (d / "zero.jsonl").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "given.txt")
    found = guarded_load(d, tmp_path / "given.txt", "/dev/zero")
    rows = {Path(r["path"]).name: r for r in found["report"]}
    assert found["ids"] == ["a", "b"]  # the texts load despite their sidecars
    assert rows["a.txt"]["status"] == rows["b.txt"]["status"] == "warning"
    assert "a.meta.json ignored: not a regular file (a FIFO)" in rows["a.txt"]["reason"]
    assert "b.meta.json ignored: not a regular file (a character device)" in rows["b.txt"]["reason"]
    for name, kind in [
        ("a.meta.json", "a FIFO"),
        ("b.meta.json", "a character device"),
        ("fifo.jsonl", "a FIFO"),
        ("zero.jsonl", "a character device"),
        ("given.txt", "a FIFO"),
        ("zero", "a character device"),
    ]:
        assert rows[name]["status"] == "error", name
        assert rows[name]["reason"] == f"not a regular file ({kind}); not opened", name


# ------------------------------------------------------------ damaged gzip


def test_three_hundred_damaged_archives_never_end_the_load(tmp_path):
    records = [{"doc_id": f"d{i}", "text": f"{TEXT} {i}", "outlet": "x"} for i in range(40)]
    valid = gzip.compress(jsonl(records).encode("utf-8"), mtime=0)
    rng = random.Random(20240601)
    for n in range(300):
        data = bytearray(valid)
        if n % 3 == 0:  # a truncated download
            data = data[: rng.randrange(len(data))]
        else:  # one or a few bytes flipped
            for _ in range(rng.choice([1, 1, 2, 5])):
                data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        (tmp_path / f"c{n:03}.jsonl.gz").write_bytes(bytes(data))
    loaded = corpus.load(tmp_path)  # no exception
    assert_accounted_for(loaded)
    rows = file_rows(loaded)
    assert sorted(rows) == [f"c{n:03}.jsonl.gz" for n in range(300)]
    broken = [r for r in rows.values() if r.status == "error"]
    assert len(broken) > 100
    assert all(r.reason.startswith("cannot read: ") for r in broken)
    assert any(r.documents > 0 for r in broken)  # what was read before the damage is kept


# ------------------------------------------------------------ JSON values


def test_lone_surrogates_are_replaced_in_text_id_and_meta(tmp_path):
    (tmp_path / "s.jsonl").write_text(
        '{"doc_id": "a\\ud800", "text": "\\udfff' + TEXT + '", "outlet": "x\\udc00",'
        ' "tags": [{"k\\ud801": ["\\ud802", 1]}], "pair": "\\ud83d\\ude00"}\n'
        + jsonl([{"doc_id": "b", "text": TEXT + " ٢"}])
        + '{"body\\ud800": "no text field"}\n',
        encoding="utf-8",
    )
    loaded = corpus.load(tmp_path / "s.jsonl")
    assert_accounted_for(loaded)
    doc = loaded["a\ufffd"]
    assert doc.text == "\ufffd" + TEXT  # one character for one: offsets do not move
    assert doc.meta == {"outlet": "x\ufffd", "tags": [{"k\\ud801": ["\ufffd", 1]}], "pair": "😀"}
    row = loaded.load_report[loaded.load_report.record == 1]
    assert row.status.tolist() == ["warning"]
    assert row.reason.iloc[0].endswith(
        "replaced by U+FFFD: 1 in the text, 1 in the id, 1 in meta 'outlet', 1 in meta 'tags'; "
        "lone surrogates in field names written as escapes (\\ud800 and the like) "
        "to keep them apart: "
        "1 in meta 'tags'"
    )
    assert loaded.load_report[loaded.load_report.record == 2].empty  # loaded as it is
    no_text = loaded.load_report[loaded.load_report.record == 3].reason.iloc[0]
    assert no_text == "no 'text' field (fields: body\\ud800)"  # printable, as an escape


def test_lone_surrogates_in_field_names_are_escaped_and_stay_distinct(tmp_path):
    """Field names are not text with offsets: written as escapes, two names
    that differ only in their lone surrogates stay two fields; names that are
    the same once escaped are said to be, with the last value kept."""
    (tmp_path / "k.jsonl").write_text(
        '{"doc_id": "z", "text": "' + TEXT + '", "\\ud800": 1, "\\ud801": 2,'
        ' "nested": {"\\udc00": "\\udc00", "\\udc01": 3}}\n'
        '{"doc_id": "y", "text": "' + TEXT + ' ٢", "\\ud800": 1, "\\\\ud800": 2}\n',
        encoding="utf-8",
    )
    loaded = corpus.load(tmp_path / "k.jsonl")
    assert_accounted_for(loaded)
    assert loaded["z"].meta == {
        "\\ud800": 1, "\\ud801": 2, "nested": {"\\udc00": "\ufffd", "\\udc01": 3}
    }  # fmt: skip
    assert loaded["y"].meta == {"\\ud800": 2}
    reasons = loaded.load_report.set_index("record").reason
    assert reasons[1] == (
        "lone surrogates (which no encoding can write) replaced by U+FFFD: 1 in meta 'nested'; "
        "lone surrogates in field names written as escapes (\\ud800 and the like) "
        "to keep them apart: "
        "1 in meta '\\ud800', 1 in meta '\\ud801', 2 in meta 'nested'"
    )
    assert reasons[2].endswith(
        "field names that are the same once escaped (the last value is kept): 1 in meta '\\ud800'"
    )


def test_json_python_cannot_convert_is_an_error_row(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        jsonl([{"doc_id": "a", "text": TEXT}])
        + '{"doc_id": "b", "text": "ب", "n": ' + "9" * 5000 + "}\n"
        + '{"doc_id": "c", "text": "ج", "deep": ' + "[" * 200_000 + "]" * 200_000 + "}\n"
        + jsonl([{"doc_id": "d", "text": "رابع " + TEXT}]),
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "y.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "y.meta.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    loaded = corpus.load(tmp_path)
    assert [d.id for d in loaded] == ["a", "d", "y"]
    report = loaded.load_report.set_index(["record"])
    assert report.loc[2, "status"] == "error" and "4300 digits" in report.loc[2, "reason"]
    assert report.loc[3, "status"] == "error" and "nested too deeply" in report.loc[3, "reason"]
    assert "y.meta.json ignored: nested too deeply" in file_rows(loaded)["y.txt"].reason


# ------------------------------------------------------------------- CSV


def test_a_quote_that_never_closes_is_an_error_not_one_huge_document(tmp_path):
    lines = ["doc_id,text"] + [f"{i},{TEXT} {i}" for i in range(1, 1001)]
    lines[3] = '3,"' + TEXT  # the third record opens a quote and never closes it
    (tmp_path / "unclosed.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = corpus.load(tmp_path / "unclosed.csv")
    assert [d.id for d in loaded] == ["1", "2"]
    row = file_rows(loaded)["unclosed.csv"]
    assert (row.status, row.documents) == ("error", 2)
    assert "quote opened in record 3 (line 4) is never closed" in row.reason
    assert "to line 1001" in row.reason
    with pytest.raises(corpus.CorpusLoadError, match=r"unclosed\.csv: invalid CSV"):
        corpus.load(tmp_path / "unclosed.csv", errors="raise")


def test_text_after_a_closing_quote_stops_the_csv_and_keeps_what_came_before(tmp_path):
    (tmp_path / "x.csv").write_text(
        f'doc_id,text\n1,{TEXT}\n2,"{TEXT}"x\n3,"{TEXT}\n"\n', encoding="utf-8"
    )
    loaded = corpus.load(tmp_path / "x.csv")
    row = file_rows(loaded)["x.csv"]
    assert [d.id for d in loaded] == ["1"] and (row.status, row.documents) == ("error", 1)
    assert "invalid CSV in record 2 (line 3)" in row.reason


def test_a_csv_record_over_the_limit_stops_the_file(tmp_path):
    rows = [{"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": "كلمة\n" * 500}]
    pd.DataFrame(rows).to_csv(tmp_path / "x.csv", index=False)
    loaded = corpus.load(tmp_path / "x.csv", max_record_bytes=1000)
    row = file_rows(loaded)["x.csv"]
    assert [d.id for d in loaded] == ["a"] and row.status == "error"
    assert "record 2 (line 3)" in row.reason and "max_record_bytes" in row.reason
    assert row.reason.startswith(
        "record 2 (line 3) is over the limit of 1,000 characters for a record"
    )  # over the limit, not "invalid CSV"
    assert len(corpus.load(tmp_path / "x.csv")) == 2


def test_repeated_column_names_are_an_error(tmp_path):
    (tmp_path / "two_texts.csv").write_text("doc_id,text,text\n1,أ,ب\n", encoding="utf-8")
    (tmp_path / "two_outlets.csv").write_text("doc_id,text,outlet,outlet\n1,أ,x,y\n")
    table = pa.table(
        [pa.array(["1"]), pa.array(["أ"]), pa.array(["ب"])], ["doc_id", "text", "text"]
    )
    pq.write_table(table, tmp_path / "two_texts.parquet")
    loaded = corpus.load(tmp_path)
    assert len(loaded) == 0
    for name, column in [
        ("two_texts.csv", "'text'"),
        ("two_outlets.csv", "'outlet'"),
        ("two_texts.parquet", "'text'"),
    ]:
        row = file_rows(loaded)[name]
        assert row.status == "error" and f"columns with the same name: {column}" in row.reason


def test_parquet_text_that_is_not_utf8_is_an_error_row_and_the_rest_loads(tmp_path):
    texts = pa.array([TEXT.encode(), b"\xff\xfe", ("ج " + TEXT).encode()], pa.binary())
    table = pa.table({"doc_id": ["a", "b", "c"], "text": texts.view(pa.string())})
    pq.write_table(table, tmp_path / "x.parquet")  # Arrow writes it without a check
    loaded = corpus.load(tmp_path / "x.parquet")
    assert [d.id for d in loaded] == ["a", "c"]
    bad = loaded.load_report[loaded.load_report.record == 2]
    assert bad.status.tolist() == ["error"] and "not valid UTF-8" in bad.reason.iloc[0]


def test_parquet_values_python_cannot_hold_are_error_rows_and_the_rest_loads(tmp_path):
    """Valid Parquet whose values do not convert to Python (a timestamp past
    the year 9999, a date of day 2**31, a time zone no one knows, a struct
    whose fields repeat a name): each row is an error naming the column, and
    the other rows load."""
    texts = pa.array([TEXT, "ب " + TEXT, "ج " + TEXT])
    hostile = {
        "timestamp": (pa.array([0, 2**62, 0], pa.timestamp("us")), "OverflowError"),
        "date": (pa.array([0, 2**31 - 1, 0], pa.date32()), "OverflowError"),
        "zone": (pa.array([0, 0, 0], pa.timestamp("s", tz="Mars/Olympus")), "Mars/Olympus"),
        "struct": (
            pa.StructArray.from_arrays([pa.array([1, 2, 3]), pa.array([4, 5, 6])], ["k", "k"]),
            "duplicate field names",
        ),
    }
    for name, (column, _) in hostile.items():
        pq.write_table(pa.table({"text": texts, name: column}), tmp_path / f"{name}.parquet")
    loaded = corpus.load(tmp_path)  # no exception
    assert_accounted_for(loaded)
    report = loaded.load_report
    for name, (_, why) in hostile.items():
        rows = report[report.path.str.endswith(f"/{name}.parquet")]
        every_row = name in ("zone", "struct")  # the whole column cannot be held
        assert rows[rows.record.isna()].status.tolist() == ["error" if every_row else "loaded"]
        rows = rows[rows.status.eq("error") & rows.record.notna()]
        assert rows.record.tolist() == ([1, 2, 3] if every_row else [2]), name
        assert all(
            r.startswith(f"column {name!r}: a value Python cannot hold") for r in rows.reason
        )
        assert all(why in r for r in rows.reason), (name, rows.reason.tolist())
    assert [d.id for d in loaded] == ["date:1", "date:3", "timestamp:1", "timestamp:3"]


def test_valid_parquet_of_every_kind_loads_or_says_why(tmp_path):
    """Decimals, nested lists and structs, maps, a dictionary-encoded text
    column, a null column and null values load; a binary text column is an
    error for each row; nothing ends the load."""
    table = pa.table(
        {
            "doc_id": pa.array(["a", None, "c", "d"]),
            "text": pa.array([TEXT, "ب " + TEXT, None, "د " + TEXT]).dictionary_encode(),
            "amount": pa.array([decimal.Decimal("1e30")] * 4, pa.decimal128(38, 0)),
            "tags": pa.array([[{"x": [1, 2]}], [], None, [{"x": None}]]),
            "pairs": pa.array([[("k", 1)], None, [], []], pa.map_(pa.string(), pa.int64())),
            "nothing": pa.nulls(4),
        }
    )
    pq.write_table(table, tmp_path / "kinds.parquet")
    binary = pa.table(
        {"doc_id": ["x", "y"], "text": pa.array([TEXT.encode(), b"\xff"], pa.binary())}
    )
    pq.write_table(binary, tmp_path / "binary.parquet")
    loaded = corpus.load(tmp_path)
    assert_accounted_for(loaded)
    assert [d.id for d in loaded] == ["a", "kinds:2", "d"]
    assert loaded["a"].meta == {
        "amount": decimal.Decimal("1e30"), "tags": [{"x": [1, 2]}], "pairs": [("k", 1)],
        "nothing": None,
    }  # fmt: skip
    report = loaded.load_report.set_index(["path", "record"])
    kinds = report.xs(str(tmp_path / "kinds.parquet"), level="path")
    assert kinds.loc[3, "status"] == "empty"
    binary_rows = report.xs(str(tmp_path / "binary.parquet"), level="path")
    assert binary_rows.loc[[1, 2], "reason"].tolist() == ["'text' is bytes, not text"] * 2


def test_csv_in_windows_1256_is_still_read_whole_and_detected(tmp_path):
    (tmp_path / "old.csv").write_bytes(f"doc_id,text\n1,{TEXT}\n".encode("cp1256"))
    loaded = corpus.load(tmp_path / "old.csv")
    assert loaded[0].text == TEXT
    assert "windows-1256" in loaded.load_report.reason.iloc[0]
    limited = corpus.load(tmp_path / "old.csv", max_file_bytes=20)
    assert "max_file_bytes" in limited.load_report.reason.iloc[0]


# ------------------------------------------------------------ file names


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_still_loads(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.txt", "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    with open(folder + b"/r\xff.jsonl", "wb") as handle:
        handle.write(jsonl([{"text": TEXT}]).encode("utf-8"))
    loaded = corpus.load(tmp_path)
    assert_accounted_for(loaded)
    rows = file_rows(loaded)
    assert sorted(rows) == ["caf\\xe9.txt", "r\\xff.jsonl"]
    assert rows["caf\\xe9.txt"].status == "warning" and "not UTF-8" in rows["caf\\xe9.txt"].reason
    assert rows["r\\xff.jsonl"].status == "loaded" and "not UTF-8" in rows["r\\xff.jsonl"].reason
    assert [d.id for d in loaded] == ["caf\\xe9", "r\\xff:1"]
    assert loaded["caf\\xe9"].text == TEXT and loaded["caf\\xe9"].source.endswith("caf\\xe9.txt")
    as_bytes = corpus.load(folder + b"/caf\xe9.txt")  # a path given as bytes
    assert as_bytes.load_report.path.iloc[0].endswith("caf\\xe9.txt") and len(as_bytes) == 1


def test_an_encoding_that_is_not_a_text_encoding_is_refused_at_once(tmp_path):
    (tmp_path / "x.jsonl").write_text(jsonl([{"text": TEXT}]), encoding="utf-8")
    with pytest.raises(LookupError, match="not a text encoding"):
        corpus.load(tmp_path, encoding="rot13")


# ------------------------------------------------------- missing packages


@pytest.mark.parametrize(
    ("name", "modules", "package"),
    [
        ("page.html", ["trafilatura"], "trafilatura"),
        ("t.parquet", ["pyarrow", "pyarrow.parquet"], "pyarrow"),
    ],
)
def test_a_missing_package_is_named_with_how_to_install_it(
    tmp_path, monkeypatch, name, modules, package
):
    (tmp_path / "page.html").write_text(f"<html><body><p>{TEXT}</p></body></html>")
    pd.DataFrame([{"doc_id": "p", "text": TEXT}]).to_parquet(tmp_path / "t.parquet")
    (tmp_path / "z.txt").write_text(TEXT, encoding="utf-8")
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)  # `import` now raises ImportError
    loaded = corpus.load([tmp_path / name, tmp_path / "z.txt"])
    row = file_rows(loaded)[name]
    assert row.status == "error" and f"pip install {package}" in row.reason
    assert [d.id for d in loaded] == ["z"]  # the load went on
    with pytest.raises(corpus.CorpusLoadError, match=rf"{name}: .*pip install {package}"):
        corpus.load(tmp_path / name, errors="raise")


@pytest.mark.parametrize(
    ("absent", "module"),
    [
        ("lxml_html_clean", "lxml_html_clean"),  # lxml 5.2 on: lxml.html.clean raises its own error
        ("lxml.html.clean", "lxml.html.clean"),
    ],
)
def test_a_missing_module_of_a_package_is_named_with_the_package_to_install(
    tmp_path, monkeypatch, absent, module
):
    """trafilatura imports lxml.html.clean (through jusText), which needs the
    package lxml-html-clean since lxml 5.2: the row names the module that is
    missing and that package, not trafilatura, which is there."""
    fake = tmp_path / "site" / "trafilatura"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("from lxml.html.clean import Cleaner\n")
    (tmp_path / "page.html").write_text(f"<html><body><p>{TEXT}</p></body></html>")
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    monkeypatch.delitem(sys.modules, "lxml.html.clean", raising=False)
    monkeypatch.setitem(sys.modules, absent, None)  # `import` of it now raises ImportError
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    row = file_rows(corpus.load(tmp_path / "page.html"))["page.html"]
    assert row.status == "error"
    assert row.reason.startswith(
        f"reading HTML needs the trafilatura package, which cannot be imported: it needs the "
        f"module {module} ("
    )
    assert row.reason.endswith("): install it with pip install lxml-html-clean")
    assert "\n" not in row.reason


# ------------------------------------------------------------------ fuzz


def _valid_files() -> dict[str, bytes]:
    records = [{"doc_id": "a", "text": TEXT, "n": 1}, {"doc_id": "b", "text": "ب " + TEXT}]
    with tempfile.TemporaryDirectory() as scratch:
        pd.DataFrame(records).to_parquet(Path(scratch) / "p.parquet", compression="none")
        parquet = (Path(scratch) / "p.parquet").read_bytes()
    return {
        "x.txt": TEXT.encode("utf-8"),
        "x.jsonl": jsonl(records).encode("utf-8"),
        "x.jsonl.gz": gzip.compress(jsonl(records).encode("utf-8"), mtime=0),
        "x.csv": pd.DataFrame(records).to_csv(index=False).encode("utf-8"),
        "u16.jsonl": jsonl(records).encode("utf-16"),  # decoded as a stream of text
        "u16.csv": pd.DataFrame(records).to_csv(index=False).encode("utf-16"),
        "x.parquet": parquet,
        "x.html": f"<html><head><title>ع</title></head><body><p>{TEXT}</p></body></html>".encode(),
        "a.meta.json": b'{"title": "\\u0639", "outlet": ["x"]}',
    }


VALID = _valid_files()


@st.composite
def hostile_files(draw) -> tuple[str, bytes]:
    """A file of each format: random bytes, or a valid file damaged."""
    name = draw(st.sampled_from(sorted(VALID)))
    if draw(st.booleans()):
        return name, draw(st.binary(max_size=600))
    data = bytearray(VALID[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["flip", "cut", "insert"]))
        if how == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at:]
        else:
            data[at:at] = draw(
                st.sampled_from([b'"', b"\n", b",", b"\x00", b"\xff", b"\\ud800", b"{", b"\r"])
            )
    return name, bytes(data)


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile_files())
def test_random_and_damaged_files_of_every_format_never_raise(named):
    name, data = named
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / name).write_bytes(data)
        if name == "a.meta.json":
            (folder / "a.txt").write_text(TEXT, encoding="utf-8")
        loaded = corpus.load(folder)
    assert_accounted_for(loaded)
    assert len(file_rows(loaded)) == 1
