#!/usr/bin/env bash
# Resolve requirements*.in into exact pins and regenerate environment.yml.
# Run through `make lock` after changing a requirements*.in file.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tools_venv=.venv-tools
if [ ! -x "$tools_venv/bin/uv" ]; then
  "${PYTHON:-python3.11}" -m venv "$tools_venv"
  "$tools_venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
uv="$tools_venv/bin/uv"
"$uv" pip compile --quiet --python-version 3.11 requirements.in -o requirements.lock
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
grep -v '^matplotlib==' requirements.lock >"$constraints"
"$uv" pip compile --quiet --python-version 3.11 --constraint "$constraints" \
  requirements-mpl310.in -o requirements-mpl310.lock
# Name the constraints file by what it is, not by its temporary path.
"${PYTHON:-python3.11}" - "$constraints" <<'PY'
import pathlib, sys
lock = pathlib.Path("requirements-mpl310.lock")
lock.write_text(lock.read_text().replace(sys.argv[1], "requirements.lock (less matplotlib)"))
PY
"${PYTHON:-python3.11}" tools/write_environment_yml.py
