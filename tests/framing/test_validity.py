"""What #19 asks of the measures, checked on real and invented corpora: the seeds,
tests/fixtures/corpus20 and, when present, ../shared/corpora/polnear/dev (skipped otherwise).
Every sentence of the findings is true for the corpus, no frame hit lies inside a proper name,
no attribution marker counts as a hedge, and no dateline or credit token is among any group's
top keyness terms."""

import re

import numpy as np
import pytest

from conftest import ROOT
from newsframes.corpus import usable
from newsframes.framing import permutation
from newsframes.framing.keyness import CALENDAR_TERMS
from newsframes.framing.sentences import lexical_texts, repeated_sentences
from newsframes.framing.uncertainty import MIN_BOOTSTRAP_DOCUMENTS
from newsframes.report import contrast_prose, design_prose, findings
from pipeline_fixtures import book_tables

CORPORA = {
    "seeds": ROOT / "seeds",
    "corpus20": ROOT / "tests" / "fixtures" / "corpus20",
    "polnear-dev": ROOT.parent / "shared" / "corpora" / "polnear" / "dev",
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_tables(request, tmp_path_factory):
    return book_tables(CORPORA[request.param], tmp_path_factory)


def _group_sizes(row) -> list[int]:
    return [int(n) for n in contrast_prose.GROUP_SIZE.findall(row["groups"])]


def test_every_finding_sentence_is_true_for_the_corpus(corpus_tables):
    uncertainty = corpus_tables["uncertainty"]
    assert len(uncertainty) and uncertainty["q_value"].notna().all()
    for _, row in uncertainty.iterrows():
        sizes = _group_sizes(row)
        count = permutation.count_arrangements(sizes)
        assert str(row["n_arrangements"]) == str(permutation.reported_count(count))
        assert bool(row["exact"]) == (count <= permutation.MAX_EXACT_ARRANGEMENTS)
        assert np.isnan(row["ci_low"]) == (min(sizes) < MIN_BOOTSTRAP_DOCUMENTS)
        text = contrast_prose.describe_contrast(row, len(uncertainty))
        assert bool(re.search(r"\bexact\b", text)) == bool(row["exact"])
        assert ("Monte Carlo" in text) == (not bool(row["exact"]))
        if not row["exact"]:
            assert f"{int(row['n_permutations']):,} random label arrangements" in text
        assert f"over the {len(uncertainty)} tests of this run" in text
        if bool(row["exact"]):
            share = round(row["p_value"] * int(row["n_arrangements"]))
            assert f"in {share:,} of them: p = " in text
        if np.isfinite(row["loo_min"]) and row["loo_min"] != row["loo_max"]:
            low, high = (f"{abs(v):.3g}" for v in (row["loo_min"], row["loo_max"]))
            assert re.search(rf"ranges from [+-]?{re.escape(low)} to [+-]?{re.escape(high)}", text)
            if row["loo_min"] < 0 < row["loo_max"]:
                assert "it changes direction" in text
        assert not MACHINE_WORDING.search(text), text
        brief = contrast_prose.describe_contrast(row, len(uncertainty), brief=True)
        assert bool(re.search(r"\bexact\b", brief)) == bool(row["exact"])
        assert ("Monte Carlo" in brief) == (not bool(row["exact"]))
        assert f"q = {contrast_prose.format_q(row['q_value'])}" in brief
        assert not MACHINE_WORDING.search(brief), brief
        lower_camps = [
            c
            for c in usable(corpus_tables["documents"])["camp"].dropna().unique()
            if str(c).islower()
        ]
        assert not any(f"the {camp} texts" in text for camp in lower_camps), text


MACHINE_WORDING = re.compile(
    r"per 1k"  # the table's unit, not a reader's
    r"| \| "  # group means joined as in a table cell
    r"|\(n=\d+\)"  # group sizes in table notation
)


def test_conclusions_never_promise_an_interval_for_a_group_under_three(corpus_tables):
    uncertainty = corpus_tables["uncertainty"]
    main = findings.main_comparison(uncertainty)
    smallest = min(_group_sizes(main.iloc[0]))
    text = findings.interval_statement(uncertainty)
    assert text.startswith("The smallest group has") == (smallest < MIN_BOOTSTRAP_DOCUMENTS)
    assert main["ci_low"].isna().all() == (smallest < MIN_BOOTSTRAP_DOCUMENTS)


def test_evidence_lists_exactly_the_supported_results(corpus_tables):
    uncertainty = corpus_tables["uncertainty"]
    statement = findings.evidence_statement(uncertainty)
    supported = int((uncertainty["q_value"] < findings.SUPPORT_Q).sum())
    items = [line for line in statement.splitlines() if line[:1].isdigit()]
    assert len(items) == supported
    assert statement.startswith("**No difference") == (supported == 0)


def test_sample_statement_counts_what_the_documents_table_holds(corpus_tables):
    docs = usable(corpus_tables["documents"])
    text = design_prose.sample_statement(corpus_tables["documents"])
    smallest = int(docs["camp"].value_counts().min())
    assert text.startswith(f"The {len(docs)} documents (")
    assert f"the smallest with {smallest};" in text
    assert "event" not in text


def _lexical_sentences(tables) -> dict:
    """(doc_id, sent_id) -> the sentence as the lexicons read it, when names were masked in it."""
    sentences = tables["sentences"]
    masked = lexical_texts(sentences.assign(text=sentences["text"].fillna("").astype(str)))
    keys = zip(sentences["doc_id"], sentences["sent_id"])
    return {
        key: text
        for key, text, original in zip(keys, masked, sentences["text"])
        if text != original
    }


@pytest.mark.parametrize("table", ["frame_evidence", "evidentiality_evidence"])
def test_no_lexicon_hit_lies_inside_a_proper_name(corpus_tables, table):
    masked = _lexical_sentences(corpus_tables)
    evidence = corpus_tables[table]
    hits = zip(
        evidence["doc_id"], evidence["sent_id"], evidence["start"].astype(int), evidence["match"]
    )
    inside = [
        (d, i, match)
        for d, i, start, match in hits
        if (d, i) in masked and masked[(d, i)][start : start + len(match)] != match
    ]
    assert not inside


def test_no_attribution_marker_counts_as_a_hedge(corpus_tables):
    evidence = corpus_tables["evidentiality_evidence"]
    hedges = evidence.loc[evidence["kind"] == "hedge", "match"].str.lower()
    assert not hedges.str.contains(r"^(?:according to|citing|cited)$").any()


CREDIT_WORDS = {
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "getty",
    "credit",
    "credits",
    "caption",
    "editing",
    "file",
}


def test_no_dateline_or_credit_token_among_the_top_keyness_terms(corpus_tables):
    keyness = corpus_tables["keyness"]
    ranked = keyness.sort_values(["group", "log_odds_z"], ascending=[True, False])
    top = ranked.groupby("group").head(15)
    assert not set(top["term"]) & (CALENDAR_TERMS | CREDIT_WORDS)


def test_headlines_repeating_a_body_sentence_are_counted_once(corpus_tables):
    sentences = corpus_tables["sentences"]
    counted = set(zip(corpus_tables["sentiment"]["doc_id"], corpus_tables["sentiment"]["sent_id"]))
    texts = sentences.assign(text=sentences["text"].fillna("").astype(str))
    repeats = repeated_sentences(texts)
    usable_docs = set(usable(corpus_tables["documents"])["doc_id"])
    for (d, i), repeat in zip(zip(sentences["doc_id"], sentences["sent_id"]), repeats):
        if d in usable_docs:
            assert ((d, i) in counted) != repeat


def test_design_and_stage_sentences_are_true_for_the_corpus(corpus_tables):
    design, uncertainty = corpus_tables["design"], corpus_tables["uncertainty"]
    docs = usable(corpus_tables["documents"])
    assert sorted(design["doc_id"]) == sorted(docs["doc_id"])
    assert design["key_date_source"].fillna("").str.len().gt(0).all()
    before = design["stage"] == "before"
    from_key = design["stage"].isin(["on", "after"])
    has_stage = "stage" in set(uncertainty["comparison"])
    assert has_stage == bool(before.any() and from_key.any())
    sentence = findings.stage_versus_camp(uncertainty)
    assert sentence.startswith("Split by date rather than by camp, ") == has_stage
    overlap = design_prose.design_overlap(design)
    for _, rows in design.groupby(design["camp"].fillna("unknown")):
        counts = rows["stage"].value_counts()
        for stage, words in (("before", "before it"), ("after", "after it")):
            if stage in counts:
                assert re.search(rf"\b{counts[stage]} (?:were published )?{words}", overlap)
