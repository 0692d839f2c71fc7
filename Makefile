# Two commands (see README): `make demo` and `make test`. Each creates .venv and installs what it needs.
# `make test-fast` is the quick loop while working: lint, then the tests that need neither the real model nor a browser.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

# The two seed articles carry no publication date in their text; these are their known dates.
SEED_DATES := --published 000_3d7aae49b094e41a=2019-01-21 --published 002_e82945906d6fb749=2020-09-11

.PHONY: install demo test test-fast lint browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/claimcheck compare seeds/ $(SEED_DATES) -o report.yaml -o report.html

# Debian's chromium for the browser tests (Playwright's own browser download is not reachable).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	  || echo "make: could not install chromium; the browser tests will be skipped" >&2; }

# The layer contract and the lint rules (pyproject.toml: [tool.importlinter], [tool.ruff]; docs/architecture.md).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

# No real model, no browser (pytest markers `slow` and `browser`), a tenth of the property-test examples.
test-fast: $(STAMP) lint
	CLAIMCHECK_TEST_FAST=1 $(BIN)/python -m pytest -q -m "not slow and not browser"

clean:
	rm -rf $(VENV) report.yaml report.html report.json report.md .ruff_cache .import_linter_cache
