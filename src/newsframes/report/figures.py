"""The figures of the ingestion and source-comparison chapters, each a function of the
pipeline's tables that returns a :class:`~newsframes.report.chart.Chart` (the figure and the data
drawn in it), so that a chapter cell is one line and its download the same numbers. Documents
are labelled by :func:`newsframes.report.display.document_labels`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import corpus
from ..compare.tfidf import closest_documents, cosine_matrix
from ..framing.groups import largest
from ..ingest.lines import ANALYSED_ROLES
from .chart import (
    MAX_DOCUMENT_ROWS,
    Chart,
    empty_chart,
    label_cells,
    new_figure,
    wrap_label,
)
from .display import camp_name, document_labels
from .plots import HATCHES, group_colors

# --- ingestion --------------------------------------------------------------------------------


def line_roles(tables: dict) -> Chart:
    """Raw lines per document by role (blank lines left out), stacked bars."""
    labels = document_labels(tables["documents"])
    lines = tables["lines"][tables["lines"]["role"] != "blank"]
    counts = lines.pivot_table(
        index="doc_id", columns="role", values="line_no", aggfunc="count", fill_value=0
    )
    counts = counts.loc[largest(counts.sum(axis=1), MAX_DOCUMENT_ROWS)]
    roles = [
        r
        for r in [*ANALYSED_ROLES, *sorted(set(counts.columns) - set(ANALYSED_ROLES))]
        if r in counts
    ]
    data = counts[roles].rename(index=labels).rename_axis("document").reset_index()
    return _stacked_bars(
        data.set_index("document"), "raw lines (count, blank lines left out)", "line role"
    )


def _stacked_bars(frame: pd.DataFrame, xlabel: str, legend_title: str) -> Chart:
    """Horizontal stacked bars, one per row of ``frame``, one colour and hatch per column."""
    if frame.empty:
        return empty_chart("nothing to draw")

    def draw():
        figure, ax = new_figure(8, 0.5 * len(frame) + 2.2)
        colors = group_colors(frame.columns, order=list(frame.columns))
        left = np.zeros(len(frame))
        names = [wrap_label(n) for n in frame.index]
        for i, column in enumerate(frame.columns):
            values = frame[column].to_numpy(dtype=float)
            ax.barh(
                names,
                values,
                left=left,
                color=colors[column],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
                linewidth=0.5,
                label=column,
            )
            left += values
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        figure.legend(
            title=legend_title,
            loc="outside lower center",
            ncols=min(3, len(frame.columns)),
            fontsize=10,
            title_fontsize=10,
        )
        return figure

    return Chart(draw, frame.reset_index())


def lengths(tables: dict) -> Chart:
    """Word tokens of each usable document's cleaned text."""
    documents = corpus.usable(tables["documents"])
    labels = document_labels(tables["documents"])
    data = (
        documents.assign(document=documents["doc_id"].map(labels))
        .sort_values("n_tokens")
        .tail(MAX_DOCUMENT_ROWS)[["document", "camp", "n_tokens"]]
    )
    data["camp"] = data["camp"].map(camp_name)
    if data.empty:
        return empty_chart("no usable document")

    def draw():
        figure, ax = new_figure(8, 0.4 * len(data) + 1.6)
        colors = group_colors(data["camp"])
        ax.barh(
            [wrap_label(d) for d in data["document"]],
            data["n_tokens"],
            color=data["camp"].map(colors),
        )
        ax.set_xlabel("word tokens in the cleaned text (count)")
        handles = [ax.bar(0, 0, color=c, label=camp) for camp, c in colors.items()]
        ax.legend(handles=handles, title="camp", fontsize=10, loc="lower right")
        return figure

    return Chart(draw, data.rename(columns={"n_tokens": "tokens"}))


# --- source comparison ------------------------------------------------------------------------


def voices(tables: dict, max_affiliations: int = 7) -> Chart:
    """Words quoted or reported per document, stacked by the speaker's affiliation (the
    affiliations beyond the ``max_affiliations`` largest summed as 'other')."""
    voices_table = tables["voices"]
    if voices_table.empty:
        return empty_chart("no quotation was found")
    labels = document_labels(tables["documents"])
    words = voices_table.pivot_table(
        index="doc_id", columns="affiliation", values="n_words", aggfunc="sum", fill_value=0
    )
    order = words.sum().sort_values(ascending=False).index
    kept = list(order[:max_affiliations])
    if len(order) > max_affiliations:
        words = words[kept].assign(other=words[order[max_affiliations:]].sum(axis=1))
    else:
        words = words[kept]
    words = words.loc[largest(words.sum(axis=1), MAX_DOCUMENT_ROWS)]
    words = words.rename(columns={"unknown": "not in the actor list"})
    return _stacked_bars(
        words.rename(index=labels).rename_axis("document"),
        "words quoted or reported (direct, partial and reported speech)",
        "speaker's affiliation",
    )


def cosine(tables: dict, max_documents: int = 30) -> Chart:
    """TF-IDF cosine similarity between documents as an annotated heatmap (for large corpora
    the ``max_documents`` with the closest neighbour)."""
    labels = document_labels(tables["documents"])
    texts = dict(zip(tables["texts"]["doc_id"], tables["texts"]["text"]))
    usable_ids = [d for d in corpus.usable(tables["documents"])["doc_id"] if d in texts]
    if len(usable_ids) < 2:
        return empty_chart("fewer than two usable documents")
    usable_texts = {d: texts[d] for d in usable_ids}
    if len(usable_texts) > max_documents:
        matrix = closest_documents(usable_texts, max_documents)
    else:
        matrix = cosine_matrix(usable_texts)
    names = [wrap_label(labels[d], 26) for d in matrix.index]
    size = 0.75 * len(names) + 3
    data = matrix.rename(index=labels, columns=labels).rename_axis("document").reset_index()

    def draw():
        figure, ax = new_figure(size + 1.5, size)
        image = ax.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(names)), names, fontsize=8)
        label_cells(ax, matrix.to_numpy(), "{:.2f}", dark_above=0.6)
        figure.colorbar(
            image, ax=ax, label="cosine similarity (0 = no shared vocabulary, 1 = same)"
        )
        return figure

    return Chart(draw, data)
