"""Benchmark: dictionary matching over the SaudiNewsNet corpus.

    .venv/bin/python benchmarks/lexicon_match.py [--limit N] [PATH]

Reads ``../shared/data/saudinewsnet/saudinewsnet.jsonl.gz`` and matches three
dictionaries against every article with :class:`analysis.lexicon.Matcher`:
the first 50 entries of the Saad WordNet-Affect list, the whole list (its
distinct words, ``../shared/data/lexicons``), and 20,000 words taken from the corpus
itself.  If matching is one pass over the text, the time per article grows
far more slowly than the number of entries.  For scale it also times the naive
way, one regular expression per entry, on the first 200 articles.  Prints
MB/s and articles/s for each, the number of matches, and checks that every
match's offsets give back its text.  Exits 1 on a wrong offset, 2 if the data
are absent.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter

from common import corpus_arguments, megabytes

from analysis import paths
from analysis.armpro import emotion_baseline
from analysis.corpus import ReportRow, iter_load
from analysis.lexicon import Dictionary, Entry, Matcher
from analysis.text import fold


def saad(limit: int | None = None) -> Dictionary:
    full = emotion_baseline()
    return Dictionary(full.name, full.version, full.entries[:limit])


def main(argv: list[str] | None = None) -> int:
    args = corpus_arguments(__doc__.splitlines()[0], argv)
    if not args.path.exists() or not (paths.shared_data_dir() / "lexicons").exists():
        print(f"{args.path} or the lexicons are absent: nothing to benchmark", file=sys.stderr)
        return 2
    docs = []
    for item in iter_load(args.path):
        if isinstance(item, ReportRow):
            continue
        docs.append(item)
        if args.limit and len(docs) >= args.limit:
            break
    mb = megabytes(d.text for d in docs)
    for doc in docs:  # normalisation and sentences are cached: time matching alone
        _ = (doc.normalized, doc.sentences)
    vocabulary = Counter(w for d in docs[:2000] for w in re.findall(r"\w{3,}", fold(d.text)))
    frequent = [w for w, _ in vocabulary.most_common(20000)]
    dictionaries = {
        "saad[:50]": saad(50),
        f"saad ({len(saad().entries):,})": saad(),
        "corpus words (20,000)": Dictionary(
            "words", "0", tuple(Entry(w, "word", 1.0, "corpus") for w in frequent)
        ),
    }
    print(f"{len(docs)} articles, {mb:.1f} MB of UTF-8")
    wrong = 0
    for name, dictionary in dictionaries.items():
        started = time.perf_counter()
        matcher = Matcher(dictionary)
        compiled = time.perf_counter() - started
        started = time.perf_counter()
        table = matcher.matches(docs)  # one table for the corpus, as cues() builds it
        seconds = time.perf_counter() - started
        matches = len(table)
        texts = {doc.id: doc.text for doc in docs}
        wrong += sum(
            texts[d][s:e] != t
            for d, s, e, t in zip(table.doc_id, table.start, table.end, table.text, strict=True)
        )
        print(
            f"{name:>24}: {len(dictionary.entries):>6} entries, compiled in {compiled:.2f} s; "
            f"{seconds:.1f} s, {mb / seconds:.2f} MB/s, {len(docs) / seconds:.0f} articles/s, "
            f"{matches} matches"
        )
    sample = docs[:200]
    naive = [re.compile(rf"(?<!\w){re.escape(fold(e.pattern))}(?!\w)") for e in saad().entries]
    started = time.perf_counter()
    hits = sum(len(p.findall(d.normalized.text)) for d in sample for p in naive)
    naive_s = time.perf_counter() - started
    matcher = Matcher(saad())
    started = time.perf_counter()
    ours = len(matcher.matches(sample))
    ours_s = time.perf_counter() - started
    print(
        f"one regex per entry ({len(naive):,}), first {len(sample)} articles, no clitics: "
        f"{naive_s:.1f} s ({hits} hits); the trie matcher with clitics: "
        f"{ours_s:.1f} s ({ours} matches)"
    )
    print(f"wrong offsets: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
