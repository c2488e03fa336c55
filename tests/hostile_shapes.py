"""Sentences built to defeat the attribution rules, for tests/test_attribution.py
and benchmarks/hostile_sentences.py.

One sentence each, *n* times over.  Every shape once cost work in the square
of its length: each cue looked over the whole sentence, or over every
quotation or relation found before it.
"""

HOSTILE_SENTENCES = {
    "guillemets": lambda n: "«" + " «قال» " * n,  # the shape the hostile-input review sent
    "straight quotes": lambda n: '"' + ' "قال" ' * n,
    "cues": lambda n: " قال" * n,
    "cues and complementisers": lambda n: " قال إن" * n,
    "cues, sources and complementisers": lambda n: " قال مسؤول إن" * n,
    "implicit sources": lambda n: " وأضاف" * n,
    "prepositions": lambda n: " بحسب" * n,
    "colons": lambda n: " قال: " * n,
    "no punctuation": lambda n: " كلمة" * n,
    "nested guillemets": lambda n: "قال " + "«" * n + "قال" + "»" * n,
    "participles in nested guillemets": lambda n: "«" * n + " نافيا وجود" * n + "»" * n + " ثم،",
    "participles before nested guillemets": lambda n: (
        " نافيا وجود" * n + "«" * n + "الحل، ثم" + "»" * n
    ),
    "a sentence after another": lambda n: "قال مسؤول إن الحل قريب. " * n,
    # structure.quotation_pairs searched every open mark for a straight one
    "straight quotes after open guillemets": lambda n: "قال " + "«" * n + ' " ' * n,
}
