"""Sentence splitting and word tokens shared by every stage.

Sentences come from NLTK's Punkt (Kiss & Strunk 2006) with explicit parameters, never from
a downloaded model: NLTK's data servers are unreachable here, and an untrained Punkt splits
"Jan. 12" and "U.S. Deputy". The abbreviation list is a data file
(``data/abbreviations.txt``) so that readers can extend it for their corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import numpy as np

from .fastregex import is_plain, occurrences
from .resources import news_abbreviations

JOINERS = "-'’."
"""The marks a word token keeps inside it, between two letters or digits ("U.S", "NATO's")."""
WORD_RE = re.compile(rf"[^\W_]+(?:[{re.escape(JOINERS)}][^\W_]+)*", re.UNICODE)
PLAIN_WORD_RE = re.compile(rf"[A-Za-z0-9]+(?:[{re.escape(JOINERS)}][A-Za-z0-9]+)*")
""":data:`WORD_RE` for a plain text (:func:`~newsframes.fastregex.is_plain`), whose letters and
digits are all ASCII: the same tokens, about a fifth faster (ASCII classes, no Unicode lookup;
852 of the 924 PolNeAR articles are plain)."""
_ASCII_ALNUM = np.array([chr(c).isalnum() for c in range(128)] + [False])
_ASCII_JOINER = np.array([chr(c) in JOINERS for c in range(128)] + [False])
_OTHER_JOINER_CODES = [ord(c) for c in JOINERS if ord(c) > 127]
END_MARK_BEFORE_TEXT = re.compile(r"[.?!](?=.)", re.DOTALL)
"""Every Punkt boundary candidate is a sentence-end mark with more text after it."""
PLAIN_CONTEXT = re.compile(
    r"(?P<word>[A-Za-z]{2,})\."  # a candidate's first token: a word of plain letters, a period
    r"(?P<rest>\s+\S+"  # then white space and the next token
    r"|[)\";}\]*:@'({\[\u2018\u2019\u201c\u201d\xab\xbb])"  # or a closing mark (Punkt's NonWord)
)
"""The common contexts Punkt decides without annotating their tokens. "word." is a token of
its own (neither an initial, a number nor an ellipsis), and with no trained collocations,
orthographic context or sentence starters Punkt's second pass never changes its first: a break
after "word." unless it is a listed abbreviation; and a break needs a token after it, which
the rest always gives. An abbreviation is no break, so the context has one only if a later
token has, and only a token holding ".", "?" or "!" can."""
SENTENCE_END_MARK = re.compile(r"[.?!]")


def plain_context_break(text: str, abbreviations: set[str]) -> bool | None:
    """Whether Punkt finds a break in a :data:`PLAIN_CONTEXT` (None: not such a context, or an
    abbreviation followed by an end mark, for Punkt to decide)."""
    plain = PLAIN_CONTEXT.fullmatch(text)
    if plain is None:
        return None
    if plain["word"].lower() not in abbreviations:
        return True
    return None if SENTENCE_END_MARK.search(plain["rest"]) else False


STANDARD_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


def plain_pattern(timed) -> re.Pattern:
    """The standard library's compiled form of a pattern NLTK compiled with its ReDoS guard
    (``nltk.redos``: the ``regex`` engine, every match under a wall-clock timeout). For Punkt's
    own patterns, which backtrack linearly, the guard only costs time: on the 924 PolNeAR
    articles Punkt took 0.30 CPU s with it and 0.19 s without, splitting every paragraph the
    same."""
    return re.compile(timed.pattern, timed.flags & STANDARD_FLAGS)


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import (
        PunktLanguageVars,
        PunktParameters,
        PunktSentenceTokenizer,
        PunktToken,
    )

    class Token(PunktToken):
        """Punkt's token, its patterns matched by the standard library (:func:`plain_pattern`):
        its type is read for every token (splitting the PolNeAR paragraphs took 0.45 CPU s
        with these patterns under the guard, 0.34 s without)."""

        __slots__ = ()
        _RE_ELLIPSIS = plain_pattern(PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = plain_pattern(PunktToken._RE_NUMERIC)
        _RE_INITIAL = plain_pattern(PunktToken._RE_INITIAL)
        _RE_ALPHA = plain_pattern(PunktToken._RE_ALPHA)

    class LanguageVars(PunktLanguageVars):
        """Punkt's English patterns, matched by the standard library (:func:`plain_pattern`)."""

        re_boundary_realignment = plain_pattern(PunktLanguageVars.re_boundary_realignment)

        def __init__(self):
            self.period_context = plain_pattern(super().period_context_re())
            self.word_tokenizer = plain_pattern(super()._word_tokenizer_re())

        def period_context_re(self) -> re.Pattern:
            return self.period_context

        def _word_tokenizer_re(self) -> re.Pattern:
            return self.word_tokenizer

    class Tokenizer(PunktSentenceTokenizer):
        """Punkt deciding the common plain contexts (:func:`plain_context_break`) without
        annotating their tokens, which costs more than all the rest of splitting a paragraph."""

        def text_contains_sentbreak(self, text: str) -> bool:
            found = plain_context_break(text, self._params.abbrev_types)
            return super().text_contains_sentbreak(text) if found is None else found

    params = PunktParameters()
    params.abbrev_types = set(news_abbreviations())
    return Tokenizer(params, lang_vars=LanguageVars(), token_cls=Token)


MAX_SENTENCE_CHARS = 2_000
"""A sentence longer than this (a transcript or a list without stops) is cut into pieces of at
most this many characters, each ending before a space, so that every per-sentence row and
measure costs a bounded amount: one 111 KB sentence with 1,500 dictionary hits wrote each
hit's evidence row with the whole sentence (a 166 MB table). News sentences stay well under it
(PolNeAR's longest of 33,191 is 979 characters)."""


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph (sentences never cross paragraphs),
    each at most :data:`MAX_SENTENCE_CHARS` long.

    A paragraph with no sentence-end mark before its last character has no boundary
    candidate: it is one sentence up to its trailing space, as Punkt would find."""
    if END_MARK_BEFORE_TEXT.search(paragraph) is None:
        end = len(paragraph.rstrip())
        spans = [(0, end)] if end else []
    else:
        spans = _punkt().span_tokenize(paragraph)
    return [piece for start, end in spans for piece in _pieces(paragraph, start, end)]


def _pieces(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span ``start``-``end`` as pieces of at most :data:`MAX_SENTENCE_CHARS` characters,
    cut before the last space that fits (within a word only if none does)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = cut_before_space(paragraph, start, MAX_SENTENCE_CHARS)
        piece_end = cut
        while paragraph[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = cut
        while paragraph[start].isspace():
            start += 1
    return [*pieces, (start, end)]


def cut_before_space(text: str, start: int, limit: int) -> int:
    """Where the longest piece of ``text`` from ``start`` that ends before a space and holds at
    most ``limit`` characters ends (``start + limit`` when no space fits)."""
    cut = text.rfind(" ", start + 1, start + limit + 1)
    return cut if cut > start else start + limit


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]


def words(text: str) -> list[str]:
    """Word tokens (letters/digits, keeping inner hyphens, apostrophes and periods as in U.S)."""
    return (PLAIN_WORD_RE if is_plain(text) else WORD_RE).findall(text)


def lowered_words(text: str) -> list[str]:
    """The :func:`words` of ``text``, lower-cased: those of the lower-cased text when it is
    plain (:func:`~newsframes.fastregex.is_plain`: lower-casing changes ASCII letters only, so
    no token's edges), each word lower-cased otherwise."""
    if is_plain(text):
        return PLAIN_WORD_RE.findall(text.lower())
    return [word.lower() for word in WORD_RE.findall(text)]


def word_spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the :data:`WORD_RE` tokens of ``text`` (what ``finditer``'s
    spans give), found on arrays of character classes rather than one match object per word.

    ``[^\\W_]`` is a character ``str.isalnum`` accepts (``re`` reads ``\\w`` so); a joiner
    (:data:`JOINERS`) belongs to a word exactly when letters or digits stand on both of its
    sides, so the tokens are the maximal runs of such characters."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ascii_codes = np.minimum(codes, 128)  # 128: any character beyond ASCII
    alnum = _ASCII_ALNUM[ascii_codes]
    other = codes > 127
    if other.any():
        distinct, which = np.unique(codes[other], return_inverse=True)
        alnum[other] = np.array([chr(c).isalnum() for c in distinct.tolist()])[which]
    joiner = _ASCII_JOINER[ascii_codes[1:-1]]  # looked up, not np.isin: a third less time
    for code in _OTHER_JOINER_CODES:
        joiner |= codes[1:-1] == code
    joined = np.zeros_like(alnum)
    joined[1:-1] = alnum[:-2] & alnum[2:] & joiner
    edges = np.diff((alnum | joined).view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def word_counts(texts: list[str]) -> np.ndarray:
    """The number of :func:`words` of each text: the :func:`word_spans` of all of them joined by
    line breaks (no token spans one), counted between each text's offsets."""
    starts, _ = word_spans("\n".join(texts))
    lengths = np.fromiter((len(text) + 1 for text in texts), dtype=np.int64, count=len(texts))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    return np.diff(np.searchsorted(starts, offsets))


def written_after_a_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` after a word character or a comma and a space, and
    ends at a word boundary (inside a sentence, not at its start): what ``re.search`` of the
    lookbehind ``[\\w,] ``, the escaped word and ``\\b`` finds, without compiling a pattern
    per word."""
    return any(_after_a_word(text, at, at + len(word)) for at in occurrences(text, word))


WORD_JOINERS = "’'-"  # characters inside a word that are no word characters (``\\w``)
LOWER_CASE_TRIES = 20  # occurrences looked at one by one before the regex engine reads the rest


def written_in_lower_case(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word`` (lower case) as a whole word: no word character or
    joiner (:data:`WORD_JOINERS`) on either side. The first occurrences are looked at one by
    one (most often the first is a whole word, or there is none); past
    :data:`LOWER_CASE_TRIES` inside other words, the regex engine reads the rest in one scan
    (a text of thousands of sentences opening "Ing Roe said", "ing" in every other word, took
    136 s with no limit)."""
    found = list(islice(occurrences(text, word), LOWER_CASE_TRIES + 1))
    if any(_stands_alone(text, at, at + len(word)) for at in found[:LOWER_CASE_TRIES]):
        return True
    if len(found) <= LOWER_CASE_TRIES:
        return False
    joiner = rf"[\w{WORD_JOINERS}]"
    pattern = re.compile(rf"(?<!{joiner}){re.escape(word)}(?!{joiner})")
    return pattern.search(text, found[-1]) is not None


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has no word character or joiner on either side."""
    return not any(
        _is_word_char(text, at) or (0 <= at < len(text) and text[at] in WORD_JOINERS)
        for at in (start - 1, end)
    )


def _is_word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` exists and is a word character (``\\w`` of ``re``)."""
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _after_a_word(text: str, start: int, end: int) -> bool:
    """:func:`written_after_a_word` at one occurrence, ``text[start:end]``."""
    after_word = start >= 2 and text[start - 1] == " "
    after_word = after_word and (text[start - 2] == "," or _is_word_char(text, start - 2))
    return after_word and _is_word_char(text, end - 1) != _is_word_char(text, end)


def word_set(text: str) -> frozenset[str]:
    """The words of a vocabulary written as a block of text."""
    return frozenset(text.split())
