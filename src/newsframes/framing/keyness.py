"""Keyness: which content terms one group uses more than another (log-odds z with an
informative Dirichlet prior, Monroe et al. 2008; G2 and log ratio beside it).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from ..fastregex import Gates, found_strings, is_plain
from ..ingest.cues import line_cues
from ..ingest.dates import MONTHS, WEEKDAYS
from ..ingest.lines import split_dateline
from ..ingest.roles import cue_decides
from ..resources import stopwords
from ..text import lowered_words
from . import stats
from .groups import groups_of, label_keys, rows_by_document

MIN_KEYNESS_COUNT = 3
# --- keyness ----------------------------------------------------------------------------------

LETTER = re.compile(r"[^\W\d_]")
CALENDAR_TERMS = frozenset(w for name in (*MONTHS, *WEEKDAYS) for w in (name, f"{name}."))
CREDIT_IN_PARENTHESES = re.compile(
    r"\((?:"
    # a photo credit: (AP Photo/Jane Roe), (Image: Getty)
    r"[^()]{0,60}\b(?i:photo(?:graph)?s?|images?|pictures?|credits?|file)\b[^()]{0,60}"
    r"|(?:[A-Z][\w.&/-]*\s?){1,3}"  # a wire's credit in a dateline or lede: (Reuters), (AP), (IANS)
    r")\)"
)
CREDIT_KINDS = frozenset({"caption", "attribution", "byline", "byline_in_place", "dateline"})


MAX_CREDIT_SPACES = 40  # a credit line has at most 40 words (ingestion's rule, cue_decides)


def is_credit(text: str) -> bool:
    """Whether a sentence is as a whole a credit, caption, byline or dateline (ingestion's line
    cues of those kinds, with ingestion's length rules). On a plain sentence
    (:func:`~newsframes.fastregex.is_plain`) a cue is searched only where its prefilter allows
    a match, their keys all looked for in one pass (:func:`credit_gates`)."""
    if text.count(" ") > MAX_CREDIT_SPACES:
        return False
    if not is_plain(text):
        return any(cue.search(text, None) and cue_decides(cue.kind, text) for cue in credit_cues())
    lower, cues, gates = text.lower(), credit_cues(), credit_gates()
    lower_ascii = lower if text.isascii() else None
    return any(
        cues[n].search(text, lower_ascii) and cue_decides(cues[n].kind, text)
        for n in gates.open(lower, found_strings(lower, gates.keys))
    )


@lru_cache(maxsize=1)
def credit_cues() -> tuple:
    """Ingestion's line cues of the kinds in ``CREDIT_KINDS``."""
    return tuple(cue for cue in line_cues() if cue.kind in CREDIT_KINDS)


@lru_cache(maxsize=1)
def credit_gates() -> Gates:
    """The credit cues' prefilters, asked at once (their keys looked for in one pass)."""
    return Gates([cue.gate for cue in credit_cues()])


def content_text(text: str) -> str:
    """A sentence without what is not its content: a leading dateline ("MOSCOW, Jan 12 (Reuters)
    -") and credits in parentheses; empty when the sentence is a credit (:func:`is_credit`)."""
    return "" if is_credit(text) else CREDIT_IN_PARENTHESES.sub(" ", split_dateline(text)[1])


def content_term_counters(sentences: pd.DataFrame):
    """(doc_id, Counter of its lower-cased content words) per document: no stop words, no month
    or weekday names, at least one letter, read in each sentence's :func:`content_text`
    (sentences sorted by doc_id, as :func:`analysed_sentences` gives them; a document's
    sentences are tokenised as one text, since no word token spans a line break)."""
    stop, content = stopwords() | CALENDAR_TERMS, {}
    texts = sentences["text"].tolist()
    content_of = cache(content_text)  # reprinted copy repeats many sentences
    for doc_id, positions in rows_by_document(sentences["doc_id"].tolist()):
        document_text = "\n".join(content_of(texts[i]) for i in positions)
        counts = Counter(lowered_words(document_text))
        for term in counts:
            if term not in content:
                content[term] = (
                    term not in stop and len(term) > 1 and LETTER.search(term) is not None
                )
        yield doc_id, Counter({term: n for term, n in counts.items() if content[term]})


KEYED_TERM_COLUMNS = ["camp", "outlet", "term", "count"]


def keyed_term_counts(sentences: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """The per-document counts of :func:`content_term_counters` summed over the documents with
    the same :func:`label_keys` (camp, outlet, term, count; sorted): what the groups' counts
    need, in far fewer rows when outlets are known, and summed again exactly across
    partitions. Summed as each document is counted, not from a table of its counts (that
    table, its join with the keys and their group sums took longer than the counting)."""
    key_of = dict(zip(keys.index, zip(keys["camp"].tolist(), keys["outlet"].tolist())))
    totals: dict[tuple[str, str], Counter] = {}
    for doc_id, counts in content_term_counters(sentences):
        if doc_id in key_of:
            totals.setdefault(key_of[doc_id], Counter()).update(counts)
    rows = [(*key, term, n) for key in sorted(totals) for term, n in sorted(totals[key].items())]
    return pd.DataFrame(rows, columns=KEYED_TERM_COLUMNS)


def term_counts(keyed_terms: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Term x group counts (groups of :func:`comparison_groups`) from :func:`keyed_term_counts`."""
    keys = label_keys(documents)
    labels, _ = groups_of(keys)
    group_of = keys.assign(group=labels).drop_duplicates(["camp", "outlet"])
    table = keyed_terms.merge(group_of, on=["camp", "outlet"], how="left").pivot_table(
        index="term", columns="group", values="count", aggfunc="sum", fill_value=0
    )
    return table.reindex(columns=sorted(set(labels)), fill_value=0).rename_axis(
        index="term", columns="group"
    )


def keyness_table(
    counts: pd.DataFrame, min_count: int = MIN_KEYNESS_COUNT, prior_weight: float = 1.0
) -> pd.DataFrame:
    """Distinctive terms of each group against the rest of the corpus.

    Each term (total count >= ``min_count``) is listed once, under the group where its
    log-odds z is highest. Statistics compare that group with all others: ``log_odds_z``
    (Monroe et al. 2008; informative Dirichlet prior α_w = ``prior_weight`` x the term's corpus
    count), ``g2`` (Dunning 1993) and ``log_ratio`` (Hardie 2014).
    """
    groups = list(counts.columns)
    totals = counts.sum(axis=0)
    corpus_count = counts.sum(axis=1)
    prior, prior_total = prior_weight * corpus_count, prior_weight * corpus_count.sum()
    columns = ["term", "group", *[f"count_{g}" for g in groups], "log_odds_z", "g2", "log_ratio"]
    if not groups or counts.empty:
        return pd.DataFrame([], columns=columns)
    matrix = np.asfortranarray(counts.to_numpy())  # each group's counts contiguous
    best, column = _highest_z(
        matrix, totals.to_numpy(), corpus_count.to_numpy(), prior, prior_total
    )
    # A term that is every word of the corpus ("said" of "he said. she said.") has no odds
    # against the rest: its z is undefined in every group, and it is no distinctive term.
    keep = ((corpus_count >= min_count) & ~np.isnan(best)).to_numpy()
    rows = np.flatnonzero(keep)
    if not len(rows):
        return pd.DataFrame([], columns=columns)
    names = np.asarray(groups, dtype=object)
    order = (  # the table's order, found on its keys alone (each term is listed once)
        pd.DataFrame({"group": names[column[rows]], "z": best[rows], "term": counts.index[rows]})
        .sort_values(["group", "z", "term"], ascending=[True, False, True])
        .index.to_numpy()
    )
    rows = rows[order]
    column, n_words = column[rows], totals.sum()
    table = pd.DataFrame(matrix[rows], columns=columns[2:-3])  # the counts, one block
    a, n_a = table.to_numpy()[np.arange(len(rows)), column], totals.to_numpy()[column]
    b, n_b = corpus_count.to_numpy()[rows] - a, n_words - n_a
    table.insert(0, "term", counts.index[rows])
    table.insert(1, "group", names[column])
    return table.assign(
        log_odds_z=best[rows],
        g2=stats.g2(a, b, n_a, n_b),
        log_ratio=stats.log_ratio(a, b, n_a, n_b),
    )


def _highest_z(counts, totals, corpus_count, prior, prior_total) -> tuple[np.ndarray, np.ndarray]:
    """Each term's highest log-odds z over the groups (columns of ``counts``, terms x groups)
    and the first group that has it, NaN where no group's z is defined (what ``idxmax`` of the
    terms x groups table of z gives), computed a group at a time: that table is held no more
    (240 MB for 15,000 terms of 2,000 one-document outlets)."""
    best, n_words = np.full(len(counts), np.nan), totals.sum()
    column = np.zeros(len(counts), dtype=np.intp)
    for g in range(counts.shape[1]):
        z = stats.log_odds_z(
            counts[:, g],
            corpus_count - counts[:, g],
            totals[g],
            n_words - totals[g],
            prior,
            prior_total,
        )
        higher = (z > best) | (np.isnan(best) & ~np.isnan(z))
        best[higher], column[higher] = z[higher], g
    return best, column
