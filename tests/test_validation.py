"""The hand-coded sentences and the validation of the dictionary measures against them."""

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from newsframes import pipeline
from newsframes.framing import validation
from newsframes.resources import codebook, gold_sentences

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = {"problem_definition", "causal_interpretation", "moral_evaluation",
             "treatment_recommendation"}


@pytest.fixture(autouse=True)
def _vader_lexicon(monkeypatch):
    import nltk.data

    monkeypatch.setattr(nltk.data, "path", [os.environ["NLTK_DATA"], *nltk.data.path])


def test_gold_sentences_use_only_the_codebook_labels():
    gold = gold_sentences()
    frames = set(codebook()["frame"])
    for cell in gold["frames"]:
        assert validation._labels(cell) <= frames, cell
    for cell in gold["entman"]:
        assert validation._labels(cell) <= FUNCTIONS, cell
    for column in ("hedge", "attribution", "reporting", "quoted"):
        assert set(gold[column]) <= {"0", "1"}, column
    assert set(gold["tone"]) <= {"-1", "0", "1"}
    assert (gold["text"].str.strip() != "").all()
    assert (gold["gold_set"] == "polnear-dev").sum() >= 150


def test_every_analysed_sentence_of_the_seeds_is_coded(tmp_path):
    pipeline.run(ROOT / "seeds", tmp_path)
    sentiment = pd.read_csv(tmp_path / "sentiment.csv", keep_default_na=False, dtype=str)
    documents = pd.read_csv(tmp_path / "documents.csv", keep_default_na=False, dtype=str)
    file_of = dict(zip(documents["doc_id"], documents["file"]))
    analysed = sorted(zip(sentiment["doc_id"].map(file_of), sentiment["text"]))
    gold = gold_sentences()
    seeds = gold[gold["gold_set"] == "seeds"]
    assert sorted(zip(seeds["file"], seeds["text"])) == analysed


def test_precision_and_recall_worked_by_hand():
    # four sentences: predicted {a}, {a}, {}, {a}; coded {a}, {}, {a}, {a}
    part = pd.DataFrame({"predicted": [{"a"}, {"a"}, set(), {"a"}],
                         "coded": [{"a"}, set(), {"a"}, {"a"}]})
    scores = validation._scores(part, "a")
    assert scores["n_predicted"] == 3 and scores["n_gold"] == 3
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    nothing = validation._scores(part.assign(predicted=[set()] * 4), "a")
    assert np.isnan(nothing["precision"]) and nothing["recall"] == 0


def test_a_label_passes_only_with_enough_precision_everywhere_it_marks_enough_sentences():
    # "right" as an adjective is no legal frame: a cue list marking it fails on that gold set
    gold = pd.DataFrame({"gold_set": ["x"] * 6,
                         "text": ["He is absolutely right."] * 5 + ["The treaty binds."],
                         "frames": [""] * 5 + ["legality"], "entman": "", "hedge": "0",
                         "attribution": "0", "reporting": "0", "quoted": "0", "tone": "0"})
    table = validation.validation_table(gold)
    legality = table[(table["measure"] == "frame") & (table["label"] == "legality")]
    assert list(legality["gold_set"]) == ["x", validation.ALL_SETS]
    assert legality["n_gold"].tolist() == [1, 1]
    precise = legality["precision"].iloc[-1] >= validation.MIN_PRECISION
    assert bool(legality["reported"].iloc[0]) == precise


def test_validation_table_has_every_label_of_every_measure():
    table = validation.cached_table()
    assert list(table.columns) == validation.VALIDATION_COLUMNS
    frames = table[table["measure"] == "frame"]
    assert set(frames["label"]) == set(codebook()["frame"])
    assert set(table.loc[table["measure"] == "entman", "label"]) == FUNCTIONS
    assert set(table["gold_set"]) == {"seeds", "polnear-dev", validation.ALL_SETS}
    # the rule of the module docstring, recomputed from the table
    for (_, _), rows in table.groupby(["measure", "label"]):
        enough = rows["n_predicted"] >= validation.MIN_PREDICTIONS
        counted = rows[(rows["gold_set"] == validation.ALL_SETS) | enough]
        passes = bool((counted["precision"] >= validation.MIN_PRECISION).all())
        assert rows["reported"].all() == passes
