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


RUN_CELLS = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()
for name, cells in json.load(sys.stdin).items():
    shell.reset()
    failed = [c for c in cells if not shell.run_cell(c, silent=True).success]
    print(json.dumps([name, failed, "matplotlib" in sys.modules]))
"""


def cell_sources(path: Path) -> list[str]:
    return ["\n".join(lines) for _, lines in code_cells(path.read_text(encoding="utf-8"))]


# Chapters with code that uses no figure module (figures, framing_figures, *_figure).
WITHOUT_FIGURES = [
    p
    for p in CHAPTERS
    if cell_sources(p) and not any(re.search(r"figures?\b", c) for c in cell_sources(p))
]


def test_chapters_without_figures_never_import_matplotlib(seed_run):
    """A chapter that draws nothing runs in its fresh kernel without loading matplotlib (about
    a third of a second per kernel): their cells, run one chapter after another in one fresh
    interpreter on the seeds' tables, never import it."""
    import json
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "NEWSFRAMES_TABLES": str(seed_run),
        "NEWSFRAMES_SEEDS": str(ROOT / "seeds"),
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN_CELLS],
        input=json.dumps({p.stem: cell_sources(p) for p in WITHOUT_FIGURES}),
        capture_output=True,
        text=True,
        cwd=ROOT / "chapters",
        env=env,
        check=True,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("[")]
    assert [name for name, _, _ in results] == [p.stem for p in WITHOUT_FIGURES]
    assert not [(name, failed) for name, failed, _ in results if failed]
    assert not [name for name, _, loaded in results if loaded], "loaded matplotlib (first named)"


def test_the_chapters_without_figures_are_found():
    names = {p.stem for p in WITHOUT_FIGURES}
    assert "reproducibility" in names and "03_framing" not in names
