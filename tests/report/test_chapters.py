"""The chapters as a reader meets their code: little of it visible, none of it long.

Counted on the MyST sources: a code cell is visible unless tagged ``remove-cell``,
``remove-input``, ``hide-input`` or ``hide-cell`` (hidden cells still run at every build).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
MAX_VISIBLE_LINES = 150
MAX_CELL_LINES = 6

CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(?P<body>.*?)^```\s*$", re.S | re.M)


def code_cells(text: str) -> list[tuple[set[str], list[str]]]:
    """(tags, code lines) of each code cell of a MyST notebook; options (``:tags:`` lines or a
    ``---`` YAML block) are not code."""
    cells = []
    for match in CELL.finditer(text):
        lines = match.group("body").splitlines()
        tags: set[str] = set()
        if lines and lines[0] == "---":
            end = lines.index("---", 1)
            options, lines = lines[1:end], lines[end + 1 :]
            tags = {
                t.strip(" -[]'\"")
                for line in options
                if "tags" in line
                for t in line.split(":", 1)[1].split(",")
            }
        while lines and lines[0].startswith(":"):
            key, _, value = lines.pop(0)[1:].partition(":")
            if key.strip() == "tags":
                tags |= {t.strip(" []'\"") for t in value.split(",")}
        cells.append((tags, [line for line in lines if line.strip()]))
    return cells


def visible_cells(path: Path) -> list[list[str]]:
    return [
        lines
        for tags, lines in code_cells(path.read_text(encoding="utf-8"))
        if not tags & HIDDEN_TAGS
    ]


def test_code_cells_are_parsed_with_their_tags():
    text = (
        "```{code-cell} ipython3\n:tags: [remove-cell]\nx = 1\n```\n\n"
        "```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    name: f\n---\nf(x)\n```\n"
    )
    cells = code_cells(text)
    assert cells == [({"remove-cell"}, ["x = 1"]), (set(), ["f(x)"])]


def test_the_book_shows_at_most_150_lines_of_code():
    counts = {path.name: sum(map(len, visible_cells(path))) for path in CHAPTERS}
    total = sum(counts.values())
    print(f"visible code lines: {total} {counts}")
    assert total <= MAX_VISIBLE_LINES, counts


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_visible_cell_is_longer_than_six_lines(path):
    long_cells = [lines for lines in visible_cells(path) if len(lines) > MAX_CELL_LINES]
    assert not long_cells, long_cells


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_report_numbers_with_glue_not_print(path):
    code = "\n".join(
        line for _, lines in code_cells(path.read_text(encoding="utf-8")) for line in lines
    )
    assert "print(" not in code


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_name_no_document_of_the_seeds(path):
    """Prose and code are generic: no seed file id (its stem) is typed into a chapter."""
    stems = [p.stem for p in (ROOT / "seeds").iterdir() if p.suffix in {".txt", ".html", ".md"}]
    text = path.read_text(encoding="utf-8")
    assert not [s for s in stems if s in text]
