"""The hand-coded sentences and the validation of the dictionary measures against them."""

import os

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from newsframes.framing import validation
from newsframes.resources import codebook

CODES = ROOT / "validation"
SHARED = ROOT.parent / "shared"
FUNCTIONS = {
    "problem_definition",
    "causal_interpretation",
    "moral_evaluation",
    "treatment_recommendation",
}
needs_shared = pytest.mark.skipif(
    not (SHARED / "corpora" / "polnear" / "dev").is_dir(),
    reason="../shared/corpora/polnear/dev is absent",
)


@pytest.fixture(autouse=True)
def _vader_lexicon(monkeypatch):
    import nltk.data

    monkeypatch.setattr(nltk.data, "path", [os.environ["NLTK_DATA"], *nltk.data.path])


def _codes() -> pd.DataFrame:
    sets = validation.gold_sets(CODES)
    return pd.concat(
        [pd.read_csv(CODES / name, keep_default_na=False, dtype=str) for name in sets["codes"]],
        ignore_index=True,
    )


def test_hand_codes_use_only_the_codebook_labels():
    codes = _codes()
    frames = set(codebook()["frame"])
    for cell in codes["frames"]:
        assert validation._labels(cell) <= frames, cell
    for cell in codes["entman"]:
        assert validation._labels(cell) <= FUNCTIONS, cell
    for column in ("hedge", "attribution", "reporting", "quoted"):
        assert set(codes[column].dropna()) <= {"0", "1"}, column
    assert set(codes["tone"].dropna()) <= {"-1", "0", "1"}
    assert set(codes["drawn_for"].dropna()) <= frames
    polnear = pd.read_csv(CODES / "polnear-dev.csv", keep_default_na=False, dtype=str)
    assert len(polnear) >= 150


def test_no_text_of_shared_corpora_in_the_repository():
    # ../shared's README: nothing from there goes into the project repository
    sets = validation.gold_sets(CODES)
    for _, row in sets[sets["corpus"].str.startswith("..")].iterrows():
        codes = pd.read_csv(CODES / row["codes"], keep_default_na=False, dtype=str)
        assert "text" not in codes.columns
        assert set(codes.columns) <= {
            "file",
            "start",
            "end",
            "text_sha256",
            "drawn_for",
            *(c for cs in validation.MEASURE_CODES.values() for c in cs),
        }


def test_every_analysed_sentence_of_the_seeds_is_coded(seed_run):
    sentiment = pd.read_csv(seed_run / "sentiment.csv", keep_default_na=False, dtype=str)
    documents = pd.read_csv(seed_run / "documents.csv", keep_default_na=False, dtype=str)
    file_of = dict(zip(documents["doc_id"], documents["file"]))
    analysed = sorted(zip(sentiment["doc_id"].map(file_of), sentiment["text"]))
    seeds = validation.coded_sentences(CODES, only=["seeds"])
    assert sorted(zip(seeds["file"], seeds["text"])) == analysed
    stored = pd.read_csv(CODES / "seeds.csv", keep_default_na=False, dtype=str)
    assert stored["text"].tolist() == seeds["text"].tolist()


def test_a_changed_sentence_is_refused(tmp_path):
    body = (
        "The ministers met in the capital on Monday for a second round of talks. "
        "The talks ended without a deal, the spokesman told reporters after the meeting."
    )
    (tmp_path / "a.txt").write_text(f"Talks end without a deal\n\n{body}\n\n{body}\n")
    text = validation._cleaned_text(tmp_path / "a.txt")
    start = text.rindex("The talks")
    codes = pd.DataFrame(
        {
            "file": ["a.txt"],
            "start": [str(start)],
            "end": [str(len(text))],
            "text_sha256": [validation.sentence_hash(text[start:])],
        }
    )
    assert validation.with_text(codes, tmp_path)["text"].tolist() == [text[start:]]
    with pytest.raises(validation.CodesError, match="no longer match"):
        validation.with_text(codes.assign(start=str(start + 1)), tmp_path)
    with pytest.raises(validation.CodesError, match="missing"):
        validation.with_text(codes.assign(file="b.txt"), tmp_path)


def test_a_sentence_drawn_for_one_label_counts_only_for_its_precision():
    # drawn among the hits of "a": precision of "a" only; "b" and recall ignore it
    part = pd.DataFrame(
        {
            "predicted": [{"a", "b"}, {"a"}, {"a"}],
            "coded": [{"a"}, {"a"}, {"b"}],
            "drawn_for": ["a", "", ""],
        }
    )
    scores = validation._scores(part, "a")
    assert scores["n_predicted"] == 3 and scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == 1.0  # 1 of the 1 coded "a" among the sentences not drawn
    assert validation._scores(part, "b")["n_predicted"] == 0


def test_a_measure_a_gold_set_does_not_code_is_not_scored_on_it():
    gold = pd.DataFrame(
        {
            "gold_set": ["x", "y"],
            "text": ["The treaty binds."] * 2,
            "frames": ["legality", "legality"],
            "entman": ["", None],
            "hedge": ["0", None],
            "attribution": ["0", None],
            "reporting": ["0", None],
            "quoted": ["0", None],
            "tone": ["0", None],
        }
    )
    table = validation.validation_table(gold)
    assert set(table.loc[table["measure"] == "frame", "gold_set"]) == {
        "x",
        "y",
        validation.ALL_SETS,
    }
    assert set(table.loc[table["measure"] == "evidentiality", "gold_set"]) == {
        "x",
        validation.ALL_SETS,
    }


def test_precision_and_recall_worked_by_hand():
    # four sentences: predicted {a}, {a}, {}, {a}; coded {a}, {}, {a}, {a}
    part = pd.DataFrame(
        {"predicted": [{"a"}, {"a"}, set(), {"a"}], "coded": [{"a"}, set(), {"a"}, {"a"}]}
    )
    scores = validation._scores(part, "a")
    assert scores["n_predicted"] == 3 and scores["n_gold"] == 3
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    nothing = validation._scores(part.assign(predicted=[set()] * 4), "a")
    assert np.isnan(nothing["precision"]) and nothing["recall"] == 0


def test_a_label_passes_only_with_enough_precision_everywhere_it_marks_enough_sentences():
    # "right" as an adjective is no legal frame: a cue list marking it fails on that gold set
    gold = pd.DataFrame(
        {
            "gold_set": ["x"] * 6,
            "text": ["He is absolutely right."] * 5 + ["The treaty binds."],
            "frames": [""] * 5 + ["legality"],
            "entman": "",
            "hedge": "0",
            "attribution": "0",
            "reporting": "0",
            "quoted": "0",
            "tone": "0",
        }
    )
    table = validation.validation_table(gold)
    legality = table[(table["measure"] == "frame") & (table["label"] == "legality")]
    assert list(legality["gold_set"]) == ["x", validation.ALL_SETS]
    assert legality["n_gold"].tolist() == [1, 1]
    precise = legality["precision"].iloc[-1] >= validation.MIN_PRECISION
    assert bool(legality["reported"].iloc[0]) == precise


def test_committed_table_has_every_label_of_every_measure():
    table = validation.committed_table()
    assert list(table.columns) == validation.VALIDATION_COLUMNS
    frames = table[table["measure"] == "frame"]
    assert set(frames["label"]) == set(codebook()["frame"])
    assert set(table.loc[table["measure"] == "entman", "label"]) == FUNCTIONS
    assert set(table["gold_set"]) == {*validation.gold_sets(CODES)["gold_set"], validation.ALL_SETS}
    # the rule of the module docstring, recomputed from the table
    for (_, _), rows in table.groupby(["measure", "label"]):
        enough = rows["n_predicted"] >= validation.MIN_PREDICTIONS
        counted = rows[(rows["gold_set"] == validation.ALL_SETS) | enough]
        passes = bool((counted["precision"] >= validation.MIN_PRECISION).all())
        assert rows["reported"].all() == passes


VALUES = ["n_gold", "n_predicted", "n_sentences", "precision", "recall"]


def _recomputed_rows(table: pd.DataFrame, committed: pd.DataFrame, columns: list[str]):
    keys = ["measure", "label", "gold_set"]
    fresh = table.set_index(keys)[columns]
    stored = committed.set_index(keys).loc[fresh.index, columns]
    pd.testing.assert_frame_equal(fresh, stored, check_dtype=False)


def test_committed_seed_rows_equal_a_fresh_recomputation():
    # runs on any machine: the seeds and their codes are in the repository
    table = validation.validation_table(validation.coded_sentences(CODES, only=["seeds"]))
    table = table[table["gold_set"] == "seeds"]
    assert len(table) == len(validation.committed_table().query("gold_set == 'seeds'"))
    _recomputed_rows(table, validation.committed_table(), VALUES)


@needs_shared
def test_committed_table_equals_a_fresh_recomputation(tmp_path):
    assert validation.main([str(CODES), "--out", str(tmp_path / "v.csv")]) == 0
    fresh = pd.read_csv(tmp_path / "v.csv")
    committed = pd.read_csv(ROOT / "src" / "newsframes" / validation.RESULT_FILE)
    pd.testing.assert_frame_equal(fresh, committed)


def test_recomputation_without_a_corpus_refuses_and_keeps_the_file(tmp_path, capsys):
    codes = tmp_path / "codes"
    codes.mkdir()
    (codes / "sets.csv").write_text(
        "gold_set,codes,corpus,description\nelsewhere,x.csv,not-here,nothing\n"
    )
    out = tmp_path / "v.csv"
    out.write_text("kept\n")
    assert validation.main([str(codes), "--out", str(out)]) == 2
    assert out.read_text() == "kept\n"
    assert "not here" in capsys.readouterr().err
