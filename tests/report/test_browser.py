"""The built book as a reader sees it: every page opened in a real (headless) Chromium.

The seed book is built once with the real `make book`, its _build/html served on 127.0.0.1, and
each page (index.html and chapters/*.html) loaded with every request to anything but the local
server blocked: the book must work offline, with no console or script errors, no broken internal
link or #anchor, and every image and figure actually drawn. A full-page screenshot of each page
is saved under _build/screenshots/ of this checkout for a human to look at, at a desktop width
(1280 px) and a phone width (390 px, ``NAME-390.png``). The pages are opened in background
jobs, each with a browser of its own, while the session's other tests run.

Readers' checks: the main column never scrolls sideways at either width (wide tables scroll in
their own box), every image has alt text, no table shows pandas' index, and no document id
(a file stem of the corpus) appears in the rendered text of any chapter; the appendix that lists
the input files by name is the one exception.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from book_fixtures import (
    SCREENSHOTS,
    BrowserTab,
    HtmlServer,
    PageVisit,
    background_job,
    built_book_visited,
    finished_job,
    own_browser,
    queue_job,
    toc_pages,
    visit_page,
)
from bookbuild import copy_tree

PHONE = 390
PAGES_LISTING_FILES = {"reproducibility"}  # the appendix names every input file (with its SHA-256)

pytestmark = pytest.mark.slow


@background_job("visits", needs=("seed_book",))
def _seed_visits(tmp_path_factory, env) -> dict[str, PageVisit] | None:
    """Every page of the seed book opened at desktop width, each saved as a screenshot and each
    figure as its own; a background job with its own browser, so that it runs while the other
    tests do (None when the build failed: the seed_book fixture reports that)."""
    return built_book_visited(
        "seed_book",
        screenshot=lambda page: SCREENSHOTS / f"{_stem(page)}.png",
        figure_shots=lambda page: FIGURE_SCREENSHOTS / _stem(page),
    )


@background_job("phone_visits", needs=("seed_book",))
def _seed_phone_visits(tmp_path_factory, env) -> dict[str, PageVisit] | None:
    """Every page of the seed book opened at phone width and saved as a screenshot."""
    return built_book_visited(
        "seed_book", screenshot=lambda page: SCREENSHOTS / f"{_stem(page)}-{PHONE}.png", width=PHONE
    )


@pytest.fixture(scope="module")
def visits(seed_book, tmp_path_factory):
    """The desktop visits and each page's broken internal links."""
    found = queue_job("visits", tmp_path_factory).result()
    return found, {page: visit.broken_links for page, visit in found.items()}


@pytest.fixture(scope="module")
def phone_visits(seed_book, tmp_path_factory):
    return queue_job("phone_visits", tmp_path_factory).result()


def _stem(page: str) -> str:
    return page.rsplit("/", 1)[-1][:-5]


def document_ids(book) -> list[str]:
    """The corpus's document ids (file stems), read from the built book's tables."""
    documents = pd.read_csv(book / "_build" / "tables" / "documents.csv", usecols=["doc_id"])
    return list(documents["doc_id"])


def _report(per_page: dict[str, list]) -> str:
    return "\n".join(
        f"{page}:\n  " + "\n  ".join(map(str, items)) for page, items in per_page.items() if items
    )


def test_every_toc_page_was_built_and_opened(visits, seed_book):
    found, _ = visits
    opened = {page.rsplit("/", 1)[-1][:-5] for page in found}
    missing = [name for name in toc_pages(seed_book) if name not in opened]
    assert not missing, f"pages in _toc.yml with no HTML page: {missing}"
    for page, visit in found.items():
        assert visit.final_url.startswith("http://127.0.0.1:"), (page, visit.final_url)


def test_no_console_or_page_errors(visits):
    found, _ = visits
    errors = {page: v.console_errors + v.page_errors for page, v in found.items()}
    assert not any(errors.values()), "errors in the browser console:\n" + _report(errors)


def test_no_dialogs_and_no_failed_local_requests(visits):
    found, _ = visits
    problems = {page: v.dialogs + v.failed for page, v in found.items()}
    assert not any(problems.values()), _report(problems)


def test_pages_need_no_network(visits):
    """Every request a page made went to the local server: the book reads offline."""
    found, _ = visits
    outside = {page: sorted(set(v.blocked)) for page, v in found.items()}
    assert not any(outside.values()), "requests to outside hosts (blocked):\n" + _report(outside)


def test_internal_links_and_anchors_resolve(visits):
    found, links = visits
    assert sum(len(v.links) for v in found.values()) > 0
    assert not any(links.values()), "broken internal links:\n" + _report(links)


def test_every_image_loaded(visits):
    found, _ = visits
    broken = {
        page: [i["src"] for i in v.images if not i["complete"] or not i["naturalWidth"]]
        for page, v in found.items()
    }
    assert not any(broken.values()), "images that did not load:\n" + _report(broken)


def test_every_figure_is_drawn(visits):
    found, _ = visits
    empty = {
        page: [
            f for f in v.figures if f["width"] < 50 or f["height"] < 50 or f["naturalWidth"] == 0
        ]
        for page, v in found.items()
    }
    assert not any(empty.values()), "figures rendered empty or tiny:\n" + _report(empty)


def test_every_named_figure_in_the_chapters_appears(visits, seed_book):
    """A code cell with a figure caption and name must show a drawn image under that name.

    (A cell can run without error and still show nothing, e.g. when matplotlib is on a
    non-interactive backend and plt.show() displays no figure.)"""
    found, _ = visits
    missing = {}
    for md in sorted((seed_book / "chapters").glob("*.md")):
        names = re.findall(
            r"^\s*figure:\s*\n(?:\s+\w+:.*\n)*?\s+name:\s*(\S+)",
            md.read_text(encoding="utf-8"),
            re.M,
        )
        visit = next((v for page, v in found.items() if page.endswith(f"/{md.stem}.html")), None)
        if visit is None:
            continue
        drawn = {f["id"] for f in visit.figures if f["width"] >= 50 and f["height"] >= 50}
        lost = [n for n in names if n not in drawn]
        if lost:
            missing[md.stem] = lost
    assert not missing, "captioned figures with no drawn image:\n" + _report(missing)


def test_screenshots_saved(visits):
    found, _ = visits
    for page, visit in found.items():
        assert visit.screenshot is not None and visit.screenshot.stat().st_size > 10_000, page


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_main_column_never_scrolls_sideways(visits, phone_visits, width):
    found = visits[0] if width == "desktop" else phone_visits
    wide = {
        page: [v.layout]
        for page, v in found.items()
        if v.layout["page"] > v.layout["viewport"] + 1
        or v.layout["columnContent"] > v.layout["column"] + 1
    }
    assert not wide, "pages wider than the screen or their column:\n" + _report(wide)


def test_every_image_has_alt_text(visits):
    found, _ = visits
    assert sum(len(v.alts) for v in found.values()) > 0
    missing = {page: [a["src"] for a in v.alts if not a["alt"]] for page, v in found.items()}
    assert not any(missing.values()), "images without alt text:\n" + _report(missing)


def test_no_table_shows_an_index(visits):
    found, _ = visits
    assert not {page: v.index_cells for page, v in found.items() if v.index_cells}


def test_no_document_id_in_the_rendered_text(visits, seed_book):
    ids = document_ids(seed_book)
    found, _ = visits
    shown = {
        page: [d for d in ids if d in v.text]
        for page, v in found.items()
        if _stem(page) not in PAGES_LISTING_FILES
    }
    assert not any(shown.values()), "document ids in the rendered text:\n" + _report(shown)


def test_no_document_id_in_any_figure(seed_book):
    ids = document_ids(seed_book)
    images = sorted((seed_book / "_build" / "html" / "_images").glob("*.svg"))
    assert images
    shown = {svg.name: [d for d in ids if d in svg.read_text(encoding="utf-8")] for svg in images}
    assert not any(shown.values()), _report(shown)


def test_phone_screenshots_saved(phone_visits):
    for page, visit in phone_visits.items():
        assert visit.screenshot is not None and visit.screenshot.stat().st_size > 10_000, page


MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|tmp|home|root|Users|var/folders)/")
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")  # embedded downloads and images


def machine_paths(html_text: str) -> list[str]:
    """Absolute folders of the building machine in a page's HTML (embedded data left out)."""
    text = DATA_URI.sub("", html_text)
    return sorted(
        {text[max(0, m.start() - 30) : m.end() + 30] for m in MACHINE_PATH.finditer(text)}
    )


def test_machine_paths_are_found():
    assert machine_paths("<p>built in /tmp/pytest-1/book</p>")
    assert not machine_paths('<a href="data:text/csv;base64,L3RtcC8vdG1wLw==">x</a> a/tmp/b')


def test_no_page_shows_a_machine_path(seed_book):
    """The book is built in a temporary folder: no page (appendix included) may show it, nor
    any other absolute folder of the machine."""
    html = seed_book / "_build" / "html"
    shown = {
        page.relative_to(html).as_posix(): machine_paths(page.read_text(encoding="utf-8"))
        for page in sorted(html.rglob("*.html"))
    }
    assert not any(shown.values()), "machine paths in the built pages:\n" + _report(shown)


FIGURE_SCREENSHOTS = SCREENSHOTS / "figures"


def test_every_figure_has_its_own_screenshot(visits):
    """One PNG per figure (chapter, number) at desktop width, for a person to look at (taken
    during the desktop visits)."""
    saved = [shot for visit in visits[0].values() for shot in visit.figure_screenshots]
    assert saved and all(shot.stat().st_size > 5_000 for shot in saved), saved


DEFECTS = (
    '<div class="cell_output docutils container">'
    '<div style="width: 1600px">a table too wide for its column</div>'
    '<table class="dataframe"><tbody><tr><th>0</th><td>a pandas index</td></tr></tbody></table>'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="60" height="60">'
    "<p>see {doc_id} for details</p></div>"
    # requests a script makes after the load event: a missing file of the book, and the network
    "<script>setTimeout(() => {{ fetch('late-missing.json'); "
    "fetch('https://example.org/late.js'); }}, 150);</script>"
)


@background_job("defect_visits", needs=("seed_book",))
def _defect_visits(tmp_path_factory, env) -> tuple[str, list[PageVisit]] | None:
    """A copy of the seed book's first chapter with every defect of :data:`DEFECTS`, opened at
    desktop and at phone width in one tab of a browser of its own: a document id shown in it,
    and the two visits (None when the build failed: the seed_book fixture reports that)."""
    book, done = finished_job("seed_book")
    if done.returncode:
        return None
    html = copy_tree(book / "_build" / "html", tmp_path_factory.mktemp("defects") / "html")
    page = html / "chapters" / "00_introduction.html"
    doc_id = document_ids(book)[0]
    text = page.read_text(encoding="utf-8")
    opening = '<article class="bd-article">'
    assert opening in text
    page.write_text(
        text.replace(opening, opening + DEFECTS.format(doc_id=doc_id), 1), encoding="utf-8"
    )
    with own_browser() as browser, HtmlServer(html) as server, BrowserTab(browser) as tab:
        relative = page.relative_to(html).as_posix()
        return doc_id, [visit_page(tab, server, relative, width=width) for width in (1280, PHONE)]


@pytest.fixture(scope="module")
def defect_visits(seed_book, tmp_path_factory) -> tuple[str, list[PageVisit]]:
    return queue_job("defect_visits", tmp_path_factory).result()


def test_reader_checks_catch_each_defect(defect_visits):
    """The checks above can fail: a copy of a built page with a too-wide block, a pandas index,
    an image without alt text, a document id in its text, and requests made after its load (a
    missing file, a file elsewhere) is flagged on every count, at both widths."""
    doc_id, visits = defect_visits
    for visit in visits:
        assert visit.layout["columnContent"] > visit.layout["column"] + 1, visit.layout
        assert visit.index_cells > 0
        assert [a for a in visit.alts if not a["alt"]]
        assert doc_id in visit.text
        assert [f for f in visit.failed if "late-missing.json" in f], visit.failed
        assert "https://example.org/late.js" in visit.blocked, visit.blocked
