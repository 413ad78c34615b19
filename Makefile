# ccn_docs — set-up, main job, tests and benchmarks.
# Every target installs what it needs first and is fast when nothing is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng poppler-utils fonts-liberation2 \
                hunspell-vi ghostscript unpaper chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export OMP_THREAD_LIMIT := 1

.PHONY: setup apt venv run test model bench-ocr bench-restore bench-tune bench-extract bench-table bench-cluster clean

setup: apt venv

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

run: setup
	@test -f corpus/samples/synthetic-directive.png || \
	  $(BIN)/python corpus/synthetic_scan.py --corpus $(CORPUS) -o corpus/samples/synthetic-directive.png
	$(BIN)/ccn run corpus/samples --db extracted/ccn.db

test: setup
	$(BIN)/python -m pytest -q

# PyTorch trains the context model on two threads; Tesseract sets its own one-thread cap.
model: setup
	env -u OMP_THREAD_LIMIT $(BIN)/ccn model build --corpus $(CORPUS)

bench-ocr: setup
	$(BIN)/python -m bench.ocr

bench-restore: setup
	$(BIN)/python -m bench.restore

bench-tune: setup
	env -u OMP_THREAD_LIMIT $(BIN)/python -m bench.tune

bench-extract: setup
	$(BIN)/python -m bench.extract

bench-table: setup
	$(BIN)/python -m bench.table

bench-cluster: setup
	$(BIN)/python -m bench.cluster

clean:
	rm -rf $(VENV) build *.egg-info extracted/*.db extracted/*.json bench/out
