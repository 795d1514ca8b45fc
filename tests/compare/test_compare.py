"""Source comparison: voices, quote alignment, text reuse, facts and provenance on invented
texts."""

from __future__ import annotations

import itertools
import json
import math
import random
import re
import time
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes import compare
from newsframes.compare import shingles
from newsframes.compare.chains import (
    provenance_for_document,
    provenance_graph,
)
from newsframes.compare.facts import (
    NUMBER_FIRST,
    NUMBER_RE,
    events,
    extract_facts,
)
from newsframes.compare.quotes import quotes_table
from newsframes.compare.reuse import (
    PASSAGE_ORDER,
    _aligned_runs,
    joined_rows,
    passages_frame,
    reuse_pairs,
    reuse_sources,
    reuse_tables,
    reuse_tasks,
)
from newsframes.compare.shingles import (
    ShingleLookup,
    ShingleSource,
    _codes_of_words,
    candidate_pairs,
    shingle_codes,
)
from newsframes.compare.tfidf import (
    TermCounts,
    TermVector,
    closest_documents,
    cosine_matrix,
    document_frequencies,
    smoothed_idf,
    sublinear_tf,
    term_counts,
    tfidf_vector,
)
from newsframes.compare.voices import quote_alignment, voices, word_diff
from newsframes.corpus import corpus_from_texts
from newsframes.ingest.dates import DATE_PATTERNS
from newsframes.ingest.provenance import findings
from newsframes.ingest.roles import line_roles
from newsframes.text import WORD_RE
from timing import assert_linear

TEXTS = json.loads((ROOT / "tests" / "fixtures" / "compare" / "texts.json").read_text("utf-8"))


def _facts(text: str, published: str = "") -> pd.DataFrame:
    corpus = corpus_from_texts({"d": text})
    return extract_facts("d", corpus.texts["d"], corpus.sentences, published)


# --- text reuse -------------------------------------------------------------------------


def shingle_set(text: str, k: int = 5) -> set[str]:
    """A text's distinct k-word shingles as strings: the plain reference for the codes."""
    words = [word.lower() for word in WORD_RE.findall(text)]
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def test_wire_copy_inside_long_article_has_high_containment_low_jaccard():
    texts = {"wire": "Quotas cut\n\n" + TEXTS["wire"], "long": TEXTS["long_article"]}
    table, _ = reuse_tables(texts)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["doc_a"], row["doc_b"]) == ("long", "wire")
    assert row["containment_b_in_a"] >= 0.8
    assert row["containment_a_in_b"] < 0.4
    assert row["jaccard"] < 0.4
    assert row["jaccard"] < row["containment_b_in_a"] / 2


def test_unrelated_texts_give_no_candidate_pair():
    texts = {"wire": TEXTS["wire"], "other": TEXTS["unrelated"]}
    assert candidate_pairs([ShingleSource.of(t).hashes for t in texts.values()]) == []
    assert all(table.empty for table in reuse_tables(texts))


def _pairs_by_brute_force(hashes, min_shared, max_postings):
    holders = defaultdict(set)
    for i, values in enumerate(hashes):
        for value in values.tolist():
            holders[value].add(i)
    shared = Counter()
    for owners in holders.values():
        if 2 <= len(owners) <= max_postings:
            shared.update(itertools.combinations(sorted(owners), 2))
    return sorted(pair for pair, count in shared.items() if count >= min_shared)


_VALUE_POOL = [(i * 0x9E3779B97F4A7C15) % 2**64 for i in range(1, 40)]


@given(
    st.lists(st.sets(st.sampled_from(_VALUE_POOL), max_size=15), min_size=0, max_size=12),
    st.integers(1, 3),
    st.integers(2, 6),
    st.integers(1, 9),
)
@settings(max_examples=300, deadline=None)
def test_candidate_pairs_are_the_pairs_sharing_enough_rare_values(
    sets, min_shared, max_postings, buckets
):
    hashes = [np.array(sorted(values), dtype=np.uint64) for values in sets]
    found = candidate_pairs(hashes, min_shared, max_postings, buckets)
    assert found == _pairs_by_brute_force(hashes, min_shared, max_postings)


def test_shared_passage_maps_back_to_both_texts():
    texts = {"wire": "Quotas cut\n\n" + TEXTS["wire"], "long": TEXTS["long_article"]}
    _, passages = reuse_tables(texts)
    between = passages[passages["doc_a"] != passages["doc_b"]]
    longest = between.sort_values("n_words").iloc[-1]
    assert longest["n_words"] >= 50
    assert texts[longest["doc_a"]][longest["start_a"] : longest["end_a"]] == longest["text_a"]
    assert texts[longest["doc_b"]][longest["start_b"] : longest["end_b"]] == longest["text_b"]
    assert "cod quota by a fifth" in longest["text_a"]


def test_within_document_duplication_is_found():
    doubled = "Headline\n\n" + TEXTS["wire"] + "\n\nA short note in between.\n\n" + TEXTS["wire"]
    _, passages = reuse_tables({"d": doubled})
    self_rows = passages[passages["doc_a"] == passages["doc_b"]]
    assert len(self_rows) == 1
    row = self_rows.iloc[0]
    assert row["end_a"] <= row["start_b"]
    assert row["text_a"] == row["text_b"] == TEXTS["wire"].rstrip(".")


def test_cosine_matrix_is_symmetric_with_unit_diagonal():
    matrix = cosine_matrix(
        {"a": TEXTS["wire"], "b": TEXTS["long_article"], "c": TEXTS["unrelated"]}
    )
    assert list(matrix.index) == ["a", "b", "c"]
    assert matrix.loc["a", "a"] == pytest.approx(1.0)
    assert matrix.loc["a", "b"] == pytest.approx(matrix.loc["b", "a"])
    assert matrix.loc["a", "b"] > matrix.loc["a", "c"]


@pytest.mark.parametrize("rows_per_block", [1, 7, 500])
def test_closest_documents_are_those_the_whole_matrix_picks(rows_per_block, tmp_path):
    """The heatmap's documents for a large corpus, found block by block, are those the whole
    matrix gives (each document's best other match, ties in doc_id order) with its values."""
    from benchmarks.synthetic import write_corpus

    folder = write_corpus(tmp_path, 40, mean_words=120, seed=11)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    whole = cosine_matrix(texts)
    picked = whole.where(~np.eye(len(whole), dtype=bool)).max().nlargest(10).index
    expected = whole.loc[picked, picked]
    found = closest_documents(texts, 10, rows_per_block=rows_per_block)
    pd.testing.assert_frame_equal(found, expected, check_exact=False, atol=1e-4, rtol=0)
    assert list(found.index) == list(picked)


@pytest.mark.parametrize("dense_share", [0.0, 0.1, 1.0], ids=["all-dense", "mixed", "all-rare"])
def test_similarity_is_the_same_whichever_terms_are_multiplied_densely(
    dense_share, tmp_path, monkeypatch
):
    """Frequent terms as dense blocks, the others pair by pair: the same similarities as a
    product of the whole documents x vocabulary matrix, for any rows asked for, in any order."""
    from benchmarks.synthetic import write_corpus

    from newsframes.compare import tfidf

    folder = write_corpus(tmp_path, 30, mean_words=150, seed=5)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    vectors = tfidf.UnitVectors.of(texts)
    whole = np.zeros((len(vectors.ids), vectors.n_terms))
    whole[vectors.rows, vectors.terms] = vectors.weights
    monkeypatch.setattr(tfidf, "DENSE_SHARE", dense_share)
    rows = np.array([7, 0, 29, 3])
    found = vectors.similarity(rows, chunk_terms=64)
    np.testing.assert_allclose(found, whole[rows] @ whole.T, rtol=0, atol=1e-12)
    document_frequency = np.bincount(vectors.terms)
    mixed = 0 < (document_frequency > dense_share * len(vectors.ids)).sum() < vectors.n_terms
    assert mixed == (dense_share == 0.1)


# --- quote alignment --------------------------------------------------------------------


def test_alignment_matches_rewordings_and_shows_word_diff():
    texts = {
        "x": (
            'Talks\n\nThe secretary general said both parties had "expressed the need to dialogue '
            'and explore a schedule of future meetings."'
        ),
        "y": (
            'Talks\n\nHe said both sides had "expressed the need for dialogue and to explore a '
            'schedule of future meetings", even without a date.'
        ),
        "z": (
            'Other\n\nA farmer said "the harvest of apples was very poor this autumn in the '
            'valley".'
        ),
    }
    quotes = quotes_table(corpus_from_texts(texts))
    aligned = quote_alignment(quotes)
    assert aligned[["doc_a", "doc_b"]].values.tolist() == [["x", "y"]]
    assert "[-to-] {+for+}" in aligned.iloc[0]["diff"]
    assert "{+to+} explore" in aligned.iloc[0]["diff"]


def test_two_speakers_sharing_a_stock_phrase_are_not_one_quotation():
    """ "He's going to have to stop with gratuitous personal insults" (Collins) and "She's
    going to have to inspire trust" (Jealous) scored 80 and the book called them one quotation
    reworded; a pair of two speakers must share most of the shorter one's content words. The
    same named speaker's words, and two speakers' renderings of one utterance, are still
    aligned; "officials" in two texts are not one speaker."""
    texts = {
        "a": 'Talks\n\n"He is going to have to stop with gratuitous personal insults," Roe said.',
        "b": 'Talks\n\n"She is going to have to inspire trust," Doe said.',
        "c": 'Talks\n\n"She is going to have to inspire trust," Doe told reporters.',
        "d": 'Talks\n\n"We will never accept the ultimatum on missiles," Doe said.',
        "e": 'Talks\n\nHer aide said "we will never accept their ultimatum on missiles."',
        "f": 'Talks\n\n"We are going to have to look at all of that," officials said.',
        "g": 'Talks\n\n"We are going to have to move on all of that," officials said.',
    }
    quotes = quotes_table(corpus_from_texts(texts))
    assert quotes.set_index("doc_id").loc[["b", "e"], "speaker"].tolist() == ["Doe", "Her aide"]
    aligned = quote_alignment(quotes)
    assert aligned[["doc_a", "doc_b"]].values.tolist() == [["b", "c"], ["d", "e"]]


def test_word_diff_of_identical_text_has_no_markers():
    assert (
        word_diff("No one else has a veto", "No one else has a veto.") == "No one else has a veto"
    )


# --- voices -----------------------------------------------------------------------------


def test_voices_count_quotes_and_words_per_speaker():
    """Quotations are counted per attribution: Lavrov's quote interrupted by its cue is one, and
    a second quote with a cue of its own is another; every quoted word counts."""
    text = (
        "Head\n\n“We are ready,” Lavrov said. “We will wait.”\n\n"
        "“Nothing is agreed yet,” said Blinken.\n\n“Not yet,” Lavrov told reporters."
    )
    table = voices(quotes_table(corpus_from_texts({"d": text})))
    lavrov = table[table["speaker"] == "Sergei Lavrov"].iloc[0]
    assert (lavrov["n_quotes"], lavrov["n_words"], lavrov["camp"]) == (2, 8, "russia")
    blinken = table[table["speaker"] == "Antony Blinken"].iloc[0]
    assert (blinken["n_direct"], blinken["n_words"], blinken["camp"]) == (1, 4, "west")


# --- facts ------------------------------------------------------------------------------


def test_quantities_and_counts_are_normalised():
    facts = _facts(TEXTS["facts"], "2022-01-07")
    by_surface = facts.set_index("surface")
    assert by_surface.loc["100,000 soldiers", ["kind", "value", "unit"]].tolist() == [
        "quantity",
        "100000",
        "soldier",
    ]
    assert by_surface.loc["up to 175 thousand troops", ["value", "unit", "note"]].tolist() == [
        "175000",
        "troop",
        "up to",
    ]
    assert by_surface.loc["30 allies", ["kind", "value", "unit"]].tolist() == [
        "count",
        "30",
        "ally",
    ]
    assert by_surface.loc["50-minute", ["kind", "value", "unit"]].tolist() == [
        "duration",
        "50",
        "minute",
    ]


def test_dates_take_the_year_nearest_publication():
    facts = _facts(TEXTS["facts"], "2022-01-07")
    dates = facts[facts["kind"] == "date"].set_index("surface")
    assert dates.loc["January 12-13", "value"] == "2022-01-12/2022-01-13"
    assert dates.loc["December 30", "value"] == "2021-12-30"
    assert "2022-01-07" in dates.loc["December 30", "note"]
    assert "March" not in " ".join(facts["surface"])


def test_dates_without_publication_keep_an_empty_year():
    facts = _facts(TEXTS["facts"])
    dates = facts[facts["kind"] == "date"].set_index("surface")
    assert dates.loc["January 12-13", "value"] == "--01-12/--01-13"
    assert "no publication date" in dates.loc["January 12-13", "note"]


@pytest.mark.parametrize(
    "sentence, dates",
    [
        # a US date with its year, which facts used to miss
        ("The council met on January 12, 2022.", [("January 12, 2022", "2022-01-12", "")]),
        ("THE COUNCIL MET ON JANUARY 12, 2022.", [("JANUARY 12, 2022", "2022-01-12", "")]),
        (
            "Talks resume on 12-13 January 2022.",
            [("12-13 January 2022", "2022-01-12/2022-01-13", "")],
        ),
        (
            "Talks resume January 12–13, 2022.",
            [("January 12–13, 2022", "2022-01-12/2022-01-13", "")],
        ),
        ("Prices rose in March 2021.", [("March 2021", "2021-03", "")]),
        (
            "Troops arrived on Wednesday, 12 January 2022.",
            [("Wednesday, 12 January 2022", "2022-01-12", "")],
        ),
        ("The memo is dated 2022-01-12.", [("2022-01-12", "2022-01-12", "")]),
        ("The memo is dated 13.01.2022.", [("13.01.2022", "2022-01-13", "")]),
        ("The memo is dated 01/12/2022.", [("01/12/2022", "2022-01-12", "month first")]),
        ("Prices may 10 times exceed it and march 3 miles on.", []),
    ],
)
def test_date_facts_of_invented_sentences(sentence, dates):
    facts = _facts(sentence)
    found = facts[facts["kind"] == "date"]
    assert len(found) == len(dates)
    for (_, row), (surface, value, note) in zip(found.iterrows(), dates):
        assert (row["surface"], row["value"]) == (surface, value)
        assert note in row["note"]


def test_a_month_before_a_number_with_thousands_is_no_date():
    facts = _facts("In March 2,000 troops arrived; on March 2, 2022 more came.")
    assert facts[["kind", "surface"]].values.tolist() == [
        ["quantity", "2,000 troops"],
        ["date", "March 2, 2022"],
    ]


def test_a_date_beside_a_count_leaves_the_count():
    facts = _facts("On January 12, 300 people marched.", "2022-01-13")
    assert facts[["kind", "surface", "value"]].values.tolist() == [
        ["date", "January 12", "2022-01-12"],
        [
            "count",
            "300 people",
            "300",
        ],
    ]


FIRST_LETTER_TEXTS = [
    "About 5 people, about 5 people, Two Thousand men, 3,000 troops and TWELVE tanks "
    "on Jan. 12, 2022.",
    "at least 40 km; an estimated 2 million; more than 1.5bn; up  to 12; x-5 tanks; "
    "a 5-year plan; 12th of March",
    "ſix ſeven Six 7ſ; an10 at5 5five two5 about5 ,5 .5 a-5 --5; "
    "13-14 January 2022; Sept 2021; May 3rd",
    "Wed., 12 Jan. 2022; ſeptember 3; Sun, 9 Jan; 2022-01-12T18:41; 12/01/2022; 3.1.2022",
]


def first_letter_texts() -> list[str]:
    """Invented texts, the compare fixtures and corpus20: for checking first-letter checks."""
    texts = FIRST_LETTER_TEXTS + list(TEXTS.values())
    return texts + [
        path.read_text("utf-8")
        for path in sorted((ROOT / "tests" / "fixtures" / "corpus20").glob("*.txt"))
    ]


@pytest.mark.parametrize(
    "pattern, check", [(NUMBER_RE, NUMBER_FIRST), *((p, None) for p in DATE_PATTERNS)]
)
def test_first_letter_checks_leave_the_matches_unchanged(pattern, check):
    """The zero-width first-letter checks only skip positions where no match can start."""
    check = check or re.match(r"\(\?=\[[^\]]+\]\)", pattern.pattern)[0]
    assert pattern.pattern.startswith(check)
    unchecked = re.compile(pattern.pattern[len(check) :], pattern.flags)
    for text in first_letter_texts():
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in unchecked.finditer(text)
        ]


def test_facts_carry_their_sentence():
    facts = _facts(TEXTS["facts"], "2022-01-07")
    row = facts[facts["surface"] == "30 allies"].iloc[0]
    assert row["context"].startswith("The allies will meet on January 12-13")


def test_events_group_dates_across_documents():
    facts = pd.concat(
        [
            _facts(TEXTS["facts"], "2022-01-07").assign(doc_id="a"),
            _facts("Head\n\nThe meeting on January 12 ended early.", "2022-01-12").assign(
                doc_id="b"
            ),
        ]
    )
    table = events(facts).set_index("value")
    assert table.loc["2022-01-12/2022-01-13", "doc_ids"] == "a"
    assert table.loc["2022-01-12", ["n_docs", "doc_ids"]].tolist() == [1, "b"]
    assert table.loc["2021-12-30", "date_start"] == "2021-12-30"


# --- provenance -------------------------------------------------------------------------


def _credits(text: str) -> list[dict]:
    """Ingestion's provenance findings of a cleaned text (paragraphs as lines)."""
    lines = text.split("\n")
    return [finding._asdict() for finding in findings(lines, line_roles(lines))]


def test_provenance_chain_from_relay_text():
    doc = {"doc_id": "r", "outlet": "Example Daily", "upstream": ""}
    edges = provenance_for_document(doc, TEXTS["relay"], _credits(TEXTS["relay"]))
    triples = set(zip(edges["child"], edges["parent"], edges["relation"]))
    assert ("Example Daily", "PTI", "credit") in triples
    assert ("PTI", "Reuters", "relays") in triples
    assert ("Reuters", "diplomats familiar with the plans", "cites") in triples
    graph = provenance_graph(edges)
    assert graph.has_edge("Reuters", "PTI") and graph.has_edge("PTI", "Example Daily")
    evidence = graph.edges["Reuters", "PTI"]["evidence"]
    assert "Reuters news agency reported" in evidence
    relay = edges.set_index("relation").loc["relays"]
    assert TEXTS["relay"][relay["start"] : relay["end"]] == "Reuters news agency reported"


def test_provenance_uses_removed_credit_lines_and_metadata_when_text_has_no_marker():
    doc = {"doc_id": "s", "outlet": "unknown", "upstream": "TASS"}
    removed = [
        {
            "relation": "credit",
            "kind": "source line",
            "name": "IZ",
            "match": "Source: IZ",
            "cited": "",
        }
    ]
    edges = provenance_for_document(doc, "Headline\n\nA plain body.", removed)
    triples = set(zip(edges["child"], edges["parent"], edges["relation"], edges["start"]))
    assert ("unknown outlet (s)", "Izvestia", "credit", -1) in triples
    metadata = provenance_for_document(doc, "Headline\n\nA plain body.")
    assert set(zip(metadata["parent"], metadata["evidence"])) == {("TASS", "documents.upstream")}
    unrelated = TEXTS["unrelated"]
    none = provenance_for_document(
        {"doc_id": "t", "outlet": "X", "upstream": ""}, unrelated, _credits(unrelated)
    )
    assert none.empty


def test_an_outlets_own_desk_is_no_source_of_it():
    doc = {"doc_id": "d", "outlet": "Example Post", "upstream": ""}
    text = "Harbour plan agreed\n\nBy Example Post photo desk\n\nThe harbour reopened on Monday."
    assert provenance_for_document(doc, text, _credits(text)).empty


# --- entry point ------------------------------------------------------------------------


def test_run_returns_every_table_deterministically():
    texts = {
        "wire": "Quotas cut\n\n" + TEXTS["wire"],
        "long": TEXTS["long_article"],
        "facts": TEXTS["facts"],
        "relay": TEXTS["relay"],
    }
    meta = pd.DataFrame(
        {"doc_id": list(texts), "published": ["2022-01-05"] * 4, "outlet": ["A", "B", "C", "D"]}
    )
    first = compare.run(corpus_from_texts(texts, meta))
    second = compare.run(corpus_from_texts(dict(reversed(texts.items())), meta))
    assert set(first) == {
        "quotes",
        "voices",
        "quote_alignment",
        "reuse",
        "reuse_passages",
        "facts",
        "events",
        "provenance_edges",
    }
    for key in first:
        pd.testing.assert_frame_equal(
            first[key].reset_index(drop=True), second[key].reset_index(drop=True)
        )
    assert first["reuse"][["doc_a", "doc_b"]].values.tolist() == [["long", "wire"]]


def test_shingle_hashes_are_the_unique_shingle_codes():
    text = TEXTS["wire"] + " " + TEXTS["wire"]
    codes = shingle_codes(text)
    assert len(codes) == len(WORD_RE.findall(text)) - 4
    assert list(ShingleSource.of(text).hashes) == sorted(set(codes.tolist()))
    assert len(shingle_codes("too short")) == 0


def test_distinct_shingles_and_shared_counts_are_exact_when_codes_collide(monkeypatch):
    """Shingle codes are only a filter: with codes forced to collide (seven values in all), the
    distinct and shared shingle counts and the passages are those of the shingles themselves."""
    doubled = TEXTS["wire"] + "\n\n" + TEXTS["wire"]
    texts = {
        "wire": "Quotas cut\n\n" + TEXTS["wire"],
        "long": TEXTS["long_article"],
        "doubled": doubled,
    }
    expected_reuse, expected_passages = reuse_tables(texts)
    for doc_id, text in texts.items():
        assert ShingleSource.of(text).n_distinct == len(shingle_set(text)), doc_id
    real_codes = _codes_of_words
    monkeypatch.setattr(shingles, "_codes_of_words", lambda words, k: real_codes(words, k) % 7)
    for doc_id, text in texts.items():
        assert ShingleSource.of(text).n_distinct == len(shingle_set(text)), doc_id
    assert len(expected_reuse) >= 2
    collided_reuse, collided_passages = reuse_tables(texts)
    pd.testing.assert_frame_equal(collided_reuse, expected_reuse)
    pd.testing.assert_frame_equal(collided_passages, expected_passages)
    sources, counts = {d: ShingleSource.of(t) for d, t in texts.items()}, term_counts(texts)
    _, passages = reuse_pairs(texts, sources, counts, document_frequencies(counts.values()))
    between = expected_passages[
        expected_passages["doc_a"] != expected_passages["doc_b"]
    ].reset_index(drop=True)
    pd.testing.assert_frame_equal(passages_frame(passages), between)


def _dict_cosine(va: dict[str, float], vb: dict[str, float]) -> float:
    """Cosine of two unit TF-IDF vectors held as dicts, as text reuse first computed it."""
    if len(vb) < len(va):
        va, vb = vb, va
    return float(sum(w * vb[t] for t, w in va.items() if t in vb))


def test_compact_term_vectors_give_the_dict_cosine_exactly():
    texts = {"wire": TEXTS["wire"], "long": TEXTS["long_article"], "other": TEXTS["unrelated"]}
    counts = term_counts(texts)
    frequencies = document_frequencies(counts.values())
    idf = smoothed_idf(len(texts), dict(zip(frequencies["term"], frequencies["n_docs"])))
    vocabulary = {term: i for i, term in enumerate(idf)}
    idf_values = np.array(list(idf.values()))
    for a in texts:
        va = tfidf_vector(texts[a], idf)
        compact_a = TermVector.of(counts[a], idf_values, vocabulary)
        assert compact_a.ids.tolist() == [
            vocabulary[t] for t in va
        ] and compact_a.weights.tolist() == list(va.values())
        for b in texts:
            compact = compact_a.cosine(TermVector.of(counts[b], idf_values, vocabulary))
            assert compact == _dict_cosine(va, tfidf_vector(texts[b], idf)), (a, b)


@settings(max_examples=100, deadline=None)
@given(
    documents=st.lists(
        st.lists(st.sampled_from(["nato", "talks", "moscow", "the", "a", "Kyiv", "x-y"])),
        min_size=2,
        max_size=5,
    )
)
def test_term_vector_cosine_is_the_dict_cosine_for_any_documents(documents):
    texts = {f"d{i}": " ".join(words) for i, words in enumerate(documents)}
    counts = term_counts(texts)
    frequencies = document_frequencies(counts.values())
    idf = smoothed_idf(len(texts), dict(zip(frequencies["term"], frequencies["n_docs"])))
    vocabulary = {term: i for i, term in enumerate(idf)}
    idf_values = np.array(list(idf.values()))
    vectors = {
        d: TermVector.of(counts[d], idf_values, vocabulary) for d, text in texts.items() if text
    }
    for a, b in itertools.product(vectors, repeat=2):
        expected = _dict_cosine(tfidf_vector(texts[a], idf), tfidf_vector(texts[b], idf))
        assert vectors[a].cosine(vectors[b]) == expected


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="ab -.'’_\n\tÉé1", max_size=40))
def test_term_counts_hold_each_lower_cased_word_once_in_order_with_its_count(text):
    counts = TermCounts.of(text)
    expected = Counter(WORD_RE.findall(text.lower()))
    assert counts.term_list() == list(expected)
    assert counts.counts.tolist() == list(expected.values())


def test_sublinear_tf_is_pythons_log_for_any_count():
    counts = np.array([1, 2, 3, 7, 8, 9, 1000, 1023, 1024, 5000])
    assert sublinear_tf(counts).tolist() == [1 + math.log(c) for c in counts.tolist()]


def test_shingle_sources_find_the_word_patterns_spans_even_of_long_words():
    """Word ends come from stored lengths; a word of 255 characters or more is looked up."""
    long_words = ["x" * 300, "y" * 255, "é" + "z" * 253, "w" * 254]
    text = "Talks in Geneva " + " ended; ".join(long_words) + " and went on"
    source = ShingleSource.of(text)
    spans = [m.span() for m in WORD_RE.finditer(text)]
    assert [source.word_span(text, i) for i in range(len(spans))] == spans
    words = [text[start:end].lower() for start, end in spans]
    expected = {p: " ".join(words[p : p + 5]) for p in range(len(words) - 4)}
    assert source.shingles_at(text, list(expected)) == expected


def test_shingle_lookup_finds_the_positions_of_shared_codes_in_text_order():
    text = (
        "the talks ended without a deal and the talks ended without a deal again, "
        "said the talks ended"
    )
    source = ShingleSource.of(text)
    lookup = ShingleLookup(source, text)
    for chosen in (source.hashes[:1], source.hashes[::2], source.hashes, source.hashes[:0]):
        expected = source.shingles_at(text, np.flatnonzero(np.isin(source.codes, chosen)))
        assert list(lookup.with_hashes(chosen).items()) == list(expected.items())


WRITTEN_WORDS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "u.s", "o'neil"]),  # few: shingles repeat and are shared
        st.booleans(),  # capitalised
        st.sampled_from([" ", ", ", "; ", " - ", ". ", "\n\n"]),  # what follows it
    ),
    max_size=30,
)


def _written(words: list[tuple[str, bool, str]]) -> str:
    return "".join((w.capitalize() if cap else w) + gap for w, cap, gap in words)


def _lookups_and_ranks(text_a: str, text_b: str):
    lookups = [ShingleLookup(ShingleSource.of(t), t) for t in (text_a, text_b)]
    common, ranks_a, ranks_b = np.intersect1d(
        lookups[0].source.hashes, lookups[1].source.hashes, assume_unique=True, return_indices=True
    )
    return lookups, common, ranks_a, ranks_b


@settings(max_examples=300, deadline=None)
@given(pair=st.tuples(WRITTEN_WORDS, WRITTEN_WORDS), collide=st.booleans())
@example(
    pair=(
        [("a", True, ", "), ("b", False, " "), ("a", False, " ")] * 4,
        [("a", False, " "), ("b", True, "; "), ("a", False, ". ")] * 4,
    ),
    collide=False,
)
@example(pair=([("a", False, " ")] * 5, [("a", True, ". ")] * 7), collide=False)  # a tie
@example(  # shingles next to each other in one text, far apart in the other
    pair=(
        [(w, False, " ") for w in ["a", "b", "u.s", "o'neil", "a", "a"]],
        [(w, False, " ") for w in ["a", "b", "u.s", "o'neil", "a", "b", "b", "b"]]
        + [(w, False, " ") for w in ["b", "u.s", "o'neil", "a", "a"]],
    ),
    collide=False,
)
@pytest.mark.parametrize("few", [0, shingles.FEW_SHARED_CODES])
def test_runs_by_codes_equal_the_runs_of_the_shingle_texts(pair, collide, few):
    """Aligned runs found on the codes, each checked on its words, are those found on the
    shingles' texts (``shared_by_texts``), whatever the case and punctuation between the words
    (a stretch of text differs then, its words do not); with codes forced to collide (seven
    values in all) they are those runs or left to the texts (None), never others. So on the
    arrays (``few`` 0) and, for pairs sharing few codes each held once, in Python."""
    from unittest import mock

    from newsframes.compare.reuse import shared_by_texts
    from newsframes.compare.shingles import runs_by_codes

    texts = [_written(words) for words in pair]
    real_codes = shingles._codes_of_words
    codes = (lambda w, k: real_codes(w, k) % 7) if collide else real_codes
    with (
        mock.patch.object(shingles, "_codes_of_words", codes),
        mock.patch.object(shingles, "PAIRS_PER_POSITION", 10**9),  # never left for repeats
        mock.patch.object(shingles, "FEW_SHARED_CODES", few),
    ):
        lookups, common, ranks_a, ranks_b = _lookups_and_ranks(*texts)
        found = runs_by_codes(*lookups, ranks_a, ranks_b)
        shared, expected = shared_by_texts(*lookups, common)
    assert found is not None or collide
    if found is not None:
        assert found == expected
        assert shared == len(common)


def test_a_phrase_repeated_in_both_documents_leaves_the_runs_to_the_texts():
    """Its pairs of equal codes grow as the product of the copies (1,500 in each of ten
    articles took 35 s); the texts' runs, each walked once, are the same and quick."""
    from unittest import mock

    from newsframes.compare.reuse import shared_by_texts
    from newsframes.compare.shingles import runs_by_codes

    texts = [f"Envoys met in {city} today. " + "Copyright reserved. " * 1_500 for city in "AB"]
    lookups, common, ranks_a, ranks_b = _lookups_and_ranks(*texts)
    started = time.perf_counter()
    assert runs_by_codes(*lookups, ranks_a, ranks_b) is None
    shared, runs = shared_by_texts(*lookups, common)
    assert time.perf_counter() - started < 5
    with mock.patch.object(shingles, "PAIRS_PER_POSITION", 10**9):
        assert runs_by_codes(*lookups, ranks_a, ranks_b) == runs
    assert shared == len(common)


@settings(max_examples=300, deadline=None)
@given(
    pair=st.tuples(WRITTEN_WORDS, WRITTEN_WORDS),
    cut=st.tuples(st.integers(0, 30), st.integers(1, 12), st.booleans()),
    tails=st.tuples(*[st.text(alphabet="-'.’_é ,", max_size=4)] * 2),
)
@example(  # the same stretch but its last word: "a b" and "a b-é"
    pair=([("a", False, " "), ("b", False, "")], []), cut=(0, 2, True), tails=("", "-é")
)
def test_equal_stretches_of_text_hold_the_same_words(pair, cut, tails):
    """A stretch of text from a word's start to a word's end holds the same words wherever it
    stands (the word pattern reads no character beyond a word it finds but the next two), so
    ``same_words`` answers from the stretches when they are equal; else from the words. The
    second text holds the first after other words, and each ends differently (a tail may join
    onto the last word)."""
    from newsframes.compare.shingles import same_words

    before = _written(pair[1])
    texts = [_written(pair[0]) + tails[0], before + _written(pair[0]) + tails[1]]
    lookups = [ShingleLookup(ShingleSource.of(t), t) for t in texts]
    i, n, shifted = cut
    j = i + len(WORD_RE.findall(before)) if shifted else i
    if i + n > len(lookups[0].source.starts) or j + n > len(lookups[1].source.starts):
        return
    words = [lookup.lowered_words(at, n) for lookup, at in zip(lookups, (i, j))]
    spans = [[m.span() for m in WORD_RE.finditer(text)] for text in texts]
    assert words[0] == [texts[0][a:b].lower() for a, b in spans[0][i : i + n]]
    if lookups[0].span(i, n) == lookups[1].span(j, n):
        assert words[0] == words[1]
    assert same_words(lookups[0], i, lookups[1], j, n) == (words[0] == words[1])


@settings(max_examples=200, deadline=None)
@given(
    gaps=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), max_size=8),
    offsets=st.lists(st.integers(0, 80), max_size=10),
)
def test_sentence_lookups_by_bisection_equal_a_scan_of_every_sentence(gaps, offsets):
    """Facts and quotes find a position's sentence by bisection in spans that ingestion makes
    in text order, apart or touching: the same sentence a scan of all of them finds."""
    from newsframes.compare.facts import _sentence_at
    from newsframes.compare.quotes import _sentence_ids
    from newsframes.corpus import DocumentSentences

    starts, ends, at = [], [], 0
    for gap, length in gaps:
        starts.append(at + gap)
        ends.append(at + gap + length)
        at = ends[-1]
    ids = [10 + n for n in range(len(starts))]
    sent_id = _sentence_ids(DocumentSentences(starts, ends, ids, [""] * len(ids)))
    for offset in offsets:
        holding = [n for n, (a, b) in enumerate(zip(starts, ends)) if a <= offset < b]
        assert _sentence_at(starts, ends, offset) == (holding[0] if holding else None)
        started = [sid for start, sid in zip(starts, ids) if start <= offset]
        assert sent_id(offset) == (started[-1] if started else ids[0] if ids else 0)


def _reuse_by_shingle_text(texts: dict[str, str]) -> tuple[list, list]:
    """Shared shingle counts and aligned runs of every pair, from the shingles' texts: what
    :func:`reuse_pairs` computes from codes and word numbers."""
    from newsframes.compare.reuse import _aligned_runs

    at = {
        d: ShingleSource.of(t).shingles_at(t, range(len(WORD_RE.findall(t)) - 4))
        for d, t in texts.items()
    }
    counts, runs = [], []
    for a, b in itertools.combinations(sorted(texts), 2):
        shared = set(at[a].values()) & set(at[b].values())
        if len(shared) >= 2:
            only = [{p: s for p, s in at[d].items() if s in shared} for d in (a, b)]
            counts.append((a, b, len(shared)))
            runs.append((a, b, _aligned_runs(*only, False)))
    return counts, runs


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=40),
        min_size=2,
        max_size=4,
    ),
    collide=st.booleans(),
    per_task=st.integers(min_value=1, max_value=3),
)
@example(words=[list("ababababab") + list("cab"), list("cabababababa")], collide=False, per_task=1)
@example(words=[list("bbabbb"), list("bbabbb")], collide=True, per_task=1)  # hidden by collision
def test_reuse_pairs_equal_a_comparison_of_shingle_texts(words, collide, per_task):
    """Texts of three words, so shingles repeat within and across documents: the pairs' shared
    counts and passages are those of the shingles' texts, with real codes or with codes forced
    to collide (seven values in all); and the same rows when the pairs are verified a few at a
    time (:func:`reuse_tasks`, as the pipeline spreads them over processes)."""
    from unittest import mock

    texts = {f"d{n}": " ".join(w) for n, w in enumerate(words)}
    real_codes = shingles._codes_of_words
    codes = (lambda w, k: real_codes(w, k) % 7) if collide else real_codes
    with mock.patch.object(shingles, "_codes_of_words", codes):
        sources = {d: ShingleSource.of(t) for d, t in texts.items()}
        counts = term_counts(texts)
        frequencies = document_frequencies(counts.values())
        rows, passages = reuse_pairs(texts, sources, counts, frequencies)
        tasks = reuse_tasks(texts, sources, counts, frequencies, pairs_per_task=per_task)
        assert joined_rows([task() for task in tasks]) == (rows, passages)
    expected_counts, expected_runs = _reuse_by_shingle_text(texts)
    if collide:  # codes merged in sevens can hide a shared shingle, never invent one
        pairs_found = {(r["doc_a"], r["doc_b"]) for r in rows}
        expected_counts = [c for c in expected_counts if c[:2] in pairs_found]
        expected_runs = [r for r in expected_runs if r[:2] in pairs_found]
    assert [(r["doc_a"], r["doc_b"], r["shared_shingles"]) for r in rows] == expected_counts
    expected_passages = [
        (a, b, texts[a].split()[i : i + n + 4], texts[b].split()[j : j + n + 4])
        for a, b, found in expected_runs
        for i, j, n in found
    ]
    assert [
        (p["doc_a"], p["doc_b"], p["text_a"].split(), p["text_b"].split()) for p in passages
    ] == expected_passages


def _aligned_runs_walking_every_candidate(at_a, at_b, same_document):
    """The runs by brute force: from each unskipped position of ``a``, the longest run with
    any position of ``b`` holding its shingle (the earliest on a tie), every one walked."""

    def run_length(i, j):
        length = 0
        while at_a.get(i + length) is not None and at_a.get(i + length) == at_b.get(j + length):
            length += 1
        return length

    runs, skip_to = [], 0
    for i in sorted(at_a):
        partners = [j for j in sorted(at_b) if at_b[j] == at_a[i]]
        candidates = [(run_length(i, j), -j) for j in partners if not (same_document and j <= i)]
        length, minus_j = max(candidates, default=(0, 0))
        if i >= skip_to and length:
            runs.append((i, -minus_j, length))
            skip_to = i + length
    return runs


SHINGLE_MAPS = st.dictionaries(st.integers(0, 60), st.sampled_from("abc"), max_size=50)


@settings(max_examples=300, deadline=None)
@given(SHINGLE_MAPS, SHINGLE_MAPS, st.booleans())
def test_pruned_candidates_give_the_runs_of_walking_every_one(at_a, at_b, same_document):
    at_b = at_a if same_document else at_b
    expected = _aligned_runs_walking_every_candidate(at_a, at_b, same_document)
    assert _aligned_runs(at_a, at_b, same_document) == expected


def test_a_phrase_repeated_thousands_of_times_is_one_walk_per_run():
    """ "he said." 20,000 times took every pair of copies (minutes); now about one walk."""
    at = {i: "he said" if i % 2 else "said he" for i in range(40_000)}
    started = time.perf_counter()
    runs = _aligned_runs(at, at, same_document=True)
    assert runs[0] == (0, 2, 39_998)
    assert time.perf_counter() - started < 5


def test_a_page_of_thousands_of_varied_copies_is_aligned_in_linear_time():
    """A page repeating a sentence in a few variants thousands of times (a table, a feed): each
    position walked every later copy of its shingle, 15.8 s for 80,000 shingles; now at most
    ``MAX_RUN_CANDIDATES`` of them."""
    variants = [f"{name} said the talks were {how}" for name in "ABCDEF" for how in "xyz"]

    def align(n: int) -> list:
        pick = random.Random(n)
        at = {i: pick.choice(variants) for i in range(n)}
        return _aligned_runs(at, at, same_document=True)

    runs = assert_linear(align, 5_000)
    assert runs and all(length >= 1 for _, _, length in runs)


def test_sentences_by_document_are_each_documents_rows_in_table_order():
    """The per-document sentence lists quotes and facts read are the rows a filter of the
    sentences table gives, in table order, however the documents' rows interleave."""
    from newsframes.corpus import DocumentSentences, sentences_by_document

    texts = {"b": "One. Two here. Three.", "a": "Alone.", "c": "First one. Second."}
    table = corpus_from_texts(texts).sentences
    interleaved = table.iloc[[4, 0, 5, 1, 3, 2]]
    found = sentences_by_document(interleaved)
    assert list(found) == ["c", "b", "a"]  # in the order documents first appear
    for doc_id in texts:
        expected = DocumentSentences.of(interleaved[interleaved["doc_id"] == doc_id])
        assert found[doc_id] == expected
        assert len(expected.starts) == texts[doc_id].count(".")
    assert sentences_by_document(table.iloc[:0]) == {}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.text(alphabet="Ab z9.-'’“\u2014\u00a0İıÉé\u212a", max_size=40), min_size=1, max_size=4
    )
)
def test_reuse_sources_tokenise_once_what_each_measure_tokenises_alone(texts):
    """Shingles and TF-IDF counts from one tokenisation: the same as each computed from the
    text, for plain texts and for those whose lower case changes their tokens ("İ")."""
    named = {f"d{n}": text for n, text in enumerate(texts)}
    sources, counts = reuse_sources(named, 3)
    for doc_id, text in named.items():
        alone = ShingleSource.of(text, 3)
        assert all(np.array_equal(a, b) for a, b in zip(sources[doc_id][:4], alone[:4]))
        assert sources[doc_id].n_distinct == alone.n_distinct
        expected = TermCounts.of(text)
        assert counts[doc_id].terms == expected.terms
        assert counts[doc_id].counts.tolist() == expected.counts.tolist()


def _sentence_around_by_searching_the_text(text: str, start: int, end: int) -> str:
    """The sentence around a span as it was found before 7 December, the text searched back
    and forth from the span (but for its first character, which it dropped when no stop came
    before the span)."""
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    ends = [p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0]
    return text[left : min(ends, default=len(text)) + 1].strip()


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.text(alphabet="ab. \n", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_the_sentence_around_a_span_is_the_one_searching_the_text_finds(text, start, length):
    from newsframes.compare.chains import SentenceAround

    start = min(start, len(text))
    end = min(start + length, len(text))
    expected = _sentence_around_by_searching_the_text(text, start, end)
    assert SentenceAround(text)(start, end) == expected


def test_thousands_of_citations_in_one_paragraph_get_their_evidence_in_linear_time():
    """Each relay or citation looked for the line breaks around its sentence from the span to
    the paragraph's ends: 80,000 in one paragraph took 17 s (now 0.16 s)."""
    from newsframes.compare.chains import SentenceAround

    def evidence(n: int) -> list[str]:
        text = " ".join(f"Interfax reported, citing TASS, that item {i} failed." for i in range(n))
        around, step = SentenceAround(text), len(text) // n
        return [around(at, at + 8) for at in range(0, len(text) - step, step)]

    found = assert_linear(evidence, 20_000)
    assert len(found) >= 79_000 and all(len(sentence) < 200 for sentence in found)


def test_a_sentence_of_thousands_of_citations_reads_its_evidence_once_per_edge():
    """A run-on sentence citing one source thousands of times: each citation's evidence, the
    whole sentence, was cut out for each, and all but the first dropped as the same edge
    (2,000 citations in a 90 KB sentence: quadratic). Only a new edge reads its evidence."""
    from newsframes.compare.chains import edge_rows

    def edges(n: int) -> list[dict]:
        text = " ".join(f"Interfax said, citing TASS, that item {i} failed and" for i in range(n))
        cites = {"relation": "cites", "name": "Interfax", "match": "citing TASS", "cited": "TASS"}
        return edge_rows({"doc_id": "d", "outlet": "Example Post"}, text + " ended.", [cites] * n)

    found = assert_linear(edges, 10_000)
    assert [(e["child"], e["parent"], e["relation"]) for e in found] == [
        ("Interfax", "TASS", "cites")
    ]
    assert found[0]["evidence"].startswith("Interfax said, citing TASS, that item 0 failed")


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "B", "b", "é"]), st.integers(0, 3), st.integers(0, 3)),
        max_size=12,
    )
)
def test_passages_frame_orders_its_rows_as_a_stable_table_sort(keys):
    """Sorted before the table is made, the passages come in the order (and with the index)
    that a stable ``sort_values`` of the table gives, ties in their first order (``n_words``
    numbers the rows as given)."""
    blank = dict.fromkeys(shingles.PASSAGE_COLUMNS, "")
    rows = [
        {**blank, "doc_a": doc, "doc_b": doc.upper(), "start_a": a, "start_b": b}
        | {"end_a": a + b, "n_words": n}
        for n, (doc, a, b) in enumerate(keys)
    ]
    table = pd.DataFrame(rows, columns=shingles.PASSAGE_COLUMNS)
    expected = table.sort_values(PASSAGE_ORDER, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(passages_frame(rows), expected)
