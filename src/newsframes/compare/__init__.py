"""Source comparison (chapter 02): what each outlet takes from whom, whose words it carries,
and which facts it chooses.

Per-document functions (quotations, facts, provenance edges) read one document only, so the
pipeline may run them in parallel; corpus-level functions (voices, quote alignment, text reuse,
events) combine their outputs. :func:`run` returns every table, sorted, with no randomness.
Modules: ``quotes`` and ``voices`` (who speaks), ``shingles``, ``tfidf`` and ``reuse`` (text
reuse), ``facts`` (dates and quantities), ``chains`` (provenance).
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

import pandas as pd

from ..corpus import NO_SENTENCES, public, records_of, sentences_by_document
from .chains import EDGE_COLUMNS, edge_rows
from .facts import FACT_COLUMNS, events, fact_rows
from .quotes import QUOTE_COLUMNS, quote_rows
from .reuse import (
    concat_passages,
    joined_rows,
    passages_frame,
    repeated_passages,
    reuse_sources,
    reuse_tasks,
)
from .shingles import REUSE_COLUMNS
from .tfidf import document_frequencies
from .voices import quote_alignment, voices

# --- entry points -------------------------------------------------------------------------


def document_tables(corpus) -> dict[str, pd.DataFrame]:
    """Tables that are per document by construction, for the usable documents of a corpus or of
    one partition of it, in doc_id order: quotes, facts, provenance_edges, the passages each
    document repeats (``reuse_passages``, looked for only in documents whose shingle hashes
    repeat), and what :func:`corpus_tables` needs for text reuse: ``_shingles`` (doc_id,
    :class:`ShingleSource`, :class:`TermCounts`) and ``_terms`` (term, n_docs). Tables named
    with a leading underscore are intermediate and never written."""
    docs = records_of(corpus.usable.sort_values("doc_id"))
    sentences = sentences_by_document(corpus.sentences)
    credits = defaultdict(list)  # each document's provenance rows, in table order
    for row in records_of(corpus.provenance) if len(corpus.provenance) else ():
        credits[row["doc_id"]].append(row)
    quotes, facts, edges = [], [], []
    for doc in docs:
        doc_id, text = doc["doc_id"], corpus.texts[doc["doc_id"]]
        sents = sentences.get(doc_id, NO_SENTENCES)
        published = doc.get("published", "")
        quotes += quote_rows(doc_id, text, sents, "" if pd.isna(published) else str(published))
        facts += fact_rows(doc_id, text, sents, "" if pd.isna(published) else str(published))
        edges += edge_rows(doc, text, credits.get(doc_id, []))
    texts = {d["doc_id"]: corpus.texts[d["doc_id"]] for d in docs}
    sources, counts = reuse_sources(texts)
    return {
        "quotes": pd.DataFrame(quotes, columns=QUOTE_COLUMNS),
        "facts": pd.DataFrame(facts, columns=FACT_COLUMNS),
        "provenance_edges": pd.DataFrame(edges, columns=EDGE_COLUMNS),
        "reuse_passages": repeated_passages(texts, sources),
        "_shingles": pd.DataFrame(
            {
                "doc_id": list(sources),
                "source": list(sources.values()),
                "terms": list(counts.values()),
            }
        ),
        "_terms": document_frequencies(counts.values()),
    }


def run_here(tasks: list) -> list:
    """Each task (a function of no argument) run in this process, in order: their results."""
    return [task() for task in tasks]


def corpus_tables(
    corpus, tables: dict[str, pd.DataFrame], run_tasks=run_here
) -> dict[str, pd.DataFrame]:
    """Cross-document tables from the whole corpus and its :func:`document_tables` (concatenated
    over partitions): voices, quote alignment, text reuse and its passages, events. Quote
    alignment and the verification of text reuse's candidate pairs (:func:`reuse_tasks`) are
    tasks given to ``run_tasks``, which returns their results in task order (here, in this
    process, by default; on other processes in the pipeline): the tables are the same."""
    texts = {d: corpus.texts[d] for d in sorted(corpus.usable["doc_id"])}
    by_document = tables["_shingles"].set_index("doc_id")
    sources, counts = by_document["source"].to_dict(), by_document["terms"].to_dict()
    frequencies = tables["_terms"].groupby("term", as_index=False)["n_docs"].sum()
    quotes = tables["quotes"]
    alignment, *verified = run_tasks(
        [  # the alignment first: the largest task, so the others spread around it
            partial(quote_alignment, quotes),
            *reuse_tasks(texts, sources, counts, frequencies),
        ]
    )
    reuse_rows, passage_rows = joined_rows(verified)
    return {
        "voices": voices(quotes),
        "quote_alignment": alignment,
        "reuse": pd.DataFrame(reuse_rows, columns=REUSE_COLUMNS),
        "reuse_passages": concat_passages([passages_frame(passage_rows), tables["reuse_passages"]]),
        "events": events(tables["facts"]),
    }


def run(corpus) -> dict[str, pd.DataFrame]:
    """Every source-comparison table for a corpus (usable documents only), deterministically
    sorted."""
    tables = document_tables(corpus)
    tables.update(corpus_tables(corpus, tables))
    return public(tables)
