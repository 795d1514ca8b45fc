"""Hard-wrapped text (e-mail, print pages, PDF extracts): lines joined into paragraphs and
hyphen-split words mended; each raw line keeps the role of its paragraph.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import NamedTuple

from .lines import LIST_ITEM, ends_sentence, is_date_line, n_words

# ----------------------------------------------------------------------------- hard-wrapped text

MAX_WRAP_WIDTH = (
    100  # e-mail, print and PDF extracts break lines at 40-80 characters; web paragraphs are longer
)
HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
FIELD_LINE = re.compile(
    r"^[A-Z][A-Za-z-]{1,20}:\s"
)  # "Subject: ...", "From: ...": a field, never a wrapped line


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
    worded = [i for i, line in enumerate(lines) if n_words(line) >= 4]
    if len(worded) < 6:
        return None
    width = sorted(len(lines[i]) for i in worded)[int(0.9 * (len(worded) - 1))]
    breaks = sum(
        1
        for i in worded
        if i + 1 < len(lines) and lines[i + 1][:1].islower() and not ends_sentence(lines[i])
    )
    return width if width <= MAX_WRAP_WIDTH and breaks >= max(3, 0.2 * len(worded)) else None


def unwrap_lines(lines: list[str]) -> list[Unit]:
    """Normalised lines as logical lines: in a hard-wrapped document (:func:`wrap_width`), a line
    that fills three quarters of the width, or half of it without ending a sentence, continues
    on the next non-blank line (not a list item; no date line or "Field:" line on either side).
    A word broken by a hyphen is mended (:func:`_joined_wrapped`).

    Hand-written: pdftotext and e-mail tools undo wrapping from layout they know (fonts,
    format=flowed); a saved text file keeps only the line lengths."""
    width = wrap_width(lines)
    if width is None:
        return [Unit(line, i, 1) for i, line in enumerate(lines)]
    flat = " ".join(lines).lower()
    apart = [
        bool(line) and (is_date_line(line) or FIELD_LINE.match(line) is not None) for line in lines
    ]
    units, i, in_flat = [], 0, cache(flat.__contains__)  # broken compounds repeat
    while i < len(lines):
        j = i
        while (
            j + 1 < len(lines)
            and lines[j]
            and lines[j + 1]
            and not LIST_ITEM.match(lines[j + 1])
            and (
                len(lines[j]) >= 0.75 * width
                or (len(lines[j]) >= 0.5 * width and not ends_sentence(lines[j]))
            )
            and not (apart[j] or apart[j + 1])
        ):
            j += 1
        units.append(Unit(_joined_wrapped(lines[i : j + 1], in_flat), i, j - i + 1))
        i = j + 1
    return units


def _joined_wrapped(lines: list[str], in_flat) -> str:
    """Normalised lines of one hard-wrapped paragraph as one text, each continuing the text
    before it: after a space, or, for a word broken at a hyphen with the next line going on in
    lower case, without one and without the hyphen, unless the document (``in_flat``: whether
    its lower-cased text holds a string) writes the word with it ("long-term"). Built from
    pieces, the last word kept apart, so that a paragraph of thousands of lines is not copied
    or searched again for each (16,891 lines took 281 s)."""
    pieces, last_word = [lines[0]], lines[0].rsplit(" ", 1)[-1]
    for following in lines[1:]:
        if HYPHEN_BREAK.search(last_word) and following[:1].islower():
            compound = f"{last_word}{following.split(' ', 1)[0]}".lower()
            if not in_flat(compound.rstrip(string.punctuation)):
                pieces[-1], last_word = pieces[-1][:-1], last_word[:-1]
            last_word = following.rsplit(" ", 1)[-1] if " " in following else last_word + following
        else:
            pieces.append(" ")
            last_word = following.rsplit(" ", 1)[-1]
        pieces.append(following)
    return "".join(pieces)


def raw_line_roles(units: list[Unit], roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each raw line's role and rule from its logical line's: a joined paragraph's lines all get
    its role, and the rule says which lines were joined."""
    out = []
    for unit, (role, reason) in zip(units, roles):
        if unit.n_raw > 1:
            reason = f"{reason}; wrapped_lines_{unit.first + 1}-{unit.first + unit.n_raw}"
        out.extend([(role, reason)] * unit.n_raw)
    return out
