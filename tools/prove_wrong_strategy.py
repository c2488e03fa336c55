"""Show that the label tests reject the wrong strategy for the running matplotlib.

    .venv/bin/python tools/prove_wrong_strategy.py          # matplotlib 3.11: the old recipe
    .venv-mpl310/bin/python tools/prove_wrong_strategy.py   # matplotlib 3.10: the raw string

It replaces ``analysis.plotting.label`` by the strategy that is wrong here and
runs the tests that check correct labels against HarfBuzz; every one of them
must fail.  Exits 0 when they all fail, 1 otherwise.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from analysis import plotting

if plotting.matplotlib_shapes_text():
    plotting.label = lambda text, **_: plotting.visual_order(str(text))  # the old recipe
    wrong = "the visual string (arabic-reshaper + ICU bidi) on matplotlib with libraqm"
else:
    plotting.label = lambda text, **_: str(text)  # the logical string, unshaped
    wrong = "the raw logical string on matplotlib without libraqm"


class Outcomes:
    def __init__(self):
        self.passed = self.failed = 0

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.passed += report.passed
            self.failed += report.failed


outcomes = Outcomes()
tests = Path(__file__).resolve().parents[1] / "tests" / "test_labels.py"
pytest.main(
    ["-q", "-p", "no:cacheprovider", str(tests), "-k", "renders_like_harfbuzz"], plugins=[outcomes]
)
print(f"{wrong}: {outcomes.failed} label tests failed, {outcomes.passed} passed")
sys.exit(0 if outcomes.failed and not outcomes.passed else 1)
