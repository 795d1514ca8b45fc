"""The shape of one line: its normal form, words, sentence end, menu bars, datelines."""

from __future__ import annotations

import html
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from . import dates
from .quote_marks import curly_double_quotes


class Role(StrEnum):
    """The role of a line in ``lines.csv`` (the audit): what it is in the article."""

    HEADLINE = "headline"
    DEK = "dek"
    DATELINE = "dateline"
    BYLINE = "byline"
    CAPTION = "caption"
    BODY = "body"
    ATTRIBUTION = "attribution"
    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"
    BLANK = "blank"


ROLES = tuple(Role)
ANALYSED_ROLES = (Role.HEADLINE, Role.DEK, Role.BODY)
LINE_COLUMNS = ["doc_id", "line_no", "role", "reason", "text"]

SENTENCE_MARKS, CLOSING_MARKS, CLOSING_QUOTES = ".!?…:;", "\"'”’»)]", '"”»'
LIST_ITEM = re.compile(r"^\s*[-•*·]\s+\S")

MAX_CUE_WORDS = 80  # longer lines are prose paragraphs; widget and form cues describe shorter ones


INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE_JOINERS = dict.fromkeys(map(ord, INVISIBLE))
"""Characters a reader does not see that would split a word: the soft hyphen ("news\u00adpaper",
in 3 of the 924 PolNeAR files), zero-width space, non-joiner and joiner, word joiner and
byte-order mark. Deleted: "newspaper" is one word, "Doug \u00adAndres" a name."""
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
"""Control characters that are not whitespace (a stray zero byte, a bell): no rule reads them,
and no table should carry them."""


CHARACTER_REFERENCE = re.compile(
    r"&(?:"
    r"#[0-9]{1,7}"  # a decimal reference: &#8217;
    r"|#[xX][0-9a-fA-F]{1,6}"  # a hexadecimal one: &#x201C;
    r"|[A-Za-z][A-Za-z0-9]{1,31}"  # a named one: &quot; &amp; &rsquo;
    r");"
)
"""An HTML character reference with its closing semicolon, as text exported from a web page's
source or a feed carries them (&quot;We will win,&quot; she said.). One without the semicolon
("AT&T", "&not") is left as written: in prose it is rarely a reference."""


def decoded_references(line: str) -> str:
    """``line`` with each :data:`CHARACTER_REFERENCE` written as its character (an unknown
    name stays as written)."""
    if "&" not in line:
        return line
    return CHARACTER_REFERENCE.sub(lambda m: html.unescape(m[0]), line)


MOJIBAKE_SIGNS = ("Ã", "Â", "â€")
"""What UTF-8 text read as Windows-1252 and saved again shows in English news: a letter with
an accent (é as Ã©), a no-break space or a pound sign (Â, Â£) or a quotation mark or dash (“
as â€œ). Only a line holding one is given to ftfy, which decides whether it is mojibake
(mojibake of other scripts, Greek or Cyrillic, shows other signs and is left as it is)."""


def without_mojibake(line: str) -> str:
    """``line`` with its mojibake undone by ftfy's ``fix_encoding`` (Speer 2019): "GuantÃ¡namo"
    becomes "Guantánamo", "â€œWe will,â€\x9d she said" “We will,” she said. ftfy changes
    nothing it does not judge to be mojibake; a line without a sign of it
    (:data:`MOJIBAKE_SIGNS`) is not looked at. The line is composed first (NFC): text whose
    letters were later decomposed writes the Ã of "PeÃ±a" as A and a combining tilde, which
    neither the signs nor ftfy recognise (48 lines of 24 PolNeAR articles)."""
    line = unicodedata.normalize("NFC", line)
    if not any(sign in line for sign in MOJIBAKE_SIGNS):
        return line
    import ftfy  # 65 ms to import: only for a text that shows a sign of mojibake

    return ftfy.fix_encoding(line)


def normalise_line(line: str) -> str:
    """Mojibake undone (:func:`without_mojibake`), HTML character references decoded
    (:func:`decoded_references`), NFKC, no invisible joiners (:data:`INVISIBLE_JOINERS`) or
    control characters, single spaces, double quotation marks written as two single marks made
    curly (:func:`curly_double_quotes`): the form rules look at. (``str.split`` and the regex
    class ``\\s`` know the same whitespace characters.) Only a line holding an invisible joiner
    goes through their table, which reads every character (two fifths of the time of
    normalising the PolNeAR lines went to lines holding none)."""
    line = decoded_references(without_mojibake(line))
    line = unicodedata.normalize("NFKC", line)
    if not line.isascii() and any(map(line.__contains__, INVISIBLE)):
        line = line.translate(INVISIBLE_JOINERS)
    if CONTROL_CHARACTERS.search(line):
        line = CONTROL_CHARACTERS.sub("", line)
    return curly_double_quotes(" ".join(line.split()))


NOT_KEY = re.compile(r"[^\w ]")
NOT_KEY_ASCII = {code: None for code in range(128) if NOT_KEY.match(chr(code))}


def line_key(line: str) -> str:
    """A line's letters, digits, underscores and spaces, case-folded (what a repeated line or
    article keeps however it is punctuated); an ASCII line through a deletion table, which
    gives the same key faster than the regex."""
    folded = line.casefold()
    if folded.isascii():
        return folded.translate(NOT_KEY_ASCII).strip()
    return NOT_KEY.sub("", folded).strip()


@lru_cache(maxsize=4096)
def n_words(line: str) -> int:
    """Whitespace words: the rules only compare lengths, so the cheap count is enough. The
    rules ask it of the same lines again and again (135,739 times for 18,441 distinct lines of
    the 924 PolNeAR articles), so the last lines' counts are kept."""
    return len(line.split())


def lettered_words(line: str) -> list[str]:
    """Whitespace words with at least one letter (not dashes, bullets or separators)."""
    return [word for word in line.split() if any(c.isalpha() for c in word)]


MENU_MARKS = "|•·"
MENU_SEPARATOR = re.compile(rf"\s+[{MENU_MARKS}]\s+")


def is_menu_line(line: str) -> bool:
    """A site's navigation bar or language switch typed as one line: three or more items of
    at most three words between separators ("News | Politics | Economy", "EN | UA | RU"),
    with no date and no sentence punctuation at an item's end. A line with fewer than two
    separator marks is none (most lines: no split asked)."""
    if sum(map(line.count, MENU_MARKS)) < 2:
        return False
    items = MENU_SEPARATOR.split(line)
    return (
        len(items) >= 3
        and all(0 < n_words(item) <= 3 and not ends_sentence(item) for item in items)
        and not dates.find_dates(line)
    )


def ends_sentence(line: str) -> bool:
    """Sentence-final punctuation, possibly followed by closing quotes or brackets, or a closing
    quote, then only whitespace."""
    end = line.rstrip()
    core = end.rstrip(CLOSING_MARKS)
    return (core != "" and core[-1] in SENTENCE_MARKS) or (end != "" and end[-1] in CLOSING_QUOTES)


def is_sentence_like(line: str, min_words: int = 5) -> bool:
    """A line that reads as running prose: enough words and sentence-final punctuation."""
    return n_words(line) >= min_words and ends_sentence(line)


DATE_PREFIX = re.compile(
    r"^(?:date|published|updated|posted)\s*:?\s*((?:19|20)\d\d-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\s*",
    re.I,
)
# A dateline's date ("January 12", "12 Jan 2022"): written once, for the datelines split from the
# lede and for the agencies credited in them.
DATELINE_MONTH_DAY = dates.MONTH_NAME + r"\s+\d{1,2}"
DATELINE_DAY_MONTH = r"\d{1,2}\s+" + dates.MONTH_NAME + r"(?:\s+\d{4})?"
DATELINE_PREFIX = re.compile(
    r"^(?:"
    r"(?P<agency_first>[A-Z][A-Za-z]{1,12}(?: [A-Z][A-Za-z]{1,12})?),\s+(?P<ad_date>"
    + DATELINE_MONTH_DAY
    + r")\.\s+(?=[A-Z])"
    r"|(?P<dm_place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2}),\s+(?P<dm_date>"
    + DATELINE_DAY_MONTH
    + r")\s*[-–—]\s*(?P<dm_agency>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\.\s+(?=[A-Z])"
    r"|(?P<slash_place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2}),\s+(?P<slash_date>"
    + DATELINE_MONTH_DAY
    + r")\.\s*/(?P<slash_agency>[A-Z][A-Za-z-]{1,12})/\.?\s+(?=\S)"
    # place, then an optional bracketed sub-place ("Kyiv [Ukraine]")
    r"|(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3})"
    r"(?:\s*\[[A-Z][A-Za-z .'-]{1,30}\])?"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+)?)(?=\s*[(:,]|\s[-–—]))?"
    r"(?:[,.]\s*(?P<date>" + DATELINE_MONTH_DAY + r"(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z&. ]{1,20})\))?\s*(?::|\s?[-–—]{1,2})\s+(?=\S)"
    r")"
)


def split_dateline(line: str) -> tuple[str, str]:
    """Split a leading dateline ("Brussels, Jan 8 (IANS):", "TASS, December 26.",
    "MOSCOW, 12 Jan - RIA Novosti.") from a body line."""
    m = DATELINE_PREFIX.match(line)
    if not m:
        return "", line
    if m["region"] and m["region"].split()[0].rstrip(".").lower() in dates.MONTHS:
        return "", line
    if m["place"] and not (m["date"] or m["agency"]) and not line[: m.end()].rstrip().endswith(":"):
        return "", line  # "Word —" alone is too weak to call a dateline
    if m["place"] and len(m["place"].split()) > 3 and not (m["date"] or m["agency"]):
        return "", line
    return line[: m.end()].strip(), line[m.end() :]


DATE_LINE_WORDS = re.compile(
    r"\b(published|posted|updated?|issued|modified|last|on|at|by|admin|date|gmt|utc|bst|cet|msk|ist|edt|est|am|pm|a\.m|p\.m)\b|\d",
    re.I,
)


PUBLICATION_CUE = re.compile(
    r"\b(published|updated|posted|issued|last modified)\b\s*(on|at)?\s*:?", re.I
)


def is_date_line(line: str) -> bool:
    """A short header line that is a date stamp ("Published On 12 Jan 2022",
    "Wed 12 Jan 2022 18.46 GMT")."""
    found = dates.find_dates(line)
    if not found or n_words(line) > 20:
        return False
    if PUBLICATION_CUE.search(line):
        return True
    if n_words(line) > 10:
        return False
    rest = line
    for mention in found:
        rest = rest.replace(mention.surface, " ")
    lettered = lettered_words(DATE_LINE_WORDS.sub(" ", rest))
    return (
        len(lettered) <= 2  # "Roman Petrenko — Wednesday, 12 January 2022, 17:35"
        or len(lettered) <= 5
        and all(word.isupper() for word in lettered)
    )  # a running head: "THE DAILY TIMES ... 3"
