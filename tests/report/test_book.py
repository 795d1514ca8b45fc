"""The book builds from `make book`, fails loudly, and never shows results of older inputs.

Each test copies the book to a temporary folder and runs the real `make book` there, sharing
this checkout's environment (VENV=...), so what is tested is the reader's command.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from book_fixtures import background_job, book_pages, finished_job, output_text, queue_job
from bookbuild import copy_book, copy_tree, make_book

pytestmark = pytest.mark.slow

STUB_CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# Stub

```{code-cell} ipython3
print("the stub chapter runs")
```
"""


@pytest.fixture
def built_copy(seed_book, tmp_path):
    """A copy of the built seed book (mtimes kept, so it is up to date where it lies)."""
    return copy_tree(seed_book, tmp_path / "book")


RAISING_CELL = (
    "\n```{code-cell} ipython3\nraise RuntimeError('deliberate failure for the test')\n```\n"
)
BROKEN_REFERENCE = "\nSee {doc}`no_such_chapter`.\n"


@dataclass
class StubBuilds:
    """What `make book` did on the stub book in each failure mode."""

    raised: subprocess.CompletedProcess  # a cell raises
    stamped_after_raise: bool  # was the book marked built after that failure?
    raised_again: subprocess.CompletedProcess  # the same book, nothing changed
    broken_reference: subprocess.CompletedProcess  # no raising cell, a broken {doc} reference


@background_job("stub_builds")
def _stub_builds(tmp_path_factory, env) -> StubBuilds:
    """One small stub book, the book's sources with one stub chapter in its table of contents
    (the Makefile, configuration and pipeline unchanged), taken through both failure modes: a
    raising cell, built twice, then the cell replaced by a broken cross-reference. Each failing
    build takes seconds; the pipeline runs in the first only."""
    book = copy_book(tmp_path_factory.mktemp("stub") / "book")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/stub\n", encoding="utf-8")
    chapter = book / "chapters" / "stub.md"
    chapter.write_text(STUB_CHAPTER + RAISING_CELL, encoding="utf-8")
    raised = make_book(book, env=env)
    stamped = (book / "_build" / ".book-ok").exists()
    raised_again = make_book(book, env=env)
    chapter.write_text(STUB_CHAPTER + BROKEN_REFERENCE, encoding="utf-8")
    return StubBuilds(raised, stamped, raised_again, make_book(book, env=env))


@pytest.fixture(scope="module")
def stub_builds(tmp_path_factory) -> StubBuilds:
    """The stub book's builds (a background job, queued once the tests are collected)."""
    return queue_job("stub_builds", tmp_path_factory).result()


MARKER = "Zyxwvut Quorandel announced an entirely new paragraph for the stale-result test."
INGESTION_PAGE = Path("_build", "html", "chapters", "01_ingestion.html")


@dataclass
class ChangedSeedBuild:
    """A copy of the built seed book, one seed changed, and `make book` run again."""

    book: Path
    before: str  # the ingestion chapter's page before the change
    seed: Path  # the seed file changed
    done: subprocess.CompletedProcess


@background_job("changed_seed_build", needs=("seed_book",))
def _changed_seed_build(tmp_path_factory, env) -> ChangedSeedBuild:
    """The built seed book copied (mtimes kept, so it is up to date where it lies), a paragraph
    added to its first seed, and the book built again."""
    seed_book, _ = finished_job("seed_book")
    book = copy_tree(seed_book, tmp_path_factory.mktemp("changed") / "book")
    before = (book / INGESTION_PAGE).read_text(encoding="utf-8")
    seed = sorted((book / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + MARKER + "\n", encoding="utf-8")
    return ChangedSeedBuild(book, before, seed, make_book(book, env=env))


@pytest.fixture(scope="module")
def changed_seed_build(seed_book, tmp_path_factory) -> ChangedSeedBuild:
    """The rebuild after a changed seed (a background job after the seed book's build)."""
    return queue_job("changed_seed_build", tmp_path_factory).result()


def test_make_book_renders_every_chapter(seed_book):
    html = seed_book / "_build" / "html"
    assert (html / "index.html").exists()
    toc = (seed_book / "_toc.yml").read_text()
    chapters = [
        line.split("chapters/")[1].strip() for line in toc.splitlines() if "chapters/" in line
    ]
    assert len(chapters) >= 6
    for chapter in chapters:
        page = html / "chapters" / f"{chapter}.html"
        assert page.exists(), chapter
        assert "Traceback" not in page.read_text(encoding="utf-8"), chapter


def test_every_page_has_an_icon_and_the_site_root_one_too(seed_book):
    """A browser asks each page's icon, or /favicon.ico where a page links none (the redirect
    at index.html): a 404 for it is an error in the reader's console."""
    html = seed_book / "_build" / "html"
    assert (html / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # an icon file
    for page in book_pages(seed_book):
        text = page.read_text(encoding="utf-8")
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', text)
        assert icons or 'http-equiv="Refresh"' in text, page.name
        assert all((page.parent / icon).is_file() for icon in icons), (page.name, icons)


def test_the_build_compiles_every_module_of_the_package(seed_book):
    """The Makefile compiles src/ before the pipeline runs (``_build/.bytecode``), so that where
    PYTHONDONTWRITEBYTECODE is set the pipeline and each chapter's kernel do not compile the
    modules they import again; Python alone writes no bytecode there, and elsewhere only for the
    modules a process imported (never the evaluation's)."""
    package = seed_book / "src" / "newsframes"
    compiled = {path.name.split(".")[0] for path in package.rglob("__pycache__/*.pyc")}
    assert {path.stem for path in package.rglob("*.py")} <= compiled
    assert (seed_book / "_build" / ".bytecode").exists()


def test_a_clean_build_prints_no_warning(seed_book, tmp_path_factory):
    """What a reader sees of `make book` on the seeds holds no warning line (each chapter's
    kernel said it talks over TCP without encryption: the Makefile leaves that notice out)."""
    done = queue_job("seed_book", tmp_path_factory).result()[1]
    printed = done.stdout + done.stderr
    assert "jupyter-book build" in printed
    assert not re.findall(r"^(?:\[\w+\] )?WARNING\b.*", printed, re.MULTILINE)


def test_second_build_with_nothing_changed_is_near_instant(built_copy, root):
    started = time.monotonic()
    done = make_book(built_copy)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert "jupyter-book build" not in done.stdout
    assert elapsed < 5, elapsed


def test_changed_seed_shows_in_next_build(changed_seed_build):
    book, done = changed_seed_build.book, changed_seed_build.done
    assert done.returncode == 0, done.stderr[-3000:]
    after = (book / INGESTION_PAGE).read_text(encoding="utf-8")
    assert after != changed_seed_build.before
    sentences = book / "_build" / "tables" / "sentences.csv"
    assert "Quorandel" in sentences.read_text(encoding="utf-8")
    repro = book / "_build" / "html" / "chapters" / "reproducibility.html"
    repro = repro.read_text(encoding="utf-8")
    assert hashlib.sha256(changed_seed_build.seed.read_bytes()).hexdigest() in repro


def test_raising_cell_fails_the_build_with_its_traceback(stub_builds):
    done = stub_builds.raised
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "deliberate failure for the test" in output
    assert not stub_builds.stamped_after_raise
    assert stub_builds.raised_again.returncode != 0  # a failed build must not look up to date


def test_broken_cross_reference_fails_the_build(stub_builds):
    done = stub_builds.broken_reference
    assert done.returncode != 0
    assert "no_such_chapter" in done.stdout + done.stderr


def test_another_corpus_shows_labels_not_ids_and_no_index(corpus20_book):
    """On tests/fixtures/corpus20 too: no chapter output names a document by its id (the
    reproducibility appendix lists the input files), and no output table has an index column."""
    documents = (corpus20_book / "_build" / "tables" / "documents.csv").read_text(encoding="utf-8")
    ids = [line.split(",", 1)[0] for line in documents.splitlines()[1:]]
    for page in book_pages(corpus20_book):
        html = page.read_text(encoding="utf-8")
        text = output_text(html)
        if page.stem != "reproducibility":
            assert not [d for d in ids if d in text], page.name
        assert not re.search(r"<tbody>(?:(?!</tbody>).)*<th", html, re.S), page.name
