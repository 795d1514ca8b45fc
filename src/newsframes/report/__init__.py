"""The pipeline's tables as a chapter shows them: documents named by outlet, camp and date
instead of ids, camps capitalised, the columns a reader needs in a sensible order, and a CSV
download holding the full table with its ids. A chapter cell is one call, e.g.
``report.show(tables, "quotes", ["document", "speaker", "text"])``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import corpus
from ..framing.groups import with_groups
from ..framing.sentiment import sentiment_by
from ..framing.uncertainty import STAGE_COMPARISON, UNCERTAINTY_COLUMNS
from ..resources import codebook
from .chart import MAX_FIGURE_GROUPS
from .display import camp_name, document_labels
from .display import show as show_frame
from .findings import main_comparison

CAMP_COLUMNS = ("camp", "group")
DOCUMENT_COLUMNS = {"doc_id": "document", "doc_a": "document_a", "doc_b": "document_b"}


def labelled(
    tables: dict, table: str | pd.DataFrame, columns: list[str] | None = None
) -> pd.DataFrame:
    """A table (by name, or a frame) with ``document`` (and ``document_a``/``document_b``)
    labels in place of ids, camp and group names capitalised, and only ``columns``."""
    frame = tables[table] if isinstance(table, str) else table
    if columns and "group" in columns and "group" not in frame:
        frame = with_groups(frame, corpus.usable(tables["documents"]))
    labels = document_labels(tables["documents"])
    frame = frame.assign(
        **{
            name: frame[c].map(labels).fillna(frame[c])
            for c, name in DOCUMENT_COLUMNS.items()
            if c in frame
        }
    )
    frame = frame.assign(**{c: frame[c].map(camp_name) for c in CAMP_COLUMNS if c in frame})
    return frame[columns].reset_index(drop=True) if columns else frame.reset_index(drop=True)


def show(
    tables: dict,
    table: str | pd.DataFrame,
    columns: list[str] | None = None,
    sort: list[str] | None = None,
    max_rows: int | None = 200,
    digits: int = 2,
    download: str | None = None,
):
    """Display a table for people (see :func:`labelled`) with a CSV download: for a pipeline
    table named by ``table``, the whole table with its ids as ``<table>.csv``; for a frame, the
    rows shown, as ``download``."""
    frame = labelled(tables, table, columns)
    if sort:
        frame = frame.sort_values(sort, kind="stable", ignore_index=True)
    full = tables[table] if isinstance(table, str) else frame
    filename = download or (f"{table}.csv" if isinstance(table, str) else None)
    return show_frame(frame, download=filename, full=full, max_rows=max_rows, digits=digits)


# --- views that reshape a table ----------------------------------------------------------------


def corpus_table(tables: dict) -> pd.DataFrame:
    """The usable documents: label, camp, outlet, the agency relayed, date and headline."""
    documents = corpus.usable(tables["documents"])
    return labelled(
        tables, documents, ["document", "headline", "outlet", "upstream", "n_sentences", "n_tokens"]
    )


def problems(tables: dict) -> pd.DataFrame:
    """Files that were not analysed or need a look (a status other than ``ok``, but for web
    pages read as pages are meant to be, :data:`~.ingest.reading.ROUTINE_PAGE_NOTE`), named by
    file, with the problem and what to do."""
    from ..ingest.reading import ROUTINE_PAGE_NOTE

    documents = tables["documents"]
    listed = (documents["status"] != "ok") & (documents["problem"] != ROUTINE_PAGE_NOTE)
    return documents.loc[listed, ["file", "status", "problem"]].reset_index(drop=True)


def removal_reasons(tables: dict) -> pd.DataFrame:
    """How many non-blank lines each rule set aside, most first."""
    from ..ingest.lines import ANALYSED_ROLES

    lines = tables["lines"]
    removed = lines[~lines["role"].isin([*ANALYSED_ROLES, "blank"])]
    counts = removed.groupby(["role", "reason"]).size().rename("lines").reset_index()
    return counts.sort_values(
        ["lines", "role", "reason"], ascending=[False, True, True], ignore_index=True
    )


def removed_lines(tables: dict) -> pd.DataFrame:
    """Every non-blank line not analysed, with its role and the rule that decided it."""
    from ..ingest.lines import ANALYSED_ROLES

    lines = tables["lines"]
    removed = lines[~lines["role"].isin([*ANALYSED_ROLES, "blank"])]
    return labelled(tables, removed, ["document", "text", "role", "reason", "line_no"])


def most_cleaned(tables: dict) -> str | None:
    """The analysed document with the most removed lines (None when nothing is analysed)."""
    from ..ingest.lines import ANALYSED_ROLES

    lines, usable_ids = tables["lines"], set(corpus.usable(tables["documents"])["doc_id"])
    removed = lines[
        ~lines["role"].isin([*ANALYSED_ROLES, "blank"]) & lines["doc_id"].isin(usable_ids)
    ]
    if len(removed):
        counts = removed["doc_id"].value_counts()
        return sorted(counts[counts == counts.max()].index)[0]
    return sorted(usable_ids)[0] if usable_ids else None


def before_after(tables: dict) -> pd.DataFrame:
    """The raw lines of :func:`most_cleaned`, each with its role and rule."""
    doc_id = most_cleaned(tables)
    lines = tables["lines"]
    return lines.loc[lines["doc_id"] == doc_id, ["line_no", "text", "role", "reason"]].reset_index(
        drop=True
    )


def cleaned_text(tables: dict) -> str:
    """The cleaned text of :func:`most_cleaned` as later chapters read it, as an HTML quote."""
    import html

    doc_id = most_cleaned(tables)
    texts = dict(zip(tables["texts"]["doc_id"], tables["texts"]["text"]))
    label = document_labels(tables["documents"]).get(doc_id, "no document")
    paragraphs = [html.escape(p) for p in texts.get(doc_id, "").split("\n") if p.strip()]
    return (
        f"<p><strong>{html.escape(label)}</strong>, cleaned:</p><blockquote>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</blockquote>"
    )


def profile(tables: dict) -> pd.DataFrame:
    """Per camp and outlet: articles, median length and the first and last publication date."""
    documents = corpus.usable(tables["documents"]).assign(camp=lambda t: t["camp"].map(camp_name))
    return (
        documents.groupby(["camp", "outlet"], dropna=False)
        .agg(
            articles=("doc_id", "count"),
            median_tokens=("n_tokens", "median"),
            first_published=("published", "min"),
            last_published=("published", "max"),
        )
        .reset_index()
    )


def first_sentences(tables: dict) -> pd.DataFrame:
    """The first analysed sentence of each document (how the splitter starts each text)."""
    first = tables["sentences"].groupby("doc_id", as_index=False)["text"].first()
    return labelled(
        tables, first.rename(columns={"text": "first sentence"}), ["document", "first sentence"]
    )


def undated(tables: dict) -> pd.DataFrame:
    """Dates a document mentions whose year could not be inferred."""
    facts = tables["facts"]
    rows = facts[(facts["kind"] == "date") & facts["value"].str.startswith("--")]
    return labelled(tables, rows, ["document", "surface", "note", "context"])


def frame_examples(tables: dict, n_frames: int = 3) -> pd.DataFrame:
    """For the ``n_frames`` frames whose group means differ most, the first matching sentence
    of each document: frame, group, document, the words matched and the sentence."""
    from .framing_figures import frame_means

    means = frame_means(tables)
    spread = (means.max(axis=1) - means.min(axis=1)).sort_values(ascending=False, kind="stable")
    names = dict(zip(codebook()["frame"], codebook()["label"]))
    evidence = with_groups(tables["frame_evidence"], corpus.usable(tables["documents"]))
    evidence = evidence.assign(frame=evidence["frame"].map(names))
    chosen = evidence[evidence["frame"].isin(spread.index[:n_frames])]
    first = (
        chosen.drop_duplicates(["doc_id", "frame", "sent_id"]).groupby(["frame", "doc_id"]).head(1)
    )
    return labelled(tables, first, ["frame", "document", "sentence", "match", "group"]).sort_values(
        ["frame", "group", "document"], ignore_index=True
    )


def evidentiality_rates(tables: dict) -> pd.DataFrame:
    """Hedges and reporting verbs per 1,000 tokens, per group then per document, side by side."""
    rates = tables["evidentiality"]
    labels = document_labels(tables["documents"])
    rates = rates.assign(
        unit=rates["unit"].map(lambda u: labels.get(u, camp_name(u))),
        group=rates["group"].map(camp_name),
        level=rates["level"].map({"group": "all texts of the group", "doc": "one text"}),
    )
    wide = rates.pivot_table(
        index=["group", "level", "unit"], columns="kind", values="per_1k"
    ).reset_index()
    wide.columns = [
        str(c).replace("_", " ") + (" per 1,000 tokens" if c in set(rates["kind"]) else "")
        for c in wide.columns
    ]
    return wide.rename(columns={"unit": "texts"})


def evidentiality_terms(tables: dict) -> pd.DataFrame:
    """Per group and kind, the hedges or reporting verbs found, with their counts."""
    rates = tables["evidentiality"]
    pooled = rates[rates["level"] == "group"].assign(
        group=lambda t: t["unit"].map(camp_name), kind=lambda t: t["kind"].str.replace("_", " ")
    )
    return pooled[["group", "kind", "hits", "tokens", "terms"]].reset_index(drop=True)


def keyness_top(tables: dict, n: int = 10) -> pd.DataFrame:
    """The ``n`` most distinctive terms of each group. The keyness table has a count column per
    group; with more groups than a figure compares (``chart.MAX_FIGURE_GROUPS``), 2,000
    outlets made each row 2,000 cells and the chapter's page 23 MB, so the counts shown are then
    the term's in its own group and in the corpus."""
    keyness = tables["keyness"]
    top = keyness.groupby("group").head(n)
    counts = [c for c in keyness.columns if c.startswith("count_")]
    if len(counts) <= MAX_FIGURE_GROUPS:
        return top
    own = pd.Index(counts).get_indexer("count_" + top["group"].astype(str))
    values = top[counts].to_numpy()
    in_group = np.where(own >= 0, values[np.arange(len(top)), own], 0)
    rest = [c for c in top.columns if c not in counts]
    at = rest.index("group") + 1
    top = top.assign(count_in_group=in_group, count_in_corpus=values.sum(axis=1))
    return top[[*rest[:at], "count_in_group", "count_in_corpus", *rest[at:]]]


def naming(tables: dict) -> pd.DataFrame:
    """How often each document uses each naming variant that occurs at all."""
    names = tables["naming"]
    used = names[names.groupby("variant")["count"].transform("sum") > 0]
    labels = document_labels(tables["documents"])
    wide = used.pivot_table(
        index=["family", "variant"], columns="doc_id", values="count", aggfunc="sum"
    )
    return wide.rename(columns=labels).reset_index()


def sentiment_summary(tables: dict, by: str) -> pd.DataFrame:
    """Sentence sentiment summarised per ``group`` or per ``targets``."""
    summary = sentiment_by(tables["sentiment"], by)
    return summary.assign(**{by: summary[by].map(camp_name)}) if by == "group" else summary


TEST_COLUMNS = [
    "comparison",
    "statistic",
    "alternative",
    "groups",
    "exact",
    "n_permutations",
    "min_p",
]
"""Columns of the uncertainty table that say which comparison and which test ran."""
MAIN_COLUMNS = [c for c in UNCERTAINTY_COLUMNS if c not in TEST_COLUMNS]
"""The uncertainty table's columns shown for the main comparison: every finding, estimate,
test result and interval."""
RESULT_COLUMNS = ["finding", "group_means", "observed", "p_value", "q_value", "min_p"]
"""What every view of a comparison shows of each finding: its means, contrast and tests."""
STAGE_COLUMNS = [*RESULT_COLUMNS, "loo_min", "loo_max"]
"""Shown for the comparison by stage."""
FINER_COLUMNS = ["groups", *RESULT_COLUMNS, "loo_sign_stable"]
"""Shown for the comparison with finer groups."""


def uncertainty_main(tables: dict) -> pd.DataFrame:
    """The main comparison's findings with their tests and intervals."""
    return main_comparison(tables["uncertainty"])[MAIN_COLUMNS].reset_index(drop=True)


def uncertainty_stage(tables: dict) -> pd.DataFrame:
    """The comparison by stage (documents dated before the key date against those from it)."""
    uncertainty = tables["uncertainty"]
    stage = uncertainty[uncertainty["comparison"] == STAGE_COMPARISON]
    return stage[STAGE_COLUMNS].reset_index(drop=True)


def uncertainty_finer(tables: dict) -> pd.DataFrame:
    """The repeat of the comparison with finer groups (camp x relay), if there is one."""
    uncertainty = tables["uncertainty"]
    finer = uncertainty.drop(main_comparison(uncertainty).index)
    finer = finer[finer["comparison"] != STAGE_COMPARISON]
    return finer[FINER_COLUMNS]
