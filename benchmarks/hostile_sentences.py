"""Benchmark: attribution, cues and frames on hostile sentences, in seconds.

    .venv/bin/python benchmarks/hostile_sentences.py [--sizes 1000,10000,100000]
        [--budget SECONDS] [--most-characters N] [SHAPE...]

Each shape is one sentence no article holds: a short piece repeated *n* times
(«قال» in guillemets, the shape the hostile-input review sent; straight
quotes; cues alone; nested guillemets; no punctuation at all …).  For each
size it times, on one process, :func:`analysis.attribution.attributions`,
:func:`analysis.cues.cues` (whose scare quotes need an attribution pass) and
:func:`analysis.frames.frame_evidence` (which reads the attributions); the
document's paragraphs, sentences and tokens are built beforehand, not timed.
If the work grows in proportion to the sentence, ten times the sentence
takes about ten times as long.

Also prints the relations found and the characters the spans of a step's
table hold (the most of the three).  Where each content runs to the end of
the sentence, or each of a run of nested quotation marks is a scare quote,
those characters grow with the square of the sentence's length whatever the
work does: a size whose spans could hold more than ``--most-characters``
(estimated from the size before) is skipped, and so is every size after a
step that took longer than ``--budget`` seconds (it is stopped there).
Exits 1 if a span's offsets do not give back its text.
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
import time
from pathlib import Path

from common import WARM_TEXT

from analysis import attribution, cues, frames
from analysis.document import Document

# the shapes tests/test_attribution.py counts the work of
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile_shapes import HOSTILE_SENTENCES

STEPS = {
    "attributions": attribution.attributions,
    "cues": cues.cues,
    "frame_evidence": frames.frame_evidence,
}


class OverBudget(Exception):
    pass


def timed(step, doc: Document, budget: float):
    """(seconds, result) of ``step(doc)``, or (None, None) past *budget* seconds."""

    def stop(signum, frame):
        raise OverBudget

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    started = time.perf_counter()
    try:
        result = step(doc)
    except OverBudget:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started, result


def span_characters(doc: Document, table) -> tuple[int, int]:
    """(characters in the table's spans, spans whose offsets do not give back their text)."""
    total = wrong = 0
    prefixes = [c.removesuffix("text") for c in table.columns if c.endswith("text")]
    for prefix in (p for p in prefixes if f"{p}start" in table.columns):
        columns = (table[f"{prefix}{column}"] for column in ("start", "end", "text"))
        for start, end, text in zip(*columns, strict=True):
            if isinstance(text, str):
                total += len(text)
                wrong += doc.text[start:end] != text
    return total, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", help=f"some of: {', '.join(HOSTILE_SENTENCES)}")
    parser.add_argument("--sizes", default="1000,10000,100000", help="repetitions, comma separated")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds a step may take")
    parser.add_argument(
        "--most-characters", type=int, default=2_000_000_000, help="in a step's spans"
    )
    args = parser.parse_args(argv)
    unknown = set(args.shapes) - set(HOSTILE_SENTENCES)
    if unknown:
        parser.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    sizes = [int(size) for size in args.sizes.split(",")]
    frames.frame_evidence(Document("warm", WARM_TEXT))
    wrong = 0
    print(f"{'shape':34} {'size':>8} {'chars':>10} {'relations':>9} {'span chars':>13}", end="")
    print("".join(f" {name:>15}" for name in STEPS))
    for shape in args.shapes or HOSTILE_SENTENCES:
        previous = None  # (size, characters) of the size before
        for size in sizes:
            doc = Document(f"{shape} x{size}", HOSTILE_SENTENCES[shape](size))
            head = f"{shape:34} {size:>8,} {len(doc.text):>10,}"
            # at worst (every content to the sentence's end) the spans grow with the square
            estimate = previous[1] * (size / previous[0]) ** 2 if previous else 0
            if estimate > args.most_characters:
                print(f"{head}   skipped: its spans could hold {estimate:.1e} characters")
                break
            _ = doc.paragraphs, doc.sentences, doc.tokens, doc.normalized
            seconds, characters, relations = [], 0, 0
            for name, step in STEPS.items():
                took, result = timed(step, doc, args.budget)
                seconds.append(f"> {args.budget:.0f} s" if took is None else f"{took:.2f} s")
                if took is None:
                    break
                if name == "attributions":
                    relations = len(result)
                held, bad = span_characters(doc, result)
                characters, wrong = max(characters, held), wrong + bad
                del result
            if len(seconds) == 1 and seconds[0].startswith(">"):
                print(f"{head}   stopped: attributions took more than {args.budget:.0f} s")
                break
            print(f"{head} {relations:>9,} {characters:>13,}", end="")
            print("".join(f" {text:>15}" for text in seconds))
            if seconds[-1].startswith(">"):
                break
            previous = (size, max(characters, len(doc.text)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB; wrong offsets: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
