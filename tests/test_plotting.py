"""save_figure writes reproducible files with a complete provenance sidecar."""

from __future__ import annotations

import json
import platform
import subprocess
import sys

import matplotlib
import pytest
from matplotlib.figure import Figure

import analysis
from analysis import corpus, paths, plotting, provenance

matplotlib.use("Agg")


SEED = paths.seeds_dir() / "us_iraq_troops_talks_ar.txt"


def seed_figure() -> Figure:
    doc = corpus.load_seed("us_iraq_troops_talks_ar")
    fig = Figure(figsize=(5, 3))
    ax = fig.add_subplot()
    plotting.barh_rtl(
        ax, [p.text[:20] for p in doc.paragraphs], [len(p.text) for p in doc.paragraphs]
    )
    ax.set_title(plotting.label(doc.meta["title"]))
    return fig


@pytest.fixture
def styled():
    with matplotlib.rc_context():
        plotting.use_style()
        yield


def test_same_figure_same_bytes(tmp_path, styled):
    seed = SEED
    first = plotting.save_figure(seed_figure(), "f", directory=tmp_path / "a", inputs=[seed])
    second = plotting.save_figure(seed_figure(), "f", directory=tmp_path / "b", inputs=[seed])
    for a, b in zip(first.files, second.files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_files_carry_no_date_software_or_machine_path(tmp_path, styled):
    saved = plotting.save_figure(seed_figure(), "f", directory=tmp_path)
    svg = saved.path("svg").read_text(encoding="utf-8")
    pdf = saved.path("pdf").read_bytes()
    png = saved.path("png").read_bytes()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf and b"/Creator" not in pdf
    assert b"Software" not in png and b"matplotlib" not in png.lower()
    for blob in (svg.encode(), pdf, png, saved.path("json").read_bytes()):
        assert str(tmp_path).encode() not in blob
        assert b"site-packages" not in blob


def test_sidecar_records_provenance(tmp_path, styled):
    seed = SEED
    saved = plotting.save_figure(
        seed_figure(), "f", directory=tmp_path, inputs=[seed], lexicons={"cues": "0.1.0"}
    )
    sidecar = json.loads(saved.path("json").read_text(encoding="utf-8"))
    assert sidecar["kit"] == {
        "code": provenance.code_record(),
        "name": "itar",
        "version": analysis.__version__,
    }
    assert sidecar["python"] == "{}.{}".format(*sys.version_info[:2])
    assert sidecar["inputs"] == [
        {"path": "seeds/" + seed.name, "sha256": provenance.sha256_file(seed)}
    ]
    assert sidecar["lexicons"] == {"cues": "0.1.0"}
    for fmt in plotting.FORMATS:
        assert sidecar["files"][fmt] == provenance.sha256_file(saved.path(fmt))
    rendering = sidecar["rendering"]
    assert rendering["software"]["matplotlib"] == matplotlib.__version__
    assert rendering["freetype"] == matplotlib.ft2font.__freetype_version__
    assert rendering["font"]["sha256"] == provenance.sha256_file(plotting.arabic_font_path())
    assert "run" not in sidecar  # nothing that a commit or a clock changes


def test_the_run_log_holds_what_the_sidecar_leaves_out(tmp_path, styled):
    for _ in range(2):
        saved = plotting.save_figure(seed_figure(), "f", directory=tmp_path)
    lines = (tmp_path / plotting.RUN_LOG).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    run = json.loads(lines[-1])
    assert run["figure"] == "f"
    assert run["sidecar_sha256"] == provenance.sha256_file(saved.path("json"))
    assert set(run["git"]) == {"commit", "dirty"} and run["python"] == platform.python_version()
    assert run["time"].endswith("+00:00")


def test_code_record_follows_the_package_files_content(tmp_path):
    package = tmp_path / "analysis"
    (package / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "m.py").write_text("x = 1\n", encoding="utf-8")
    (package / "data" / "lexicon.yaml").write_text("a: 1\n", encoding="utf-8")
    (package / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    (package / ".m.py.swp").write_bytes(b"\0")
    first = provenance.code_record(package)
    assert first["files"] == 2
    (package / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\1")
    assert provenance.code_record(package) == first  # caches do not count
    (package / "data" / "lexicon.yaml").write_text("a: 2\n", encoding="utf-8")
    assert provenance.code_record(package)["sha256"] != first["sha256"]


def test_the_run_log_is_ignored_by_git():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", f"figures/{plotting.RUN_LOG}"],
        cwd=paths.project_root(),
    )
    if ignored.returncode == 128:
        pytest.skip("not a git checkout")
    assert ignored.returncode == 0, f"figures/{plotting.RUN_LOG} is not in .gitignore"


def test_saved_figure_shows_in_jupyter_without_paths(tmp_path, styled):
    saved = plotting.save_figure(seed_figure(), "f", directory=tmp_path)
    assert saved._repr_png_().startswith(b"\x89PNG")
    assert repr(saved) == "SavedFigure('f': f.svg, f.png, f.pdf, f.json)"


@pytest.mark.parametrize("name", ["", "../escape", "a b", "/abs", "ن"])
def test_figure_name_is_a_plain_file_stem(name, tmp_path):
    with pytest.raises(ValueError, match="figure name"):
        plotting.save_figure(Figure(), name, directory=tmp_path)


def test_font_comes_from_the_pinned_package():
    font = plotting.arabic_font_path()
    assert font.is_file() and font.suffix == ".ttf"
    assert "fontpkg_noto_sans_arabic" in font.parts
    assert plotting.arabic_font_family() == "Noto Sans Arabic"


def test_use_style_makes_the_kit_font_the_default(styled):
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert found == str(plotting.arabic_font_path())
    assert matplotlib.rcParams["text.parse_math"] is False
