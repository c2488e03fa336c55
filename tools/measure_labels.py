"""Print how far label renderings are from the HarfBuzz reference.

Run it in each environment to see the margins behind the thresholds in
``tests/test_labels.py``::

    .venv/bin/python tools/measure_labels.py
    .venv-mpl310/bin/python tools/measure_labels.py
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
    with tempfile.TemporaryDirectory() as scratch:
        for text in t.LABELS.values():
            reference = ref.render(t.expected_text(text), t.FONT, t.SIZE_PX)
            saved = t.draw_and_save(plotting.label(text), Path(scratch))
            for fmt in ("png", "svg", "pdf"):
                rows.setdefault(f"correct {fmt}", []).append(
                    t.comparison(t.rasterise(saved, fmt), reference)
                )
            negatives = {
                "wrong strategy": t.wrong_strategy(text),
                "reversed": plotting.label(text[::-1]),
                "unjoined": plotting.label("\u200c".join(text)),
            }
            for kind, candidate in negatives.items():
                saved = t.draw_and_save(candidate, Path(scratch))
                rows.setdefault(kind, []).append(t.comparison(t.rasterise(saved, "png"), reference))
    print(f"matplotlib {matplotlib.__version__}, libraqm: {plotting.matplotlib_shapes_text()}")
    for kind, found in rows.items():
        corr = [c.correlation for c in found]
        width = [c.width_ratio for c in found]
        height = [c.height_ratio for c in found]
        failing = sum(not t.matches(c) for c in found)
        print(
            f"{kind:15s} n={len(found):2d}  correlation {min(corr):.3f}-{max(corr):.3f}  "
            f"width {min(width):.3f}-{max(width):.3f}  height {min(height):.3f}-{max(height):.3f}  "
            f"failing {failing}"
        )


if __name__ == "__main__":
    main()
