# The milia guide. `make app` serves it; `make test` checks every layer; `make bench` prints its figures.
# Everything runs in a local venv (.venv) built from one package list (environment.yml, read by setup.py).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8866
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

.PHONY: help app test bench handouts frontend install install-test browser deploy-tools screenshots clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Reinstall only when the package list changes.
$(VENV)/.installed-app: $(VENV)/bin/python environment.yml setup.py pyproject.toml
	$(PY) -m pip install -q -e .
	$(PY) -m milia_kit.page_template
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed-app ## create .venv and install the guide

install-test: $(VENV)/.installed-test browser deploy-tools ## install what the tests need, Chromium and nginx included

browser: ## Chromium from the OS packages (Playwright cannot download its own browser here)
	@./tools/ensure-chromium

deploy-tools: ## nginx and systemd-analyze from the OS packages, for the deployment tests (tests/deploy)
	@./tools/ensure-deploy-tools

app: install ## serve the guide at http://127.0.0.1:8866 (PORT=..., HOST=0.0.0.0 for a clinic network)
	$(PY) -m milia_kit.serve --port $(PORT) --host $(HOST)

test: install-test ## run every test layer: units, notebooks, a real Voila server, a real browser
	$(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m pytest --nbval-lax notebooks/ -p no:cacheprovider

handouts: install ## rebuild the stock handouts in handouts/ from the strings and drawings
	$(PY) -m milia_kit.handout build

bench: install-test ## print the guide's speed and memory figures beside plain Voila's
	$(PY) tools/bench.py

screenshots: install-test ## every step at 360 and 1280 px, each language and mode, in screenshots/ for review
	$(PY) tools/screenshots.py screenshots

frontend: ## rebuild the page's front end (frontend/ -> the template's static widgets.js/.css); needs Node.js and npm
	cd frontend && npm ci --no-audit --no-fund && npm run build

clean: ## remove the venv and caches
	rm -rf $(VENV) .pytest_cache build *.egg-info
