"""Every package the kit imports is declared, and every declared package is used.

The imports are read from ``analysis/`` with :mod:`ast`, so an import inside a
function (a format's reader, the notebook runner) counts as much as one at the
top of a module.  Each imported top-level module is mapped to the
distributions that provide it in the running environment
(:func:`importlib.metadata.packages_distributions`), and one of them must be
in ``pyproject.toml``'s ``dependencies``: a ``pip install .`` without the lock
then installs everything the kit can import.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from analysis import paths

PACKAGE = paths.project_root() / "analysis"
# Declared but never imported by the kit itself, and why.
USED_WITHOUT_IMPORT = {
    "ipykernel": "the notebook runner starts `python -m ipykernel_launcher`",
    "lxml-html-clean": "trafilatura imports lxml.html.clean, which lxml moved to this package",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((paths.project_root() / "pyproject.toml").read_text("utf-8"))
    return {
        canonical(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])
        for spec in project["project"]["dependencies"]
    }


def imported_modules(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Top-level module imported -> the files of *package* that import it
    (the standard library and the package itself left out)."""
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != package.name:
                    found.setdefault(top, set()).add(path.name)
    return found


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        "import os\nfrom pkg import x\n\ndef f():\n    import trafilatura\n"
        "    from pyarrow import parquet\n",
        encoding="utf-8",
    )
    assert imported_modules(package) == {"trafilatura": {"m.py"}, "pyarrow": {"m.py"}}


def test_every_imported_package_is_declared():
    providers = importlib.metadata.packages_distributions()
    wanted = declared()
    missing = {}
    for module, files in imported_modules().items():
        distributions = {canonical(d) for d in providers.get(module, [])}
        if not distributions & wanted:
            missing[module] = (sorted(distributions) or ["not installed"], sorted(files))
    assert not missing, f"imported by analysis/ but not in pyproject's dependencies: {missing}"


def test_every_declared_package_is_imported():
    providers = importlib.metadata.packages_distributions()
    provided = {
        canonical(d) for module in imported_modules() for d in providers.get(module, [module])
    }
    unused = declared() - provided - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject but never imported by analysis/: {sorted(unused)}"
