"""Writing result tables: JSONL, CSV with a byte-order mark, Parquet.

Every table the kit produces is a DataFrame with stable columns, one row per
finding.  :func:`write_table` writes it in the format its file name asks for:

* ``.jsonl``: one JSON object a line, UTF-8, Arabic as is (not escaped);
* ``.csv``: UTF-8 with a byte-order mark, so that Excel opens Arabic correctly,
  and no cell a spreadsheet would run as a formula (:func:`csv_cell`);
* ``.parquet``: typed columns, for large corpora and later analysis.

JSONL and Parquet hold every value exactly; only the CSV changes a text cell,
and only the ones that open with a formula character.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pandas as pd

FORMATS = ("jsonl", "csv", "parquet")
# A text cell that opens with one of these is run as a formula by Excel,
# LibreOffice and Google Sheets (OWASP, "CSV Injection").
FORMULA_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """A JSON-ready value: pandas' missing values become null."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def csv_cell(value):
    """*value* as a CSV cell a spreadsheet shows as text and never runs.

    Text that opens with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading apostrophe, which spreadsheets read as "this cell is text"
    (the OWASP advice for CSV exports): quoted news text and document ids can
    open with any of them.  Missing values become empty cells; numbers and
    other values are left as they are, so that ``-0.5`` stays a number.
    """
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_OPENERS) else value
    return "" if _plain(value) is None else value


def csv_rows(frame: pd.DataFrame) -> Iterable[list]:
    """The rows of *frame*, each a list of :func:`csv_cell` values."""
    for row in frame.itertuples(index=False):
        yield [csv_cell(v) for v in row]


def csv_writer(handle: TextIO, columns: Iterable[str]):
    """A CSV writer on *handle* (opened with ``newline=""``), after the
    byte-order mark and the header row.

    Every cell that is not a number is quoted, so that a comma, a semicolon
    (the separator of spreadsheets in many locales) or a line break inside a
    quotation cannot start a new cell; with :func:`csv_cell` this is the
    OWASP advice for CSV exports.
    """
    handle.write("\ufeff")  # so that Excel opens the Arabic right
    writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([str(c) for c in columns])
    return writer


def write_jsonl(records: Iterable[dict], handle: TextIO) -> int:
    """Write *records* one a line; return how many."""
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False, default=_plain) + "\n")
        count += 1
    return count


def frame_records(frame: pd.DataFrame) -> Iterable[dict]:
    for row in frame.to_dict("records"):
        yield {k: _plain(v) for k, v in row.items()}


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write *frame* to *path* as JSONL, CSV (with a BOM) or Parquet, by suffix.

    Raises:
        ValueError: for any other suffix.
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "jsonl":
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            write_jsonl(frame_records(frame), handle)
    elif suffix == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv_writer(handle, frame.columns).writerows(csv_rows(frame))
    elif suffix == "parquet":
        frame.to_parquet(path, index=False)
    else:
        raise ValueError(f"{path}: write .jsonl, .csv or .parquet, not .{suffix}")
    return path
