"""Source comparison (chapter 02): what each outlet takes from whom, whose words it carries,
and which facts it chooses.

Per-document functions (quotations, facts, provenance edges) read one document only, so the
pipeline may run them in parallel; corpus-level functions (voices, quote alignment, text reuse,
events) combine their outputs. :func:`run` returns every table, sorted, with no randomness.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import zlib
from array import array
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, NamedTuple
from functools import lru_cache
from itertools import chain, combinations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from .quotes import QUOTE_COLUMNS, agencies, agency_names, alias_key, extract_quotes, quote_rows, quotes_table
from .text import WORD_RE, Scanner, scanner, words

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["extract_quotes", "quotes_table", "voices", "quote_alignment", "word_diff", "shingled",
           "reuse_candidates", "reuse", "reuse_passages", "cosine_matrix", "extract_facts", "events",
           "provenance_for_document", "provenance_graph", "document_tables", "corpus_tables", "run"]

# --- voices -----------------------------------------------------------------------------

VOICE_COLUMNS = ["doc_id", "speaker", "affiliation", "camp", "n_quotes", "n_direct", "n_partial", "n_reported",
                 "n_words"]


def voices(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per document and speaker: how many quotations (by kind) and how many words quoted.

    Unattributed quotes are kept under the speaker "(unattributed)" so that totals add up.
    """
    if quotes.empty:
        return pd.DataFrame(columns=VOICE_COLUMNS)
    kind = quotes["kind"]
    frame = quotes.assign(speaker=quotes["speaker"].replace("", "(unattributed)"),
                          n_words=quotes["text"].map(lambda t: len(words(t))), n_direct=(kind == "direct").astype(int),
                          n_partial=(kind == "partial").astype(int), n_reported=(kind == "reported").astype(int))
    grouped = frame.groupby(["doc_id", "speaker", "affiliation", "camp"], as_index=False).agg(
        n_quotes=("quote_id", "size"), n_direct=("n_direct", "sum"), n_partial=("n_partial", "sum"),
        n_reported=("n_reported", "sum"), n_words=("n_words", "sum"))
    return grouped.sort_values(["doc_id", "n_words", "speaker"], ascending=[True, False, True],
                               kind="stable").reset_index(drop=True)[VOICE_COLUMNS]


# --- quote alignment --------------------------------------------------------------------

ALIGNMENT_COLUMNS = ["doc_a", "quote_a", "speaker_a", "text_a", "doc_b", "quote_b", "speaker_b", "text_b",
                     "score", "ratio", "diff"]


def _normalise_quote(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


def word_diff(a: str, b: str) -> str:
    """Word-level diff of b against a: kept words plain, ``[-removed-]`` and ``{+added+}``."""
    wa, wb = words(a), words(b)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb],
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(wa[i1:i2]))
        if op in ("delete", "replace"):
            parts.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(parts)


ALIGNMENT_NGRAM = 3
MAX_QUOTE_POSTINGS = 50
"""Quote pairs are scored only when they share a word trigram that at most this many quotes
contain; two renderings of one utterance share such a trigram (a rare phrase of the speaker),
while scoring all pairs is quadratic in the number of quotes."""


def _ngram_keys(norm: str, n: int = ALIGNMENT_NGRAM) -> set[str]:
    tokens = norm.split()
    return {" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def alignment_candidates(norms: list[str], doc_ids: list[str], max_postings: int = MAX_QUOTE_POSTINGS) -> list[tuple[int, int]]:
    """(i, j), i < j, of quotes from different documents that share a word trigram found in at
    most ``max_postings`` quotes (an inverted index, never all pairs)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        for key in _ngram_keys(norm):
            index[key].append(i)
    pairs = set()
    for postings in index.values():
        if 1 < len(postings) <= max_postings:
            pairs.update((a, b) for a, b in combinations(postings, 2) if doc_ids[a] != doc_ids[b])
    return sorted(pairs)


def quote_alignment(quotes: pd.DataFrame, min_score: float = 80.0, min_words: int = 5) -> pd.DataFrame:
    """Pairs of quotations in different documents that render the same utterance.

    Scored with rapidfuzz ``partial_ratio`` on lower-cased word sequences, so a short quote found
    inside a longer rendering still scores high; ``ratio`` (whole-string similarity) is reported
    too. Only direct and partial quotes of at least ``min_words`` words take part: short
    fragments match by chance. Candidates come from :func:`alignment_candidates`.
    """
    pool = quotes[quotes["kind"].isin(["direct", "partial"])]
    norms = [_normalise_quote(t) for t in pool["text"]]
    keep = np.array([len(n.split()) >= min_words for n in norms], dtype=bool)
    pool = pool[keep].reset_index(drop=True)
    norms = [n for n, k in zip(norms, keep) if k]
    records = pool[["doc_id", "quote_id", "speaker", "text"]].to_dict("records")
    rows = []
    for i, j in alignment_candidates(norms, pool["doc_id"].tolist()):
        score = fuzz.partial_ratio(norms[i], norms[j], score_cutoff=min_score)  # 0 below: rapidfuzz stops early
        if score < min_score:
            continue
        a, b = records[i], records[j]
        rows.append({"doc_a": a["doc_id"], "quote_a": a["quote_id"], "speaker_a": a["speaker"], "text_a": a["text"],
                     "doc_b": b["doc_id"], "quote_b": b["quote_id"], "speaker_b": b["speaker"], "text_b": b["text"],
                     "score": round(float(score), 1), "ratio": round(fuzz.ratio(norms[i], norms[j]), 1),
                     "diff": word_diff(a["text"], b["text"])})
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    return frame.sort_values(["doc_a", "quote_a", "doc_b", "quote_b"]).reset_index(drop=True)


# --- text reuse -------------------------------------------------------------------------

SHINGLE_SIZE = 5
"""Five-word shingles: long enough that two independent reports of the same event rarely share
one by chance (names and set phrases such as "the NATO-Russia Council" are 2-4 words), short
enough that a copied passage with a few edited words still shares several."""

REUSE_COLUMNS = ["doc_a", "doc_b", "shared_shingles", "shingles_a", "shingles_b", "containment_a_in_b",
                 "containment_b_in_a", "jaccard", "cosine"]
PASSAGE_COLUMNS = ["doc_a", "doc_b", "start_a", "end_a", "start_b", "end_b", "n_words", "text_a", "text_b"]


MAX_SHINGLE_POSTINGS = 50
"""Shingles found in more documents than this are boilerplate or stock phrases: they are left out
of the candidate index, never out of the exact shared-shingle counts of the candidates. This
bounds the candidate pairs by (shingles in the corpus) x 50 / 2, linear in its size; a passage
copied into more than 50 documents pairs them only through their other shared shingles."""
_SHINGLE_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53], dtype=np.uint64)


def shingle_codes(text: str, k: int = SHINGLE_SIZE) -> np.ndarray:
    """64-bit hashes of a text's k-word shingles in text order, the same in every process
    (CRC-32 of each word, computed once per distinct word, mixed by position): equal shingles
    always hash alike, so unequal hashes prove shingles unequal."""
    return _codes_of_words(WORD_RE.findall(text), k)


def _codes_of_words(words_: list[str], k: int) -> np.ndarray:
    if len(words_) < k:
        return np.empty(0, dtype=np.uint64)
    crc = {w: zlib.crc32(w.lower().encode()) for w in set(words_)}
    codes = np.fromiter(map(crc.__getitem__, words_), dtype=np.uint64, count=len(words_))
    n = len(codes) - k + 1
    hashes = np.zeros(n, dtype=np.uint64)
    for offset in range(k):
        hashes += codes[offset:offset + n] * _SHINGLE_MULTIPLIERS[offset % len(_SHINGLE_MULTIPLIERS)]
    return hashes


class ShingleSource(NamedTuple):
    """What text-reuse verification needs of one document, computed with its other per-document
    tables: its :func:`shingle_codes` in text order, their sorted unique values (the candidate
    index's keys), its words' character offsets (start and end of word i at 2i and 2i + 1) and
    its number of distinct shingles (exact: codes that repeat are checked on the shingles
    themselves). Shingle texts are rebuilt from the text only where a pair shares a code."""

    codes: np.ndarray
    hashes: np.ndarray
    offsets: np.ndarray
    n_distinct: int

    @classmethod
    def of(cls, text: str, k: int = SHINGLE_SIZE) -> "ShingleSource":
        spans = [m.span() for m in WORD_RE.finditer(text)]
        codes = _codes_of_words([text[start:end] for start, end in spans], k)
        offsets = np.array(spans, dtype=np.int32 if len(text) < 2 ** 31 else np.int64).reshape(-1)
        hashes, inverse, counts = np.unique(codes, return_inverse=True, return_counts=True)
        source = cls(codes, hashes, offsets, len(hashes))
        repeated: dict[int, set[str]] = defaultdict(set)
        for position, shingle in source.shingles_at(text, np.flatnonzero(counts[inverse] > 1), k).items():
            repeated[int(inverse[position])].add(shingle)
        return source._replace(n_distinct=len(hashes) + sum(len(group) - 1 for group in repeated.values()))

    def shingles_at(self, text: str, positions, k: int = SHINGLE_SIZE) -> dict[int, str]:
        """Position -> shingle (k lower-cased words joined by spaces, as in :class:`Shingled`)."""
        positions = np.asarray(positions, dtype=np.int64)
        needed = np.unique((positions[:, None] + np.arange(k)).ravel())
        starts, ends = self.offsets[2 * needed].tolist(), self.offsets[2 * needed + 1].tolist()
        word = {q: text[start:end].lower() for q, start, end in zip(needed.tolist(), starts, ends)}
        return {p: " ".join([word[q] for q in range(p, p + k)]) for p in positions.tolist()}



class ShingleLookup:
    """One document's shingles found by code, for verifying all its candidate pairs: its codes
    sorted once, and the text of each shingle built once however many pairs share it."""

    def __init__(self, source: ShingleSource, text: str, k: int = SHINGLE_SIZE):
        self.source, self.text, self.k = source, text, k
        self.order = np.argsort(source.codes, kind="stable")
        self.sorted_codes = source.codes[self.order]
        self.shingles: dict[int, str] = {}

    def with_hashes(self, hashes: np.ndarray) -> dict[int, str]:
        """Position -> shingle (:meth:`ShingleSource.shingles_at`) of the positions whose code is
        one of ``hashes`` (sorted, unique), in text order."""
        first = np.searchsorted(self.sorted_codes, hashes, "left")
        lengths = np.searchsorted(self.sorted_codes, hashes, "right") - first
        ends = np.cumsum(lengths)
        ranks = np.repeat(first - (ends - lengths), lengths) + np.arange(ends[-1] if len(ends) else 0)
        positions = np.sort(self.order[ranks]).tolist()
        missing = [p for p in positions if p not in self.shingles]
        if missing:
            self.shingles.update(self.source.shingles_at(self.text, missing, self.k))
        return {p: self.shingles[p] for p in positions}


def candidate_pairs(hashes: list[np.ndarray], min_shared: int = 2,
                    max_postings: int = MAX_SHINGLE_POSTINGS) -> list[tuple[int, int]]:
    """(i, j), i < j, of documents whose hash arrays (unique values each) share at least
    ``min_shared`` values held by at most ``max_postings`` documents: an inverted index built by
    sorting, so only documents that share a shingle are ever paired."""
    if len(hashes) < 2:
        return []
    values = np.concatenate(hashes)
    owners = np.repeat(np.arange(len(hashes), dtype=np.int64), [len(h) for h in hashes])
    order = np.lexsort((owners, values))
    values, owners = values[order], owners[order]
    group_id = np.cumsum(np.r_[True, values[1:] != values[:-1]])
    group_size = np.bincount(group_id)[group_id]
    keep = (group_size > 1) & (group_size <= max_postings)
    owners, group_id = owners[keep], group_id[keep]
    keys, first = [], np.arange(len(owners))
    for step in range(1, max_postings):
        first = first[first + step < len(owners)]
        first = first[group_id[first] == group_id[first + step]]
        if not len(first):
            break
        keys.append(owners[first] * len(hashes) + owners[first + step])
    if not keys:
        return []
    pairs, counts = np.unique(np.concatenate(keys), return_counts=True)
    return [(int(p // len(hashes)), int(p % len(hashes))) for p in pairs[counts >= min_shared]]


def reuse_candidates(shingle_sets: dict[str, set[str]], min_shared: int = 2,
                     max_postings: int = MAX_SHINGLE_POSTINGS) -> list[tuple[str, str]]:
    """Document pairs sharing at least ``min_shared`` shingles, from an inverted shingle index.

    Only documents that share a shingle are ever paired (no all-pairs loop). An inverted index,
    not MinHash LSH: LSH buckets by Jaccard similarity and so misses a short wire copy inside a
    long article (low Jaccard, high containment), which is the case that matters here; the index
    is exact. Shingles found in more than ``max_postings`` documents (boilerplate) are skipped.
    """
    ids = sorted(shingle_sets)
    hashes = [np.unique(np.fromiter((zlib.crc32(s.encode()) for s in shingle_sets[d]), dtype=np.uint64))
              for d in ids]
    pairs = candidate_pairs(hashes, min_shared, max_postings)
    return [(ids[i], ids[j]) for i, j in pairs if len(shingle_sets[ids[i]] & shingle_sets[ids[j]]) >= min_shared]


def _tfidf(texts: dict[str, str]):
    ids = sorted(texts)
    from sklearn.feature_extraction.text import TfidfVectorizer  # here: importing scikit-learn takes about 1 s

    vectorizer = TfidfVectorizer(lowercase=True, token_pattern=WORD_RE.pattern, sublinear_tf=True)
    return ids, vectorizer.fit_transform([texts[i] for i in ids])


def cosine_matrix(texts: dict[str, str]) -> pd.DataFrame:
    """Full TF-IDF cosine similarity matrix (doc_id x doc_id), for small corpora and heatmaps."""
    if not texts:
        return pd.DataFrame()
    ids, matrix = _tfidf(texts)
    from sklearn.metrics.pairwise import cosine_similarity

    return pd.DataFrame(cosine_similarity(matrix), index=ids, columns=ids).round(4)


def document_frequencies(texts: dict[str, str]) -> pd.DataFrame:
    """(term, n_docs): in how many of ``texts`` each lower-cased word occurs; partial counts of
    parts of a corpus add up to the corpus's."""
    counts = Counter(term for text in texts.values() for term in set(WORD_RE.findall(text.lower())))
    return pd.DataFrame(sorted(counts.items()), columns=["term", "n_docs"])


def smoothed_idf(n_docs: int, df: dict[str, int]) -> dict[str, float]:
    """Each term's smoothed inverse document frequency, as scikit-learn's ``TfidfVectorizer``
    computes it, from the corpus's document frequencies ``df``."""
    return {t: math.log((1 + n_docs) / (1 + n)) + 1 for t, n in df.items()}


def tfidf_vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    """A text's TF-IDF vector as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` computes it
    (l2 norm), from the corpus's :func:`smoothed_idf`."""
    counts = Counter(WORD_RE.findall(text.lower()))
    weights = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()}


def sublinear_tf(counts: np.ndarray) -> np.ndarray:
    """1 + log(c) of each count c >= 1, with ``math.log`` as :func:`tfidf_vector` computes it
    (numpy's log may differ in the last bit), looked up in a table cached by power-of-two size."""
    return _log_table(int(counts.max(initial=1)).bit_length())[counts]


@lru_cache(maxsize=None)
def _log_table(bits: int) -> np.ndarray:
    return np.array([0.0] + [1 + math.log(c) for c in range(1, 1 << bits)])


class TermVector(NamedTuple):
    """:func:`tfidf_vector` held compactly (thousands stay cheap): the terms' vocabulary numbers
    in the dict's order and their weights."""

    ids: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, text: str, idf: np.ndarray, vocabulary: dict[str, int]) -> "TermVector":
        """:func:`tfidf_vector` of ``text`` with the same float arithmetic: ``idf`` holds each
        vocabulary number's smoothed idf; the log of a count is Python's (a table, not numpy's
        log, whose last bit may differ) and the norm sums the squares in term order."""
        counts = Counter(WORD_RE.findall(text.lower()))
        ids = np.fromiter(map(vocabulary.__getitem__, counts), dtype=np.int64, count=len(counts))
        tally = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
        weights = sublinear_tf(tally) * idf[ids]
        return cls(ids, weights / math.sqrt(sum((weights * weights).tolist())))

    def cosine(self, other: "TermVector") -> float:
        """Cosine of two unit vectors: the products of the shorter vector's weights with the
        other's for the terms both hold, summed in the shorter vector's term order."""
        va, vb = (other, self) if len(other.ids) < len(self.ids) else (self, other)
        _, in_a, in_b = np.intersect1d(va.ids, vb.ids, assume_unique=True, return_indices=True)
        order = np.argsort(in_a)
        return float(sum((va.weights[in_a[order]] * vb.weights[in_b[order]]).tolist()))


def _reuse_pairs(texts: dict[str, str], sources: dict[str, ShingleSource], frequencies: pd.DataFrame,
                 k: int = SHINGLE_SIZE, min_shared: int = 2) -> tuple[list[dict], list[dict]]:
    """Reuse rows and shared-passage rows of the verified candidate pairs. A pair's shared
    codes come from its two documents' :class:`ShingleSource`; only shingles with a shared code
    are rebuilt as text and compared (equal shingles hash alike, so no shared shingle is missed,
    and a hash collision never counts). Each document's TF-IDF vector is computed once."""
    ids = sorted(texts)
    idf = smoothed_idf(len(ids), dict(zip(frequencies["term"], frequencies["n_docs"])))
    vocabulary = {term: i for i, term in enumerate(idf)}
    idf_values = np.fromiter(idf.values(), dtype=float, count=len(idf))
    vectors: dict[str, TermVector] = {}
    lookups: dict[str, ShingleLookup] = {}

    def vector(doc_id: str) -> TermVector:
        if doc_id not in vectors:
            vectors[doc_id] = TermVector.of(texts[doc_id], idf_values, vocabulary)
        return vectors[doc_id]

    def lookup(doc_id: str) -> ShingleLookup:
        if doc_id not in lookups:
            lookups[doc_id] = ShingleLookup(sources[doc_id], texts[doc_id], k)
        return lookups[doc_id]

    rows, passages = [], []
    for i, j in candidate_pairs([sources[d].hashes for d in ids], min_shared):
        a, b = ids[i], ids[j]
        src_a, src_b = sources[a], sources[b]
        common = np.intersect1d(src_a.hashes, src_b.hashes, assume_unique=True)
        if len(common) < min_shared:
            continue
        at_a, at_b = lookup(a).with_hashes(common), lookup(b).with_hashes(common)
        shared_set = set(at_a.values()) & set(at_b.values())
        shared = len(shared_set)
        if shared < min_shared:
            continue
        n_a, n_b = src_a.n_distinct, src_b.n_distinct
        rows.append({"doc_a": a, "doc_b": b, "shared_shingles": shared, "shingles_a": n_a,
                     "shingles_b": n_b, "containment_a_in_b": round(shared / n_a, 4),
                     "containment_b_in_a": round(shared / n_b, 4),
                     "jaccard": round(shared / (n_a + n_b - shared), 4),
                     "cosine": round(vector(a).cosine(vector(b)), 4)})
        runs = _aligned_runs(_only(at_a, shared_set), _only(at_b, shared_set), False)
        passages += _passage_rows(a, texts[a], src_a.offsets, b, texts[b], src_b.offsets, runs, k)
    return rows, passages


def _only(at: dict[int, str], keep: set[str]) -> dict[int, str]:
    """The positions of ``at`` whose shingle is in ``keep``."""
    return {i: shingle for i, shingle in at.items() if shingle in keep}


def reuse(texts: dict[str, str], k: int = SHINGLE_SIZE, min_shared: int = 2) -> pd.DataFrame:
    """Shared-shingle statistics of candidate document pairs, verified exactly on shingle sets.

    Containment (share of a document's shingles found in the other) shows a short copy inside a
    longer text even when Jaccard is low; cosine is TF-IDF cosine over the whole corpus vocabulary.
    """
    sources = {d: ShingleSource.of(t, k) for d, t in texts.items()}
    return pd.DataFrame(_reuse_pairs(texts, sources, document_frequencies(texts), k, min_shared)[0],
                        columns=REUSE_COLUMNS)


def _aligned_runs(at_a: dict[int, str], at_b: dict[int, str], same_document: bool) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length) where shingles a[i:i+length] equal b[j:j+length], scanning
    ``a`` from the left and taking at each position the longest run (a run is skipped over).
    ``at_a`` and ``at_b`` map positions to the shingles the two texts share (elsewhere no run
    can start or go on), so only those positions are visited.

    Within one document only a later, non-overlapping copy counts (j >= i + length + k - 1 is
    checked by the caller through offsets), so a passage is not matched with itself.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    for j in sorted(at_b):
        positions[at_b[j]].append(j)
    runs, i = [], 0
    for start in sorted(at_a):
        if start < i:
            continue
        i = start
        best_j, best_len = -1, 0
        for j in positions[at_a[i]]:
            if same_document and j <= i:
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


def shared_runs(a: "Shingled", b: "Shingled", same_document: bool) -> list[tuple[int, int, int]]:
    """:func:`_aligned_runs` of two :class:`Shingled` texts."""
    shared = a.distinct & b.distinct
    return _aligned_runs({i: s for i, s in enumerate(a.shingles) if s in shared},
                         {j: s for j, s in enumerate(b.shingles) if s in shared}, same_document)


class Shingled(NamedTuple):
    """A text's k-word shingles of lower-cased words in order (shingle i starts at word i),
    their set, and its words' character offsets (start and end of word i at 2i and 2i + 1,
    unboxed: thousands of documents' worth stay cheap to hold and to garbage-collect)."""

    shingles: list[str]
    distinct: set[str]
    offsets: array


def shingled(text: str, k: int = SHINGLE_SIZE) -> Shingled:
    """:class:`Shingled` of a text, computed once per document."""
    words_ = [word.lower() for word in WORD_RE.findall(text)]
    in_order = list(map(" ".join, zip(*(words_[i:] for i in range(k)))))
    offsets = array("q", chain.from_iterable(m.span() for m in WORD_RE.finditer(text)))
    return Shingled(in_order, set(in_order), offsets)


def _passage_rows(doc_a: str, text_a: str, off_a, doc_b: str, text_b: str, off_b,
                  runs: list[tuple[int, int, int]], k: int = SHINGLE_SIZE) -> list[dict]:
    """Passage rows of aligned shingle ``runs``, mapped back to both texts through the words'
    character offsets."""
    same = doc_a == doc_b
    rows = []
    for i, j, length in runs:
        last = length + k - 2  # the run's last word, counted from its first
        start_a, end_a = int(off_a[2 * i]), int(off_a[2 * (i + last) + 1])
        start_b, end_b = int(off_b[2 * j]), int(off_b[2 * (j + last) + 1])
        if same and start_b < end_a:
            continue
        rows.append({"doc_a": doc_a, "doc_b": doc_b, "start_a": start_a, "end_a": end_a, "start_b": start_b,
                     "end_b": end_b, "n_words": length + k - 1, "text_a": text_a[start_a:end_a],
                     "text_b": text_b[start_b:end_b]})
    return rows


def _shingled_passages(doc_a: str, text_a: str, a: "Shingled", doc_b: str, text_b: str, b: "Shingled",
                       k: int = SHINGLE_SIZE) -> list[dict]:
    """Passage rows of two :class:`Shingled` texts (or of one text with itself)."""
    if doc_a == doc_b and len(a.distinct) == len(a.shingles):
        return []  # no shingle occurs twice, so nothing is repeated
    return _passage_rows(doc_a, text_a, a.offsets, doc_b, text_b, b.offsets, shared_runs(a, b, doc_a == doc_b), k)


PASSAGE_ORDER = ["doc_a", "doc_b", "start_a", "start_b", "end_a"]


def _passages_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return frame.sort_values(PASSAGE_ORDER, kind="stable").reset_index(drop=True)


def repeated_passages(texts: dict[str, str], k: int = SHINGLE_SIZE) -> pd.DataFrame:
    """The passages each document repeats (a paragraph pasted twice), per document."""
    rows = []
    for doc_id in sorted(texts):
        own = shingled(texts[doc_id], k)
        rows += _shingled_passages(doc_id, texts[doc_id], own, doc_id, texts[doc_id], own, k)
    return _passages_frame(rows)


class _LastUsed:
    """``function(doc_id)`` remembered for the last ``size`` documents: candidate pairs come
    sorted, so a document's shingles are computed about once, without holding every document's."""

    def __init__(self, function, size: int = 256):
        self.function, self.size, self.cache = function, size, {}

    def __call__(self, doc_id: str):
        if doc_id not in self.cache:
            if len(self.cache) >= self.size:
                self.cache.pop(next(iter(self.cache)))
            self.cache[doc_id] = self.function(doc_id)
        return self.cache[doc_id]


def pair_passages(texts: dict[str, str], reuse_table: pd.DataFrame, k: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Shared passages of every candidate pair in ``reuse_table``."""
    view = _LastUsed(lambda d: shingled(texts[d], k))
    rows = []
    for a, b in zip(reuse_table["doc_a"], reuse_table["doc_b"]):
        rows += _shingled_passages(a, texts[a], view(a), b, texts[b], view(b), k)
    return _passages_frame(rows)


def reuse_passages(texts: dict[str, str], reuse_table: pd.DataFrame, k: int = SHINGLE_SIZE) -> pd.DataFrame:
    """Shared passages of every candidate pair in ``reuse_table`` plus each document's repeats."""
    return _concat_passages([pair_passages(texts, reuse_table, k), repeated_passages(texts, k)])


def _concat_passages(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return pd.concat(frames, ignore_index=True).sort_values(PASSAGE_ORDER, kind="stable").reset_index(drop=True)


# --- facts ------------------------------------------------------------------------------

FACT_COLUMNS = ["doc_id", "sent_id", "kind", "surface", "value", "unit", "note", "start", "end", "context"]
EVENT_COLUMNS = ["value", "date_start", "date_end", "year_known", "n_docs", "n_mentions", "doc_ids"]

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
          "nov": 11, "dec": 12}
MONTH_RE = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
            r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY_RANGE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
YEAR_TAIL = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
MONTH_FIRST = "(?=[" + "".join(sorted({name[0].upper() for name in MONTHS})) + "])"
"""Zero-width first-letter checks: a match can start only there, and the regex engine skips
other positions faster than it tries the whole pattern at them (same matches, fewer steps)."""
DATE_PATTERNS = [
    re.compile(MONTH_FIRST + r"\b" + MONTH_RE + r"\s+" + DAY_RANGE + r"\b(?!\s*(?:,\s*)?\d{3})" + YEAR_TAIL),
    re.compile(r"(?=\d)\b" + DAY_RANGE + r"\s+(?:of\s+)?" + MONTH_RE + r"\b" + YEAR_TAIL),
    re.compile(MONTH_FIRST + r"\b" + MONTH_RE + r"\s+(?P<year>(?:19|20)\d\d)\b"),
]
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "hundred": 100, "dozen": 12}
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "mln": 1e6}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
QUALIFIER_PHRASES = ["up to", "about", "around", "some", "nearly", "almost", "more than", "over", "at least",
                     "an estimated", "estimated", "approximately", "roughly", "fewer than", "less than"]
QUALIFIERS = r"(?P<qualifier>" + "|".join(p.replace(" ", r"\s+") for p in QUALIFIER_PHRASES) + r")\s+"
NUMBER_FIRST = (r"(?=\d|(?i:[" + "".join(sorted({w[0] for w in NUMBER_WORDS})) + r"])|["
                + "".join(sorted({p[0] for p in QUALIFIER_PHRASES})) + r"])")  # as MONTH_FIRST
NUMBER_RE = re.compile(
    NUMBER_FIRST + r"(?:\b" + QUALIFIERS + r")?(?<![\w.,])(?<![^\W\d_]-)"
    r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i:" + "|".join(NUMBER_WORDS) + r"))\b"
    r"(?:\s*(?P<multiplier>(?i:thousand|million|billion|bn|mln))\b)?"
    r"(?:(?P<hyphen>-)|\s+)?(?P<unit>[^\W\d_]+)?")
NOT_UNITS = {"and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that",
             "is", "are", "was", "were", "has", "have", "had", "will", "would", "per", "percent", "than", "said"}


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def infer_year(month: int, day: int, published: str) -> tuple[int | None, str]:
    """The year that puts month/day nearest the publication date, or None without one."""
    try:
        pub = dt.date.fromisoformat(published[:10])
    except (TypeError, ValueError):
        return None, "year not written and no publication date"
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            options.append((abs((dt.date(year, month, day) - pub).days), year))
        except ValueError:
            continue
    if not options:
        return None, "invalid date"
    return min(options)[1], f"year inferred from publication date {published[:10]}"


def _iso(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, published: str) -> list[dict]:
    """Dates written in a text, normalised to ISO (``--MM-DD`` when the year stays unknown);
    a day range becomes an ISO interval ``start/end``."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            month = MONTHS[m["month"][:3].lower()]
            groups = m.groupdict()
            day, day2 = (int(groups["day"]) if groups.get("day") else None), groups.get("day2")
            if day is not None and not 1 <= day <= 31:
                continue
            year, note = (int(m["year"]), "") if m["year"] else infer_year(month, day or 1, published)
            value = _iso(year, month, day)
            if day2:
                value += "/" + _iso(year, month, int(day2))
            taken.append((m.start(), m.end()))
            found.append({"kind": "date", "surface": m[0], "value": value, "unit": "", "note": note,
                          "start": m.start(), "end": m.end()})
    return found


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Numbers with their unit noun: quantities (>= 1000 or with a multiplier), counts, durations."""
    found = []
    for m in NUMBER_RE.finditer(text):
        number_start = m.start("number")
        if any(a <= number_start < b for a, b in taken):
            continue
        raw = m["number"].lower()
        is_word = raw in NUMBER_WORDS
        value = NUMBER_WORDS[raw] if is_word else float(raw.replace(",", ""))
        unit = m["unit"] or ""
        if unit.lower() in NOT_UNITS or unit.isupper():
            unit = ""
        if m["multiplier"]:
            value *= MULTIPLIERS[m["multiplier"].lower()]
        elif not is_word and re.fullmatch(r"(?:19|20)\d\d", raw):
            continue  # a year
        unit = _singular(unit)
        if unit in TIME_UNITS:
            kind = "duration"
        elif m["multiplier"] or value >= 1000:
            kind = "quantity"
        elif unit:
            kind = "count"
        else:
            continue  # a bare small number says nothing on its own
        end = m.end("unit") if unit else m.end("multiplier") if m["multiplier"] else m.end("number")
        start = m.start("qualifier") if m["qualifier"] else number_start
        found.append({"kind": kind, "surface": text[start:end], "value": str(int(value)) if value == int(value) else str(value),
                      "unit": unit, "note": " ".join(m["qualifier"].split()) if m["qualifier"] else "",
                      "start": start, "end": end})
    return found


def fact_rows(doc_id: str, text: str, sentences: pd.DataFrame, published: str = "") -> list[dict]:
    """Dates, quantities, counts and durations one document reports, each with its sentence, as
    rows (``FACT_COLUMNS``) in text order."""
    dates = find_dates(text, published)
    items = dates + find_quantities(text, [(d["start"], d["end"]) for d in dates])
    starts, ends, ids, sent_texts = (sentences[c].tolist() for c in ("start", "end", "sent_id", "text"))
    rows = []
    for item in items:
        where = next((n for n, (a, b) in enumerate(zip(starts, ends)) if a <= item["start"] < b), None)
        rows.append({"doc_id": doc_id, "sent_id": ids[where] if where is not None else 0,
                     "context": sent_texts[where] if where is not None else "", **item})
    return sorted(rows, key=lambda row: row["start"])


def extract_facts(doc_id: str, text: str, sentences: pd.DataFrame, published: str = "") -> pd.DataFrame:
    """Dates, quantities, counts and durations one document reports, each with its sentence."""
    return pd.DataFrame(fact_rows(doc_id, text, sentences, published), columns=FACT_COLUMNS)


def events(facts: pd.DataFrame) -> pd.DataFrame:
    """Distinct normalised dates with the documents mentioning them, for a timeline."""
    dates = facts[facts["kind"] == "date"]
    if dates.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    mentions: dict[str, list[str]] = defaultdict(list)
    for value, doc_id in zip(dates["value"], dates["doc_id"]):
        if not pd.isna(value):
            mentions[value].append(doc_id)
    rows = []
    for value in sorted(mentions):
        start, _, end = value.partition("/")
        doc_ids = sorted(set(mentions[value]))
        rows.append({"value": value, "date_start": start, "date_end": end or start,
                     "year_known": not start.startswith("--"), "n_docs": len(doc_ids),
                     "n_mentions": len(mentions[value]), "doc_ids": "|".join(doc_ids)})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


# --- provenance -------------------------------------------------------------------------

EDGE_COLUMNS = ["doc_id", "child", "parent", "relation", "evidence", "start", "end"]
UNKNOWN_VALUES = {"", "unknown", "nan", "none"}


def _agency_pattern() -> str:
    return agency_names().anywhere.pattern.removeprefix("(?<![\\w-])(?:").removesuffix(")(?![\\w-])")


def _canonical_source(surface: str) -> str:
    """Canonical agency or outlet name for a surface form, else the surface form itself."""
    surface = re.sub(r"\s+news\s+agency$", "", surface.strip(), flags=re.IGNORECASE)
    row = agency_names().rows.get(alias_key(surface))
    return row["name"] if row else surface


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, ...]:
    agency = _agency_pattern()
    patterns = [
        rf"^[^\n]{{0,60}}?\((?P<source>{agency})\)\s*[:\-–—]",
        rf"^(?P<source>{agency})\s*,\s*(?:[A-Z][a-z]+\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]+)\s*[.:\-–—]",
        r"^(?:Source|Sources|Via|Credit)\s*:\s*(?P<source>[^\n]{1,60}?)\s*$",
        rf"^By\s+(?P<source>{agency})\s*$",
    ]
    return tuple(re.compile(p, re.MULTILINE | re.IGNORECASE) for p in patterns)


def credit_markers(text: str) -> list[tuple[str, str, int, int]]:
    """(source, evidence, start, end) for credits naming where a text comes from: a dateline
    "(IANS)", a leading "TASS, December 26.", "Source: IZ", "By Euronews" (known names only)."""
    found = []
    for pattern in _credit_patterns():
        for m in pattern.finditer(text):
            found.append((_canonical_source(m["source"]), m[0].strip(), m.start(), m.end()))
    return sorted(found, key=lambda f: f[2])


def line_credits(line: str) -> list[tuple[str, str]]:
    """(source, evidence) of :func:`credit_markers` for one raw line: each pattern starts at a
    line start, so in a line without "\\n" it can only match at position 0, once."""
    if "\n" in line:
        return [(source, evidence) for source, evidence, _, _ in credit_markers(line)]
    return [(_canonical_source(m["source"]), m[0].strip()) for pattern in _credit_patterns() if (m := pattern.match(line))]


@lru_cache(maxsize=1)
def _relay_patterns() -> tuple[re.Pattern, ...]:
    """Relay phrases (agency then verb; "according to" then agency) and the "citing" phrase."""
    agency = _agency_pattern()
    named = rf"(?P<source>(?:{agency})(?:\s+news\s+agency)?|[A-Z][\w-]+\s+news\s+agency)"
    verbs = r"(?:reported|stated|said|wrote|quoted|cited|informed|announced|reports|says|writes)"
    patterns = [rf"\b{named}\s+(?:\w+\s+){{0,2}}?{verbs}\b",
                rf"\b(?:according\s+to|citing|cited\s+by|quoted\s+by|as\s+reported\s+by|told)\s+(?:the\s+)?{named}",
                rf"\b{named}[^.\n]{{0,60}}?,\s*citing\s+(?P<cited>[^,.;\n]+)"]
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def _relay_scanners() -> tuple[Scanner, ...]:
    """:func:`_relay_patterns` tried only where a match can start (the same matches)."""
    return tuple(scanner(pattern) for pattern in _relay_patterns())


def relay_markers(text: str) -> list[tuple[str, str, str, int, int]]:
    """(source, relation, evidence, start, end) for agencies named as the source of reported
    content ("Xinhua news agency reported", "according to TASS", "citing Anadolu Agency") and
    for sources an agency cites ("Anadolu Agency stated …, citing a source in the alliance")."""
    *patterns, cites = _relay_scanners()
    found = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not re.match(r"[A-Z]", m["source"]):
                continue
            found.append((_canonical_source(m["source"]), "relays", _sentence_around(text, m.start(), m.end()),
                          m.start(), m.end()))
    for m in cites.finditer(text):
        found.append((f"{_canonical_source(m['source'])}\x00{m['cited'].strip()}", "cites",
                      _sentence_around(text, m.start(), m.end()), m.start(), m.end()))
    return sorted(found, key=lambda f: f[3])


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right = min([p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0], default=len(text))
    return text[left:right + 1].strip()


def edge_rows(doc: dict, text: str, raw_lines: list[str] | None = None) -> list[dict]:
    """Provenance edges of one document, as rows (``EDGE_COLUMNS``): outlet ← credited source ← relayed agency ← cited source.

    Sources come from the document's ``upstream`` column (semicolon-separated, first is the
    direct source), credit markers in the text or in its raw lines (datelines, bylines and
    "Source:" lines that cleaning removed), and relay phrases in the body. ``child`` receives
    content from ``parent``; start/end are offsets into the cleaned text (-1 for metadata or raw lines).
    """
    doc_id = doc["doc_id"]
    outlet = str(doc.get("outlet", "") or "")
    outlet = outlet if outlet.lower() not in UNKNOWN_VALUES else f"unknown outlet ({doc_id})"
    edges: list[dict] = []

    def add(child, parent, relation, evidence, start=-1, end=-1):
        if child != parent and parent:
            edges.append({"doc_id": doc_id, "child": child, "parent": parent, "relation": relation,
                          "evidence": evidence, "start": start, "end": end})

    credits = [(s, e, a, b) for s, e, a, b in credit_markers(text)]
    for line in raw_lines or []:
        credits += [(s, e, -1, -1) for s, e in line_credits(line)]
    upstream = [_canonical_source(u) for u in str(doc.get("upstream", "") or "").split(";")
                if u.strip().lower() not in UNKNOWN_VALUES]
    for source, evidence, start, end in credits:
        add(outlet, source, "credit", evidence, start, end)
    direct = credits[0][0] if credits else (upstream[0] if upstream else outlet)
    if upstream and not credits:
        add(outlet, upstream[0], "credit", "documents.upstream")
    relays = relay_markers(text)
    relayed = {s for s, rel, *_ in relays if rel == "relays"}
    for source, relation, evidence, start, end in relays:
        if relation == "relays":
            add(direct, source, "relays", evidence, start, end)
        else:
            citer, cited = source.split("\x00")
            add(citer, cited, "cites", evidence, start, end)
    for parent in upstream[1:]:
        if parent not in relayed and parent != direct:
            add(direct, parent, "relays", "documents.upstream")
    unique = {}
    for edge in edges:
        unique.setdefault((edge["child"], edge["parent"], edge["relation"]), edge)
    return list(unique.values())


def provenance_for_document(doc: dict, text: str, raw_lines: list[str] | None = None) -> pd.DataFrame:
    """Provenance edges of one document (see :func:`edge_rows`)."""
    return pd.DataFrame(edge_rows(doc, text, raw_lines), columns=EDGE_COLUMNS)


def provenance_graph(edges: pd.DataFrame) -> nx.DiGraph:
    """Directed graph with an edge parent → child (the direction content travels); each edge
    keeps its relation, evidence and documents; nodes know whether they are known agencies."""
    import networkx as nx  # here: only the provenance chapter draws the graph

    graph = nx.DiGraph()
    known = set(agencies()["name"])
    for row in edges.sort_values(["parent", "child", "doc_id"]).to_dict("records"):
        for node in (row["parent"], row["child"]):
            graph.add_node(node, known_source=node in known)
        if graph.has_edge(row["parent"], row["child"]):
            data = graph.edges[row["parent"], row["child"]]
            data["doc_ids"] = sorted(set(data["doc_ids"]) | {row["doc_id"]})
            continue
        graph.add_edge(row["parent"], row["child"], relation=row["relation"], evidence=row["evidence"],
                       doc_ids=[row["doc_id"]])
    return graph


# --- entry points -------------------------------------------------------------------------

def document_tables(corpus) -> dict[str, pd.DataFrame]:
    """Tables that are per document by construction, for the usable documents of a corpus or of
    one partition of it, in doc_id order: quotes, facts, provenance_edges, the passages each
    document repeats (``reuse_passages``, looked for only in documents whose shingle hashes
    repeat), and two summaries :func:`corpus_tables` needs for text reuse: ``_shingles`` (doc_id,
    :class:`ShingleSource`) and ``_terms`` (term, n_docs). Tables named with a leading underscore are
    intermediate and never written."""
    docs = corpus.usable.sort_values("doc_id").to_dict("records")
    sentences = dict(tuple(corpus.sentences.groupby("doc_id", sort=False))) if len(corpus.sentences) else {}
    raw_lines = (corpus.lines.groupby("doc_id", sort=False)["text"].apply(lambda t: t.fillna("").tolist()).to_dict()
                 if len(corpus.lines) else {})
    empty = corpus.sentences.iloc[:0]
    quotes, facts, edges = [], [], []
    for doc in docs:
        doc_id, text = doc["doc_id"], corpus.texts[doc["doc_id"]]
        sents = sentences.get(doc_id, empty)
        published = doc.get("published", "")
        quotes += quote_rows(doc_id, text, sents, "" if pd.isna(published) else str(published))
        facts += fact_rows(doc_id, text, sents, "" if pd.isna(published) else str(published))
        edges += edge_rows(doc, text, raw_lines.get(doc_id, []))
    texts = {d["doc_id"]: corpus.texts[d["doc_id"]] for d in docs}
    sources = {doc_id: ShingleSource.of(text) for doc_id, text in texts.items()}
    repeating = {doc_id: text for doc_id, text in texts.items() if len(sources[doc_id].hashes) < len(sources[doc_id].codes)}
    return {"quotes": pd.DataFrame(quotes, columns=QUOTE_COLUMNS), "facts": pd.DataFrame(facts, columns=FACT_COLUMNS),
            "provenance_edges": pd.DataFrame(edges, columns=EDGE_COLUMNS), "reuse_passages": repeated_passages(repeating),
            "_shingles": pd.DataFrame({"doc_id": list(sources), "source": list(sources.values())}),
            "_terms": document_frequencies(texts)}


def corpus_tables(corpus, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cross-document tables from the whole corpus and its :func:`document_tables` (concatenated
    over partitions): voices, quote alignment, text reuse and its passages, events."""
    texts = {d: corpus.texts[d] for d in sorted(corpus.usable["doc_id"])}
    sources = dict(zip(tables["_shingles"]["doc_id"], tables["_shingles"]["source"]))
    frequencies = tables["_terms"].groupby("term", as_index=False)["n_docs"].sum()
    reuse_rows, passage_rows = _reuse_pairs(texts, sources, frequencies)
    return {"voices": voices(tables["quotes"]), "quote_alignment": quote_alignment(tables["quotes"]),
            "reuse": pd.DataFrame(reuse_rows, columns=REUSE_COLUMNS),
            "reuse_passages": _concat_passages([_passages_frame(passage_rows), tables["reuse_passages"]]),
            "events": events(tables["facts"])}


def public(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables to write: without the intermediate ones (names starting with an underscore)."""
    return {name: frame for name, frame in tables.items() if not name.startswith("_")}


def run(corpus) -> dict[str, pd.DataFrame]:
    """Every source-comparison table for a corpus (usable documents only), deterministically sorted."""
    tables = document_tables(corpus)
    tables.update(corpus_tables(corpus, tables))
    return public(tables)
