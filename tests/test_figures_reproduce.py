"""The notebooks regenerate figures/ byte for byte.

The notebooks are executed from copies, with their figures redirected to a
scratch directory, twice.  The two runs must agree on every byte, and with the
committed ``figures/``: images byte for byte, sidecars in everything but their
``run`` block (git commit and Python patch version, which a fresh clone or
another machine changes by design).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths

pytestmark = pytest.mark.slow


def execute_notebooks(workdir: Path) -> Path:
    notebooks = sorted(paths.notebooks_dir().glob("*.ipynb"))
    assert notebooks, "no notebooks to execute"
    (workdir / "notebooks").mkdir(parents=True)
    copies = [Path(shutil.copy(nb, workdir / "notebooks" / nb.name)) for nb in notebooks]
    figures = workdir / "figures"
    env = {**os.environ, "ITAR_FIGURES_DIR": str(figures)}
    done = subprocess.run(
        [sys.executable, "-m", "analysis.notebooks", *map(str, copies)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return figures


def digests(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def without_run(sidecar: Path) -> dict:
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    record.pop("run")
    return record


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> tuple[Path, Path]:
    first = execute_notebooks(tmp_path_factory.mktemp("first"))
    second = execute_notebooks(tmp_path_factory.mktemp("second"))
    return first, second


def test_two_runs_give_identical_bytes(produced):
    first, second = produced
    assert digests(first), "the notebooks wrote no figures"
    assert digests(first) == digests(second)


def test_committed_figures_are_what_the_notebooks_produce(produced):
    fresh, _ = produced
    committed = paths.project_root() / "figures"
    assert sorted(digests(committed)) == sorted(digests(fresh)), (
        "figures/ and the notebooks' output hold different files; run `make figures`"
    )
    for name, digest in digests(fresh).items():
        if name.endswith(".json"):
            assert without_run(committed / name) == without_run(fresh / name), name
        else:
            assert digests(committed)[name] == digest, f"{name} is stale; run `make figures`"
