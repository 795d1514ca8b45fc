"""How well each dictionary measure finds what a human reader finds: precision and recall against
hand-coded sentences.

``data/validation_sentences.csv`` holds every analysed sentence of the five seed articles and
159 sentences of ``polnear/dev`` (US election coverage of 2016 by seven outlets: other topics,
other outlets), each coded by hand for frames, hedges, attribution markers, reporting verbs,
quoted or reported speech, tone and Entman's functions, following the rules of
``data/validation_codebook.md``. Each measure is run on the stored sentences exactly as the
pipeline runs it (names masked, the same cue files, VADER, the quotation finder), and compared
sentence by sentence with the codes. A measure is reported only when its precision reaches
``MIN_PRECISION`` over all coded sentences and in each gold set where it marks at least
``MIN_PREDICTIONS`` sentences (a cue list precise on the story but noisy on other news is not
reported); the framing stage drops the others (:func:`reported_labels`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..resources import codebook, entman_cues, gold_sentences, hedge_terms
from .index import SentenceIndex, pattern_hits
from .sentences import lexical_texts

MIN_PRECISION = 0.6
MIN_PREDICTIONS = 5  # fewer marked sentences in a gold set say too little about its precision
SENTIMENT_CUTOFF = 0.05  # VADER's own thresholds for a positive or negative compound score
VALIDATION_COLUMNS = ["measure", "label", "gold_set", "n_gold", "n_predicted", "n_sentences",
                      "precision", "recall", "reported"]
ALL_SETS = "all coded sentences"


def _labels(cell: str) -> set[str]:
    return {label for label in cell.split("|") if label}


def _hits(texts: pd.DataFrame, patterns: pd.DataFrame, key: str) -> list[set[str]]:
    """Per sentence, the values of ``key`` of the patterns matching it (names masked)."""

    index = SentenceIndex(texts, lexical_texts(texts))
    found: list[set[str]] = [set() for _ in range(len(texts))]
    for sent_id, value in zip(*(pattern_hits(index, patterns, [key])[c] for c in ("sent_id", key))):
        found[int(sent_id)].add(value)
    return found


def _quoted(texts: pd.DataFrame) -> list[bool]:
    """Whether the quotation finder finds quoted or reported speech in each sentence, read alone."""
    from ..compare.quotes import extract_quotes  # here: a later stage, needed only to validate

    found = []
    for text in texts["text"]:
        sentence = pd.DataFrame({"doc_id": ["gold"], "sent_id": [1], "start": [0],
                                 "end": [len(text)], "text": [text], "role": ["body"]})
        found.append(len(extract_quotes("gold", text, sentence)) > 0)
    return found


def _tone(texts: pd.DataFrame) -> list[str]:
    """VADER's polarity of each sentence (names masked), as the labels positive/negative."""

    from ..vader import vader  # here: NLTK is imported only when sentences are scored

    analyser = vader()
    compound = [analyser.polarity_scores(text)["compound"] for text in lexical_texts(texts)]
    return ["positive" if c >= SENTIMENT_CUTOFF else "negative" if c <= -SENTIMENT_CUTOFF else ""
            for c in compound]


def predictions(gold: pd.DataFrame) -> pd.DataFrame:
    """Per coded sentence and measure, the labels the measure gives and those the coder gave
    (columns gold_set, measure, predicted, coded: sets of labels)."""
    texts = pd.DataFrame({"doc_id": "gold", "sent_id": range(len(gold)), "text": gold["text"],
                          "role": "body"})
    frames = codebook().rename(columns={"indicators": "pattern"})
    kinds = _hits(texts, hedge_terms(), "kind")
    columns = {"hedge": "hedge", "attribution": "attribution", "reporting_verb": "reporting"}
    coded_kinds = [{kind for kind, column in columns.items() if row[column] == "1"}
                   for _, row in gold.iterrows()]
    tone_labels = {"1": {"positive"}, "-1": {"negative"}, "0": set()}
    measures = {
        "frame": (_hits(texts, frames, "frame"), [_labels(cell) for cell in gold["frames"]]),
        "evidentiality": (kinds, coded_kinds),
        "entman": (_hits(texts, entman_cues(), "function"),
                   [_labels(cell) for cell in gold["entman"]]),
        "voice": ([{"quoted"} if q else set() for q in _quoted(texts)],
                  [{"quoted"} if q == "1" else set() for q in gold["quoted"]]),
        "sentiment": ([{t} if t else set() for t in _tone(texts)],
                      [tone_labels[t] for t in gold["tone"]]),
    }
    rows = [{"gold_set": gold_set, "measure": measure, "predicted": p, "coded": c}
            for measure, (predicted, coded) in measures.items()
            for gold_set, p, c in zip(gold["gold_set"], predicted, coded)]
    return pd.DataFrame(rows)


def _all_labels() -> dict[str, list[str]]:
    """Every label each measure can give, in the order of its data file."""
    return {"frame": list(codebook()["frame"]),
            "evidentiality": list(dict.fromkeys(hedge_terms()["kind"])),
            "entman": list(dict.fromkeys(entman_cues()["function"])),
            "voice": ["quoted"], "sentiment": ["negative", "positive"]}


def _scores(part: pd.DataFrame, label: str) -> dict:
    predicted = np.array([label in p for p in part["predicted"]], dtype=bool)
    coded = np.array([label in c for c in part["coded"]], dtype=bool)
    both = int((predicted & coded).sum())
    return {"n_gold": int(coded.sum()), "n_predicted": int(predicted.sum()),
            "n_sentences": len(part),
            "precision": both / predicted.sum() if predicted.any() else np.nan,
            "recall": both / coded.sum() if coded.any() else np.nan}


def validation_table(gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Precision and recall of every label of every measure, per gold set and over all coded
    sentences; ``reported`` says whether the label passes (see the module docstring) and is
    used by the framing stage."""
    gold = gold_sentences() if gold is None else gold
    found = predictions(gold)
    rows = []
    for measure, labels in _all_labels().items():
        part = found[found["measure"] == measure]
        for label in labels:
            sets = [*part.groupby("gold_set", sort=True), (ALL_SETS, part)]
            scores = [{"gold_set": gold_set, **_scores(subset, label)} for gold_set, subset in sets]
            reported = all(row["precision"] >= MIN_PRECISION for row in scores
                           if row["gold_set"] == ALL_SETS or row["n_predicted"] >= MIN_PREDICTIONS)
            rows.extend({"measure": measure, "label": label, **row, "reported": reported}
                        for row in scores)
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


@lru_cache(maxsize=1)
def cached_table() -> pd.DataFrame:
    """:func:`validation_table` of the stored sentences, computed once per process."""
    return validation_table()


def reported(measure: str) -> set[str]:
    """The labels of ``measure`` that pass validation."""
    table = cached_table()
    return set(table.loc[table["reported"] & (table["measure"] == measure), "label"])


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """The validation table one row per measure and label: coded sentences, precision and
    recall per gold set (columns named ``precision: <set>``), and whether it is reported."""
    wide = table.pivot_table(index=["measure", "label"], columns="gold_set",
                             values=["precision", "recall"], aggfunc="first", dropna=False,
                             sort=False)
    wide.columns = [f"{value}: {gold_set}" for value, gold_set in wide.columns]
    pooled = table[table["gold_set"] == ALL_SETS].set_index(["measure", "label"])
    return (pooled[["n_gold", "n_predicted"]].join(wide).assign(reported=pooled["reported"])
            .reset_index())


def not_reported(table: pd.DataFrame) -> str:
    """The labels that fail validation, by measure, as one sentence."""
    failing = table[~table["reported"] & (table["gold_set"] == ALL_SETS)]
    if failing.empty:
        return "Every measure passes validation."
    parts = [f"{measure}: {', '.join(rows['label'])}"
             for measure, rows in failing.groupby("measure", sort=False)]
    return f"Not reported, because they fail validation — {'; '.join(parts)}."
