"""The framing stage on an invented mini corpus (tests/fixtures/framing): four short articles
in the style of a Western wire, a Western paper relaying it, a state agency and a daily
relaying the agency."""

import itertools
import os
import re
import tracemalloc

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import example as given_example
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes import framing
from newsframes.corpus import corpus_from_texts, records_of, rows_of
from newsframes.framing import groups, stats, validation
from newsframes.framing.groups import (
    POOLED_OUTLETS,
    comparison_groups,
    copy_status,
    is_relay,
    label_keys,
    largest,
    pooled_outlets,
    relay_groups,
)
from newsframes.framing.index import SentenceIndex, compile_cue, cue_beginnings
from newsframes.framing.keyness import (
    MIN_KEYNESS_COUNT,
    content_term_counters,
    content_text,
    keyed_term_counts,
    keyness_table,
    term_counts,
)
from newsframes.framing.measures import (
    entman_table,
    frame_evidence,
    naming_counts,
    sentiment_validated,
)
from newsframes.framing.sentences import (
    analysed_sentences,
    lexical_texts,
    mask_names,
    tokens_per_document,
)
from newsframes.framing.sentiment import named_targets, sentence_targets, sentiment_by
from newsframes.framing.uncertainty import (
    MIN_BOOTSTRAP_DOCUMENTS,
    SENTIMENT_FINDINGS,
    UNCERTAINTY_COLUMNS,
    compare_groups,
)
from newsframes.resources import (
    codebook,
    data_text,
    entman_cues,
    hedge_terms,
    naming_variants,
    stopwords,
    target_patterns,
)
from newsframes.vader import vader
from timing import cpu_seconds

FIXTURES = ROOT / "tests" / "fixtures" / "framing"
KEYS = {
    "frames",
    "frame_evidence",
    "entman",
    "keyness",
    "evidentiality",
    "naming",
    "sentiment",
    "leads",
    "uncertainty",
}


@pytest.fixture(autouse=True)
def _vader_lexicon(monkeypatch):
    """NLTK reads NLTK_DATA only when first imported; point it at the folder conftest prepared."""
    import nltk.data

    monkeypatch.setattr(nltk.data, "path", [os.environ["NLTK_DATA"], *nltk.data.path])


def mini_texts() -> dict[str, str]:
    return {p.stem: p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))}


def mini_meta() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "meta.csv", dtype=str)


@pytest.fixture(scope="module")
def mini():
    return corpus_from_texts(mini_texts(), mini_meta())


@pytest.fixture(scope="module")
def tables(mini):
    import nltk.data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nltk.data, "path", [os.environ["NLTK_DATA"], *nltk.data.path])
        return framing.run(mini)


@pytest.fixture(scope="module")
def per_document(mini):
    """Frame evidence and Entman sentences of the mini corpus with every cue of the data files,
    validated or not (``framing.document_tables`` matches the validated ones only), matched
    in the same lexical texts."""
    sentences = analysed_sentences(mini)
    counted = sentences[~sentences["repeat"]].reset_index(drop=True)
    lexical = SentenceIndex(counted, lexical_texts(counted))
    return {
        "frame_evidence": frame_evidence(lexical, codebook()),
        "entman": entman_table(lexical, entman_cues()),
    }


def test_per_document_tables_match_only_the_validated_cues(mini, per_document):
    tables = framing.document_tables(mini)
    frames, functions = validation.reported("frame"), validation.reported("entman")
    every_frame, every_function = per_document["frame_evidence"], per_document["entman"]
    assert set(every_frame["frame"]) - frames  # the mini corpus hits frames not reported
    reported = every_frame[every_frame["frame"].isin(frames)].reset_index(drop=True)
    assert set(tables["frame_evidence"]["voice"]) == {"authorial"}  # no quotes given
    pd.testing.assert_frame_equal(tables["frame_evidence"].drop(columns="voice"), reported)
    reported = every_function[every_function["function"].isin(functions)]
    pd.testing.assert_frame_equal(  # no function passes: an empty table's text is of objects
        tables["entman"], reported.reset_index(drop=True), check_dtype=not reported.empty
    )
    kinds = validation.reported("evidentiality")
    assert set(tables["evidentiality_evidence"]["kind"]) <= kinds


def hits(per_document, doc_id, frame):
    evidence = per_document["frame_evidence"]
    return int(((evidence["doc_id"] == doc_id) & (evidence["frame"] == frame)).sum())


def test_codebook_frames_have_definition_indicators_examples_and_source():
    book = codebook()
    assert len(book) >= 10 and book["frame"].is_unique
    for column in ("label", "definition", "indicators", "examples", "source"):
        assert (book[column].str.strip() != "").all(), column
    for pattern in book["indicators"]:
        re.compile(pattern)
    assert {
        "security_defense",
        "political",
        "external_regulation_reputation",
        "legality",
        "policy_prescription",
        "military_threat",
        "diplomacy_dialogue",
        "sovereignty_open_door",
        "security_guarantees",
        "casting_doubt",
    } <= set(book["frame"])


@pytest.mark.parametrize("loader", [entman_cues, hedge_terms, naming_variants, target_patterns])
def test_pattern_files_compile_and_cite_sources(loader):
    table = loader()
    assert (table["source"].str.strip() != "").all()
    for pattern in table["pattern"]:
        compile_cue(pattern)


def test_entry_point_returns_every_table(tables):
    assert set(tables) >= KEYS
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())
    assert list(tables["frames"].columns) == ["doc_id", "frame", "hits", "per_1k", "hits_quoted"]
    assert list(tables["frame_evidence"].columns) == [
        "doc_id",
        "frame",
        "sent_id",
        "start",
        "match",
        "voice",
        "sentence",
    ]
    assert list(tables["entman"].columns)[:5] == [
        "doc_id",
        "function",
        "sent_id",
        "sentence",
        "cue",
    ]


def test_hits_equal_evidence_rows(tables):
    evidence = tables["frame_evidence"].groupby(["doc_id", "frame"]).size()
    frames = tables["frames"].set_index(["doc_id", "frame"])["hits"]
    assert (frames[frames > 0] == evidence.reindex(frames[frames > 0].index)).all()
    assert frames.sum() == len(tables["frame_evidence"])


def test_per_1k_is_hits_per_thousand_tokens(mini, tables):
    frames = tables["frames"]
    tokens = tokens_per_document(analysed_sentences(mini))
    is_row = (frames["doc_id"] == "wire_west") & (frames["frame"] == "sovereignty_open_door")
    row = frames[is_row].iloc[0]
    assert row["per_1k"] == pytest.approx(1000 * row["hits"] / tokens["wire_west"])


def test_frames_found_where_the_invented_articles_put_them(per_document):
    assert hits(per_document, "wire_west", "military_threat") >= 3  # build-up, massing, invasion
    assert hits(per_document, "wire_west", "sovereignty_open_door") >= 3  # right to choose, veto
    assert hits(per_document, "paper_west", "diplomacy_dialogue") >= 4  # talks, dialogue, meetings
    assert hits(per_document, "paper_west", "economic") >= 1  # banks
    assert hits(per_document, "agency_east", "security_guarantees") >= 3  # guarantees, eastward
    assert hits(per_document, "agency_east", "legality") >= 2  # legally binding, treaty
    assert hits(per_document, "daily_east", "casting_doubt") >= 3  # claims, baseless, so-called
    assert hits(per_document, "wire_west", "casting_doubt") == 0
    assert hits(per_document, "paper_west", "security_guarantees") == 0


def test_reported_tables_hold_only_measures_that_pass_validation(tables):
    frames = set(validation.reported("frame"))
    assert set(tables["frames"]["frame"]) == frames
    assert set(tables["frame_evidence"]["frame"]) <= frames
    assert set(tables["entman"]["function"]) <= validation.reported("entman")
    findings = tables["uncertainty"]["finding"]
    labels = dict(zip(codebook()["label"], codebook()["frame"]))
    framed = findings[findings.str.startswith("frame per 1k: ")].str.removeprefix("frame per 1k: ")
    assert set(framed.map(labels)) == frames
    assert findings.str.contains("sentiment").any() == sentiment_validated()


def test_frame_evidence_quotes_the_matching_sentence(tables):
    evidence = tables["frame_evidence"]
    for row in evidence.itertuples():
        assert row.match.lower() in row.sentence.lower()


def test_per_document_tables_do_not_depend_on_other_documents(tables):
    alone = framing.run(corpus_from_texts({"daily_east": mini_texts()["daily_east"]}, mini_meta()))
    for key in ("frames", "frame_evidence", "entman", "naming"):
        together = tables[key][tables[key]["doc_id"] == "daily_east"].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            alone[key].reset_index(drop=True), together, check_dtype=False
        )
    columns = ["doc_id", "sent_id", "compound", "targets"]
    pd.testing.assert_frame_equal(
        alone["sentiment"][columns].reset_index(drop=True),
        tables["sentiment"]
        .loc[tables["sentiment"]["doc_id"] == "daily_east", columns]
        .reset_index(drop=True),
    )


def test_output_is_deterministic(mini, tables):
    again = framing.run(mini)
    for key in KEYS:
        pd.testing.assert_frame_equal(again[key], tables[key])


def test_entman_picks_the_best_cue_sentence(per_document):
    entman = per_document["entman"].set_index(["doc_id", "function"])
    assert set(entman.index.get_level_values("function")) == {
        "problem_definition",
        "causal_interpretation",
        "moral_evaluation",
        "treatment_recommendation",
    }
    remedy = entman.loc[("daily_east", "treatment_recommendation")]
    assert "must" in remedy["cue"] and remedy["sentence"].startswith("Moscow stressed")
    moral = entman.loc[("wire_west", "moral_evaluation")]
    assert "right to" in moral["cue"]


def test_keyness_columns_and_direction(tables):
    keyness = tables["keyness"]
    assert list(keyness.columns) == [
        "term",
        "group",
        "count_russian",
        "count_western",
        "log_odds_z",
        "g2",
        "log_ratio",
    ]
    assert not keyness["term"].isin(["the", "and", "of"]).any()  # stop words removed
    assert (keyness[["count_russian", "count_western"]].sum(axis=1) >= MIN_KEYNESS_COUNT).all()
    # log-odds z and log ratio point the same way for every term listed under its group
    assert (keyness["log_odds_z"] >= 0).all() and (keyness["log_ratio"] > -1e-9).all()
    terms = keyness.set_index("term")["group"]
    assert terms["moscow"] == "russian"


def test_evidentiality_counts_hedges_and_reporting_verbs(tables):
    evidence = tables["evidentiality_evidence"]
    east = evidence[(evidence["doc_id"] == "daily_east") & (evidence["kind"] == "hedge")]
    assert {"alleged", "so-called", "claims"} <= set(east["term"])
    east_all = evidence[evidence["doc_id"] == "daily_east"]
    attribution = east_all[east_all["kind"] == "attribution"]
    assert set(attribution["term"]) == {"according to"}  # names a source: not counted as a hedge
    rates = tables["evidentiality"]
    doc = rates[
        (rates["level"] == "doc")
        & (rates["unit"] == "agency_east")
        & (rates["kind"] == "reporting_verb")
    ]
    assert doc["hits"].iloc[0] == 4  # stated, noted, reported, rejected
    assert set(
        evidence.loc[
            (evidence["doc_id"] == "agency_east") & (evidence["kind"] == "reporting_verb"), "match"
        ]
    ) == {"stated", "noted", "reported", "rejected"}
    group = rates[(rates["level"] == "group") & (rates["unit"] == "russian")]
    per_doc = rates[(rates["level"] == "doc") & (rates["group"] == "russian")]
    for kind in ("hedge", "reporting_verb"):
        assert (
            group.loc[group["kind"] == kind, "hits"].iloc[0]
            == per_doc.loc[per_doc["kind"] == kind, "hits"].sum()
        )


def test_naming_counts_spelling_variants(tables):
    naming = tables["naming"].set_index(["doc_id", "variant"])["count"]
    assert naming[("daily_east", "Kiev")] == 1 and naming[("daily_east", "Kyiv")] == 0
    assert naming[("daily_east", "Donbass")] == 1 and naming[("daily_east", "Donbas")] == 0
    assert naming[("agency_east", "North Atlantic Alliance")] == 1
    assert naming[("agency_east", "RF")] == 0 and naming[("agency_east", "Russian Federation")] == 1
    assert naming[("wire_west", "military build-up")] == 2  # build-up, massing
    assert naming[("agency_east", "alleged plans")] == 1


def test_sentiment_is_per_sentence_with_targets(mini, tables):
    sentiment = tables["sentiment"]
    assert len(sentiment) == len(mini.sentences)
    assert list(sentiment[["doc_id", "sent_id"]].itertuples(index=False, name=None)) == list(
        mini.sentences[["doc_id", "sent_id"]].itertuples(index=False, name=None)
    )
    row = sentiment[(sentiment["doc_id"] == "wire_west") & (sentiment["sent_id"] == 1)].iloc[0]
    assert row["targets"] == "Ukraine"  # a bare "Alliance" is not "the alliance"; Ukraine is named
    assert row["compound"] == pytest.approx(vader().polarity_scores(row["text"])["compound"])
    by_target = sentiment_by(sentiment, "targets").set_index("targets")
    assert {"NATO", "Russia", "Ukraine", "US"} <= set(by_target.index)


def test_leads_name_the_headline_and_lede_actors(tables):
    leads = tables["leads"].set_index("doc_id")
    assert leads.at["agency_east", "headline_actor"] == "Russia"
    assert leads.at["agency_east", "lede_actor"] == "Russia"
    assert leads.at["agency_east", "lede_verb"] == "stated"  # the dateline sentence is skipped
    assert leads.at["agency_east", "lede"].startswith("Russia expects")
    assert leads.at["wire_west", "first_mentions"].startswith("Ukraine")
    assert leads.at["paper_west", "lede_actors"] == "US > Russia"


def test_quotes_from_source_comparison_mark_sentences_and_lede_speaker(mini):
    quotes = pd.DataFrame({"doc_id": ["wire_west"], "sent_id": [2], "speaker": ["Alliance chief"]})
    result = framing.run(mini, {"quotes": quotes})
    sentiment = result["sentiment"].set_index(["doc_id", "sent_id"])
    assert sentiment.at[("wire_west", 2), "quoted"] and not sentiment.at[("wire_west", 3), "quoted"]
    assert result["leads"].set_index("doc_id").at["wire_west", "lede_speaker"] == "Alliance chief"


def test_groups_come_from_camp_and_uncertainty_reports_arrangements(tables):
    uncertainty = tables["uncertainty"]
    camp = uncertainty[uncertainty["comparison"] == "camp"]
    assert (camp["n_arrangements"] == 6).all()  # C(4, 2)
    assert camp["min_p"].tolist() == pytest.approx([1 / 6] * len(camp))
    assert camp["statistic"].str.contains("russian − western").all()
    relay = uncertainty[uncertainty["comparison"] == "camp × relay"]
    assert (relay["n_arrangements"] == 24).all()  # four groups of one: 4!
    assert list(uncertainty.columns) == UNCERTAINTY_COLUMNS
    assert (camp["alternative"] == "two-sided").all() and (
        relay["alternative"] == "one-sided"
    ).all()
    assert (
        uncertainty["exact"].all()
        and (uncertainty["n_permutations"] == uncertainty["n_arrangements"]).all()
    )


def test_q_values_adjust_over_every_test_of_the_run(tables):
    uncertainty = tables["uncertainty"]
    assert uncertainty["comparison"].nunique() == 2
    whole_run = stats.benjamini_hochberg(uncertainty["p_value"].to_numpy(dtype=float))
    assert uncertainty["q_value"].tolist() == pytest.approx(whole_run.tolist())
    assert (uncertainty["q_value"] >= uncertainty["p_value"] - 1e-12).all()


def _toy_measures(per_group: int) -> tuple[pd.DataFrame, pd.Series]:
    """Two groups of ``per_group`` documents, three sentences each, with a rate that differs."""
    rows = [
        {
            "finding": "frame per 1k: X",
            "doc_id": f"{g}{d}",
            "sent_id": s,
            "num": (d + s + (2 if g == "a" else 0)) % 4,
            "den": 10 + s,
            "scale": 1000,
        }
        for g in "ab"
        for d in range(per_group)
        for s in range(3)
    ]
    labels = pd.Series({f"{g}{d}": g for g in "ab" for d in range(per_group)})
    return pd.DataFrame(rows), labels


@pytest.mark.parametrize("per_group", [2, 3])
def test_no_document_bootstrap_for_groups_under_three_documents(per_group):
    measures, labels = _toy_measures(per_group)
    row = compare_groups(measures, labels, "camp").iloc[0]
    assert np.isfinite([row["sent_ci_low"], row["sent_ci_high"]]).all()
    assert np.isfinite([row["ci_low"], row["ci_high"]]).all() == (
        per_group >= MIN_BOOTSTRAP_DOCUMENTS
    )
    assert np.isnan([row["ci_low"], row["ci_high"]]).all() == (per_group < MIN_BOOTSTRAP_DOCUMENTS)


def test_an_unknown_source_is_neither_relay_nor_original():
    assert copy_status("Some Paper", "unknown") == "source unknown"
    assert copy_status("unknown", "") == "source unknown"
    assert copy_status("Some Paper", "Some Paper") == "original"
    assert copy_status("Some Paper", "Agency A") == "relay"


def test_relay_label_from_upstream():
    assert is_relay("Capital Daily", "State Agency")
    assert not is_relay("State Agency", "state agency")
    assert not is_relay("Some Paper", "unknown")
    assert is_relay("unknown", "Agency A; Agency B")
    labels = relay_groups(mini_meta().assign(status="ok"))
    assert labels["paper_west"] == "western · relay" and labels["wire_west"] == "western · original"


def test_three_camps_are_three_groups():
    meta = mini_meta()
    meta.loc[meta["doc_id"] == "paper_west", "camp"] = "neutral"
    meta = pd.concat(
        [
            meta,
            pd.DataFrame(
                [
                    {
                        "doc_id": "extra_neutral",
                        "outlet": "Third Daily",
                        "upstream": "Third Daily",
                        "camp": "neutral",
                    }
                ]
            ),
        ]
    )
    texts = {
        **mini_texts(),
        "extra_neutral": "Ministers call for dialogue\n\nThe ministers called for talks.",
    }
    result = framing.run(corpus_from_texts(texts, meta))
    labels, basis = comparison_groups(corpus_from_texts(texts, meta).documents)
    assert basis == "camp" and sorted(set(labels)) == ["neutral", "russian", "western"]
    camp = result["uncertainty"][result["uncertainty"]["comparison"] == "camp"]
    assert (camp["n_arrangements"] == 30).all()  # 5! / (2! 2! 1!)
    assert camp["statistic"].str.startswith("between-group").all()
    assert {"count_neutral", "count_russian", "count_western"} <= set(result["keyness"].columns)


def test_single_camp_falls_back_to_outlets():
    meta = mini_meta().assign(camp="western")
    corpus = corpus_from_texts(mini_texts(), meta)
    labels, basis = comparison_groups(corpus.documents)
    assert basis.startswith("outlet")
    assert sorted(set(labels)) == sorted(meta["outlet"])
    result = framing.run(corpus)
    assert (result["uncertainty"]["comparison"] == basis).all()
    assert set(result["keyness"]["group"]) <= set(meta["outlet"])


def test_unknown_outlets_form_one_group():
    """As unknown camps do: documents of unknown outlet are not one group each (thousands of
    one-document groups in a folder with no sources sheet)."""
    meta = mini_meta().assign(camp="western", outlet=["Same Daily", "", "Other Daily", "unknown"])
    labels, basis = comparison_groups(corpus_from_texts(mini_texts(), meta).documents)
    assert basis.startswith("outlet")
    assert sorted(labels) == ["Other Daily", "Same Daily", "unknown", "unknown"]
    corpus = corpus_from_texts(mini_texts())  # no meta: camp and outlet unknown
    labels, basis = comparison_groups(corpus.documents)
    assert basis.startswith("outlet") and set(labels) == {"unknown"}
    assert framing.run(corpus)["uncertainty"].empty  # one group: nothing to compare


def test_largest_keeps_the_most_documents_ties_by_name_in_sorted_order():
    sizes = pd.Series({"b": 3, "a": 3, "c": 9, "d": 1})
    assert largest(sizes, 2) == ["a", "c"]
    assert largest(sizes, 3) == ["a", "b", "c"]
    assert largest(sizes, 10) == ["a", "b", "c", "d"]


def test_outlets_beyond_the_limit_are_pooled_the_largest_kept():
    """Of more known outlets than the limit, those with the most documents (ties by name) are
    groups of their own; the others one pooled group, named so; unknown outlets stay apart; the
    basis says how many were pooled. At the limit or under it, every outlet is its own group."""
    outlets = pd.Series(
        ["c", "c", "c", "b", "b", "a", "a", "d", "e", "unknown", "unknown"], name="group"
    )
    labels, basis = pooled_outlets(outlets, limit=2)
    pooled = [POOLED_OUTLETS] * 2
    assert labels.tolist() == [*"ccc", *pooled, "a", "a", *pooled, "unknown", "unknown"]
    assert "the 2 with the most documents, the other 3 pooled" in basis
    assert basis.startswith("outlet (fewer than two known camps")
    unchanged, basis = pooled_outlets(outlets, limit=5)
    assert unchanged.equals(outlets) and basis == groups.OUTLET_BASIS
    named = outlets.replace({"c": POOLED_OUTLETS})  # an outlet of that name keeps its own group
    labels, _ = pooled_outlets(named, limit=2)
    assert labels.tolist()[:3] == [POOLED_OUTLETS] * 3
    assert set(labels[[3, 4, 7, 8]]) == {f"{POOLED_OUTLETS} (pooled)"}


def test_a_corpus_of_more_outlets_than_the_limit_compares_the_largest(monkeypatch):
    """Through the whole framing stage: with the limit under the corpus's outlets, the
    keyness table has a count column per group compared (not per outlet) and the uncertainty
    table names the pooled basis."""
    meta = mini_meta().assign(camp="", outlet=["Big Daily", "Big Daily", "Small A", "Small B"])
    corpus = corpus_from_texts(mini_texts(), meta)
    monkeypatch.setattr(groups, "MAX_OUTLET_GROUPS", 1)
    labels, basis = comparison_groups(corpus.documents)
    assert sorted(set(labels)) == ["Big Daily", POOLED_OUTLETS]
    result = framing.run(corpus)
    counts = sorted(c for c in result["keyness"].columns if c.startswith("count_"))
    assert counts == ["count_Big Daily", f"count_{POOLED_OUTLETS}"]
    assert set(result["uncertainty"]["comparison"]) == {basis}
    assert "the other 2 pooled" in basis


def _per_document_term_counts(sentences, documents):
    """Term x group counts summed straight from per-document counts (the reference)."""
    labels, _ = comparison_groups(documents)
    doc_terms = pd.DataFrame(
        [
            (doc_id, term, n)
            for doc_id, counts in content_term_counters(sentences)
            for term, n in counts.items()
        ],
        columns=["doc_id", "term", "count"],
    )
    table = doc_terms.assign(group=doc_terms["doc_id"].map(labels)).pivot_table(
        index="term", columns="group", values="count", aggfunc="sum", fill_value=0
    )
    return table.reindex(columns=sorted(set(labels)), fill_value=0).rename_axis(
        index="term", columns="group"
    )


@pytest.mark.parametrize(
    "meta",
    [
        mini_meta(),
        mini_meta().assign(outlet="One Outlet"),
        mini_meta().assign(camp="western"),
        mini_meta().assign(camp="western", outlet=["Same Daily", "", "Same Daily", "unknown"]),
        None,
    ],
    ids=["camps", "camps-one-outlet", "outlets", "unknown-outlets", "no-meta"],
)
def test_term_counts_summed_by_label_keys_equal_the_per_document_sums(meta):
    corpus = corpus_from_texts(mini_texts(), meta)
    sentences, documents = analysed_sentences(corpus), corpus.usable
    keyed = keyed_term_counts(sentences, label_keys(documents))
    pd.testing.assert_frame_equal(
        term_counts(keyed, documents), _per_document_term_counts(sentences, documents)
    )


def test_stop_word_list_holds_the_words_its_header_states():
    lines = (ROOT / "src/newsframes/data/stopwords.txt").read_text(encoding="utf-8").splitlines()
    header = " ".join(line for line in lines if line.startswith("#"))
    words = [line for line in lines if line and not line.startswith("#")]
    stated = int(re.search(r"(\d+) words, lower case", header).group(1))
    assert len(words) == len(set(words)) == stated == len(stopwords())
    assert all(word == word.lower() and word.isalpha() for word in words)


def test_one_document_gives_an_empty_uncertainty_table_with_columns():
    result = framing.run(corpus_from_texts({"daily_east": mini_texts()["daily_east"]}, mini_meta()))
    assert (
        result["uncertainty"].empty and list(result["uncertainty"].columns) == UNCERTAINTY_COLUMNS
    )


@pytest.mark.parametrize("with_quotes", [False, True], ids=["no-quotes", "quotes"])
def test_partitions_give_the_same_tables_as_the_whole_corpus(mini, with_quotes):
    """Per-document tables computed on two halves of a corpus, then the corpus-level step,
    equal the tables of one run over the whole corpus; with source comparison's quotes, each
    half reads the voice of its hits and its quoted words from its own documents' quotes."""
    from newsframes import compare
    from newsframes.corpus import Corpus

    corpus = mini
    quotes = compare.document_tables(corpus)["quotes"] if with_quotes else None
    ids = sorted(corpus.usable["doc_id"])
    halves = [ids[: len(ids) // 2], ids[len(ids) // 2 :]]
    parts = []
    for half in halves:
        keep = corpus.documents["doc_id"].isin(half)
        part = Corpus(
            documents=corpus.documents[keep],
            sentences=corpus.sentences[corpus.sentences["doc_id"].isin(half)],
            texts={d: corpus.texts[d] for d in half},
        )
        own = quotes[quotes["doc_id"].isin(half)] if with_quotes else None
        parts.append(framing.document_tables(part, own))
    joined = {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in parts[0]}
    compared = {"quotes": quotes} if with_quotes else None
    joined.update(framing.corpus_tables(corpus, joined, compared))
    whole = framing.run(corpus, compared)
    voices = set(whole["evidentiality_evidence"]["voice"]) | set(whole["frame_evidence"]["voice"])
    assert voices == ({"quoted", "authorial"} if with_quotes else {"authorial"})
    for name, table in whole.items():
        assert (
            joined[name].reset_index(drop=True).to_csv() == table.reset_index(drop=True).to_csv()
        ), name


# --- the sentence index finds what scanning each sentence finds ------------------------------

TRICKY = [
    "",
    "NATO",
    "nato's",
    "the Alliance",
    "the western bloc.",
    "U.S.-Russia",
    "US and us",
    "USA!",
    "Washington Post",
    "Washington",
    "Kyiv/Kiev",
    "Donbass Donbas",
    "Ĳssel NATO",
    "KİEV Kiev",
    "Kremlin’s",
    "“alleged” claims",
    "so-called threat",
    "military build-up",
    "buildups",
    "amassing troops",
    "ſo-called threat",
    "ﬁnancial markets",
    "\u212aremlin",
    "said: \u201cno\u201d",
    "\u201cTalks\u201d\u2014talks\u2019 economy\u2026markets "  # marks without case next to cues
    "\u00absecurity\u00bb \u2013 said\u00a0US",
    "x" * 3 + " talks talks",
    "according to according to",
    "Russian Federation RF rf",
    "North Atlantic Treaty Organisation",
]


def _all_patterns() -> list[str]:
    return [
        *codebook()["indicators"],
        *entman_cues()["pattern"],
        *hedge_terms()["pattern"],
        *naming_variants()["pattern"],
        *target_patterns()["pattern"],
        r"\w+ly",
        r"(?:a|b)*c",
        r"[^x]yz",
        r"(?:the )?x{2,5}y",
    ]


@pytest.mark.parametrize("repeated", [False, True])
def test_sentence_index_matches_equal_finditer_on_each_sentence(mini, repeated):
    """Also when sentences repeat (reprinted copy), here and far apart: each distinct text is
    matched once and its matches reported for every sentence that reads so, in order."""
    texts = analysed_sentences(mini)["text"].tolist() + TRICKY
    if repeated:
        texts = texts[::3] + texts + texts[1::2][::-1] + [texts[0], texts[0]]
    sentences = pd.DataFrame({"doc_id": "d", "sent_id": range(len(texts)), "text": texts})
    index = SentenceIndex(sentences)
    for pattern in _all_patterns():
        cue = compile_cue(pattern)
        expected = [
            (i, m.span(), m.group(0)) for i, text in enumerate(texts) for m in cue.finditer(text)
        ]
        assert [(i, m.span(), m.group(0)) for i, m in index.matches(pattern)] == expected, pattern


def test_entman_and_naming_tables_follow_their_rules_on_a_small_index():
    """The best sentence per function (the highest summed weight, the earliest on a tie), its
    distinct cues lower-cased in order, an empty row for a function without cues; naming
    counts per variant and shares of their family (NaN when the family is not named)."""
    texts = ["Talks must end. Must!", "They MUST act now.", "Blame them.", "Kiev and Kyiv, Kyiv."]
    sentences = pd.DataFrame(
        {"doc_id": ["b", "b", "b", "a"], "sent_id": [1, 2, 3, 1], "text": texts}
    )
    cues = pd.DataFrame(
        {
            "function": ["remedy", "remedy", "cause", "blame"],
            "pattern": ["must", "act", "because", "blame"],
            "weight": [1.0, 1.0, 2.0, 0.5],
        }
    )
    entman = entman_table(SentenceIndex(sentences), cues).set_index(["doc_id", "function"])
    assert list(entman.index) == [(d, f) for d in "ab" for f in ("blame", "cause", "remedy")]
    remedy = entman.loc[("b", "remedy")]  # "must" twice against "MUST" and "act": a tie at 2
    assert (remedy["sent_id"], remedy["cue"], remedy["score"]) == (1, "must", 2.0)
    later = entman_table(SentenceIndex(sentences.iloc[1:]), cues).set_index(["doc_id", "function"])
    assert later.loc[("b", "remedy"), "sent_id"] == 2  # the earlier sentence left out
    assert later.loc[("b", "remedy"), "cue"] == "must; act"
    empty = entman.loc[("a", "cause")]
    assert pd.isna(empty["sent_id"]) and (empty["sentence"], empty["cue"], empty["score"]) == (
        "",
        "",
        0.0,
    )
    variants = pd.DataFrame(
        {
            "family": ["kyiv", "kyiv", "nato"],
            "variant": ["Kyiv", "Kiev", "NATO"],
            "pattern": ["kyiv", "kiev", "nato"],
        }
    )
    naming = naming_counts(SentenceIndex(sentences), variants).set_index(["doc_id", "variant"])
    assert naming.loc[("a", "Kyiv"), "count"] == 2 and naming.loc[("a", "Kiev"), "count"] == 1
    assert naming.loc[("a", "Kyiv"), "share"] == pytest.approx(2 / 3)
    assert np.isnan(naming.loc[("a", "NATO"), "share"]) and naming.loc[("b", "Kyiv"), "count"] == 0


def test_cue_beginnings_begin_every_match():
    assert cue_beginnings("talks|dialogue") == ("dialogue", "talks")
    assert cue_beginnings(r"(?:the )?Kremlin") == ("kremlin", "the krem")
    assert cue_beginnings(r"\w+ly") is None and cue_beginnings("x?") is None
    for pattern in _all_patterns():
        beginnings = cue_beginnings(pattern)
        for text in TRICKY:
            for m in compile_cue(pattern).finditer(text):
                found = m.group(0).lower()
                assert beginnings is None or not found.isascii() or found.startswith(beginnings), (
                    pattern,
                    found,
                )


def test_sentence_targets_equal_named_targets(mini):
    sentences = analysed_sentences(mini)
    targets = target_patterns()
    named = sentence_targets(SentenceIndex(sentences), targets)
    assert named == [named_targets(text, targets) for text in sentences["text"]]
    assert any(named)


@pytest.mark.parametrize(
    "text, masked",
    [
        (
            "Talks at the North Atlantic Treaty Organization ended.",
            "Talks at the xxxxx xxxxxxxx xxxxxx xxxxxxxxxxxx ended.",
        ),
        (
            "He spoke at the Organization for Security and Co-operation in Europe.",
            "He spoke at the xxxxxxxxxxxx xxx xxxxxxxx xxx xx-xxxxxxxxx xx xxxxxx.",
        ),
        ("Could Russia invade?", "Could Russia invade?"),  # a capitalised stop word opens no name
        (
            "They met in Geneva on Monday to discuss security.",
            "They met in Geneva on Monday to discuss security.",
        ),
        (
            "Deputy Foreign Minister Sergei Ryabkov said the treaty was void.",
            "xxxxxx xxxxxxx xxxxxxxx xxxxxx xxxxxxx said the treaty was void.",
        ),
    ],
)
def test_names_of_two_or_more_capitalised_words_are_masked(text, masked):
    assert mask_names(text) == masked


def _one_document(text: str):
    meta = pd.DataFrame(
        [{"doc_id": "doc", "outlet": "Some Daily", "upstream": "Some Daily", "camp": "x"}]
    )
    return corpus_from_texts({"doc": text}, meta)


def test_frame_cues_inside_names_do_not_count_but_the_same_words_outside_do():
    text = (
        "Envoys meet at the Organization for Security and Co-operation in Europe\n\n"
        "Envoys met at the Organization for Security and Co-operation in Europe on Monday. "
        "The North Atlantic Treaty Organization said the security treaty was discussed."
    )
    evidence = framing.run(_one_document(text))["frame_evidence"]
    matches = evidence.groupby("frame")["match"].apply(list).to_dict()
    assert matches["security_defense"] == ["security"] and matches["legality"] == ["treaty"]


def test_title_case_headlines_are_not_masked():
    headline = pd.DataFrame({"text": ["Security Talks Resume In Geneva"], "role": ["headline"]})
    assert lexical_texts(headline) == ["Security Talks Resume In Geneva"]


def test_a_headline_repeating_the_first_body_sentence_is_counted_once():
    text = (
        "Allies call for dialogue with Moscow on security\n\n"
        "Allies call for dialogue with Moscow on security. Ministers met again on Tuesday."
    )
    corpus = _one_document(text)
    sentences = analysed_sentences(corpus)
    assert sentences["repeat"].tolist() == [True, False, False]
    tables = framing.run(corpus)
    assert len(tables["frame_evidence"].query("frame == 'diplomacy_dialogue'")) == 1
    counted = sentences.loc[~sentences["repeat"], "sent_id"].tolist()
    assert tables["sentiment"]["sent_id"].tolist() == counted
    assert tables["leads"]["headline"].iloc[0] == "Allies call for dialogue with Moscow on security"


def test_cues_in_quoted_speech_are_the_sources_and_kept_apart():
    text = (
        'Ministers meet again\n\nThe envoy said "the alleged build-up is a security threat" '
        "to reporters. Officials say the talks reportedly covered security."
    )
    corpus = _one_document(text)
    quoted = "the alleged build-up is a security threat"
    start = corpus.texts["doc"].index(quoted)
    quotes = pd.DataFrame(
        {
            "doc_id": ["doc"],
            "sent_id": [2],
            "speaker": ["envoy"],
            "start": [start],
            "end": [start + len(quoted)],
        }
    )
    tables = framing.run(corpus, {"quotes": quotes})
    security = tables["frame_evidence"].query("frame == 'security_defense'")
    assert security["voice"].tolist() == ["quoted", "authorial"]
    assert tables["frames"].set_index("frame").at["security_defense", "hits_quoted"] == 1
    hedges = tables["evidentiality_evidence"].query("kind == 'hedge'").set_index("term")["voice"]
    assert hedges["alleged"] == "quoted" and hedges["reportedly"] == "authorial"
    rates = tables["evidentiality"].query("level == 'doc' and kind == 'hedge'")
    assert rates[["hits", "hits_quoted"]].values.tolist() == [[2, 1]]
    assert tables["sentiment"]["quoted"].tolist() == [False, True, False]


def test_the_words_between_the_segments_of_one_quotation_stay_the_writers():
    """A quote row of two segments ("…," the envoy reportedly said. "…") marks its segments as
    quoted, not the cue between them."""
    text = (
        'Ministers meet again\n\n"The build-up is a security threat," the envoy reportedly said. '
        '"It is alleged."'
    )
    corpus = _one_document(text)
    own = corpus.texts["doc"]
    first, second = "The build-up is a security threat", "It is alleged."
    a, b = own.index(first), own.index(second)
    quotes = pd.DataFrame(
        {
            "doc_id": ["doc"],
            "sent_id": [2],
            "speaker": ["envoy"],
            "start": [a],
            "end": [b + len(second)],
            "segments": [f"{a}-{a + len(first)} {b}-{b + len(second)}"],
        }
    )
    hedges = framing.run(corpus, {"quotes": quotes})["evidentiality_evidence"]
    voice = hedges.query("kind == 'hedge'").set_index("term")["voice"]
    assert voice["alleged"] == "quoted" and voice["reportedly"] == "authorial"


def test_hedges_in_the_uncertainty_count_authorial_text_and_sentiment_is_split_by_voice(tables):
    findings = set(tables["uncertainty"]["finding"])
    assert {"hedge per 1k, authorial text", "attribution per 1k, authorial text"} <= findings
    # without a quotes table no sentence has quoted speech: only the authorial comparison
    assert (SENTIMENT_FINDINGS[False] in findings) == sentiment_validated()


def test_every_codebook_example_hits_its_own_frame_after_names_are_masked():
    for row in yaml.safe_load(data_text("codebook.yaml"))["frames"]:
        cue = compile_cue("|".join(f"(?:{p})" for p in row["indicators"]))
        for example in row["examples"]:
            assert cue.search(mask_names(example)), (row["frame"], example)


@pytest.mark.parametrize(
    "term, sentence",
    [
        ("according to", "The talks ended, according to the alliance's chief."),
        ("citing", "The paper reported the plan, citing officials."),
    ],
)
def test_attribution_markers_are_their_own_kind(term, sentence):
    terms = hedge_terms().set_index("term")
    assert terms.at[term, "kind"] == "attribution"
    assert compile_cue(terms.at[term, "pattern"]).search(sentence)


@pytest.mark.parametrize(
    "sentence, content",
    [
        (
            "MOSCOW, Jan 12 (Reuters) - Russia said the talks failed.",
            "Russia said the talks failed.",
        ),
        ("Reporting by Jane Roe; Editing by John Doe", ""),
        ("Photo: Reuters", ""),
        (
            "The ministers met (AP Photo/Jane Roe) in the capital.",
            "",
        ),  # a caption glued to a sentence
        ("The council (NRC) met for four hours.", "The council   met for four hours."),
    ],
)
def test_datelines_and_credits_are_not_content(sentence, content):
    assert content_text(sentence) == content


def test_keyness_counts_neither_credits_nor_calendar_words():
    text = (
        "Envoys end talks\n\nWASHINGTON, Aug. 3 (AP) - Envoys ended talks on Monday. "
        "Photo: AP Photo/Jane Roe. The envoys met again in August."
    )
    ((_, counts),) = content_term_counters(analysed_sentences(_one_document(text)))
    terms = set(counts)
    assert {"envoys", "talks", "ended"} <= terms
    assert not terms & {"aug", "monday", "august", "ap", "photo", "roe", "washington"}


def test_rows_of_reads_the_values_iterating_the_columns_reads():
    frame = pd.DataFrame(
        {"doc_id": ["a", None, "c"], "n": [1, 2, 3], "x": [0.5, float("nan"), 2.0]}
    ).astype({"doc_id": "str"})
    expected = list(zip(frame["doc_id"], frame["n"], frame["x"]))
    found = list(rows_of(frame, "doc_id", "n", "x"))
    assert [[repr(v) for v in row] for row in found] == [[repr(v) for v in row] for row in expected]
    assert [type(v) for v in found[0]] == [str, int, float]


def test_records_of_are_pandas_records():
    frame = pd.DataFrame(
        {
            "doc_id": ["a", None, "c"],
            "n": [1, 2, 3],
            "x": [0.5, float("nan"), 2.0],
            "k": pd.array([4, None, 6], dtype="Int64"),
            "ok": [True, False, True],
        }
    ).astype({"doc_id": "str"})
    expected, found = frame.to_dict("records"), records_of(frame)
    assert [{c: repr(v) for c, v in row.items()} for row in found] == [
        {c: repr(v) for c, v in row.items()} for row in expected
    ]
    assert [type(v) for v in found[0].values()] == [type(v) for v in expected[0].values()]


@settings(max_examples=200, deadline=None)
@given(
    quotes=st.lists(st.tuples(st.integers(0, 120), st.integers(0, 30)), max_size=12),
    sentences=st.lists(st.integers(1, 30), min_size=1, max_size=8),
)
def test_quoted_tokens_are_the_words_of_every_quote_a_sentence_overlaps(quotes, sentences):
    """Found by binary search in the merged quote spans, each sentence's quoted words are those
    of reading every span against it."""
    from newsframes.framing.leads import quote_spans, quoted_tokens
    from newsframes.text import words

    text = " ".join(f"w{n}" for n in range(60))
    starts = list(itertools.accumulate([0, *sentences]))[:-1]
    rows = [(start, text[start : start + length]) for start, length in zip(starts, sentences)]
    scores = pd.DataFrame(
        [("d", start, part) for start, part in rows], columns=["doc_id", "start", "text"]
    )
    quote_rows = pd.DataFrame(
        [("d", start, start + length) for start, length in quotes],
        columns=["doc_id", "start", "end"],
    )
    spans = quote_spans(quote_rows)
    expected = [
        sum(
            len(words(part[max(a, start) - start : min(b, start + len(part)) - start]))
            for a, b in spans.get("d", [])
            if a < start + len(part) and b > start
        )
        for start, part in rows
    ]
    assert quoted_tokens(scores, spans) == expected


def _keyness_by_frames(counts: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """keyness_table as first written: a table of z by group, idxmax, a row of Python numbers
    per term (the reference of the test below)."""
    groups, totals, corpus_count = list(counts.columns), counts.sum(axis=0), counts.sum(axis=1)
    prior, prior_total = corpus_count.astype(float), float(corpus_count.sum())
    z = pd.DataFrame(
        {
            g: stats.log_odds_z(
                counts[g],
                corpus_count - counts[g],
                totals[g],
                totals.sum() - totals[g],
                prior,
                prior_total,
            )
            for g in groups
        },
        index=counts.index,
    )
    keep = ((corpus_count >= min_count) & z.notna().any(axis=1)).to_numpy()
    best = z[keep].idxmax(axis=1)
    rows, column = np.flatnonzero(keep), pd.Index(groups).get_indexer(best)
    kept = counts.to_numpy()[rows]
    a, n_a = kept[np.arange(len(rows)), column], totals.to_numpy()[column]
    b, n_b = corpus_count.to_numpy()[rows] - a, totals.sum() - n_a
    values = [
        best.index,
        best,
        *kept.T.tolist(),
        z.to_numpy()[rows, column].tolist(),
        stats.g2(a, b, n_a, n_b).tolist(),
        stats.log_ratio(a, b, n_a, n_b).tolist(),
    ]
    columns = ["term", "group", *[f"count_{g}" for g in groups], "log_odds_z", "g2", "log_ratio"]
    table = pd.DataFrame(list(zip(*values)), columns=columns)
    return table.sort_values(
        ["group", "log_odds_z", "term"], ascending=[True, False, True], ignore_index=True
    )


@pytest.mark.parametrize("n_groups", [2, 3, 40, 300])
def test_keyness_of_many_groups_is_the_table_of_z_by_group(n_groups):
    """The keyness table is made a group at a time and its counts as one block: the same table
    as the terms x groups table of z and a row of Python numbers per term, which took 1.8 s
    and seven times the counts' memory at 500 groups (25 s at 2,000 one-document outlets)."""
    rng = np.random.default_rng(n_groups)
    counts = pd.DataFrame(
        rng.poisson(0.7, size=(600, n_groups)),
        index=[f"term{i:03d}" for i in range(600)],
        columns=[f"outlet {j:03d}" for j in range(n_groups)],
    )
    counts.iloc[:, -1] += 1  # every term in the corpus, as term_counts gives them
    counts.iloc[:5] = 4  # equal z in every group: the first group is named
    counts.iloc[5, :-1] = 0  # a term below the minimum count, left out
    table = keyness_table(counts, min_count=3)
    pd.testing.assert_frame_equal(table, _keyness_by_frames(counts, 3), check_exact=True)
    if n_groups == 300:
        # Measured on ten times the terms: tracemalloc also counts what the session's
        # background threads allocate meanwhile (a build's output read from its pipe), about a
        # megabyte, which took the 1.4 MB table of 600 terms past the bound once.
        taller = pd.DataFrame(
            rng.poisson(0.7, size=(6_000, n_groups)) + 1,
            index=[f"term{i:04d}" for i in range(6_000)],
            columns=counts.columns,
        )
        tracemalloc.start()
        try:
            keyness_table(taller, min_count=3)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 2.6 * taller.to_numpy().nbytes  # seven times, as first written


def test_keyness_of_no_distinctive_term_is_an_empty_table_with_its_columns():
    counts = pd.DataFrame({"a": [1, 0], "b": [0, 1]}, index=["x", "y"])
    table = keyness_table(counts, min_count=3)
    assert table.empty and list(table.columns) == [
        "term",
        "group",
        "count_a",
        "count_b",
        "log_odds_z",
        "g2",
        "log_ratio",
    ]
    pd.testing.assert_frame_equal(table, _keyness_by_frames(counts, 3))


def test_evidentiality_rates_of_many_groups_cost_no_pass_per_group():
    """Each group's documents were found with a pass over every label: 5.9 s for 10,000
    one-document outlets (0.26 s in one pass). 2,000 groups now cost about what 2 do."""
    from newsframes.framing.measures import evidentiality_rates

    docs = [f"d{i:04d}" for i in range(2_000)]
    tokens = pd.Series(500, index=docs)
    evidence = pd.DataFrame({"doc_id": docs[::3], "kind": "hedge", "term": "may"}).assign(
        voice="authorial"
    )

    def rates(n_groups: int) -> tuple[float, pd.DataFrame]:
        labels = pd.Series([f"o{i % n_groups:04d}" for i in range(2_000)], index=docs)
        return cpu_seconds(lambda: evidentiality_rates(evidence, tokens, labels, ["hedge"]))

    rates(2)  # warm-up
    (few, by_two), (many, by_outlet) = rates(2), rates(2_000)
    assert by_two[by_two["level"] == "group"]["hits"].tolist() == [334, 333]
    group_rows = by_outlet[by_outlet["level"] == "group"]
    assert len(group_rows) == 2_000 and group_rows["hits"].sum() == 667
    assert many < 4 * max(few, 1e-3), f"2,000 groups took {many / few:.1f}x the time of 2"


def _repeats_by_reading_every_body_sentence(sentences: pd.DataFrame) -> list[bool]:
    """Headline and dek sentences repeating a body sentence, each compared with every body
    sentence of its document (as before 7 December)."""
    from newsframes.framing.sentences import MIN_LEDE_WORDS, _word_key

    rows = list(zip(sentences["doc_id"], sentences["text"], sentences["role"]))
    flags = []
    for doc_id, text, role in rows:
        key = _word_key(text) if role in ("headline", "dek") else ()
        bodies = [
            _word_key(t)
            for d, t, r in rows
            if d == doc_id and r == "body" and t[:1].lower() == text[:1].lower()
        ]
        opening = len(key) >= MIN_LEDE_WORDS
        flags.append(
            bool(key) and any(b == key or (opening and b[: len(key)] == key) for b in bodies)
        )
    return flags


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("ab"),
            st.sampled_from(["headline", "dek", "body", "byline"]),
            st.lists(st.sampled_from(["Talks", "talks", "end", "Now", "“", "1"]), max_size=7),
        ),
        max_size=12,
    )
)
@given_example([("a", "headline", ["Talks", "end"]), ("a", "body", ["Talks", "end", "now"])])
def test_repeated_headlines_are_those_a_look_through_every_body_sentence_finds(rows):
    from newsframes.framing.sentences import repeated_sentences

    sentences = pd.DataFrame(
        [(d, " ".join(w), r) for d, r, w in rows], columns=["doc_id", "text", "role"]
    ).sort_values("doc_id", kind="stable")
    assert repeated_sentences(sentences) == _repeats_by_reading_every_body_sentence(sentences)


def test_thousands_of_deks_are_matched_with_the_body_in_linear_time():
    """Each headline or dek sentence read every body sentence of its document again: a live
    page of 8,000 of each took 8.4 s (now 0.07 s)."""
    from newsframes.framing.sentences import repeated_sentences
    from timing import assert_linear

    def repeats(n: int) -> list[bool]:
        rows = [("d", f"Summary of talks round {i}", "dek") for i in range(n)]
        rows += [("d", f"Talks went on in round {i} today", "body") for i in range(n)]
        return repeated_sentences(pd.DataFrame(rows, columns=["doc_id", "text", "role"]))

    assert not any(assert_linear(repeats, 4_000))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["said", "says", "told", "Said", "x", " ", ",", "saying"]), max_size=25
    )
)
def test_first_reporting_verb_is_the_earliest_match_of_any_verb(pieces):
    from newsframes.framing.leads import _first_reporting_verb

    text = "".join(pieces)
    verbs = [compile_cue("says|said|say|saying"), compile_cue("tells|told|said")]
    every = sorted((m.start(), m.group(0)) for verb in verbs for m in verb.finditer(text))
    assert _first_reporting_verb(text, verbs) == (every[0][1] if every else "")


NAME_PIECES = [
    "Jane",
    "Roe",
    "NATO",
    "of",
    "the",
    " ",
    "  ",
    "\n",
    "-",
    "’",
    "'",
    ".",
    "x",
    "Monday",
    "é",
]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=20))
def test_name_spans_start_where_no_word_character_comes_before(pieces):
    """NAME_SPAN reads a capital first and then looks behind it (so the regex engine skips to
    capitals): the same spans as the lookbehind written first."""
    from newsframes.framing.sentences import NAME_SPAN

    text = "".join(pieces)
    lookbehind_first = re.compile(
        r"(?<![\w'’-])" + NAME_SPAN.pattern.replace(r"[A-Z](?<![\w'’-].)", "[A-Z]", 1)
    )
    assert lookbehind_first.pattern != NAME_SPAN.pattern
    assert [m.span() for m in NAME_SPAN.finditer(text)] == [
        m.span() for m in lookbehind_first.finditer(text)
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("aZ_9 .-'’éÉßΩ")), max_size=30))
def test_a_name_s_letters_become_x_as_the_letter_class_finds_them(name):
    from newsframes.framing.sentences import LETTERS, _letters_as_x

    assert _letters_as_x(name) == LETTERS.sub("x", name)
