"""Versioned data files: rules and lexicons shipped with the kit, or the user's own.

Every file is YAML with at least ``name``, ``version`` and ``provenance`` at
the top level, so that any result can say which version of which rules
produced it.  Files shipped with the kit live in ``analysis/data/``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
REQUIRED_KEYS = ("name", "version", "provenance")


class ResourceError(ValueError):
    """A rules or lexicon file that cannot be used; the message names the file."""


def load_yaml_resource(path_or_name: str | Path) -> dict:
    """Read a versioned YAML data file.

    Args:
        path_or_name: a path, or the name of a file shipped in
            ``analysis/data/`` without its ``.yaml`` suffix.

    Raises:
        ResourceError: if the file is missing, is not YAML, or lacks ``name``,
            ``version`` or ``provenance``.
    """
    path = Path(path_or_name)
    if path.suffix not in (".yaml", ".yml"):
        path = DATA_DIR / f"{path_or_name}.yaml"
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(record, dict):
        raise ResourceError(f"{path}: expected a mapping at the top level")
    missing = [k for k in REQUIRED_KEYS if not record.get(k)]
    if missing:
        raise ResourceError(f"{path}: missing {', '.join(missing)}")
    return record
