"""The kit installs on its own: ``pip install .`` without the lock, as a user
adding it to an environment of their own would, then loads every format.

This builds a fresh virtual environment from the package index (a minute or
two), so it is marked slow; it is skipped, saying so, where the index cannot
be reached.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
import venv

import pytest

from analysis import paths

pytestmark = pytest.mark.slow

UNREACHABLE = ("Could not find a version", "No matching distribution", "connection", "Network")

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from analysis import corpus, cues, attribution

    folder = Path(sys.argv[1])
    loaded = corpus.load(folder)
    report = loaded.load_report
    print(json.dumps({
        "statuses": dict(zip(report.path.map(lambda p: Path(p).name), report.status)),
        "reasons": report.reason.tolist(),
        "documents": len(loaded),
        "cues": int(sum(len(cues.cues(d)) for d in loaded)),
        "relations": int(sum(len(attribution.attributions(d)) for d in loaded)),
    }, ensure_ascii=False))
    """
)

TEXT = "قال المتحدث باسم الوزارة إن المحادثات «مثمرة» وإن الخلافات العميقة لم تحل بعد."
OTHER = "وأكد مسؤولون عراقيون أن الجولة المقبلة ستعقد في بغداد الشهر المقبل."


def test_pip_install_without_the_lock_loads_html_and_parquet(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    root = paths.project_root()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source / name)
    shutil.copytree(
        root / "analysis", source / "analysis", ignore=shutil.ignore_patterns("__pycache__")
    )
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode and any(sign in done.stderr for sign in UNREACHABLE):
        pytest.skip(f"the package index cannot be reached: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "page.html").write_text(
        f"<html><head><title>عنوان</title></head><body><article><p>{TEXT}</p><p>{OTHER}</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (corpus_dir / "article.txt").write_text(TEXT, encoding="utf-8")
    import pandas as pd

    pd.DataFrame({"doc_id": ["p1"], "text": ["نص آخر: " + TEXT]}).to_parquet(
        corpus_dir / "records.parquet"
    )
    run = subprocess.run(
        [str(python), "-c", SCRIPT, str(corpus_dir)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["statuses"] == {
        "article.txt": "loaded",
        "page.html": "loaded",
        "records.parquet": "loaded",
    }, result["reasons"]
    assert result["documents"] == 3
    assert result["cues"] > 0 and result["relations"] >= 3
