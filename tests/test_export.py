"""Result tables export to JSONL, CSV with a byte-order mark, and Parquet."""

import csv
import io
import json

import pandas as pd
import pytest

from analysis import attribution, corpus
from analysis.document import Document
from analysis.export import FORMULA_OPENERS, csv_cell, write_table


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return attribution.attributions(corpus.load_seed("us_iraq_troops_talks_ar"))


def test_jsonl_keeps_arabic_and_nulls(table, tmp_path):
    path = write_table(table, tmp_path / "a.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(table) and list(rows[0]) == list(table.columns)
    assert "من المتوقع" in path.read_text(encoding="utf-8")  # not \\u-escaped
    assert rows[0]["source_start"] is None


def test_csv_opens_in_excel_and_round_trips(table, tmp_path):
    path = write_table(table, tmp_path / "a.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["cue_text"].tolist() == table["cue_text"].tolist()


def test_parquet_round_trips(table, tmp_path):
    back = pd.read_parquet(write_table(table, tmp_path / "a.parquet"))
    assert back["cue_text"].tolist() == table["cue_text"].tolist()
    assert str(back["cue_start"].dtype) == "Int64"


def test_unknown_format_is_refused(table, tmp_path):
    with pytest.raises(ValueError, match=r"jsonl, \.csv or \.parquet"):
        write_table(table, tmp_path / "a.xlsx")


# A document whose id and quotations open with every character a spreadsheet
# reads as the start of a formula.
FORMULA_TEXT = (
    'قال المتحدث باسم الوزارة: «=HYPERLINK("http://example.invalid") هي الحقيقة» أمس.\n\n'
    "قال مسؤولون: «-الحرب لن تنتهي».\n\n"
    "قالت الوزارة إن «@العمل مستمر».\n\n"
    "وقال الوزير إن «+التعاون قائم».\n\n"
    "وقالت الولايات المتحدة إن «=SUM(A1) مرفوض».\n\n"
)


@pytest.fixture(scope="module")
def formula_doc() -> Document:
    return Document("=1+1", FORMULA_TEXT)


def csv_text_cells(data: bytes) -> list[str]:
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [cell for row in rows for cell in row]


def test_csv_cells_never_open_a_formula(formula_doc, tmp_path):
    table = attribution.attributions(formula_doc)
    contents = table["content_text"].tolist()
    assert {c[0] for c in contents} >= {"=", "-", "@", "+"}, contents
    cells = csv_text_cells(write_table(table, tmp_path / "a.csv").read_bytes())
    assert not [c for c in cells if c.startswith(FORMULA_OPENERS)]
    assert "'=1+1" in cells
    for content in contents:
        assert "'" + content in cells
    assert [csv_cell(s) for s in ("\tx", "\rx", " =x", "x=")] == ["'\tx", "'\rx", " =x", "x="]
    assert csv_cell(-0.5) == -0.5 and csv_cell("0.5") == "0.5" and csv_cell(None) == ""


def test_jsonl_and_parquet_keep_quotes_exact(formula_doc, tmp_path):
    table = attribution.attributions(formula_doc)
    rows = [
        json.loads(line)
        for line in write_table(table, tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    ]
    parquet = pd.read_parquet(write_table(table, tmp_path / "a.parquet")).to_dict("records")
    for exported in (rows, parquet):
        assert [r["content_text"] for r in exported] == table["content_text"].tolist()
        for r in exported:
            assert r["doc_id"] == "=1+1"
            start, end = int(r["content_start"]), int(r["content_end"])
            assert FORMULA_TEXT[start:end] == r["content_text"]


def test_cli_csv_cells_never_open_a_formula(formula_doc, tmp_path):
    from analysis.__main__ import main as cli

    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"doc_id": formula_doc.id, "text": formula_doc.text}, ensure_ascii=False),
        encoding="utf-8",
    )
    for command in (["attributions"], ["cues"], ["frames"], ["actors"]):
        out = tmp_path / f"{command[0]}.csv"
        assert cli([*command, str(path), "--format", "csv", "--out", str(out)]) == 0
        cells = csv_text_cells(out.read_bytes())
        assert not [c for c in cells if c.startswith(FORMULA_OPENERS)], command
        assert "'=1+1" in cells, command


def test_csv_quotes_every_text_cell_and_leaves_numbers_bare(tmp_path):
    frame = pd.DataFrame(
        {
            "doc_id": ["a;=1+1", "b"],
            "start": [3, -4],
            "score": [-0.5, 1.25],
            "text": ["x,y\nz", None],
        }
    )
    data = write_table(frame, tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert data.splitlines()[:2] == ['"doc_id","start","score","text"', '"a;=1+1",3,-0.5,"x,y']
    assert list(csv.reader(io.StringIO(data, newline="")))[2] == ["b", "-4", "1.25", ""]
    back = pd.read_csv(io.StringIO(data))
    assert back["start"].tolist() == [3, -4] and back["score"].tolist() == [-0.5, 1.25]
