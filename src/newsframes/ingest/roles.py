"""Line roles: every line of one document gets a role (headline, dek, body, byline, caption,
boilerplate ...) and the name of the rule that decided it. Rules are generic: cue phrases
(:mod:`newsframes.ingest.cues`), else structure -- position before or after the article body,
line length and sentence shape, repeated lines, runs of link-like lines (after jusText's
paragraph classes, Pomikalek 2011).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left

from ..text import sentence_spans
from .cues import first_cues
from .lines import (
    CLOSING_QUOTES,
    DATE_PREFIX,
    LIST_ITEM,
    MAX_CUE_WORDS,
    Role,
    ends_sentence,
    is_date_line,
    is_menu_line,
    is_sentence_like,
    line_key,
    n_words,
    normalise_line,
)
from .unwrap import raw_line_roles, unwrap_lines

Decisions = list[tuple[Role, str] | None]
"""Per line, its role and the rule that decided it; None while no rule has decided. Each
``_mark_*`` pass fills the lines it decides, in place."""


def classify_lines(raw_lines: list[str]) -> list[tuple[str, str]]:
    """Role and deciding rule for every raw line of one document."""
    units = unwrap_lines([normalise_line(x) for x in raw_lines])
    return raw_line_roles(units, line_roles([unit.text for unit in units]))


def line_roles(lines: list[str]) -> list[tuple[Role, str]]:
    """Role and deciding rule for every line of one document, each line already normalised
    (:func:`normalise_line`)."""
    n = len(lines)
    decided: Decisions = [None] * n

    for i, line in enumerate(lines):
        if not line:
            decided[i] = (Role.BLANK, "blank_line")

    cues = first_cues(
        lines, [not decided[i] and n_words(line) <= MAX_CUE_WORDS for i, line in enumerate(lines)]
    )
    cue_kind = [cue.kind if cue else None for cue in cues]
    for i, cue in enumerate(cues):
        if cue and cue_decides(cue.kind, lines[i]):
            decided[i] = (cue.role, f"cue:{cue.kind}")
    first_title = next((i for i in range(n) if not decided[i] and n_words(lines[i]) >= 3), n)
    # "Name in Place" bylines follow a headline: above one, it is a title
    # ("NATO Talks End in Stalemate")
    for i in range(first_title):
        if cue_kind[i] == "byline_in_place":
            decided[i] = None

    for i, line in enumerate(lines):
        if not decided[i] and is_menu_line(line):
            decided[i] = (Role.BOILERPLATE, "menu_line")
    _mark_metadata_blocks(lines, decided)
    _mark_duplicates(lines, decided)

    prose = [
        i for i in range(n) if not decided[i] and is_sentence_like(DATE_PREFIX.sub("", lines[i]), 8)
    ]
    if len(prose) > 1 and any(
        decided[k] and decided[k][0] == Role.BYLINE for k in range(prose[0] + 1, prose[1])
    ):
        prose = prose[1:]  # a dek written as a sentence, above the byline, is still the header
    elif len(prose) > 1 and is_title_sentence(lines, decided, prose[0]):
        prose = prose[1:]  # "The Hellish View from Inside the Beltway, #2.": a headline
    first_body = prose[0] if prose else n
    last_body = max(
        [i for i in range(first_body, n) if not decided[i] and is_sentence_like(lines[i], 5)],
        default=-1,
    )

    _mark_tail_sections(lines, decided, cue_kind, first_body)
    _mark_header(lines, decided, first_body)
    _mark_body(lines, decided, first_body, last_body)
    return [d or (Role.BOILERPLATE, "unclassified") for d in decided]


MAX_TITLE_WORDS = 20
KICKER = (
    r"(?:EXCLUSIVE|BREAKING(?: NEWS)?|UPDATED?(?: \d+)?"  # news first or revised
    r"|ANALYSIS|OPINION|EDITORIAL|COMMENT(?:ARY)?|INTERVIEW|REVIEW|FACT CHECK"  # kinds of story
    r"|SPECIAL REPORT|FIRST ON [A-Z]+"  # "FIRST ON CNN"
    r"|WATCH|LIVE|VIDEO|PHOTOS?)\b"  # what the page shows
)
"""A headline's label in capitals ("EXCLUSIVE – …", "ANALYSIS – …"): a kind of story, no place."""
LEDE_DATELINE = re.compile(
    rf"^(?!{KICKER})"  # a headline's kicker is no place: "EXCLUSIVE – Russia rejects the offer."
    r"[A-Z][A-Z.'\- ]+[A-Z.](?:,[^—–]{1,40})?\s+[—–-]+\s"  # "WASHINGTON — ", "ST. LOUIS, Mo. — "
    r"|^[A-Z][\w.'\- ]{1,40}(?:,[^—–()]{1,40})?\s*\([A-Z][A-Za-z]{1,12}\)\s*[—–:-]"  # "Rome (AP) —"
)
"""A lede's dateline opening a line: a place in capitals and a dash, or a place (and date) and
an agency in parentheses; never a headline's start (a headline's kicker, "Poll: …", is none)."""


def is_title_sentence(lines: list[str], decided: Decisions, i: int) -> bool:
    """Whether line ``i``, read as prose, is the document's headline written with a final
    period: its first line with words, of at most :data:`MAX_TITLE_WORDS` words, one sentence,
    set off by a blank line from the prose after it."""
    return (
        all(decided[k] and decided[k][0] == Role.BLANK for k in range(i))
        and not LEDE_DATELINE.match(lines[i])
        and n_words(lines[i]) <= MAX_TITLE_WORDS
        and len(sentence_spans(lines[i])) == 1
        and i + 1 < len(lines)
        and not lines[i + 1]
    )


def cue_decides(kind: str, line: str) -> bool:
    """Cues for short credit lines decide only when the line is short; a date stamp only when
    nothing but the date follows it (a headline after "date 2022-01-12" stays a headline)."""
    if kind == Role.DATELINE:
        return (
            n_words(DATE_PREFIX.sub("", line)) < 3
            if DATE_PREFIX.match(line)
            else n_words(line) <= 10
        )
    if kind in (Role.BYLINE, "byline_in_place", Role.ATTRIBUTION, Role.CAPTION):
        return n_words(line) <= 40
    return True


def _mark_metadata_blocks(lines: list[str], decided: Decisions) -> None:
    """Runs of 3+ short list items (a forum user's profile, a fact box of labels) and the short
    lines just above them (user name, rank) are page furniture, not article text."""
    n, i = len(lines), 0
    while i < n:
        j = i
        while j < n and (
            LIST_ITEM.match(lines[j]) and n_words(lines[j]) <= 4 or (j > i and not lines[j])
        ):
            j += 1
        items = sum(1 for k in range(i, j) if lines[k])
        if items >= 3:
            for k in range(i, j):
                if not decided[k]:
                    decided[k] = (Role.BOILERPLATE, "metadata_list")
            k = i - 1
            while k >= 0 and (
                not lines[k] or (n_words(lines[k]) <= 5 and not ends_sentence(lines[k]))
            ):
                if lines[k] and (not decided[k] or decided[k][1].startswith("cue:forum")):
                    decided[k] = (Role.BOILERPLATE, "metadata_list_header")
                k -= 1
            i = j
        else:
            i += 1


def _mark_duplicates(lines: list[str], decided: Decisions) -> None:
    """A paragraph repeated later in the same document (an article pasted twice) keeps its first
    copy."""
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if decided[i] or n_words(line) < 6:
            continue
        key = line_key(line)
        if key in seen:
            decided[i] = (Role.DUPLICATE, f"repeats_line_{seen[key] + 1}")
        else:
            seen[key] = i


def _mark_tail_sections(
    lines: list[str], decided: Decisions, cue_kind: str, first_body: int
) -> None:
    """After the body has started, a comment-form marker ends the article, and a related-stories
    marker starts a list of teaser titles and summaries (lines without sentence-final
    punctuation)."""
    n, k = len(lines), 0
    for i in range(first_body + 1, n):
        if cue_kind[i] == "comments_marker":
            for k in range(i + 1, n):
                if not decided[k]:
                    decided[k] = (Role.BOILERPLATE, "after_comment_form")
            return
        # a marker inside the list of the one before ends where it does, and marks nothing new
        if cue_kind[i] == "related_marker" and i >= k:
            k = i + 1
            while k < n and (not lines[k] or decided[k] or not ends_sentence(lines[k])):
                if not decided[k]:
                    decided[k] = (Role.BOILERPLATE, "related_links")
                k += 1


EXPORT_PUBLICATION = "export_publication"
"""The reason given to the line after a database export's opening marker ("1 of 25 DOCUMENTS",
then "The New York Times"): the publication's name, not the headline."""


def _mark_header(lines: list[str], decided: Decisions, first_body: int) -> None:
    """Before the first prose paragraph: a date stamp, the headline, a dek, captions, bylines;
    after a database export's opening marker, the publication's name."""
    captions = sorted(
        line_key(lines[i])
        for i in range(first_body)
        if decided[i] and decided[i][0] == Role.CAPTION
    )
    headline_seen = after_export_marker = False
    for i in range(first_body):
        if decided[i]:
            after_export_marker |= decided[i][1] == "cue:export_marker"
            continue
        if after_export_marker and not headline_seen and lines[i]:
            decided[i] = (Role.BOILERPLATE, EXPORT_PUBLICATION)
            after_export_marker = False
            continue
        line = DATE_PREFIX.sub("", lines[i])
        if not line:
            decided[i] = (Role.DATELINE, "date_stamp")
            continue
        if _begins_a_caption(line, captions):
            decided[i] = (Role.CAPTION, "repeats_caption")
        elif is_date_line(line):
            decided[i] = (Role.DATELINE, "date_line")
        elif not headline_seen and n_words(line) >= 3:
            decided[i] = (
                Role.HEADLINE,
                "first_title_line" + ("_after_date_stamp" if line != lines[i] else ""),
            )
            headline_seen = True
        elif headline_seen and n_words(line) >= 8:
            decided[i] = (Role.DEK, "title_line_after_headline")
        else:
            decided[i] = (Role.BOILERPLATE, "header_fragment")


def _begins_a_caption(line: str, captions: list[str]) -> bool:
    """Whether the line's key (20 characters or more) begins the key of a caption other than
    itself: ``captions``, the captions' keys sorted, begin with it in one block from where it
    would sort, found by binary search (a gallery of thousands of captions is not read through
    for each line above its text)."""
    key = line_key(line)
    if len(key) < 20:
        return False
    first = bisect_left(captions, key)
    end = bisect_left(captions, True, first, key=lambda caption: not caption.startswith(key))
    return end > first and captions[end - 1] != key  # the key itself sorts first


def _mark_body(lines: list[str], decided: Decisions, first_body: int, last_body: int) -> None:
    """Between the first and last prose paragraph: prose is body; lone short labels and runs of
    link-like lines are furniture; date lines are date stamps. After the last prose paragraph
    nothing non-prose is body; a date line just after it is its date stamp."""
    n = len(lines)
    filled = list(itertools.accumulate((1 if line else 0 for line in lines), initial=0))
    for i in range(first_body, n):
        if decided[i]:
            continue
        line = lines[i]
        if i > last_body:
            # a date stamp just after the text: fewer than three lines between them (counted
            # from a running total, so that a page's thousands of lines after its text are not
            # counted again for each)
            closing = filled[i] - filled[last_body + 1] < 3
            decided[i] = (
                (Role.DATELINE, "date_line_after_text")
                if closing and is_date_line(line)
                else (Role.BOILERPLATE, "after_last_paragraph")
            )
        elif is_sentence_like(line, 4) or n_words(line) >= 25:
            decided[i] = (Role.BODY, "prose_paragraph")
        elif is_date_line(
            line
        ):  # a date stamp placed below a dek that reads as prose, or a live blog's entry time
            decided[i] = (Role.DATELINE, "date_line_in_text")
        elif signs_off_quote_above(lines, decided, i):
            decided[i] = (Role.BODY, "quote_sign_off")
        elif n_words(line) <= 3:
            decided[i] = (Role.BOILERPLATE, "short_fragment")
        elif _in_link_run(lines, decided, i):
            decided[i] = (Role.BOILERPLATE, "link_list_run")
        else:
            decided[i] = (Role.BODY, "subheading")


SIGN_OFF_LINE = re.compile(
    r"[-―—–]+\s*"  # a dash, or a hyphen in plain text
    r"[A-Z][^\"“”«»]{0,100}$"  # the name, maybe where or when: "- Jane Roe, Ohio."
)
QUOTE_LINE_END = re.compile(rf"[{re.escape(CLOSING_QUOTES)}]\.?$")  # a quotation ends the line


def signs_off_quote_above(lines: list[str], decided: Decisions, i: int) -> bool:
    """Whether line ``i`` names the source of the quotation that ends the body paragraph above
    it ('“…”', then '- Jane Roe.'), as fact checks and lists of quotes do: part of the text."""
    above = next((k for k in range(i - 1, -1, -1) if lines[k]), None)
    return (
        above is not None
        and decided[above] is not None
        and decided[above][0] == Role.BODY
        and QUOTE_LINE_END.search(lines[above]) is not None
        and SIGN_OFF_LINE.match(lines[i]) is not None
        and n_words(lines[i]) <= 12
    )


def _in_link_run(lines: list[str], decided: Decisions, i: int) -> bool:
    """Two or more neighbouring title-like lines (no final punctuation) read as a link list."""

    def title_like(k):
        return (
            0 <= k < len(lines)
            and lines[k]
            and not ends_sentence(lines[k])
            and not (decided[k] and decided[k][0] in (Role.BODY, Role.BLANK))
        )

    def neighbour(k, step):
        k += step
        while 0 <= k < len(lines) and not lines[k]:
            k += step
        return k

    return title_like(neighbour(i, -1)) or title_like(neighbour(i, 1))
