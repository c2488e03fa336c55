"""Outlet comparisons: groups from the documents' own fields, shares with
their counts and Wilson intervals, and sampling that keeps the load report."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis import compare, pipeline
from analysis.corpus import Document, ReportRow, iter_load, load_seed


def documents_table(groups: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(groups),
            "meta": [json.dumps({} if g is None else {"outlet": g}) for g in groups.values()],
        }
    )


def test_wilson_interval_matches_its_formula_at_known_points():
    # 5 of 10: centre 0.5, half-width z*sqrt(.025+z²/400)/(1+z²/10)
    low, high = compare.wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    low, high = compare.wilson(0, 20)
    assert low == 0.0 and high == pytest.approx(0.1611, abs=1e-4)
    assert all(math.isnan(x) for x in compare.wilson(0, 0))


def test_shares_count_per_group_and_documents_without_the_field_are_unknown():
    documents = documents_table({"a": "x", "b": "x", "c": None})
    attributions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "c", "c"],
            "source_type": ["anonymous", "named_person", "anonymous", "media", None],
        }
    )
    anonymous = compare.anonymous_share(attributions, documents)
    assert anonymous[["outlet", "anonymous", "total"]].to_dict("records") == [
        {"outlet": "unknown", "anonymous": 0, "total": 1},
        {"outlet": "x", "anonymous": 2, "total": 3},
    ]
    low, high = compare.wilson(2, 3)
    row = anonymous.iloc[1]
    assert row["share"] == pytest.approx(2 / 3) and (row["low"], row["high"]) == (low, high)


def test_the_seed_run_gives_profiles_for_its_one_group(tmp_path):
    pipeline.analyze_corpus("seeds", out=tmp_path, jobs=1, progress=False)
    read = lambda name: pipeline.read_table(tmp_path, name)  # noqa: E731
    documents = read("documents")
    profile = compare.frame_profile(read("frame_answers"), documents)
    paragraphs = len(read("frame_answers")[["paragraph"]].drop_duplicates())
    assert set(profile["outlet"]) == {"unknown"} and set(profile["total"]) == {paragraphs}
    answers = read("frame_answers")
    conflict = answers[answers["frame"] == "conflict"].groupby("paragraph")["answer"].any()
    row = profile[profile["frame"] == "conflict"].iloc[0]
    assert row["paragraphs"] == int(conflict.sum())
    tone = compare.tone_profile(read("tone"), documents)
    paragraph_tone = read("tone").query("unit == 'paragraph'")["tone"]
    assert tone["mean_tone"].iloc[0] == pytest.approx(paragraph_tone.mean())


def test_first_per_group_keeps_report_rows_and_corpus_order(tmp_path):
    records = [{"doc_id": f"d{i}", "text": f"خبر رقم {i}", "outlet": "ab"[i % 2]} for i in range(7)]
    records.append({"doc_id": "broken"})
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    items = list(compare.first_per_group(iter_load(path), "outlet", 2))
    kept = [i.id for i in items if isinstance(i, Document)]
    assert kept == ["d0", "d1", "d2", "d3"]
    assert any(isinstance(i, ReportRow) and i.status == "error" for i in items)
    seed = load_seed("us_iraq_troops_talks_ar")
    assert list(compare.first_per_group([seed], "outlet", 1)) == [seed]
