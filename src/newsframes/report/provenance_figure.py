"""The source-comparison chapter's provenance graph: who passes copy to whom, nodes in columns
in relay order and rows ordered by the barycentre heuristic (:func:`provenance`, a
:class:`~newsframes.report.chart.Chart`)."""

from __future__ import annotations

import textwrap

import pandas as pd

from ..compare.chains import unknown_outlet_document
from ..framing.groups import largest
from .chart import (
    MAX_DOCUMENT_ROWS,
    Chart,
    drawn_note,
    empty_chart,
    new_figure,
)
from .display import document_labels
from .plots import group_colors


def _node_label(node: str, labels: dict[str, str]) -> str:
    """A provenance node, or the document's label for a document's unknown outlet."""
    doc_id = unknown_outlet_document(node)
    return labels.get(doc_id, node) if doc_id is not None else node


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


def drawn_links(links: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """The links the figure draws, how many pages read (nodes that pass copy to no other) it
    draws and how many there are: with more than ``MAX_DOCUMENT_ROWS`` pages (2,000 outlets
    made a figure 1,600 inches tall, 13 s to draw), the pages with the most sources and every
    link upstream of them."""
    pages = set(links["child"]) - set(links["parent"])
    if len(pages) <= MAX_DOCUMENT_ROWS:
        return links, len(pages), len(pages)
    sources = links[links["child"].isin(pages)].groupby("child").size()
    reached = frontier = set(largest(sources, MAX_DOCUMENT_ROWS))
    while frontier:
        frontier = set(links.loc[links["child"].isin(frontier), "parent"]) - reached
        reached = reached | frontier
    drawn = links[links["child"].isin(reached)].reset_index(drop=True)
    return drawn, MAX_DOCUMENT_ROWS, len(pages)


def provenance(tables: dict) -> Chart:
    """The provenance graph in columns of relay order: original sources on the left, the pages
    read on the right, an arrow from each source to the text or agency that carries its copy."""
    edges = provenance_edges(tables)
    if edges.empty:
        return empty_chart("no document names where its copy comes from")
    links = (
        edges.sort_values(["parent", "child", "relation"], kind="stable")
        .drop_duplicates(["parent", "child"])
        .reset_index(drop=True)
    )
    links, pages_drawn, pages = drawn_links(links)
    x, row, routes = provenance_layout(links)
    depth, rows = max(x.values()), max(row.values()) + 1
    relations = sorted(links["relation"].unique())
    colors = group_colors(relations, order=relations)
    styles = dict(zip(relations, ["solid", "dashed", "dotted", "dashdot"] * 3))

    def draw():
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyBboxPatch

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
        drawn_note(figure, (pages_drawn, pages, "pages read with the most sources"))
        return figure

    return Chart(draw, edges)
