"""Print how far label renderings are from the HarfBuzz reference.

Run it in each environment to see the margins behind the thresholds in
``tests/test_labels.py``::

    .venv/bin/python tools/measure_labels.py
    .venv-mpl310/bin/python tools/measure_labels.py

For correct labels (each output format) and for every kind of wrong label the
test tries, it prints the range of the whole-label correlation, of the worst
strip's correlation, of the width and height ratios, and how many fail.
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import harfbuzz_reference as ref
import matplotlib
import test_labels as t

from analysis import plotting


def main() -> None:
    rows: dict[str, list[ref.Comparison]] = {}
    keep = plotting.matplotlib_shapes_text()
    with tempfile.TemporaryDirectory() as scratch:
        for text in t.LABELS.values():
            reference = t.render_reference(text, shaped=keep)
            saved = t.draw_and_save(plotting.label(text), Path(scratch))
            for fmt in ("png", "svg", "pdf"):
                rows.setdefault(f"correct {fmt}", []).append(
                    t.comparison(t.rasterise(saved, fmt), reference)
                )
            for kind, mutate in t.mutants().items():
                candidate = mutate(text)
                if candidate is None:
                    continue
                saved = t.draw_and_save(candidate, Path(scratch))
                rows.setdefault(kind, []).append(t.comparison(t.rasterise(saved, "png"), reference))
    print(f"matplotlib {matplotlib.__version__}, libraqm: {keep}")
    for kind, found in rows.items():

        def span(values):
            return f"{min(values):.3f}-{max(values):.3f}"

        failing = sum(not t.matches(c) for c in found)
        print(
            f"{kind:22s} n={len(found):2d}  whole {span([c.correlation for c in found])}  "
            f"strip {span([c.worst_strip for c in found])}  "
            f"width {span([c.width_ratio for c in found])}  "
            f"height {span([c.height_ratio for c in found])}  failing {failing}"
        )


if __name__ == "__main__":
    main()
