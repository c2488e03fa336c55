"""Every path comes from the project root."""

from pathlib import Path

import pytest

from analysis import paths


def test_root_holds_the_kit():
    root = paths.project_root()
    for name in [
        "seeds",
        "notebooks",
        "analysis",
        "figures",
        "tests",
        "environment.yml",
        "README.md",
        "pyproject.toml",
    ]:
        assert (root / name).exists(), name


def test_directories_hang_off_the_root():
    root = paths.project_root()
    assert paths.seeds_dir() == root / "seeds"
    assert paths.notebooks_dir() == root / "notebooks"


def test_figures_dir_can_be_redirected(monkeypatch, tmp_path):
    monkeypatch.delenv("ITAR_FIGURES_DIR", raising=False)
    assert paths.figures_dir() == paths.project_root() / "figures"
    monkeypatch.setenv("ITAR_FIGURES_DIR", str(tmp_path))
    assert paths.figures_dir() == tmp_path.resolve()


def test_a_wrong_root_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("ITAR_ROOT", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="ITAR_ROOT"):
        paths.project_root()


def test_records_never_hold_absolute_paths(tmp_path):
    assert paths.relative_to_root(paths.seeds_dir() / "x.txt") == "seeds/x.txt"
    shared = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    assert paths.relative_to_root(shared) == "../shared/data/saudinewsnet/saudinewsnet.jsonl.gz"
    if not tmp_path.resolve().is_relative_to(paths.project_root().parent):
        assert paths.relative_to_root(tmp_path / "y.txt") == "y.txt"
    assert not Path(paths.relative_to_root(paths.project_root() / "a" / "b")).is_absolute()
