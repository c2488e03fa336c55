"""The notebooks regenerate figures/ byte for byte, and themselves too.

The notebooks are executed from copies, with their figures redirected to a
scratch directory, twice.  The two runs must agree on every byte, and with the
committed ``figures/``: images and sidecars alike, every byte (the sidecars
name the code by content, never by commit, so a fresh clone reproduces them).
The executed copies must also equal the committed notebooks byte for byte, so
that ``make figures`` on a fresh clone leaves ``git status`` clean.  The run
log beside the figures (``plotting.RUN_LOG``, ignored by git) is the one file
that differs between runs by design.
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

from analysis import paths, plotting

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
    return workdir


def digests(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file() and p.name != plotting.RUN_LOG
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, Path]:
    """Two executions of the notebooks, each in its own directory."""
    first = execute_notebooks(tmp_path_factory.mktemp("first"))
    second = execute_notebooks(tmp_path_factory.mktemp("second"))
    return first, second


@pytest.fixture(scope="module")
def produced(runs) -> tuple[Path, Path]:
    return runs[0] / "figures", runs[1] / "figures"


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
        if name.endswith(".json") and digests(committed)[name] != digest:
            old = json.loads((committed / name).read_text(encoding="utf-8"))
            new = json.loads((fresh / name).read_text(encoding="utf-8"))
            changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            raise AssertionError(f"{name} is stale in {changed}; run `make figures`")
        assert digests(committed)[name] == digest, f"{name} is stale; run `make figures`"


def test_every_run_is_logged_beside_the_figures(produced):
    for figures in produced:
        logged = (figures / plotting.RUN_LOG).read_text(encoding="utf-8").splitlines()
        sidecars = {p.name[: -len(".json")] for p in figures.glob("*.json")}
        assert {json.loads(line)["figure"] for line in logged} == sidecars


def test_executing_the_notebooks_leaves_them_as_committed(runs):
    executed = digests(runs[0] / "notebooks")
    assert executed == digests(runs[1] / "notebooks")
    assert executed == digests(paths.notebooks_dir()), (
        "executing the notebooks changes them: run `make figures` and commit the notebooks"
    )
