"""Result tables export to JSONL, CSV with a byte-order mark, and Parquet."""

import json

import pandas as pd
import pytest

from analysis import attribution, corpus
from analysis.export import write_table


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
