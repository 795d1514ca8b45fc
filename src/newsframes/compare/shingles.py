"""Word shingles of a text as hash codes, and the candidate document pairs that share enough
of them (an inverted index that skips shingles common to many documents).
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

import numpy as np

from ..memo import BoundedMemo
from ..text import WORD_RE, word_spans

# --- text reuse -------------------------------------------------------------------------

SHINGLE_SIZE = 5
"""Five-word shingles: long enough that two independent reports of the same event rarely share
one by chance (names and set phrases such as "the NATO-Russia Council" are 2-4 words), short
enough that a copied passage with a few edited words still shares several."""

REUSE_COLUMNS = [
    "doc_a",
    "doc_b",
    "shared_shingles",
    "shingles_a",
    "shingles_b",
    "containment_a_in_b",
    "containment_b_in_a",
    "jaccard",
    "cosine",
]
PASSAGE_COLUMNS = [
    "doc_a",
    "doc_b",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    "n_words",
    "text_a",
    "text_b",
]


MAX_SHINGLE_POSTINGS = 50
"""Shingles found in more documents than this are boilerplate or stock phrases: they are left out
of the candidate index, never out of the exact shared-shingle counts of the candidates. This
bounds the candidate pairs by (shingles in the corpus) x 50 / 2, linear in its size; a passage
copied into more than 50 documents pairs them only through their other shared shingles."""
_SHINGLE_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
    ],
    dtype=np.uint64,
)


def shingle_codes(text: str, k: int = SHINGLE_SIZE) -> np.ndarray:
    """64-bit hashes of a text's k-word shingles in text order, the same in every process
    (CRC-32 of each word, computed once per distinct word, mixed by position): equal shingles
    always hash alike, so unequal hashes prove shingles unequal."""
    return _codes_of_words(WORD_RE.findall(text), k)


def word_code(word: str) -> int:
    """A word's code in shingle hashes: the CRC-32 of its lower-cased UTF-8 bytes."""
    return zlib.crc32(word.lower().encode())


WORD_CODES = BoundedMemo(word_code, 1 << 18)
"""Each word's :func:`word_code`, computed once per process: a corpus's documents share most of
their words (the 924 PolNeAR articles: 690,000 words, 339,000 of them distinct within
their document, 34,000 in the corpus)."""


def _codes_of_words(words_: list[str], k: int) -> np.ndarray:
    if len(words_) < k:
        return np.empty(0, dtype=np.uint64)
    codes = np.fromiter(map(WORD_CODES.__getitem__, words_), dtype=np.uint64, count=len(words_))
    n = len(codes) - k + 1
    hashes = np.zeros(n, dtype=np.uint64)
    for offset in range(k):
        hashes += (
            codes[offset : offset + n] * _SHINGLE_MULTIPLIERS[offset % len(_SHINGLE_MULTIPLIERS)]
        )
    return hashes


LONG_WORD = 255  # a word's stored length when it is this long or longer: its end is looked up


class ShingleSource(NamedTuple):
    """What text-reuse verification needs of one document, computed with its other per-document
    tables and kept compact for the whole corpus (15 bytes a word, not 24): its shingles' sorted
    unique :func:`shingle_codes` (``hashes``, the candidate index's keys), the index into
    ``hashes`` of the shingle at each position (``inverse``, in text order, 2 bytes a word in
    documents of fewer than 65,536 distinct shingles), its words' start offsets and lengths (one
    byte: a word of :data:`LONG_WORD` characters or more is found again by :data:`WORD_RE`) and
    its number of distinct shingles (exact: codes that repeat are checked on the shingles
    themselves). Shingle texts are rebuilt from the text only where a pair shares a code."""

    hashes: np.ndarray
    inverse: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray
    n_distinct: int

    @classmethod
    def of(cls, text: str, k: int = SHINGLE_SIZE) -> ShingleSource:
        return cls.with_words(text, k)[0]

    @classmethod
    def with_words(cls, text: str, k: int = SHINGLE_SIZE) -> tuple[ShingleSource, list[str]]:
        """The text's :class:`ShingleSource` and its words as written (:data:`WORD_RE`
        tokens), for the other measures of text reuse."""
        starts, ends = word_spans(text)
        words_ = [text[start:end] for start, end in zip(starts.tolist(), ends.tolist())]
        codes = _codes_of_words(words_, k)
        lengths = np.minimum(ends - starts, LONG_WORD).astype(np.uint8)
        starts = starts.astype(_offset_type(len(text)))
        hashes, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
        inverse = inverse.astype(np.uint16 if len(hashes) <= 2**16 else np.uint32)
        source = cls(hashes, inverse, starts, lengths, len(hashes))
        repeated: dict[int, set[str]] = defaultdict(set)
        for position, shingle in source.shingles_at(
            text, np.flatnonzero(counts[inverse] > 1), k
        ).items():
            repeated[int(inverse[position])].add(shingle)
        n_distinct = len(hashes) + sum(len(group) - 1 for group in repeated.values())
        return source._replace(n_distinct=n_distinct), words_

    @property
    def codes(self) -> np.ndarray:
        """The :func:`shingle_codes` of the text, in text order."""
        return self.hashes[self.inverse]

    def word_ends(self, text: str, words: np.ndarray) -> list[int]:
        """End offsets in ``text`` of the words numbered ``words``."""
        lengths = self.lengths[words]
        ends = (self.starts[words] + lengths).tolist()
        for i in np.flatnonzero(lengths == LONG_WORD).tolist():
            ends[i] = _word_end(text, int(self.starts[words[i]]), LONG_WORD)
        return ends

    def word_span(self, text: str, word: int) -> tuple[int, int]:
        """Character offsets (start, end) of word ``word`` of ``text``."""
        start = int(self.starts[word])
        return start, _word_end(text, start, int(self.lengths[word]))

    def lowered_words(self, text: str, words: np.ndarray) -> list[str]:
        """The words numbered ``words`` of ``text``, lower-cased (as in its shingles)."""
        bounds = zip(self.starts[words].tolist(), self.word_ends(text, words))
        return [text[start:end].lower() for start, end in bounds]

    def shingles_at(self, text: str, positions, k: int = SHINGLE_SIZE) -> dict[int, str]:
        """Position -> shingle (k lower-cased words joined by spaces)."""
        positions = np.asarray(positions, dtype=np.int64)
        needed = np.unique((positions[:, None] + np.arange(k)).ravel())
        word = dict(zip(needed.tolist(), self.lowered_words(text, needed)))
        return {p: " ".join([word[q] for q in range(p, p + k)]) for p in positions.tolist()}


def _word_end(text: str, start: int, length: int) -> int:
    """The end of the word at ``start`` whose stored length is ``length``."""
    return start + length if length < LONG_WORD else WORD_RE.match(text, start).end()


def _offset_type(length: int) -> type:
    return np.int32 if length < 2**31 else np.int64


class ShingleLookup:
    """One document's shingles found by code, for verifying all its candidate pairs: its
    positions sorted by code once (:attr:`order`), and the text of each shingle built once
    however many pairs share it."""

    def __init__(self, source: ShingleSource, text: str, k: int = SHINGLE_SIZE):
        self.source, self.text, self.k = source, text, k
        self.shingles: dict[int, str] = {}

    @cached_property
    def order(self) -> np.ndarray:
        """The positions sorted by the rank of their code in ``source.hashes`` (stable: in text
        order within a code)."""
        return np.argsort(self.source.inverse, kind="stable")

    @cached_property
    def counts(self) -> np.ndarray:
        """How many positions hold each code (by rank)."""
        return np.bincount(self.source.inverse, minlength=len(self.source.hashes))

    @cached_property
    def first(self) -> np.ndarray:
        """Where each code's positions start in :attr:`order` (by rank)."""
        return np.cumsum(self.counts) - self.counts

    @cached_property
    def single_positions(self) -> list[int]:
        """The position of each code (by rank), -1 for a code held at several positions (a
        list: read one code at a time, for pairs that share only a few)."""
        return np.where(self.counts == 1, self.order[self.first], -1).tolist()

    @property
    def codes_are_shingles(self) -> bool:
        """Whether each code stands for one shingle text in the document (no collision)."""
        return self.source.n_distinct == len(self.source.hashes)

    def with_hashes(self, hashes: np.ndarray) -> dict[int, str]:
        """Position -> shingle (:meth:`ShingleSource.shingles_at`) of the positions whose code is
        one of ``hashes`` (sorted, unique, all the document's own), in text order."""
        ranks = np.searchsorted(self.source.hashes, hashes)
        positions = np.sort(self.positions_of(ranks)[1]).tolist()
        missing = [p for p in positions if p not in self.shingles]
        if missing:
            self.shingles.update(self.source.shingles_at(self.text, missing, self.k))
        return {p: self.shingles[p] for p in positions}

    def positions_of(self, ranks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions holding the codes of ``ranks`` (each code's in text order, codes in
        the order given), and the number in ``ranks`` of each one's code."""
        counts = self.counts[ranks]
        return np.repeat(np.arange(len(ranks)), counts), self.order[
            np.repeat(self.first[ranks], counts) + _ramps(counts)
        ]

    def lowered_words(self, word: int, n: int) -> list[str]:
        """Words ``word`` to ``word + n - 1`` of the text, lower-cased (as in its shingles):
        only those (lower-casing every word of a document for the first run checked word by
        word took a third of the verification of the 924 PolNeAR articles' pairs)."""
        text, end = self.text, word + n
        starts, lengths = self.source.starts[word:end].tolist(), self.source.lengths[word:end]
        return [
            text[start : _word_end(text, start, length)].lower()
            for start, length in zip(starts, lengths.tolist())
        ]

    def span(self, word: int, n: int) -> str:
        """The text from the start of word ``word`` to the end of word ``word + n - 1``."""
        start = int(self.source.starts[word])
        return self.text[start : self.source.word_span(self.text, word + n - 1)[1]]


def _ramps(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., c - 1 for each c of ``counts``, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - counts, counts)


def same_words(lookup_a: ShingleLookup, i: int, lookup_b: ShingleLookup, j: int, n: int) -> bool:
    """Whether words ``i`` to ``i + n - 1`` of one text are, lower-cased, words ``j`` to
    ``j + n - 1`` of the other: at once when the two stretches of text are equal (the words of
    a stretch that starts and ends with a word depend on it alone: :data:`WORD_RE` reads no
    character beyond a word it finds but the next two), else word by word."""
    if lookup_a.span(i, n) == lookup_b.span(j, n):
        return True
    return lookup_a.lowered_words(i, n) == lookup_b.lowered_words(j, n)


PAIRS_PER_POSITION = 8
"""More pairs of equal codes than this many per shared position (a phrase repeated hundreds of
times in both documents makes their product) and :func:`runs_by_codes` leaves the runs to the
shingles' texts, where each run is walked once (``reuse._aligned_runs``): the same runs."""


def runs_by_codes(
    lookup_a: ShingleLookup, lookup_b: ShingleLookup, ranks_a: np.ndarray, ranks_b: np.ndarray
) -> list[tuple[int, int, int]] | None:
    """The aligned runs (i, j, length) of two documents' shingles (as ``_aligned_runs`` of
    :mod:`.reuse` finds them on the shingle texts) from their codes alone, the codes they share
    being ``ranks_a`` and ``ranks_b`` (their ranks in each ``hashes``): or None when a shared
    code may stand for two different shingles, in either document or between them.

    Every pair of positions with equal codes is found by code; pairs that follow each other on
    a diagonal ((i, j), (i + 1, j + 1), ...) form segments, each checked once on the words it
    covers (:func:`same_words`), so a hash collision is never counted. Then, as on the texts,
    ``a`` is read from the left, each time taking the longest run from the next position that
    shares a shingle (the first such run in ``b`` on a tie) and skipping over it: where no
    shared code repeats in either document, the segments themselves. None too where shared
    codes repeat so often in both that their pairs outnumber the positions
    (:data:`PAIRS_PER_POSITION`)."""
    if not (lookup_a.codes_are_shingles and lookup_b.codes_are_shingles):
        return None
    if len(ranks_a) <= FEW_SHARED_CODES:
        positions = _single_positions(lookup_a, lookup_b, ranks_a, ranks_b)
        if positions is not None:
            return _verified_segments(lookup_a, lookup_b, positions)
    code_a, i = lookup_a.positions_of(ranks_a)
    counts_b = lookup_b.counts[ranks_b]
    repeats = counts_b[code_a]
    if int(repeats.sum()) > PAIRS_PER_POSITION * (len(i) + int(counts_b.sum())):
        return None  # a phrase repeated in both: the texts' runs, walked once each, are quicker
    i = np.repeat(i, repeats)
    j = lookup_b.order[np.repeat(lookup_b.first[ranks_b][code_a], repeats) + _ramps(repeats)]
    single = len(i) == len(ranks_a) == len(ranks_b)  # one position per shared code in each
    along = np.argsort(i) if single else np.lexsort((i, i - j))  # by diagonal, then along it
    di, dj = i[along], j[along]
    starts = _segment_starts(di, dj)
    lengths = np.diff(np.append(starts, len(di)))
    segments = list(zip(di[starts].tolist(), dj[starts].tolist(), lengths.tolist()))
    k = lookup_a.k
    if not all(same_words(lookup_a, si, lookup_b, sj, n + k - 1) for si, sj, n in segments):
        return None
    if single:
        return segments
    reach = np.empty_like(i)
    reach[along] = np.repeat(di[starts + lengths - 1], lengths) - di + 1  # to a segment's end
    best = np.lexsort((j, -reach, i))  # by position in a: the longest run first, then by j
    best = best[_segment_starts(i[best], None)]
    positions, partners, reaches = i[best].tolist(), j[best].tolist(), reach[best].tolist()
    runs, at = [], 0
    while at < len(positions):
        runs.append((positions[at], partners[at], reaches[at]))
        at = bisect_left(positions, positions[at] + reaches[at], at + 1)
    return runs


FEW_SHARED_CODES = 32
"""Pairs of documents sharing at most this many codes (most pairs: of the 3,605 of the 924
PolNeAR articles, 2,127 share two) are aligned in Python when each shared code is held at one
position in each document (:func:`_single_positions`): the arrays' calls cost more than the
work for so few."""


def _single_positions(
    lookup_a: ShingleLookup, lookup_b: ShingleLookup, ranks_a: np.ndarray, ranks_b: np.ndarray
) -> list[tuple[int, int]] | None:
    """The position pairs (i, j) of the shared codes, sorted, when each is held at one position
    in each document; else None."""
    in_a, in_b = lookup_a.single_positions, lookup_b.single_positions
    pairs = [(in_a[x], in_b[y]) for x, y in zip(ranks_a.tolist(), ranks_b.tolist())]
    if any(i < 0 or j < 0 for i, j in pairs):
        return None
    return sorted(pairs)


def _verified_segments(
    lookup_a: ShingleLookup, lookup_b: ShingleLookup, pairs: list[tuple[int, int]]
) -> list[tuple[int, int, int]] | None:
    """:func:`runs_by_codes` where each shared code is held at one position in each document
    (``pairs``, sorted): the segments along diagonals, each checked on its words
    (:func:`same_words`), or None when one is not the same words."""
    segments: list[list[int]] = []
    for i, j in pairs:
        if (
            segments
            and i == segments[-1][0] + segments[-1][2]
            and j == segments[-1][1] + segments[-1][2]
        ):
            segments[-1][2] += 1
        else:
            segments.append([i, j, 1])
    k = lookup_a.k
    if not all(same_words(lookup_a, i, lookup_b, j, n + k - 1) for i, j, n in segments):
        return None
    return [(i, j, n) for i, j, n in segments]


def _segment_starts(i: np.ndarray, j: np.ndarray | None) -> np.ndarray:
    """Where a new segment starts in pairs (i, j) sorted along diagonals: where either does not
    step by one from the pair before. Without ``j``: where ``i`` changes."""
    new = np.ones(len(i), dtype=bool)
    if j is None:
        new[1:] = i[1:] != i[:-1]
    else:
        new[1:] = (i[1:] - i[:-1] != 1) | (j[1:] - j[:-1] != 1)
    return np.flatnonzero(new)


HASH_BUCKETS = 8
"""The candidate index is built in this many ranges of hash values, one after the other: each
shingle falls in exactly one range, so the pairs are the same, and the index's sort arrays
(about 30 bytes for every distinct shingle of every document) are held an eighth at a time."""


def candidate_pairs(
    hashes: list[np.ndarray],
    min_shared: int = 2,
    max_postings: int = MAX_SHINGLE_POSTINGS,
    buckets: int = HASH_BUCKETS,
) -> list[tuple[int, int]]:
    """(i, j), i < j, of documents whose hash arrays (sorted unique uint64 values each) share
    at least ``min_shared`` values held by at most ``max_postings`` documents: an inverted
    index built by sorting, so only documents that share a shingle are ever paired."""
    n = len(hashes)
    if n < 2:
        return []
    edges = np.linspace(0, 2.0**64, buckets + 1)[1:-1].astype(np.uint64)
    cuts = [np.r_[0, np.searchsorted(h, edges), len(h)] for h in hashes]
    found = [
        shared_value_counts([h[c[b] : c[b + 1]] for h, c in zip(hashes, cuts)], max_postings)
        for b in range(buckets)
    ]
    keys = np.concatenate([pairs for pairs, _ in found])
    pairs, inverse = np.unique(keys, return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate([c for _, c in found]).astype(float))
    return [(int(p // n), int(p % n)) for p in pairs[counts >= min_shared]]


def shared_value_counts(
    hashes: list[np.ndarray], max_postings: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair of owners (as i * n + j, i < j, for n owners: documents and their shingle
    hashes, quotes and their trigram numbers) sharing values of ``hashes`` (each owner's
    unique values) held by at most ``max_postings`` owners, and how many such values they
    share."""
    n = len(hashes)
    values = np.concatenate(hashes)
    owners = np.repeat(np.arange(n, dtype=np.int32), [len(h) for h in hashes])
    order = np.argsort(values)  # equal values side by side, their owners in any order
    values, owners = values[order], owners[order]
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[starts, len(values)])
    del order, values, starts  # the arrays of every shingle in the range: freed before pairing
    indexed = (sizes > 1) & (sizes <= max_postings)
    owners = owners[np.repeat(indexed, sizes)]
    group = np.repeat(np.arange(int(indexed.sum()), dtype=np.int32), sizes[indexed])
    keys, first = [np.empty(0, dtype=np.int64)], np.arange(len(owners))
    for step in range(1, max_postings):
        first = first[first + step < len(owners)]
        first = first[group[first] == group[first + step]]
        if not len(first):
            break
        a, b = owners[first].astype(np.int64), owners[first + step].astype(np.int64)
        keys.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.unique(np.concatenate(keys), return_counts=True)
