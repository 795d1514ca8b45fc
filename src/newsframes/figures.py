"""The book's figures, each a function of the pipeline's tables that returns the figure and the
data drawn in it, so that a chapter cell is one line and its download the same numbers.

A :class:`Chart` displays itself as a deterministic SVG (the style of :mod:`newsframes.plots`).
Figures are made with ``matplotlib.figure.Figure``, not pyplot, so a chart is shown only where a
chapter displays it. Documents are labelled by :func:`newsframes.display.document_labels`;
groups of fewer than ten values are drawn as dots, never as boxes.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from . import compare, corpus, framing
from .display import camp_name, document_labels, download_html
from .ingest import ANALYSED_ROLES
from .plots import HATCHES, MARKERS, group_colors

FEW_VALUES = 10  # below this many values a group is drawn as dots, not a box plot
MAX_DOCUMENT_ROWS = 40  # more documents than this: figures show the largest or group by outlet
STORY_MARGIN_DAYS = 21  # the timeline's story window: publication dates +/- this margin


@dataclass
class Chart:
    """A figure and the data drawn in it (one row per mark, with readable labels)."""

    figure: Figure
    data: pd.DataFrame

    def _repr_svg_(self) -> str:
        buffer = io.StringIO()
        self.figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        return buffer.getvalue()

    def download(self, filename: str, label: str | None = None):
        """A link to download :attr:`data` as CSV."""
        from IPython.display import HTML

        return HTML(
            download_html(
                self.data, filename, label or f"Download the data behind this figure ({filename})"
            )
        )


def _label_cells(ax, values: np.ndarray, pattern: str, dark_above: float) -> None:
    """Write each heat-map cell's value in it, white on cells darker than ``dark_above``."""
    for (i, j), value in np.ndenumerate(values):
        color = "white" if value > dark_above else "black"
        ax.text(j, i, pattern.format(value), ha="center", va="center", fontsize=8, color=color)


def _figure(width: float, height: float, **subplots) -> tuple[Figure, object]:
    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.subplots(**subplots)


def _wrap(text: str, width: int = 44) -> str:
    return textwrap.fill(str(text), width)


def _group_names(documents: pd.DataFrame) -> pd.Series:
    """Each usable document's comparison group, capitalised for display."""
    labels, _ = framing.comparison_groups(corpus.usable(documents))
    return labels.map(camp_name)


def _empty(message: str) -> Chart:
    figure, ax = _figure(6, 1.2)
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return Chart(figure, pd.DataFrame())


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
        return _empty("nothing to draw")
    figure, ax = _figure(8, 0.5 * len(frame) + 2.2)
    colors = group_colors(frame.columns, order=list(frame.columns))
    left = np.zeros(len(frame))
    names = [_wrap(n) for n in frame.index]
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
        return _empty("no usable document")
    figure, ax = _figure(8, 0.4 * len(data) + 1.6)
    colors = group_colors(data["camp"])
    ax.barh([_wrap(d) for d in data["document"]], data["n_tokens"], color=data["camp"].map(colors))
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
        return _empty("no quotation was found")
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
        return _empty("fewer than two usable documents")
    matrix = compare.cosine_matrix({d: texts[d] for d in usable_ids})
    if len(matrix) > max_documents:
        closest = matrix.where(~np.eye(len(matrix), dtype=bool)).max().nlargest(max_documents).index
        matrix = matrix.loc[closest, closest]
    names = [_wrap(labels[d], 26) for d in matrix.index]
    size = 0.75 * len(names) + 3
    figure, ax = _figure(size + 1.5, size)
    image = ax.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    _label_cells(ax, matrix.to_numpy(), "{:.2f}", dark_above=0.6)
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
        return _empty("no document mentions a date with a known year")
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
        figure, (ax_old, ax) = _figure(
            10, height, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1, 4]}
        )
        _outside_strip(ax_old, outside, y)
    else:
        figure, ax = _figure(10, height)
        ax.set_yticks(range(len(rows)), [_wrap(r) for r in rows])
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
    days = labelled_days(inside)
    gap = LABEL_GAP_POINTS / MAIN_AXES_POINTS * (high - low).days  # days one label needs
    spread = spread_labels([(d - low).days for d in days], gap)
    for day, at in zip(days, spread):
        ax.axvline(day, color="#cccccc", lw=0.6, zorder=0)
        ax.annotate(
            _day_label(day),
            xy=(day, -0.6),
            xytext=(low + pd.Timedelta(days=at), -1.2),
            rotation=90,
            fontsize=8,
            ha="center",
            va="bottom",
            annotation_clip=False,
            arrowprops=LEADER_LINE,
        )
    ax.set_xlim(low, high)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.xaxis.set_major_formatter(DateFormatter("%d %b\n%Y"))
    ax.set_xlabel(f"the story window: publication dates ± {STORY_MARGIN_DAYS} days")
    figure.legend(loc="outside lower center", ncols=2, fontsize=10)
    data = mentions.assign(day=mentions["day"].dt.strftime("%Y-%m-%d"))
    return Chart(figure, data)


MAX_DAY_LABELS = 12  # the timeline labels at most this many dates: those most documents mention
LEADER_LINE = {"arrowstyle": "-", "color": "#999999", "lw": 0.6, "shrinkA": 1, "shrinkB": 0}
LABEL_GAP_POINTS = 15  # width of a rotated 8-point date label, with a little air
MAIN_AXES_POINTS = 430  # width of the timeline's main panel (10-inch figure, 4/5 of it)


def spread_labels(positions: list[float], gap: float) -> list[float]:
    """Label positions at least ``gap`` apart, each run of crowded labels centred on the mean
    of the positions it labels (positions sorted ascending)."""
    clusters: list[list[float]] = []
    for position in positions:
        clusters.append([position])
        while len(clusters) > 1:
            left, right = clusters[-2], clusters[-1]
            start_left = sum(left) / len(left) - gap * (len(left) - 1) / 2
            start_right = sum(right) / len(right) - gap * (len(right) - 1) / 2
            if start_left + gap * len(left) <= start_right:
                break
            clusters[-2:] = [left + right]
    placed = []
    for cluster in clusters:
        start = sum(cluster) / len(cluster) - gap * (len(cluster) - 1) / 2
        placed.extend(start + gap * i for i in range(len(cluster)))
    return placed


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
    ax.set_yticks(range(len(y)), [_wrap(r) for r in y])
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


def provenance_layers(edges: pd.DataFrame) -> dict[str, int]:
    """Each node's column in relay order: a page read (a node that passes copy to no other) is
    in column 0, a source one column before the latest node it passes copy to."""
    parents = sorted(set(edges["parent"]))
    children_of = {
        parent: sorted(set(edges.loc[edges["parent"] == parent, "child"])) for parent in parents
    }
    layer = {node: 0 for node in sorted(set(edges["parent"]) | set(edges["child"]))}
    for _ in range(len(layer)):  # longest path to a page; a cycle stops after len(layer) rounds
        changed = False
        for parent in parents:
            deepest = max(layer[c] for c in children_of[parent]) + 1
            if deepest > layer[parent] and deepest < len(layer):
                layer[parent], changed = deepest, True
        if not changed:
            break
    return layer


SWEEPS = 8  # barycentre passes (down and up) ordering the nodes of each provenance column
WAYPOINT = "\x00"  # names of the invisible points a long edge passes through start with this


def provenance_routes(edges: pd.DataFrame, layer: dict[str, int]) -> dict[tuple, list[str]]:
    """Each (parent, child) edge as the nodes it passes: an edge that skips columns goes through
    one invisible waypoint per column skipped, so that it is ordered like a node and never runs
    through a box."""
    routes = {}
    for parent, child in sorted(set(zip(edges["parent"], edges["child"]))):
        between = range(layer[parent] - 1, layer[child], -1)
        routes[(parent, child)] = [
            parent, *(f"{WAYPOINT}{parent}{WAYPOINT}{child}{WAYPOINT}{k}" for k in between), child
        ]
    return routes


def waypoint_layers(routes: dict[tuple, list[str]], layer: dict[str, int]) -> dict[str, int]:
    """The column of every node and waypoint: a waypoint one column after the point before it."""
    layers = dict(layer)
    for route in routes.values():
        for k, node in enumerate(route[1:-1], start=1):
            layers[node] = layer[route[0]] - k
    return layers


def provenance_order(routes: dict[tuple, list[str]], layer: dict[str, int]) -> dict[str, float]:
    """Each node's (and waypoint's) row within its column (``layer``: :func:`waypoint_layers`):
    alphabetical first, then reordered by the mean row of its neighbours in the next column and
    the previous (the barycentre heuristic), which leaves a forest of relay chains without
    crossing edges. Sorting is stable and ties fall back to names, so the layout never depends
    on set or hash order."""
    neighbours: dict[str, list[str]] = {n: [] for n in layer}
    for route in routes.values():
        for left, right in zip(route, route[1:]):
            neighbours[left].append(right)
            neighbours[right].append(left)
    columns = {k: sorted(n for n in layer if layer[n] == k) for k in sorted(set(layer.values()))}
    row = {n: float(i) for nodes in columns.values() for i, n in enumerate(nodes)}
    order = list(columns)
    for sweep in range(SWEEPS):
        for k in order if sweep % 2 == 0 else order[::-1]:
            side = k - 1 if sweep % 2 == 0 else k + 1

            def centre(node: str) -> float:
                near = [row[m] for m in neighbours[node] if layer[m] == side]
                return sum(near) / len(near) if near else row[node]

            columns[k] = sorted(columns[k], key=lambda n: (centre(n), row[n], n))
            row.update({n: float(i) for i, n in enumerate(columns[k])})
    tallest = max(len(nodes) for nodes in columns.values())
    return {
        n: i + (tallest - len(nodes)) / 2 for nodes in columns.values() for i, n in enumerate(nodes)
    }


def edge_crossings(
    routes: dict[tuple, list[str]], layer: dict[str, int], row: dict[str, float]
) -> int:
    """How many pairs of edge segments between the same two adjacent columns cross."""
    segments = sorted({(a, b) for route in routes.values() for a, b in zip(route, route[1:])})
    return sum(
        1
        for i, (a1, b1) in enumerate(segments)
        for a2, b2 in segments[i + 1 :]
        if layer[a1] == layer[a2] and (row[a1] - row[a2]) * (row[b1] - row[b2]) < 0
    )


def provenance_layout(edges: pd.DataFrame) -> tuple[dict, dict, dict]:
    """(column, row, routes) of the provenance figure: the column of each node and waypoint
    from the left (sources) to the right (pages read), its row, and each edge's route."""
    layer = provenance_layers(edges)
    routes = provenance_routes(edges, layer)
    layers = waypoint_layers(routes, layer)
    row = provenance_order(routes, layers)
    depth = max(layers.values())
    return {n: depth - k for n, k in layers.items()}, row, routes


NODE_WIDTH, NODE_HEIGHT = 0.62, 0.7  # a node's box in data units (columns 1 apart, rows 1)
NODE_LINES = 3  # lines of a node's name in its box; a longer name ends in '…' (data has it all)


def _node_text(node: str) -> str:
    lines = textwrap.wrap(str(node), 18)
    if len(lines) <= NODE_LINES:
        return "\n".join(lines)
    rest = textwrap.shorten(" ".join(lines[NODE_LINES - 1 :]), 17, placeholder="…")
    return "\n".join([*lines[: NODE_LINES - 1], rest])


def provenance(tables: dict) -> Chart:
    """The provenance graph in columns of relay order: original sources on the left, the pages
    read on the right, an arrow from each source to the text or agency that carries its copy."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch

    edges = provenance_edges(tables)
    if edges.empty:
        return _empty("no document names where its copy comes from")
    links = (
        edges.sort_values(["parent", "child", "relation"], kind="stable")
        .drop_duplicates(["parent", "child"])
        .reset_index(drop=True)
    )
    x, row, routes = provenance_layout(links)
    depth, rows = max(x.values()), max(row.values()) + 1
    relations = sorted(links["relation"].unique())
    colors = group_colors(relations, order=relations)
    styles = dict(zip(relations, ["solid", "dashed", "dotted", "dashdot"] * 3))
    figure, ax = _figure(2.6 * (depth + 1) + 1, 0.75 * rows + 1.4)
    for link in links.itertuples():
        route = routes[(link.parent, link.child)]
        points = [(x[n], row[n]) for n in route]
        points[0] = (points[0][0] + NODE_WIDTH / 2, points[0][1])
        points[-1] = (points[-1][0] - NODE_WIDTH / 2, points[-1][1])
        line = {"color": colors[link.relation], "linestyle": styles[link.relation], "lw": 1.6}
        if len(points) > 2:
            ax.plot(*zip(*points[:-1]), **line, zorder=2)
        ax.annotate(
            "",
            xy=points[-1],
            xytext=points[-2],
            arrowprops={"arrowstyle": "-|>", "shrinkA": 0, "shrinkB": 0, **line},
            zorder=2,
        )
    for node in sorted(n for n in x if not n.startswith(WAYPOINT)):
        ax.add_patch(
            FancyBboxPatch(
                (x[node] - NODE_WIDTH / 2, row[node] - NODE_HEIGHT / 2),
                NODE_WIDTH,
                NODE_HEIGHT,
                boxstyle="round,pad=0.02",
                facecolor="#f4f4f4",
                edgecolor="#555555",
                zorder=3,
            )
        )
        ax.text(
            x[node], row[node], _node_text(node), ha="center", va="center", fontsize=8, zorder=4
        )
    ax.set_xlim(-0.5, depth + 0.5)
    ax.set_ylim(rows - 0.4, -0.6)
    ax.set_axis_off()
    handles = [Line2D([], [], color=colors[r], ls=styles[r], lw=2, label=r) for r in relations]
    figure.legend(
        handles=handles, title="relation", loc="outside lower center", ncols=len(relations),
        fontsize=10,
    )
    return Chart(figure, edges)


# --- framing ----------------------------------------------------------------------------------


def frame_grid(tables: dict) -> pd.DataFrame:
    """Frame scores (hits per 1,000 tokens), one row per frame and a column per document
    ordered by group (per outlet when there are more than ``MAX_DOCUMENT_ROWS`` documents)."""
    documents = corpus.usable(tables["documents"])
    groups = _group_names(tables["documents"])
    labels = document_labels(tables["documents"])
    names = dict(zip(framing.codebook()["frame"], framing.codebook()["label"]))
    grid = (
        tables["frames"].pivot(index="frame", columns="doc_id", values="per_1k").rename(index=names)
    )
    grid = grid[sorted(grid.columns, key=lambda d: (groups.get(d, ""), labels[d]))]
    if grid.shape[1] > MAX_DOCUMENT_ROWS:
        outlet = documents.set_index("doc_id")["outlet"]
        return grid.T.groupby(grid.columns.map(outlet)).mean().T.rename_axis("frame")
    return grid.rename(columns=labels).rename_axis("frame")


def frame_means(tables: dict) -> pd.DataFrame:
    """Mean frame score per group: one row per frame, a column per group."""
    frames = tables["frames"].assign(
        group=tables["frames"]["doc_id"].map(_group_names(tables["documents"]))
    )
    names = dict(zip(framing.codebook()["frame"], framing.codebook()["label"]))
    return (
        frames.groupby(["frame", "group"])["per_1k"]
        .mean()
        .unstack()
        .rename(index=names)
        .rename_axis("frame")
    )


def frames(tables: dict) -> Chart:
    """Frame scores per document (heatmap) beside the mean per group (dots), rows aligned."""
    grid, means = frame_grid(tables), frame_means(tables)
    if grid.empty:
        return _empty("no frame scores")
    means = means.reindex(grid.index)
    figure, (ax_heat, ax_dot) = _figure(
        12, 0.45 * len(grid) + 3.2, ncols=2, sharey=True, gridspec_kw={"width_ratios": [3, 1.4]}
    )
    image = ax_heat.imshow(grid.to_numpy(), cmap="Blues", aspect="auto")
    ax_heat.set_xticks(
        range(grid.shape[1]),
        [_wrap(c, 22) for c in grid.columns],
        rotation=40,
        ha="right",
        fontsize=8,
    )
    ax_heat.set_yticks(range(grid.shape[0]), grid.index, fontsize=9)
    top = np.nanmax(grid.to_numpy()) if grid.size else 0
    _label_cells(ax_heat, grid.to_numpy(), "{:.0f}", dark_above=top / 2)
    figure.colorbar(image, ax=ax_heat, label="hits per 1,000 tokens", location="left", pad=0.02)
    ax_heat.set_title("Per document")
    colors = group_colors(means.columns)
    for k, group in enumerate(means.columns):
        ax_dot.scatter(
            means[group],
            range(len(means)),
            color=colors[group],
            marker=MARKERS[k % len(MARKERS)],
            s=45,
            label=group,
            zorder=3,
        )
    ax_dot.grid(axis="y", color="#eeeeee")
    ax_dot.set_xlabel("mean per group\n(hits per 1,000 tokens)")
    ax_dot.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=10)
    ax_dot.set_title("Per group")
    data = grid.reset_index().merge(means.add_prefix("mean: ").reset_index(), on="frame")
    return Chart(figure, data)


def fightin_words(tables: dict) -> Chart:
    """Distinctive vocabulary: frequency against log-odds z, top terms of each group labelled."""
    keyness = tables["keyness"]
    if keyness.empty:
        return _empty("no term passes the minimum frequency")
    keyness = keyness.assign(group=keyness["group"].map(camp_name))
    figure, ax = _figure(9, 5.5)
    framing.plot_fightin_words(keyness, ax=ax, top_n=8, colors=group_colors(keyness["group"]))
    return Chart(figure, keyness)


def sentiment(tables: dict) -> Chart:
    """Sentence VADER compound scores per group (left) and per actor named (right): every
    sentence a dot, with a box only for groups of at least ``FEW_VALUES`` sentences."""
    scores = tables["sentiment"]
    if scores.empty:
        return _empty("no sentence was scored")
    scores = scores.assign(
        group=scores["group"].map(camp_name),
        target=scores["targets"].replace("", "(none)").str.split("|"),
    )
    by_target = scores.explode("target")
    groups, targets = sorted(scores["group"].unique()), sorted(by_target["target"].unique())
    colors = group_colors(groups)
    figure, axes = _figure(12, 4.6, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1, 2.5]})
    rng = np.random.default_rng(0)  # horizontal jitter only
    width = 0.8 / len(groups)
    for k, group in enumerate(groups):
        _dots(
            axes[0],
            k,
            scores.loc[scores["group"] == group, "compound"],
            0.5,
            colors[group],
            MARKERS[k],
            rng,
        )
        for j, target in enumerate(targets):
            values = by_target.loc[
                (by_target["group"] == group) & (by_target["target"] == target), "compound"
            ]
            _dots(
                axes[1],
                j + (k - (len(groups) - 1) / 2) * width,
                values,
                width,
                colors[group],
                MARKERS[k],
                rng,
                label=group if j == 0 else None,
            )
    axes[0].set_xticks(range(len(groups)), groups)
    axes[0].set_ylabel("VADER compound score of a sentence\n(−1 negative … +1 positive)")
    axes[0].set_title("Per group")
    axes[1].set_xticks(range(len(targets)), targets, rotation=30, ha="right")
    axes[1].set_title("Per actor named in the sentence")
    axes[1].legend(title="group", fontsize=10)
    for ax in axes:
        ax.axhline(0, color="grey", lw=0.6)
    data = scores[["doc_id", "sent_id", "group", "targets", "compound", "neg", "neu", "pos"]]
    return Chart(figure, data)


def _dots(
    ax, x: float, values: pd.Series, width: float, color: str, marker: str, rng, label=None
) -> None:
    """Values as jittered dots at ``x``; a box plot behind them when there are enough values."""
    if len(values) >= FEW_VALUES:
        ax.boxplot(values, positions=[x], widths=width * 0.8, showfliers=False)
    if len(values):
        ax.scatter(
            x + rng.uniform(-width / 4, width / 4, len(values)),
            values,
            s=14,
            alpha=0.7,
            color=color,
            marker=marker,
            label=label,
        )


def finding_unit(finding: str) -> str:
    """The unit a finding of the uncertainty table is measured in (one plot panel per unit)."""
    if "per 1k" in finding:
        return "hits per 1,000 tokens"
    if "(" in finding and finding.endswith(")"):
        return finding[finding.rindex("(") + 1 : -1]
    return finding


def uncertainty(tables: dict) -> Chart:
    """Each finding of the main comparison with its observed difference and its two bootstrap
    intervals, one panel per unit of measurement."""
    from .findings import main_comparison

    main = main_comparison(tables["uncertainty"])
    if main.empty:
        return _empty("no comparison between groups was possible")
    data = main.assign(
        unit=main["finding"].map(finding_unit),
        finding=main["finding"]
        .str.replace("frame per 1k: ", "", regex=False)
        .str.replace(" per 1k", "s", regex=False)
        .str.replace("_", " ", regex=False),
    )
    units = list(dict.fromkeys(data.sort_values("unit")["unit"]))
    heights = [data["unit"].eq(u).sum() + 1.2 for u in units]
    figure, axes = _figure(
        9,
        0.38 * sum(heights) + 1.5,
        nrows=len(units),
        squeeze=False,
        gridspec_kw={"height_ratios": heights},
    )
    colors = group_colors(["sentence", "document"], order=["sentence", "document"])
    for ax, unit in zip(axes[:, 0], units):
        part = data[data["unit"] == unit].sort_values("observed", ignore_index=True)
        y = np.arange(len(part))
        ax.hlines(
            y + 0.15,
            part["sent_ci_low"],
            part["sent_ci_high"],
            color=colors["sentence"],
            lw=2.5,
            label="sentence bootstrap",
        )
        ax.hlines(
            y - 0.15,
            part["ci_low"],
            part["ci_high"],
            color=colors["document"],
            lw=2.5,
            linestyles="dotted",
            label="document bootstrap",
        )
        ax.scatter(part["observed"], y, color="black", zorder=3, s=18, label="observed difference")
        ax.axvline(0, color="grey", lw=0.6)
        ax.set_yticks(y, [_wrap(f, 40) for f in part["finding"]], fontsize=9)
        ax.set_xlabel(f"{data['statistic'].iloc[0]} ({unit})", fontsize=9)
    axes[0, 0].legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=10)
    return Chart(figure, data)
