"""The command line on hostile input: every command, every format, no crash.

Each case once ended a run with a traceback (``UnicodeEncodeError`` on lone
surrogates in JSONL, or on a file name that is not UTF-8).  Now the run goes
on, the output is valid UTF-8, and standard error accounts for the input.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from analysis.__main__ import main as cli

TEXT = "قال المتحدث باسم الوزارة إن «المحادثات مثمرة» وإن الحرب لم تنته بعد."
COMMANDS = [
    ["attributions"],
    ["cues"],
    ["frames"],
    ["frames", "--answers"],
    ["actors"],
    ["actors", "--descriptors"],
]


def run(args, capsys) -> tuple[int, str]:
    status = cli(args)
    captured = capsys.readouterr()
    captured.err.encode("utf-8")  # printable: no lone surrogate reached standard error
    return status, captured.err


@pytest.fixture
def surrogates(tmp_path):
    """JSONL whose text, id and other fields hold lone surrogates (\\ud800, \\udfff)."""
    path = tmp_path / "surrogates.jsonl"
    lines = [
        '{"doc_id": "a\\ud800", "text": "' + TEXT + " \\ud800 " + TEXT + '", "outlet": "x\\udfff"}',
        '{"doc_id": "b", "text": "\\udfff' + TEXT + '"}',
        json.dumps({"doc_id": "c", "text": TEXT}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_lone_surrogates_never_crash_a_command(command, fmt, surrogates, tmp_path, capsys):
    out = tmp_path / f"out.{fmt}"
    status, err = run([*command, str(surrogates), "--format", fmt, "--out", str(out)], capsys)
    assert status == 0, err
    assert "documents analysed: 3" in err
    assert "surrogate" in err  # the replacement is reported, not silent
    data = out.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    if fmt == "jsonl":
        for line in data.splitlines():
            json.loads(line)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
@pytest.mark.parametrize("command", COMMANDS[:3], ids=" ".join)
def test_a_file_name_that_is_not_utf8_is_reported_and_read(command, tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    (folder / "plain.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status, err = run([*command, str(folder), "--out", str(out)], capsys)
    assert status == 0, err
    assert "documents analysed: 2" in err
    out.read_bytes().decode("utf-8")
