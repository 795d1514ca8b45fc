"""Provenance chains: who credits or relays whom, as edges per document and as a graph, from
what ingestion read in each text (``newsframes.ingest.provenance``: credit lines, agency relays,
"citing X") and the sources sheet's ``upstream`` column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd

from ..corpus import UNKNOWN_VALUES
from ..resources import agencies, agency_names, alias_key
from .cues import paragraph_end, paragraph_start

if TYPE_CHECKING:
    import networkx as nx


# --- provenance -------------------------------------------------------------------------

EDGE_COLUMNS = ["doc_id", "child", "parent", "relation", "evidence", "start", "end"]


def _canonical_source(surface: str) -> str:
    """Canonical agency or outlet name for a surface form, else the surface form itself."""
    surface = re.sub(r"\s+news\s+agency$", "", surface.strip(), flags=re.IGNORECASE)
    row = agency_names().rows.get(alias_key(surface))
    return row["name"] if row else surface


def _located(finding: dict, text: str) -> tuple[int, int]:
    """(start, end) of a finding's words in the cleaned text, or (-1, -1) when cleaning removed
    them (a dateline, a byline or a "Source:" line)."""
    start = text.find(finding["match"])
    return (start, start + len(finding["match"])) if start >= 0 else (-1, -1)


UNKNOWN_OUTLET = re.compile(r"unknown outlet \((?P<doc_id>.+)\)")
"""The node of a document whose outlet is not known: one per document, named by its id."""


def unknown_outlet(doc_id: str) -> str:
    """The provenance node of document ``doc_id``'s unknown outlet."""
    return f"unknown outlet ({doc_id})"


def unknown_outlet_document(node: str) -> str | None:
    """The document whose unknown outlet ``node`` is (:func:`unknown_outlet`), else None."""
    found = UNKNOWN_OUTLET.fullmatch(node)
    return found["doc_id"] if found else None


def edge_rows(doc: dict, text: str, credits: list[dict] | None = None) -> list[dict]:
    """Provenance edges of one document, as rows (``EDGE_COLUMNS``): outlet ← credited source ←
    relayed agency ← cited source.

    ``credits`` are ingestion's provenance findings of the document (rows of
    ``newsframes.ingest.provenance.FINDING_COLUMNS``: the credits, relays and citations its text
    states, in line order); sources named only in the ``upstream`` column (semicolon-separated,
    first is the direct source) come after them. ``child`` receives content from ``parent``;
    start/end are offsets into the cleaned text (-1 for metadata or removed lines).
    """
    doc_id = doc["doc_id"]
    outlet = str(doc.get("outlet", "") or "")
    outlet = outlet if outlet.lower() not in UNKNOWN_VALUES else unknown_outlet(doc_id)
    credits = credits or []
    edges: dict[tuple[str, str, str], dict] = {}  # the first edge of each child, parent, relation

    def add(child, parent, relation, evidence, start=-1, end=-1):
        """An edge, unless one of its child, parent and relation is already in: ``evidence`` a
        text, or a function giving it (the sentence around a relay, read only for a new
        edge: a paragraph of thousands of relays repeats a few edges)."""
        if child != parent and parent and (child, parent, relation) not in edges:
            edges[child, parent, relation] = {
                "doc_id": doc_id,
                "child": child,
                "parent": parent,
                "relation": relation,
                "evidence": evidence() if callable(evidence) else evidence,
                "start": start,
                "end": end,
            }

    named = [
        (_canonical_source(f["name"]), f["match"], *_located(f, text))
        for f in credits
        if f["relation"] == "credit" and not _own_desk(f["name"], outlet)
    ]
    upstream = [
        _canonical_source(u)
        for u in str(doc.get("upstream", "") or "").split(";")
        if u.strip().lower() not in UNKNOWN_VALUES
    ]
    for source, evidence, start, end in named:
        add(outlet, source, "credit", evidence, start, end)
    direct = named[0][0] if named else (upstream[0] if upstream else outlet)
    if upstream and not named:
        add(outlet, upstream[0], "credit", "documents.upstream")
    passed_on = sorted(
        ((*_located(f, text), f) for f in credits if f["relation"] in ("relays", "cites")),
        key=lambda found: found[0],
    )
    around = SentenceAround(text) if passed_on else None
    for start, end, finding in passed_on:
        evidence = partial(around, start, end) if start >= 0 else finding["match"]
        if finding["relation"] == "relays":
            add(direct, _canonical_source(finding["name"]), "relays", evidence, start, end)
        else:
            add(_canonical_source(finding["name"]), finding["cited"], "cites", evidence, start, end)
    relayed = {_canonical_source(f["name"]) for f in credits if f["relation"] == "relays"}
    for parent in upstream[1:]:
        if parent not in relayed and parent != direct:
            add(direct, parent, "relays", "documents.upstream")
    return list(edges.values())


def _own_desk(name: str, outlet: str) -> bool:
    """Whether a credited name is the outlet's own desk or staff ("By Example Post photo desk")."""
    return alias_key(name).startswith(alias_key(outlet) + " ")


class SentenceAround:
    """The sentence around a span of a text: from after the last ". " before it, or its
    paragraph's start, to the first ". " after it, or its paragraph's end. The stops are found
    once and looked up by binary search, and the paragraphs' ends by :func:`.cues.paragraph_start`
    and :func:`.cues.paragraph_end`, so that a paragraph of thousands of relays and citations is
    not read to its ends for each (80,000 in one paragraph: 17 s, now 0.16 s)."""

    def __init__(self, text: str):
        self.text = text
        self.stops = [m.start() for m in re.finditer(r"\. ", text)]

    def __call__(self, start: int, end: int) -> str:
        text, stops = self.text, self.stops
        stop = bisect_right(stops, start - 2) - 1  # a ". " wholly before the start
        left = max(stops[stop] + 2 if stop >= 0 else 0, paragraph_start(text, start))
        after = bisect_left(stops, end)
        right = min(stops[after] if after < len(stops) else len(text), paragraph_end(text, end))
        return text[left : right + 1].strip()


def provenance_for_document(
    doc: dict, text: str, credits: list[dict] | None = None
) -> pd.DataFrame:
    """Provenance edges of one document (see :func:`edge_rows`)."""
    return pd.DataFrame(edge_rows(doc, text, credits), columns=EDGE_COLUMNS)


def provenance_graph(edges: pd.DataFrame) -> nx.DiGraph:
    """Directed graph with an edge parent → child (the direction content travels); each edge
    keeps its relation, evidence and documents; nodes know whether they are known agencies."""
    import networkx as nx  # here: only the provenance chapter draws the graph

    graph = nx.DiGraph()
    known = set(agencies()["name"])
    for row in edges.sort_values(["parent", "child", "doc_id"]).to_dict("records"):
        for node in (row["parent"], row["child"]):
            graph.add_node(node, known_source=node in known)
        if graph.has_edge(row["parent"], row["child"]):
            data = graph.edges[row["parent"], row["child"]]
            data["doc_ids"] = sorted(set(data["doc_ids"]) | {row["doc_id"]})
            continue
        graph.add_edge(
            row["parent"],
            row["child"],
            relation=row["relation"],
            evidence=row["evidence"],
            doc_ids=[row["doc_id"]],
        )
    return graph
