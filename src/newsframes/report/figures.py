"""The figures of the ingestion and source-comparison chapters, each a function of the
pipeline's tables that returns a :class:`~newsframes.report.chart.Chart` (the figure and the data
drawn in it), so that a chapter cell is one line and its download the same numbers. Documents
are labelled by :func:`newsframes.report.display.document_labels`.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter

from .. import corpus
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
    figure.legend(
        title=legend_title,
        loc="outside lower center",
        ncols=min(3, len(frame.columns)),
        fontsize=10,
        title_fontsize=10,
    )
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
    ax.barh(
        [wrap_label(d) for d in data["document"]], data["n_tokens"], color=data["camp"].map(colors)
    )
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
            fontsize=9,
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
            parent,
            *(f"{WAYPOINT}{parent}{WAYPOINT}{child}{WAYPOINT}{k}" for k in between),
            child,
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

            def centre(node: str, side: int = side) -> float:
                near = [row[m] for m in neighbours[node] if layer[m] == side]
                return sum(near) / len(near) if near else row[node]

            columns[k] = sorted(columns[k], key=lambda n: (centre(n), row[n], n))
            row.update({n: float(i) for i, n in enumerate(columns[k])})
    for _ in range(SWEEPS):  # then swap neighbours in a column while that removes crossings
        if not any(_transpose(columns[k], neighbours, layer, row) for k in order):
            break
    tallest = max(len(nodes) for nodes in columns.values())
    return {
        n: i + (tallest - len(nodes)) / 2 for nodes in columns.values() for i, n in enumerate(nodes)
    }


def _transpose(column: list[str], neighbours: dict[str, list[str]], layer: dict, row: dict) -> bool:
    """Swap adjacent nodes of ``column`` (in place, rows updated) wherever the swap leaves fewer
    crossings with both neighbouring columns; True when anything moved."""

    def crossings(upper: str, lower: str) -> int:
        k = layer[upper]
        return sum(
            row[a] > row[b]
            for side in (k - 1, k + 1)
            for a in neighbours[upper]
            if layer[a] == side
            for b in neighbours[lower]
            if layer[b] == side
        )

    moved = False
    for i in range(len(column) - 1):
        upper, lower = column[i], column[i + 1]
        if crossings(lower, upper) < crossings(upper, lower):
            column[i], column[i + 1] = lower, upper
            row[upper], row[lower] = row[lower], row[upper]
            moved = True
    return moved


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


NODE_WIDTH, NODE_HEIGHT = 0.7, 0.72  # a node's box in data units (columns 1 apart, rows 1)
NODE_CHARACTERS = 16  # characters per line of a node's name (9-point type in a 1.4-inch box)
COLUMN_INCHES, ROW_INCHES = 2.0, 0.8  # the figure's size per column and per row
NODE_LINES = 3  # lines of a node's name in its box; a longer name ends in '…' (data has it all)


def _node_text(node: str) -> str:
    lines = textwrap.wrap(str(node), NODE_CHARACTERS)
    if len(lines) <= NODE_LINES:
        return "\n".join(lines)
    rest = textwrap.shorten(" ".join(lines[NODE_LINES - 1 :]), NODE_CHARACTERS, placeholder="…")
    return "\n".join([*lines[: NODE_LINES - 1], rest])


def _route_points(route: list[str], x: dict, row: dict) -> list[tuple[float, float]]:
    """Where an edge's line runs: from its source box's right side to its target box's left
    side, level across the column of each waypoint (so that it never cuts through a box)."""
    points = [(x[route[0]] + NODE_WIDTH / 2, row[route[0]])]
    for node in route[1:-1]:
        points += [(x[node] - NODE_WIDTH / 2, row[node]), (x[node] + NODE_WIDTH / 2, row[node])]
    return [*points, (x[route[-1]] - NODE_WIDTH / 2, row[route[-1]])]


def provenance(tables: dict) -> Chart:
    """The provenance graph in columns of relay order: original sources on the left, the pages
    read on the right, an arrow from each source to the text or agency that carries its copy."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch

    edges = provenance_edges(tables)
    if edges.empty:
        return empty_chart("no document names where its copy comes from")
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
    figure, ax = new_figure(COLUMN_INCHES * (depth + 1) + 0.4, ROW_INCHES * rows + 1.4)
    for link in links.itertuples():
        route = routes[(link.parent, link.child)]
        points = _route_points(route, x, row)
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
            x[node], row[node], _node_text(node), ha="center", va="center", fontsize=9, zorder=4
        )
    ax.set_xlim(-0.5, depth + 0.5)
    ax.set_ylim(rows - 0.4, -0.6)
    ax.set_axis_off()
    handles = [Line2D([], [], color=colors[r], ls=styles[r], lw=2, label=r) for r in relations]
    figure.legend(
        handles=handles,
        title="relation",
        loc="outside lower center",
        ncols=len(relations),
        fontsize=10,
    )
    return Chart(figure, edges)
