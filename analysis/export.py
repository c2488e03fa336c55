"""Writing result tables: JSONL, CSV with a byte-order mark, Parquet.

Every table the kit produces is a DataFrame with stable columns, one row per
finding.  :func:`write_table` writes it in the format its file name asks for:

* ``.jsonl``: one JSON object a line, UTF-8, Arabic as is (not escaped);
* ``.csv``: UTF-8 with a byte-order mark, so that Excel opens Arabic correctly;
* ``.parquet``: typed columns, for large corpora and later analysis.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import pandas as pd

FORMATS = ("jsonl", "csv", "parquet")


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
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif suffix == "parquet":
        frame.to_parquet(path, index=False)
    else:
        raise ValueError(f"{path}: write .jsonl, .csv or .parquet, not .{suffix}")
    return path
