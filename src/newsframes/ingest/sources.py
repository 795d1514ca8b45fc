"""The analyst's provenance sheet ``sources.csv`` (outlet, upstream, camp, published per file)."""

from __future__ import annotations

import csv
from pathlib import Path

# ----------------------------------------------------------------------------- the provenance sheet

SOURCES_FILE = "sources.csv"
SHEET_FIELDS = ("outlet", "upstream", "camp", "published")


def read_sources_sheet(folder: Path, names: set[str]) -> tuple[dict[str, dict], list[str]]:
    """The analyst's ``sources.csv`` (file, outlet, upstream, camp, evidence[, published]).

    Rows that cannot be used are reported, one line each, and skipped; a sheet that cannot be
    parsed is ignored as a whole with a message. Returns rows by file name and messages.
    """
    path = folder / SOURCES_FILE
    if not path.exists():
        return {}, []
    try:
        text = path.read_text("utf-8-sig")
        reader = csv.DictReader(text.splitlines(), strict=True)
        rows = list(reader)
        header = reader.fieldnames or []
    except (UnicodeDecodeError, csv.Error) as err:
        return {}, [f"{path}: cannot be read as UTF-8 CSV ({err}); fix it or delete it (metadata will come from the texts)"]
    if "file" not in header:
        return {}, [f"{path}: has no 'file' column (found: {', '.join(header) or 'nothing'}); the header must be file,outlet,upstream,camp,evidence"]
    sheet, messages = {}, []
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            messages.append(f"{path}: row {n} has the wrong number of fields; quote values that contain commas")
            continue
        name = (row.get("file") or "").strip()
        if not name:
            messages.append(f"{path}: row {n} has no file name; fill it in or delete the row")
        elif Path(name).is_absolute() or ".." in Path(name).parts or "/" in name or "\\" in name:
            messages.append(f"{path}: row {n} names '{name}', which is outside the folder; give a file name inside it")
        elif name not in names:
            messages.append(f"{path}: row {n} names '{name}', which is not in the folder; fix the name or delete the row")
        else:
            sheet[name] = {k: (row.get(k) or "").strip() for k in (*SHEET_FIELDS, "evidence")}
    return sheet, messages


def apply_sheet(row: dict, entry: dict | None) -> dict:
    """Fill outlet, upstream, camp and published from the sheet where it gives them; record the source."""
    for key in ("outlet", "upstream"):
        if entry and entry.get(key) and entry[key].lower() != "unknown":
            text_value = row[key]
            row[key], row[f"{key}_source"] = entry[key], "sources.csv"
            row[f"{key}_evidence"] = " | ".join(x for x in (entry.get("evidence", ""), f"text: {text_value}" if text_value else "") if x)
        elif not row[key]:
            row[key], row[f"{key}_source"] = "unknown", row[f"{key}_source"] or "not stated"
    camp = (entry or {}).get("camp", "")
    row["camp"], row["camp_source"] = (camp, "sources.csv") if camp else ("unknown", "not stated")
    if entry and entry.get("published"):
        row["published"], row["published_source"] = entry["published"], "sources.csv"
    return row
