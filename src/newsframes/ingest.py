"""Ingestion: raw article files -> audited lines, cleaned texts, sentences and document metadata.

Every raw line gets a role and the name of the rule that decided it (the audit in
``lines.csv``), so nothing is dropped silently. Rules are generic: cue phrases live in
``data/line_cues.csv`` (widgets, forms, promos, captions, bylines ...); everything else is
decided by structure -- position before or after the article body, line length and sentence
shape, repeated lines, runs of link-like lines (after jusText's paragraph classes,
Pomikalek 2011). Each document is processed on its own, so documents can be processed in
parallel; only duplicate files and missing years are settled across the corpus afterwards.
"""

from __future__ import annotations

import csv
import hashlib
import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import dates, webpage
from .corpus import SENTENCE_COLUMNS, USABLE_STATUSES, Corpus, join_paragraphs
from .text import Prefilter, is_plain, prefilter, stopwords, words

ROLES = ("headline", "dek", "dateline", "byline", "caption", "body", "attribution", "boilerplate", "duplicate", "blank")
ANALYSED_ROLES = ("headline", "dek", "body")
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", ".markdown", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}  # web clippers and reader modes save Markdown
DEFAULT_MAX_MB = 10.0
DOCUMENT_COLUMNS = [
    "doc_id", "file", "sha256", "status", "problem", "encoding",
    "outlet", "outlet_source", "outlet_evidence",
    "upstream", "upstream_source", "upstream_evidence",
    "camp", "camp_source", "country", "owner_type", "translation", "key_date",
    "published", "published_source", "published_evidence", "published_kind",
    "headline", "n_lines", "n_removed_lines", "n_sentences", "n_tokens",
]
LINE_COLUMNS = ["doc_id", "line_no", "role", "reason", "text"]

SENTENCE_MARKS, CLOSING_MARKS, CLOSING_QUOTES = ".!?…:;", "\"'”’»)]", "\"”»"
LIST_ITEM = re.compile(r"^\s*[-•*·]\s+\S")


# ----------------------------------------------------------------------------- reading files

@dataclass
class RawFile:
    """A file's decoded text, or why it has none."""

    text: str | None
    sha256: str
    status: str
    problem: str = ""
    encoding: str = ""
    page: webpage.Page | None = None  # an HTML page's metadata and article


def read_file(path: Path, max_bytes: int) -> RawFile:
    """Decode one file, saying clearly why a file cannot be used.

    UTF-8 is tried first; anything else is detected with charset-normalizer. HTML pages are
    reduced to their text. Empty, binary and oversized files are refused with a reason.
    """
    size = path.stat().st_size
    if size > max_bytes:
        digest = _sha256_file(path)
        return RawFile(None, digest, "too_large",
                       f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                       "split it into one file per article or raise --max-mb")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return RawFile("" if not data else data.decode("utf-8", "replace"), digest, "empty",
                       "file is empty; remove it or paste the article text into it")
    utf16 = _utf16_text(data)
    if utf16 is None and _looks_binary(data):
        return RawFile(None, digest, "binary",
                       "file is binary, not text; export the article as a UTF-8 .txt file")
    try:
        if utf16:  # ASCII in UTF-16 is also valid UTF-8, with a zero byte after each letter
            raise UnicodeDecodeError("utf-8", data, 0, 1, "UTF-16 text")
        text, encoding, status, problem = data.decode("utf-8-sig"), "utf-8", "ok", ""
    except UnicodeDecodeError:
        text, encoding = utf16 or _decode_guess(data)
        if text is None:
            return RawFile(None, digest, "unreadable",
                           "encoding could not be detected; re-save the file as UTF-8")
        status, problem = "converted", f"not UTF-8; decoded as {encoding}; re-save as UTF-8 to be sure"
    markup, note, page = "", "text taken from its markup, check the audit", None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text, markup = markdown_to_text(text), "Markdown file"
    elif _looks_html(text):
        page = webpage.read_page(text)
        text, markup, note = page.text.text, "HTML page", webpage.reading_note(page)
    if markup:
        status = "converted"
        problem = "; ".join(p for p in (problem, f"{markup}; {note}") if p)
    return RawFile(text, digest, status, problem, encoding, page)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > 0.05 * len(sample)


UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _utf16_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a UTF-16 file (with a byte-order mark, or without one when the
    zero bytes of mostly-ASCII text fall on one side of each byte pair), else None."""
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom):], encoding)
    sample = data[:8192 - 8192 % 2] if len(data) >= 2 else b""
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_odd > 0.3 * pairs and zeros_even == 0:
        return _decoded(data, "utf-16-le")
    if zeros_even > 0.3 * pairs and zeros_odd == 0:
        return _decoded(data, "utf-16-be")
    return None


def _decoded(data: bytes, encoding: str) -> tuple[str, str] | None:
    """``data`` decoded as ``encoding`` if it is text there (no zero characters), else None."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if "\x00" not in text else None


def _decode_guess(data: bytes) -> tuple[str | None, str]:
    """``data`` decoded as Windows-1252 (the usual non-UTF-8 Western encoding, whose curly
    quotes and dashes other single-byte guesses misread) if charset-normalizer finds it
    coherent there, else in the encoding charset-normalizer detects."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252"]).best() or from_bytes(data).best()
    if best is None:
        return None, ""
    return str(best), best.encoding


def _looks_html(text: str) -> bool:
    head = text[:4096].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<(p|div|article)[\s>].*</(p|div|article)>", head, re.S))


def markdown_to_text(markup: str) -> str:
    """The text of a Markdown file (CommonMark, parsed by markdown-it-py), one line per paragraph,
    heading or list item (items marked "- "), blocks apart: links keep their text, images their
    alt text, emphasis and code marks go."""
    from markdown_it import MarkdownIt

    lines, item = [], False
    for token in MarkdownIt("commonmark").parse(markup):
        if token.type == "list_item_open":
            item = True
        elif token.type == "inline":
            line = "".join(" " if child.type in ("softbreak", "hardbreak") else child.content
                           for child in token.children or [] if child.type in ("text", "code_inline", "image", "softbreak", "hardbreak"))
            lines.extend([("- " if item else "") + line, ""])
            item = False
        elif token.type in ("fence", "code_block", "html_block"):
            lines.extend([*token.content.splitlines(), ""])
    return "\n".join(lines)


# ----------------------------------------------------------------------------- line roles

@dataclass(frozen=True)
class Cue:
    kind: str
    role: str
    pattern: re.Pattern
    lower_pattern: re.Pattern | None = None
    gate: Prefilter | None = None

    def search(self, line: str, lower_ascii: str | None) -> bool:
        """Whether the cue matches ``line``. For an ASCII line (``lower_ascii`` is its lower-case
        form) a cue without upper-case classes is matched case-sensitively on the lower-cased
        line: the same result, several times faster than IGNORECASE, which disables the regex
        engine's literal-prefix search."""
        if lower_ascii is not None and self.lower_pattern is not None:
            return self.lower_pattern.search(lower_ascii) is not None
        return self.pattern.search(line) is not None


def _cue(kind: str, role: str, pattern: str) -> Cue:
    """A cue from its pattern: case-insensitive, unless it has upper-case letters ([A-Z] for a
    name's capital), which then mean what they say (its words are marked ``(?i:...)``)."""
    cased = any(ch.isupper() for ch in re.sub(r"\\.", "", pattern))  # e.g. [A-Z]; escapes such as \S do not count
    caseless = re.compile(pattern.replace("(?i:", "(?:"), re.IGNORECASE)  # its prefilter is a necessary condition either way
    if cased:
        return Cue(kind, role, re.compile(pattern), None, prefilter(caseless))
    return Cue(kind, role, caseless, re.compile(pattern), prefilter(caseless))


@lru_cache(maxsize=1)
def line_cues() -> tuple[Cue, ...]:
    """Cue phrases from ``data/line_cues.csv`` (each row cites where the pattern is seen)."""
    text = files("newsframes").joinpath("data/line_cues.csv").read_text("utf-8")
    return tuple(_cue(r["kind"], r["role"], r["pattern"]) for r in csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def _cue_prefixes() -> tuple[str, ...]:
    """Every cue's gate prefixes: a line starting with none of them skips those tests."""
    return tuple(sorted({p for cue in line_cues() for p in cue.gate.prefixes}))


def first_cues(lines: list[str], searched: list[bool]) -> list[Cue | None]:
    """The first cue (in file order) matching each ``searched`` line of one document.

    On a plain line (:func:`~newsframes.text.is_plain`) a cue is searched only where its
    case-insensitive :class:`~newsframes.text.Prefilter` (``gate``) allows a match; keys absent
    from the whole document are not looked for line by line. Other lines meet every cue."""
    cues = line_cues()
    lowers = {i: line.lower() for i, line in enumerate(lines) if searched[i] and is_plain(line)}
    document = "\n".join(lowers.values())
    keyed = [(n, cue.gate.always, keys) for n, cue in enumerate(cues)
             if (keys := [k for k in cue.gate.keys if k in document]) or cue.gate.always]
    found: list[Cue | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        if not searched[i]:
            continue
        lower = lowers.get(i)
        if lower is None:
            candidates = range(len(cues))
        else:
            candidates = {n for n, always, keys in keyed if always or any(k in lower for k in keys)}
            if lower.startswith(_cue_prefixes()):
                candidates |= {n for n, cue in enumerate(cues) if lower.startswith(cue.gate.prefixes)}
            candidates = sorted(candidates)
        lower_ascii = lower if lower is not None and line.isascii() else None
        found[i] = next((cues[n] for n in candidates if cues[n].search(line, lower_ascii)), None)
    return found


MAX_CUE_WORDS = 80  # longer lines are prose paragraphs; widget and form cues describe shorter ones


def normalise_line(line: str) -> str:
    """NFKC, no zero-width characters, single spaces: the form rules look at. (``str.split``
    and the regex class ``\\s`` know the same whitespace characters.)"""
    return " ".join(unicodedata.normalize("NFKC", line).replace("\u200b", "").replace("\ufeff", "").split())


NOT_KEY = re.compile(r"[^\w ]")


def _key(line: str) -> str:
    return NOT_KEY.sub("", line.casefold()).strip()


def _n_words(line: str) -> int:
    """Whitespace words: the rules only compare lengths, so the cheap count is enough."""
    return len(line.split())


def _lettered_words(line: str) -> list[str]:
    """Whitespace words with at least one letter (not dashes, bullets or separators)."""
    return [word for word in line.split() if any(c.isalpha() for c in word)]


MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+")


def is_menu_line(line: str) -> bool:
    """A site's navigation bar or language switch typed as one line: three or more items of
    at most three words between separators ("News | Politics | Economy", "EN | UA | RU"),
    with no date and no sentence punctuation at an item's end."""
    items = MENU_SEPARATOR.split(line)
    return (len(items) >= 3 and all(0 < _n_words(item) <= 3 and not ends_sentence(item) for item in items)
            and not dates.find_dates(line))


def ends_sentence(line: str) -> bool:
    """Sentence-final punctuation, possibly followed by closing quotes or brackets, or a closing
    quote, then only whitespace."""
    end = line.rstrip()
    core = end.rstrip(CLOSING_MARKS)
    return (core != "" and core[-1] in SENTENCE_MARKS) or (end != "" and end[-1] in CLOSING_QUOTES)


def is_sentence_like(line: str, min_words: int = 5) -> bool:
    """A line that reads as running prose: enough words and sentence-final punctuation."""
    return _n_words(line) >= min_words and ends_sentence(line)


DATE_PREFIX = re.compile(r"^(?:date|published|updated|posted)\s*:?\s*((?:19|20)\d\d-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\s*", re.I)
# A dateline's date ("January 12", "12 Jan 2022"): written once, for the datelines split from the
# lede and for the agencies credited in them.
_MONTH_DAY = dates.MONTH_NAME + r"\s+\d{1,2}"
_DAY_MONTH = r"\d{1,2}\s+" + dates.MONTH_NAME + r"(?:\s+\d{4})?"
DATELINE_PREFIX = re.compile(
    r"^(?:"
    r"(?P<agency_first>[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?),\s+(?P<ad_date>" + _MONTH_DAY + r")\.\s+(?=[A-Z])"
    r"|(?P<dm_place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2}),\s+(?P<dm_date>" + _DAY_MONTH + r")\s*[-–—]\s*(?P<dm_agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\.\s+(?=[A-Z])"
    r"|(?P<slash_place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2}),\s+(?P<slash_date>" + _MONTH_DAY + r")\.\s*/(?P<slash_agency>[A-Z][A-Za-z-]{1,12})/\.?\s+(?=\S)"
    r"|(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3})(?:\s*\[[A-Z][A-Za-z .'-]{1,30}\])?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)(?=\s*[(:,]|\s[-–—]))?"
    r"(?:[,.]\s*(?P<date>" + _MONTH_DAY + r"(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z&. ]{1,20})\))?\s*(?::|\s?[-–—]{1,2})\s+(?=\S)"
    r")"
)


def split_dateline(line: str) -> tuple[str, str]:
    """Split a leading dateline ("Brussels, Jan 8 (IANS):", "TASS, December 26.", "MOSCOW, 12 Jan - RIA
    Novosti.") from a body line."""
    m = DATELINE_PREFIX.match(line)
    if not m:
        return "", line
    if m["region"] and m["region"].split()[0].rstrip(".").lower() in dates.MONTHS:
        return "", line
    if m["place"] and not (m["date"] or m["agency"]) and not line[: m.end()].rstrip().endswith(":"):
        return "", line  # "Word —" alone is too weak to call a dateline
    if m["place"] and len(m["place"].split()) > 3 and not (m["date"] or m["agency"]):
        return "", line
    return line[: m.end()].strip(), line[m.end():]


# ----------------------------------------------------------------------------- hard-wrapped text

MAX_WRAP_WIDTH = 100  # e-mail, print and PDF extracts break lines at 40-80 characters; web paragraphs are longer
HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
FIELD_LINE = re.compile(r"^[A-Z][A-Za-z-]{1,20}:\s")  # "Subject: ...", "From: ...": a field, never a wrapped line


class Unit(NamedTuple):
    """A logical line: one raw line, or the raw lines of a hard-wrapped paragraph joined."""

    text: str
    first: int  # index of its first raw line
    n_raw: int


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped document's lines were broken at, or None when its lines are
    paragraphs (as in text taken from web pages).

    A document is hard-wrapped when its lines of four or more words are short (90th-percentile
    length at most :data:`MAX_WRAP_WIDTH`) and at least three of them, and a fifth, break a
    sentence: the line does not end one and the next line starts in lower case. Paragraph-per-
    line text almost never does that, because each of its lines starts a paragraph."""
    worded = [i for i, line in enumerate(lines) if _n_words(line) >= 4]
    if len(worded) < 6:
        return None
    width = sorted(len(lines[i]) for i in worded)[int(0.9 * (len(worded) - 1))]
    breaks = sum(1 for i in worded if i + 1 < len(lines) and lines[i + 1][:1].islower() and not ends_sentence(lines[i]))
    return width if width <= MAX_WRAP_WIDTH and breaks >= max(3, 0.2 * len(worded)) else None


def unwrap_lines(lines: list[str]) -> list[Unit]:
    """Normalised lines as logical lines: in a hard-wrapped document (:func:`wrap_width`), a line
    that fills three quarters of the width, or half of it without ending a sentence, continues
    on the next non-blank line (not a list item; no date line or "Field:" line on either side).
    A word broken by a hyphen is mended (:func:`_join_wrapped`).

    Hand-written: pdftotext and e-mail tools undo wrapping from layout they know (fonts,
    format=flowed); a saved text file keeps only the line lengths."""
    width = wrap_width(lines)
    if width is None:
        return [Unit(line, i, 1) for i, line in enumerate(lines)]
    flat = " ".join(lines).lower()
    apart = [bool(line) and (_is_date_line(line) or FIELD_LINE.match(line) is not None) for line in lines]
    units, i = [], 0
    while i < len(lines):
        text, j = lines[i], i
        while (j + 1 < len(lines) and lines[j] and lines[j + 1] and not LIST_ITEM.match(lines[j + 1])
               and (len(lines[j]) >= 0.75 * width or (len(lines[j]) >= 0.5 * width and not ends_sentence(lines[j])))
               and not (apart[j] or apart[j + 1])):
            text = _join_wrapped(text, lines[j + 1], flat)
            j += 1
        units.append(Unit(text, i, j - i + 1))
        i = j + 1
    return units


def _join_wrapped(text: str, following: str, flat: str) -> str:
    """``text`` continued by the next wrapped line. A word broken at a hyphen, the next line
    going on in lower case, is joined: without the hyphen, unless ``flat`` (the document, lower
    case) writes the word with it ("long-term")."""
    if HYPHEN_BREAK.search(text) and following[:1].islower():
        compound = f"{text.split()[-1]}{following.split()[0]}".lower().rstrip(string.punctuation)
        return text + following if compound in flat else text[:-1] + following
    return f"{text} {following}"


def raw_line_roles(units: list[Unit], roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each raw line's role and rule from its logical line's: a joined paragraph's lines all get
    its role, and the rule says which lines were joined."""
    out = []
    for unit, (role, reason) in zip(units, roles):
        if unit.n_raw > 1:
            reason = f"{reason}; wrapped_lines_{unit.first + 1}-{unit.first + unit.n_raw}"
        out.extend([(role, reason)] * unit.n_raw)
    return out


def classify_lines(raw_lines: list[str]) -> list[tuple[str, str]]:
    """Role and deciding rule for every raw line of one document."""
    units = unwrap_lines([normalise_line(x) for x in raw_lines])
    return raw_line_roles(units, line_roles([unit.text for unit in units]))


def line_roles(lines: list[str]) -> list[tuple[str, str]]:
    """Role and deciding rule for every line of one document, each line already normalised
    (:func:`normalise_line`)."""
    n = len(lines)
    decided: list[tuple[str, str] | None] = [None] * n

    for i, line in enumerate(lines):
        if not line:
            decided[i] = ("blank", "blank_line")

    cues = first_cues(lines, [not decided[i] and _n_words(line) <= MAX_CUE_WORDS for i, line in enumerate(lines)])
    cue_kind = [cue.kind if cue else None for cue in cues]
    for i, cue in enumerate(cues):
        if cue and _cue_decides(cue.kind, lines[i]):
            decided[i] = (cue.role, f"cue:{cue.kind}")
    first_title = next((i for i in range(n) if not decided[i] and _n_words(lines[i]) >= 3), n)
    for i in range(first_title):  # "Name in Place" bylines follow a headline: above one, it is a title ("NATO Talks End in Stalemate")
        if cue_kind[i] == "byline_in_place":
            decided[i] = None

    for i, line in enumerate(lines):
        if not decided[i] and is_menu_line(line):
            decided[i] = ("boilerplate", "menu_line")
    _mark_metadata_blocks(lines, decided)
    _mark_duplicates(lines, decided)

    prose = [i for i in range(n) if not decided[i] and is_sentence_like(DATE_PREFIX.sub("", lines[i]), 8)]
    if len(prose) > 1 and any(decided[k] and decided[k][0] == "byline" for k in range(prose[0] + 1, prose[1])):
        prose = prose[1:]  # a dek written as a sentence, above the byline, is still the header
    first_body = prose[0] if prose else n
    last_body = max([i for i in range(first_body, n) if not decided[i] and is_sentence_like(lines[i], 5)], default=-1)

    _mark_tail_sections(lines, decided, cue_kind, first_body)
    _mark_header(lines, decided, first_body)
    _mark_body(lines, decided, first_body, last_body)
    return [d or ("boilerplate", "unclassified") for d in decided]


def _cue_decides(kind: str, line: str) -> bool:
    """Cues for short credit lines decide only when the line is short; a date stamp only when
    nothing but the date follows it (a headline after "date 2022-01-12" stays a headline)."""
    if kind == "dateline":
        return _n_words(DATE_PREFIX.sub("", line)) < 3 if DATE_PREFIX.match(line) else _n_words(line) <= 10
    if kind in ("byline", "byline_in_place", "attribution", "caption"):
        return _n_words(line) <= 40
    return True


def _mark_metadata_blocks(lines, decided):
    """Runs of 3+ short list items (a forum user's profile, a fact box of labels) and the short
    lines just above them (user name, rank) are page furniture, not article text."""
    n, i = len(lines), 0
    while i < n:
        j = i
        while j < n and (LIST_ITEM.match(lines[j]) and _n_words(lines[j]) <= 4 or (j > i and not lines[j])):
            j += 1
        items = sum(1 for k in range(i, j) if lines[k])
        if items >= 3:
            for k in range(i, j):
                if not decided[k]:
                    decided[k] = ("boilerplate", "metadata_list")
            k = i - 1
            while k >= 0 and (not lines[k] or (_n_words(lines[k]) <= 5 and not ends_sentence(lines[k]))):
                if lines[k] and (not decided[k] or decided[k][1].startswith("cue:forum")):
                    decided[k] = ("boilerplate", "metadata_list_header")
                k -= 1
            i = j
        else:
            i += 1


def _mark_duplicates(lines, decided):
    """A paragraph repeated later in the same document (an article pasted twice) keeps its first copy."""
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if decided[i] or _n_words(line) < 6:
            continue
        key = _key(line)
        if key in seen:
            decided[i] = ("duplicate", f"repeats_line_{seen[key] + 1}")
        else:
            seen[key] = i


def _mark_tail_sections(lines, decided, cue_kind, first_body):
    """After the body has started, a comment-form marker ends the article, and a related-stories
    marker starts a list of teaser titles and summaries (lines without sentence-final punctuation)."""
    n = len(lines)
    for i in range(first_body + 1, n):
        if cue_kind[i] == "comments_marker":
            for k in range(i + 1, n):
                if not decided[k]:
                    decided[k] = ("boilerplate", "after_comment_form")
            return
        if cue_kind[i] == "related_marker":
            k = i + 1
            while k < n and (not lines[k] or decided[k] or not ends_sentence(lines[k])):
                if not decided[k]:
                    decided[k] = ("boilerplate", "related_links")
                k += 1


def _mark_header(lines, decided, first_body):
    """Before the first prose paragraph: a date stamp, the headline, a dek, captions, bylines."""
    captions = [i for i in range(first_body) if decided[i] and decided[i][0] == "caption"]
    headline_seen = False
    for i in range(first_body):
        if decided[i]:
            continue
        line = DATE_PREFIX.sub("", lines[i])
        if not line:
            decided[i] = ("dateline", "date_stamp")
            continue
        if any(_is_prefix_of(line, lines[c]) for c in captions):
            decided[i] = ("caption", "repeats_caption")
        elif _is_date_line(line):
            decided[i] = ("dateline", "date_line")
        elif not headline_seen and _n_words(line) >= 3:
            decided[i] = ("headline", "first_title_line" + ("_after_date_stamp" if line != lines[i] else ""))
            headline_seen = True
        elif headline_seen and _n_words(line) >= 8:
            decided[i] = ("dek", "title_line_after_headline")
        else:
            decided[i] = ("boilerplate", "header_fragment")


DATE_LINE_WORDS = re.compile(r"\b(published|posted|updated?|issued|modified|last|on|at|by|admin|date|gmt|utc|bst|cet|msk|ist|edt|est|am|pm|a\.m|p\.m)\b|\d", re.I)


PUBLICATION_CUE = re.compile(r"\b(published|updated|posted|issued|last modified)\b\s*(on|at)?\s*:?", re.I)


def _is_date_line(line: str) -> bool:
    """A short header line that is a date stamp ("Published On 12 Jan 2022", "Wed 12 Jan 2022 18.46 GMT")."""
    found = dates.find_dates(line)
    if not found or _n_words(line) > 20:
        return False
    if PUBLICATION_CUE.search(line):
        return True
    if _n_words(line) > 10:
        return False
    rest = line
    for mention in found:
        rest = rest.replace(mention.surface, " ")
    lettered = _lettered_words(DATE_LINE_WORDS.sub(" ", rest))
    return (len(lettered) <= 2  # "Roman Petrenko — Wednesday, 12 January 2022, 17:35"
            or len(lettered) <= 5 and all(word.isupper() for word in lettered))  # a running head: "THE DAILY TIMES ... 3"


def _is_prefix_of(line: str, other: str) -> bool:
    a, b = _key(line), _key(other)
    return len(a) >= 20 and a != b and b.startswith(a)


def _mark_body(lines, decided, first_body, last_body):
    """Between the first and last prose paragraph: prose is body; lone short labels and runs of
    link-like lines are furniture; date lines are date stamps. After the last prose paragraph
    nothing non-prose is body; a date line just after it is its date stamp."""
    n = len(lines)
    for i in range(first_body, n):
        if decided[i]:
            continue
        line = lines[i]
        if i > last_body:
            closing = sum(1 for k in range(last_body + 1, i) if lines[k]) < 3  # a date stamp just after the text
            decided[i] = ("dateline", "date_line_after_text") if closing and _is_date_line(line) else ("boilerplate", "after_last_paragraph")
        elif is_sentence_like(line, 4) or _n_words(line) >= 25:
            decided[i] = ("body", "prose_paragraph")
        elif _is_date_line(line):  # a date stamp placed below a dek that reads as prose, or a live blog's entry time
            decided[i] = ("dateline", "date_line_in_text")
        elif _n_words(line) <= 3:
            decided[i] = ("boilerplate", "short_fragment")
        elif _in_link_run(lines, decided, i):
            decided[i] = ("boilerplate", "link_list_run")
        else:
            decided[i] = ("body", "subheading")


def _in_link_run(lines, decided, i) -> bool:
    """Two or more neighbouring title-like lines (no final punctuation) read as a link list."""
    def title_like(k):
        return 0 <= k < len(lines) and lines[k] and not ends_sentence(lines[k]) and not (decided[k] and decided[k][0] in ("body", "blank"))
    def neighbour(k, step):
        k += step
        while 0 <= k < len(lines) and not lines[k]:
            k += step
        return k
    return title_like(neighbour(i, -1)) or title_like(neighbour(i, 1))


# ----------------------------------------------------------------------------- provenance cues

PROVENANCE_PATTERNS = (
    ("byline", re.compile(r"^(?:by|written by|reported by)\s+(?P<name>[A-Z][\w.&' -]{1,50}?)\s*$", re.I)),
    ("dateline agency", re.compile(r"^[A-Z][\w .'\[\]-]{1,50}?(?:,\s*" + _MONTH_DAY + r")?\s*\((?P<name>[A-Z][A-Za-z&.]{1,12}(?: [A-Z][A-Za-z&.]+)?)\)\s*(?::|[-–—]{1,2})")),
    ("slash agency dateline", re.compile(r"^[A-Z][\w .'-]{1,40}?,\s+" + _MONTH_DAY + r"\.\s*/(?P<name>[A-Z][A-Za-z-]{1,12})/")),
    ("agency after dateline", re.compile(r"^[A-Z][\w .'-]{1,40}?,\s+" + _DAY_MONTH + r"\s*[-–—]\s*(?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\.\s")),
    ("agency dateline", re.compile(r"^(?P<name>[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?),\s+" + _MONTH_DAY + r"\.\s+(?=[A-Z])")),
    ("news agency reported", re.compile(r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)?) news agency (?:reported|said|quoted|stated)")),
    ("citing an agency", re.compile(r"\bciting\b[^.;]{0,60}?\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:News )?Agency)\b")),
    ("agency stated", re.compile(r"\b(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:News )?Agency) (?:stated|reported|said|quoted|wrote)\b")),
    ("according to an agency", re.compile(r"\baccording to (?:the )?(?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2} (?:news )?agency)\b", re.I)),
    ("source line", re.compile(r"^(?:source|sources|via|courtesy|with inputs? from)\s*[:\-–—]?\s*(?P<name>[^:]{1,60}?)\s*\.?$", re.I)),
)
SITE_NAME = re.compile(r"\b(?P<name>[A-Za-z][\w-]{2,40}\.(?:com|org|net|in|ru|co\.uk|co|news|info|tv|eu|pk))\b")
RIGHTS_OWNER = re.compile(r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?(?:[Cc]opyright\s+)?"
                          r"(?P<name>[A-Z][\w&'.]*(?: [A-Z0-9][\w&'.]*){0,3})\s*(?:[-–—|.,]\s*)?[Aa]ll [Rr]ights [Rr]eserved")
WRITES_FOR = re.compile(r"\b(?:has written|writes|wrote) for (?P<name>[A-Z0-9][\w&' -]{1,40}?)[.,;]")


CREDITED_ROLES = (*ANALYSED_ROLES, "byline", "attribution", "dateline")


@lru_cache(maxsize=1)
def _provenance_patterns() -> tuple[tuple[str, re.Pattern, Prefilter], ...]:
    """``PROVENANCE_PATTERNS`` with the prefilter that lets most documents skip most of them."""
    return tuple((kind, pattern, prefilter(pattern)) for kind, pattern in PROVENANCE_PATTERNS)


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[tuple[re.Pattern, str, Prefilter], ...]:
    """Site names, author boxes and rights notices ("© 2022 Example News. All rights reserved") in
    page furniture, each with its prefilter."""
    return tuple((pattern, kind, prefilter(pattern))
                 for pattern, kind in ((SITE_NAME, "site name in page furniture"), (WRITES_FOR, "author box"),
                                       (RIGHTS_OWNER, "rights notice")))


def provenance_cues(lines: list[str], roles: list[tuple[str, str]]) -> dict[str, list[tuple[str, str, int]]]:
    """Text evidence of where an article comes from: (name, evidence, line_no) per kind, from
    the document's lines normalised (:func:`normalise_line`) and their roles.

    ``upstream`` cues name the agency or paper the text comes from or cites (bylines, agency
    datelines, "X news agency reported", "citing ... Agency", "Source: X"). ``outlet`` cues name
    the site the text was taken from (a site name in its own furniture, an author box, a rights
    notice)."""
    found: dict[str, list[tuple[str, str, int]]] = {"upstream": [], "outlet": [], "reporters": []}
    credited = "\n".join(line for line, (role, _) in zip(lines, roles) if role in CREDITED_ROLES)
    patterns = [(kind, pattern) for kind, pattern, gate in _provenance_patterns() if gate.may_match_a_line_of(credited)]
    for line_no, (line, (role, _)) in enumerate(zip(lines, roles), start=1):
        if role in ("blank", "duplicate") or not line:
            continue
        if role in CREDITED_ROLES:
            for kind, pattern in patterns:
                for m in pattern.finditer(line):
                    name = m["name"].strip().rstrip(".")
                    if kind == "agency dateline" and name.split()[0].lower() in dates.MONTHS:
                        continue
                    if name and _n_words(name) <= 5:
                        is_person = kind == "byline" and looks_like_person(name)
                        found["reporters" if is_person else "upstream"].append((name, f"{kind}: {m[0].strip()}", line_no))
        if role in ("boilerplate", "caption"):  # a footer's rights notice is read as a credit line
            for pattern, kind, gate in _outlet_patterns():
                if not gate.may_match(line):
                    continue
                for m in pattern.finditer(line):
                    name = m["name"].strip().rstrip(".")
                    if pattern is RIGHTS_OWNER and _is_agency(name):
                        continue  # a wire story's own notice, reprinted with it: not the site's
                    context = line[max(0, m.start() - 40): m.end() + 40]
                    found["outlet"].append((name, f"{kind}: …{context}…", line_no))
    return found


def _is_agency(name: str) -> bool:
    """Whether ``name`` is a news agency of ``data/agencies.csv`` (by name or alias)."""
    from .quotes import agency_names, alias_key

    return agency_names().rows.get(alias_key(name), {}).get("kind") == "agency"


ORGANISATION_WORDS = re.compile(r"\b(news|agency|press|times|post|tv|radio|staff|desk|bureau|service|media|network|online|daily|journal|herald|tribune|reporter|correspondents?|wire)\b", re.I)


def looks_like_person(name: str) -> bool:
    """A byline naming people ("Robin Emmott and Sabine Siebold", "LORNE COOK"), not an organisation."""
    tokens = name.replace(" and ", " ").split()
    return len(tokens) >= 2 and not ORGANISATION_WORDS.search(name) and all(t[:1].isupper() for t in tokens)


def _unique_names(cues: list[tuple[str, str, int]]) -> list[str]:
    seen: dict[str, str] = {}
    for name, _, _ in cues:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


# ----------------------------------------------------------------------------- language

ENGLISH_SHARE = 0.15
"""Share of a text's words that are English stop words (:func:`~newsframes.text.stopwords`) from
which it is taken as English without the language model: English news runs at 0.3-0.45,
German, French, Turkish or Russian text under 0.05."""
MIN_LANGUAGE_WORDS = 20  # shorter texts are not judged: too few words for either test


@lru_cache(maxsize=1)
def _language_model():
    """py3langid's model (langid.py, Lui & Baldwin 2012), loaded once per process (about 1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def other_language(text: str, tokens: list[str]) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of a text that is not in English, else None. Texts rich
    in English stop words (:data:`ENGLISH_SHARE`) are English at once; py3langid judges the rest."""
    lettered = [token.lower() for token in tokens if not token[:1].isdigit()]
    if len(lettered) < MIN_LANGUAGE_WORDS:
        return None
    stop = stopwords()
    if sum(1 for token in lettered if token in stop) >= ENGLISH_SHARE * len(lettered):
        return None
    language, probability = _language_model().classify(text)
    return None if language == "en" else (language, float(probability))


# ----------------------------------------------------------------------------- one document

LATER_DATE_LINES = {"date_line_in_text": "date line in the text", "date_line_after_text": "date line after the text"}
"""Date lines below the header (by the rule that found them), used for the date after the
header's and the lede's: the first in the text wins."""

@dataclass
class DocumentResult:
    """Everything ingestion learns from one file on its own."""

    row: dict
    lines: list[tuple]
    text: str = ""
    sentences: list[tuple] = field(default_factory=list)
    date_mentions: list = field(default_factory=list)
    context_years: list = field(default_factory=list)
    lead_weekdays: set = field(default_factory=set)
    content_key: str = ""


def process_document(path: Path, doc_id: str, max_bytes: int) -> DocumentResult:
    """Read, audit and clean one file. Independent of every other file."""
    try:
        raw = read_file(path, max_bytes)
    except OSError as err:
        raw = RawFile(None, "", "unreadable", f"cannot be read ({err.strerror or err}); check its permissions")
    row = {c: "" for c in DOCUMENT_COLUMNS}
    row.update(doc_id=doc_id, file=path.name, sha256=raw.sha256, status=raw.status, problem=raw.problem,
               encoding=raw.encoding, n_lines=0, n_removed_lines=0, n_sentences=0, n_tokens=0)
    if raw.text is None:
        return DocumentResult(row, [])
    raw_lines = raw.text.splitlines()
    if raw.status in USABLE_STATUSES:
        units = unwrap_lines([normalise_line(line) for line in raw_lines])
        lines = [unit.text for unit in units]
        roles = line_roles(lines)
        if raw.page and raw.page.article:
            roles = webpage.article_roles(lines, roles, raw.page.article, raw.page.text.h1)
        raw_roles = raw_line_roles(units, roles)
    else:
        units, lines, roles = [], [], []
        raw_roles = [("blank", "blank_line") if not l.strip() else ("boilerplate", f"file_{raw.status}") for l in raw_lines]
    audit = [(doc_id, i, role, reason, line) for i, (line, (role, reason)) in enumerate(zip(raw_lines, raw_roles), start=1)]
    row["n_lines"] = len(raw_lines)
    row["n_removed_lines"] = sum(1 for _, _, role, _, _ in audit if role not in ANALYSED_ROLES and role != "blank")
    result = DocumentResult(row, audit)
    if raw.status not in USABLE_STATUSES:
        return result
    n_articles = sum(1 for _, reason in roles if reason == "cue:export_marker")
    if n_articles > 1:
        row.update(status="multiple_articles", problem=(
            f"file holds {n_articles} articles of a database export (each ends with 'End of Document' or a Factiva "
            "'Document ...' line), so it is not analysed: split it into one file per article"))
        return result

    paragraphs, datelines, header_dates, later_dates = [], [], [], []
    for unit, clean, (role, reason) in zip(units, lines, roles):
        line_no = unit.first + 1
        if reason in LATER_DATE_LINES:
            later_dates.extend((m, LATER_DATE_LINES[reason]) for m in dates.find_dates(clean))
        elif role in ("dateline", "byline", "caption") or (role == "headline" and DATE_PREFIX.match(clean)):
            header_dates.extend(dates.find_dates(clean))
        if role not in ANALYSED_ROLES:
            continue
        clean = DATE_PREFIX.sub("", clean)
        if role == "body" and not any(r == "body" for r, _, _ in paragraphs):
            dateline, clean = split_dateline(clean)
            if dateline:
                datelines.append((dateline, clean))
        paragraphs.append((role, clean, line_no))
    text, sentences = join_paragraphs(doc_id, paragraphs)
    headline = next((p for r, p, _ in paragraphs if r == "headline"), "")
    tokens = words(text)
    row.update(headline=headline, n_sentences=len(sentences), n_tokens=len(tokens))
    language = other_language(text, tokens)
    if language:
        row.update(status="not_english", problem=(
            f"text is not in English (py3langid: '{language[0]}', p={language[1]:.2f}); the lexicons, sentiment "
            "and sentence rules read English only, so it is not analysed: add an English translation instead"))

    cues = {kind: [(name, evidence, units[n - 1].first + 1) for name, evidence, n in found]
            for kind, found in provenance_cues(lines, roles).items()}  # numbered by raw line
    if cues["upstream"]:
        row.update(upstream="; ".join(_unique_names(cues["upstream"])), upstream_source="text",
                   upstream_evidence=" | ".join(f"line {n}: {e}" for _, e, n in cues["upstream"]))
    site, where = raw.page.text.site_name if raw.page else ("", "")
    if site:  # the page's own metadata names its site
        row.update(outlet=site, outlet_source="page metadata", outlet_evidence=f"{where}: {site}")
    elif cues["outlet"]:
        row.update(outlet=_unique_names(cues["outlet"])[0], outlet_source="text",
                   outlet_evidence=" | ".join(f"line {n}: {e}" for _, e, n in cues["outlet"]))

    mentions = webpage.date_mentions(raw.page) if raw.page else []
    mentions += [(m, "dateline") for d, _ in datelines for m in dates.find_dates(d)]
    mentions += [(m, "header date") for m in header_dates]
    first_body = next((p for r, p, _ in paragraphs if r == "body"), "")
    lead = datelines[0][1] if datelines else first_body  # the lede, not the headline
    mentions += [(m, "dated event in the lede") for m in dates.find_dates(first_body) if m.weekday is not None or m.year]
    mentions += later_dates
    result.text, result.sentences = text, sentences
    result.date_mentions = mentions
    result.context_years = dates.years_mentioned(text)
    result.lead_weekdays = dates.weekday_names_in(lead.split(". ")[0] if lead else "")
    result.content_key = hashlib.sha256(_key(text).encode()).hexdigest()
    return result


def choose_published(result: DocumentResult, corpus_years: list[int]) -> tuple[str, str, str]:
    """(ISO date, how it was found, evidence) for one document, or ("", note, "")."""
    if not result.date_mentions:
        return "", "no date found in the text" if result.row["status"] in USABLE_STATUSES else "", ""
    ranking = {webpage.PAGE_METADATA: -1, "header date": 0, "dateline": 1, "dated event in the lede": 2,
               **{kind: 3 for kind in LATER_DATE_LINES.values()}, webpage.HTMLDATE: 4}

    def rank(found):  # (mention, how it was found); "page metadata: <meta ...>" ranks by its first part
        return ranking[found[1].partition(": ")[0]], found[0].year is None

    mention, where = sorted(result.date_mentions, key=rank)[0]
    mention, order = _reading_of(mention, result)
    where = f"{where}; {order}" if order else where
    year, how = _year_for(mention, result)
    if year is None and corpus_years:
        year, corpus_how = dates.infer_year(mention, corpus_years, span=1)
        if year is not None:
            how = f"{how}; year from the other dated articles in this corpus ({corpus_how})"
    if year is None or mention.resolve(year) is None:
        return "", f"{where} '{mention.surface}' found but the year is unknown ({how})", mention.surface
    note = where if mention.year else f"{where}; {how}"
    return mention.resolve(year).isoformat(), note, mention.surface


def _reading_of(mention, result: DocumentResult) -> tuple[dates.DateMention, str]:
    """An ambiguous numeric date (01/12/2022) in the order the same document supports: another
    date of the text written with the month in words, a slash date whose first number is over
    12, or the weekday named in the lead; else month first (US style), and the note says so."""
    if not mention.ambiguous:
        return mention, ""
    readings = {"month first": mention, "day first": mention.swapped()}
    for other in (m for m, _ in result.date_mentions if not m.ambiguous):
        for name, reading in readings.items():
            if (other.month, other.day) == (reading.month, reading.day) and other.surface != mention.surface:
                return reading, f"'{mention.surface}' read {name}, as the text's '{other.surface}'"
        first, second = (int(n) for n in other.surface.split("/")[:2]) if "/" in other.surface else (0, 0)
        if max(first, second) > 12:  # "13/01/2022" is day first, "01/13/2022" month first
            name = "day first" if first > 12 else "month first"
            return readings[name], f"'{mention.surface}' read {name}, as the text's '{other.surface}'"
    fits = [name for name, reading in readings.items() if reading.resolve(reading.year).weekday() in result.lead_weekdays]
    if len(fits) == 1:
        return readings[fits[0]], f"'{mention.surface}' read {fits[0]}: its weekday is the one named in the lead"
    return mention, f"'{mention.surface}' read month first (US style); it may be day first"


def _year_for(mention, result: DocumentResult) -> tuple[int | None, str]:
    """Year of a dateline date: written, fixed by its weekday, or by a weekday named in the lead."""
    if mention.year is None and mention.weekday is None and result.lead_weekdays and result.context_years:
        candidates = sorted({y + d for y in result.context_years for d in (-1, 0, 1)})
        fits = [y for y in candidates if (day := mention.resolve(y)) and day.weekday() in result.lead_weekdays]
        if len(fits) == 1:
            return fits[0], f"weekday named in the lead sentence fits only {fits[0]} among {candidates[0]}-{candidates[-1]}"
    return dates.infer_year(mention, result.context_years)


# ----------------------------------------------------------------------------- the provenance sheet

SOURCES_FILE = "sources.csv"
SHEET_FIELDS = ("outlet", "upstream", "camp", "published")
# Facts about each document's design that only the analyst can supply (never guessed from the
# text): the allowed values of each, or None for free text; a missing value is "unknown".
DESIGN_FIELDS = {"country": None, "owner_type": ("state", "private", "public broadcaster"),
                 "translation": ("yes", "no")}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How a publication date was found (published_source's first part) when the date is not the
# document's own but one its text reports (a dated event in the lede).
REPORTED_EVENT_SOURCES = ("dated event in the lede",)
PUBLICATION_DATE, REPORTED_EVENT_DATE = "publication date", "date of a reported event"


def published_kind(published: str, source: str) -> str:
    """Whether a document's date is its publication date (a dateline, byline, header, page
    metadata, a date line or the sheet) or a date its body text reports ("" without a date)."""
    if not published:
        return ""
    return REPORTED_EVENT_DATE if source.startswith(REPORTED_EVENT_SOURCES) else PUBLICATION_DATE


def design_entry(row: dict, where: str) -> tuple[dict, list[str]]:
    """The sheet's optional design columns of one row (``DESIGN_FIELDS`` and ``key_date``),
    normalised, with one message per value that is not allowed (it becomes unknown or empty)."""
    found, messages = {}, []
    for key, allowed in DESIGN_FIELDS.items():
        value = (row.get(key) or "").strip()
        value = value.lower() if allowed else value
        if value and value.lower() != "unknown" and allowed and value not in allowed:
            messages.append(f"{where}: {key} '{value}' is not one of {', '.join(allowed)}, "
                            "unknown; read as unknown")
            value = ""
        found[key] = value if value and value.lower() != "unknown" else "unknown"
    key_date = (row.get("key_date") or "").strip()
    if key_date and not ISO_DATE.match(key_date):
        messages.append(f"{where}: key_date '{key_date}' is not a date like 2022-01-12; ignored")
        key_date = ""
    return {**found, "key_date": key_date}, messages


def read_sources_sheet(folder: Path, names: set[str]) -> tuple[dict[str, dict], list[str]]:
    """The analyst's ``sources.csv`` (file, outlet, upstream, camp, evidence[, published,
    country, owner_type, translation, key_date]: see :func:`design_entry`).

    Rows that cannot be used are reported, one line each, and skipped; a sheet that cannot be
    parsed is ignored as a whole with a message. Returns rows by file name and messages.
    """
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}, []
    try:
        text = path.read_text("utf-8-sig")
        reader = csv.DictReader(text.splitlines(), strict=True)
        rows = list(reader)
        header = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as err:
        return {}, [f"{path}: cannot be read as UTF-8 CSV ({err}); fix it or delete it (metadata will come from the texts)"]
    if "file" not in header:
        return {}, [f"{path}: has no 'file' column (found: {', '.join(header) or 'nothing'}); the header must be file,outlet,upstream,camp,evidence"]
    sheet, messages = {}, []
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            messages.append(f"{path}: row {n} has the wrong number of fields; quote values that contain commas")
            continue
        name = (row.get("file") or "").strip()
        if not name:
            messages.append(f"{path}: row {n} has no file name; fill it in or delete the row")
        elif Path(name).is_absolute() or ".." in Path(name).parts or "/" in name or "\\" in name:
            messages.append(f"{path}: row {n} names '{name}', which is outside the folder; give a file name inside it")
        elif name not in names:
            messages.append(f"{path}: row {n} names '{name}', which is not in the folder; fix the name or delete the row")
        else:
            sheet[name] = {k: (row.get(k) or "").strip() for k in (*SHEET_FIELDS, "evidence")}
            design, problems = design_entry(row, f"{path}: row {n}")
            sheet[name].update(design)
            messages.extend(problems)
    return sheet, messages


def apply_sheet(row: dict, entry: dict | None) -> dict:
    """Fill outlet, upstream, camp and published from the sheet where it gives them; record the
    source. The design facts (country, owner type, translation) come from the sheet only, else
    unknown; ``published_kind`` says whether the date is a publication date."""
    for key in ("outlet", "upstream"):
        if entry and entry.get(key) and entry[key].lower() != "unknown":
            text_value = row[key]
            row[key], row[f"{key}_source"] = entry[key], "sources.csv"
            row[f"{key}_evidence"] = " | ".join(x for x in (entry.get("evidence", ""), f"text: {text_value}" if text_value else "") if x)
        elif not row[key]:
            row[key], row[f"{key}_source"] = "unknown", row[f"{key}_source"] or "not stated"
    camp = (entry or {}).get("camp", "")
    row["camp"], row["camp_source"] = (camp, "sources.csv") if camp else ("unknown", "not stated")
    if entry and entry.get("published"):
        row["published"], row["published_source"] = entry["published"], "sources.csv"
    row.update({key: (entry or {}).get(key) or "unknown" for key in DESIGN_FIELDS},
               key_date=(entry or {}).get("key_date", ""),
               published_kind=published_kind(row["published"], row["published_source"]))
    return row


# ----------------------------------------------------------------------------- the corpus

def discover(folder: Path) -> tuple[list[Path], list[str]]:
    """Article files in a folder (sorted), and messages about files that are not articles."""
    paths, messages = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name == SOURCES_FILE:
            continue
        if path.is_dir():
            messages.append(f"{path}: is a folder; sub-folders are not read, move its articles up or run on it separately")
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            paths.append(path)
        else:
            messages.append(f"{path}: not an article file ({path.suffix}); save articles as .txt to include it")
    return paths, messages


def doc_ids_for(paths: list[Path]) -> list[str]:
    """File stems as document ids; the full name where two files share a stem."""
    stems = Counter(p.stem for p in paths)
    return [p.stem if stems[p.stem] == 1 else p.name for p in paths]


def article_jobs(folder: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, doc_id) of every article file in ``folder`` in doc_id order -- the order of every
    table, whether files are read in one process or in partitions -- and messages about the
    files that are not articles."""
    paths, messages = discover(folder)
    return sorted(zip(paths, doc_ids_for(paths)), key=lambda job: job[1]), messages


def ingest_files(jobs: list[tuple[Path, str]], max_bytes: int) -> list[DocumentResult]:
    """:func:`process_document` for each (path, doc_id) job: one partition's per-file work."""
    return [process_document(path, doc_id, max_bytes) for path, doc_id in jobs]


def summary(result: DocumentResult) -> DocumentResult:
    """A result without its lines, text and sentences: all that :func:`settle_documents`
    reads, small enough to send from a worker to the driver."""
    return replace(result, lines=[], text="", sentences=[])


def settle_documents(folder: Path, results: list[DocumentResult], messages: list[str]) -> tuple[list[dict], list[str]]:
    """Decisions that need the whole corpus, from per-file results (or their :func:`summary`):
    duplicate files, publication years from the other dated articles, and the analyst's
    sources sheet. Returns each file's final document row, in ``results`` order, and the
    messages (``messages`` first)."""
    sheet, sheet_messages = read_sources_sheet(folder, {r.row["file"] for r in results})
    messages = [*messages, *sheet_messages]
    kept_file = duplicate_files(results)
    explicit_years = sorted({m.year for r in results for m, where in r.date_mentions if m.year and where != "dated event in the lede"})
    rows = []
    for result in results:
        row = dict(result.row)
        if row["doc_id"] in kept_file:
            row["status"] = "duplicate"
            row["problem"] = f"same article text as {kept_file[row['doc_id']]}; kept that file, remove this one"
        if row["status"] in USABLE_STATUSES:
            published, how, evidence = choose_published(result, explicit_years)
            row.update(published=published, published_source=how, published_evidence=evidence)
        row = apply_sheet(row, sheet.get(row["file"]))
        if row["status"] in USABLE_STATUSES and not row["published"]:
            messages.append(f"{folder / row['file']}: no publication date found ({row['published_source']}); add a 'published' column to sources.csv to set it")
        if row["problem"]:
            messages.append(f"{folder / row['file']}: {row['problem']}")
        rows.append(row)
    if not results:
        messages.append(f"{folder}: no article files found; put one .txt file per article in it")
    return rows, messages


def duplicate_files(results: list[DocumentResult]) -> dict[str, str]:
    """The same article under two names: doc_id of each later copy -> the first file's name
    (the one kept)."""
    first: dict[str, str] = {}
    later: dict[str, str] = {}
    for result in results:
        row = result.row
        if row["status"] not in USABLE_STATUSES or not result.content_key:
            continue
        if result.content_key in first:
            later[row["doc_id"]] = first[result.content_key]
        else:
            first[result.content_key] = row["file"]
    return later


def duplicate_file_lines(lines: list[tuple]) -> list[tuple]:
    """A duplicate file's line audit: every non-blank line marked as part of a duplicate file."""
    return [(d, n, "blank" if role == "blank" else "duplicate", "duplicate_file" if role != "blank" else reason, t)
            for d, n, role, reason, t in lines]


def assemble(results: list[DocumentResult], rows: list[dict]) -> Corpus:
    """The corpus from per-file results and their settled document rows: every file's line
    audit, and the text and sentences of the usable documents."""
    line_rows, sentence_rows, texts = [], [], {}
    for result, row in zip(results, rows):
        line_rows.extend(duplicate_file_lines(result.lines) if row["status"] == "duplicate" else result.lines)
        if row["status"] in USABLE_STATUSES:
            sentence_rows.extend(result.sentences)
            texts[row["doc_id"]] = result.text
    return Corpus(documents=pd.DataFrame(rows, columns=DOCUMENT_COLUMNS), sentences=pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS),
                  texts=texts, lines=pd.DataFrame(line_rows, columns=LINE_COLUMNS))


def build_corpus(folder, max_mb: float = DEFAULT_MAX_MB) -> tuple[Corpus, list[str]]:
    """Ingest every article file in ``folder`` in this process. Returns the corpus and one
    message per problem. (:mod:`newsframes.pipeline` runs the same steps in partitions.)"""
    folder = Path(folder)
    jobs, messages = article_jobs(folder)
    results = ingest_files(jobs, int(max_mb * 1e6))
    rows, messages = settle_documents(folder, results, messages)
    return assemble(results, rows), messages
