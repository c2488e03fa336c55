"""Write environment.yml from requirements.lock, for conda users.

Every pinned package goes in the pip section with the lock's exact version, so
that a conda environment resolves to the same versions as the pip one.
``tests/test_environment.py`` fails when the two disagree.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Generated from requirements.lock by `make lock`; do not edit by hand.
# Conda users: `conda env create -f environment.yml`, then `conda activate itar`.
# Every package is pinned to the lock's exact version (tests/test_environment.py).
name: itar
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def pins(lock: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in lock.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def main() -> None:
    body = "".join(f"      - {pin}\n" for pin in pins(ROOT / "requirements.lock"))
    text = HEADER + body + "      - -e .\n"
    (ROOT / "environment.yml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
