"""Text reuse: containment of one document's shingles in another's and the shared passages."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from functools import partial
from operator import itemgetter

import numpy as np
import pandas as pd

from ..fastregex import is_plain
from .shingles import (
    PASSAGE_COLUMNS,
    REUSE_COLUMNS,
    SHINGLE_SIZE,
    ShingleLookup,
    ShingleSource,
    candidate_pairs,
    runs_by_codes,
)
from .tfidf import TermCounts, TermVector, document_frequencies, numbered_idf, term_numbers

PAIRS_PER_TASK = 2_000
"""Candidate pairs verified by one task of :func:`reuse_tasks` (about a third of a second of
news articles' pairs): small enough that the tasks spread evenly over the processes that run
them, large enough that each document's vector and shingle lookup are seldom made twice."""


def reuse_tasks(
    texts: dict[str, str],
    sources: dict[str, ShingleSource],
    counts: dict[str, TermCounts],
    frequencies: pd.DataFrame,
    k: int = SHINGLE_SIZE,
    min_shared: int = 2,
    pairs_per_task: int | None = None,
) -> list:
    """The verification of the candidate pairs (:func:`candidate_pairs`) as tasks: functions of
    no argument, each verifying a run of consecutive pairs (:func:`verified_pairs`) and
    returning its reuse rows and passage rows. Run in order and their rows joined
    (:func:`joined_rows`), they give :func:`reuse_pairs`, in whichever processes they ran.
    ``pairs_per_task``: :data:`PAIRS_PER_TASK` when None."""
    ids = sorted(texts)
    per_task = pairs_per_task or PAIRS_PER_TASK
    pairs = candidate_pairs([sources[d].hashes for d in ids], min_shared)
    vocabulary, idf_values = numbered_idf(len(ids), frequencies)
    paired = sorted({n for pair in pairs for n in pair})
    idf = ({ids[n]: term_numbers(counts[ids[n]], vocabulary) for n in paired}, idf_values)
    return [
        partial(
            verified_pairs,
            [(ids[i], ids[j]) for i, j in pairs[start : start + per_task]],
            texts,
            sources,
            counts,
            idf,
            k,
            min_shared,
        )
        for start in range(0, len(pairs), per_task)
    ]


def reuse_sources(
    texts: dict[str, str], k: int = SHINGLE_SIZE
) -> tuple[dict[str, ShingleSource], dict[str, TermCounts]]:
    """Each text's :class:`ShingleSource` and :class:`TermCounts`, its words found once: the
    counts are of its words lower-cased, which in a plain text (:func:`.fastregex.is_plain`)
    are the words of the lower-cased text, since lower-casing changes no character's kind
    there; any other text is counted on its lower-cased form (lower-cased, "İ" becomes two
    characters, the second no letter). A plain text's shingles are read in its lower-cased
    form, which has the same words at the same offsets and the same codes (each word's code is
    of its lower-cased form), so that its words come lower-cased, each cut once: counted and
    coded as they are, rather than lower-cased again one by one."""
    sources, counts = {}, {}
    for doc_id, text in texts.items():
        plain = is_plain(text)
        sources[doc_id], words_ = ShingleSource.with_words(text.lower() if plain else text, k)
        counts[doc_id] = TermCounts.of_words(words_) if plain else TermCounts.of(text)
    return sources, counts


def joined_rows(results: list[tuple[list[dict], list[dict]]]) -> tuple[list[dict], list[dict]]:
    """The reuse rows and passage rows of :func:`reuse_tasks`' results, in task order."""
    return [r for rows, _ in results for r in rows], [p for _, found in results for p in found]


def reuse_pairs(*inputs, **options) -> tuple[list[dict], list[dict]]:
    """Reuse rows and shared-passage rows of the verified candidate pairs: :func:`reuse_tasks`
    of the same arguments run here, one after the other."""
    return joined_rows([task() for task in reuse_tasks(*inputs, **options)])


def verified_pairs(
    pairs: list[tuple[str, str]],
    texts: dict[str, str],
    sources: dict[str, ShingleSource],
    counts: dict[str, TermCounts],
    idf: tuple,
    k: int = SHINGLE_SIZE,
    min_shared: int = 2,
) -> tuple[list[dict], list[dict]]:
    """Reuse rows and shared-passage rows of the candidate ``pairs`` (doc_a, doc_b; sorted) that
    share at least ``min_shared`` shingles. A pair's shared codes come from its two documents'
    :class:`ShingleSource` (equal shingles hash alike, so no shared shingle is missed), and its
    aligned runs are found on the codes, each checked once on its words
    (:func:`.shingles.runs_by_codes`); where a code may stand for two shingles, the shingles with
    a shared code are rebuilt as text and compared (:func:`shared_by_texts`), so a hash
    collision never counts. Each document's TF-IDF vector (from its ``counts`` and the
    corpus's ``idf``: each term's vocabulary number, :func:`.tfidf.term_numbers`, and each
    number's idf, :func:`numbered_idf`) and shingle lookup are made once and dropped after the
    last pair that needs them."""
    numbers, idf_values = idf
    vectors: dict[str, TermVector] = {}
    lookups: dict[str, ShingleLookup] = {}

    def vector(doc_id: str) -> TermVector:
        if doc_id not in vectors:
            vectors[doc_id] = TermVector.of_numbers(
                numbers[doc_id], counts[doc_id].counts, idf_values
            )
        return vectors[doc_id]

    def lookup(doc_id: str) -> ShingleLookup:
        if doc_id not in lookups:
            lookups[doc_id] = ShingleLookup(sources[doc_id], texts[doc_id], k)
        return lookups[doc_id]

    rows, passages, previous = [], [], None
    for a, b in pairs:
        if previous is not None and a != previous:  # pairs come sorted: done with that document
            vectors.pop(previous, None), lookups.pop(previous, None)
        previous = a
        src_a, src_b = sources[a], sources[b]
        common, ranks_a, ranks_b = np.intersect1d(
            src_a.hashes, src_b.hashes, assume_unique=True, return_indices=True
        )
        if len(common) < min_shared:
            continue
        runs = runs_by_codes(lookup(a), lookup(b), ranks_a, ranks_b)
        if runs is None:  # a code may stand for two shingles: the shingles' own texts decide
            shared, runs = shared_by_texts(lookup(a), lookup(b), common)
        else:
            shared = len(common)
        if shared < min_shared:
            continue
        n_a, n_b = src_a.n_distinct, src_b.n_distinct
        rows.append(
            {
                "doc_a": a,
                "doc_b": b,
                "shared_shingles": shared,
                "shingles_a": n_a,
                "shingles_b": n_b,
                "containment_a_in_b": round(shared / n_a, 4),
                "containment_b_in_a": round(shared / n_b, 4),
                "jaccard": round(shared / (n_a + n_b - shared), 4),
                "cosine": round(vector(a).cosine(vector(b)), 4),
            }
        )
        passages += _passage_rows(a, texts[a], src_a, b, texts[b], src_b, runs, k)
    return rows, passages


def shared_by_texts(
    lookup_a: ShingleLookup, lookup_b: ShingleLookup, common: np.ndarray
) -> tuple[int, list[tuple[int, int, int]]]:
    """How many shingles two documents share and their aligned runs (:func:`_aligned_runs`),
    from the texts of the shingles whose codes are ``common`` to both."""
    at_a, at_b = lookup_a.with_hashes(common), lookup_b.with_hashes(common)
    shared = set(at_a.values()) & set(at_b.values())
    return len(shared), _aligned_runs(_only(at_a, shared), _only(at_b, shared), False)


def _only(at: dict[int, str], keep: set[str]) -> dict[int, str]:
    """The positions of ``at`` whose shingle is in ``keep``."""
    return {i: shingle for i, shingle in at.items() if shingle in keep}


MAX_RUN_CANDIDATES = 100
"""The copies of a shingle a run starting at it is looked for in, at most (the first, or
within one document the next ones): the shingle of a news text repeats a few times at most
(12 in the 924 PolNeAR articles), while a page that repeats a phrase in thousands of variants
(a table, a feed) took time growing with the square of their number (80,000 shingles of 18
variants: 15.8 s, now 0.9 s)."""


def _aligned_runs(
    at_a: dict[int, str], at_b: dict[int, str], same_document: bool
) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length) where shingles a[i:i+length] equal b[j:j+length], scanning
    ``a`` from the left and taking at each position the longest run (a run is skipped over).
    ``at_a`` and ``at_b`` map positions to the shingles the two texts share (elsewhere no run
    can start or go on), so only those positions are visited.

    Within one document only a later, non-overlapping copy counts (j >= i + length + k - 1 is
    checked by the caller through offsets), so a passage is not matched with itself.

    A candidate ``j`` is walked only when the unbroken stretch of shared shingles from ``j``
    (:func:`_reach`) is longer than the best run so far: no other could be longer, so the runs
    are the same, and a text that repeats one phrase thousands of times ("he said. he said.")
    costs one walk per run, not one per pair of its copies. The candidates of ``i`` stop at
    the first run as long as the stretch from ``i`` itself (none can be longer, and ties go to
    the first), within one document start after ``i`` (found by binary search), and are at
    most the first :data:`MAX_RUN_CANDIDATES`: a page that repeats a phrase thousands of times
    is not read through its copies for each.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    for j in sorted(at_b):
        positions[at_b[j]].append(j)
    reach_b = _reach(at_b)
    reach_a = reach_b if at_a is at_b else _reach(at_a)
    runs, i = [], 0
    for start in sorted(at_a):
        if start < i:
            continue
        i = start
        best_j, best_len = -1, 0
        candidates = positions[at_a[i]]
        first = bisect_right(candidates, i) if same_document else 0
        for k in range(first, min(len(candidates), first + MAX_RUN_CANDIDATES)):
            j = candidates[k]
            if best_len == reach_a[i]:
                break
            if reach_b[j] <= best_len:
                continue
            length = 0
            while (shingle := at_a.get(i + length)) is not None and shingle == at_b.get(j + length):
                length += 1
            if length > best_len:
                best_j, best_len = j, length
        if best_len:
            runs.append((i, best_j, best_len))
            i += best_len
    return runs


def _reach(at: dict[int, str]) -> dict[int, int]:
    """For each position of ``at``, how many consecutive positions from it ``at`` holds."""
    reach: dict[int, int] = {}
    for position in sorted(at, reverse=True):
        reach[position] = reach.get(position + 1, 0) + 1
    return reach


def _passage_rows(
    doc_a: str,
    text_a: str,
    source_a: ShingleSource,
    doc_b: str,
    text_b: str,
    source_b: ShingleSource,
    runs: list[tuple[int, int, int]],
    k: int = SHINGLE_SIZE,
) -> list[dict]:
    """Passage rows of aligned shingle ``runs``, mapped back to both texts through the words'
    character offsets."""
    same = doc_a == doc_b
    rows = []
    for i, j, length in runs:
        last = length + k - 2  # the run's last word, counted from its first
        start_a, end_a = int(source_a.starts[i]), source_a.word_span(text_a, i + last)[1]
        start_b, end_b = int(source_b.starts[j]), source_b.word_span(text_b, j + last)[1]
        if same and start_b < end_a:
            continue
        rows.append(
            {
                "doc_a": doc_a,
                "doc_b": doc_b,
                "start_a": start_a,
                "end_a": end_a,
                "start_b": start_b,
                "end_b": end_b,
                "n_words": length + k - 1,
                "text_a": text_a[start_a:end_a],
                "text_b": text_b[start_b:end_b],
            }
        )
    return rows


PASSAGE_ORDER = ["doc_a", "doc_b", "start_a", "start_b", "end_a"]


def passages_frame(rows: list[dict]) -> pd.DataFrame:
    """The passage rows as a table in :data:`PASSAGE_ORDER`, sorted (stably) before the table is
    made: sorting a table costs a few milliseconds even when it is empty, and every partition
    makes one (``sort_values`` compares the same document ids and offsets)."""
    return pd.DataFrame(sorted(rows, key=itemgetter(*PASSAGE_ORDER)), columns=PASSAGE_COLUMNS)


def reuse_tables(
    texts: dict[str, str], k: int = SHINGLE_SIZE, min_shared: int = 2
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reuse table (shared-shingle statistics of candidate document pairs, verified exactly
    on the shingles) and the passages table (shared passages of those pairs and each document's
    repeats) of a corpus of texts, as the pipeline computes them.

    Containment (share of a document's shingles found in the other) shows a short copy inside a
    longer text even when Jaccard is low; cosine is TF-IDF cosine over the whole corpus vocabulary.
    """
    sources, counts = reuse_sources(texts, k)
    frequencies = document_frequencies(counts.values())
    rows, passages = reuse_pairs(texts, sources, counts, frequencies, k, min_shared)
    return pd.DataFrame(rows, columns=REUSE_COLUMNS), concat_passages(
        [passages_frame(passages), repeated_passages(texts, sources, k)]
    )


def repeated_passages(
    texts: dict[str, str], sources: dict[str, ShingleSource], k: int = SHINGLE_SIZE
) -> pd.DataFrame:
    """The passages each document repeats (a paragraph pasted twice), per document. Only
    documents whose shingle codes repeat are read, and in them only the shingles at positions
    whose code repeats are rebuilt as text (a repeated shingle always has a repeated code)."""
    rows = []
    for doc_id in sorted(texts):
        source, text = sources[doc_id], texts[doc_id]
        if len(source.hashes) == len(source.inverse):
            continue
        counts = np.bincount(source.inverse, minlength=len(source.hashes))
        at = source.shingles_at(text, np.flatnonzero(counts[source.inverse] > 1), k)
        runs = _aligned_runs(at, at, same_document=True)
        rows += _passage_rows(doc_id, text, source, doc_id, text, source, runs, k)
    return passages_frame(rows)


def concat_passages(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return (
        pd.concat(frames, ignore_index=True)
        .sort_values(PASSAGE_ORDER, kind="stable")
        .reset_index(drop=True)
    )
