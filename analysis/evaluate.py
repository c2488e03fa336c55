"""Scoring attribution relations against a gold standard.

Relations on both sides are in BBC Citron's layout: ``cue``, ``sources[]``
and ``contents[]``, each ``{start, end, text}``, plus ``quote_type`` and
``source_type``.  For each role (cue, source, content) :func:`score` reports:

* **exact** precision, recall and F1: a predicted span counts when a gold
  span of the same role in the same document has the same offsets;
* **overlap** precision, recall and F1, with partial credit: each predicted
  span earns the largest share of its characters covered by one gold span of
  its role (precision), and each gold span the largest share covered by one
  predicted span (recall), as in ArAIEval's partial matching.

Relations are paired by their cues (the predicted relation whose cue overlaps
a gold cue most); on those pairs it reports the accuracy of ``quote_type``,
``source_type`` and ``cue_class``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.scoring import overlap, prf

ROLES = ("cue", "source", "content")
LABELS = ("quote_type", "source_type", "cue_class")


def _spans(relations: Iterable[dict], role: str) -> list[tuple[int, int]]:
    if role == "cue":
        return [(r["cue"]["start"], r["cue"]["end"]) for r in relations]
    key = "sources" if role == "source" else "contents"
    return [(s["start"], s["end"]) for r in relations for s in r.get(key, [])]


def _best_share(span: tuple[int, int], others: list[tuple[int, int]]) -> float:
    length = span[1] - span[0]
    if length <= 0 or not others:
        return 0.0
    return max(overlap(span, o) for o in others) / length


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_p: float = 0.0
    overlap_r: float = 0.0


def _prf(hits_p: float, predicted: int, hits_r: float, gold: int) -> dict[str, float]:
    p, r, f = prf(hits_p, predicted, hits_r, gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(predicted: Mapping[str, list[dict]], gold: Mapping[str, list[dict]]) -> dict[str, object]:
    """Scores of *predicted* against *gold*, both ``{doc_id: [relation, …]}``.

    Only documents in *gold* are scored; a gold document with no predicted
    relations counts all its relations as missed.
    """
    tallies = {role: _Tally() for role in ROLES}
    agree = {label: 0 for label in LABELS}
    paired = 0
    for doc_id, gold_relations in gold.items():
        mine = predicted.get(doc_id, [])
        for role in ROLES:
            p_spans, g_spans = _spans(mine, role), _spans(gold_relations, role)
            t = tallies[role]
            t.predicted += len(p_spans)
            t.gold += len(g_spans)
            t.exact += len(set(p_spans) & set(g_spans))
            t.overlap_p += sum(_best_share(s, g_spans) for s in p_spans)
            t.overlap_r += sum(_best_share(s, p_spans) for s in g_spans)
        for g in gold_relations:
            g_cue = (g["cue"]["start"], g["cue"]["end"])
            best = max(
                mine,
                key=lambda r: overlap(g_cue, (r["cue"]["start"], r["cue"]["end"])),
                default=None,
            )
            if best is None or not overlap(g_cue, (best["cue"]["start"], best["cue"]["end"])):
                continue
            paired += 1
            for label in LABELS:
                agree[label] += best.get(label) == g.get(label)
    result: dict[str, object] = {"documents": len(gold), "paired_relations": paired}
    for role, t in tallies.items():
        result[role] = {
            "predicted": t.predicted,
            "gold": t.gold,
            "exact": _prf(t.exact, t.predicted, t.exact, t.gold),
            "overlap": _prf(t.overlap_p, t.predicted, t.overlap_r, t.gold),
        }
    for label in LABELS:
        result[f"{label}_accuracy"] = round(agree[label] / paired, 4) if paired else 0.0
    return result


def read_gold(path: Path) -> list[dict]:
    """The records of a gold file (``tests/gold/attribution.jsonl``)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_documents(records: Iterable[dict]):
    """The documents the gold records were annotated on, checked by hash.

    Seeds come from ``seeds/``; SaudiNewsNet articles from ``../shared/data``.

    Raises:
        FileNotFoundError: if SaudiNewsNet is needed and absent.
        ValueError: if a text differs from the one annotated.
    """
    import hashlib

    from analysis import corpus, paths

    records = list(records)
    wanted = {r["doc_id"]: r for r in records}
    docs = {}
    for doc_id in wanted:
        if not doc_id.startswith("snn:"):
            docs[doc_id] = corpus.load_seed(doc_id)
    missing = set(wanted) - set(docs)
    if missing:
        source = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
        if not source.exists():
            raise FileNotFoundError(f"{source} is absent: cannot score {len(missing)} articles")
        for item in corpus.iter_load(source):
            if isinstance(item, corpus.Document) and item.id in missing:
                docs[item.id] = item
    for doc_id, doc in docs.items():
        digest = hashlib.sha256(doc.text.encode()).hexdigest()
        if digest != wanted[doc_id]["text_sha256"]:
            raise ValueError(f"{doc_id}: its text is not the one the gold was annotated on")
    return docs


def _part_order(split: str) -> tuple[bool, str, int]:
    """``tune`` first, then parts by name and number (``heldout2`` before ``heldout10``)."""
    name = split.rstrip("0123456789")
    number = split[len(name) :]
    return split != "tune", name, int(number) if number else 0


def main(argv: list[str] | None = None) -> int:
    from analysis import attribution, paths

    parser = argparse.ArgumentParser(description="Score attribution against the gold standard.")
    parser.add_argument(
        "gold", nargs="?", type=Path, default=paths.project_root() / "tests/gold/attribution.jsonl"
    )
    parser.add_argument(
        "--pool",
        action="append",
        default=[],
        metavar="PART,PART…",
        help="also score these parts together, e.g. heldout4,heldout5,heldout6 (repeatable)",
    )
    args = parser.parse_args(argv)
    records = read_gold(args.gold)
    docs = gold_documents(records)
    predicted = {d: [r.to_citron() for r in attribution.extract(doc)] for d, doc in docs.items()}
    splits = sorted({r["split"] for r in records}, key=_part_order)
    parts = {split: {split} for split in splits}
    parts.update({pool: set(pool.split(",")) for pool in args.pool})
    parts["all"] = set(splits)
    for split, members in parts.items():
        chosen = [r for r in records if r["split"] in members]
        gold = {r["doc_id"]: r["relations"] for r in chosen}
        print(f"== {split}: {len(gold)} documents, {sum(map(len, gold.values()))} relations")
        print(json.dumps(score(predicted, gold), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
