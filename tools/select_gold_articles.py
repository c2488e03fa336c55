"""Choose the SaudiNewsNet articles for the attribution gold annotation.

    .venv/bin/python tools/select_gold_articles.py [N [PER_OUTLET [SALT]]]

Deterministic: political and world news (a topic word below in the title, and
at least two different ones in the title and text), 900 to 3,500 characters, with at least two
reporting verbs, from as many outlets as possible (at most three per
outlet, or PER_OUTLET), taken in the order of a hash of their ids (prefixed
by SALT when one is given, which draws a fresh order from the same population).  Prints one doc_id a
line, followed by the split: the first two thirds for tuning, the rest held
out.  The list the gold was built from is in tests/gold/README.md.
"""

import hashlib
import re
import sys

from analysis import paths
from analysis.corpus import Document, iter_load

TOPIC = re.compile(
    "الرئيس|وزير|الحكومة|الأمم المتحدة|مجلس الأمن|الخارجية|إيران|اليمن|سوريا|العراق|"
    "الحوثي|داعش|الاحتلال|فلسطين|غزة|روسيا|واشنطن|الانتخابات|البرلمان|المعارضة|"
    "الأسد|مصر|تركيا|أفغانستان|ليبيا|لبنان|حزب الله|التحالف|الشرعية|صنعاء|عدن"
)
REPORTING = re.compile(
    r"\b[وف]?(قال|قالت|أكد|أكدت|أضاف|أضافت|ذكر|ذكرت|أفاد|أفادت|أوضح|أوضحت|صرح)\b"
)
OUTLETS_EXCLUDED = {"arreyadi", "arriyadiyah", "aleqtisadiya"}  # sport and business titles


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    cap = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    salt = sys.argv[3] if len(sys.argv) > 3 else ""
    path = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    candidates = []
    for doc in iter_load(path):
        if not isinstance(doc, Document) or doc.meta.get("outlet") in OUTLETS_EXCLUDED:
            continue
        if not 900 <= len(doc.text) <= 3500:
            continue
        title = doc.meta.get("title") or ""
        topics = len(set(TOPIC.findall(title + " " + doc.text)))
        if TOPIC.search(title) and topics >= 2 and len(REPORTING.findall(doc.text)) >= 2:
            rank = hashlib.sha256((salt + doc.id).encode()).hexdigest()
            candidates.append((rank, doc.id, doc.meta["outlet"]))
    chosen, per_outlet = [], {}
    for _, doc_id, outlet in sorted(candidates):
        if per_outlet.get(outlet, 0) < cap:
            chosen.append(doc_id)
            per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
        if len(chosen) == wanted:
            break
    tune = round(len(chosen) * 2 / 3)
    for i, doc_id in enumerate(chosen):
        print(doc_id, "tune" if i < tune else "heldout")


if __name__ == "__main__":
    main()
