"""Shared, build-once books and a headless browser for the reader-facing tests.

``tests/conftest.py`` loads this module as a plugin (``pytest_plugins``), so every test module
sees these fixtures without importing them; modules import only the plain helpers. The books
are also cached here, per test session: the seed book is built once however many modules use
it. As the session starts, the books its tests use are built in background threads, two at
a time, while the other tests run; then the browser opens their pages, in the same threads.

The browser is Debian's Chromium (``/usr/bin/chromium``, or ``NEWSFRAMES_CHROMIUM``) driven by
the ``playwright`` package; nothing is downloaded. Without Chromium the browser tests skip with
the reason, except under CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import html as html_lib
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bookbuild import build_environment, copy_book, make_book
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS20 = FIXTURES / "corpus20"
HOSTILE = FIXTURES / "hostile"
SCREENSHOTS = ROOT / "_build" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the local server is reached: every host name fails to resolve (the proxy's
    # too) but 127.0.0.1's, and every request to another address goes to that proxy.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=http://unreachable.invalid:9",
]

# ----------------------------------------------------------------------------- books, built once

# The books the tests read, by fixture: the build's name and its `make book` arguments.
BOOKS = {
    "seed_book": ("seed", ()),
    "second_seed_book": ("seed-second", ()),
    "corpus20_book": ("corpus20", (f"SEEDS={CORPUS20}",)),
    "hostile_book": ("hostile", (f"SEEDS={HOSTILE}",)),
}


def _lower_priority() -> None:
    """Run the calling thread, and every process it starts, only on CPU time that nothing else
    wants (Linux's SCHED_IDLE policy, which children inherit and Chromium, unlike a niceness,
    does not reset), where the system allows it; elsewhere it is left as it is. The builds,
    their kernels and the browsers then yield the cores to the session's own tests and take
    them all once those are done: when four or five processes shared two cores equally, the
    session's own tests were the longest path of the suite, and a core idled at its end."""
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


# Builds run two at a time, started in the order queued, in background threads: `make book` is
# a subprocess whose pipeline run, Sphinx start and page writing use one process, so a second
# build fills the cores those phases and the session's own tests leave idle (measured on 2 cores,
# whole suite back to back: one job at a time 127 s, two at a time 114 s). A job that needs
# another's result waits for it (queued before it, that job is running or done).
# A job is queued once per session, by the fixture of the same name or, for every fixture the
# selected tests use, as the session's first test starts; each job gets the environment of the
# moment it was queued, whatever a test running meanwhile sets.
BACKGROUND_THREADS = 2
_BUILDER = ThreadPoolExecutor(
    max_workers=BACKGROUND_THREADS, thread_name_prefix="book-build", initializer=_lower_priority
)
_JOBS: dict[str, Callable] = {}  # fixture name -> job(tmp_path_factory, environment)
_NEEDS: dict[str, tuple[str, ...]] = {}  # fixture name -> jobs whose results its job reads
_QUEUED: dict[str, Future] = {}


def background_job(fixture: str, needs: tuple[str, ...] = ()):
    """Register a function ``job(tmp_path_factory, environment)`` as the background job behind
    ``fixture``; ``needs`` are jobs queued before it, whose results it may read (finished)."""

    def register(job: Callable) -> Callable:
        _JOBS[fixture], _NEEDS[fixture] = job, needs
        return job

    return register


def queue_job(fixture: str, tmp_path_factory) -> Future:
    """The background job behind ``fixture``, queued (after what it needs) if it is not yet."""
    for need in _NEEDS[fixture]:
        queue_job(need, tmp_path_factory)
    if fixture not in _QUEUED:
        _QUEUED[fixture] = _BUILDER.submit(_JOBS[fixture], tmp_path_factory, build_environment())
    return _QUEUED[fixture]


def finished_job(fixture: str):
    """The result of a job queued earlier, from inside a later job (waiting for it to finish)."""
    return _QUEUED[fixture].result()


def _build_book(name: str, make_args: tuple[str, ...], tmp_path_factory, env) -> tuple:
    book = copy_book(tmp_path_factory.mktemp(name) / "book")
    return book, make_book(book, *make_args, env=env)


for _fixture, (_name, _args) in BOOKS.items():
    background_job(_fixture)(functools.partial(_build_book, _name, _args))


def book_fixture(fixture: str, tmp_path_factory) -> Path:
    """The book behind one of the :data:`BOOKS` fixtures, built once per session (waiting for
    it if it is being built); fail with the build's output."""
    name, make_args = BOOKS[fixture]
    book, done = queue_job(fixture, tmp_path_factory).result()
    if done.returncode != 0:
        pytest.fail(
            f"`make book {' '.join(make_args)}` failed ({done.returncode}) for the {name} book:\n"
            + build_failure(done.stdout + "\n" + done.stderr),
            pytrace=False,
        )
    return book


def _jobs_of(item) -> list[str]:
    return [f for f in item.fixturenames if f in _JOBS]


def _last_job(item) -> int:
    """1 + the rank of the last-queued job a test reads (0 for none): jobs queue in the order
    they were registered, the books of :data:`BOOKS` first (the seed book, read by the browser
    tests, before all), then those of test modules."""
    ranks = {f: n for n, f in enumerate(_JOBS, start=1)}
    return max((ranks[f] for f in item.fixturenames if f in _JOBS), default=0)


def pytest_collection_modifyitems(items):
    """Tests that read a background job's result run after every other test, so the jobs have
    the time of all the others; among them, those of jobs queued earlier run first, so that each
    waits only for the jobs it reads while later ones are built. Otherwise in collected order."""
    items.sort(key=_last_job)


@pytest.fixture(scope="session", autouse=True)
def _queue_background_jobs(request, tmp_path_factory):
    """As the session starts, queue the job of every fixture the selected tests use, in the
    order of :func:`_last_job`, so that each is done (or under way) by the time its first test
    runs."""
    needed = {f for item in request.session.items for f in item.fixturenames if f in _JOBS}
    tmp_path_factory.getbasetemp()  # made here: two jobs making it at once would make two
    for fixture in (f for f in _JOBS if f in needed):
        queue_job(fixture, tmp_path_factory)


def pytest_sessionfinish(session):
    """Jobs not started are dropped (a session stopped early), each background thread's browser
    is closed in its thread, then the threads stop."""
    for job in _QUEUED.values():
        job.cancel()
    ready = threading.Barrier(BACKGROUND_THREADS)
    for _ in range(BACKGROUND_THREADS):
        _BUILDER.submit(_close_in_every_thread, ready)
    _BUILDER.shutdown(wait=True)


def build_failure(output: str) -> str:
    """The useful part of a failed build's output: the failing cell and its error, else the tail."""
    output = re.sub(r"\x1b\[[0-9;]*m", "", output)
    start = output.find("An error occurred while executing the following cell")
    if start >= 0:
        return output[max(0, output.rfind("\n", 0, start - 200)) : start + 5000]
    return output[-6000:]


@pytest.fixture(scope="session")
def seed_book(tmp_path_factory) -> Path:
    """The book on seeds/, built like a reader builds it."""
    return book_fixture("seed_book", tmp_path_factory)


@pytest.fixture(scope="session")
def second_seed_book(tmp_path_factory) -> Path:
    """A second clean build of the book on seeds/, in another folder."""
    return book_fixture("second_seed_book", tmp_path_factory)


@pytest.fixture(scope="session")
def corpus20_book(tmp_path_factory) -> Path:
    """The book on tests/fixtures/corpus20, an invented story with 22 articles."""
    return book_fixture("corpus20_book", tmp_path_factory)


@pytest.fixture(scope="session")
def hostile_book(tmp_path_factory) -> Path:
    """The book on tests/fixtures/hostile, whose texts carry HTML, scripts and MyST syntax."""
    return book_fixture("hostile_book", tmp_path_factory)


def book_pages(book: Path) -> list[Path]:
    """Every page a reader opens: index.html and chapters/*.html (not genindex or search)."""
    html = book / "_build" / "html"
    return [html / "index.html", *sorted((html / "chapters").glob("*.html"))]


def toc_pages(book: Path = ROOT) -> list[str]:
    """Page names (e.g. '01_ingestion') listed in the book's _toc.yml, root first."""
    names = re.findall(
        r"^\s*(?:root|-\s*file)\s*:\s*(\S+)", (book / "_toc.yml").read_text(encoding="utf-8"), re.M
    )
    return [Path(n).with_suffix("").name for n in names]


# ----------------------------------------------------------------------------- reading built HTML


class _Outputs(HTMLParser):
    """Text of the generated parts of a page: the outputs of code cells (div.cell_output),
    without figure captions (those are prose the chapter's author wrote)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside an output)
        self.parts: list[str] = []
        self.skip = 0

    def _inside(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        if tag in {
            "img",
            "br",
            "hr",
            "meta",
            "link",
            "input",
            "source",
            "wbr",
            "area",
            "col",
            "embed",
            "param",
        }:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, self._inside() or "cell_output" in classes))
        if tag == "figcaption":
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            top, _ = self.stack.pop()
            if top == "figcaption":
                self.skip -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if self._inside() and not self.skip:
            self.parts.append(data)


def output_text(page_html: str) -> str:
    """The text a chapter's code produced on this page (tables, printed text)."""
    parser = _Outputs()
    parser.feed(page_html)
    parser.close()
    return " ".join(parser.parts)


def element_ids(page_html: str) -> set[str]:
    """Every id (and legacy a name) on a page, unescaped: the valid #fragment targets."""
    found = re.findall(r"""\s(?:id|name)\s*=\s*["']([^"']+)["']""", page_html)
    return {html_lib.unescape(x) for x in found}


# ----------------------------------------------------------------------------- browser


def chromium_or_skip() -> str:
    """Path of a usable Chromium, or skip (fail under CI=true) saying what is missing."""
    ci = os.environ.get("CI", "").lower() == "true"
    path = os.environ.get("NEWSFRAMES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    problem = None
    if not os.access(path, os.X_OK):
        problem = (
            f"Chromium not found ({path}); install Debian's package as root: "
            "apt-get update && apt-get install -y chromium (or set NEWSFRAMES_CHROMIUM)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = (
                "the playwright package is missing; "
                "install the locked dev dependencies (make setup)"
            )
    if problem:
        if ci:
            pytest.fail(f"CI=true and the browser tests cannot run: {problem}", pytrace=False)
        pytest.skip(problem)
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class HtmlServer:
    """Serves a folder on 127.0.0.1 at a free port, in a thread; use as a context manager."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.folder = folder
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> HtmlServer:
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


_THREAD_BROWSER = threading.local()  # .driver and .browser of a background thread


@contextlib.contextmanager
def own_browser():
    """The headless Debian Chromium of the calling thread, with its own playwright driver
    (playwright's sync API serves the thread that started it): launched at the thread's first
    browser job, or again if it went away, and kept for the thread's later jobs, each of which
    opens its own context. A launch with its driver costs about 1.75 CPU s, and the suite's
    four browser jobs ran one after another on the two background threads, the last two at
    its very end. :func:`pytest_sessionfinish` closes each thread's browser in that thread."""
    browser = getattr(_THREAD_BROWSER, "browser", None)
    if browser is None or not browser.is_connected():
        executable = chromium_or_skip()
        from playwright.sync_api import sync_playwright

        _close_thread_browser()
        _THREAD_BROWSER.driver = sync_playwright().start()
        _THREAD_BROWSER.browser = browser = _THREAD_BROWSER.driver.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
    yield browser


def _close_thread_browser() -> None:
    """Close the calling thread's browser and stop its driver, if it has them."""
    driver = getattr(_THREAD_BROWSER, "driver", None)
    browser = getattr(_THREAD_BROWSER, "browser", None)
    _THREAD_BROWSER.driver = _THREAD_BROWSER.browser = None
    with contextlib.suppress(Exception):  # a browser that went away has nothing to close
        if browser is not None:
            browser.close()
    if driver is not None:
        driver.stop()


def _close_in_every_thread(ready: threading.Barrier) -> None:
    """One of the closing jobs :func:`pytest_sessionfinish` queues, one per background thread:
    each waits until every thread holds one, so that no thread runs two."""
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(timeout=60)
    _close_thread_browser()


def pages_visited(book: Path, width: int = 1280, **visit_options) -> dict[str, PageVisit]:
    """Every page a reader opens in ``book`` (:func:`book_pages`), visited one after another in
    one tab ``width`` pixels wide of a browser of its own (:func:`own_browser`), with
    ``visit_options`` for :func:`visit_page`, which may be functions of the page's name (a
    screenshot's path); each visit records its broken internal links."""
    html = book / "_build" / "html"
    found = {}
    with own_browser() as browser, HtmlServer(html) as server, BrowserTab(browser, width) as tab:
        for page in (p.relative_to(html).as_posix() for p in book_pages(book)):
            options = {k: v(page) if callable(v) else v for k, v in visit_options.items()}
            found[page] = visit_page(tab, server, page, **options)
            found[page].broken_links = broken_internal_links(found[page], server)
    return found


def built_book_visited(book_job: str, **visit_options) -> dict[str, PageVisit] | None:
    """From inside a background job: :func:`pages_visited` of the book that the finished job
    ``book_job`` built, or None when its build failed (the book's own fixture reports that)."""
    book, done = finished_job(book_job)
    return None if done.returncode else pages_visited(book, **visit_options)


@dataclass
class PageVisit:
    """What one page did when a reader opened it."""

    name: str
    url: str
    final_url: str = ""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests to anything but the local server
    failed: list[str] = field(default_factory=list)  # local requests that failed or answered >= 400
    links: list[str] = field(default_factory=list)  # absolute hrefs of every <a>
    images: list[dict] = field(default_factory=list)  # src, complete, naturalWidth
    figures: list[dict] = field(
        default_factory=list
    )  # figure-like elements and their rendered size
    layout: dict = field(default_factory=dict)  # widths of the page and its main column
    alts: list[dict] = field(default_factory=list)  # src and alt of every image in the article
    index_cells: int = 0  # row-header cells of output tables (an index)
    text: str = ""  # the article's visible text
    screenshot: Path | None = None
    figure_screenshots: list[Path] = field(default_factory=list)  # one PNG per figure
    broken_links: list[str] = field(default_factory=list)  # see broken_internal_links


_COLLECT_JS = """() => {
  const links = Array.from(document.querySelectorAll('a[href]')).map(a => a.href);
  const images = Array.from(document.querySelectorAll('img')).map(img => ({
      src: img.currentSrc || img.src, complete: img.complete, naturalWidth: img.naturalWidth}));
  const figures = [];
  const seen = new Set();
  for (const el of document.querySelectorAll(
        '.cell_output img, .cell_output svg, figure img, figure svg, figure object, '
        + '.cell_output object')) {
    // an svg inside an svg is one figure
    if (el.closest('svg') !== el && el.closest('svg')) continue;
    // icons of copy buttons and permalinks
    if (el.closest('button, .copybtn, a.headerlink')) continue;
    if (seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    const fig = el.closest('figure');
    figures.push({tag: el.tagName.toLowerCase(), src: el.currentSrc || el.getAttribute('src') || '',
                  id: fig ? fig.id : '', width: box.width, height: box.height,
                  naturalWidth: el.naturalWidth === undefined ? null : el.naturalWidth});
  }
  const article = document.querySelector('.bd-article') || document.querySelector('main')
                  || document.body;
  const layout = {viewport: document.documentElement.clientWidth,
                  page: document.documentElement.scrollWidth,
                  column: article.clientWidth, columnContent: article.scrollWidth};
  const alts = Array.from(article.querySelectorAll('img')).map(img => ({
      src: img.getAttribute('src') || '', alt: (img.getAttribute('alt') || '').trim()}));
  const index_cells = article.querySelectorAll(
      '.cell_output tbody th, .cell_output table.dataframe').length;
  return {links, images, figures, layout, alts, index_cells, text: article.innerText};
}"""


FIGURE_ELEMENTS = ".cell_output img, .cell_output svg:not(svg svg)"


class BrowserTab:
    """One tab of a browser, in a context of its own, that visits pages one after another, the
    way a reader clicks through the book; every request to anything but 127.0.0.1 is recorded
    as blocked (the browser cannot reach it: :data:`CHROMIUM_ARGS`). A fresh tab for each page
    cost twice the CPU time (a renderer started and the theme's scripts compiled again for each:
    23 against 14 CPU s for the nine seed pages with their screenshots). Requests are not routed
    through playwright to block them: routing sends each one through this process and turns the
    browser's cache off, so every page loaded the theme's scripts, styles and fonts again (the
    nine seed pages without screenshots: 9.8-10.5 against 6.9 CPU s). Each event is recorded
    in the visit during which its request started, so a request of one page that ends after the
    next is opened is not counted against the next; a tab is used as a context manager."""

    def __init__(self, browser, width: int = 1280):
        self.visit: PageVisit | None = None  # the visit being recorded
        self.server_base = ""  # the base URL of the server it visits
        self.network = NetworkActivity()  # the current visit's
        self._started_in: dict = {}  # request -> the visit during which it started
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=True
        )
        self.page = page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.visit.page_errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self.network.ended(request))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def __enter__(self) -> BrowserTab:
        return self

    def __exit__(self, *exc):
        self.context.close()

    def _owner(self, request) -> PageVisit:
        return self._started_in.get(request, self.visit)

    def _console(self, message):
        if message.type == "error":
            where = message.location.get("url", "")
            self.visit.console_errors.append(f"{message.text} @ {where}")

    def _dialog(self, dialog):
        self.visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request):
        self._started_in[request] = self.visit
        self.network.started(request)
        url = request.url
        if (
            not url.startswith(("data:", "blob:", "about:"))
            and urlsplit(url).hostname != "127.0.0.1"
        ):
            self.visit.blocked.append(url)

    def _request_failed(self, request):
        self.network.ended(request)
        visit = self._owner(request)
        if request.url not in visit.blocked:
            visit.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 400 and response.url.startswith(self.server_base):
            self._owner(response.request).failed.append(f"{response.url}: HTTP {response.status}")

    def start(self, visit: PageVisit, server: HtmlServer) -> None:
        """Record events in ``visit``, a page of ``server``, from now on."""
        self.visit, self.server_base, self.network = visit, server.base, NetworkActivity()


def visit_page(
    tab: BrowserTab,
    server: HtmlServer,
    relative: str,
    screenshot: Path | None = None,
    width: int | None = None,
    figure_shots: Path | None = None,
) -> PageVisit:
    """Open one page in ``tab`` (``width`` pixels wide when given, else the tab's width), with
    every non-local request blocked and recorded; with ``figure_shots``, save each figure of a
    cell's output as its own PNG, ``<figure_shots>-NN.png``."""
    visit = PageVisit(name=relative, url=server.base + relative)
    tab.start(visit, server)
    page = tab.page
    if width is not None:
        page.set_viewport_size({"width": width, "height": 900})
    page.goto(visit.url, wait_until="load", timeout=60_000)
    tab.network.settled(page)
    collected = evaluated_when_settled(page, _COLLECT_JS)
    visit.final_url = page.url
    visit.links, visit.images, visit.figures = (
        collected["links"],
        collected["images"],
        collected["figures"],
    )
    visit.layout, visit.alts = collected["layout"], collected["alts"]
    visit.text = collected["text"]
    visit.index_cells = collected["index_cells"]
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
        visit.screenshot = screenshot
    if figure_shots is not None:
        figure_shots.parent.mkdir(parents=True, exist_ok=True)
        figures = page.locator(FIGURE_ELEMENTS)
        for i in range(figures.count()):
            shot = figure_shots.with_name(f"{figure_shots.name}-{i + 1:02d}.png")
            figures.nth(i).screenshot(path=str(shot))
            visit.figure_screenshots.append(shot)
    return visit


class NetworkActivity:
    """A page's requests in flight and when its network last did anything (a request started,
    finished or failed), to wait for a quiet network once the page has loaded.

    Playwright's "networkidle" waits for 500 ms without a request, about half of a visit's
    1.1 s, while after the load event the seed book's pages request nothing more, but for the
    index, which redirects to the first chapter and loads it (its last request, a web font,
    0.38 s after the load event; no gap between its requests over 0.2 s). The quiet is counted
    from the load event at the earliest. Requests made later still are recorded too, as long as
    the visit lasts (its handlers stay attached until its context is closed)."""

    QUIET_S = 0.25  # no request in flight, and none started or ended, for this long
    POLL_MS = 50

    def __init__(self):
        self.in_flight, self.last = set(), time.monotonic()

    def started(self, request) -> None:
        self.in_flight.add(request)
        self.last = time.monotonic()

    def ended(self, request) -> None:
        self.in_flight.discard(request)
        self.last = time.monotonic()

    def settled(self, page, timeout_s: float = 15.0) -> None:
        """Wait (letting the page's events arrive) until the network has been quiet for
        :attr:`QUIET_S`, or ``timeout_s`` has passed: a page that keeps polling is checked as
        it is then."""
        self.last = time.monotonic()  # the quiet counts from the load event at the earliest
        deadline = self.last + timeout_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(self.POLL_MS)
            if not self.in_flight and time.monotonic() - self.last >= self.QUIET_S:
                return


NAVIGATED = "Execution context was destroyed"
"""What playwright says when a page navigates while a script runs in it."""


def evaluated_when_settled(page, script: str, attempts: int = 3):
    """``page.evaluate(script)`` on the page the visit ends on. A page that redirects (the
    book's index.html refreshes to the first chapter at once) may still navigate after its load
    and a quiet network, while the script runs, which destroys the script's context (seen once
    on a slow host): the next page's load is then awaited and the script run again."""
    from playwright.sync_api import Error

    for attempt in range(1, attempts + 1):
        try:
            return page.evaluate(script)
        except Error as error:
            if NAVIGATED not in str(error) or attempt == attempts:
                raise
            page.wait_for_load_state("load", timeout=60_000)


def broken_internal_links(visit: PageVisit, server: HtmlServer) -> list[str]:
    """Internal links of a visited page whose file is missing or whose #fragment is not an id
    there."""
    broken, cache = [], {}
    for href in visit.links:
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or parts.hostname != "127.0.0.1":
            continue  # external (or mailto:, javascript:) links are not followed: no network
        path = unquote(parts.path).lstrip("/")
        target = server.folder / path
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href} -> no file {path}")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in cache:
                cache[target] = element_ids(target.read_text(encoding="utf-8", errors="replace"))
            if unquote(parts.fragment) not in cache[target]:
                broken.append(f"{href} -> no id '{unquote(parts.fragment)}' in {path}")
    return sorted(set(broken))
