"""benchmarks/throughput.py runs, counts what the kit finds, and ends with
its summary line.  Nothing here is timed: the numbers belong in issue notes."""

from __future__ import annotations

import re
import subprocess
import sys

from analysis import attribution, corpus, cues, paths

SCRIPT = paths.project_root() / "benchmarks" / "throughput.py"
LAST_LINE = re.compile(
    r"throughput_mb_s=(\S+) ratio_vs_scan=(\S+) ratio_vs_pyarabic=(\S+) "
    r"peak_rss_mb=(\S+) speedup_2_jobs=(\S+)"
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=paths.project_root(),
        timeout=600,  # a guard against a hang, not a speed goal
    )


def test_the_seeds_give_the_summary_line_and_the_rows_the_kit_finds():
    done = run("--corpus", "seeds", "--jobs", "2", "--speedup-sample", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    summary = LAST_LINE.fullmatch(lines[-1])
    assert summary, lines[-1]
    assert all(float(value) > 0 for value in summary.groups())
    seeds = corpus.load(paths.seeds_dir())
    rows = dict(
        re.findall(r"(\w+) ([\d,]+)", next(line for line in lines if line.startswith("rows: ")))
    )
    expected = {
        "attributions": sum(len(attribution.attributions(doc)) for doc in seeds),
        "cues": sum(len(cues.cues(doc)) for doc in seeds),
        "sentences": sum(len(doc.sentences) for doc in seeds),
    }
    assert {name: int(rows[name].replace(",", "")) for name in expected} == expected
    assert f"({len(seeds)} articles" in done.stdout


def test_an_absent_corpus_exits_2_and_says_so(tmp_path):
    done = run("--corpus", str(tmp_path / "absent.jsonl"))
    assert done.returncode == 2
    assert "absent.jsonl is absent" in done.stderr
