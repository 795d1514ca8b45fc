"""Quote spans: the quotation marks of each paragraph paired into quotes, and their kind.

Straight and curly marks are paired in order, so a closing mark that sits before a space, as in
``no, ”Roe``, still closes; a paragraph whose last quote is not closed continues into a
next paragraph that opens with a quote mark (newswire convention).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from .speakers import word_set

OPENING_MARKS, CLOSING_MARKS, NEUTRAL_MARKS = "“«", "”»", '"'
QUOTE_MARK_RE = re.compile(r'["“”«»]')


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a cleaned text (paragraphs separated by blank lines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def paired_marks(paragraph: str) -> list[tuple[int, int | None]]:
    """(opening, closing) mark offsets in a paragraph; closing is None for a quote left open.

    Marks are paired in order: a curly or neutral mark opens when no quote is open and closes
    when one is, whatever spaces surround it; a stray closing mark is ignored.
    """
    pairs, open_at = [], None
    for m in QUOTE_MARK_RE.finditer(paragraph):
        mark = m[0]
        if open_at is None and mark not in CLOSING_MARKS:
            open_at = m.start()
        elif open_at is not None and mark not in OPENING_MARKS:
            pairs.append((open_at, m.start()))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


@dataclass
class QuoteSpan:
    open_mark: int
    close_mark: int | None
    start: int
    end: int
    para_start: int
    para_end: int
    continues_previous: bool = False


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quote of a text, with content offsets trimmed of spaces and a final comma."""
    spans: list[QuoteSpan] = []
    previous_open = False
    for para_start, para_end in paragraph_spans(text):
        paragraph = text[para_start:para_end]
        pairs = paired_marks(paragraph)
        starts_with_quote = bool(pairs) and paragraph[: pairs[0][0]].strip() == ""
        for i, (open_mark, close_mark) in enumerate(pairs):
            start = para_start + open_mark + 1
            end = para_start + (close_mark if close_mark is not None else len(paragraph))
            while start < end and text[start].isspace():
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
                end -= 1
            if end > start:
                spans.append(
                    QuoteSpan(
                        para_start + open_mark,
                        None if close_mark is None else para_start + close_mark,
                        start,
                        end,
                        para_start,
                        para_end,
                        continues_previous=(i == 0 and starts_with_quote and previous_open),
                    )
                )
        previous_open = bool(pairs) and pairs[-1][1] is None
    return spans


TITLE_SMALL_WORDS = word_set(
    "a an the of and or nor but in on at to for with by from as vs is are be"
)
"""Words a title leaves in lower case ("Orange Is the New Black", "Gang of Eight")."""
MAX_TITLE_WORDS = 6


def is_title(quoted: str) -> bool:
    """Whether quoted words read as a title or a name ("Orange Is the New Black", "Gang of
    Eight", "Make America Great Again"): two to :data:`MAX_TITLE_WORDS` words, each
    capitalised but the small words, and no sentence mark at the end (one word may be an
    utterance: "Okay," "Quiet")."""
    tokens = re.findall(r"[^\W_][\w’'\-]*", quoted)
    return (
        1 < len(tokens) <= MAX_TITLE_WORDS
        and quoted.rstrip()[-1:] not in ".!?"
        and tokens[0][0].isupper()
        and all(t[0].isupper() or t[0].isdigit() or t.lower() in TITLE_SMALL_WORDS for t in tokens)
    )


def quote_kind(text: str, span: QuoteSpan) -> str:
    """``direct`` when the quote is a whole utterance (opens its paragraph or sentence, or follows
    a colon, or a comma with a capital), otherwise ``partial`` (a fragment inside a sentence)."""
    before = last_visible(text, span.para_start, span.open_mark)
    if not before or before in ".!?:" + CLOSING_MARKS + NEUTRAL_MARKS:
        return "direct"
    if before == "," and text[span.start : span.start + 1].isupper():
        return "direct"
    return "partial"


def opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return not last_visible(text, span.para_start, span.open_mark)


def last_visible(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space ("" when none)."""
    at = visible_end(text, start, end)
    return text[at - 1] if at > start else ""


def visible_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end].rstrip()`` ends in ``text``: read back from ``end``, not by
    stripping all the text before a quote or a paragraph (a long paragraph, a long text)."""
    at = min(end, len(text))
    while at > start and text[at - 1].isspace():
        at -= 1
    return max(at, start)


class QuoteCover:
    """Where a text's quotes (or other spans) lie, for questions asked at many offsets (by
    binary search, not by reading every span each time)."""

    def __init__(self, spans: list[QuoteSpan], bounds: Sequence[tuple[int, int]] = ()):
        """``spans`` and other quotes' ``bounds`` (start, end: no closing mark known)."""
        ordered = sorted([*((s.open_mark, s.end) for s in spans), *bounds])
        self.opens = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # furthest end so far
        self.closes = sorted(s.close_mark for s in spans if s.close_mark is not None)

    def covers(self, offset: int) -> bool:
        """Whether ``offset`` lies in a quote: from its opening mark up to its content's end."""
        last = bisect_right(self.opens, offset) - 1
        return last >= 0 and self.reach[last] > offset

    def after_last_close(self, offset: int) -> int:
        """The offset after the last closing mark before ``offset`` (0 when none)."""
        last = bisect_left(self.closes, offset) - 1
        return self.closes[last] + 1 if last >= 0 else 0
