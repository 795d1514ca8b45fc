"""The book's apparatus: every author it names is in the bibliography, every bibliography entry
is cited, and every glossary term is defined once."""

from __future__ import annotations

import csv
import re

from conftest import ROOT
from newsframes.ingest import dates

CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
DATA = ROOT / "src" / "newsframes" / "data"
MONTHS = {name.capitalize() for name in dates.MONTHS}  # not authors: "May 2022"
AUTHOR_YEAR = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"  # a surname, hyphenated or not ...
    r"(?:,? (?:and|&) [A-Z][a-z]+)?(?: et al\.)?"  # ... with a co-author or et al. ...
    r",? \(?(?P<year>(?:19|20)\d\d)\b"  # ... and a year: 'Hyland 1998', 'Bell (1991)'
)
ENTRY = re.compile(r"@\w+\{(?P<key>[^,]+),(?P<body>.*?)\n\}", re.S)
CITE = re.compile(r"\{cite[a-z:]*\}`(?P<keys>[^`]+)`")


def bibliography() -> dict[str, str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return {m["key"].strip(): m["body"] for m in ENTRY.finditer(text)}


def named_sources() -> dict[tuple[str, str], set[str]]:
    """(surname, year) of every author named in chapter prose, the README or a data file's
    source column, with where."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in CHAPTERS}
    texts["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        texts[path.name] = "\n".join(row.get("source") or "" for row in rows)
    found: dict[tuple[str, str], set[str]] = {}
    for name, text in texts.items():
        for m in AUTHOR_YEAR.finditer(text):
            if m["name"] not in MONTHS:
                found.setdefault((m["name"], m["year"]), set()).add(name)
    return found


def authors_and_year(body: str) -> tuple[str, str]:
    """The author field (braces and LaTeX accents removed: 'Pomik{\\'a}lek' is 'Pomikalek')
    and the year of one bibliography entry."""
    fields = dict(re.findall(r"^\s*(\w+)\s*=\s*(.*?),?\s*$", body, re.M))
    authors = re.sub(r"[{}]|\\[`'^\"~=.]", "", fields.get("author", ""))
    return authors, fields.get("year", "")


def test_every_named_author_is_in_the_bibliography():
    entries = [authors_and_year(body) for body in bibliography().values()]
    missing = {
        (name, year): sorted(where)
        for (name, year), where in named_sources().items()
        if not any(name in authors and year in published for authors, published in entries)
    }
    assert not missing, missing


def test_named_sources_are_found():
    """The pattern finds the authors the data files credit (so the test above can fail)."""
    assert ("Hyland", "1998") in named_sources()
    assert ("Entman", "1993") in named_sources()


def test_every_bibliography_entry_is_cited_in_the_book():
    cited = {
        key.strip()
        for path in CHAPTERS
        for m in CITE.finditer(path.read_text(encoding="utf-8"))
        for key in m["keys"].split(",")
    }
    assert not set(bibliography()) - cited, set(bibliography()) - cited


def test_glossary_defines_each_term_once():
    text = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    terms = [line.strip() for line in body.splitlines() if line and not line.startswith(" ")]
    assert len(terms) == len(set(terms)) > 10
