# Itar: the two commands are `make figures` (regenerate every figure from
# seeds/) and `make test` (lint, tests, notebooks, label tests on two
# matplotlib versions).  Both create the environments they need.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VENV310 := .venv-mpl310
BIN310 := $(VENV310)/bin
PIP_FLAGS := --disable-pip-version-check --no-input --quiet
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
LINTED := analysis tests notebooks tools benchmarks

.PHONY: all env figures test lint lab lock clean

all: figures

# make-venv DIR LOCK: (re)build the environment DIR from scratch from LOCK, with
# the kit installed in editable mode.  It runs whenever the lock changes.
define make-venv
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Itar needs Python 3.11; set PYTHON=/path/to/python3.11")'
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install $(PIP_FLAGS) -r $(2)
	$(1)/bin/python -m pip install $(PIP_FLAGS) --no-deps -e .
	touch $(1)/.itar-env
endef

$(VENV)/.itar-env: requirements.lock pyproject.toml
	$(call make-venv,$(VENV),requirements.lock)

$(VENV310)/.itar-env: requirements-mpl310.lock pyproject.toml
	$(call make-venv,$(VENV310),requirements-mpl310.lock)

env: $(VENV)/.itar-env

# The main job: execute every notebook in order, outputs stored in place,
# figures written to figures/.
figures: $(VENV)/.itar-env
	$(BIN)/python -m analysis.notebooks $(NOTEBOOKS)

lint: $(VENV)/.itar-env
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# Notebooks are checked with nbval against their stored outputs; their figures
# go to a scratch directory so that tests never write into figures/.
test: $(VENV)/.itar-env $(VENV310)/.itar-env lint
	ITAR_EXPECT_LIBRAQM=1 $(BIN)/python -m pytest tests
	scratch=$$(mktemp -d) && ITAR_FIGURES_DIR=$$scratch \
	  $(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider $(NOTEBOOKS); \
	  status=$$?; rm -rf $$scratch; exit $$status
	ITAR_EXPECT_LIBRAQM=0 $(BIN310)/python -m pytest -p no:cacheprovider tests/test_labels.py tests/test_bidi.py

lab: $(VENV)/.itar-env
	$(BIN)/jupyter lab notebooks/

# Re-resolve the locks and environment.yml after editing requirements*.in.
lock:
	PYTHON=$(PYTHON) bash tools/lock.sh

clean:
	rm -rf $(VENV) $(VENV310) .venv-tools .pytest_cache .ruff_cache
