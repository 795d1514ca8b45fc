"""How well each dictionary measure finds what a human reader finds: precision and recall against
hand-coded sentences.

The hand codes live outside the library, in the repository's ``validation/`` folder (its
``README.md`` is the codebook): every analysed sentence of the five seed articles, and 159
sentences of ``polnear/dev`` (US election coverage of 2016 by seven outlets: other topics, other
outlets), each coded for frames, hedges, attribution markers, reporting verbs, quoted or
reported speech, tone and Entman's functions. A coded sentence is named by its file and its
character offsets in the text as this project's ingestion cleans it, with the first 16 hex
digits of the SHA-256 of that sentence; PolNeAR's text is never stored in the repository, it is
read from ``../shared`` when the table is recomputed.

Each measure is run on the coded sentences exactly as the pipeline runs it (names masked, the
same cue files, VADER, the quotation finder) and compared sentence by sentence with the codes.
A measure is reported only when its precision reaches ``MIN_PRECISION`` over all coded
sentences and in each gold set where it marks at least ``MIN_PREDICTIONS`` sentences (a cue
list precise on the story but noisy on other news is not reported).

The result is committed as ``data/validation.csv`` and read from there by the framing stage
(:func:`reported`), so which labels a run reports never depends on whether ``../shared`` exists
on the machine. ``make validation`` (:func:`main` with the arguments ``validation --out
src/newsframes/data/validation.csv``) recomputes it when every gold set's corpus is present.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from ..resources import codebook, entman_cues, hedge_terms
from .index import SentenceIndex, pattern_hits
from .sentences import lexical_texts

MIN_PRECISION = 0.6
MIN_PREDICTIONS = 5  # fewer marked sentences in a gold set say too little about its precision
SENTIMENT_CUTOFF = 0.05  # VADER's own thresholds for a positive or negative compound score
VALIDATION_COLUMNS = [
    "measure",
    "label",
    "gold_set",
    "n_gold",
    "n_predicted",
    "n_sentences",
    "precision",
    "recall",
    "reported",
]
ALL_SETS = "all coded sentences"
RESULT_FILE = "data/validation.csv"
MEASURE_CODES = {
    "frame": ["frames"],
    "evidentiality": ["hedge", "attribution", "reporting"],
    "entman": ["entman"],
    "voice": ["quoted"],
    "sentiment": ["tone"],
}
HASH_DIGITS = 16
MAX_BYTES = 50_000_000


class CodesError(ValueError):
    """The hand codes cannot be matched to their corpus (missing folder, file or sentence)."""


# --- the hand codes, with their text read from the corpora ------------------------------------


def gold_sets(folder: Path) -> pd.DataFrame:
    """``sets.csv`` of a codes folder: gold_set, codes (file of codes), corpus (folder of the
    coded articles, relative to the codes folder's parent), selected_by_hits (``yes`` when
    each sentence was drawn among the hits of the label its ``drawn_for`` column names: see
    :func:`_scores`), description. A file of codes may leave out the columns of measures it
    does not code (``MEASURE_CODES``)."""
    return pd.read_csv(folder / "sets.csv", keep_default_na=False, dtype=str)


def sentence_hash(text: str) -> str:
    """The first ``HASH_DIGITS`` hex digits of the SHA-256 of a sentence: names it without
    storing it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def _cleaned_text(path: Path) -> str:
    from ..ingest.document import process_document  # here: ingestion, to recode from corpora

    return process_document(path, "validation", MAX_BYTES).text


def with_text(codes: pd.DataFrame, corpus: Path) -> pd.DataFrame:
    """The coded sentences with their text, cut from each file as ingestion cleans it; raises
    :class:`CodesError` when a file is missing or a sentence is not the one coded."""
    texts = {}
    for name in dict.fromkeys(codes["file"]):
        if not (corpus / name).is_file():
            raise CodesError(f"{corpus / name} is missing")
        texts[name] = _cleaned_text(corpus / name)
    cut = [
        texts[name][int(start) : int(end)]
        for name, start, end in zip(codes["file"], codes["start"], codes["end"])
    ]
    changed = [
        f"{name} {start}-{end}"
        for name, start, end, text, digest in zip(
            codes["file"], codes["start"], codes["end"], cut, codes["text_sha256"]
        )
        if sentence_hash(text) != digest
    ]
    if changed:
        raise CodesError(
            f"{len(changed)} coded sentences no longer match their text "
            f"(first: {changed[0]}): the corpus or the cleaning changed; recode them"
        )
    return codes.assign(text=cut)


def coded_sentences(folder: Path, only: list[str] | None = None) -> pd.DataFrame:
    """Every coded sentence of the gold sets in ``folder`` (or of those named in ``only``),
    columns gold_set, file, start, end, the codes and text; raises :class:`CodesError` when a
    set's corpus is absent."""
    parts = []
    for _, row in gold_sets(folder).iterrows():
        if only is not None and row["gold_set"] not in only:
            continue
        corpus = (folder.parent / row["corpus"]).resolve()
        if not corpus.is_dir():
            raise CodesError(f"gold set {row['gold_set']}: its corpus {corpus} is not here")
        codes = pd.read_csv(folder / row["codes"], keep_default_na=False, dtype=str)
        parts.append(
            with_text(codes.drop(columns="text", errors="ignore"), corpus).assign(
                gold_set=row["gold_set"]
            )
        )
    return pd.concat(parts, ignore_index=True)


def _labels(cell) -> set[str]:
    return {label for label in cell.split("|") if label} if isinstance(cell, str) else set()


def _coded(gold: pd.DataFrame, measure: str) -> list[bool]:
    """Which sentences were coded for ``measure`` (a gold set may code only some measures)."""
    columns = [
        gold[c] if c in gold else pd.Series([None] * len(gold)) for c in MEASURE_CODES[measure]
    ]
    return [all(isinstance(value, str) for value in values) for values in zip(*columns)]


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
        sentence = pd.DataFrame(
            {
                "doc_id": ["gold"],
                "sent_id": [1],
                "start": [0],
                "end": [len(text)],
                "text": [text],
                "role": ["body"],
            }
        )
        found.append(len(extract_quotes("gold", text, sentence)) > 0)
    return found


def _tone(texts: pd.DataFrame) -> list[str]:
    """VADER's polarity of each sentence (names masked), as the labels positive/negative."""
    from ..vader import vader  # here: NLTK is imported only when sentences are scored

    analyser = vader()
    compound = [analyser.polarity_scores(text)["compound"] for text in lexical_texts(texts)]
    return [
        "positive" if c >= SENTIMENT_CUTOFF else "negative" if c <= -SENTIMENT_CUTOFF else ""
        for c in compound
    ]


def predictions(gold: pd.DataFrame) -> pd.DataFrame:
    """Per coded sentence and measure, the labels the measure gives and those the coder gave
    (columns gold_set, measure, predicted, coded: sets of labels; drawn_for)."""
    texts = pd.DataFrame(
        {"doc_id": "gold", "sent_id": range(len(gold)), "text": gold["text"], "role": "body"}
    )
    frames = codebook().rename(columns={"indicators": "pattern"})
    kinds = _hits(texts, hedge_terms(), "kind")
    columns = {"hedge": "hedge", "attribution": "attribution", "reporting_verb": "reporting"}
    coded_kinds = [
        {kind for kind, column in columns.items() if row.get(column) == "1"}
        for _, row in gold.iterrows()
    ]
    tone_labels = {"1": {"positive"}, "-1": {"negative"}}
    measures = {
        "frame": (_hits(texts, frames, "frame"), [_labels(cell) for cell in gold["frames"]]),
        "evidentiality": (kinds, coded_kinds),
        "entman": (
            _hits(texts, entman_cues(), "function"),
            [_labels(cell) for cell in gold["entman"]],
        ),
        "voice": (
            [{"quoted"} if q else set() for q in _quoted(texts)],
            [{"quoted"} if q == "1" else set() for q in gold["quoted"]],
        ),
        "sentiment": (
            [{t} if t else set() for t in _tone(texts)],
            [tone_labels.get(t, set()) for t in gold["tone"]],
        ),
    }
    drawn = gold["drawn_for"].fillna("") if "drawn_for" in gold else [""] * len(gold)
    rows = [
        {"gold_set": gold_set, "measure": measure, "predicted": p, "coded": c, "drawn_for": label}
        for measure, (predicted, coded) in measures.items()
        for gold_set, p, c, label, coded_here in zip(
            gold["gold_set"], predicted, coded, drawn, _coded(gold, measure)
        )
        if coded_here
    ]
    return pd.DataFrame(rows, columns=["gold_set", "measure", "predicted", "coded", "drawn_for"])


def _all_labels() -> dict[str, list[str]]:
    """Every label each measure can give, in the order of its data file."""
    return {
        "frame": list(codebook()["frame"]),
        "evidentiality": list(dict.fromkeys(hedge_terms()["kind"])),
        "entman": list(dict.fromkeys(entman_cues()["function"])),
        "voice": ["quoted"],
        "sentiment": ["negative", "positive"],
    }


def _scores(part: pd.DataFrame, label: str) -> dict:
    """Counts, precision and recall of ``label``. A sentence drawn among the hits of one label
    (``drawn_for``) counts for that label's precision only: it is a random sample of that
    label's hits, and says nothing of its recall or of other labels."""
    drawn = part["drawn_for"] if "drawn_for" in part else pd.Series("", index=part.index)
    part, drawn = part[drawn.isin(["", label])], drawn[drawn.isin(["", label])]
    predicted = np.array([label in p for p in part["predicted"]], dtype=bool)
    coded = np.array([label in c for c in part["coded"]], dtype=bool)
    sampled = np.array(drawn == "", dtype=bool)
    both = predicted & coded
    return {
        "n_gold": int(coded.sum()),
        "n_predicted": int(predicted.sum()),
        "n_sentences": len(part),
        "precision": both.sum() / predicted.sum() if predicted.any() else np.nan,
        "recall": (both & sampled).sum() / (coded & sampled).sum()
        if (coded & sampled).any()
        else np.nan,
    }


def validation_table(gold: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of every label of every measure, per gold set and over all coded
    sentences (:func:`coded_sentences`); ``reported`` says whether the label passes (see the
    module docstring)."""
    found = predictions(gold)
    rows = []
    for measure, labels in _all_labels().items():
        part = found[found["measure"] == measure]
        for label in labels:
            sets = [*part.groupby("gold_set", sort=True), (ALL_SETS, part)]
            scores = [{"gold_set": gold_set, **_scores(subset, label)} for gold_set, subset in sets]
            scores = [row for row in scores if row["n_sentences"]]  # sets not scoring it
            reported = all(
                row["precision"] >= MIN_PRECISION
                for row in scores
                if row["gold_set"] == ALL_SETS or row["n_predicted"] >= MIN_PREDICTIONS
            )
            rows.extend(
                {"measure": measure, "label": label, **row, "reported": reported} for row in scores
            )
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


@lru_cache(maxsize=1)
def committed_table() -> pd.DataFrame:
    """The validation table as committed in ``data/validation.csv`` (see the module docstring;
    its ``source`` column names the codes behind each row)."""
    with files("newsframes").joinpath(RESULT_FILE).open(encoding="utf-8") as handle:
        table = pd.read_csv(handle)
    return table[VALIDATION_COLUMNS].astype({"reported": bool})


def reported(measure: str) -> set[str]:
    """The labels of ``measure`` that pass validation (in the committed table)."""
    table = committed_table()
    return set(table.loc[table["reported"] & (table["measure"] == measure), "label"])


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """The validation table one row per measure and label: coded sentences, precision and
    recall per gold set (columns named ``precision: <set>``), and whether it is reported."""
    wide = table.pivot_table(
        index=["measure", "label"],
        columns="gold_set",
        values=["precision", "recall"],
        aggfunc="first",
        dropna=False,
        sort=False,
    )
    wide.columns = [f"{value}: {gold_set}" for value, gold_set in wide.columns]
    pooled = table[table["gold_set"] == ALL_SETS].set_index(["measure", "label"])
    return (
        pooled[["n_gold", "n_predicted"]]
        .join(wide)
        .assign(reported=pooled["reported"])
        .reset_index()
    )


def not_reported(table: pd.DataFrame) -> str:
    """The labels that fail validation, by measure, as one sentence."""
    failing = table[~table["reported"] & (table["gold_set"] == ALL_SETS)]
    if failing.empty:
        return "Every measure passes validation."
    parts = [
        f"{measure}: {', '.join(rows['label'])}"
        for measure, rows in failing.groupby("measure", sort=False)
    ]
    return f"Not reported, because they fail validation — {'; '.join(parts)}."


def with_sources(table: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The validation table with a ``source`` column naming the codes behind each row."""
    sets = gold_sets(folder)
    where = {
        row["gold_set"]: f"hand codes in validation/{row['codes']}; {row['description']}"
        for _, row in sets.iterrows()
    }
    where[ALL_SETS] = "hand codes in " + " and ".join(f"validation/{c}" for c in sets["codes"])
    return table.assign(source=table["gold_set"].map(where))


def main(argv: list[str] | None = None) -> int:
    """Arguments ``CODES --out FILE`` (``make validation``): recompute the validation table from
    the hand codes and the corpora they name, and write it (with sources) to FILE."""
    parser = argparse.ArgumentParser(prog="make validation")
    parser.add_argument("codes", type=Path, help="folder of sets.csv and the hand codes")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    args = parser.parse_args(argv)
    try:
        table = validation_table(coded_sentences(args.codes))
    except (CodesError, OSError) as err:
        print(f"validation: {err}; {args.out} is left as it is", file=sys.stderr)
        return 2
    with_sources(table, args.codes).to_csv(args.out, index=False, lineterminator="\n")
    print(f"validation: {len(table)} rows written to {args.out}", file=sys.stderr)
    return 0
