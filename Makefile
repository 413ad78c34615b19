# ccn_docs — set-up, main job, tests and benchmarks.
# Every target installs what it needs first and is fast when nothing is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
DB := extracted/ccn.db
PDF_DIR := extracted/pdf
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet tesseract-ocr-eng poppler-utils fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core \
                fonts-freefont-ttf fonts-sil-charis fonts-sil-gentiumplus fonts-crosextra-carlito fonts-texgyre \
                fonts-comfortaa fonts-quicksand fonts-league-spartan fonts-roboto-unhinted fonts-open-sans \
                hunspell-vi ghostscript unpaper chromium gcc python3-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OMP_THREAD_LIMIT := 1

.PHONY: setup apt venv kernels run test test-fast model bench-ocr bench-restore bench-tune bench-extract bench-due-dates bench-table bench-cluster bench-archive bench-codes bench-ocr-lowdpi bench-ocr-heavy screenshots clean

setup: apt venv kernels

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@echo "setup: installing Python packages into $(VENV)/"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -qq --upgrade pip
	@$(BIN)/pip install -qq -e '.[dev]'
	@touch $@

# Restoration's search is compiled once per machine; doing it here keeps that wait out of the first command.
kernels: venv
	@$(BIN)/python -c "from ccn_docs.restore.viterbi import compiled_kernels; compiled_kernels()"

run: setup
	@test -f corpus/samples/synthetic-directive.png || { \
	  echo "run: writing the sample scan corpus/samples/synthetic-directive.png"; \
	  $(BIN)/python corpus/synthetic_scan.py --corpus $(CORPUS) -o corpus/samples/synthetic-directive.png; }
	@echo "run: ccn run corpus/samples --db $(DB) --pdf-dir $(PDF_DIR)"
	@$(BIN)/ccn run corpus/samples --db $(DB) --pdf-dir $(PDF_DIR)
	@echo "next:"
	@echo "  $(BIN)/ccn search --agency 'so tai chinh' --db $(DB)   # one agency's tasks"
	@echo "  $(BIN)/ccn serve --db $(DB)   # browse and search at http://127.0.0.1:8001/"
	@echo "  $(BIN)/ccn export --format xlsx -o extracted/tasks.xlsx --db $(DB)   # every task, for a spreadsheet"

# One test process per core; a file's tests stay together in one of them (they share fixtures).
PYTEST := $(BIN)/python -m pytest -q -n auto --dist loadfile

test: setup
	$(PYTEST)

# The inner loop: everything but the tests marked slow (clusters, a browser, a model build).
test-fast: setup
	$(PYTEST) -m "not slow"

# PyTorch trains the context model on two threads; Tesseract sets its own one-thread cap.
model: setup
	env -u OMP_THREAD_LIMIT $(BIN)/ccn model build --corpus $(CORPUS)

# Each benchmark writes its page, docs/benchmarks/NAME.md (bench/publish.py).
# The sealed blind OCR settings are scored only when asked for (--blind-setting), never by this target.
bench-ocr: setup
	$(BIN)/python -m bench.publish ocr --no-blind

bench-restore: setup
	$(BIN)/python -m bench.publish restore

bench-tune: setup
	env -u OMP_THREAD_LIMIT $(BIN)/python -m bench.publish tune

bench-extract: setup
	$(BIN)/python -m bench.publish extract

bench-due-dates: setup
	$(BIN)/python -m bench.publish due_dates

bench-table: setup
	$(BIN)/python -m bench.publish table

bench-cluster: setup
	$(BIN)/python -m bench.publish cluster

# Every issuer code through OCR and restoration over a seeded family of layouts; prints its table.
bench-codes: setup
	$(BIN)/python -m bench.codes

# Phone photos taken from afar (60–80 dpi) against plain Tesseract; prints its table.
bench-ocr-lowdpi: setup
	$(BIN)/python -m bench.ocr_lowdpi

# The scan member's harshest draws (faded, or JPEG quality under 50) against plain Tesseract and OCRmyPDF; prints its table.
bench-ocr-heavy: setup
	$(BIN)/python -m bench.ocr_heavy

# The README's pictures of ccn serve, taken by its browser test.
screenshots: setup
	CCN_SCREENSHOTS=docs/images $(BIN)/python -m pytest -q tests/test_serve_browser.py

bench-archive: setup
	$(BIN)/python -m bench.publish archive

clean:
	rm -rf $(VENV) build *.egg-info extracted/*.db extracted/*.json $(PDF_DIR) bench/out
