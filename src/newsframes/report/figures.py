"""The figures of the ingestion and source-comparison chapters, each a function of the
pipeline's tables that returns a :class:`~newsframes.report.chart.Chart` (the figure and the data
drawn in it), so that a chapter cell is one line and its download the same numbers. Documents
are labelled by :func:`newsframes.report.display.document_labels`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter

from .. import corpus
from ..compare.chains import provenance_graph
from ..compare.tfidf import cosine_matrix
from ..ingest.lines import ANALYSED_ROLES
from .chart import (
    MAX_DOCUMENT_ROWS,
    STORY_MARGIN_DAYS,
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
    counts = counts.loc[counts.sum(axis=1).nlargest(MAX_DOCUMENT_ROWS).index.sort_values()]
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
    figure.legend(title=legend_title, loc="outside lower center", ncols=min(3, len(frame.columns)),
                  fontsize=10, title_fontsize=10)
    return Chart(figure, frame.reset_index())


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
    figure, ax = new_figure(8, 0.4 * len(data) + 1.6)
    colors = group_colors(data["camp"])
    ax.barh([wrap_label(d) for d in data["document"]], data["n_tokens"], color=data["camp"].map(colors))
    ax.set_xlabel("word tokens in the cleaned text (count)")
    handles = [ax.bar(0, 0, color=c, label=camp) for camp, c in colors.items()]
    ax.legend(handles=handles, title="camp", fontsize=10, loc="lower right")
    return Chart(figure, data.rename(columns={"n_tokens": "tokens"}))


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
    words = words.loc[words.sum(axis=1).nlargest(MAX_DOCUMENT_ROWS).index.sort_values()]
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
    matrix = cosine_matrix({d: texts[d] for d in usable_ids})
    if len(matrix) > max_documents:
        closest = matrix.where(~np.eye(len(matrix), dtype=bool)).max().nlargest(max_documents).index
        matrix = matrix.loc[closest, closest]
    names = [wrap_label(labels[d], 26) for d in matrix.index]
    size = 0.75 * len(names) + 3
    figure, ax = new_figure(size + 1.5, size)
    image = ax.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    label_cells(ax, matrix.to_numpy(), "{:.2f}", dark_above=0.6)
    figure.colorbar(image, ax=ax, label="cosine similarity (0 = no shared vocabulary, 1 = same)")
    data = matrix.rename(index=labels, columns=labels).rename_axis("document").reset_index()
    return Chart(figure, data)


def dated_mentions(tables: dict) -> pd.DataFrame:
    """Every date with a known year that a usable document mentions: document, day (the start
    of an interval; the first of the month for a month), surface text and its sentence."""
    labels = document_labels(tables["documents"])
    facts = tables["facts"]
    dates = facts[(facts["kind"] == "date") & ~facts["value"].str.startswith("--")]
    day = pd.to_datetime(dates["value"].str.split("/").str[0], format="mixed", errors="coerce")
    return (
        dates.assign(document=dates["doc_id"].map(labels), day=day)
        .dropna(subset=["day"])[["document", "day", "value", "surface", "context"]]
        .sort_values(["day", "document"], ignore_index=True)
    )


def story_window(documents: pd.DataFrame, days: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the story covers: publication dates widened by ``STORY_MARGIN_DAYS`` (without
    publication dates: the middle half of the mentioned days, widened the same way)."""
    published = pd.to_datetime(
        corpus.usable(documents)["published"], format="%Y-%m-%d", errors="coerce"
    ).dropna()
    low, high = (
        (published.min(), published.max())
        if len(published)
        else (days.quantile(0.25), days.quantile(0.75))
    )
    margin = pd.Timedelta(days=STORY_MARGIN_DAYS)
    return low - margin, high + margin


def timeline(tables: dict) -> Chart:
    """Which document mentions which date: the story window on a day axis, with each date
    labelled, and the dates before or after it in a separate strip on the left."""
    mentions = dated_mentions(tables)
    if mentions.empty:
        return empty_chart("no document mentions a date with a known year")
    documents = tables["documents"]
    labels = document_labels(documents)
    low, high = story_window(documents, mentions["day"])
    mentions["in_window"] = mentions["day"].between(low, high)
    rows = [
        labels[d]
        for d in corpus.usable(documents)["doc_id"]
        if labels[d] in set(mentions["document"])
    ]
    y = {name: i for i, name in enumerate(rows)}
    outside = mentions[~mentions["in_window"]]
    height = 0.55 * len(rows) + 2.2
    if len(outside):
        figure, (ax_old, ax) = new_figure(
            10, height, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1, 4]}
        )
        _outside_strip(ax_old, outside, y)
    else:
        figure, ax = new_figure(10, height)
        ax.set_yticks(range(len(rows)), [wrap_label(r) for r in rows])
    inside = mentions[mentions["in_window"]]
    colors = group_colors(["mentioned", "published"], order=["mentioned", "published"])
    ax.scatter(
        inside["day"],
        inside["document"].map(y),
        s=45,
        color=colors["mentioned"],
        zorder=3,
        label="date mentioned",
    )
    published = corpus.usable(documents).assign(
        day=lambda t: pd.to_datetime(t["published"], errors="coerce", format="%Y-%m-%d")
    )
    published = published[published["doc_id"].map(labels).isin(y)].dropna(subset=["day"])
    ax.scatter(
        published["day"],
        published["doc_id"].map(labels).map(y),
        s=70,
        marker="D",
        facecolor="none",
        edgecolor=colors["published"],
        linewidth=1.5,
        zorder=4,
        label="publication date",
    )
    for day in labelled_days(inside):
        ax.axvline(day, color="#cccccc", lw=0.6, zorder=0)
        ax.annotate(
            _day_label(day),
            (day, -0.6),
            rotation=90,
            fontsize=8,
            ha="center",
            va="bottom",
            annotation_clip=False,
        )
    ax.set_xlim(low, high)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.xaxis.set_major_formatter(DateFormatter("%d %b\n%Y"))
    ax.set_xlabel(f"the story window: publication dates ± {STORY_MARGIN_DAYS} days")
    figure.legend(loc="outside lower center", ncols=2, fontsize=10)
    data = mentions.assign(day=mentions["day"].dt.strftime("%Y-%m-%d"))
    return Chart(figure, data)


MAX_DAY_LABELS = 12  # the timeline labels at most this many dates: those most documents mention


def labelled_days(mentions: pd.DataFrame) -> list:
    """The days to label on the timeline: all when few, else those most documents mention."""
    per_day = (
        mentions.groupby("day")["document"].nunique().sort_values(ascending=False, kind="stable")
    )
    return sorted(per_day.index[:MAX_DAY_LABELS])


def _day_label(day, mentions: pd.DataFrame | None = None) -> str:
    """'12 Jan' for a day; with ``mentions``, '12 Jan 2021', or 'Jul 2019' for a month."""
    day = pd.Timestamp(day)
    if mentions is None:
        return f"{day.day} {day:%b}"
    values = mentions.loc[mentions["day"] == day, "value"].str.split("/").str[0]
    return f"{day:%b %Y}" if values.str.len().max() <= 7 else f"{day.day} {day:%b %Y}"


def _outside_strip(ax, outside: pd.DataFrame, y: dict) -> None:
    """Dates outside the story window, equally spaced in date order and each labelled (by year
    when there are more than ``MAX_DAY_LABELS`` of them)."""
    if outside["day"].nunique() > MAX_DAY_LABELS:
        outside = outside.assign(
            day=outside["day"].dt.to_period("Y").dt.start_time,
            value=outside["day"].dt.strftime("%Y"),
        )
    days = sorted(outside["day"].unique())
    x = {day: i for i, day in enumerate(days)}
    ax.scatter(
        outside["day"].map(x),
        outside["document"].map(y),
        s=45,
        color="#555555",
        marker="s",
        zorder=3,
    )
    labels = [
        f"{pd.Timestamp(d).year}"
        if outside["value"].str.len().max() == 4
        else _day_label(d, outside)
        for d in days
    ]
    ax.set_xticks(range(len(days)), labels, rotation=45, ha="right")
    ax.set_xlim(-0.7, len(days) - 0.3)
    ax.set_yticks(range(len(y)), [wrap_label(r) for r in y])
    ax.set_xlabel("earlier or later dates")
    ax.grid(axis="x", color="#dddddd")


def _node_label(node: str, labels: dict[str, str]) -> str:
    """A provenance node with any document id in it replaced by the document's label."""
    for doc_id, label in labels.items():
        if doc_id in node:
            return label
    return node


def provenance_edges(tables: dict) -> pd.DataFrame:
    """The provenance edges with document labels for ids: document, parent, child, relation
    and evidence."""
    labels = document_labels(tables["documents"])
    edges = tables["provenance_edges"]
    return edges.assign(
        document=edges["doc_id"].map(labels),
        child=edges["child"].map(lambda n: _node_label(n, labels)),
        parent=edges["parent"].map(lambda n: _node_label(n, labels)),
    )[["document", "parent", "child", "relation", "evidence"]]


def provenance(tables: dict) -> Chart:
    """The provenance graph: arrows from a source to the document or agency that carries it,
    in layers from the original source down to the page read."""
    import networkx as nx

    edges = provenance_edges(tables)
    if edges.empty:
        return empty_chart("no document names where its copy comes from")
    graph = provenance_graph(edges.assign(doc_id=edges["document"]))
    layers = {}
    order = nx.topological_sort(graph) if nx.is_directed_acyclic_graph(graph) else graph.nodes
    for node in order:
        layers[node] = max(
            (layers[p] + 1 for p in graph.predecessors(node) if p in layers), default=0
        )
    nx.set_node_attributes(graph, layers, "layer")
    position = nx.multipartite_layout(graph, subset_key="layer", align="horizontal", scale=2)
    position = {n: (x, -y) for n, (x, y) in position.items()}
    relations = sorted(edges["relation"].unique())
    colors = group_colors(relations, order=relations)
    styles = dict(zip(relations, ["solid", "dashed", "dotted", "dashdot"] * 3))
    figure, ax = new_figure(9, 1.3 * (max(layers.values()) + 1) + 1.5)
    for relation in relations:
        chosen = [(u, v) for u, v, r in graph.edges(data="relation") if r == relation]
        nx.draw_networkx_edges(
            graph,
            position,
            edgelist=chosen,
            edge_color=colors[relation],
            style=styles[relation],
            arrows=True,
            arrowsize=14,
            width=1.8,
            ax=ax,
            node_size=2200,
        )
    nx.draw_networkx_nodes(
        graph, position, node_color="#f4f4f4", edgecolors="#555555", node_size=2200, ax=ax
    )
    nx.draw_networkx_labels(
        graph, position, labels={n: wrap_label(n, 16) for n in graph}, font_size=8, ax=ax
    )
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colors[r], ls=styles[r], lw=2, label=r) for r in relations]
    ax.legend(
        handles=handles,
        title="relation",
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        ncols=len(relations),
        fontsize=10,
    )
    ax.set_axis_off()
    return Chart(figure, edges)
