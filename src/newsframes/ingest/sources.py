"""The analyst's provenance sheet ``sources.csv`` (outlet, upstream, camp, published per file,
and the design facts only the analyst can supply), and what kind of date a document has."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

# ----------------------------------------------------------------------------- the provenance sheet

SOURCES_FILE = "sources.csv"
SHEET_FIELDS = ("outlet", "upstream", "camp", "published")
# Facts about each document's design that only the analyst can supply (never guessed from the
# text): the allowed values of each, or None for free text; a missing value is "unknown".
DESIGN_FIELDS = {
    "country": None,
    "owner_type": ("state", "private", "public broadcaster"),
    "translation": ("yes", "no"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How a publication date was found (published_source's first part) when the date is not the
# document's own but one its text reports (a dated event in the lede).
REPORTED_EVENT_SOURCES = ("dated event in the lede",)
PUBLICATION_DATE, REPORTED_EVENT_DATE = "publication date", "date of a reported event"


def published_kind(published: str, source: str) -> str:
    """Whether a document's date is its publication date (a dateline, byline, header, page
    metadata, a date line or the sheet) or a date its body text reports ("" without a date)."""
    if not published:
        return ""
    return REPORTED_EVENT_DATE if source.startswith(REPORTED_EVENT_SOURCES) else PUBLICATION_DATE


def design_entry(row: dict, where: str) -> tuple[dict, list[str]]:
    """The sheet's optional design columns of one row (``DESIGN_FIELDS`` and ``key_date``),
    normalised, with one message per value that is not allowed (it becomes unknown or empty)."""
    found, messages = {}, []
    for key, allowed in DESIGN_FIELDS.items():
        value = (row.get(key) or "").strip()
        value = value.lower() if allowed else value
        if value and value.lower() != "unknown" and allowed and value not in allowed:
            messages.append(
                f"{where}: {key} '{value}' is not one of {', '.join(allowed)}, "
                "unknown; read as unknown"
            )
            value = ""
        found[key] = value if value and value.lower() != "unknown" else "unknown"
    key_date, problems = sheet_date(row, "key_date", where)
    return {**found, "key_date": key_date}, messages + problems


def sheet_date(row: dict, key: str, where: str) -> tuple[str, list[str]]:
    """The row's ``key`` when it is a real calendar day written like 2022-01-12, else "" with
    a message ("2022-02-31", "20222-01-01" and "not a date" are ignored, not copied)."""
    value = (row.get(key) or "").strip()
    if not value:
        return "", []
    try:
        if ISO_DATE.match(value):
            return dt.date.fromisoformat(value).isoformat(), []
    except ValueError:
        pass
    return "", [f"{where}: {key} '{value}' is not a date like 2022-01-12; ignored"]


def read_sources_sheet(folder: Path, names: set[str]) -> tuple[dict[str, dict], list[str]]:
    """The analyst's ``sources.csv`` (file, outlet, upstream, camp, evidence[, published,
    country, owner_type, translation, key_date]: see :func:`design_entry`).

    Rows that cannot be used are reported, one line each, and skipped; a sheet that cannot be
    parsed is ignored as a whole with a message. Returns rows by file name and messages.
    """
    path = folder / SOURCES_FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    if not path.is_file():  # a folder, pipe or device, or a link to nothing
        return {}, [
            f"{path}: is not a regular file and is ignored; "
            "make it the CSV file of the articles' sources, or delete it"
        ]
    try:
        text = path.read_text("utf-8-sig")
        reader = csv.DictReader(text.splitlines(), strict=True)
        rows = list(reader)
        header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        return {}, [
            f"{path}: cannot be read as UTF-8 CSV ({err}); "
            "fix it or delete it (metadata will come from the texts)"
        ]
    if "file" not in header:
        return {}, [
            f"{path}: has no 'file' column (found: {', '.join(header) or 'nothing'}); "
            "the header must be file,outlet,upstream,camp,evidence"
        ]
    sheet, messages = {}, []
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            messages.append(
                f"{path}: row {n} has the wrong number of fields; quote values that contain commas"
            )
            continue
        name = (row.get("file") or "").strip()
        if not name:
            messages.append(f"{path}: row {n} has no file name; fill it in or delete the row")
        elif Path(name).is_absolute() or ".." in Path(name).parts or "/" in name or "\\" in name:
            messages.append(
                f"{path}: row {n} names '{name}', which is outside the folder; "
                "give a file name inside it"
            )
        elif name not in names:
            messages.append(
                f"{path}: row {n} names '{name}', which is not in the folder; "
                "fix the name or delete the row"
            )
        else:
            sheet[name] = {k: (row.get(k) or "").strip() for k in (*SHEET_FIELDS, "evidence")}
            sheet[name]["published"], problems = sheet_date(row, "published", f"{path}: row {n}")
            design, more = design_entry(row, f"{path}: row {n}")
            sheet[name].update(design)
            messages.extend(problems + more)
    return sheet, messages


def apply_sheet(row: dict, entry: dict | None) -> dict:
    """Fill outlet, upstream, camp and published from the sheet where it gives them; record the
    source. The design facts (country, owner type, translation) come from the sheet only, else
    unknown; ``published_kind`` says whether the date is a publication date."""
    for key in ("outlet", "upstream"):
        if entry and entry.get(key) and entry[key].lower() != "unknown":
            text_value = row[key]
            row[key], row[f"{key}_source"] = entry[key], "sources.csv"
            row[f"{key}_evidence"] = " | ".join(
                x
                for x in (entry.get("evidence", ""), f"text: {text_value}" if text_value else "")
                if x
            )
        elif not row[key]:
            row[key], row[f"{key}_source"] = "unknown", row[f"{key}_source"] or "not stated"
    camp = (entry or {}).get("camp", "")
    row["camp"], row["camp_source"] = (camp, "sources.csv") if camp else ("unknown", "not stated")
    if entry and entry.get("published"):
        row["published"], row["published_source"] = entry["published"], "sources.csv"
    row.update(
        {key: (entry or {}).get(key) or "unknown" for key in DESIGN_FIELDS},
        key_date=(entry or {}).get("key_date", ""),
        published_kind=published_kind(row["published"], row["published_source"]),
    )
    return row
