"""Every path the kit uses, derived from one project root.

Notebooks and code ask this module where things are instead of writing paths
themselves, so that the kit runs the same from any working directory.

The root is the directory that holds the kit's ``pyproject.toml``; it is found
from the installed package (the kit is installed in editable mode), or from the
``ITAR_ROOT`` environment variable when that is set.  ``ITAR_FIGURES_DIR``
redirects figure output, which the tests use so that they never write into the
working tree.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _is_project_root(path: Path) -> bool:
    pyproject = path / "pyproject.toml"
    return pyproject.is_file() and 'name = "itar"' in pyproject.read_text(encoding="utf-8")


def project_root() -> Path:
    """The project's root directory.

    Raises:
        FileNotFoundError: if neither ``ITAR_ROOT`` nor the package's location
            leads to a directory with the kit's ``pyproject.toml``.
    """
    override = os.environ.get("ITAR_ROOT")
    candidates = [Path(override).resolve()] if override else [_PACKAGE_DIR.parent]
    for candidate in candidates:
        if _is_project_root(candidate):
            return candidate
    raise FileNotFoundError(
        f"cannot find the Itar project root (looked in {', '.join(map(str, candidates))}); "
        "install the kit in editable mode (`make env`) or set ITAR_ROOT"
    )


def seeds_dir() -> Path:
    """``seeds/``: read-only input articles and their metadata sidecars."""
    return project_root() / "seeds"


def notebooks_dir() -> Path:
    """``notebooks/``: the thin notebooks that produce the figures."""
    return project_root() / "notebooks"


def figures_dir() -> Path:
    """``figures/``, or ``ITAR_FIGURES_DIR`` when set; written only by code."""
    override = os.environ.get("ITAR_FIGURES_DIR")
    return Path(override).resolve() if override else project_root() / "figures"


def shared_data_dir() -> Path:
    """``../shared/data``: external corpora, never copied into the repository."""
    return project_root().parent / "shared" / "data"


def relative_to_root(path: Path) -> str:
    """*path* relative to the project root, with forward slashes, for records.

    A path beside the project (``../shared/data/…``) keeps its ``../`` form;
    anything further away is given by file name only, so that no record
    carries a machine-specific absolute path.
    """
    path = Path(os.path.abspath(path))  # «..» removed, links kept: ../shared may be a link
    root = project_root()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return "../" + path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.name
