"""Partial-overlap span scores, on spans worked out by hand."""

from __future__ import annotations

import pytest

from analysis.scoring import SCORE_COLUMNS, LabelledSpan, partial_overlap


def spans(*items):
    return [LabelledSpan(doc, start, end, label) for doc, start, end, label in items]


def row(table, label):
    return table.set_index("label").loc[label]


def test_half_overlap_earns_half_credit_both_ways():
    table = partial_overlap(spans(("d", 0, 10, "L")), spans(("d", 5, 15, "L")))
    assert list(table.columns) == SCORE_COLUMNS
    r = row(table, "L")
    assert (r.precision, r.recall, r.f1) == pytest.approx((0.5, 0.5, 0.5))


def test_other_labels_and_other_documents_earn_nothing():
    gold = spans(("d", 0, 10, "L"))
    assert row(partial_overlap(spans(("d", 0, 10, "N")), gold), "micro").f1 == 0
    assert row(partial_overlap(spans(("e", 0, 10, "L")), gold), "micro").f1 == 0


def test_one_prediction_over_two_gold_spans():
    table = partial_overlap(spans(("d", 0, 20, "L")), spans(("d", 0, 5, "L"), ("d", 10, 15, "L")))
    r = row(table, "L")
    assert (r.precision, r.recall) == pytest.approx((0.5, 1.0))


def test_overlapping_predictions_are_merged_before_scoring():
    table = partial_overlap(spans(("d", 0, 10, "L"), ("d", 5, 15, "L")), spans(("d", 0, 15, "L")))
    r = row(table, "L")
    assert (r.precision, r.recall, r.predicted) == pytest.approx((1.0, 1.0, 1))


def test_precision_credit_is_capped_where_gold_spans_overlap():
    table = partial_overlap(spans(("d", 0, 10, "L")), spans(("d", 0, 10, "L"), ("d", 0, 10, "L")))
    assert row(table, "L").precision == pytest.approx(1.0)


def test_micro_pools_labels_and_nothing_scores_zero():
    table = partial_overlap(
        spans(("d", 0, 10, "A"), ("d", 20, 30, "B")), spans(("d", 0, 10, "A"), ("d", 40, 50, "B"))
    )
    r = row(table, "micro")
    assert (r.precision, r.recall, r.predicted, r.gold) == pytest.approx((0.5, 0.5, 2, 2))
    empty = partial_overlap([], [])
    assert empty.label.tolist() == ["micro"] and empty.f1.tolist() == [0.0]
