"""The book builds from `make book`, fails loudly, and never shows results of older inputs.

Each test copies the book to a temporary folder and runs the real `make book` there, sharing
this checkout's environment (VENV=...), so what is tested is the reader's command.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time

import pytest

from book_fixtures import book_pages, output_text
from bookbuild import copy_book, make_book

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
    return shutil.copytree(seed_book, tmp_path / "book", symlinks=True)


@pytest.fixture
def stub_book(tmp_path):
    """The book's sources with one small chapter in its table of contents (the Makefile,
    configuration and pipeline unchanged): a build that fails does so in seconds."""
    book = copy_book(tmp_path / "book")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/stub\n", encoding="utf-8")
    (book / "chapters" / "stub.md").write_text(STUB_CHAPTER, encoding="utf-8")
    return book


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


def test_second_build_with_nothing_changed_is_near_instant(built_copy, root):
    started = time.monotonic()
    done = make_book(built_copy)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert "jupyter-book build" not in done.stdout
    assert elapsed < 5, elapsed


def test_changed_seed_shows_in_next_build(built_copy, root):
    page = built_copy / "_build" / "html" / "chapters" / "01_ingestion.html"
    before = page.read_text(encoding="utf-8")
    seed = sorted((built_copy / "seeds").glob("*.txt"))[0]
    marker = "Zyxwvut Quorandel announced an entirely new paragraph for the stale-result test."
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + marker + "\n", encoding="utf-8")
    done = make_book(built_copy)
    assert done.returncode == 0, done.stderr[-3000:]
    after = page.read_text(encoding="utf-8")
    assert after != before
    sentences = built_copy / "_build" / "tables" / "sentences.csv"
    assert "Quorandel" in sentences.read_text(encoding="utf-8")
    repro = built_copy / "_build" / "html" / "chapters" / "reproducibility.html"
    repro = repro.read_text(encoding="utf-8")
    assert hashlib.sha256(seed.read_bytes()).hexdigest() in repro


def test_raising_cell_fails_the_build_with_its_traceback(stub_book):
    chapter = stub_book / "chapters" / "stub.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8")
        + "\n```{code-cell} ipython3\nraise RuntimeError('deliberate failure for the test')\n```\n",
        encoding="utf-8",
    )
    done = make_book(stub_book)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "deliberate failure for the test" in output
    assert not (stub_book / "_build" / ".book-ok").exists()
    again = make_book(stub_book)  # a failed build must not look up to date
    assert again.returncode != 0


def test_broken_cross_reference_fails_the_build(stub_book):
    chapter = stub_book / "chapters" / "stub.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nSee {doc}`no_such_chapter`.\n", encoding="utf-8"
    )
    done = make_book(stub_book)
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
