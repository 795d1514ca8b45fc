# newsframes: two entry points for readers, `make book` and `make test`.
# Everything a target needs is a prerequisite, so a change to seeds/, src/ or a chapter
# rebuilds what depends on it, and a second `make book` with nothing changed does nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV ?= .venv
SEEDS ?= seeds
WORKERS ?= auto
PY := $(VENV)/bin/python
STAMP := $(VENV)/.newsframes-installed
TABLES := _build/tables
BOOK_OK := _build/.book-ok

export NEWSFRAMES_SEEDS := $(abspath $(SEEDS))
export NEWSFRAMES_TABLES := $(abspath $(TABLES))
export NLTK_DATA := $(abspath .nltk_data)
export PYTHONPATH := $(abspath src)
export PYTHONHASHSEED := 0
export UV_LINK_MODE := copy
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export MPLBACKEND := Agg

# An environment named on the command line (VENV=...) is used as it is, never re-installed:
# tests build copies of the book with this checkout's environment.
ifeq ($(origin VENV),command line)
ENV_READY :=
else
ENV_READY := $(STAMP)
endif

SRC_FILES := $(shell find src -type f \( -name '*.py' -o -path '*/data/*' \) -not -path '*/__pycache__/*' 2>/dev/null)
SEED_FILES := $(shell find $(SEEDS) -type f 2>/dev/null | LC_ALL=C sort)
BOOK_FILES := _config.yml _toc.yml references.bib $(wildcard chapters/*.md) $(wildcard _static/*) \
  $(wildcard _ext/*.py)

.PHONY: book test test-fast setup tables clean bench lint validation eval

book: $(BOOK_OK)
	@echo "Book: $(abspath _build/html/index.html)"

setup: $(STAMP)

# The environment: created from the lock file when missing or older than it.
$(STAMP): requirements.lock pyproject.toml
	@echo "Setting up $(VENV) from requirements.lock (pinned versions)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-deps -r requirements.lock 2> >(grep -v "^WARNING: Location" >&2)
	$(PY) -m pip install --quiet --no-deps -e . 2> >(grep -v "^WARNING: Location" >&2)
	$(PY) -m newsframes.nltkdata .nltk_data
	touch $@

# The seed folder's path is part of the input: pointing SEEDS elsewhere rebuilds everything.
# A folder inside the book is recorded relative to it, so a copied or moved book stays built.
SEEDS_RECORD := $(patsubst $(CURDIR)/%,./%,$(NEWSFRAMES_SEEDS))
_build/.seeds-path: FORCE
	@mkdir -p _build
	@echo "$(SEEDS_RECORD)" | cmp -s - $@ || echo "$(SEEDS_RECORD)" > $@

# The bytecode of the package (and of the benchmark, whose naive script is timed beside it),
# compiled once per change. Where PYTHONDONTWRITEBYTECODE is set (as on this project's machines)
# Python never writes it, and each process compiled every module it imports, again: about 0.15 s
# for the pipeline's, 0.13 s for a chapter's (its kernel's imports), in the pipeline run, each
# chapter and each test's subprocess. compileall writes it whatever the variable says; a module
# changed since is compiled in memory until the next run.
BYTECODE := _build/.bytecode
$(BYTECODE): $(ENV_READY) $(SRC_FILES) $(wildcard benchmarks/*.py)
	@mkdir -p _build
	$(PY) -m compileall -q src benchmarks
	touch $@

# The pipeline runs once; chapters only read its tables.
$(TABLES)/.done: $(BYTECODE) $(SEED_FILES) _build/.seeds-path
	rm -rf $(TABLES)
	@echo "make book: running the pipeline on $(NEWSFRAMES_SEEDS) (tables in $(TABLES)), then the chapters"
	$(PY) -m newsframes run "$(NEWSFRAMES_SEEDS)" --out $(TABLES) --workers $(WORKERS)
	touch $@

tables: $(TABLES)/.done

# -W turns every Sphinx warning into an error, -n flags broken references, --keep-going
# reports them all; --all re-reads every chapter so no page shows results of older inputs.
# Left out of what the build prints: each chapter's kernel (ipykernel 7.4) saying that it talks
# over TCP without encryption. It listens on 127.0.0.1 for the seconds its chapter runs; its
# IPC transport would avoid it, but jupyter_client names the sockets of kernels started at once
# alike in the chapter's folder, and the parallel chapters' kernels then never answer (tried).
KERNEL_TCP_NOTICE = ^\[IPKernelApp\] WARNING | Kernel is running over TCP without encryption
$(BOOK_OK): $(TABLES)/.done $(BOOK_FILES)
	rm -f $@
	$(VENV)/bin/jupyter-book build --all -W -n --keep-going . \
	  2> >(grep -v -e "^WARNING: Location" -e "$(KERNEL_TCP_NOTICE)" >&2)
	touch $@

# The browser tests drive Debian's chromium; install it when missing and we may (root).
test: $(ENV_READY) $(BYTECODE)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium is not installed: browser tests will be skipped (CI=true makes them fail)"
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest -q

# The quick loop: every test but the book builds, browsers and real corpora (marked slow).
test-fast: $(ENV_READY) $(BYTECODE)
	$(PY) -m pytest -q -m "not slow"

# Quotation attribution measured on PolNeAR (../shared, not part of the repository): prints the
# scorer's line and keeps the figures in src/newsframes/data/quote_accuracy.csv for the book.
SPLIT ?= dev
SHARED ?= ../shared
eval: $(ENV_READY) $(BYTECODE)
	$(PY) -m newsframes.evaluation --shared "$(SHARED)" --split $(SPLIT) --workers 2

# Style: ruff's checks and its formatter (rules and line length in pyproject.toml).
lint: $(ENV_READY)
	$(VENV)/bin/ruff check src tests benchmarks _ext
	$(VENV)/bin/ruff format --check src tests benchmarks _ext

# The validation table the pipeline reads (which labels it reports), recomputed from the hand
# codes in validation/ and the corpora they name; needs ../shared (PolNeAR) and refuses without it.
validation: $(ENV_READY)
	$(PY) -c 'import sys; from newsframes.framing.validation import main; sys.exit(main(sys.argv[1:]))' \
	  validation --out src/newsframes/data/validation.csv

bench: $(ENV_READY) $(BYTECODE)
	$(PY) -m benchmarks.bench --out _build/bench $(BENCH_ARGS)

clean:
	rm -rf _build

FORCE:
