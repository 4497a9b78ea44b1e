# The README's commands. `make site` to see the site, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
# The Nu HTML checker (npm package vnu-jar, run with Java), for the HTML validation test.
VNU_VERSION := 26.9.27
VNU_JAR := build/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: install site build check check-github check-publish links serve demo test lint schemas lock clean

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## check every record and page (what CI runs on pull requests)
check: install
	$(BIN)/python -m generator check

## the same check, printed as pull-request annotations (what .github/workflows/pull-request.yml runs)
check-github: install
	$(BIN)/python -m generator check --format github

## the check before publishing (what .github/workflows/deploy.yml runs): as check-github, and a
## legal-notice item missing from data/site.yml is an error, not a warning
check-publish: install
	$(BIN)/python -m generator check --format github --publish

## every link between the site's own pages lands on a page and an anchor (after make build)
links: install
	$(BIN)/python tools/linkcheck.py site

## build both languages and the search index into site/
build: install
	$(BIN)/python -m generator build --out site

## build, serve on http://127.0.0.1:8000 and rebuild when data/, content/ or theme/ change
site: check
	$(BIN)/python -m generator serve --out site --port 8000

serve: site

## the fictional demo dataset (tests/fixtures/demo), served the same way
demo: install
	$(BIN)/python -m generator serve --demo --out build/demo-site --port 8000

$(VNU_JAR):
	npm install --silent --no-audit --no-fund --no-save --prefix build/vnu vnu-jar@$(VNU_VERSION)

## every test (browser tests need Debian's chromium, HTML validation needs Java: .ci/run installs both)
test: install $(VNU_JAR)
	$(BIN)/ruff check generator tests tools
	$(BIN)/python -m generator schemas --check
	VNU_JAR=$(VNU_JAR) $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check generator tests tools

## regenerate schemas/ after a change to generator/schema.py
schemas: install
	$(BIN)/python -m generator schemas

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools)==' > requirements.txt

clean:
	rm -rf site build .pytest_cache

## the scale benchmark, a report in docs/benchmark.md (all sizes take ~20 min; `make bench SIZES=100,1000` is quick)
SIZES ?= 100,1000,10000
.PHONY: bench
bench: install
	$(BIN)/python tools/bench.py --sizes $(SIZES) --profile --findings docs/benchmark-findings.md
