# Two commands do all set-up on a fresh machine:
#   make build   builds the bundled course into dist/
#   make test    runs the whole test suite (browser tests included)
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
NODE_STAMP = tests/browser/node_modules/.installed
RALPH_VENV = .venv-ralph
RALPH_STAMP = $(RALPH_VENV)/.installed
RALPH_REQUIREMENTS = tests/browser/ralph-requirements.txt

.PHONY: build test test-fast lint chromium openssh bench clean

build: $(STAMP)
	$(BIN)/dfc-course build

test: $(STAMP) $(NODE_STAMP) $(RALPH_STAMP) chromium openssh lint
	$(BIN)/python -m pytest

test-fast: $(STAMP) openssh
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check builder tests

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,report]'
	touch $@

$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The LRS the cmi5 tests start and stop themselves (tests/browser/ralph_server.py).
$(RALPH_STAMP): $(RALPH_REQUIREMENTS)
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/pip install --quiet --upgrade pip
	$(RALPH_VENV)/bin/pip install --quiet -r $(RALPH_REQUIREMENTS)
	touch $@

chromium:
	@scripts/install-chromium.sh

# ssh-keygen signs and checks approvals (dfc-course approve, build --release, verify).
openssh:
	@scripts/install-openssh.sh

clean:
	rm -rf dist $(VENV) $(RALPH_VENV) tests/browser/node_modules
