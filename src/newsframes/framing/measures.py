"""Frame and lexicon measures per document: frames of the codebook (validated ones only),
Entman's four functions, evidentiality (hedges, attribution, reporting verbs) and naming
variants, each with the sentences that matched.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from ..corpus import rows_of
from ..resources import codebook, entman_cues, hedge_terms
from . import validation
from .index import SentenceIndex, hit_rows, pattern_hits
from .leads import QUOTED
from .stats import group_members

PER_TOKENS = 1000


def passing(table: pd.DataFrame, label: str, measure: str) -> pd.DataFrame:
    """The rows of a lexicon ``table`` whose ``label`` column names a label of ``measure`` that
    passes validation (:mod:`newsframes.framing.validation`)."""
    return table[table[label].isin(validation.reported(measure))].reset_index(drop=True)


@lru_cache(maxsize=1)
def reported_codebook() -> pd.DataFrame:
    """The frames of :func:`codebook` whose indicators pass validation: the only ones scored,
    compared and reported."""
    return passing(codebook(), "frame", "frame")


@lru_cache(maxsize=1)
def reported_entman_cues() -> pd.DataFrame:
    """The cues of :func:`entman_cues` whose function passes validation."""
    return passing(entman_cues(), "function", "entman")


@lru_cache(maxsize=1)
def reported_hedge_terms() -> pd.DataFrame:
    """The terms of :func:`hedge_terms` whose kind passes validation."""
    return passing(hedge_terms(), "kind", "evidentiality")


def sentiment_validated() -> bool:
    """Whether VADER's polarity passes validation for both negative and positive sentences."""
    return {"negative", "positive"} <= validation.reported("sentiment")


def _rate(hits, tokens):
    return np.where(
        tokens > 0, PER_TOKENS * np.asarray(hits, dtype=float) / np.maximum(tokens, 1), np.nan
    )


# --- frames -----------------------------------------------------------------------------------


def frame_evidence(index: SentenceIndex, frames: pd.DataFrame) -> pd.DataFrame:
    """Every indicator match of every frame: doc_id, frame, sent_id, start (offset in the
    sentence), match, sentence."""
    return pattern_hits(
        index,
        frames.rename(columns={"indicators": "pattern"}),
        ["frame"],
        by=["doc_id", "frame", "sent_id", "start"],
        columns=["doc_id", "frame", "sent_id", "start", "match", "sentence"],
    )


def frame_scores(evidence: pd.DataFrame, tokens: pd.Series, frames: pd.DataFrame) -> pd.DataFrame:
    """Hits and hits per 1,000 tokens for every document x frame (zeros included), and how many
    of the hits are inside quoted or reported speech (``hits_quoted``, from the evidence's
    ``voice``, :func:`with_voice`)."""
    grid = pd.MultiIndex.from_product(
        [sorted(tokens.index), list(frames["frame"])], names=["doc_id", "frame"]
    )
    hits = (
        evidence.groupby(["doc_id", "frame"])
        .size()
        .reindex(grid, fill_value=0)
        .rename("hits")
        .reset_index()
    )
    hits["per_1k"] = _rate(hits["hits"], hits["doc_id"].map(tokens).to_numpy())
    quoted = evidence[evidence["voice"] == QUOTED].groupby(["doc_id", "frame"]).size()
    hits["hits_quoted"] = quoted.reindex(grid, fill_value=0).to_numpy()
    return hits.sort_values(["doc_id", "frame"], ignore_index=True)


# --- Entman's four functions ------------------------------------------------------------------


def entman_table(index: SentenceIndex, cues: pd.DataFrame) -> pd.DataFrame:
    """Per document and function, the sentence with the highest summed cue weight (earliest on
    ties) and its cues (distinct, lower-cased, in order of appearance); a function without any
    cue gets an empty row (score 0). Summed from the hits' rows in plain Python: a partition
    has few, and pandas' group-bys cost 7 ms whatever their number (15 partitions of 924
    PolNeAR articles)."""
    scored: dict[tuple, list] = {}  # (doc_id, function, sent_id) -> [score, sentence, cues]
    for doc_id, sent_id, function, weight, match, _, sentence in hit_rows(
        index, cues, ["function", "weight"]
    ):
        found = scored.setdefault((doc_id, function, sent_id), [0.0, sentence, {}])
        found[0] += weight
        found[2][match.lower()] = None
    best: dict[tuple, tuple] = {}
    for (doc_id, function, sent_id), (score, sentence, found) in sorted(scored.items()):
        kept = best.get((doc_id, function))
        if kept is None or score > kept[2]:  # sorted by sent_id: the earliest wins a tie
            best[(doc_id, function)] = (sent_id, sentence, score, "; ".join(found))
    empty = (pd.NA, "", 0.0, "")
    rows = [
        (doc_id, function, *best.get((doc_id, function), empty))
        for doc_id in sorted(set(index.doc_ids))
        for function in sorted(cues["function"].unique())
    ]
    table = pd.DataFrame(
        rows, columns=["doc_id", "function", "sent_id", "sentence", "score", "cue"]
    )
    return table.astype({"sent_id": "Int64", "sentence": "str", "cue": "str", "score": float})[
        ["doc_id", "function", "sent_id", "sentence", "cue", "score"]
    ]


# --- evidentiality ----------------------------------------------------------------------------


def evidentiality_evidence(index: SentenceIndex, terms: pd.DataFrame) -> pd.DataFrame:
    """Every hedge, attribution marker and reporting-verb match: doc_id, kind, term, sent_id,
    start (offset in the sentence), match, sentence."""
    return pattern_hits(
        index,
        terms,
        ["kind", "term"],
        by=["doc_id", "kind", "sent_id", "start", "term"],
        columns=["doc_id", "kind", "term", "sent_id", "start", "match", "sentence"],
    )


def _term_summary(counts: Counter) -> str:
    """Terms with their counts, most frequent first (ties alphabetical)."""
    return "; ".join(
        f"{t} {n}" for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def evidentiality_rates(
    evidence: pd.DataFrame, tokens: pd.Series, labels: pd.Series, kinds
) -> pd.DataFrame:
    """Hits and hits per 1,000 tokens of each kind, per document (``level=doc``) and pooled per
    group (``level=group``), with how many hits are in quoted or reported speech and the most
    frequent terms."""
    terms: dict[tuple[str, str], Counter] = {}
    quoted: Counter = Counter()
    for doc_id, kind, term, voice in rows_of(evidence, "doc_id", "kind", "term", "voice"):
        terms.setdefault((doc_id, kind), Counter())[term] += 1
        quoted[(doc_id, kind)] += voice == QUOTED
    n_tokens = tokens.to_dict()
    groups = sorted(set(labels))
    members = [sorted(labels.index[m]) for m in group_members(labels, groups)]  # one sort
    rows = []
    for level, units in (
        ("doc", [(d, [d], labels[d]) for d in sorted(tokens.index)]),
        ("group", [(g, docs, g) for g, docs in zip(groups, members)]),
    ):
        for unit, docs, group in units:
            unit_tokens = int(sum(n_tokens.get(d, 0) for d in docs))
            for kind in kinds:
                found = Counter()
                for d in docs:
                    found.update(terms.get((d, kind), {}))
                hits = sum(found.values())
                rows.append(
                    {
                        "level": level,
                        "unit": unit,
                        "group": group,
                        "kind": kind,
                        "hits": hits,
                        "hits_quoted": sum(quoted[(d, kind)] for d in docs),
                        "tokens": unit_tokens,
                        "per_1k": float(_rate(hits, unit_tokens)),
                        "terms": _term_summary(found),
                    }
                )
    return pd.DataFrame(rows)


# --- naming -----------------------------------------------------------------------------------


def naming_counts(index: SentenceIndex, variants: pd.DataFrame) -> pd.DataFrame:
    """Per document, the count of each naming variant and its share of its family's mentions
    (NaN when the family is not named). Counted from the hits' rows in plain Python: a
    partition's group-bys and merge cost 4 ms whatever its size."""
    hits = hit_rows(index, variants, ["family", "variant"])
    counts = Counter((doc_id, family, variant) for doc_id, _, family, variant, *_ in hits)
    pairs = list(zip(variants["family"].tolist(), variants["variant"].tolist()))
    rows = []
    for doc_id in sorted(set(index.doc_ids)):
        named = [(family, variant, counts[doc_id, family, variant]) for family, variant in pairs]
        totals = Counter()
        for family, _, n in named:
            totals[family] += n
        rows += [
            (doc_id, family, variant, n, n / totals[family] if totals[family] > 0 else np.nan)
            for family, variant, n in named
        ]
    rows.sort(key=lambda row: row[:3])
    return pd.DataFrame(rows, columns=["doc_id", "family", "variant", "count", "share"]).astype(
        {"count": int, "share": float}
    )
