"""What each document is, for reading any comparison of groups: the study's design.

Per usable document: outlet, camp, the outlet's country and owner type and whether the text is
a translation (facts the analyst supplies in ``sources.csv``; unknown otherwise, never guessed),
its relay chain (the upstream sources it passes on, with country and ownership where
``data/agencies.csv`` lists them), its date and whether that date is a publication date, and its
stage relative to the story's key date (before / on / after).

The key date is the one ``sources.csv`` gives (column ``key_date``); otherwise it is inferred:
the day named by the most documents among the dated events of their texts (the ``facts``
table's dates; ties: more mentions, then the earlier day), and only when two or more documents
name it and they are most of the documents that name any day. A corpus of one story names its
central event in most of its dated texts; one of many stories (a beat, a season, an election)
has a most-named day too, but splitting it there would compare texts by an arbitrary date.
The stage split (documents dated before the key date against those dated on or after
it) is a second comparison beside the camps (:func:`stage_groups`): groups defined by time can
differ for reasons that have nothing to do with who wrote the text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from ..ingest.sources import REPORTED_EVENT_DATE
from ..resources import agency_names, alias_key
from .groups import RELAY, copy_status

DESIGN_COLUMNS = [
    "doc_id",
    "outlet",
    "camp",
    "country",
    "owner_type",
    "copy_status",
    "relay_chain",
    "translation",
    "published",
    "date_kind",
    "stage",
    "key_date",
    "key_date_source",
]
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MIN_DOCUMENTS_FOR_KEY_DATE = 2  # a day only one document names is no shared event
BEFORE, ON, AFTER, UNKNOWN_STAGE = "before", "on", "after", "unknown"
GIVEN = "given in sources.csv"


def _given_key_dates(documents: pd.DataFrame) -> list[str]:
    column = documents["key_date"] if "key_date" in documents else pd.Series([], dtype=str)
    return sorted({str(d) for d in column.fillna("") if DAY.match(str(d))})


class NamedDay(NamedTuple):
    """The day the most documents name among the dated events of their texts (ties: more
    mentions, then the earlier day), how many documents name it, and how many name any day."""

    day: str
    n_docs: int
    n_dated: int

    def is_key_date(self) -> bool:
        """Named by two or more documents, and by most of those that name a day."""
        return self.n_docs >= MIN_DOCUMENTS_FOR_KEY_DATE and 2 * self.n_docs > self.n_dated


def most_named_day(facts: pd.DataFrame | None, doc_ids) -> NamedDay:
    """The :class:`NamedDay` of ``doc_ids`` from the dates of their ``facts`` ("", 0, 0 when
    none names a day)."""
    if facts is None or facts.empty:
        return NamedDay("", 0, 0)
    dates = facts[(facts["kind"] == "date") & facts["doc_id"].isin(set(doc_ids))]
    dates = dates[dates["value"].astype(str).str.match(DAY.pattern)]
    if dates.empty:
        return NamedDay("", 0, 0)
    counts = dates.groupby("value").agg(n_docs=("doc_id", "nunique"), n_mentions=("doc_id", "size"))
    counts = counts.reset_index().sort_values(
        ["n_docs", "n_mentions", "value"], ascending=[False, False, True]
    )
    best = counts.iloc[0]
    return NamedDay(str(best["value"]), int(best["n_docs"]), int(dates["doc_id"].nunique()))


def key_date(documents: pd.DataFrame, facts: pd.DataFrame | None) -> tuple[str, str]:
    """The story's key date (ISO, or "") and how it was found (see the module docstring)."""
    given = _given_key_dates(documents)
    if len(given) == 1:
        return given[0], GIVEN
    conflict = (
        f"sources.csv gives {len(given)} different key dates ({', '.join(given)}), so "
        if given
        else ""
    )
    named = most_named_day(facts, documents["doc_id"])
    if named.is_key_date():
        return named.day, (
            f"{conflict}inferred: the day the most documents name among the dated events of "
            f"their texts, {named.n_docs} of the {named.n_dated} documents that name a day, "
            f"of {len(documents)} in all"
        )
    if named.n_docs >= MIN_DOCUMENTS_FOR_KEY_DATE:
        return "", (
            f"{conflict}none: the day the most documents name, {named.day}, is named by "
            f"{named.n_docs} of the {named.n_dated} documents that name a day, not by most of "
            "them as the central event of one story would be"
        )
    return "", f"{conflict}none: no day is named by two or more documents"


def stage(published: str, key: str) -> str:
    """``before``, ``on`` or ``after`` the key date (ISO strings compare as dates), else unknown."""
    if not key or not DAY.match(str(published)):
        return UNKNOWN_STAGE
    return BEFORE if published < key else ON if published == key else AFTER


def _agency_facts(name: str) -> str:
    row = agency_names().rows.get(alias_key(name))
    return f"{name} ({row['country']}, {row['ownership']})" if row else name


def relay_chain(outlet: str, upstream: str) -> str:
    """The sources a document passes on, nearest first (``upstream`` is ``;``-separated), each
    with its country and ownership where ``data/agencies.csv`` lists it."""
    if copy_status(outlet, upstream) != RELAY:
        return ""
    return " ← ".join(_agency_facts(s.strip()) for s in str(upstream).split(";") if s.strip())


def date_kind(published: str, kind: str) -> str:
    """What a document's date is, as readers should read it."""
    if not published:
        return "no date"
    if kind == REPORTED_EVENT_DATE:
        return f"{REPORTED_EVENT_DATE}; publication date unknown"
    return kind or "publication date"


def _column(documents: pd.DataFrame, name: str, default: str = "unknown") -> pd.Series:
    values = documents[name] if name in documents else pd.Series(default, index=documents.index)
    return values.fillna("").astype(str).replace("", default)


def design_table(documents: pd.DataFrame, facts: pd.DataFrame | None) -> pd.DataFrame:
    """One row per usable document (``documents`` as the pipeline writes it, sorted by doc_id):
    the columns of ``DESIGN_COLUMNS`` (see the module docstring)."""
    docs = documents.sort_values("doc_id").reset_index(drop=True)
    key, how = key_date(docs, facts)
    outlets, upstreams = _column(docs, "outlet"), _column(docs, "upstream")
    published = _column(docs, "published", "")
    kinds = _column(docs, "published_kind", "")
    return pd.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "outlet": outlets,
            "camp": _column(docs, "camp"),
            "country": _column(docs, "country"),
            "owner_type": _column(docs, "owner_type"),
            "copy_status": [copy_status(o, u) for o, u in zip(outlets, upstreams)],
            "relay_chain": [relay_chain(o, u) for o, u in zip(outlets, upstreams)],
            "translation": _column(docs, "translation"),
            "published": published,
            "date_kind": [date_kind(p, k) for p, k in zip(published, kinds)],
            "stage": [stage(p, key) for p in published],
            "key_date": key,
            "key_date_source": how,
        },
        columns=DESIGN_COLUMNS,
    )


def stage_groups(design: pd.DataFrame) -> pd.Series:
    """Comparison group per doc_id by stage: ``before <key date>``, or ``from <key date>`` (on
    or after it); documents of unknown stage are left out. Empty without a key date."""
    known = design[design["stage"] != UNKNOWN_STAGE]
    labels = [
        f"before {key}" if s == BEFORE else f"from {key}"
        for s, key in zip(known["stage"], known["key_date"])
    ]
    return pd.Series(labels, index=known["doc_id"].to_numpy(), name="group", dtype=object)


MAX_DOCUMENT_ROWS = 40  # above this, readers get the design summarised per camp


def _counted(values: pd.Series) -> str:
    counts = values.fillna("unknown").replace("", "none").value_counts()
    return ", ".join(
        f"{value} {n}" for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def by_camp(design: pd.DataFrame) -> pd.DataFrame:
    """The design summarised per camp: documents, then for each fact how many documents have
    each value ('unknown 12, India 2')."""
    facts = ["country", "owner_type", "copy_status", "translation", "date_kind", "stage"]
    rows = [
        {"camp": camp, "documents": len(part), **{f: _counted(part[f]) for f in facts}}
        for camp, part in design.groupby(design["camp"].fillna("unknown"), sort=True)
    ]
    return pd.DataFrame(rows, columns=["camp", "documents", *facts])


def for_readers(design: pd.DataFrame) -> tuple[pd.DataFrame | str, list[str] | None]:
    """What a chapter shows: the design table by name with its per-document columns, or, for
    more than ``MAX_DOCUMENT_ROWS`` documents, the summary per camp (with no column list)."""
    if len(design) > MAX_DOCUMENT_ROWS:
        return by_camp(design), None
    return "design", [
        "document",
        "country",
        "owner_type",
        "copy_status",
        "relay_chain",
        "translation",
        "date_kind",
        "stage",
    ]
