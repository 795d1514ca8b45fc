"""Two clean builds of the seed book, in two folders, give the same tables and the same figures.

Figures: myst-nb writes each image output of a chapter (the inline SVGs of matplotlib) to
_build/html/_images/<sha256 of the content>.svg, so equal file-name sets already mean equal
content; the bytes are compared as well, and any image embedded inline (data: URI) in a page is
compared too. matplotlib would stamp the build time into every SVG (<dc:date>) and draw random
ids unless plots.STYLE sets svg.hashsalt and charts save with metadata {"Date": None}.
"""

from __future__ import annotations

import re

import pytest

from book_fixtures import book_pages

pytestmark = pytest.mark.slow

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".webp"}


def _files(folder, suffixes=None) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (suffixes is None or p.suffix.lower() in suffixes)
    }


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    problems = [f"only in the first build: {n}" for n in sorted(a.keys() - b.keys())]
    problems += [f"only in the second build: {n}" for n in sorted(b.keys() - a.keys())]
    problems += [f"bytes differ: {n}" for n in sorted(a.keys() & b.keys()) if a[n] != b[n]]
    return problems


def test_two_builds_are_in_different_folders(seed_book, second_seed_book):
    assert seed_book != second_seed_book


def test_tables_are_byte_identical(seed_book, second_seed_book):
    first = _files(seed_book / "_build" / "tables", {".csv"})
    second = _files(second_seed_book / "_build" / "tables", {".csv"})
    assert first, "no tables written"
    assert not _differences(first, second), "\n".join(_differences(first, second))


def test_figure_files_are_byte_identical(seed_book, second_seed_book):
    first = _files(seed_book / "_build" / "html" / "_images", IMAGE_SUFFIXES)
    second = _files(second_seed_book / "_build" / "html" / "_images", IMAGE_SUFFIXES)
    # The book has captioned figures; none at all means they were lost (e.g. plt.show() on Agg).
    assert len(first) >= 2, f"only {len(first)} figure files in _build/html/_images"
    assert not _differences(first, second), "\n".join(_differences(first, second))


def test_inline_images_in_pages_are_identical(seed_book, second_seed_book):
    def inline(book):
        found = {}
        for page in book_pages(book):
            text = page.read_text(encoding="utf-8")
            found[page.name] = re.findall(
                r"""src=["'](data:image/[^"']+)["']""", text
            ) + re.findall(r"<svg\b.*?</svg>", text, re.S)
        return found

    assert inline(seed_book) == inline(second_seed_book)


def test_svg_figures_carry_no_build_date(seed_book):
    for svg in sorted((seed_book / "_build" / "html" / "_images").glob("*.svg")):
        assert "<dc:date>" not in svg.read_text(encoding="utf-8"), (
            f"{svg.name} embeds the build time"
        )
