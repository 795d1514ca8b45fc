"""What chapters show: document labels, tables for people, figures and generated findings,
on the seeds and on another corpus (tests/fixtures/corpus20), so that no rule fits one story."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest
from conftest import ROOT

from newsframes import report
from newsframes.pipeline import run
from newsframes.report import display, figures, framing_figures, narrative
from newsframes.report.book import read_table
from newsframes.report.chart import STORY_MARGIN_DAYS
from newsframes.report.framing_figures import uncertainty
from newsframes.report.voices_prose import largest_rewording

CORPORA = {"seeds": ROOT / "seeds", "corpus20": ROOT / "tests" / "fixtures" / "corpus20"}
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module", params=sorted(CORPORA))
def tables(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    run(CORPORA[request.param], out)
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    return {p.stem: read_table(p, schema.get(p.stem, {})) for p in sorted(out.glob("*.csv"))}


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
        (figures, "timeline"),
        (figures, "provenance"),
        (framing_figures, "frames"),
        (framing_figures, "fightin_words"),
        (framing_figures, "sentiment"),
        (framing_figures, "uncertainty"),
    ]:
        chart = getattr(module, name)(tables)
        svg = chart._repr_svg_()
        assert svg.startswith("<?xml") and len(chart.data), name
        assert not [d for d in ids if d in svg], name


def test_timeline_keeps_old_dates_out_of_the_story_window(tables):
    mentions = figures.dated_mentions(tables)
    low, high = figures.story_window(tables["documents"], mentions["day"])
    published = pd.to_datetime(
        tables["documents"]["published"], errors="coerce", format="%Y-%m-%d"
    ).dropna()
    assert low <= published.min() and published.max() <= high
    assert (high - low).days <= (
        published.max() - published.min()
    ).days + 2 * STORY_MARGIN_DAYS


def test_uncertainty_has_one_panel_per_unit(tables):
    # Sentiment (a second unit) is compared only when VADER passes validation.
    chart = uncertainty(tables)
    assert len(chart.figure.axes) == chart.data["unit"].nunique() >= 1


def test_generated_findings_name_documents_by_label_and_quote_whole_sentences(tables):
    texts = [
        *narrative.ingestion_takeaways(tables),
        *narrative.comparison_takeaways(tables),
        *narrative.framing_takeaways(tables),
        *narrative.what_groups_did_differently(tables),
    ]
    prose = " ".join(TAG.sub("", t) for t in texts if t)
    assert prose
    assert not [d for d in _ids(tables) if d in prose]
    assert "…" not in prose
    for group in tables["documents"]["camp"].dropna().unique():
        if group and group.islower():
            assert f"the {group} texts" not in prose


def test_exclusive_frames_quote_the_sentences_of_one_group_only(tables):
    from newsframes.resources import codebook

    names = dict(zip(codebook()["label"], codebook()["frame"]))
    camps = tables["documents"].set_index("doc_id")["camp"]
    for sentence in narrative.exclusive_frames(tables):
        text = html.unescape(TAG.sub("", sentence))
        frame = names[re.search(r"frame “(.+?)” \(", text).group(1)]
        evidence = tables["frame_evidence"][tables["frame_evidence"]["frame"] == frame]
        assert evidence["doc_id"].map(camps).nunique() == 1
        assert evidence["sentence"].iloc[0].rstrip(".") in text


def test_largest_rewording_names_the_replaced_words():
    alignment = pd.DataFrame(
        {
            "doc_a": ["a"],
            "doc_b": ["b"],
            "speaker_a": ["S"],
            "speaker_b": ["S"],
            "text_a": ["Russia does not have a veto"],
            "text_b": ["do not get a veto"],
            "diff": ["[-Russia does-] {+do+} not [-have-] {+get+} a veto"],
        }
    )
    documents = pd.DataFrame(
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
    sentence = TAG.sub(
        "", largest_rewording({"quote_alignment": alignment, "documents": documents})
    )
    assert "“Russia does” became “do”" in sentence
    assert "“have” became “get”" in sentence
    assert "One, X, 12 Jan" in sentence and "Two, Y, 13 Jan" in sentence


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
