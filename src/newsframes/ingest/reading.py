"""Reading one article file: size limit, binary check, encodings (UTF-8, UTF-16, guessed)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Status
from . import webpage
from .markup import looks_html, markdown_to_text

ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md", ".markdown", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}  # web clippers and reader modes save Markdown
DEFAULT_MAX_MB = 10.0
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
        return RawFile(
            None,
            digest,
            Status.TOO_LARGE,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
            "split it into one file per article or raise --max-mb",
        )
    with path.open("rb") as handle:  # at most the limit: a size of 0 may hide more (/proc)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return RawFile(
            None,
            _sha256_file(path),
            Status.TOO_LARGE,
            f"file is over the {max_bytes / 1e6:.0f} MB limit; "
            "split it into one file per article or raise --max-mb",
        )
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return RawFile(
            "" if not data else data.decode("utf-8", "replace"),
            digest,
            Status.EMPTY,
            "file is empty; remove it or paste the article text into it",
        )
    utf16 = _utf16_text(data)
    if utf16 is None and _looks_binary(data):
        return RawFile(
            None,
            digest,
            Status.BINARY,
            "file is binary, not text; export the article as a UTF-8 .txt file",
        )
    try:
        if utf16:  # ASCII in UTF-16 is also valid UTF-8, with a zero byte after each letter
            raise UnicodeDecodeError("utf-8", data, 0, 1, "UTF-16 text")
        text, encoding, status, problem = data.decode("utf-8-sig"), "utf-8", Status.OK, ""
    except UnicodeDecodeError:
        text, encoding = utf16 or _decode_guess(data)
        if text is None:
            return RawFile(
                None,
                digest,
                Status.UNREADABLE,
                "encoding could not be detected; re-save the file as UTF-8",
            )
        status, problem = (
            Status.CONVERTED,
            f"not UTF-8; decoded as {encoding}; re-save as UTF-8 to be sure",
        )
    markup, note, page = "", "text taken from its markup, check the audit", None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text, markup = markdown_to_text(text), "Markdown file"
    elif looks_html(text):
        page = webpage.read_page(text)
        text, markup, note = page.text.text, HTML_PAGE, webpage.reading_note(page)
    if markup:
        status = Status.CONVERTED
        problem = "; ".join(p for p in (problem, f"{markup}; {note}") if p)
    return RawFile(text, digest, status, problem, encoding, page)


HTML_PAGE = "HTML page"
ROUTINE_PAGE_NOTE = f"{HTML_PAGE}; {webpage.ARTICLE_READ}"
"""``documents.problem`` of a UTF-8 page read as pages are meant to be: no problem to act on,
so the run says it once for all such pages, not once per file."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    """Whether over 5% of the first 8 KB are control bytes (zero bytes among them: a stray one
    in a text does not make it binary; UTF-16 is recognised before this test)."""
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > 0.05 * len(sample)


UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _utf16_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a UTF-16 file (with a byte-order mark, or without one when the
    zero bytes of mostly-ASCII text fall on one side of each byte pair), else None."""
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom) :], encoding)
    sample = data[: 8192 - 8192 % 2] if len(data) >= 2 else b""
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
