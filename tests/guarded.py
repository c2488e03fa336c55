"""Run a piece of the kit in a child process that cannot hang or exhaust the
machine: a time limit here, and a memory limit the script sets itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import analysis

PACKAGE_ROOT = str(Path(analysis.__file__).resolve().parents[1])


def run_guarded(script: str, *args: object, timeout: float, hung: str) -> str:
    """The standard output of ``python -c script args``, with the kit importable.

    The test fails with *hung* if the child has not returned after *timeout*
    seconds (a guard against a hang, not a speed goal), and with the end of
    its standard error if it exits with an error.
    """
    env = {**os.environ, "PYTHONPATH": PACKAGE_ROOT}
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(hung)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
