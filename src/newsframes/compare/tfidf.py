"""TF-IDF: cosine similarity of documents and the document frequencies behind it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..corpus import rows_of
from ..text import WORD_RE


def cosine_matrix(texts: dict[str, str]) -> pd.DataFrame:
    """Full TF-IDF cosine similarity matrix (doc_id x doc_id, rounded to 4 decimals), for small
    corpora and heatmaps: the unit :func:`tfidf_vector` of every document (scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True)`` weights), see :class:`UnitVectors`."""
    if not texts:
        return pd.DataFrame()
    vectors = UnitVectors.of(texts)
    whole = vectors.similarity(np.arange(len(vectors.ids)))
    return pd.DataFrame(whole, index=vectors.ids, columns=vectors.ids).round(4)


def closest_documents(texts: dict[str, str], n: int, rows_per_block: int = 2000) -> pd.DataFrame:
    """:func:`cosine_matrix` of the ``n`` documents whose most similar other document is most
    similar (ties in doc_id order), made without the whole matrix: its rows are computed
    ``rows_per_block`` at a time and only each document's best match is kept. At 10,000
    synthetic documents the whole matrix and its search peaked at 2.9 GB; by blocks 1.2 GB.
    The whole matrix grows with the square of the corpus, so at 20,000 documents it would
    need about 11 GB."""
    vectors = UnitVectors.of(texts)
    best = np.full(len(vectors.ids), -np.inf)
    for first in range(0, len(vectors.ids), rows_per_block):
        rows = np.arange(first, min(first + rows_per_block, len(vectors.ids)))
        block = vectors.similarity(rows).round(4)
        block[np.arange(len(rows)), rows] = -np.inf  # a document's own similarity left out
        best = np.maximum(best, block.max(axis=0))
    chosen = pd.Series(best, index=vectors.ids).nlargest(n).index
    rows = np.searchsorted(vectors.ids, chosen)
    block = vectors.similarity(rows)[:, rows]
    return pd.DataFrame(block, index=chosen, columns=chosen).round(4)


class UnitVectors(NamedTuple):
    """Every document's unit TF-IDF vector (:class:`TermVector`) as (document, term, weight)
    triples, documents numbered in doc_id order."""

    ids: list[str]
    rows: np.ndarray
    terms: np.ndarray
    weights: np.ndarray
    n_terms: int

    @classmethod
    def of(cls, texts: dict[str, str]) -> UnitVectors:
        ids = sorted(texts)
        counts = term_counts(texts)
        vocabulary, idf = numbered_idf(len(ids), document_frequencies(counts.values()))
        vectors = [TermVector.of(counts[i], idf, vocabulary) for i in ids]
        return cls(
            ids,
            np.concatenate([np.full(len(v.ids), n) for n, v in enumerate(vectors)]),
            np.concatenate([v.ids for v in vectors]),
            np.concatenate([v.weights for v in vectors]),
            len(vocabulary),
        )

    def similarity(self, rows: np.ndarray, chunk_terms: int = 4096) -> np.ndarray:
        """Cosine similarity of the documents numbered ``rows`` with every document (rows x
        documents). Terms in more than a :data:`DENSE_SHARE` of the documents are multiplied
        as dense blocks of ``chunk_terms`` terms (no documents x vocabulary matrix is held);
        the others, each in few documents, pair by pair (:meth:`_rare_products`). At 10,000
        synthetic articles 686 of 20,259 terms are dense and 142 million products are summed
        for the others: :func:`closest_documents` took 38.8 s with every term dense, 9.6 s
        with terms in more than 1/50 of the documents dense, 9.0 s so (2.3 s of it making the
        vectors). The same values up to the order of additions (PolNeAR's 923 articles: at
        most 2.0e-15 apart, none once rounded to 4 decimals). In a corpus of fewer than
        1 / :data:`DENSE_SHARE` documents every term is dense, multiplied exactly as before."""
        document_frequency = np.bincount(self.terms, minlength=self.n_terms)
        dense = document_frequency > DENSE_SHARE * len(self.ids)
        similarity = self._dense_products(rows, dense, chunk_terms)
        if not dense.all():
            similarity += self._rare_products(rows, ~dense[self.terms])
        return similarity

    def _dense_products(self, rows: np.ndarray, dense: np.ndarray, chunk_terms: int) -> np.ndarray:
        """The similarity's sums over the ``dense`` terms, in blocks of ``chunk_terms``."""
        number = np.cumsum(dense) - 1  # each dense term's number among the dense terms
        keep = dense[self.terms]
        terms, documents, weights = number[self.terms[keep]], self.rows[keep], self.weights[keep]
        n_dense = int(dense.sum())
        similarity = np.zeros((len(rows), len(self.ids)))
        for start in range(0, n_dense, chunk_terms):
            inside = (terms >= start) & (terms < start + chunk_terms)
            block = np.zeros((len(self.ids), min(chunk_terms, n_dense - start)))
            block[documents[inside], terms[inside] - start] = weights[inside]
            similarity += block[rows] @ block.T
        return similarity

    def _rare_products(self, rows: np.ndarray, rare: np.ndarray, batch: int = 1 << 22):
        """The similarity's sums over the terms marked in ``rare`` (one flag per triple): each
        triple of a document in ``rows`` times every triple of the same term, added up per
        pair of documents, ``batch`` products at a time."""
        order = np.argsort(self.terms[rare], kind="stable")
        terms = self.terms[rare][order]
        documents, weights = self.rows[rare][order], self.weights[rare][order]
        starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]]) if len(terms) else terms
        sizes = np.diff(np.r_[starts, len(terms)])
        first_of_term = np.repeat(starts, sizes)
        size_of_term = np.repeat(sizes, sizes)
        local = np.full(len(self.ids), -1)
        local[rows] = np.arange(len(rows))
        left = np.flatnonzero(local[documents] >= 0)
        n_cells = len(rows) * len(self.ids)
        sums = np.zeros(n_cells)
        ends = np.cumsum(size_of_term[left])
        low = 0
        while low < len(left):
            limit = (ends[low - 1] if low else 0) + batch
            high = max(int(np.searchsorted(ends, limit, "right")), low + 1)
            part = left[low:high]
            counts = size_of_term[part]
            ours = np.repeat(part, counts)
            within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            theirs = np.repeat(first_of_term[part], counts) + within
            cells = local[documents[ours]] * len(self.ids) + documents[theirs]
            sums += np.bincount(cells, weights[ours] * weights[theirs], minlength=n_cells)
            low = high
        return sums.reshape(len(rows), len(self.ids))


DENSE_SHARE = 1 / 20
"""Terms in more than this share of the documents are multiplied densely (see
:meth:`UnitVectors.similarity`)."""


class TermCounts(NamedTuple):
    """A text's lower-cased words (:data:`~newsframes.text.WORD_RE` tokens), each once in order
    of first occurrence, and how often each occurs: what its TF-IDF vector needs once the
    corpus's document frequencies are known. Counted with the document's other per-document
    tables and held compactly, the words joined by spaces (no token holds one)."""

    terms: str
    counts: np.ndarray

    @classmethod
    def of(cls, text: str) -> TermCounts:
        return cls.of_words(WORD_RE.findall(text.lower()))

    @classmethod
    def of_words(cls, lowered_words: Iterable[str]) -> TermCounts:
        """The counts of a text's lower-cased words, in their order."""
        counts = Counter(lowered_words)
        return cls(
            " ".join(counts), np.fromiter(counts.values(), dtype=np.int32, count=len(counts))
        )

    def term_list(self) -> list[str]:
        return self.terms.split(" ") if self.terms else []


def term_counts(texts: dict[str, str]) -> dict[str, TermCounts]:
    """:class:`TermCounts` of each text."""
    return {doc_id: TermCounts.of(text) for doc_id, text in texts.items()}


def document_frequencies(counts: Iterable[TermCounts]) -> pd.DataFrame:
    """(term, n_docs): in how many documents (their :class:`TermCounts`) each lower-cased word
    occurs; partial counts of parts of a corpus add up to the corpus's."""
    tally = Counter(term for document in counts for term in document.term_list())
    return pd.DataFrame(sorted(tally.items()), columns=["term", "n_docs"])


def smoothed_idf(n_docs: int, df: dict[str, int]) -> dict[str, float]:
    """Each term's smoothed inverse document frequency, as scikit-learn's ``TfidfVectorizer``
    computes it, from the corpus's document frequencies ``df``."""
    return {t: math.log((1 + n_docs) / (1 + n)) + 1 for t, n in df.items()}


def numbered_idf(n_docs: int, frequencies: pd.DataFrame) -> tuple[dict[str, int], np.ndarray]:
    """The vocabulary of the (term, n_docs) table, each term numbered in the table's order, and
    each number's :func:`smoothed_idf`: what :meth:`TermVector.of` reads."""
    idf = smoothed_idf(n_docs, dict(rows_of(frequencies, "term", "n_docs")))
    vocabulary = {term: i for i, term in enumerate(idf)}
    return vocabulary, np.fromiter(idf.values(), dtype=float, count=len(idf))


def term_numbers(counts: TermCounts, vocabulary: dict[str, int]) -> np.ndarray:
    """The vocabulary number of each of a text's terms, in their order (4 bytes each)."""
    terms = counts.term_list()
    return np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int32, count=len(terms))


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


@cache
def _log_table(bits: int) -> np.ndarray:
    return np.array([0.0] + [1 + math.log(c) for c in range(1, 1 << bits)])


class TermVector(NamedTuple):
    """:func:`tfidf_vector` held compactly (thousands stay cheap): the terms' vocabulary numbers
    in the dict's order and their weights, and the same in increasing vocabulary order (for
    :meth:`cosine`'s binary search)."""

    ids: np.ndarray
    weights: np.ndarray
    sorted_ids: np.ndarray
    sorted_weights: np.ndarray

    @classmethod
    def of(cls, counts: TermCounts, idf: np.ndarray, vocabulary: dict[str, int]) -> TermVector:
        """:func:`tfidf_vector` of the text of ``counts`` with the same float arithmetic:
        ``idf`` holds each vocabulary number's smoothed idf; the log of a count is Python's (a
        table, not numpy's log, whose last bit may differ) and the norm sums the squares in term
        order."""
        return cls.of_numbers(term_numbers(counts, vocabulary), counts.counts, idf)

    @classmethod
    def of_numbers(cls, ids: np.ndarray, counts: np.ndarray, idf: np.ndarray) -> TermVector:
        """:meth:`of` from the terms' vocabulary numbers (:func:`term_numbers`) and counts."""
        ids = ids.astype(np.int64)
        weights = sublinear_tf(counts) * idf[ids]
        weights = weights / math.sqrt(sum((weights * weights).tolist()))
        order = np.argsort(ids)
        return cls(ids, weights, ids[order], weights[order])

    def cosine(self, other: TermVector) -> float:
        """Cosine of two unit vectors: the products of the shorter vector's weights with the
        other's for the terms both hold, summed in the shorter vector's term order (each of
        its terms looked up in the other's sorted numbers)."""
        va, vb = (other, self) if len(other.ids) < len(self.ids) else (self, other)
        if not len(vb.ids):
            return 0.0
        at = np.minimum(np.searchsorted(vb.sorted_ids, va.ids), len(vb.ids) - 1)
        shared = vb.sorted_ids[at] == va.ids
        return float(sum((va.weights[shared] * vb.sorted_weights[at[shared]]).tolist()))
