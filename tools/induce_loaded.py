"""Induce the ``loaded/induced`` cue entries from word embeddings.

    python3.11 -m venv /tmp/induce && /tmp/induce/bin/pip install -r tools/requirements-induce.txt
    PYTHONHASHSEED=0 /tmp/induce/bin/python tools/induce_loaded.py [--write] [--vectors FILE]

(from the repository's root, with ``../shared/data`` beside it; about 4
minutes on one core, most of it training the vectors; ``--vectors`` keeps
them for a rerun).  The same inputs give the same file, byte for byte.

Why: the loaded language that ArMPro's annotators mark is spread over many
different words (the tune part's 577 Loaded_Language spans that the curated
lexicon misses are nearly all different strings), so a list of the marked
words does not carry over to new text.  What carries over is where a word
sits among words used alike: a word embedding trained on news places «مروع»
near «مفزع» and «بشع» whether or not an annotator ever marked it.

How:

1. Word vectors (skip-gram word2vec, one thread, fixed seed) are trained on
   SaudiNewsNet and the ArMPro ``tune`` paragraphs' text, folded as the
   matcher folds it.  The ``aside`` paragraphs are never read.
2. Every word of the ``tune`` paragraphs is an example: inside a gold
   Loaded_Language span or not.  A logistic regression on the word's unit
   vector learns which regions of the space are loaded.  It sees no word
   identities, only vectors, so it cannot memorise the marked strings.
3. Every word of the vocabulary (seen at least MIN_COUNT times, three
   letters or more) is scored; those at or above THRESHOLD become entries,
   with the probability as their weight, except words the written lexicon
   already matches, closed-class words, words of actors' names, and entries
   that the matcher's clitic readings make ambiguous (:func:`unambiguous`).

Before writing, the same procedure is cross-validated on ``tune`` by
article (five folds: vectors of the whole corpus, classifier fitted on four
folds and scored on the fifth; the exclusions of step 3 are not applied),
and the scores are printed.  The threshold, 0.2, is the lowest at which
the induced words' cross-validated precision stays above their recall (and
above 0.25): lower thresholds add recall at a precision a reader would not
trust.  It was chosen from these scores, never from ``aside``.  ``--write`` writes
``analysis/data/loaded_induced.yaml``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml
from gensim.models import KeyedVectors, Word2Vec
from sklearn.linear_model import LogisticRegression

from analysis import armpro, paths
from analysis.lexicon import Dictionary, Entry, Matcher, read_dictionary
from analysis.resources import DATA_DIR, load_yaml_resource
from analysis.scoring import LabelledSpan, partial_overlap
from analysis.text import fold

VERSION = "0.1.0"
OUT = Path(__file__).resolve().parent.parent / "analysis" / "data" / "loaded_induced.yaml"
MIN_COUNT = 5  # a word's vector is trusted from this many occurrences
THRESHOLD = 0.2  # chosen on tune's cross-validation (printed by this tool)
C = 1.0  # the logistic regression's inverse regularisation
FOLDS = 5
SEED = 0
TECHNIQUE = "Loaded_Language"
INDUCED = "loaded/induced"
CLITICS = ("و", "ف", "ب", "ك", "ل", "ال", "وال", "بال", "لل")

ARABIC = re.compile("[\u0621-\u064a]+")
# a conjunction and/or a preposition before the article, or لل, are always
# clitics; a bare و or ف only when the rest is itself a frequent word
ARTICLE = re.compile("^[وف]?(?:[بكل]?ال|لل)(?=...)")
CONJUNCTION = re.compile("^[وف](?=...)")
FREQUENT = 20
# Closed-class words are never loaded by themselves, though they open many
# marked spans («التي», «الذي»); they are not entries, whatever their score.
FUNCTION_WORDS = """
الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي ما من ماذا متى اين كيف كم
هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك هنا هناك هنالك
هو هي هم هن هما انا نحن انت انتم انتما انتن اياه اياها اياهم
في على عن الى الي الا حتى مع منذ مذ لدى لدي عند بين بعد قبل خلال حول ضد دون نحو عبر تجاه
اما او ام ثم بل لكن لكنه لكنها لكنهم ان انه انها انهم لان كان كانت كانوا يكون تكون قد لقد
لا لم لن ليس ليست غير سوى كل بعض اي ايضا كما مثل حيث اذا اذ لو لولا كي لكي عندما بينما
"""


def curated_lexicon() -> Dictionary:
    """cues.yaml's own entries, without the dictionaries it includes."""
    return read_dictionary(DATA_DIR / "cues.yaml", includes=False)


def not_entries(key) -> Dictionary:
    """Words never made entries, as written and as keys: closed-class words,
    and every word of three letters or more of an actor's alias in the
    gazetteer (a name is not loaded language: «حماس»)."""
    words = {fold(w) for w in FUNCTION_WORDS.split()}
    for actor in load_yaml_resource("actors")["actors"]:
        for alias in actor["aliases"]:
            words.update(w for w in fold(alias).split() if len(w) >= 3)
    words |= {key(w) for w in words}
    return Dictionary("not-entries", "0", tuple(Entry(w, "none") for w in sorted(words)))


def unambiguous(chosen, counts: Counter, key, curated: Dictionary) -> list[tuple[str, float]]:
    """The entries that, matched as the kit matches (clitics allowed, the
    longest stem first), change no reading of the written lexicon and find
    mostly the words they were scored as.

    Dropped, until none is: an entry that takes a word from a written entry
    (the matcher would read «بنوعي», written «نوعي*» after ب, as an induced
    «بنوع» + ي); an entry whose own word the matcher reads as another entry;
    an entry whose matches are mostly words that were not scored loaded (the
    matcher reads «التي» as «الت» + a suffix, and «كتائب» as ك + «تائب»).
    """
    written = Matcher(curated)
    # the corpus's words, and every written entry after each clitic, seen or not
    stems = {fold(e.pattern.removesuffix("*")) for e in curated.entries}
    forms = {p + stem for stem in stems for p in ("", *CLITICS)}
    counts = Counter({**dict.fromkeys(forms, 0), **counts})
    readings = {w: written.entries_for_word(w) for w in counts}
    scored = {w for w, _ in chosen}  # words scored loaded, whichever entry finds them
    weights = dict(chosen)
    while True:
        patterns = set(weights)
        induced = tuple(Entry(w, INDUCED) for w in sorted(patterns))
        matcher = Matcher(replace(curated, entries=curated.entries + induced))
        taking, meant, other = set(), Counter(), Counter()
        for word, n in counts.items():
            entries = [e for e in matcher.entries_for_word(word) if e.category == INDUCED]
            for entry in entries:
                if readings[word]:
                    taking.add(entry.pattern)
                elif key(word) in scored:
                    meant[entry.pattern] += n
                else:
                    other[entry.pattern] += n
        own = {w for w in patterns if any(e.pattern == w for e in matcher.entries_for_word(w))}
        dropped = {
            w for w in patterns
            if w in taking or w not in own or not meant[w] or other[w] > meant[w]
        }  # fmt: skip
        if not dropped:
            return [(w, p) for w, p in chosen if w in weights]
        for w in dropped:
            del weights[w]


def snn_paragraphs():
    path = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield from (json.loads(line).get("text") or "").split("\n")


def surface_counts(paragraphs: list[list[str]]) -> Counter:
    return Counter(w for words in paragraphs for w in words)


def keyer(counts: Counter):
    """The word a folded token stands for: without the article and what
    comes before it, and without a bare conjunction when what remains is a
    frequent word on its own (so «وأكد» is «أكد» but «وحشية» stays)."""

    def key(word: str) -> str:
        m = ARTICLE.match(word)
        if m:
            return word[m.end() :]
        m = CONJUNCTION.match(word)
        if m and counts[word[1:]] >= FREQUENT:
            return word[1:]
        return word

    return key


def tune_examples(key, tune):
    """(page_id, doc_id, key, start, end, inside gold) for every Arabic word
    of the tune paragraphs, with offsets into the original text."""
    rows = []
    for p in tune:
        norm = p.document.normalized
        gold = [s for s in p.spans if s.label == TECHNIQUE]
        for m in ARABIC.finditer(norm.text):
            start, end = norm.to_original(m.start(), m.end())
            inside = any(start < g.end and g.start < end for g in gold)
            rows.append((p.page_id, p.document.id, key(m.group()), start, end, inside))
    return rows


def features(vectors, words) -> np.ndarray:
    dim = vectors.vector_size
    out = np.zeros((len(words), dim + 1))
    for i, w in enumerate(words):
        if w in vectors:
            v = vectors[w]
            out[i, :dim] = v / (np.linalg.norm(v) or 1.0)
            out[i, dim] = 1.0
    return out


def fit(vectors, rows) -> LogisticRegression:
    x = features(vectors, [r[2] for r in rows])
    y = np.array([r[5] for r in rows])
    return LogisticRegression(C=C, max_iter=5000).fit(x, y)


def fold_of(page_id: str) -> int:
    # salted: the unsalted hash is what divides tune from aside
    return int(hashlib.sha256(f"fold:{page_id}".encode()).hexdigest(), 16) % FOLDS


def cross_validate(vectors, rows, tune, curated: Matcher) -> None:
    gold = [s for p in tune for s in p.spans if s.label == TECHNIQUE]
    curated_spans = []
    for p in tune:
        t = curated.matches(p.document)
        t = t[t.kind.isin(["loaded", "intensifier"])]
        curated_spans += [LabelledSpan(r.doc_id, r.start, r.end, TECHNIQUE) for r in t.itertuples()]
    # as deployed: only words of three letters or more with a vector can be entries
    usable = np.array([len(r[2]) >= 3 and r[2] in vectors for r in rows])
    probabilities = np.zeros(len(rows))
    for f in range(FOLDS):
        train = [r for r in rows if fold_of(r[0]) != f]
        test = [i for i, r in enumerate(rows) if fold_of(r[0]) == f]
        model = fit(vectors, train)
        x = features(vectors, [rows[i][2] for i in test])
        probabilities[test] = model.predict_proba(x)[:, 1]
    print(f"cross-validation on tune, {FOLDS} folds by article (curated lexicon is in-sample)")
    print("threshold  induced P / R / F1 (n)        curated + induced P / R / F1 (n)")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        induced = [
            LabelledSpan(r[1], r[3], r[4], TECHNIQUE)
            for r, p, ok in zip(rows, probabilities, usable, strict=True)
            if ok and p >= threshold
        ]
        line = f"{threshold:>9}"
        for predicted in (induced, induced + curated_spans):
            s = partial_overlap(predicted, gold).set_index("label").loc[TECHNIQUE]
            line += f"  {s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f} ({len(predicted)})"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--vectors", type=Path, help="keep the word vectors in this file")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        # gensim seeds each word's starting vector with Python's string hash
        sys.exit("run with PYTHONHASHSEED=0, or the vectors (and the file) change every run")

    tune = armpro.split(armpro.load(), "tune")
    raw = [ARABIC.findall(fold(t)) for t in snn_paragraphs()]
    raw += [ARABIC.findall(p.document.normalized.text) for p in tune]
    raw = [words for words in raw if words]
    counts = surface_counts(raw)
    key = keyer(counts)
    sentences = [[key(w) for w in words] for words in raw]
    print(f"{len(sentences)} paragraphs, {sum(map(len, sentences))} words")
    if args.vectors and args.vectors.exists():
        vectors = KeyedVectors.load(str(args.vectors))
    else:
        vectors = Word2Vec(
            sentences, vector_size=100, window=5, min_count=MIN_COUNT, sg=1, epochs=5,
            workers=1, seed=SEED,
        ).wv  # fmt: skip
        if args.vectors:
            vectors.save(str(args.vectors))
    rows = tune_examples(key, tune)
    written = curated_lexicon()
    curated = Matcher(written)
    left_out = Matcher(not_entries(key))
    cross_validate(vectors, rows, tune, curated)

    model = fit(vectors, rows)
    words = [w for w in vectors.index_to_key if len(w) >= 3]
    probabilities = model.predict_proba(features(vectors, words))[:, 1]
    chosen = []
    for word, p in zip(words, probabilities, strict=True):
        if p < THRESHOLD:
            continue
        if curated.entries_for_word(word) or left_out.entries_for_word(word):
            continue
        chosen.append((word, round(float(p), 3)))
    candidates = [w for w, _ in chosen]
    chosen = unambiguous(chosen, counts, key, written)
    chosen.sort(key=lambda item: (-item[1], item[0]))
    print(f"{len(chosen)} entries at p >= {THRESHOLD} (of {len(words)} words scored)")
    print("left out as ambiguous:", " ".join(sorted(set(candidates) - {w for w, _ in chosen})))
    print(" ".join(w for w, _ in chosen[:80]))
    if args.write:
        write(chosen, len(words))


def write(chosen, scored: int) -> None:
    header = {
        "name": "itar-loaded-induced",
        "version": VERSION,
        "origin": f"induced:embedding-lr@{VERSION}",
        "provenance": (
            "Induced by tools/induce_loaded.py (see its docstring): skip-gram word vectors "
            "trained on SaudiNewsNet and the text of the ArMPro dev 'tune' paragraphs; a "
            "logistic regression on the vectors alone, fitted to which tune words lie inside "
            "human Loaded_Language spans; every vocabulary word with at least "
            f"{MIN_COUNT} occurrences scored ({scored} words), those with probability >= "
            f"{THRESHOLD} and three letters or more kept, unless the curated lexicon "
            "(cues.yaml) already matches them, they are closed-class words or words of an "
            "actor's name in the gazetteer, or, matched as the kit matches, they would take "
            "a word from a written entry, never find their own word, or find mostly words "
            "not scored loaded. "
            "The weight of an entry is its probability.  The ArMPro 'aside' part was never "
            "read.  Not curated by hand: a word here is loaded by resemblance, not by a "
            "reader's judgement; filter on the category loaded/induced to leave these out."
        ),
    }
    text = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=88)
    text += "categories:\n  loaded:\n    induced:  # entry: probability, the highest first\n"
    text += "".join(f"      - {{pattern: {w}, weight: {p}}}\n" for w, p in chosen)
    OUT.write_text(
        "# Generated by tools/induce_loaded.py --write; do not edit by hand.\n" + text,
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
