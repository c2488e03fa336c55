"""What produced an output: the kit's code by content, inputs' hashes, software.

The records here are plain dicts with sorted keys, written as JSON with a fixed
layout, so that producing the same output twice gives the same bytes.  Paths
are recorded relative to the project root (see :func:`analysis.paths.relative_to_root`).

An output names the code it was made with by content (:func:`code_record`: the
sha256 of the package's source and data files), never by a git commit: the
commit that stores an output cannot know its own hash, so recording it would
change every committed output on the next commit, and a fresh clone's main job
would dirty its tree.  The commit, where wanted, goes to a run log that is not
committed (:func:`run_record`, written by :func:`analysis.plotting.save_figure`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import subprocess
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from analysis import __version__, paths

PACKAGE_DIR = Path(__file__).resolve().parent

# Distributions whose versions shape a figure's bytes.
FIGURE_SOFTWARE = (
    "matplotlib",
    "numpy",
    "pillow",
    "arabic-reshaper",
    "pyicu-wheels",
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
    """Facts of this run that no committed output may hold: the git commit
    checked out (and whether the tree differed from it), the full Python
    version and the time, in UTC."""
    return {
        "git": git_state(),
        "python": platform.python_version(),
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def dumps(record: Mapping) -> str:
    """JSON with sorted keys, two-space indents, UTF-8 text and a final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def package_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files that make the kit: its Python sources and its data files,
    in sorted order of relative path (caches and hidden files left out)."""
    found = []
    for path in package_dir.rglob("*"):
        parts = path.relative_to(package_dir).parts
        if not path.is_file() or any(p.startswith((".", "__pycache__")) for p in parts):
            continue
        if path.suffix == ".py" or parts[0] == "data":
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(package_dir).as_posix())


def code_record(package_dir: Path = PACKAGE_DIR) -> dict:
    """The kit's code by content: one sha256 over every file of
    :func:`package_files` (its relative path and its own sha256, a line each),
    and how many files that is.  The same sources give the same record on
    any machine, installed or checked out."""
    files = package_files(package_dir)
    listing = "".join(f"{p.relative_to(package_dir).as_posix()}\t{sha256_file(p)}\n" for p in files)
    return {"files": len(files), "sha256": hashlib.sha256(listing.encode("utf-8")).hexdigest()}


def kit_record() -> dict:
    """The kit's name, version and code (:func:`code_record`)."""
    return {"code": code_record(), "name": "itar", "version": __version__}


def python_record() -> str:
    """The Python version an output depends on: major and minor only (a patch
    release changes no output)."""
    return ".".join(platform.python_version_tuple()[:2])
