"""Partial-overlap precision, recall and F1 for labelled spans.

The measure used by ArAIEval 2024 Task 1 (after SemEval-2020 Task 11): a
predicted span earns credit in proportion to the characters it shares with
gold spans of the same label, and a gold span is recalled in proportion to
the characters predictions of its label cover.  With S the predicted spans
and T the gold spans, over all documents,

    P = (1/|S|) Σ_s Σ_t |s ∩ t| / |s|  for t with the label of s
    R = (1/|T|) Σ_t Σ_s |s ∩ t| / |t|  for s with the label of t

and F1 is their harmonic mean.  Overlapping predictions of one label are
merged first, so that one gold character is never credited twice, and a
prediction's credit is at most 1 where gold spans of its label overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

SCORE_COLUMNS = ["label", "precision", "recall", "f1", "predicted", "gold"]


@dataclass(frozen=True)
class LabelledSpan:
    doc_id: str
    start: int
    end: int
    label: str


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters the spans *a* and *b* share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def prf(credit_p: float, predicted: int, credit_r: float, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from the credit earned by *predicted* spans
    and by *gold* spans (0 where there is nothing to divide by)."""
    precision = credit_p / predicted if predicted else 0.0
    recall = credit_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def partial_overlap(
    predicted: Iterable[LabelledSpan], gold: Iterable[LabelledSpan]
) -> pd.DataFrame:
    """One row per label, and a last row ``micro`` over all labels, with the
    columns :data:`SCORE_COLUMNS`.  Empty spans are ignored."""
    pred: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    true: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for span in predicted:
        if span.end > span.start:
            pred[span.doc_id, span.label].append((span.start, span.end))
    for span in gold:
        if span.end > span.start:
            true[span.doc_id, span.label].append((span.start, span.end))
    pred = {key: _merge(spans) for key, spans in pred.items()}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for key in set(pred) | set(true):
        label = key[1]
        ps, ts = pred.get(key, []), true.get(key, [])
        totals = sums[label]
        totals[0] += sum(min(1.0, sum(overlap(s, t) for t in ts) / (s[1] - s[0])) for s in ps)
        totals[1] += sum(sum(overlap(s, t) for s in ps) / (t[1] - t[0]) for t in ts)
        totals[2] += len(ps)
        totals[3] += len(ts)
    rows = [_row(label, *sums[label]) for label in sorted(sums)]
    micro = [sum(sums[label][i] for label in sums) for i in range(4)]
    rows.append(_row("micro", *micro))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _row(label: str, p_credit: float, r_credit: float, n_pred: int, n_gold: int) -> dict:
    precision, recall, f1 = prf(p_credit, n_pred, r_credit, n_gold)
    return {
        "label": label,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "predicted": n_pred,
        "gold": n_gold,
    }
