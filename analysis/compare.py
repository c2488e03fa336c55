"""Comparisons across outlets (or any document field) from a corpus run's tables.

Every function takes tables as :func:`analysis.pipeline.read_table` gives
them and the ``documents`` table, whose ``meta`` column holds each document's
own fields; *by* names the field to group on (``outlet`` in SaudiNewsNet).
A document without that field is in the group ``unknown``.  Shares come with
their counts and a 95% Wilson interval, so that a share can be quoted with
how sure it is.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator

import pandas as pd

from analysis.document import Document

UNKNOWN = "unknown"
Z95 = 1.959963984540054  # the normal quantile of 0.975


def group_of(meta: dict, by: str = "outlet") -> str:
    """A document's group: the value of its field *by*, or :data:`UNKNOWN`."""
    value = meta.get(by)
    return str(value) if value not in (None, "") else UNKNOWN


def groups(documents: pd.DataFrame, by: str = "outlet") -> pd.Series:
    """The group of every document (:func:`group_of` its ``meta``), indexed by ``doc_id``."""
    values = [group_of(json.loads(m) if isinstance(m, str) else {}, by) for m in documents["meta"]]
    return pd.Series(values, index=documents["doc_id"].to_numpy(), name=by)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (NaN for n = 0)."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _grouped(table: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    return table.assign(**{by: table["doc_id"].map(groups(documents, by))})


def shares(table: pd.DataFrame, documents: pd.DataFrame, column: str, by: str = "outlet"):
    """Per group and value of *column*: ``count``, the group's ``total``, the
    ``share`` and its 95% interval (``low``, ``high``)."""
    grouped = _grouped(table, documents, by)
    counts = grouped.groupby([by, column]).size().rename("count").reset_index()
    totals = grouped.groupby(by).size()
    counts["total"] = counts[by].map(totals).astype("int64")
    counts["share"] = counts["count"] / counts["total"]
    bounds = [wilson(int(c), int(n)) for c, n in zip(counts["count"], counts["total"], strict=True)]
    counts["low"] = [b[0] for b in bounds]
    counts["high"] = [b[1] for b in bounds]
    return counts.sort_values([by, column], kind="stable").reset_index(drop=True)


def source_types(attributions: pd.DataFrame, documents: pd.DataFrame, by: str = "outlet"):
    """The share of each source type among the attributions of each group."""
    return shares(attributions.dropna(subset=["source_type"]), documents, "source_type", by)


def anonymous_share(attributions: pd.DataFrame, documents: pd.DataFrame, by: str = "outlet"):
    """Per group, the attributions to anonymous sources among all with a source type."""
    found = source_types(attributions, documents, by)
    rows = []
    for group, part in found.groupby(by, sort=True):
        total = int(part["total"].iloc[0])
        anonymous = int(part.loc[part["source_type"] == "anonymous", "count"].sum())
        low, high = wilson(anonymous, total)
        rows.append((group, anonymous, total, anonymous / total if total else math.nan, low, high))
    return pd.DataFrame(rows, columns=[by, "anonymous", "total", "share", "low", "high"])


def naming_by_group(mentions: pd.DataFrame, documents: pd.DataFrame, by: str = "outlet"):
    """How each actor is named in each group: mentions per naming class and
    naming word, for the actors named in more than one way anywhere."""
    named = mentions.dropna(subset=["actor_id"])
    named = _grouped(named, documents, by).fillna({"naming": ""})
    ways = named.groupby("actor_id")["naming_class"].nunique()
    named = named[named["actor_id"].isin(ways[ways > 1].index)]
    table = named.groupby(["actor_id", by, "naming_class", "naming"]).size().rename("mentions")
    return table.reset_index().sort_values(["actor_id", by, "naming_class", "naming"])


def tone_profile(tone: pd.DataFrame, documents: pd.DataFrame, by: str = "outlet"):
    """Per group, the paragraphs with polar cues, their mean tone and the
    share of them whose tone is negative."""
    paragraphs = _grouped(tone[tone["unit"] == "paragraph"], documents, by)
    rows = []
    for group, part in paragraphs.groupby(by, sort=True):
        negative = int((part["tone"] < 0).sum())
        low, high = wilson(negative, len(part))
        rows.append((group, len(part), float(part["tone"].mean()), negative / len(part), low, high))
    return pd.DataFrame(
        rows, columns=[by, "paragraphs", "mean_tone", "negative_share", "low", "high"]
    )


def frame_profile(answers: pd.DataFrame, documents: pd.DataFrame, by: str = "outlet"):
    """Per group and frame, the share of coded paragraphs that show the frame
    (answer yes to at least one of its questions)."""
    grouped = _grouped(answers, documents, by)
    shown = grouped.groupby([by, "doc_id", "paragraph", "frame"])["answer"].any().reset_index()
    rows = []
    for (group, frame), part in shown.groupby([by, "frame"], sort=True):
        yes = int(part["answer"].sum())
        low, high = wilson(yes, len(part))
        rows.append((group, frame, yes, len(part), yes / len(part), low, high))
    return pd.DataFrame(rows, columns=[by, "frame", "paragraphs", "total", "share", "low", "high"])


def first_per_group(items: Iterable, by: str = "outlet", n: int | None = None) -> Iterator:
    """The documents of *items* (as :func:`analysis.corpus.iter_load` streams
    them), at most *n* of each group (all if None), in corpus order; the load
    report's rows pass through, so a corpus run still accounts for every input."""
    taken: Counter[str] = Counter()
    for item in items:
        if isinstance(item, Document):
            group = group_of(item.meta, by)
            if n is not None and taken[group] >= n:
                continue
            taken[group] += 1
        yield item
