"""Faster regex matching with the same matches, read off CPython's regex parse trees.

This is the only module that touches the private ``re._parser`` and ``re._constants`` (stable
in CPython 3.11-3.13 but not a public API). From a compiled pattern's parse tree it reads:

* :func:`prefilter` - strings one of which a text must start with or contain to match;
* :func:`scanner` - the strings every match starts with, so ``finditer`` tries the pattern only
  where one occurs;
* :func:`beginnings` - the lower-cased first characters of every match, for the sorted index of
  :mod:`newsframes.framing.index`.

Each answers "may match here", never "matches": the regex itself decides, so the matches are
those of plain ``re``. Set the environment variable ``NEWSFRAMES_PLAIN_RE=1`` (or pass
``plain=True``) to skip the parse trees and run every pattern as plain ``re`` does everywhere:
``tests/test_fastregex.py`` checks that both give the same matches and tables on the seeds.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from re import _parser
from re._constants import (
    ASSERT,
    ASSERT_NOT,
    AT,
    AT_BEGINNING,
    ATOMIC_GROUP,
    BRANCH,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
)

import ahocorasick

PLAIN_ENV = "NEWSFRAMES_PLAIN_RE"


def plain_re(plain: bool | None = None) -> bool:
    """Whether to run patterns as plain ``re`` (no parse-tree shortcuts): ``plain`` if given,
    else the environment variable :data:`PLAIN_ENV` set to anything but "" or "0"."""
    if plain is not None:
        return plain
    return os.environ.get(PLAIN_ENV, "") not in ("", "0")


# --- prefilters and scanners ---------------------------------------------------------------

MAX_LANGUAGE = 64
ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)
COVER_LENGTH = 6


def _language(items) -> set[str] | None:
    """Every string a parsed regex sequence can match, when it is made of literals, plain groups,
    alternatives and short repeats and has at most ``MAX_LANGUAGE`` strings (an anchor or a
    lookaround counts as the empty string, so the set may be larger than the true one); else
    None."""
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
            options = (
                None
                if inner is None
                else {"".join(p) for n in range(av[0], av[1] + 1) for p in product(inner, repeat=n)}
            )
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
    return max(
        (f for f in found if f), key=lambda f: (min(map(len, f)), -len(f), sorted(f)), default=None
    )


def _cover(strings: set[str], length: int = COVER_LENGTH) -> frozenset[str]:
    """Few substrings of at most ``length`` characters such that each string contains one:
    fewer ``in`` tests than the strings themselves (greedy set cover, deterministic)."""
    grams = {s: {s[i : i + length] for i in range(max(1, len(s) - length + 1))} for s in strings}
    keys, left = set(), set(strings)
    while left:
        counts = Counter(g for s in left for g in grams[s])
        key = max(sorted(counts), key=lambda g: (counts[g], len(g)))
        keys.add(key)
        left = {s for s in left if key not in grams[s]}
    return frozenset(keys)


CASELESS_MARKS = "“”‘’«»‹›„‚–—―…•·©®™°€£\u00a0\u2024"
"""Typographic marks without case (with the no-break space and the one dot leader that stands
for an abbreviation's period in compare's masked texts): a regex matches them ignoring case
exactly as it matches them otherwise, and no other character folds to them."""
NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{CASELESS_MARKS}]")


def is_plain(text: str) -> bool:
    """ASCII, or ASCII with :data:`CASELESS_MARKS`: a case-insensitive regex compares such a
    text character by character with its literals as their lower-cased forms compare."""
    return text.isascii() or NOT_PLAIN.search(text) is None


FOLDS_ONTO_ASCII = "\u0130\u0131\u017f\u212a"
"""The characters beyond ASCII that a case-insensitive regex matches to an ASCII character: "İ"
and "ı" to "i", "ſ" to "s", the Kelvin sign to "k" (found by trying every character: tests).
"İ" is also the one character whose lower case is longer than itself."""


def lowers_in_place(text: str) -> bool:
    """Whether every place where a case-insensitive regex matches a plain literal
    (:func:`is_plain`) in ``text`` holds the literal's lower case at the same place of
    ``text.lower()``: true unless ``text`` holds one of :data:`FOLDS_ONTO_ASCII` (accents and
    other scripts included). Enough for a prefilter or a scanner, which only say where a match
    may be and leave the match to the regex itself on ``text``; not for matching a lower-cased
    pattern on the lower-cased text (a plain text only). Four substring searches: a twentieth
    of the time of a regex class scanning the text."""
    return text.isascii() or not any(map(text.__contains__, FOLDS_ONTO_ASCII))


AUTOMATON_MIN_KEYS = 4
"""From this many keys on, one Aho-Corasick pass over a text finds whether one occurs sooner
than a substring search per key (each text of the 924 PolNeAR articles, none of the keys in
it: 2 keys 4.7 against 7.0 ms in all, 4 keys 7.9 against 6.9 ms, 42 keys 73 against 7.5 ms)."""


@dataclass(frozen=True)
class Prefilter:
    """A cheap necessary condition for a compiled regex to find a match in a text: the text
    starts with one of ``prefixes`` or contains one of ``keys``. For a case-insensitive regex
    they are plain (:func:`is_plain`) and lower case, and compare with the lower-cased text,
    exactly where it lowers in place (:func:`lowers_in_place`); any other text may match.
    ``always``: some alternative of the regex has no such condition."""

    prefixes: tuple[str, ...]
    keys: tuple[str, ...]
    always: bool
    ignorecase: bool

    def may_match(self, text: str) -> bool:
        if self.always:
            return True
        if self.ignorecase:
            if not lowers_in_place(text):
                return True
            text = text.lower()
        return text.startswith(self.prefixes) or any(map(text.__contains__, self.keys))

    def may_match_a_line_of(self, text: str) -> bool:
        """Whether the regex may match one of the lines joined in ``text`` (its keys alone:
        a prefix may start any line); from :data:`AUTOMATON_MIN_KEYS` keys on, looked for in
        one pass over the text."""
        if self.always or self.prefixes:
            return True
        if self.ignorecase:
            if not lowers_in_place(text):
                return True
            text = text.lower()
        if len(self.keys) < AUTOMATON_MIN_KEYS:
            return any(map(text.__contains__, self.keys))
        return next(_automaton(self.keys).iter(text), None) is not None


class Gates:
    """The prefilters (:class:`Prefilter`) of several case-insensitive regexes, asked at once
    which of them may match a plain text (:func:`is_plain`): each key found in the text names
    the prefilters it opens, and only a text starting with one of all their prefixes is tried
    against each prefilter's own, instead of every prefilter being asked in turn."""

    def __init__(self, prefilters: list[Prefilter]):
        self.prefilters = prefilters
        self.always = frozenset(n for n, gate in enumerate(prefilters) if gate.always)
        opened: dict[str, set[int]] = {}
        for n, gate in enumerate(prefilters):
            for key in gate.keys:
                opened.setdefault(key, set()).add(n)
        self.opened = opened
        self.keys = tuple(sorted(opened))
        self.prefixes = tuple(sorted({p for gate in prefilters for p in gate.prefixes}))

    def open(self, lower: str, found: Iterable[str]) -> list[int]:
        """The positions (in order) of the prefilters that may match a plain text, given it
        lower-cased (``lower``) and the keys found in it (``found``; keys of none of them are
        ignored): those that always may, or whose prefixes start it, or one of whose keys
        was found (:meth:`Prefilter.may_match` of a plain text)."""
        chosen = set(self.always)
        for key in found:
            chosen.update(self.opened.get(key, ()))
        if lower.startswith(self.prefixes):
            chosen.update(
                n for n, gate in enumerate(self.prefilters) if lower.startswith(gate.prefixes)
            )
        return sorted(chosen)


def _starts(items) -> set[str] | None:
    """Non-empty strings one of which starts every match of a parsed regex sequence (its
    leading literal parts, through groups, alternatives and an optional part, after which
    the rest of the sequence may start the match instead), or None."""
    run, items = {""}, list(items)
    for index, (op, av) in enumerate(items):
        options = _language([(op, av)])
        if options is None:
            if op is SUBPATTERN and not av[1] and not av[2]:
                options = _starts(av[3])
            elif op is BRANCH:
                parts = [_starts(branch) for branch in av[1]]
                options = None if None in parts else set().union(*parts)
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                options = _starts(av[2])
            elif op in (MAX_REPEAT, MIN_REPEAT):  # optional: its start or the rest's
                parts = [_starts(av[2]), _starts(items[index + 1 :])]
                options = None if None in parts else set().union(*parts)
            if options is not None and (run == {""} or len(run) * len(options) <= MAX_LANGUAGE):
                run = {a + b for a in run for b in options}
            break
        if len(run) * len(options) > MAX_LANGUAGE:
            break
        run = {a + b for a in run for b in options}
    return None if "" in run else run


def prefilter(pattern: re.Pattern, plain: bool | None = None) -> Prefilter:
    """The :class:`Prefilter` of a compiled regex, read from its parse tree alternative by
    alternative: the literal start of an anchored one, else strings every match contains.
    With plain regexes (:func:`plain_re`) it lets every text through."""
    if plain_re(plain):
        return Prefilter((), (), True, bool(pattern.flags & re.IGNORECASE))
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
    return Prefilter(
        tuple(sorted(prefixes)), tuple(sorted(_cover(keys))) if keys else (), always, ignorecase
    )


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
    return [items[:lead] + list(branch) + items[lead + 1 :] for branch in inner[0][1][1]]


@dataclass(frozen=True)
class Scanner:
    """``pattern.finditer`` through the places a match can start: every match starts with one of
    ``starts`` (read from the parse tree, lower case for a case-insensitive pattern), so the
    pattern is tried only where one occurs, not at every character. Alternatives with no such
    start are ruled out by ``keys`` they need; where one occurs, or for a case-insensitive
    pattern where the text does not lower in place (:func:`lowers_in_place`; not plain,
    :func:`is_plain`, when the starts were given for a class: ``plain_only``), the whole text
    is scanned as usual."""

    pattern: re.Pattern
    starts: tuple[str, ...] | None
    keys: tuple[str, ...]
    ignorecase: bool
    plain_only: bool = False  # starts stand for a class (``\d``): a plain text only

    def finditer(self, text: str) -> Iterator[re.Match]:
        scanned = is_plain if self.plain_only else lowers_in_place
        if self.starts is None or (self.ignorecase and not scanned(text)):
            return self.pattern.finditer(text)
        hay = text.lower() if self.ignorecase else text
        if any(map(hay.__contains__, self.keys)):
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
    """Every position where one of ``subs`` occurs, in order (one pass of an Aho-Corasick
    automaton over the text, however many strings there are)."""
    if not subs:
        return []
    return sorted({end - len(sub) + 1 for end, sub in _automaton(subs).iter(text)})


def found_strings(text: str, subs: tuple[str, ...]) -> set[str]:
    """Those of ``subs`` that occur in ``text`` (one Aho-Corasick pass, as :func:`_occurrences`)."""
    return {sub for _, sub in _automaton(subs).iter(text)} if subs else set()


@lru_cache(maxsize=64)
def _automaton(subs: tuple[str, ...]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton (pyahocorasick) finding every occurrence of each of ``subs``
    (overlapping ones too), each reported with the string found."""
    automaton = ahocorasick.Automaton()
    for sub in subs:
        automaton.add_word(sub, sub)
    automaton.make_automaton()
    return automaton


def occurrences(text: str, sub: str) -> Iterator[int]:
    """Every position where ``sub`` occurs in ``text`` (overlapping ones too), in order."""
    at = text.find(sub)
    while at >= 0:
        yield at
        at = text.find(sub, at + 1)


def scanner(pattern: re.Pattern, plain: bool | None = None) -> Scanner:
    """The :class:`Scanner` of a compiled regex; ``starts`` None when some alternative has
    neither a literal start nor a needed string, or with plain regexes (:func:`plain_re`). A
    start that begins with another start is dropped: it occurs only where the shorter one does."""
    if plain_re(plain):
        return Scanner(pattern, None, (), bool(pattern.flags & re.IGNORECASE))
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
    return Scanner(
        pattern, _shortest(starts), tuple(sorted(_cover(keys))) if keys else (), ignorecase
    )


def _shortest(starts: set[str]) -> tuple[str, ...]:
    """``starts`` without those that begin with another (they occur only where it does),
    sorted."""
    return tuple(sorted(s for s in starts if not any(s != t and s.startswith(t) for t in starts)))


def scanner_from_starts(
    pattern: re.Pattern, starts: Iterable[str], plain: bool | None = None
) -> Scanner:
    """The :class:`Scanner` of a compiled regex whose every match starts, ignoring case, with
    one of ``starts`` (ASCII), where its parse tree does not show it (the starts lie behind
    lookarounds or in a class such as ``\\d``): the starts are looked for in the lower-cased
    text, so only a plain text (:func:`is_plain`: ASCII digits, letters that fold one to one)
    is scanned through them, any other in full, and with plain regexes (:func:`plain_re`)
    every text."""
    if plain_re(plain):
        return Scanner(pattern, None, (), True)
    return Scanner(pattern, _shortest({start.lower() for start in starts}), (), True, True)


# --- beginnings of every match, for a sorted index ------------------------------------------

BEGINNING_LENGTH = 8  # characters of a match's beginning that are read (a sorted index key of
# 8 bytes, one uint64)
MAX_BEGINNINGS = 512  # more possible beginnings are cut to their first character
_REPEATS = (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT)
_UNKNOWN = frozenset({("", True)})  # any text may follow


def _then(first: frozenset, second: frozenset) -> frozenset:
    """Beginnings of a sequence: each (text, closed) of ``first`` followed by those of ``second``
    (``closed`` = nothing more is known after ``text``), cut to ``BEGINNING_LENGTH`` characters."""
    out = set()
    for text, closed in first:
        if closed:
            out.add((text, True))
            continue
        for more, more_closed in second:
            joined = text + more
            out.add((joined[:BEGINNING_LENGTH], more_closed or len(joined) >= BEGINNING_LENGTH))
    if len(out) > MAX_BEGINNINGS:
        out = {(text[:1], True) for text, _ in out}
    return frozenset(out)


def _char_set(items) -> frozenset:
    """Beginnings of a character class: its lower-cased ASCII members, or unknown."""
    chars = set()
    for op, av in items:
        if op is LITERAL and av < 128:
            chars.add(chr(av).lower())
        elif op is RANGE and av[1] < 128:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return _UNKNOWN
    return frozenset((c, False) for c in chars)


def _beginnings(items) -> frozenset:
    """Possible lower-cased beginnings (text, closed) of what a parsed regex sequence matches."""
    out = frozenset({("", False)})
    for op, av in items:
        if op is LITERAL:
            step = frozenset({(chr(av).lower(), False)}) if av < 128 else _UNKNOWN
        elif op is IN:
            step = _char_set(av)
        elif op is BRANCH:
            step = frozenset().union(*(_beginnings(branch) for branch in av[1]))
        elif op is SUBPATTERN:
            step = _beginnings(av[3])
        elif op is ATOMIC_GROUP:
            step = _beginnings(av)
        elif op in _REPEATS:
            step = _repeat_beginnings(*av)
        elif op in ZERO_WIDTH:
            step = frozenset({("", False)})
        else:
            step = _UNKNOWN
        out = _then(out, step)
    return out


def _repeat_beginnings(low: int, high: int, item) -> frozenset:
    """Beginnings of ``item`` repeated ``low`` to ``high`` times."""
    once, current = _beginnings(item), frozenset({("", False)})
    out = {("", False)} if low == 0 else set()
    for n in range(1, min(high, BEGINNING_LENGTH) + 1):
        current = _then(current, once)
        if n >= low:
            out |= current
    if high > BEGINNING_LENGTH:  # more repeats (or the ones still required) extend the text unseen
        out |= {(text, True) for text, _ in current}
    return frozenset(out)


def beginnings(pattern: re.Pattern, plain: bool | None = None) -> tuple[str, ...] | None:
    """Lower-case strings (at most :data:`BEGINNING_LENGTH` characters) one of which begins,
    lower-cased, every match of ``pattern``; None when a match may begin with anything, or with
    plain regexes (:func:`plain_re`)."""
    if plain_re(plain):
        return None
    found = _beginnings(_parser.parse(pattern.pattern, pattern.flags))
    texts = {text for text, _ in found}
    return None if "" in texts else tuple(sorted(texts))
