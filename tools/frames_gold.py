"""Helpers for writing and checking the frame-indicator gold annotation.

    .venv/bin/python tools/frames_gold.py paragraphs DOC_ID   # coded paragraphs, with offsets
    .venv/bin/python tools/frames_gold.py find DOC_ID TEXT    # every occurrence of TEXT
    .venv/bin/python tools/frames_gold.py check FILE.jsonl    # validate an annotation file
    .venv/bin/python tools/frames_gold.py merge OUT A.jsonl B.jsonl C.jsonl
        # the majority answers (at least two of three) to OUT, with the agreement

The coded paragraphs are the headline and body paragraphs that
:func:`analysis.frames.coded_paragraphs` gives; the questions and the
guidelines are in ``tests/gold/FRAMES.md``, the format too.  Texts come from
``tools/gold.py`` (``../shared/data`` or ``seeds/``), never stored here.
"""

from __future__ import annotations

import hashlib
import json
import sys

from gold import _check_span, document_text, read_records
from gold import find as find_text

from analysis import frames
from analysis.document import Document

SPLITS = {"tune", "heldout"}


def coded(doc_id: str):
    return frames.coded_paragraphs(Document(doc_id, document_text(doc_id)))


def paragraphs(doc_id: str) -> None:
    text = document_text(doc_id)
    for i, p in enumerate(coded(doc_id)):
        print(f"[{i}] {p.start}-{p.end} ({p.kind}) {p.text}")
    print(f"(length {len(text)}, sha256 {hashlib.sha256(text.encode()).hexdigest()})")


def check_record(record: dict) -> list[str]:
    doc_id = record.get("doc_id", "?")
    text = document_text(doc_id)
    problems = []
    if record.get("text_sha256") != hashlib.sha256(text.encode()).hexdigest():
        problems.append(f"{doc_id}: wrong text_sha256")
    if record.get("split") not in SPLITS:
        problems.append(f"{doc_id}: split must be one of {sorted(SPLITS)}")
    expected = [(p.start, p.end) for p in coded(doc_id)]
    found = [(p.get("start"), p.get("end")) for p in record.get("paragraphs", [])]
    if found != expected:
        problems.append(f"{doc_id}: paragraphs must be the {len(expected)} coded ones, in order")
    for p in record.get("paragraphs", []):
        for question, spans in p.get("answers", {}).items():
            where = f"{doc_id} paragraph {p.get('index')} {question}"
            if question not in frames.CODED_QUESTIONS:
                problems.append(f"{where}: unknown or uncoded question")
            if not spans:
                problems.append(f"{where}: a yes needs at least one evidence span")
            for span in spans:
                problems += _check_span(text, span, where)
                if not (p["start"] <= span.get("start", -1) and span.get("end", 1e9) <= p["end"]):
                    problems.append(f"{where}: evidence outside its paragraph")
    return problems


def check(path: str) -> int:
    records, problems = read_records(path)
    answers = 0
    for record in records:
        answers += sum(len(p.get("answers", {})) for p in record.get("paragraphs", []))
        problems += check_record(record)
    for problem in problems:
        print(problem)
    print(f"{answers} yes answers, {len(problems)} problems")
    return 1 if problems else 0


def merge(out: str, files: list[str]) -> int:
    """Write the majority answers of several annotators and print how far
    they agree: Cohen's kappa of each pair over paragraph-question items, and
    Fleiss' kappa of all."""
    from itertools import combinations

    coders = []
    for name in files:
        records, problems = read_records(name)
        if problems:
            raise SystemExit(f"{name}: {problems[0]}")
        coders.append({r["doc_id"]: r for r in records})
    if len(coders) < 3:
        raise SystemExit("merge needs three annotation files or more")
    need = len(coders) // 2 + 1
    first = coders[0]
    records, items = [], 0
    for doc_id, base in first.items():
        merged = []
        for p in base["paragraphs"]:
            answers = {}
            for question in frames.CODED_QUESTIONS:
                spans = [
                    c[doc_id]["paragraphs"][p["index"]]["answers"].get(question) for c in coders
                ]
                spans = [s for s in spans if s]
                if len(spans) >= need:
                    unique = {(x["start"], x["end"]): x for group in spans for x in group}
                    answers[question] = [unique[k] for k in sorted(unique)]
            merged.append(
                {"index": p["index"], "start": p["start"], "end": p["end"], "answers": answers}
            )
            items += len(frames.CODED_QUESTIONS)
        records.append(
            {
                **{k: base[k] for k in ("doc_id", "corpus", "split", "text_sha256")},
                "annotator": f"majority of {len(coders)}",
                "paragraphs": merged,
            }
        )
    yes = [frames.gold_answers(c.values()) for c in coders]
    for (i, a), (j, b) in combinations(enumerate(yes), 2):
        print(f"kappa {files[i]} / {files[j]}: {frames.kappa(a, b, items):.3f}")
    # Fleiss' kappa over items, each coded yes or no by every annotator
    n = len(coders)
    counts = {}
    for answers in yes:
        for key in answers:
            counts[key] = counts.get(key, 0) + 1
    p_yes = sum(counts.values()) / (items * n)
    agreement = (
        sum(k * (k - 1) + (n - k) * (n - k - 1) for k in counts.values())
        + (items - len(counts)) * n * (n - 1)
    ) / (items * n * (n - 1))
    expected = p_yes**2 + (1 - p_yes) ** 2
    print(
        f"Fleiss kappa ({n} annotators, {items} items): "
        f"{(agreement - expected) / (1 - expected):.3f}"
    )
    order = {d: i for i, d in enumerate(first)}
    with open(out, "w", encoding="utf-8") as handle:
        for record in sorted(records, key=lambda r: (r["split"] != "tune", order[r["doc_id"]])):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return check(out)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "paragraphs":
        paragraphs(argv[1])
    elif len(argv) >= 3 and argv[0] == "find":
        find_text(argv[1], " ".join(argv[2:]))
    elif len(argv) == 2 and argv[0] == "check":
        return check(argv[1])
    elif len(argv) >= 5 and argv[0] == "merge":
        return merge(argv[1], argv[2:])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
