"""Comparison groups: the documents' camps (else outlets), and whether a document relays an
agency's copy.
"""

from __future__ import annotations

import re
from itertools import groupby
from operator import itemgetter

import pandas as pd

UNKNOWN_LABELS = {"", "unknown", "none", "nan", "n/a"}
RELAY, ORIGINAL, UNKNOWN_SOURCE = "relay", "original", "source unknown"
NO_CAMPS = "fewer than two known camps"
OUTLET_BASIS = f"outlet ({NO_CAMPS})"
MAX_OUTLET_GROUPS = 40
"""Most outlets compared each as a group of its own. A folder whose sources sheet names
thousands of outlets and no camps (a scrape of many sites) would otherwise compare each outlet
with all the others: one test per outlet and measure, none with the power to show anything, and
a keyness table with a count column per outlet (10,000 one-article outlets: a 400 MB table, 7.3
GB of memory at the peak and 110 s for 10,000 articles, against 58 s with two camps). Above
this many known outlets, those with the most documents (ties by name) are compared and the
others pooled in one group (:data:`POOLED_OUTLETS`); the basis of the comparison says so."""
POOLED_OUTLETS = "other outlets"


def rows_by_document(doc_ids: list[str]):
    """(doc_id, row numbers) of each document of rows sorted by doc_id."""
    return (
        (doc_id, [i for i, _ in rows])
        for doc_id, rows in groupby(enumerate(doc_ids), key=itemgetter(1))
    )


def _known(value) -> bool:
    return str(value).strip().lower() not in UNKNOWN_LABELS


def label_keys(documents: pd.DataFrame) -> pd.DataFrame:
    """What a document's comparison group (:func:`comparison_groups`) depends on, per doc_id:
    its camp (normalised) and its outlet ("unknown" when not known). Counts summed over
    documents with the same keys are summed by group under either basis of the comparison."""
    docs = documents.set_index("doc_id")
    camps = (
        docs["camp"].fillna("").astype(str).str.strip().str.lower()
        if "camp" in docs
        else pd.Series("", docs.index)
    )
    outlets = (
        docs["outlet"].fillna("").astype(str).str.strip()
        if "outlet" in docs
        else pd.Series("", docs.index)
    )
    return pd.DataFrame(
        {"camp": camps, "outlet": outlets.where(outlets.map(_known), "unknown")},
        index=docs.index,
    )


def comparison_groups(documents: pd.DataFrame) -> tuple[pd.Series, str]:
    """Group label per doc_id and the basis of the comparison.

    With two or more known camps the groups are the camps (documents of unknown camp form an
    "unknown" group); otherwise outlets are compared, documents of unknown outlet likewise
    together as "unknown", and the basis says so. (Each standing for itself, as they once
    did, a folder of 4,620 articles with no sources sheet made 4,454 one-document groups: a
    keyness table of 4,465 columns, 238 MB, and 265 s of resampling.) Of more than
    :data:`MAX_OUTLET_GROUPS` known outlets, all but the largest are pooled
    (:func:`pooled_outlets`).
    """
    return groups_of(label_keys(documents))


def groups_of(keys: pd.DataFrame) -> tuple[pd.Series, str]:
    """:func:`comparison_groups` from the documents' :func:`label_keys`."""
    camps = keys["camp"]
    if camps[camps.map(_known)].nunique() >= 2:
        return camps.where(camps.map(_known), "unknown").rename("group"), "camp"
    return pooled_outlets(keys["outlet"].rename("group"), MAX_OUTLET_GROUPS)


def largest(sizes: pd.Series, limit: int) -> list:
    """The names of at most ``limit`` entries of ``sizes`` (name -> number of documents), the
    largest first chosen (ties by name), in sorted order."""
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], str(item[0])))
    return sorted(name for name, _ in ranked[:limit])


def pooled_outlets(outlets: pd.Series, limit: int) -> tuple[pd.Series, str]:
    """Outlet groups (one label per document) and the basis of the comparison: each known
    outlet its own group when there are at most ``limit``; else the ``limit`` with the most
    documents (ties by name), the other known outlets pooled in one group named
    :data:`POOLED_OUTLETS` (or, should an outlet compared have that name, that name marked as
    pooled). Documents of unknown outlet stay in their own group."""
    sizes = outlets[outlets != "unknown"].value_counts()
    if len(sizes) <= limit:
        return outlets, OUTLET_BASIS
    kept = {*largest(sizes, limit), "unknown"}
    pooled = POOLED_OUTLETS
    while pooled in kept:
        pooled += " (pooled)"
    others = len(sizes) - limit
    basis = (
        f"outlet ({NO_CAMPS}; the {limit} with the most documents, "
        f"the other {others:,} pooled as “{pooled}”)"
    )
    return outlets.where(outlets.isin(kept), pooled), basis


def with_groups(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the comparison group of its ``doc_id`` added (for plots and summaries)."""
    labels, _ = comparison_groups(documents)
    return table.assign(group=table["doc_id"].map(labels))


def _agency_key(name: str) -> str:
    return re.sub(r"\W+", "", str(name).lower())


def is_relay(outlet: str, upstream: str) -> bool:
    """True when ``upstream`` (``;``-separated) names a source other than the outlet itself,
    i.e. the document passes on agency or other media copy."""
    sources = [s for s in str(upstream).split(";") if _known(s)]
    return bool(sources) and _agency_key(outlet) not in {_agency_key(s) for s in sources}


def copy_status(outlet: str, upstream: str) -> str:
    """``relay`` when the document passes on another source's copy (:func:`is_relay`),
    ``original`` when its known upstream is the outlet itself, and ``source unknown`` when no
    upstream is known: an unknown source is not evidence of original reporting."""
    if is_relay(outlet, upstream):
        return RELAY
    return ORIGINAL if any(_known(s) for s in str(upstream).split(";")) else UNKNOWN_SOURCE


def relay_groups(documents: pd.DataFrame) -> pd.Series:
    """Group label ``camp · <copy status>`` per doc_id: the camp split by whether the document
    relays another source's copy, is the outlet's own, or has no known source
    (:func:`copy_status`)."""
    base, _ = comparison_groups(documents)
    docs = documents.set_index("doc_id").reindex(base.index)
    outlets, upstreams = (
        docs[column] if column in docs else [""] * len(docs) for column in ("outlet", "upstream")
    )
    pairs = list(zip(outlets, upstreams))
    status_of = {pair: copy_status(*pair) for pair in set(pairs)}  # outlets repeat: each once
    labels = [f"{g} · {status_of[pair]}" for g, pair in zip(base, pairs)]
    return pd.Series(labels, index=base.index, name="group")
