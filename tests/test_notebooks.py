"""Notebooks are thin, executed and free of machine-specific output.

nbval (run by ``make test``) re-executes them and compares outputs; these
checks catch what it does not: function definitions that belong in
``analysis``, cells never executed, error outputs, and outputs that would
differ on another machine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from analysis import paths

NOTEBOOKS = sorted(paths.notebooks_dir().glob("*.ipynb"))
VOLATILE = re.compile(
    r"(/work/|/root/|/tmp/|/home/|site-packages|at 0x[0-9a-f]{6,}|\d{4}-\d\d-\d\dT\d\d:\d\d)"
)


def code_cells(path: Path) -> list[dict]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_seed_overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_executed_and_clean(path):
    for cell in code_cells(path):
        source = "".join(cell["source"])
        assert not re.search(r"^\s*(def|class) ", source, re.M), f"define it in analysis/: {source}"
        if source.strip():
            assert cell["execution_count"] is not None, f"never executed: {source[:60]}"
        for output in cell["outputs"]:
            assert output["output_type"] != "error", output.get("evalue")
            shown = json.dumps(output.get("text", "")) + json.dumps(
                {k: v for k, v in output.get("data", {}).items() if k.startswith("text/")}
            )
            found = VOLATILE.findall(shown)
            assert not found, f"machine-specific output {found} in: {source[:60]}"
