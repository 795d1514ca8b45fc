"""A sorted index of the analysed sentences' text, so that each lexicon pattern is tried only
where its text can begin.
"""

from __future__ import annotations

import re
from functools import cache
from operator import itemgetter

import numpy as np
import pandas as pd

from ..fastregex import BEGINNING_LENGTH, CASELESS_MARKS, beginnings


def compile_cue(pattern: str) -> re.Pattern:
    """A case-insensitive regex for a cue that must start and end at word edges."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


# --- pattern matching -------------------------------------------------------------------------
#
# A cue can only match where its text begins with one of a few lower-case strings (its
# "beginnings", read off the regex's parse tree by :func:`newsframes.fastregex.beginnings`) and the
# character before is not a word character. :class:`SentenceIndex` sorts every such place of
# the analysed text by its next characters, so each cue is tried only where it may begin
# instead of running the regex over all text once per cue.

SENTENCE_SEPARATOR = "\x00"  # between sentences in the index; never in a sentence
INDEX_KEY_LENGTH = BEGINNING_LENGTH  # characters after a position that the index sorts by
_OTHER = 128  # stands for a non-ASCII character: it may be anything, so it matches every cue
_CASELESS = 129
"""Stands for a typographic mark without case (:data:`~newsframes.fastregex.CASELESS_MARKS`:
curly quotes, dashes, the no-break space): it matches no cue's beginning, whose characters are
ASCII letters and marks that match no such mark, ignoring case or not. (As unknown, the marks
before and after quoted words made every cue try some 14,000 places of the PolNeAR texts.)"""
_CASELESS_CODES = np.array(sorted(map(ord, CASELESS_MARKS)), dtype=np.uint32)
_CODES = np.arange(130)
_LOWER = np.where((_CODES >= 65) & (_CODES <= 90), _CODES + 32, _CODES).astype(np.uint8)
_WORD = np.array(
    [chr(c).isalnum() or chr(c) == "_" for c in range(128)] + [False, False]
)  # re's \w on ASCII; no mark is a word character


@cache
def cue_beginnings(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which begins (lower-cased) every match of
    :func:`compile_cue` ``(pattern)``, or None when a match may begin with anything."""
    return beginnings(compile_cue(pattern))


def _key(text: bytes) -> int:
    """A text's index key: its characters as bytes, padded on the right with the non-ASCII mark."""
    return int.from_bytes(text + bytes([_OTHER]) * (INDEX_KEY_LENGTH - len(text)), "big")


def _key_ranges(beginning: str) -> list[tuple[int, int]]:
    """Key ranges of the places a cue with this beginning may match at: keys starting with it,
    and keys whose ASCII part is a shorter start of it (followed by an unknown character)."""
    raw = beginning.encode("ascii")
    rest = 8 * (INDEX_KEY_LENGTH - len(raw))
    head = int.from_bytes(raw, "big") << rest
    return [(_key(raw[:j]), _key(raw[:j])) for j in range(len(raw))] + [
        (head, head | ((1 << rest) - 1))
    ]


@cache
def beginnings_ranges(beginnings: tuple[str, ...]) -> np.ndarray:
    """The key ranges (rows of low, high) of every beginning, sorted, each range once: every
    beginning shares the ranges of places followed by a non-ASCII character. Made once per cue,
    not once per partition of the corpus."""
    ranges = np.array(
        sorted({r for text in beginnings for r in _key_ranges(text)}), dtype=np.uint64
    ).reshape(-1, 2)
    ranges.flags.writeable = False  # shared by every call
    return ranges


def _ascii_lower(text: str, slice_length: int = 1 << 22) -> np.ndarray:
    """Each character of ``text`` as its lower-cased ASCII code, ``_CASELESS`` for a mark
    without case, or ``_OTHER`` for any other non-ASCII character (converted slice by slice, so
    that a large corpus never needs four bytes per character)."""
    return np.concatenate(
        [
            np.empty(0, np.uint8),
            *(_lower_codes(text[i : i + slice_length]) for i in range(0, len(text), slice_length)),
        ]
    )


def _lower_codes(text: str) -> np.ndarray:
    """:func:`_ascii_lower` of one slice."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    lowered = _LOWER[np.minimum(codes, _OTHER)]
    other = np.flatnonzero(codes > 127)
    lowered[other[np.isin(codes[other], _CASELESS_CODES)]] = _CASELESS
    return lowered


class SentenceIndex:
    """The analysed sentences (texts, doc_ids, sent_ids) with every place where a cue may begin
    (the character before is not a word character), sorted by a key of the next
    ``INDEX_KEY_LENGTH`` characters lower-cased; a non-ASCII character and all after it count as
    unknown in the key, since case-insensitive matching may equate it with an ASCII letter."""

    def __init__(self, sentences: pd.DataFrame, searched: list[str] | None = None):
        """``searched``: the texts to match cues in, of the same lengths as the sentences
        (such as :func:`lexical_texts`); matches and sentences are reported as written. Each
        distinct text is indexed and matched once (reprinted copy repeats many sentences), and
        its matches reported for every sentence that reads so."""
        self.shown = sentences["text"].tolist()
        self.texts = self.shown if searched is None else list(searched)
        self.doc_ids, self.sent_ids = sentences["doc_id"].tolist(), sentences["sent_id"].tolist()
        numbers: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            numbers.setdefault(text, []).append(i)
        self.distinct = list(numbers)  # in order of first occurrence
        self.sentences_of = list(numbers.values()) if len(numbers) < len(self.texts) else None
        lengths = np.fromiter(
            (len(t) + 1 for t in self.distinct), dtype=np.int64, count=len(self.distinct)
        )
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        chars = _ascii_lower(SENTENCE_SEPARATOR.join(self.distinct))
        places = np.flatnonzero(
            ~np.concatenate([[False], _WORD[chars]])[: len(chars)]
        )  # no word character before
        padded = np.concatenate([chars, np.zeros(INDEX_KEY_LENGTH, np.uint8)])
        keys, unknown = np.zeros(len(places), np.uint64), np.zeros(len(places), bool)
        for j in range(INDEX_KEY_LENGTH):
            char = padded[places + j]
            unknown |= char == _OTHER
            keys = (keys << np.uint64(8)) | np.where(unknown, _OTHER, char).astype(np.uint64)
        order = np.argsort(keys)  # places of equal keys in any order: candidates sorts them
        self.keys, self.places = keys[order], places[order]

    def candidates(self, beginnings: tuple[str, ...]) -> np.ndarray:
        """Sorted places where a cue with one of ``beginnings`` may match."""
        ranges = beginnings_ranges(beginnings)
        low = np.searchsorted(self.keys, ranges[:, 0], "left")
        high = np.searchsorted(self.keys, ranges[:, 1], "right")
        return np.unique(
            np.concatenate([self.places[a:b] for a, b in zip(low, high)] + [np.empty(0, np.int64)])
        )

    def matches(self, pattern: str) -> list[tuple[int, re.Match]]:
        """(sentence number, match) of ``compile_cue(pattern)`` in every sentence, as
        ``finditer`` on each sentence gives them: every candidate is tried (in one comprehension,
        cheaper than a loop that skips some), then the matches that start inside the sentence's
        previous match are dropped."""
        cue, beginnings = compile_cue(pattern), cue_beginnings(pattern)
        if beginnings is None:
            return [(i, m) for i, text in enumerate(self.texts) for m in cue.finditer(text)]
        places = self.candidates(beginnings)
        sentence = np.searchsorted(self.starts, places, "right") - 1
        texts, match = self.distinct, cue.match
        matched = [
            (i, m)
            for i, offset in zip(sentence.tolist(), (places - self.starts[sentence]).tolist())
            if (m := match(texts[i], offset))
        ]
        found, last, end = [], -1, 0
        for i, m in matched:
            if i != last or m.start() >= end:
                found.append((i, m))
                last, end = i, m.end()
        if self.sentences_of is None:  # every text distinct: its number is the sentence's
            return found
        every = [(i, m) for text, m in found for i in self.sentences_of[text]]
        return sorted(every, key=lambda pair: (pair[0], pair[1].start()))


def hit_rows(index: SentenceIndex, patterns: pd.DataFrame, keys: list[str]) -> list[tuple]:
    """One row per regex match of each pattern in each sentence (each sentence scanned on its
    own, see :meth:`SentenceIndex.matches`): (doc_id, sent_id, the pattern's ``keys`` values,
    match, start (offset in the sentence), sentence), sorted by doc_id, sent_id, start and
    the keys (ties in pattern order)."""
    rows = []
    for pattern, *values in zip(*(patterns[name].tolist() for name in ("pattern", *keys))):
        rows.extend(
            (
                index.doc_ids[i],
                index.sent_ids[i],
                *values,
                index.shown[i][m.start() : m.end()],
                m.start(),
                index.shown[i],
            )
            for i, m in index.matches(pattern)
        )
    start = 3 + len(keys)
    return sorted(rows, key=itemgetter(0, 1, start, *range(2, 2 + len(keys))))


def pattern_hits(
    index: SentenceIndex,
    patterns: pd.DataFrame,
    keys: list[str],
    by: list[str] | None = None,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """:func:`hit_rows` as a table (doc_id, sent_id, the ``keys`` columns, match, start,
    sentence), sorted again ``by`` those columns (a stable sort) and with only ``columns``, in
    their order, when given: sorted and picked as tuples, which costs a partition's few rows
    less than a frame's sort."""
    names = ["doc_id", "sent_id", *keys, "match", "start", "sentence"]
    rows = hit_rows(index, patterns, keys)
    if by:
        rows.sort(key=itemgetter(*map(names.index, by)))
    if columns:
        pick = itemgetter(*map(names.index, columns))
        return pd.DataFrame(list(map(pick, rows)), columns=columns)
    return pd.DataFrame(rows, columns=names)
