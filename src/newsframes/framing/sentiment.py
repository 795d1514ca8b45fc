"""Targets and sentiment: who each sentence names, and VADER's score of each sentence."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..corpus import rows_of
from .index import SentenceIndex, compile_cue

# --- targets, sentiment and leads -------------------------------------------------------------


@lru_cache(maxsize=4)
def _compiled_targets(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((target, compile_cue(pattern)) for target, pattern in rows)


def mentions(text: str, targets: pd.DataFrame) -> list[tuple[int, str]]:
    """(offset, target) of every target mention in ``text``, in reading order."""
    compiled = _compiled_targets(tuple(zip(targets["target"], targets["pattern"])))
    return sorted((m.start(), target) for target, regex in compiled for m in regex.finditer(text))


def named_targets(text: str, targets: pd.DataFrame) -> list[str]:
    """Targets a text names, in order of first mention."""
    return list(dict.fromkeys(t for _, t in mentions(text, targets)))


def sentence_targets(index: SentenceIndex, targets: pd.DataFrame) -> list[list[str]]:
    """:func:`named_targets` of every sentence of the index, each target pattern matched once
    over the index rather than once per sentence."""
    found: list[list[tuple[int, str]]] = [[] for _ in index.texts]
    for target, pattern in zip(targets["target"], targets["pattern"]):
        for i, m in index.matches(pattern):
            found[i].append((m.start(), target))
    return [list(dict.fromkeys(t for _, t in sorted(mentioned))) for mentioned in found]


def quoted_sentences(compare_tables: dict | None) -> set[tuple[str, int]]:
    """(doc_id, sent_id) of sentences the source-comparison stage found quotes or reported
    speech in, if its ``quotes`` table was passed."""
    quotes = (compare_tables or {}).get("quotes")
    if quotes is None or not {"doc_id", "sent_id"} <= set(quotes.columns):
        return set()
    return {(d, int(s)) for d, s in quotes[["doc_id", "sent_id"]].dropna().itertuples(index=False)}


def sentence_scores(
    sentences: pd.DataFrame, named: list[list[str]], searched: list[str]
) -> pd.DataFrame:
    """VADER scores of every sentence (never whole articles: VADER is built for short texts),
    read in ``searched`` (the sentences with names masked, :func:`lexical_texts`), and the
    targets each sentence names (``named``, from :func:`sentence_targets`)."""
    from ..vader import vader  # here: NLTK is imported only when sentences are scored

    analyser = vader()
    rows = []
    sentence_rows = rows_of(sentences, "doc_id", "sent_id", "start", "role", "tokens", "text")
    for (doc_id, sent_id, start, role, tokens, sentence), sent_targets, text in zip(
        sentence_rows, named, searched
    ):
        scores = analyser.polarity_scores(text)
        rows.append(
            (
                doc_id,
                sent_id,
                start,
                role,
                tokens,
                scores["compound"],
                scores["neg"],
                scores["neu"],
                scores["pos"],
                "|".join(sorted(sent_targets)),
                sentence,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "sent_id",
            "start",
            "role",
            "tokens",
            "compound",
            "neg",
            "neu",
            "pos",
            "targets",
            "text",
        ],
    )


def sentence_sentiment(
    scores: pd.DataFrame,
    documents: pd.DataFrame,
    labels: pd.Series,
    quoted: set | frozenset = frozenset(),
) -> pd.DataFrame:
    """Sentence scores with their document's outlet, camp and group, and whether the
    source-comparison stage found a quotation in the sentence."""
    docs = documents.set_index("doc_id")
    table = scores.drop(columns="tokens").assign(
        outlet=scores["doc_id"].map(docs["outlet"]) if "outlet" in docs else "",
        camp=scores["doc_id"].map(docs["camp"]) if "camp" in docs else "",
        group=scores["doc_id"].map(labels),
        quoted=[(d, int(i)) in quoted for d, i in rows_of(scores, "doc_id", "sent_id")],
    )
    columns = [
        "doc_id",
        "sent_id",
        "role",
        "outlet",
        "camp",
        "group",
        "compound",
        "neg",
        "neu",
        "pos",
        "targets",
        "quoted",
        "text",
    ]
    return table[columns].sort_values(["doc_id", "sent_id"], ignore_index=True)


def sentiment_by(sentiment: pd.DataFrame, by: str) -> pd.DataFrame:
    """Distribution of sentence compound scores per value of ``by`` (a column such as group,
    camp, outlet or doc_id; ``targets`` counts a sentence once for each target it names)."""
    frame = sentiment
    if by == "targets":
        frame = sentiment.assign(
            targets=sentiment["targets"].replace("", "(none)").str.split("|")
        ).explode("targets")
    summary = frame.groupby(by)["compound"].describe()[
        ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    ]
    share = frame.assign(negative=frame["compound"] <= -0.05, positive=frame["compound"] >= 0.05)
    summary[["share_negative", "share_positive"]] = share.groupby(by)[
        ["negative", "positive"]
    ].mean()
    return summary.reset_index()
