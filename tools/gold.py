"""Helpers for writing and checking the attribution gold annotation.

    .venv/bin/python tools/gold.py show DOC_ID          # the text, each line with its offset
    .venv/bin/python tools/gold.py find DOC_ID TEXT     # every occurrence of TEXT, with offsets
    .venv/bin/python tools/gold.py span DOC_ID START END   # the text at those offsets
    .venv/bin/python tools/gold.py check FILE.jsonl     # validate an annotation file

DOC_ID is a SaudiNewsNet id (``snn:…``) or a seed name.  Article texts are
read from ``../shared/data`` (or ``seeds/``) and cached outside the repository
in the system's temporary directory; the repository keeps only ids, offsets
and span texts (``tests/gold/``).  The annotation format and guidelines are
in ``tests/gold/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

from analysis import attribution, corpus, paths

CACHE = Path(tempfile.gettempdir()) / "itar-gold-cache"
QUOTE_TYPES = set(attribution.QUOTE_TYPES)
SOURCE_TYPES = set(attribution.SOURCE_TYPES)
CUE_CLASSES = set(attribution.CUE_CLASSES)
SPLIT = re.compile(r"tune|heldout\d*")  # a tuning part, or a held-out part and its number


def document_text(doc_id: str) -> str:
    """The text of a seed or SaudiNewsNet article, exactly as the loader gives it."""
    if not doc_id.startswith("snn:"):
        return corpus.load_seed(doc_id).text
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / (hashlib.sha256(doc_id.encode()).hexdigest() + ".txt")
    if not cached.exists():
        source = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
        for item in corpus.iter_load(source):
            if isinstance(item, corpus.Document) and item.id == doc_id:
                with open(cached, "w", encoding="utf-8", newline="") as handle:
                    handle.write(item.text)
                break
        else:
            raise SystemExit(f"{doc_id}: not in {source}")
    with open(cached, encoding="utf-8", newline="") as handle:
        return handle.read()


def show(doc_id: str) -> None:
    text = document_text(doc_id)
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            print(f"[{offset}] {line.rstrip()}")
        offset += len(line)
    print(f"(length {len(text)}, sha256 {hashlib.sha256(text.encode()).hexdigest()})")


def find(doc_id: str, needle: str) -> None:
    text = document_text(doc_id)
    start = text.find(needle)
    if start < 0:
        print("not found")
    while start >= 0:
        end = start + len(needle)
        context = text[max(0, start - 30) : end + 30].replace("\n", " ")
        print(f"{start} {end}  …{context}…")
        start = text.find(needle, start + 1)


def _check_span(text: str, span, where: str) -> list[str]:
    if not isinstance(span, dict) or set(span) != {"start", "end", "text"}:
        return [f"{where}: a span is {{start, end, text}}, found {span!r}"]
    start, end = span["start"], span["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: bad offsets {start}, {end}"]
    if text[start:end] != span["text"]:
        return [f"{where}: text at {start}:{end} is {text[start:end]!r}, not {span['text']!r}"]
    if span["text"] != span["text"].strip():
        return [f"{where}: span has surrounding white space: {span['text']!r}"]
    return []


def check_record(record: dict) -> list[str]:
    """Problems with one gold record (one document); empty when it is valid."""
    problems = []
    doc_id = record.get("doc_id", "?")
    text = document_text(doc_id)
    digest = hashlib.sha256(text.encode()).hexdigest()
    if record.get("text_sha256") != digest:
        problems.append(f"{doc_id}: text_sha256 should be {digest}")
    if not SPLIT.fullmatch(str(record.get("split"))):
        problems.append(f"{doc_id}: split must be 'tune' or 'heldout' with a number, as 'heldout7'")
    for i, rel in enumerate(record.get("relations", []), start=1):
        where = f"{doc_id} relation {i}"
        problems += _check_span(text, rel.get("cue"), f"{where} cue")
        for j, span in enumerate(rel.get("sources", []), start=1):
            problems += _check_span(text, span, f"{where} source {j}")
        for j, span in enumerate(rel.get("contents", []), start=1):
            problems += _check_span(text, span, f"{where} content {j}")
        if rel.get("referent") is not None:
            problems += _check_span(text, rel["referent"], f"{where} referent")
        for key, allowed in [
            ("quote_type", QUOTE_TYPES),
            ("source_type", SOURCE_TYPES),
            ("cue_class", CUE_CLASSES),
        ]:
            if rel.get(key) not in allowed:
                problems.append(f"{where}: {key} {rel.get(key)!r} not in {sorted(allowed)}")
        if not rel.get("contents"):
            problems.append(f"{where}: no content span")
    return problems


def read_records(path: str) -> tuple[list[dict], list[str]]:
    """The records of a JSON-lines gold file, and a problem for each line
    that is not JSON."""
    records, problems = [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON: {exc}")
    return records, problems


def check(path: str) -> int:
    records, problems = read_records(path)
    count = 0
    for record in records:
        count += len(record.get("relations", []))
        problems += check_record(record)
    for problem in problems:
        print(problem)
    print(f"{count} relations, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        show(argv[1])
    elif len(argv) >= 3 and argv[0] == "find":
        find(argv[1], " ".join(argv[2:]))
    elif len(argv) == 4 and argv[0] == "span":
        print(repr(document_text(argv[1])[int(argv[2]) : int(argv[3])]))
    elif len(argv) == 2 and argv[0] == "check":
        return check(argv[1])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
