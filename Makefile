# Everything a fresh machine needs: python3 and make. The venv is made on first use and
# re-installed only when pyproject.toml changes (the stamp file tracks that).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play lint test validate simulate bench clean package-check fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,serve,cluster]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/python -m game

# ruff (lint and format) on the code and the tests; mypy --strict on what [tool.mypy] names
# (game/core); import-linter holds the layers of README's Layout.
lint: $(STAMP)
	$(BIN)/ruff check game tests
	$(BIN)/ruff format --check game tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest -n auto

# The fuzzers of tests/fuzz (content loader, expressions, save reader, table API) for FUZZ_TIME
# seconds in all, two at a time, each pass after pass of new random inputs; `timeout` turns a
# hang into a failure. `make test` runs one pass of 300 examples each, with the rest.
FUZZ_TIME ?= 300
fuzz: $(STAMP)
	FUZZ_SECONDS=$$(( $(FUZZ_TIME) / 3 )) timeout $$(( $(FUZZ_TIME) + 300 )) $(BIN)/python -m pytest tests/fuzz -n 2

# The wheel in a fresh venv outside the checkout, as pipx installs it (needs the network for
# the dependencies); CI runs it after `make test`.
package-check: $(STAMP)
	PYTHON=$(abspath $(BIN)/python) .ci/package-check

validate: $(STAMP)
	$(BIN)/python -m game validate

simulate: $(STAMP)
	$(BIN)/python -m game simulate --scenario h200 --games 200 --seed 1

bench: $(STAMP)
	$(BIN)/python -m game bench

clean:
	rm -rf $(VENV) build *.egg-info
