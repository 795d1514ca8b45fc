"""Quotation marks written in other conventions, rewritten as the curly double marks the
quotation rules read: two single marks standing for a double one (newspaper archives' ''…''),
single marks used as the main quotation marks (British style: ‘…,’ she said.) and a low
opening mark („…“).
Each rewrite keeps or shortens a text before its offsets are taken, never after.
"""

from __future__ import annotations

import re

DOUBLED_MARKS = re.compile(
    r"'''?"  # two apostrophes: newspaper archives' ASCII quotes (''We will win,'' Roe said.),
    # with a third one for a single quote inside (''' … ''')
    r"|(?<!`)``(?=\w)"  # two grave accents before a word: TeX style (``We will win'')
    r"|‘‘|’’"  # two curly single marks typed for a double one
)
OPENS_AFTER = "([{—–-/“‘"
"""Characters after which a mark opens a quotation (besides a space or the line's start),
when a word follows it."""


def curly_double_quotes(line: str) -> str:
    """``line`` with each doubled single mark (:data:`DOUBLED_MARKS`) written as the curly
    double mark it stands for: two apostrophes open (“) after a space, the line's start, an
    opening bracket or a dash and before a word, and close (”) otherwise; two grave accents
    and two left single marks always open. A third apostrophe stays a single mark inside."""

    def curly(m: re.Match) -> str:
        if m[0] in ("``", "‘‘"):
            return "“"
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end() : m.end() + 1] or " "
        opens = (before.isspace() or before in OPENS_AFTER) and not after.isspace()
        inner = m[0][2:]  # the single mark of ''' (inside the double one)
        return "“" + inner if opens else inner + "”"

    if "''" not in line and "``" not in line and "‘‘" not in line and "’’" not in line:
        return line  # the common case, without a regex
    return DOUBLED_MARKS.sub(curly, line)


SINGLE_OPENING = re.compile(
    r"[‘']"  # a curly or straight single mark
    rf"(?<![^\s{re.escape(OPENS_AFTER)}][‘'])"  # after a space, a bracket, a dash or the start
    r"(?=[^\W\d_])"  # before a letter: ‘We …; never ‘90s
)
"""A single mark that opens a quotation, when single marks are the text's quotation marks."""
SINGLE_CLOSING = re.compile(
    r"(?<=\S)[’'](?![^\W_])"  # after a character, before no letter or digit (not don’t, it’s)
    r"|(?<=[,.!?]\s)’"  # a closing mark put after the space ("… no, ’Roe told reporters.")
)
"""A single mark that may close a quotation."""
DOUBLE_MARKS = re.compile(r'["“”«»]')
MIN_SINGLE_OPENINGS = 2


def single_quotes_are_main(paragraphs: list[str]) -> bool:
    """Whether a text quotes with single marks (‘We will,’ she said.): at least
    :data:`MIN_SINGLE_OPENINGS` opening single marks, and more than its quotations in double
    marks (a text that nests ‘…’ inside “…” quotes with double marks)."""
    singles = sum(len(SINGLE_OPENING.findall(p)) for p in paragraphs)
    doubles = sum(p.count("“") + p.count("«") + p.count('"') // 2 for p in paragraphs)
    return singles >= MIN_SINGLE_OPENINGS and singles > doubles


def single_to_double_quotes(paragraph: str) -> str:
    """``paragraph`` with each quotation in single marks written in curly double marks (the
    same length): an opening mark (:data:`SINGLE_OPENING`) outside double marks pairs with the
    first closing mark after it (:data:`SINGLE_CLOSING`), and the double marks between them,
    a quotation inside the quotation in British style (‘I heard “Lock her up” there,’ she
    said), become single marks (:func:`inner_marks_single`); one left open stays open only when
    it opens the paragraph or a sentence (a quotation carried into the next paragraph), else it
    is left as it is."""
    chars, position = list(paragraph), 0
    doubles, counted_to = 0, 0  # double marks before counted_to (counted once: linear time)
    while opening := SINGLE_OPENING.search(paragraph, position):
        start = opening.start()
        doubles += len(DOUBLE_MARKS.findall(paragraph, counted_to, start))
        counted_to = start
        if doubles % 2:  # inside a double-marked quote
            position = start + 1
            continue
        closing = SINGLE_CLOSING.search(paragraph, start + 1)
        if closing is None:
            if paragraph[:start].rstrip()[-1:] in ("", ".", "!", "?", ":"):
                chars[start] = "“"  # a quotation carried into the next paragraph
            break
        chars[start], chars[closing.start()] = "“", "”"
        inner_marks_single(paragraph, chars, start + 1, closing.start())
        position = closing.end()
    return "".join(chars)


INNER_DOUBLE = re.compile(r'[“”"]')


def inner_marks_single(paragraph: str, chars: list[str], start: int, end: int) -> None:
    """Write the double marks of ``paragraph[start:end]`` into ``chars`` as single marks: “ as
    ‘ and ” as ’; straight ones alternately as ‘ and ’."""
    opens = True
    for m in INNER_DOUBLE.finditer(paragraph, start, end):
        if m[0] == '"':
            chars[m.start()], opens = ("‘" if opens else "’"), not opens
        else:
            chars[m.start()] = "‘" if m[0] == "“" else "’"


LOW_OPENING = re.compile(r"„(?P<inside>[^„“”\"\n]*)[“”]")
"""A quotation opened with a low mark and closed with a high one („…“, „…”), as texts
translated from Central and East European languages write them: the high mark closes."""


def low_opening_quotes(paragraph: str) -> str:
    """``paragraph`` with each „…“ written “…” (the same length): otherwise its closing “ would
    read as an opening mark."""
    if "„" not in paragraph:
        return paragraph
    return LOW_OPENING.sub(lambda m: f"“{m['inside']}”", paragraph)


def main_quotes_double(paragraphs: list[str]) -> list[str]:
    """The paragraphs of one text with their quotations in curly double marks: „…“ always
    (:func:`low_opening_quotes`), single marks when they are the text's quotation marks
    (:func:`single_quotes_are_main`)."""
    paragraphs = [low_opening_quotes(p) for p in paragraphs]
    if not single_quotes_are_main(paragraphs):
        return paragraphs
    return [single_to_double_quotes(p) for p in paragraphs]
