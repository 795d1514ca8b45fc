"""Framing analysis (chapter 03): how groups of sources frame the same story, and how sure a
few texts can make us.

Every table is computed from the corpus's sentences (headline, dek and body of usable
documents; the "analysed text"), with lexical patterns kept in data files (read by
:mod:`newsframes.resources`) so that readers can inspect and change them:

* ``data/codebook.yaml`` - frames (Policy Frames Codebook, Boydstun et al. 2014; Card et al.
  2015, plus frames of this story) -> ``frames`` and ``frame_evidence``;
* ``data/entman_cues.csv`` - cues of Entman's (1993) four framing functions -> ``entman``;
* ``data/hedges.csv`` - hedges, attribution markers and reporting-verb terms (their forms in
  ``data/reporting_verbs.csv``) -> ``evidentiality`` (+ its evidence rows);
* ``data/naming.csv`` - naming variants -> ``naming``;
* ``data/targets.csv`` - who a sentence names -> ``sentiment`` targets and ``leads``.

Groups come from the documents' ``camp`` column (any number of camps); with fewer than two
known camps the comparison falls back to outlets. Per-document tables depend on nothing but
the document; ``keyness`` and ``uncertainty`` compare groups. Modules in reading order:
``sentences``, ``groups``, ``index`` (pattern matching), ``measures`` (frames, Entman,
evidentiality, naming), ``keyness``, ``sentiment``, ``leads`` (and voice), ``uncertainty``
with ``stats``, ``validation`` (the dictionaries against hand-coded sentences) and ``design``
(what each document is, and its stage relative to the story's key date).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..corpus import Corpus, public, rows_of
from ..resources import hedge_terms, naming_variants, target_patterns
from . import design, validation
from .groups import comparison_groups, label_keys
from .index import SentenceIndex
from .keyness import keyed_term_counts, keyness_table, term_counts
from .leads import lead_table, quote_spans, quoted_tokens, with_lede_speakers, with_voice
from .measures import (
    entman_table,
    evidentiality_evidence,
    evidentiality_rates,
    frame_evidence,
    frame_scores,
    naming_counts,
    reported_codebook,
    reported_entman_cues,
    reported_hedge_terms,
)
from .sentences import analysed_sentences, lexical_texts
from .sentiment import (
    named_targets,
    quoted_sentences,
    sentence_scores,
    sentence_sentiment,
    sentence_targets,
)
from .uncertainty import sentence_measures, uncertainty_table

# --- entry point ------------------------------------------------------------------------------


def document_tables(corpus: Corpus, quotes: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Tables that are per document by construction (so partitions of a corpus can be computed
    apart): frame and hedge evidence with each hit's voice, Entman sentences, naming counts,
    and the intermediate sentence scores with their quoted words, leads and term counts (names
    with a leading underscore, never written). ``quotes``: source comparison's quotations of
    the same documents (:func:`.leads.quote_spans`; none: every word is the outlet's own).
    Frames, Entman's functions and evidentiality's kinds are matched only where they pass
    validation (:func:`.measures.reported_codebook`, :func:`.measures.reported_entman_cues`,
    :func:`.measures.reported_hedge_terms`): the others are never reported, and their cues
    took 0.07 of these tables' 1.9 CPU s on 924 PolNeAR articles."""
    sentences = analysed_sentences(corpus)
    counted = sentences[~sentences["repeat"]].reset_index(drop=True)
    searched = lexical_texts(counted)
    index, lexical = SentenceIndex(counted), SentenceIndex(counted, searched)
    terms, named = hedge_terms(), sentence_targets(index, target_patterns())
    scores, spans = sentence_scores(counted, named, searched), quote_spans(quotes)
    return {
        "frame_evidence": with_voice(frame_evidence(lexical, reported_codebook()), scores, spans),
        "evidentiality_evidence": with_voice(
            evidentiality_evidence(lexical, reported_hedge_terms()), scores, spans
        ),
        "entman": entman_table(lexical, reported_entman_cues()),
        "naming": naming_counts(index, naming_variants()),
        "_sentence_scores": scores.assign(quoted_tokens=quoted_tokens(scores, spans)),
        "_leads": lead_table(sentences, _with_repeats(sentences, named), target_patterns(), terms),
        "_terms": keyed_term_counts(counted, label_keys(corpus.usable)),
    }


def _with_repeats(sentences: pd.DataFrame, named: list[list[str]]) -> list[list[str]]:
    """:func:`sentence_targets` of the counted sentences extended to every sentence (those
    counted once, in the body, are matched here on their own)."""
    counted = iter(named)
    return [
        named_targets(text, target_patterns()) if repeat else next(counted)
        for text, repeat in rows_of(sentences, "text", "repeat")
    ]


class CorpusInputs(NamedTuple):
    """What the cross-document tables share: the usable documents (sorted), their comparison
    labels, tokens per document, the sentence sentiment table, the sentence measures, and the
    frame and evidentiality evidence of the measures that pass validation, with the voice of
    each hit (:func:`with_voice`)."""

    documents: pd.DataFrame
    labels: pd.Series
    tokens: pd.Series
    sentiment: pd.DataFrame
    measures: pd.DataFrame
    frame_evidence: pd.DataFrame
    evidentiality_evidence: pd.DataFrame
    design: pd.DataFrame


def corpus_inputs(
    corpus: Corpus, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None
) -> CorpusInputs:
    """:class:`CorpusInputs` from :func:`document_tables` (concatenated over partitions; the
    voice of each hit and the quoted words of each sentence already read there, per document)
    and the source-comparison tables, whose quotes mark quoted sentences."""
    documents = corpus.usable.sort_values("doc_id")
    labels, _ = comparison_groups(documents)
    design_rows = design.design_table(documents, (compare_tables or {}).get("facts"))
    documents = documents.assign(
        stage_group=documents["doc_id"].map(design.stage_groups(design_rows))
    )
    scores = tables["_sentence_scores"]
    tokens = (
        scores.groupby("doc_id")["tokens"].sum().reindex(sorted(documents["doc_id"]), fill_value=0)
    )
    with_quoted_words = rows_of(scores, "doc_id", "sent_id", "quoted_tokens")
    quoted = quoted_sentences(compare_tables) | {(d, int(i)) for d, i, n in with_quoted_words if n}
    sentiment = sentence_sentiment(scores, documents, labels, quoted)
    frames_book = reported_codebook()
    frames_found = tables["frame_evidence"].reset_index(drop=True)
    hedges_found = tables["evidentiality_evidence"].reset_index(drop=True)
    measures = sentence_measures(scores, frames_found, frames_book, hedges_found, sentiment)
    return CorpusInputs(
        documents, labels, tokens, sentiment, measures, frames_found, hedges_found, design_rows
    )


def descriptive_tables(
    inputs: CorpusInputs, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None
) -> dict[str, pd.DataFrame]:
    """The cross-document tables other than uncertainty: frame and evidentiality evidence with
    the voice of each hit, frame scores, Entman sentences and evidentiality rates (all of them
    only for the measures that pass validation), the validation table itself,
    keyness, sentence sentiment with groups, and leads with the lede's speaker (from
    ``compare_tables``' quotes)."""
    frames_book, kinds = reported_codebook(), sorted(validation.reported("evidentiality"))
    return {
        "frame_evidence": inputs.frame_evidence,
        "evidentiality_evidence": inputs.evidentiality_evidence,
        "frames": frame_scores(inputs.frame_evidence, inputs.tokens, frames_book),
        "entman": tables["entman"],
        "keyness": keyness_table(term_counts(tables["_terms"], inputs.documents)),
        "evidentiality": evidentiality_rates(
            inputs.evidentiality_evidence, inputs.tokens, inputs.labels, kinds
        ),
        "validation": validation.committed_table(),
        "design": inputs.design,
        "sentiment": inputs.sentiment,
        "leads": with_lede_speakers(tables["_leads"], (compare_tables or {}).get("quotes")),
    }


def corpus_tables(
    corpus: Corpus, tables: dict[str, pd.DataFrame], compare_tables: dict | None = None
) -> dict[str, pd.DataFrame]:
    """Cross-document tables from :func:`document_tables` (concatenated over partitions):
    :func:`descriptive_tables` and the uncertainty of the group comparisons.
    ``compare_tables`` (optional): the source-comparison tables, whose quotes mark quoted
    sentences and the lede's speaker."""
    inputs = corpus_inputs(corpus, tables, compare_tables)
    return {
        **descriptive_tables(inputs, tables, compare_tables),
        "uncertainty": uncertainty_table(inputs.measures, inputs.documents),
    }


def run(corpus: Corpus, compare_tables: dict | None = None) -> dict[str, pd.DataFrame]:
    """All framing tables for a corpus. ``compare_tables`` (optional) are the source-comparison
    stage's tables; its ``quotes`` mark quoted sentences and the lede's speaker."""
    tables = document_tables(corpus, (compare_tables or {}).get("quotes"))
    tables.update(corpus_tables(corpus, tables, compare_tables))
    return public(tables)
