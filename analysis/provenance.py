"""What produced an output: kit version, inputs' hashes, software, git commit.

The records here are plain dicts with sorted keys, written as JSON with a fixed
layout, so that producing the same output twice gives the same bytes.  Paths
are recorded relative to the project root (see :func:`analysis.paths.relative_to_root`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis import __version__, paths

# Distributions whose versions shape a figure's bytes.
FIGURE_SOFTWARE = (
    "matplotlib",
    "numpy",
    "pillow",
    "arabic-reshaper",
    "python-bidi",
    "fontpkg-noto-sans-arabic",
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_records(inputs: Iterable[Path]) -> list[dict]:
    """``{path, sha256}`` for every input file, sorted by path."""
    records = [
        {"path": paths.relative_to_root(Path(p)), "sha256": sha256_file(Path(p))} for p in inputs
    ]
    return sorted(records, key=lambda r: r["path"])


def distribution_versions(names: Iterable[str]) -> dict[str, str | None]:
    """Installed version of each distribution, ``None`` for one not installed."""
    versions = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(root: Path | None = None) -> dict:
    """The commit checked out at *root* and whether the tree has changes.

    Both are ``None`` where git or a repository is absent.  The tree is
    "dirty" when files outside ``figures/`` differ from the commit, new files
    included: outputs being regenerated do not make their own provenance dirty.
    """
    root = root or paths.project_root()

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=normal", "--", ".", ":!figures")
    return {"commit": commit, "dirty": bool(status)}


def run_record() -> dict:
    """Facts of this run that vary between machines at the same commit.

    Kept apart from the rest of a sidecar so that a comparison of outputs
    across machines can leave them out; see ``tests/test_figures_reproduce.py``.
    """
    return {"git": git_state(), "python": platform.python_version()}


def dumps(record: Mapping) -> str:
    """JSON with sorted keys, two-space indents, UTF-8 text and a final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def kit_record() -> dict:
    return {"name": "itar", "version": __version__}
