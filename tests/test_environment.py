"""The pip lock, the matplotlib 3.10 lock and environment.yml agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis import paths

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(path: Path) -> dict[str, str]:
    pins = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: not an exact pin: {raw!r}"
        pins[normalise(match[1])] = match[2]
    return pins


@pytest.fixture(scope="module")
def root() -> Path:
    return paths.project_root()


@pytest.fixture(scope="module")
def lock(root) -> dict[str, str]:
    return lock_pins(root / "requirements.lock")


@pytest.fixture(scope="module")
def environment(root) -> dict:
    return yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))


def conda_pip_section(environment: dict) -> list[str]:
    sections = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict)]
    assert len(sections) == 1, "environment.yml must have exactly one pip section"
    return sections[0]


def test_environment_yml_pins_exactly_the_lock(environment, lock):
    pins = {}
    for entry in conda_pip_section(environment):
        if entry == "-e .":
            continue
        match = PIN.match(entry)
        assert match, f"environment.yml: not an exact pin: {entry!r}"
        pins[normalise(match[1])] = match[2]
    assert pins == lock


def test_environment_yml_has_python_311_and_installs_the_kit(environment):
    conda_deps = [d for d in environment["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda_deps
    assert "pip" in conda_deps
    assert "-e ." in conda_pip_section(environment)


def test_design_card_packages_are_pinned(lock):
    for name in [
        "jupyterlab",
        "pandas",
        "matplotlib",
        "arabic-reshaper",
        "python-bidi",
        "nbval",
        "pytest",
        "fontpkg-noto-sans-arabic",
    ]:
        assert name in lock, f"{name} is not in requirements.lock"
    assert lock["matplotlib"].startswith("3.11.")


def test_matplotlib_310_environment_shares_every_other_version(root, lock):
    second = lock_pins(root / "requirements-mpl310.lock")
    assert second["matplotlib"].startswith("3.10.")
    differing = {
        name: (version, lock.get(name))
        for name, version in second.items()
        if name != "matplotlib" and lock.get(name) != version
    }
    assert not differing, f"versions differ from requirements.lock: {differing}"


def test_lock_matches_the_running_environment(lock):
    import importlib.metadata

    import matplotlib

    if not matplotlib.__version__.startswith("3.11."):
        pytest.skip("this is the matplotlib 3.10 environment, checked by its own lock")
    from packaging.version import Version

    installed = {
        normalise(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()
    }
    # Compared as versions: a package may report 2.012 for the pin 2.12.
    missing = {
        n: (v, installed.get(n))
        for n, v in lock.items()
        if n not in installed or Version(installed[n]) != Version(v)
    }
    assert not missing, f"installed versions differ from requirements.lock: {missing}"
