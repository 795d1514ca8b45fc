"""Provenance chains: who credits or relays whom (credit lines, 'citing X', agency relays),
as edges per document and as a graph.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ..corpus import UNKNOWN_VALUES
from ..fastregex import Scanner, scanner
from ..resources import agencies, agency_names, alias_key

if TYPE_CHECKING:
    import networkx as nx


# --- provenance -------------------------------------------------------------------------

EDGE_COLUMNS = ["doc_id", "child", "parent", "relation", "evidence", "start", "end"]


def _agency_pattern() -> str:
    return agency_names().anywhere.pattern.removeprefix("(?<![\\w-])(?:").removesuffix(")(?![\\w-])")


def _canonical_source(surface: str) -> str:
    """Canonical agency or outlet name for a surface form, else the surface form itself."""
    surface = re.sub(r"\s+news\s+agency$", "", surface.strip(), flags=re.IGNORECASE)
    row = agency_names().rows.get(alias_key(surface))
    return row["name"] if row else surface


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern, ...]:
    agency = _agency_pattern()
    patterns = [
        rf"^[^\n]{{0,60}}?\((?P<source>{agency})\)\s*[:\-–—]",
        rf"^(?P<source>{agency})\s*,\s*(?:[A-Z][a-z]+\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]+)\s*[.:\-–—]",
        r"^(?:Source|Sources|Via|Credit)\s*:\s*(?P<source>[^\n]{1,60}?)\s*$",
        rf"^By\s+(?P<source>{agency})\s*$",
    ]
    return tuple(re.compile(p, re.MULTILINE | re.IGNORECASE) for p in patterns)


def credit_markers(text: str) -> list[tuple[str, str, int, int]]:
    """(source, evidence, start, end) for credits naming where a text comes from: a dateline
    "(IANS)", a leading "TASS, December 26.", "Source: IZ", "By Euronews" (known names only)."""
    found = []
    for pattern in _credit_patterns():
        for m in pattern.finditer(text):
            found.append((_canonical_source(m["source"]), m[0].strip(), m.start(), m.end()))
    return sorted(found, key=lambda f: f[2])


def line_credits(line: str) -> list[tuple[str, str]]:
    """(source, evidence) of :func:`credit_markers` for one raw line: each pattern starts at a
    line start, so in a line without "\\n" it can only match at position 0, once."""
    if "\n" in line:
        return [(source, evidence) for source, evidence, _, _ in credit_markers(line)]
    return [(_canonical_source(m["source"]), m[0].strip()) for pattern in _credit_patterns() if (m := pattern.match(line))]


@lru_cache(maxsize=1)
def _relay_patterns() -> tuple[re.Pattern, ...]:
    """Relay phrases (agency then verb; "according to" then agency) and the "citing" phrase."""
    agency = _agency_pattern()
    named = rf"(?P<source>(?:{agency})(?:\s+news\s+agency)?|[A-Z][\w-]+\s+news\s+agency)"
    verbs = r"(?:reported|stated|said|wrote|quoted|cited|informed|announced|reports|says|writes)"
    patterns = [rf"\b{named}\s+(?:\w+\s+){{0,2}}?{verbs}\b",
                rf"\b(?:according\s+to|citing|cited\s+by|quoted\s+by|as\s+reported\s+by|told)\s+(?:the\s+)?{named}",
                rf"\b{named}[^.\n]{{0,60}}?,\s*citing\s+(?P<cited>[^,.;\n]+)"]
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def _relay_scanners() -> tuple[Scanner, ...]:
    """:func:`_relay_patterns` tried only where a match can start (the same matches)."""
    return tuple(scanner(pattern) for pattern in _relay_patterns())


def relay_markers(text: str) -> list[tuple[str, str, str, int, int]]:
    """(source, relation, evidence, start, end) for agencies named as the source of reported
    content ("Xinhua news agency reported", "according to TASS", "citing Anadolu Agency") and
    for sources an agency cites ("Anadolu Agency stated …, citing a source in the alliance")."""
    *patterns, cites = _relay_scanners()
    found = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not re.match(r"[A-Z]", m["source"]):
                continue
            found.append((_canonical_source(m["source"]), "relays", _sentence_around(text, m.start(), m.end()),
                          m.start(), m.end()))
    for m in cites.finditer(text):
        found.append((f"{_canonical_source(m['source'])}\x00{m['cited'].strip()}", "cites",
                      _sentence_around(text, m.start(), m.end()), m.start(), m.end()))
    return sorted(found, key=lambda f: f[3])


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right = min([p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0], default=len(text))
    return text[left:right + 1].strip()


def edge_rows(doc: dict, text: str, raw_lines: list[str] | None = None) -> list[dict]:
    """Provenance edges of one document, as rows (``EDGE_COLUMNS``): outlet ← credited source ← relayed agency ← cited source.

    Sources come from the document's ``upstream`` column (semicolon-separated, first is the
    direct source), credit markers in the text or in its raw lines (datelines, bylines and
    "Source:" lines that cleaning removed), and relay phrases in the body. ``child`` receives
    content from ``parent``; start/end are offsets into the cleaned text (-1 for metadata or raw lines).
    """
    doc_id = doc["doc_id"]
    outlet = str(doc.get("outlet", "") or "")
    outlet = outlet if outlet.lower() not in UNKNOWN_VALUES else f"unknown outlet ({doc_id})"
    edges: list[dict] = []

    def add(child, parent, relation, evidence, start=-1, end=-1):
        if child != parent and parent:
            edges.append({"doc_id": doc_id, "child": child, "parent": parent, "relation": relation,
                          "evidence": evidence, "start": start, "end": end})

    credits = [(s, e, a, b) for s, e, a, b in credit_markers(text)]
    for line in raw_lines or []:
        credits += [(s, e, -1, -1) for s, e in line_credits(line)]
    upstream = [_canonical_source(u) for u in str(doc.get("upstream", "") or "").split(";")
                if u.strip().lower() not in UNKNOWN_VALUES]
    for source, evidence, start, end in credits:
        add(outlet, source, "credit", evidence, start, end)
    direct = credits[0][0] if credits else (upstream[0] if upstream else outlet)
    if upstream and not credits:
        add(outlet, upstream[0], "credit", "documents.upstream")
    relays = relay_markers(text)
    relayed = {s for s, rel, *_ in relays if rel == "relays"}
    for source, relation, evidence, start, end in relays:
        if relation == "relays":
            add(direct, source, "relays", evidence, start, end)
        else:
            citer, cited = source.split("\x00")
            add(citer, cited, "cites", evidence, start, end)
    for parent in upstream[1:]:
        if parent not in relayed and parent != direct:
            add(direct, parent, "relays", "documents.upstream")
    unique = {}
    for edge in edges:
        unique.setdefault((edge["child"], edge["parent"], edge["relation"]), edge)
    return list(unique.values())


def provenance_for_document(doc: dict, text: str, raw_lines: list[str] | None = None) -> pd.DataFrame:
    """Provenance edges of one document (see :func:`edge_rows`)."""
    return pd.DataFrame(edge_rows(doc, text, raw_lines), columns=EDGE_COLUMNS)


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
        graph.add_edge(row["parent"], row["child"], relation=row["relation"], evidence=row["evidence"],
                       doc_ids=[row["doc_id"]])
    return graph
