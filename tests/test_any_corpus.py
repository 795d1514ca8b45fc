"""The book is about whatever folder it is given, not about the seed story.

tests/fixtures/corpus20 holds 22 invented articles about an invented event (a truce between
"Norland" and "Kestria" agreed in Vienna in March 2023) from nine outlets in two camps, "west"
and "east", with bylines, datelines, share widgets, related links, a forum repost, quotes with
speakers, conflicting numbers and a near-duplicate of a wire story. The whole book must build on
it with `make book SEEDS=...`, and nothing the chapters compute may mention the seed story's
people, outlets or files. Separately, no chapter's code may name them either.
"""

from __future__ import annotations

import csv
import re

import pytest

from book_fixtures import CORPUS20, book_pages, output_text, toc_pages
from conftest import ROOT

SEED_PEOPLE = ["Stoltenberg", "Grushko", "Zakharova", "Lukyanov", "Fomin", "Sherman", "Donfried"]
SEED_SOURCES = ["TASS", "Izvestia", "Euronews", "Daijiworld", "NATO"]


def seed_stems() -> list[str]:
    return sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def seed_outlets() -> list[str]:
    with (ROOT / "seeds" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return sorted({row["outlet"] for row in csv.DictReader(handle)} - {"unknown", ""})


def _mentions(text: str, names) -> list[str]:
    return [n for n in names if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", text)]


@pytest.fixture(scope="module")
def tables(corpus20_book):
    import pandas as pd

    folder = corpus20_book / "_build" / "tables"
    return {
        p.stem: pd.read_csv(p, keep_default_na=False, dtype=str)
        for p in sorted(folder.glob("*.csv"))
    }


@pytest.mark.slow
def test_book_builds_every_chapter_on_another_corpus(corpus20_book):
    html = corpus20_book / "_build" / "html"
    for name in toc_pages(corpus20_book):
        page = html / "chapters" / f"{name}.html"
        assert page.is_file(), name
        assert "Traceback" not in page.read_text(encoding="utf-8"), name


@pytest.mark.slow
def test_tables_cover_every_document(tables):
    files = sorted(p.name for p in CORPUS20.glob("*.txt"))
    assert len(files) >= 20
    documents = tables["documents"]
    assert sorted(documents["file"]) == files
    usable = documents[documents["status"].isin(["ok", "converted"])]
    assert len(usable) == len(files), documents[["file", "status", "problem"]].to_string()
    assert set(usable["camp"]) == {"west", "east"}
    assert usable["outlet"].nunique() >= 3
    for name in ("texts", "sentences", "lines"):
        assert set(tables[name]["doc_id"]) >= set(usable["doc_id"]), f"{name}.csv misses documents"
    for name, frame in tables.items():  # no table may describe a document that is not in the folder
        if "doc_id" in frame.columns:
            assert set(frame["doc_id"]) - {""} <= set(documents["doc_id"]), name


@pytest.mark.slow
def test_generated_content_names_nothing_from_the_seed_story(corpus20_book):
    forbidden = [*SEED_PEOPLE, *seed_outlets(), "Izvestia", *seed_stems()]
    found = {}
    for page in book_pages(corpus20_book):
        outputs = output_text(page.read_text(encoding="utf-8"))
        hits = _mentions(outputs, forbidden)
        if hits:
            found[page.name] = hits
    for svg in sorted((corpus20_book / "_build" / "html" / "_images").glob("*.svg")):
        hits = _mentions(svg.read_text(encoding="utf-8"), forbidden)
        if hits:
            found[f"figure {svg.name}"] = hits
    assert not found, f"seed-story names in content computed from another corpus: {found}"


@pytest.mark.slow
def test_corpus_chapters_show_this_corpus_only(corpus20_book):
    """The chapters that only describe the corpus show its names and none of the seed story's;
    its documents are named by outlet, camp and date, their file ids kept for the downloads."""
    html = corpus20_book / "_build" / "html" / "chapters"
    ingestion = (html / "01_ingestion.html").read_text(encoding="utf-8")
    assert not _mentions(ingestion, ["Stoltenberg", "Euronews", "Daijiworld", *seed_stems()])
    for name in ("00_introduction", "01_ingestion"):
        outputs = output_text((html / f"{name}.html").read_text(encoding="utf-8"))
        assert "Kestria" in outputs and "Vienna Courier, West" in outputs, name
        assert "w01_cpa_wire" not in outputs, name
        assert not _mentions(
            outputs, [*SEED_SOURCES, "Russia", "Ukraine", "Brussels", "western", "russian"]
        ), name


def _code_cells(markdown: str) -> list[str]:
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", markdown, re.M | re.S)


def test_chapter_code_names_no_seed_file_outlet_or_person():
    """Prose may tell the seed story; code must work on any folder, so it names none of it."""
    forbidden = [*seed_stems(), *SEED_PEOPLE, *SEED_SOURCES, *seed_outlets()]
    chapters = sorted((ROOT / "chapters").glob("*.md"))
    assert chapters
    found = {}
    for chapter in chapters:
        for number, cell in enumerate(_code_cells(chapter.read_text(encoding="utf-8")), start=1):
            hits = _mentions(cell, forbidden)
            if hits:
                found[f"{chapter.name} code cell {number}"] = hits
    assert not found, f"chapter code naming the seed story: {found}"


def test_code_cell_parser_sees_the_cells():
    sample = (
        "text NATO\n\n```{code-cell} ipython3\nx = 'TASS'\n```\n\n"
        "more\n```{code-cell} ipython3\n:tags: [x]\ny = 1\n```\n"
    )
    cells = _code_cells(sample)
    assert len(cells) == 2 and "TASS" in cells[0] and "NATO" not in "".join(cells)
