"""Sentence splitting and word tokens shared by every stage.

Sentences come from NLTK's Punkt (Kiss & Strunk 2006) with explicit parameters, never from
a downloaded model: NLTK's data servers are unreachable here, and an untrained Punkt splits
"Jan. 12" and "U.S. Deputy". The abbreviation list is a data file
(``data/abbreviations.txt``) so that readers can extend it for their corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Iterator

from .resources import news_abbreviations
from re import _parser
from re._constants import ASSERT, ASSERT_NOT, AT, AT_BEGINNING, BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
END_MARK_BEFORE_TEXT = re.compile(r"[.?!](?=.)", re.DOTALL)
"""Every Punkt boundary candidate is a sentence-end mark with more text after it."""
PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})\. \S+")
"""A candidate's context "word. Next" with a word of plain letters. Punkt's first pass marks
"word." a break unless it is a listed abbreviation; with no trained collocations and no
initial or number involved, its second pass keeps the break, and a token follows it."""


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class Tokenizer(PunktSentenceTokenizer):
        """Punkt deciding the common plain context (:data:`PLAIN_BREAK`) without annotating
        its tokens, which costs more than all the rest of splitting a paragraph."""

        def text_contains_sentbreak(self, text: str) -> bool:
            plain = PLAIN_BREAK.fullmatch(text)
            if plain and plain[1].lower() not in self._params.abbrev_types:
                return True
            return super().text_contains_sentbreak(text)

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    return Tokenizer(params)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph (sentences never cross paragraphs).

    A paragraph with no sentence-end mark before its last character has no boundary
    candidate: it is one sentence up to its trailing space, as Punkt would find."""
    if END_MARK_BEFORE_TEXT.search(paragraph) is None:
        end = len(paragraph.rstrip())
        return [(0, end)] if end else []
    return list(_punkt().span_tokenize(paragraph))


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner hyphens, apostrophes and periods as in U.S)."""
    return WORD_RE.findall(text)


# --- regex prefilters ---------------------------------------------------------------------

MAX_LANGUAGE = 64
ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)
COVER_LENGTH = 6


def _language(items) -> set[str] | None:
    """Every string a parsed regex sequence can match, when it is made of literals, plain groups,
    alternatives and short repeats and has at most ``MAX_LANGUAGE`` strings (an anchor or a
    lookaround counts as the empty string, so the set may be larger than the true one); else None."""
    strings = {""}
    for op, av in items:
        if op is LITERAL:
            options = {chr(av)}
        elif op in ZERO_WIDTH:
            options = {""}
        elif op is SUBPATTERN and not av[1] and not av[2]:
            options = _language(av[3])
        elif op is BRANCH:
            parts = [_language(branch) for branch in av[1]]
            options = None if None in parts else set().union(*parts)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[1] <= 2:
            inner = _language(av[2])
            options = None if inner is None else {"".join(p) for n in range(av[0], av[1] + 1) for p in product(inner, repeat=n)}
        else:
            return None
        if options is None or len(strings) * len(options) > MAX_LANGUAGE:
            return None
        strings = {a + b for a in strings for b in options}
    return strings


def _needed(items) -> set[str] | None:
    """Non-empty strings one of which every match of a parsed regex sequence contains (the
    longest such set found among its runs of literal parts and its required groups), or None."""
    found, run = [], {""}
    for item in items:
        options = _language([item])
        if options is not None and len(run) * len(options) <= MAX_LANGUAGE:
            run = {a + b for a in run for b in options}
            continue
        if "" not in run:
            found.append(run)
        run = options or {""}
        op, av = item
        if options is not None:
            continue
        if op is SUBPATTERN and not av[1] and not av[2]:
            found.append(_needed(av[3]))
        elif op is BRANCH:
            parts = [_needed(branch) for branch in av[1]]
            found.append(None if None in parts else set().union(*parts))
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            found.append(_needed(av[2]))
    if "" not in run:
        found.append(run)
    return max((f for f in found if f), key=lambda f: (min(map(len, f)), -len(f), sorted(f)), default=None)


def _cover(strings: set[str], length: int = COVER_LENGTH) -> frozenset[str]:
    """Few substrings of at most ``length`` characters such that each string contains one:
    fewer ``in`` tests than the strings themselves (greedy set cover, deterministic)."""
    grams = {s: {s[i:i + length] for i in range(max(1, len(s) - length + 1))} for s in strings}
    keys, left = set(), set(strings)
    while left:
        counts = Counter(g for s in left for g in grams[s])
        key = max(sorted(counts), key=lambda g: (counts[g], len(g)))
        keys.add(key)
        left = {s for s in left if key not in grams[s]}
    return frozenset(keys)


CASELESS_MARKS = "“”‘’«»‹›„‚–—―…•·©®™°€£"
"""Typographic marks without case: a regex matches them ignoring case exactly as it matches
them otherwise, and no other character folds to them."""
NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{CASELESS_MARKS}]")


def is_plain(text: str) -> bool:
    """ASCII, or ASCII with :data:`CASELESS_MARKS`: a case-insensitive regex compares such a
    text character by character with its literals as their lower-cased forms compare."""
    return text.isascii() or NOT_PLAIN.search(text) is None


@dataclass(frozen=True)
class Prefilter:
    """A cheap necessary condition for a compiled regex to find a match in a text: the text
    starts with one of ``prefixes`` or contains one of ``keys``. For a case-insensitive regex
    they are lower case and compare with the lower-cased text, exactly for a plain text only
    (:func:`is_plain`). ``always``: some alternative of the regex has no such condition."""

    prefixes: tuple[str, ...]
    keys: tuple[str, ...]
    always: bool
    ignorecase: bool

    def may_match(self, text: str) -> bool:
        if self.always:
            return True
        if self.ignorecase:
            if not is_plain(text):
                return True
            text = text.lower()
        return text.startswith(self.prefixes) or any(key in text for key in self.keys)

    def may_match_a_line_of(self, text: str) -> bool:
        """Whether the regex may match one of the lines joined in ``text`` (its keys alone:
        a prefix may start any line)."""
        if self.always or self.prefixes:
            return True
        if self.ignorecase:
            if not is_plain(text):
                return True
            text = text.lower()
        return any(key in text for key in self.keys)


def _starts(items) -> set[str] | None:
    """Non-empty strings one of which starts every match of a parsed regex sequence (its
    leading literal parts, through groups and alternatives), or None."""
    run = {""}
    for op, av in items:
        options = _language([(op, av)])
        if options is None:
            if op is SUBPATTERN and not av[1] and not av[2]:
                options = _starts(av[3])
            elif op is BRANCH:
                parts = [_starts(branch) for branch in av[1]]
                options = None if None in parts else set().union(*parts)
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                options = _starts(av[2])
            if options is not None and (run == {""} or len(run) * len(options) <= MAX_LANGUAGE):
                run = {a + b for a in run for b in options}
            break
        if len(run) * len(options) > MAX_LANGUAGE:
            break
        run = {a + b for a in run for b in options}
    return None if "" in run else run


def prefilter(pattern: re.Pattern) -> Prefilter:
    """The :class:`Prefilter` of a compiled regex, read from its parse tree alternative by
    alternative: the literal start of an anchored one, else strings every match contains."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    flags = tree.state.flags
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is BRANCH else [items]
    prefixes, keys, always = set(), set(), False
    for branch in branches:
        anchored = branch and branch[0] == (AT, AT_BEGINNING) and not flags & re.MULTILINE
        start = _starts(list(branch)[1:]) if anchored else None
        needed = None if start else _needed(list(branch))
        prefixes |= start or set()
        keys |= needed or set()
        always = always or not (start or needed)
    ignorecase = bool(flags & re.IGNORECASE)
    if ignorecase:
        always = always or not all(is_plain(s) for s in prefixes | keys)
        prefixes, keys = {s.lower() for s in prefixes}, {s.lower() for s in keys}
    return Prefilter(tuple(sorted(prefixes)), tuple(sorted(_cover(keys))) if keys else (), always, ignorecase)


def _alternatives(items) -> list[list]:
    """Sequences whose matches together are the matches of a parsed regex sequence: one per
    alternative of its leading group (after zero-width items), each followed by the rest."""
    items = list(items)
    lead = 0
    while lead < len(items) and items[lead][0] in ZERO_WIDTH:
        lead += 1
    if lead == len(items):
        return [items]
    op, av = items[lead]
    inner = list(av[3]) if op is SUBPATTERN and not av[1] and not av[2] else [items[lead]]
    if len(inner) != 1 or inner[0][0] is not BRANCH:
        return [items]
    return [items[:lead] + list(branch) + items[lead + 1:] for branch in inner[0][1][1]]


@dataclass(frozen=True)
class Scanner:
    """``pattern.finditer`` through the places a match can start: every match starts with one of
    ``starts`` (read from the parse tree, lower case for a case-insensitive pattern), so the
    pattern is tried only where one occurs, not at every character. Alternatives with no such
    start are ruled out by ``keys`` they need; where one occurs, or the text is not plain
    (:func:`is_plain`) for a case-insensitive pattern, the whole text is scanned as usual."""

    pattern: re.Pattern
    starts: tuple[str, ...] | None
    keys: tuple[str, ...]
    ignorecase: bool

    def finditer(self, text: str) -> Iterator[re.Match]:
        if self.starts is None or (self.ignorecase and not is_plain(text)):
            return self.pattern.finditer(text)
        hay = text.lower() if self.ignorecase else text
        if any(key in hay for key in self.keys):
            return self.pattern.finditer(text)
        return self._matches_at(text, _occurrences(hay, self.starts))

    def _matches_at(self, text: str, positions: list[int]) -> Iterator[re.Match]:
        """What ``finditer`` finds when matches can only start at ``positions`` (matches are
        never empty: each holds its start string)."""
        end = 0
        for at in positions:
            if at >= end and (m := self.pattern.match(text, at)):
                end = m.end()
                yield m


def _occurrences(text: str, subs: tuple[str, ...]) -> list[int]:
    """Every position where one of ``subs`` occurs, in order."""
    found = set()
    for sub in subs:
        at = text.find(sub)
        while at >= 0:
            found.add(at)
            at = text.find(sub, at + 1)
    return sorted(found)


def scanner(pattern: re.Pattern) -> Scanner:
    """The :class:`Scanner` of a compiled regex; ``starts`` None when some alternative has
    neither a literal start nor a needed string. A start that begins with another start is
    dropped: it occurs only where the shorter one does."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    ignorecase = bool(tree.state.flags & re.IGNORECASE)
    starts, keys = set(), set()
    for alternative in _alternatives(tree):
        if found := _starts(alternative):
            starts |= found
        elif needed := _needed(alternative):
            keys |= needed
        else:
            return Scanner(pattern, None, (), ignorecase)
    if ignorecase:
        if not all(is_plain(s) for s in starts | keys):
            return Scanner(pattern, None, (), ignorecase)
        starts, keys = {s.lower() for s in starts}, {k.lower() for k in keys}
    shortest = tuple(s for s in starts if not any(s != t and s.startswith(t) for t in starts))
    return Scanner(pattern, tuple(sorted(shortest)), tuple(sorted(_cover(keys))) if keys else (), ignorecase)
