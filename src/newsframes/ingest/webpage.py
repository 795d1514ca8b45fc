"""Saved web pages: every text line of the page for the audit, the page's own metadata, and the
article read by trafilatura (Barbaresi 2021), the field's standard extractor for web articles.

The audit keeps one line per block element of the page (:func:`html_to_text`), so a reader sees
everything that was dropped and why. Which of those lines are the article is trafilatura's
decision (:func:`article_roles`): the lines its main text covers are body, the line that carries
its title the headline, the line that repeats its description the dek; every other line is
furniture, named as outside trafilatura's article. trafilatura is imported only when a page is
read, so plain-text runs and the chapters do not pay its import time (0.25-0.31 s here).
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from html.parser import HTMLParser
from typing import NamedTuple

from . import dates
from .lines import Role

WS = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
# An XHTML page's XML declaration: lxml refuses a str that declares its encoding.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# What the extractors find wrong with a page, documents.problem says: no log lines on stderr.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())

PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
"""``<meta>`` names that carry a page's publication date: Open Graph's article properties
(ogp.me), schema.org's ``datePublished`` as itemprop, Dublin Core (``dc.``/``dcterms.``) and the
names common analytics tags read (Parse.ly, Sailthru)."""


# ----------------------------------------------------------------------------- the page's lines


class _TextExtractor(HTMLParser):
    """Text of an HTML page, one line per block element; scripts and styles dropped. The
    ``<title>`` (usually "Headline - Site") is kept only when the page has no ``<h1>``. The
    first publication-date ``<meta>`` (:data:`PUBLISHED_META`), else the schema.org JSON-LD
    ``datePublished``, is kept as ``published``; Open Graph's ``og:site_name``, else the JSON-LD
    ``publisher``'s name, as ``site_name``."""

    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "header",
        "footer",
        "figcaption",
        "blockquote",
        "title",
        "ul",
        "ol",
        "table",
        "nav",
        "aside",
        # the other block elements of HTML: without them "<dt>Born</dt><dd>1950</dd>" read
        # "Born1950", "<address>By Jane Roe</address><address>Reuters</address>" one byline
        "address",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "form",
        "hgroup",
        "hr",
        "legend",
        "main",
        "menu",
        "option",
        "pre",
        "summary",
    }
    SKIP = {"script", "style", "noscript", "template", "svg"}
    CELLS = {"td", "th"}
    CELL_SEPARATOR = " | "
    """Between the cells of a table's row, which share its line: without it "<td>Row 1</td>
    <td>1 votes</td>" read "Row 11 votes" and "<th>Clinton</th><th>48%</th>" "Clinton48%"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.cells_in_row = 0
        self.title_parts: list[int] = []  # indexes in parts of the <title> text
        self.h1_parts: list[str] = []  # the text of the first <h1>
        self.in_title = self.has_h1 = self.in_h1 = self.in_json_ld = False
        self.published, self.site_name, self.json_ld = ("", ""), ("", ""), []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            attributes = dict(attrs)
            name = (
                attributes.get("property")
                or attributes.get("name")
                or attributes.get("itemprop")
                or ""
            ).lower()
            content = (attributes.get("content") or "").strip()
            if name in PUBLISHED_META and content and not self.published[0]:
                key = next(k for k in ("property", "name", "itemprop") if attributes.get(k))
                self.published = (content, f'<meta {key}="{attributes[key]}">')
            if name == "og:site_name" and content and not self.site_name[0]:
                self.site_name = (content, '<meta property="og:site_name">')
        self.in_json_ld = (
            tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json"
        )
        self.in_title = self.in_title or tag == "title"
        self.in_h1 = tag == "h1" and not self.has_h1
        self.has_h1 = self.has_h1 or tag == "h1"
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
            self.cells_in_row = 0
        elif tag in self.CELLS and not self.skipping:
            if self.cells_in_row:
                self.parts.append(self.CELL_SEPARATOR)
            self.cells_in_row += 1

    def handle_endtag(self, tag):
        self.in_title = self.in_title and tag != "title"
        self.in_json_ld = self.in_json_ld and tag != "script"
        self.in_h1 = self.in_h1 and tag != "h1"
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld.append(data)
        if not self.skipping:
            if self.in_title:
                self.title_parts.append(len(self.parts))
            if self.in_h1:
                self.h1_parts.append(data)
            self.parts.append(data)

    def close(self):
        super().close()
        published, publisher = _json_ld_fields(self.json_ld)
        if published and not self.published[0]:
            self.published = (published, "JSON-LD datePublished")
        if publisher and not self.site_name[0]:
            self.site_name = (publisher, "JSON-LD publisher")

    def text(self) -> str:
        """The page's text, a "Published: ..." line first when the metadata gave the date."""
        parts = list(self.parts)
        if self.has_h1:
            for i in self.title_parts:
                parts[i] = ""
        published = f"Published: {self.published[0]}\n" if self.published[0] else ""
        return published + "".join(parts)


class PageText(NamedTuple):
    """What :func:`html_to_text` reads: the text lines, the site name and publication date from
    the metadata (each with where it was read), and the text of the first ``<h1>``."""

    text: str
    site_name: tuple[str, str]
    published: tuple[str, str]
    h1: str


def html_to_text(markup: str) -> PageText:
    """Visible text of an HTML page, block elements on their own lines, with the page's own
    metadata (see :class:`_TextExtractor`)."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (WS.sub(" ", line).strip() for line in html.unescape(parser.text()).splitlines())
    h1 = WS.sub(" ", html.unescape("".join(parser.h1_parts))).strip()
    return PageText(
        "\n".join(line for line in lines if line), parser.site_name, parser.published, h1
    )


def _json_ld_fields(blocks: list[str]) -> tuple[str, str]:
    """The first ``datePublished`` and the first ``publisher`` name in a page's JSON-LD
    blocks (schema.org NewsArticle, possibly inside ``@graph`` or a list); a block that is not
    valid JSON is skipped."""
    published, publisher = "", ""
    stack = []
    for block in blocks:
        try:
            stack.append(json.loads(block))
        except (ValueError, RecursionError):  # not JSON, or nested past Python's limit
            continue
    stack.reverse()
    while stack and not (published and publisher):
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str) and not published:
                published = node["datePublished"].strip()
            name = (
                node.get("publisher", {}).get("name")
                if isinstance(node.get("publisher"), dict)
                else None
            )
            if isinstance(name, str) and name.strip() and not publisher:
                publisher = name.strip()
            stack.extend(reversed([v for v in node.values() if isinstance(v, (dict, list))]))
    return published, publisher


# ------------------------------------------------------------------------- trafilatura's article


@dataclass(frozen=True)
class Article:
    """What trafilatura read as a page's article: its title, description (standfirst or
    ``<meta name="description">``) and main text, comments left out."""

    title: str
    description: str
    text: str


@dataclass(frozen=True)
class Page:
    """A saved page: what :func:`html_to_text` reads in it, the date htmldate reads in its
    markup, trafilatura's article (None when it found none) and why there is none."""

    text: PageText
    markup_date: str
    article: Article | None
    no_article: str = ""


LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*)([^<>]{2000,})>")  # a start tag of 2,000+ characters
MAX_ATTRIBUTES = 200
"""More attributes than this on one tag (counted by their "=") and the tag's attributes are
dropped before the page is read: lxml, htmldate and jusText take time that grows with the
square of their number (20,000 on one tag: 8 s; 100,000: over 6 minutes)."""


def without_crowded_tags(markup: str) -> str:
    """The markup with each tag of more than :data:`MAX_ATTRIBUTES` attributes left bare."""
    return LONG_TAG.sub(lambda m: f"<{m[1]}>" if m[2].count("=") > MAX_ATTRIBUTES else m[0], markup)


INLINE_FORMATTING = re.compile(
    r"</?(?:b|i|u|em|strong|span|font|small|big|mark|sup|sub)(?:\s[^<>]*)?>", re.IGNORECASE
)  # a start or end tag of inline formatting: <b>, </em>, <span class="x">
MAX_FORMATTING_TAGS = 10_000
"""More start and end tags of inline formatting than this on a page (:data:`INLINE_FORMATTING`)
and they are dropped, their text kept, before the page is read. trafilatura's search for the
text of paragraphs takes time that grows faster than the square of a paragraph's inline
elements on the tree it has cleaned (5,000 in one paragraph: 1 s; 10,000: 8 s; 20,000: 46 s);
its text is the same without them."""


def without_crowded_formatting(markup: str) -> str:
    """The markup without its inline formatting tags when it has more than
    :data:`MAX_FORMATTING_TAGS` of them."""
    crowded = sum(
        1 for _ in itertools.islice(INLINE_FORMATTING.finditer(markup), MAX_FORMATTING_TAGS + 1)
    )
    return INLINE_FORMATTING.sub("", markup) if crowded > MAX_FORMATTING_TAGS else markup


def read_page(markup: str) -> Page:
    """The page's text lines and metadata, and the article trafilatura finds in it."""
    markup = without_crowded_formatting(without_crowded_tags(markup))
    text = html_to_text(markup)
    markup = XML_DECLARATION.sub("", markup)
    article, why = extract_article(markup)
    return Page(text, markup_date(markup), article, why)


ARTICLE_READ = "article body read by trafilatura, the page's other lines kept in the audit"
"""The note of a page whose article trafilatura found: how every page is meant to be read."""


def reading_note(page: Page) -> str:
    """What ``documents.problem`` says about how the page was read."""
    if page.article:
        return ARTICLE_READ
    return f"{page.no_article}, so its lines were read by the plain-text rules; check the audit"


def extract_article(markup: str) -> tuple[Article | None, str]:
    """trafilatura's article (comments excluded, tables kept, its default balance of precision
    and recall), or None and why: it found no main text, or it failed on the markup."""
    import trafilatura  # 0.25-0.31 s: imported only when a page is read

    try:
        document = trafilatura.bare_extraction(markup, include_comments=False, with_metadata=True)
    except (ValueError, TypeError, AttributeError) as err:  # markup lxml cannot take
        return None, f"trafilatura could not read the markup ({type(err).__name__})"
    if document is None or not _tokens(document.text or ""):
        return None, "trafilatura found no article text in it"
    return Article(document.title or "", document.description or "", document.text), ""


# ----------------------------------------------------------------------------- publication date

PAGE_METADATA = "page metadata"
HTMLDATE = "htmldate on the page's markup (time elements, URL, date classes)"


def markup_date(markup: str) -> str:
    """The original publication date (ISO) htmldate (Barbaresi 2020) reads in the page's markup,
    without its search of the free text (``extensive_search=False``), or "". That search reads a
    copyright year as 1 January and a comment's time stamp as the article's; without it, on the
    pages of ``tests/fixtures/html`` (and each again with its metadata stripped) htmldate was
    never wrong, and found a date where our metadata and text rules found none."""
    from htmldate import find_date  # a dependency of trafilatura, imported only when a page is read

    try:
        return find_date(markup, original_date=True, extensive_search=False) or ""
    except (ValueError, TypeError):  # markup lxml cannot take
        return ""


def date_mentions(page: Page) -> list[tuple[dates.DateMention, str]]:
    """The page's publication date from its metadata and from htmldate, each with how it was
    found; the metadata's ranks above every date of the text, htmldate's below them."""
    value, where = page.text.published
    found = [(mention, f"{PAGE_METADATA}: {where}") for mention in dates.find_dates(value)[:1]]
    return found + [(mention, HTMLDATE) for mention in dates.find_dates(page.markup_date)[:1]]


# ----------------------------------------------------------------------------- line roles

CREDIT_ROLES = (Role.BYLINE, Role.DATELINE, Role.CAPTION, Role.ATTRIBUTION)
"""Roles the plain-text rules' cues give to credit lines; such a line keeps its role wherever
trafilatura puts it (trafilatura keeps some bylines and date lines in its text)."""
MIN_COVERED = 0.5  # share of a line's words trafilatura's text must cover for the line to be body
EXTRACTOR = "trafilatura"


def _tokens(line: str) -> list[str]:
    return TOKEN.findall(line.casefold())


MAX_MATCH_STEPS = 2_000_000
"""Pairs of equal words (page x article) the exact alignment may visit, in all its searches for
a longest matching block, before it gives up for difflib's ``autojunk`` alignment (words that
fill more than 1% of the article are junk: they extend matches but start none). The longest of
the 924 PolNeAR articles, as the page and the article, takes 0.24 million (one search). Steps,
not pairs of equal words, are counted: a page of one table of 300 rows, in the article too, has
0.18 million pairs but took 18.5 million steps (1.4 s; 2,000 rows 78 s), its rows matched one
search at a time; one line repeated 10,000 times has 300 million pairs (50 s)."""


class StepsExceeded(Exception):
    """The exact alignment visited more than :data:`MAX_MATCH_STEPS` pairs of equal words."""


class CountedMatcher(SequenceMatcher):
    """difflib's matcher without junk whose longest-block search (CPython 3.11's, the same
    blocks) counts the pairs of equal words it visits and raises :class:`StepsExceeded` past
    ``steps``. A word's positions before the searched range are skipped by binary search, not
    one by one as difflib does."""

    def __init__(self, a: list[str], b: list[str], steps: int):
        super().__init__(None, a, b, autojunk=False)
        self.steps_left = steps

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        a, b2j = self.a, self.b2j
        ahi = len(a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        besti, bestj, bestsize = alo, blo, 0
        j2len: dict[int, int] = {}
        nothing: list[int] = []
        for i in range(alo, ahi):
            j2lenget, newj2len = j2len.get, {}
            positions = b2j.get(a[i], nothing)
            low, high = bisect_left(positions, blo), bisect_left(positions, bhi)
            self.steps_left -= high - low
            if self.steps_left < 0:
                raise StepsExceeded
            for j in positions[low:high]:
                k = newj2len[j] = j2lenget(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = newj2len
        # without junk the block found is maximal: difflib's extensions over junk add nothing
        return Match(besti, bestj, bestsize)


def matching_blocks(page_words: list[str], article_words: list[str]) -> list[Match]:
    """difflib's longest matching blocks of the page's and the article's words, exact (no junk)
    within :data:`MAX_MATCH_STEPS`, else with difflib's ``autojunk``."""
    try:
        return CountedMatcher(page_words, article_words, MAX_MATCH_STEPS).get_matching_blocks()
    except StepsExceeded:
        return SequenceMatcher(None, page_words, article_words).get_matching_blocks()


def covered_lines(lines: list[str], article_text: str) -> list[bool]:
    """Whether each line is part of trafilatura's text: at least :data:`MIN_COVERED` of its words
    are aligned, in order, with the words of that text (difflib's longest matching blocks,
    :func:`matching_blocks`), so a teaser repeating a sentence of the article elsewhere on the
    page is not matched twice."""
    owner, page_words = [], []
    for i, line in enumerate(lines):
        words = _tokens(line)
        page_words.extend(words)
        owner.extend([i] * len(words))
    matched = [0] * len(lines)
    for block in matching_blocks(page_words, _tokens(article_text)):
        for k in range(block.a, block.a + block.size):
            matched[owner[k]] += 1
    return [
        bool(line) and matched[i] >= MIN_COVERED * max(1, len(_tokens(line)))
        for i, line in enumerate(lines)
    ]


def _same_words(line: str, other: str) -> bool:
    """Whether one of two texts is the other, word for word, or starts the other with at least
    three words: a title "Headline | Site" or a truncated JSON-LD headline still finds its line."""
    a, b = _tokens(line), _tokens(other)
    short, long_ = sorted((a, b), key=len)
    return bool(short) and (a == b or (len(short) >= 3 and long_[: len(short)] == short))


def _headline_line(
    lines: list[str], candidates: tuple[tuple[str, str], ...]
) -> tuple[int | None, str]:
    """The first line carrying one of the (rule, text) candidates, tried in order, and its rule."""
    for rule, text in candidates:
        found = next((i for i, line in enumerate(lines) if text and _same_words(line, text)), None)
        if found is not None:
            return found, rule
    return None, ""


def article_roles(
    lines: list[str], roles: list[tuple[str, str]], article: Article, h1: str = ""
) -> list[tuple[str, str]]:
    """Each line's role and rule once trafilatura has read the page. The headline is the line
    carrying trafilatura's title, else the page's first ``<h1>``. ``roles`` are the plain-text
    rules' (:func:`newsframes.ingest.roles.line_roles`); they still name blank, duplicate and credit
    lines, a dek between the headline and the article, and the headline when neither is found."""
    covered = covered_lines(lines, article.text)
    title, title_rule = _headline_line(
        lines, ((f"{EXTRACTOR}:title", article.title), ("first_h1", h1))
    )
    first_body = next(
        (i for i, c in enumerate(covered) if c and i != title and roles[i][0] not in CREDIT_ROLES),
        len(lines),
    )
    header_end = first_body if title is None else max(first_body, title)
    out = []
    for i, (line, (role, reason)) in enumerate(zip(lines, roles)):
        if role in (Role.BLANK, Role.DUPLICATE):
            out.append((role, reason))
        elif i == title:
            out.append((Role.HEADLINE, title_rule))
        elif i <= header_end and article.description and _same_words(line, article.description):
            out.append((Role.DEK, f"{EXTRACTOR}:description"))
        elif role in CREDIT_ROLES:
            out.append(
                (role, f"{reason}; {'in' if covered[i] else 'outside'} {EXTRACTOR}'s article")
            )
        elif covered[i]:
            out.append((Role.BODY, f"{EXTRACTOR}:article_text"))
        elif i < first_body and (
            role == Role.DEK
            and (title is None or i > title)
            or role == Role.HEADLINE
            and title is None
        ):
            out.append((role, f"{reason}; above {EXTRACTOR}'s article"))
        else:
            out.append((Role.BOILERPLATE, f"{EXTRACTOR}:not_in_article; {role}:{reason}"))
    return out
