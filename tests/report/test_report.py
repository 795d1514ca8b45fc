"""What chapters show: document labels, tables for people, figures and generated findings,
on the seeds and on another corpus (tests/fixtures/corpus20), so that no rule fits one story."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from conftest import ROOT
from newsframes import report
from newsframes.framing.groups import largest
from newsframes.framing.uncertainty import UNCERTAINTY_COLUMNS
from newsframes.report import (
    comparison_sentences,
    display,
    figures,
    framing_figures,
    framing_sentences,
    narrative,
    prose,
    provenance_figure,
    timeline_figure,
    voices_prose,
)
from newsframes.report.chart import (
    MAX_DOTS,
    MAX_FIGURE_GROUPS,
    STORY_MARGIN_DAYS,
    draw_dots,
)
from newsframes.report.framing_figures import uncertainty
from pipeline_fixtures import book_tables

CORPORA = {"seeds": ROOT / "seeds", "corpus20": ROOT / "tests" / "fixtures" / "corpus20"}
POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"
if POLNEAR_DEV.is_dir():  # real articles, when the shared corpora are at hand
    CORPORA["polnear_dev"] = POLNEAR_DEV
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module", params=sorted(CORPORA))
def tables(request, tmp_path_factory):
    return book_tables(CORPORA[request.param], tmp_path_factory)


def _ids(tables) -> list[str]:
    return list(tables["documents"]["doc_id"])


def test_camp_names_are_capitalised_and_acronyms_kept():
    assert display.camp_name("russian") == "Russian"
    assert display.camp_name("west") == "West"
    assert display.camp_name("TASS/IZ") == "TASS/IZ"
    assert display.camp_name("") == "no camp"


def test_source_names_say_who_relays_whom():
    assert display.source_name("Daijiworld", "IANS; Xinhua") == "IANS via Daijiworld"
    assert display.source_name("unknown", "TASS") == "TASS via an unnamed outlet"
    assert display.source_name("Euronews", "Euronews") == "Euronews"
    assert display.source_name("unknown", "unknown") == "an unnamed outlet"


def test_document_labels_are_unique_and_never_ids(tables):
    labels = display.document_labels(tables["documents"])
    usable = tables["documents"][tables["documents"]["status"] == "ok"]["doc_id"]
    assert len(set(labels.values())) == len(labels)
    assert not [d for d in usable if d in labels[d]]


def test_document_labels_write_outlets_as_given_and_capitalise_only_the_unnamed():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "status": "ok",
            "file": ["a.txt", "b.txt", "c.txt"],
            "outlet": ["nyt", "unknown", "unknown"],
            "upstream": ["unknown", "TASS", "unknown"],
            "camp": "west",
            "published": "2022-01-12",
        }
    )
    assert display.document_labels(documents) == {
        "a": "nyt, West, 12 Jan",
        "b": "TASS via an unnamed outlet, West, 12 Jan",
        "c": "An unnamed outlet, West, 12 Jan",
    }


@pytest.mark.parametrize(
    "statuses, said",
    [
        (["ok", "ok"], "The folder holds two files; every one of them could be analysed"),
        (
            ["ok", "converted", "empty"],
            "The folder holds three files; one of them could not be analysed and one was "
            "converted before analysis",
        ),
        (["converted"] * 2, "The folder holds two files; two were converted before analysis"),
    ],
)
def test_the_folder_sentence_counts_converted_files_as_analysed(statuses, said):
    """A web page's article, or a text decoded from another encoding, is analysed: the chapter
    said that all 84 web pages of a corpus "could not be analysed"."""
    sentence = narrative.folder_files({"documents": pd.DataFrame({"status": statuses})})
    assert sentence.startswith(said)


def test_tables_have_no_index_and_escape_their_text():
    frame = pd.DataFrame(
        {
            "document": ["A"],
            "text": ["<script>alert(1)</script> and {glue}`x`"],
            "diff": ["of course [-Russia does-] {+do+} not"],
            "n_words": [1200],
        }
    )
    page = display.table_html(frame)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<del>Russia does</del>" in page and "<ins>do</ins>" in page
    assert "1,200" in page
    body = page.split("<tbody>")[1]
    assert "<th" not in body
    assert 'class="nf-table-wrap"' in page


def test_every_figure_draws_and_labels_documents_not_ids(tables):
    ids = _ids(tables)
    for module, name in [
        (figures, "line_roles"),
        (figures, "lengths"),
        (figures, "voices"),
        (figures, "cosine"),
        (timeline_figure, "timeline"),
        (provenance_figure, "provenance"),
        (framing_figures, "frames"),
        (framing_figures, "fightin_words"),
        (framing_figures, "sentiment"),
        (framing_figures, "uncertainty"),
    ]:
        chart = getattr(module, name)(tables)
        svg = chart._repr_svg_()
        assert svg.startswith("<?xml") and len(chart.data), name
        assert not [d for d in ids if d in svg], name


def _outlet_groups(frame: pd.DataFrame, groups: int) -> pd.DataFrame:
    """``frame`` with its documents spread over ``groups`` outlet groups of unequal sizes (the
    first document of the sorted list in "outlet 00", then two documents per group and so on),
    as an outlet comparison of many outlets has."""
    documents = sorted(frame["doc_id"].unique())
    group_of = {
        d: f"outlet {min(i % (2 * groups), groups - 1):02d}" for i, d in enumerate(documents)
    }
    return frame.assign(group=frame["doc_id"].map(group_of))


def _drawn_groups(figure) -> list[str]:
    """The group names in the legends of a figure's axes."""
    return sorted(
        {t.get_text() for ax in figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()}
    )


def test_sentiment_figure_of_many_groups_draws_the_largest_and_says_so(tables):
    """An outlet comparison may have thousands of groups (2,000 took this figure 120 s and 26
    MB of SVG): it draws the MAX_FIGURE_GROUPS groups with the most documents, says so under
    the figure, and its data keeps every group."""
    many = {**tables, "sentiment": _outlet_groups(tables["sentiment"], 12)}
    sizes = many["sentiment"].groupby("group")["doc_id"].nunique().rename(display.camp_name)
    if len(sizes) <= MAX_FIGURE_GROUPS:
        pytest.skip("too few documents with scored sentences for more groups than are drawn")
    chart = framing_figures.sentiment(many)
    drawn = _drawn_groups(chart.figure)
    assert drawn == largest(sizes, MAX_FIGURE_GROUPS)
    assert set(chart.data["group"]) == set(sizes.index)
    note = chart.figure.get_suptitle()
    assert f"the {MAX_FIGURE_GROUPS} groups with the most documents of {len(sizes)}" in note
    assert "Drawn:" not in framing_figures.sentiment(tables)._repr_svg_()


def test_frames_figure_of_many_outlets_draws_the_largest_and_says_so(tables, monkeypatch):
    """Per outlet (more documents than MAX_DOCUMENT_ROWS) the heat map draws at most that many
    outlets, the largest; the group means at most MAX_FIGURE_GROUPS groups; the data keeps all."""
    documents = tables["documents"]
    outlets = documents.loc[documents["status"] == "ok", "outlet"].nunique()
    if outlets < 3:
        pytest.skip("fewer than three outlets")
    monkeypatch.setattr(framing_figures, "MAX_DOCUMENT_ROWS", 1)
    monkeypatch.setattr(framing_figures, "MAX_FIGURE_GROUPS", 1)
    chart = framing_figures.frames(tables)
    heat = chart.figure.axes[0]
    assert len(heat.get_xticklabels()) == 1
    assert len(_drawn_groups(chart.figure)) == 1
    assert len(chart.data.columns) - 1 == outlets + len(framing_figures.frame_means(tables).columns)
    assert f"the 1 outlets with the most documents of {outlets}" in chart.figure.get_suptitle()


def test_fightin_words_of_many_groups_draws_the_largest_and_says_so(tables, monkeypatch):
    keyness = tables["keyness"]
    if keyness["group"].nunique() < 2:
        pytest.skip("fewer than two groups")
    monkeypatch.setattr(framing_figures, "MAX_FIGURE_GROUPS", 1)
    chart = framing_figures.fightin_words(tables)
    assert len(_drawn_groups(chart.figure)) == 1
    assert chart.data["group"].nunique() == keyness["group"].nunique()
    assert "the 1 groups with the most documents of" in chart.figure.get_suptitle()


def test_keyness_top_of_many_groups_shows_own_group_and_corpus_counts(tables, monkeypatch):
    """A count column per group made each row of the top-terms table 2,000 cells (a 23 MB page
    at 2,000 outlets): with more groups than MAX_FIGURE_GROUPS the table shows the count in the
    term's own group and in the corpus instead; with fewer, the table as it is."""
    keyness = tables["keyness"]
    counts = [c for c in keyness.columns if c.startswith("count_")]
    top = keyness.groupby("group").head(10)
    pd.testing.assert_frame_equal(report.keyness_top(tables), top)
    if not counts:
        pytest.skip("no keyness terms")
    monkeypatch.setattr(report, "MAX_FIGURE_GROUPS", len(counts) - 1)
    shown = report.keyness_top(tables)
    assert not set(counts) & set(shown.columns)
    assert shown["count_in_corpus"].tolist() == top[counts].sum(axis=1).tolist()
    own = [row[f"count_{row['group']}"] for _, row in top.iterrows()]
    assert shown["count_in_group"].tolist() == own
    assert shown[["term", "group", "log_odds_z"]].equals(top[["term", "group", "log_odds_z"]])


def test_provenance_of_many_pages_draws_those_with_most_sources_and_upstream(tables, monkeypatch):
    """2,000 outlets made the provenance figure 1,600 inches tall (13 s to draw): above
    MAX_DOCUMENT_ROWS pages read it draws the pages with the most sources and every link
    upstream of them, and says so; the data keeps every edge."""
    links = provenance_figure.provenance_edges(tables).drop_duplicates(["parent", "child"])
    pages = set(links["child"]) - set(links["parent"])
    if len(pages) < 2:
        pytest.skip("fewer than two pages read in the provenance graph")
    monkeypatch.setattr(provenance_figure, "MAX_DOCUMENT_ROWS", 1)
    drawn, shown, total = provenance_figure.drawn_links(links)
    drawn_pages = set(drawn["child"]) - set(drawn["parent"])
    sources = links[links["child"].isin(pages)].groupby("child").size()
    assert (shown, total) == (1, len(pages))
    assert drawn_pages == set(largest(sources, 1))
    upstream = set(drawn_pages)
    for _ in range(len(links)):
        upstream |= set(links.loc[links["child"].isin(upstream), "parent"])
    assert set(drawn["child"]) | set(drawn["parent"]) == upstream
    chart = provenance_figure.provenance(tables)
    assert f"the 1 pages read with the most sources of {len(pages)}" in chart.figure.get_suptitle()
    assert len(chart.data) == len(tables["provenance_edges"])


def test_exclusive_voices_label_the_documents_once(tables, monkeypatch):
    """Labelling the documents takes a quarter of a second at 10,000 documents; the takeaway of
    each group's own voices labelled them again for each group (89 times, 27 s, with 10,000
    one-document outlets). The same sentences, with the labels made once."""
    expected = voices_prose.exclusive_voices(tables)
    calls = []
    labels = voices_prose.document_labels

    def counted(documents):
        calls.append(len(documents))
        return labels(documents)

    monkeypatch.setattr(voices_prose, "document_labels", counted)
    assert voices_prose.exclusive_voices(tables) == expected
    assert len(calls) <= 1


@pytest.mark.parametrize("n", [100, MAX_DOTS, 3 * MAX_DOTS])
def test_a_strip_draws_at_most_max_dots_and_says_so(n):
    """Every sentence of 10,000 articles as a dot made a 105 MB figure: above MAX_DOTS a
    seeded sample is drawn, the box still shows every value, and a note says how many."""
    import numpy as np
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    values = pd.Series(np.linspace(-1, 1, n))
    draw_dots(ax, 0, values, 0.5, "#0072B2", "o", np.random.default_rng(0))
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    notes = [t.get_text() for t in ax.texts]
    assert drawn == min(n, MAX_DOTS)
    assert notes == ([f"{MAX_DOTS:,} of {n:,}\ndrawn"] if n > MAX_DOTS else [])


def test_timeline_of_many_documents_keeps_those_that_mention_most_dates(tables, monkeypatch):
    """With more documents than rows (40; here 2), the rows are the documents with the most
    dated mentions, all of their mentions kept."""
    mentions = timeline_figure.dated_mentions(tables)
    per_document = mentions["document"].value_counts()
    monkeypatch.setattr(timeline_figure, "MAX_DOCUMENT_ROWS", 2)
    shown = timeline_figure.timeline(tables).data
    if len(per_document) <= 2:
        pytest.skip("two documents or fewer mention dates")
    assert set(shown["document"]) == set(largest(per_document, 2))
    assert sorted(shown["document"].value_counts()) == sorted(per_document.nlargest(2))


def test_line_roles_of_many_documents_draws_those_with_most_lines(tables, monkeypatch):
    """With more documents than rows (40; here 2), the bars are the documents with the most
    lines that are not blank (ties by name)."""
    lines = tables["lines"][tables["lines"]["role"] != "blank"]
    labels = display.document_labels(tables["documents"])
    per_document = lines["doc_id"].value_counts()
    monkeypatch.setattr(figures, "MAX_DOCUMENT_ROWS", 2)
    drawn = figures.line_roles(tables).data
    assert len(per_document) > 2
    assert list(drawn["document"]) == [labels[d] for d in largest(per_document, 2)]


def test_timeline_keeps_old_dates_out_of_the_story_window(tables):
    mentions = timeline_figure.dated_mentions(tables)
    low, high = timeline_figure.story_window(tables["documents"], mentions["day"])
    published = pd.to_datetime(
        tables["documents"]["published"], errors="coerce", format="%Y-%m-%d"
    ).dropna()
    assert low <= published.min() and published.max() <= high
    assert (high - low).days <= (published.max() - published.min()).days + 2 * STORY_MARGIN_DAYS


def test_uncertainty_views_select_from_the_uncertainty_columns_by_name():
    """The report names the columns it shows; the one list of columns is framing's."""
    shown = report.MAIN_COLUMNS + report.STAGE_COLUMNS + report.FINER_COLUMNS
    assert set(shown) <= set(UNCERTAINTY_COLUMNS)
    assert set(report.TEST_COLUMNS) <= set(UNCERTAINTY_COLUMNS)
    assert report.MAIN_COLUMNS[:2] == ["finding", "group_means"]
    assert "p_value" in report.MAIN_COLUMNS and "comparison" not in report.MAIN_COLUMNS


def test_uncertainty_has_one_panel_per_unit(tables):
    # Sentiment (a second unit) is compared only when VADER passes validation.
    chart = uncertainty(tables)
    assert len(chart.figure.axes) == chart.data["unit"].nunique() >= 1


def test_generated_findings_name_documents_by_label_and_quote_whole_sentences(tables):
    texts = [
        *narrative.ingestion_takeaways(tables),
        *narrative.comparison_takeaways(tables),
        *narrative.framing_takeaways(tables),
        *framing_sentences.what_groups_did_differently(tables),
    ]
    prose = " ".join(TAG.sub("", t) for t in texts if t)
    assert prose
    assert not [d for d in _ids(tables) if d in prose]
    assert "…" not in prose
    for group in tables["documents"]["camp"].dropna().unique():
        if group and group.islower():
            assert f"the {group} texts" not in prose


QUOTED = re.compile(r"“(.+?)”(?=[\s,.;:)]|$)")


def _quoted(sentence: str) -> list[str]:
    """The corpus words a generated sentence quotes, with its nested marks made double again."""
    text = html.unescape(TAG.sub("", sentence))
    return [q.replace("‘", "“").replace("’", "”") for q in QUOTED.findall(text)]


def _normalise(text: str) -> str:
    return re.sub(r"[“”\"‘’']", "'", text)


def test_exclusive_frames_quote_the_words_of_one_group_exactly(tables):
    from newsframes.resources import codebook

    names = dict(zip(codebook()["label"], codebook()["frame"]))
    camps = tables["documents"].set_index("doc_id")["camp"]
    for sentence in framing_sentences.exclusive_frames(tables):
        text = html.unescape(TAG.sub("", sentence))
        frame = names[re.search(r"frame “(.+?)”:", text).group(1)]
        evidence = tables["frame_evidence"][tables["frame_evidence"]["frame"] == frame]
        assert evidence["doc_id"].map(camps).nunique() == 1
        sentences = " ".join(_normalise(s) for s in evidence["sentence"])
        fragments = _quoted(sentence)[1:]  # the first quotation is the frame's name
        assert fragments and all(_normalise(f) in sentences for f in fragments), fragments


def test_fragment_keeps_the_clause_around_a_match():
    sentence = "In recent weeks, outlets have reported about the alleged plans of an invasion."
    start = sentence.index("alleged")
    words = prose.fragment(sentence, start, "alleged")
    assert words == "outlets have reported about the alleged plans of an invasion"
    assert prose.fragment(sentence, start, "alleged", before=1, after=1) == "the alleged plans"


def test_reworded_passage_is_the_run_of_replacements_with_its_context():
    diff = (
        "{+And allies agree+} no one else has anything to say and of course [-Russia does-] "
        "{+do+} not [-have-] {+get+} a veto {+on whether Ukraine can become a NATO member+}"
    )
    old, new = voices_prose.reworded_passage(diff)
    assert (old, new) == ("of course Russia does not have a veto", "of course do not get a veto")
    spelling = voices_prose.reworded_passage("the [-commander-in-chief-] {+commander in chief+}")
    assert spelling == ("", "")
    written = voices_prose.as_written("of course do not get", "And of course, do not get a veto")
    assert written == "of course, do not get"


# Two usable documents of different camps, for the invented quotation alignments below.
TWO_DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "file": ["a.txt", "b.txt"],
        "status": ["ok", "ok"],
        "outlet": ["One", "Two"],
        "upstream": ["One", "Two"],
        "camp": ["x", "y"],
        "published": ["2022-01-12", "2022-01-13"],
    }
)


def test_largest_rewording_quotes_each_text_in_its_own_words():
    alignment = pd.DataFrame(
        {
            "doc_a": ["a"],
            "doc_b": ["b"],
            "speaker_a": ["S"],
            "speaker_b": [""],
            "text_a": [
                "No one else has anything to say, and of course Russia does not have a veto"
            ],
            "text_b": ["No one else has anything to say. And of course, do not get a veto."],
            "diff": [
                "no one else has anything to say and of course [-Russia does-] {+do+} not "
                "[-have-] {+get+} a veto"
            ],
        }
    )
    tables = {"quote_alignment": alignment, "documents": TWO_DOCUMENTS}
    sentence = html.unescape(TAG.sub("", voices_prose.largest_rewording(tables)))
    assert "of S, reworded" in sentence and " / " not in sentence
    assert "One (X, 12 Jan) quotes “of course Russia does not have a veto”" in sentence
    assert "Two (Y, 13 Jan) “of course, do not get a veto”" in sentence


QUOTATION = re.compile(r"“[^”]*”")  # corpus words quoted in a finding
NUMBER = re.compile(r"\d|\b(?:no|none|one|two|three|four|five|six|seven|eight|nine)\b", re.I)


def test_key_takeaways_are_one_sentence_with_a_number_or_the_words_and_a_link(tables):
    for takeaway in narrative.key_findings(tables):
        assert takeaway.count("<a href=") == 1, takeaway
        text = html.unescape(TAG.sub("", takeaway))
        outside_quotes = QUOTATION.sub("“…”", text)
        assert not prose.crosses_sentence(outside_quotes.rstrip(".")), text
        assert NUMBER.search(outside_quotes) or "“" in text, text


def test_reworded_passages_stay_within_a_sentence(tables):
    sentence = html.unescape(TAG.sub("", comparison_sentences.rewording(tables)))
    for passage in QUOTATION.findall(sentence):
        assert not prose.crosses_sentence(passage), passage


def _with_a_short_rewording(text_a: str, text_b: str, diff: str) -> dict:
    """Tables of two aligned pairs of one speaker: the given one, and a short rewording within
    one sentence ("They will never accept it" / "They cannot accept it")."""
    alignment = pd.DataFrame(
        {
            "doc_a": ["a", "a"],
            "doc_b": ["b", "b"],
            "speaker_a": ["S", "S"],
            "speaker_b": ["S", "S"],
            "text_a": [text_a, "They will never accept it"],
            "text_b": [text_b, "They cannot accept it"],
            "diff": [diff, "they [-will never-] {+cannot+} accept it"],
        }
    )
    return {"quote_alignment": alignment, "documents": TWO_DOCUMENTS}


@pytest.mark.parametrize(
    "text_a, text_b, diff",
    [
        (  # across two sentences
            "We have got to do it now",
            "So we are. We have got to do it now",
            "[-we have-] {+so we are we have+} got to do it now",
        ),
        (  # across the gap between two fragments: the book quoted "make America whole again
            # Make America Great", words nobody said together
            "make us whole again … Make us great again",
            "build the wall … make us great again",
            "[-make us whole again-] {+build the wall+} make us great again",
        ),
    ],
)
def test_a_rewording_that_runs_over_gives_way_to_one_within_a_sentence(text_a, text_b, diff):
    tables = _with_a_short_rewording(text_a, text_b, diff)
    sentence = html.unescape(TAG.sub("", comparison_sentences.rewording(tables)))
    assert "“They will never accept it”" in sentence and "“They cannot accept it”" in sentence


def test_the_largest_rewording_is_the_alignments_own_before_the_sentence_check():
    tables = _with_a_short_rewording(
        "We have got to do it now",
        "So we are. We have got to do it now",
        "[-we have-] {+so we are we have+} got to do it now",
    )
    crossing = html.unescape(TAG.sub("", voices_prose.largest_rewording(tables)))
    assert "we are. We" in crossing  # the longest rewording, as the alignment has it


@pytest.mark.parametrize("q_value, said", [(0.5, "hedge about as often"), (0.015, "hedge more")])
def test_close_hedging_rates_are_about_as_often_only_when_no_test_says_otherwise(q_value, said):
    """923 PolNeAR texts: 5.4 hedges per 1,000 words against 4.4, a ratio under 1.25, and the
    test of authorial hedges gave q = 0.015; the book said "the camps hedge about as often"
    while its conclusions listed the difference as supported."""
    rates = pd.DataFrame(
        {
            "level": ["group", "group", "doc", "doc"],
            "kind": "hedge",
            "unit": ["x", "y", "a", "b"],
            "per_1k": [5.4, 4.4, 6.0, 4.0],
            "hits": [10, 8, 6, 4],
        }
    )
    uncertainty = pd.DataFrame(
        {
            "comparison": ["camp"],
            "finding": ["hedge per 1k, authorial text"],
            "q_value": [q_value],
        }
    )
    evidence = pd.DataFrame({"doc_id": ["a"], "kind": ["hedge"], "match": ["may"]})
    tables = {
        "evidentiality": rates,
        "evidentiality_evidence": evidence,
        "uncertainty": uncertainty,
        "documents": TWO_DOCUMENTS,
    }
    assert said in framing_sentences.hedging(tables)


def test_key_findings_are_three_to_five_and_limits_are_said(tables):
    for takeaways in [
        narrative.key_findings,
        narrative.ingestion_takeaways,
        narrative.comparison_takeaways,
        narrative.framing_takeaways,
    ]:
        found = takeaways(tables)
        assert 3 <= len(found) <= 5 and all(found), takeaways.__name__
    limits = " ".join(TAG.sub("", t) for t in narrative.limits(tables))
    n = len(tables["documents"][tables["documents"]["status"] == "ok"])
    assert "not a sample" in limits
    assert (prose.number_word(n) if n < 10 else f"{n:,}") in limits.lower()


def test_generated_prose_has_no_machine_phrasing(tables):
    texts = [
        *narrative.key_findings(tables),
        *framing_sentences.what_groups_did_differently(tables),
        comparison_sentences.affiliation_shares(tables),
        comparison_sentences.strongest_reuse(tables),
        comparison_sentences.longest_chain(tables),
        *narrative.framing_takeaways(tables),
        *narrative.limits(tables),
        narrative.how_far(tables),
    ]
    prose = html.unescape(" ".join(TAG.sub("", t) for t in texts if t))
    for machine in ["per 1k", " | ", "_", " / ", "  ", "( ", " ,"]:
        assert machine not in prose, machine
    assert not re.search(r"\bnan\b|\bNone\b(?! of)", prose)
    label = r"[A-Z][^()]*, [A-Z][a-z]+, \d+ [A-Z][a-z]{2}"  # 'X, Western, 12 Jan' is a table's
    assert not re.search(label, prose)


def test_the_seed_story_is_told_in_the_decisive_words(tmp_path_factory):
    """The issue's seed findings, written by the generic functions (nothing in src/ names them)."""
    tables = book_tables(CORPORA["seeds"], tmp_path_factory)
    texts = [
        *narrative.key_findings(tables),
        *framing_sentences.what_groups_did_differently(tables),
        comparison_sentences.affiliation_shares(tables),
    ]
    prose = html.unescape(" ".join(TAG.sub("", t) for t in texts))
    for words in [
        "alleged",
        "Moscow has repeatedly rejected such information",
        "third operation",
        "Russia does not have a veto",
        "do not get a veto",
        "Lukyanov",
        "NATO supplies the largest share of quoted words in both camps",
    ]:
        assert words in prose, words


def test_report_views_drop_ids_for_labels(tables):
    for view in [
        report.corpus_table(tables),
        report.removed_lines(tables),
        report.frame_examples(tables),
        report.naming(tables),
        report.evidentiality_rates(tables),
    ]:
        text = view.to_csv(index=False)
        assert not [d for d in _ids(tables) if d in text]


SVG_HASH = """
import hashlib, pickle, sys
from newsframes.report import plots, provenance_figure
plots.apply_style()
with open(sys.argv[1], "rb") as file:
    by_corpus = pickle.load(file)
for name, tables in sorted(by_corpus.items()):
    svg = provenance_figure.provenance(tables)._repr_svg_()
    print(name, hashlib.sha256(svg.encode()).hexdigest())
"""


def test_provenance_figure_is_the_same_under_any_hash_seed(tmp_path_factory, tmp_path):
    """Set and dict order must not reach the drawing: two interpreters with different
    PYTHONHASHSEED values write byte-identical SVGs, for every corpus (each interpreter draws
    them all: its start costs more than the drawings; the two run at once)."""
    import os
    import pickle
    import subprocess
    import sys

    out = tmp_path / "tables.pickle"
    by_corpus = {name: book_tables(folder, tmp_path_factory) for name, folder in CORPORA.items()}
    out.write_bytes(pickle.dumps(by_corpus))
    drawings = [
        subprocess.Popen(
            [sys.executable, "-c", SVG_HASH, str(out)],
            env={**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    digests = []
    for drawing in drawings:
        stdout, stderr = drawing.communicate(timeout=300)
        assert drawing.returncode == 0, stderr
        digests.append(stdout.split())
    assert digests[0][::2] == sorted(CORPORA)  # one line per corpus: name, digest
    assert digests[0] == digests[1]


def test_provenance_edges_do_not_cross_on_relay_chains(tables):
    """Where every source and page takes copy from at most one parent (relay chains branching
    out from their sources, as on the seeds and corpus20), the layout in relay order with the
    barycentre ordering has no crossing edges; on any graph no edge skips a column without a
    waypoint."""
    edges = provenance_figure.provenance_edges(tables)
    x, row, routes = provenance_figure.provenance_layout(edges)
    links = edges.drop_duplicates(["parent", "child"])
    if links["child"].is_unique:
        assert provenance_figure.edge_crossings(routes, x, row) == 0
    for route in routes.values():
        assert [x[n] for n in route] == list(range(x[route[0]], x[route[-1]] + 1))


def test_layout_removes_a_crossing_that_alphabetical_order_makes():
    edges = pd.DataFrame({"parent": ["a", "b"], "child": ["d", "c"]})
    x, row, routes = provenance_figure.provenance_layout(edges)
    assert provenance_figure.edge_crossings(routes, x, row) == 0
    x_text, row_text = {"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 1, "c": 0, "d": 1}
    assert (
        provenance_figure.edge_crossings(routes, x_text, row_text) == 1
    )  # alphabetical rows cross


def test_no_edge_line_runs_through_a_box():
    """An edge that skips columns runs level across each column it passes, on a row of its
    own, so it never meets a box."""
    edges = pd.DataFrame({"parent": ["a", "a", "m"], "child": ["z", "m", "z"]})
    x, row, routes = provenance_figure.provenance_layout(edges)
    points = provenance_figure._route_points(routes[("a", "z")], x, row)
    boxes = [n for n in x if not n.startswith(provenance_figure.WAYPOINT)]
    half = provenance_figure.NODE_WIDTH / 2
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        for node in boxes:
            if x[node] - half < (x1 + x2) / 2 < x[node] + half:
                assert abs(y1 - row[node]) > provenance_figure.NODE_HEIGHT / 2 and y1 == y2, node


def test_edge_crossings_counts_a_crossing():
    routes = {("a", "d"): ["a", "d"], ("b", "c"): ["b", "c"]}
    x = {"a": 0, "b": 0, "c": 1, "d": 1}
    assert provenance_figure.edge_crossings(routes, x, {"a": 0, "b": 1, "c": 0, "d": 1}) == 1
    assert provenance_figure.edge_crossings(routes, x, {"a": 0, "b": 1, "c": 1, "d": 0}) == 0


def test_timeline_labels_keep_their_distance():
    placed = timeline_figure.spread_labels([0, 0.5, 1, 10, 30, 30.2], gap=2)
    assert all(b - a >= 2 - 1e-9 for a, b in zip(placed, placed[1:]))
    assert placed[3] == 10  # a label with room stays on its day
    assert abs(sum(placed[:3]) / 3 - 0.5) < 1e-9  # a crowded run is centred on its days


def _luminance(colour: str) -> float:
    """Greyscale lightness (ITU-R BT.601 weights) of a '#rrggbb' colour, 0 black to 1 white."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_the_first_four_colours_stay_apart_in_greyscale():
    from newsframes.report.plots import OKABE_ITO

    first = [_luminance(c) for c in OKABE_ITO[:4]]
    gaps = [abs(a - b) for i, a in enumerate(first) for b in first[i + 1 :]]
    assert min(gaps) >= 0.12, first


def test_groups_of_fewer_than_ten_values_are_dots_not_boxes():
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    from newsframes.report.chart import FEW_VALUES, draw_dots

    for n, boxes in [(FEW_VALUES - 1, 0), (FEW_VALUES, 1)]:
        ax = Figure().subplots()
        values = pd.Series(np.linspace(-1, 1, n))
        draw_dots(ax, 0, values, 0.5, "#0072B2", "o", np.random.default_rng(0))
        assert len(ax.collections) == 1  # the dots
        assert (len(ax.lines) > 0) == bool(boxes)  # a box plot draws its lines


def test_quotations_drop_a_closing_mark_whose_opening_is_outside():
    assert prose.quoted_html("like pushing on an open door.'") == "“like pushing on an open door”"
    assert prose.quoted_html("he said “no.”") == "“he said ‘no.’”"
    assert prose.quoted_html("Biden's plan.") == "“Biden&#x27;s plan”"


def test_sentence_boundaries_are_found_but_not_after_titles_or_initials():
    assert prose.crosses_sentence("we are.’ We’ve got to do")
    assert prose.crosses_sentence("did they? No")
    assert not prose.crosses_sentence("Mr. Smith said")
    assert not prose.crosses_sentence("U.S. troops and J. Smith")


def test_a_download_is_a_file_beside_the_pages_named_by_its_content(tmp_path, monkeypatch):
    """The link points from a chapter's page to ``downloads/<content hash>/<name>``; the file
    holds the frame as CSV; other data get another folder, the same data the same link."""
    from newsframes.report.book import DOWNLOADS_ENV
    from newsframes.report.display import download_html, file_size

    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    monkeypatch.chdir(tmp_path / "chapters")
    monkeypatch.setenv(DOWNLOADS_ENV, str(tmp_path / "staged"))
    frame = pd.DataFrame({"doc_id": ["a", "b"], "score": [0.5, 1.0]})

    link = download_html(frame, "scores.csv")
    again, other = download_html(frame, "scores.csv"), download_html(frame.head(1), "scores.csv")

    href = re.search(r'href="([^"]+)"', link)[1]
    assert href.startswith("../downloads/") and href.endswith("/scores.csv")
    written = tmp_path / "staged" / href.removeprefix("../downloads/")
    assert written.read_text(encoding="utf-8") == frame.to_csv(index=False, lineterminator="\n")
    assert "data:" not in link and 'download="scores.csv"' in link
    assert f"(scores.csv, {file_size(written.stat().st_size)})" in link
    assert again == link and re.search(r'href="([^"]+)"', other)[1] != href
    assert [file_size(n) for n in (850, 12_345, 25_400_000)] == ["850 bytes", "12 KB", "25.4 MB"]


def test_provenance_names_a_documents_unknown_outlet_by_its_label_and_nothing_else():
    """Only the node of a document's unknown outlet takes the document's label: an outlet
    whose name contains a document id ("e" in "Reuters") keeps its name."""
    from newsframes.compare.chains import unknown_outlet
    from newsframes.report.provenance_figure import _node_label

    labels = {"e": "Reuters, Western, 12 Jan", "doc 7": "An unnamed outlet, 3 Feb"}
    assert _node_label(unknown_outlet("doc 7"), labels) == "An unnamed outlet, 3 Feb"
    assert _node_label("Reuters", labels) == "Reuters"
    assert _node_label(unknown_outlet("absent"), labels) == unknown_outlet("absent")


def test_the_book_extension_stages_downloads_and_puts_them_beside_the_pages(tmp_path, monkeypatch):
    """``_ext/download_files.py``: a build starts with an empty staging folder, named to the
    chapters through the variable :func:`book.downloads_dir` reads, and a finished build gets
    it as ``downloads/`` beside its pages, replacing the last build's; a failed one does not."""
    import importlib.util
    from types import SimpleNamespace

    from newsframes.report import book

    spec = importlib.util.spec_from_file_location(
        "download_files", ROOT / "_ext" / "download_files.py"
    )
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    assert extension.DOWNLOADS_ENV == book.DOWNLOADS_ENV
    monkeypatch.setenv(book.DOWNLOADS_ENV, str(tmp_path / "elsewhere"))  # restored afterwards
    app = SimpleNamespace(outdir=str(tmp_path / "_build" / "html"))
    (tmp_path / "_build" / "downloads" / "old").mkdir(parents=True)
    (tmp_path / "_build" / "html" / "downloads" / "stale").mkdir(parents=True)

    extension._start(app)
    staged = book.downloads_dir()
    assert staged == tmp_path / "_build" / "downloads" and not any(staged.iterdir())
    (staged / "abc").mkdir()
    (staged / "abc" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    extension._publish(app, RuntimeError("a chapter failed"))
    assert (tmp_path / "_build" / "html" / "downloads" / "stale").exists()
    extension._publish(app, None)
    published = tmp_path / "_build" / "html" / "downloads"
    assert [p.relative_to(published).as_posix() for p in sorted(published.rglob("*"))] == [
        "abc",
        "abc/x.csv",
    ]


def test_a_download_outside_any_book_is_a_file_here(tmp_path, monkeypatch):
    """A reader's own notebook, in no book's folder and not in a book build: the download is
    written to ``downloads/`` beside it and linked from there (no book root is needed)."""
    from newsframes.report.book import DOWNLOADS_ENV, project_root
    from newsframes.report.display import download_html

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DOWNLOADS_ENV, raising=False)
    with pytest.raises(FileNotFoundError):
        project_root()
    link = download_html(pd.DataFrame({"a": [1]}), "mine.csv")
    href = re.search(r'href="([^"]+)"', link)[1]
    assert href.startswith("downloads/") and (tmp_path / href).read_text() == "a\n1\n"


def test_the_book_extension_stops_each_kernel_at_once_after_its_cells(monkeypatch):
    """``_ext/kernel_exit.py``: notebook clients made after the extension's setup stop their
    kernel at once (nbclient's "immediate") instead of asking it to stop and waiting; a
    notebook still runs to its last cell, and no kernel process is left."""
    import importlib.util

    import nbformat
    import psutil
    from nbclient import NotebookClient

    spec = importlib.util.spec_from_file_location("kernel_exit", ROOT / "_ext" / "kernel_exit.py")
    extension = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extension)
    trait = NotebookClient.class_traits()["shutdown_kernel"]
    monkeypatch.setattr(trait, "default_value", trait.default_value)  # restored afterwards
    cells = [
        nbformat.v4.new_code_cell("import os\nos.getpid()"),
        nbformat.v4.new_code_cell("6 * 7"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    assert NotebookClient(notebook).shutdown_kernel == "graceful"

    extension.setup(None)
    client = NotebookClient(notebook, kernel_name="python3", timeout=60)
    assert client.shutdown_kernel == "immediate"
    client.execute()
    kernel = int(notebook.cells[0].outputs[0]["data"]["text/plain"])
    assert notebook.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert not psutil.pid_exists(kernel) or psutil.Process(kernel).status() == "zombie"


def test_input_files_show_a_name_of_non_utf8_bytes_as_documents_does(tmp_path, monkeypatch):
    import os

    from newsframes.report import book

    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("Talks go on.\n", encoding="utf-8")
    monkeypatch.setenv(book.SEEDS_ENV, str(tmp_path))
    table = book.input_files()
    assert table["file"].tolist() == ["caf\\xe9.txt"]
    table.to_csv(tmp_path / "files.csv", index=False, encoding="utf-8")  # no surrogate left


def test_a_table_of_many_count_columns_reads_into_a_frame_as_quick_to_group_as_a_copy(tmp_path):
    """read_csv gives a block per column, and setting each number column makes another: a
    keyness table of 2,000 outlets took 65 s to take its groups apart in the framing chapter
    (under 1 s once its columns share a block)."""
    import numpy as np

    from newsframes.report.book import read_table
    from timing import cpu_seconds

    rng = np.random.default_rng(0)
    groups = [f"outlet {g:03d}" for g in range(300)]
    frame = pd.DataFrame(
        rng.integers(0, 9, size=(900, 300)), columns=[f"count_{g}" for g in groups]
    )
    frame.insert(0, "group", [groups[i % 300] for i in range(900)])
    frame.insert(0, "term", [f"term{i}" for i in range(900)])
    path = tmp_path / "keyness.csv"
    frame.to_csv(path, index=False)
    kinds = {"term": "text", "group": "text", **{c: "number" for c in frame.columns[2:]}}
    read = read_table(path, kinds)
    pd.testing.assert_frame_equal(read, frame, check_dtype=False)

    def apart(table: pd.DataFrame) -> int:
        return sum(len(rows) for _, rows in table.groupby("group"))

    apart(read.copy())  # warm-up
    times = [(cpu_seconds(lambda: apart(read))[0], cpu_seconds(lambda: apart(read.copy()))[0])]
    times += [(cpu_seconds(lambda: apart(read))[0], cpu_seconds(lambda: apart(read.copy()))[0])]
    as_read, copied = (min(column) for column in zip(*times))  # the quickest of two each
    assert as_read < 3 * max(copied, 1e-3), f"{as_read / copied:.1f}x the time of a copy"


def test_tables_are_read_when_a_chapter_first_asks_for_them(seed_run):
    """A chapter reads only the tables it uses: reading all of them took each chapter 13-16 s
    at 10,000 documents. Asking whether a table exists reads nothing; a table asked for is
    read once, typed as read_table types it."""
    import json

    from newsframes.report.book import read_table, read_tables

    tables = read_tables(seed_run)
    assert sorted(tables) == sorted(p.stem for p in seed_run.glob("*.csv"))
    assert "documents" in tables and "no_such_table" not in tables
    assert not tables.frames
    documents = tables["documents"]
    assert list(tables.frames) == ["documents"] and tables["documents"] is documents
    schema = json.loads((seed_run / "schema.json").read_text(encoding="utf-8"))
    expected = read_table(seed_run / "documents.csv", schema["documents"])
    pd.testing.assert_frame_equal(documents, expected)
    with pytest.raises(KeyError):
        tables["no_such_table"]
