"""How the book shows documents and tables to a reader.

Documents are named by what a reader knows them by -- outlet (and the agency it relays), camp
and date, e.g. "TASS via an unnamed outlet, Russian, 26 Dec" -- never by their file ids, which
appear only in the CSV downloads. Tables are rendered as HTML without pandas' index column, with
long text wrapped at a readable width and wide tables in a horizontal scroll container (the
classes are styled by ``_static/newsframes.css``).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from ..corpus import UNKNOWN_VALUES
from ..csv_tables import csv_text
from .book import downloads_dir, downloads_href

LONG_TEXT = 60  # median characters above which a column holds sentences (given a wide cell)
MEDIUM_TEXT = 20  # median characters above which a column holds phrases (given a medium cell)
DIFF_TOKEN = re.compile(
    r"\[-(?P<removed>.*?)-\]"  # words only in the first rendering: [-words-]
    r"|\{\+(?P<added>.*?)\+\}"  # words only in the second rendering: {+words+}
)


def camp_name(camp) -> str:
    """A camp as a proper adjective: 'russian' -> 'Russian'; words with capitals stay as written."""
    text = "" if camp is None or pd.isna(camp) else str(camp).strip()
    if text.lower() in UNKNOWN_VALUES:
        return "no camp"
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in text.split(" "))


def _known(value) -> str:
    text = "" if value is None or pd.isna(value) else str(value).strip()
    return "" if text.lower() in UNKNOWN_VALUES else text


UNNAMED_OUTLET = "an unnamed outlet"


def source_name(outlet, upstream) -> str:
    """Who published a text and whose copy it carries: 'Euronews', 'IANS via Daijiworld',
    'TASS via an unnamed outlet', 'an unnamed outlet'."""
    outlet, first_upstream = _known(outlet), _known(str(upstream).split(";")[0])
    if outlet and first_upstream and first_upstream != outlet:
        return f"{first_upstream} via {outlet}"
    if outlet:
        return outlet
    if first_upstream:
        return f"{first_upstream} via {UNNAMED_OUTLET}"
    return UNNAMED_OUTLET


def short_date(published, with_year: bool) -> str:
    """'2021-12-26' -> '26 Dec' (with ``with_year``: '26 Dec 2021'); 'undated' when unknown."""
    return _short_date(_known(published), with_year)


@lru_cache(maxsize=4096)
def _short_date(published: str, with_year: bool) -> str:
    """:func:`short_date` of a known date's text, once per text (a corpus repeats its dates;
    parsing each document's took 1.2 s a call at 10,000 articles)."""
    day = pd.to_datetime(published or None, errors="coerce", format="%Y-%m-%d")
    if pd.isna(day):
        return "undated"
    return f"{day.day} {day:%b}" + (f" {day.year}" if with_year else "")


def document_labels(documents: pd.DataFrame) -> dict[str, str]:
    """A unique, readable label per document: source, camp and date ('Euronews, Western,
    12 Jan'). The year is shown only when the dates span more than a year; a file that could not
    be read is named by its file name (the reader has to find it); an outlet's name is written
    as the sources sheet or the text gives it ('nyt', not 'Nyt'). Labels shared by several
    documents are numbered in document order ('KNA, Eastern, 12 Jan (2)')."""
    dates = pd.to_datetime(
        documents["published"].map(_known).replace("", None), errors="coerce", format="%Y-%m-%d"
    )
    with_year = bool(dates.notna().any() and (dates.max() - dates.min()).days > 365)
    labels = {}
    columns = ["doc_id", "status", "file", "outlet", "upstream", "camp", "published"]
    for row in documents[columns].itertuples(index=False):  # all 27: 3.5x the time
        if row.status not in ("ok",) and not _known(row.outlet):
            labels[row.doc_id] = str(row.file)
            continue
        parts = [
            source_name(row.outlet, row.upstream),
            camp_name(row.camp),
            short_date(row.published, with_year),
        ]
        label = ", ".join(p for p in parts if p != "no camp")
        unnamed = label.startswith(UNNAMED_OUTLET)  # a phrase, capitalised; a name as written
        labels[row.doc_id] = label[:1].upper() + label[1:] if unnamed else label
    counts, seen = Counter(labels.values()), {}
    for doc_id, label in labels.items():
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            labels[doc_id] = f"{label} ({seen[label]})"
    return labels


def header(column: str) -> str:
    """A column name as a header: 'n_words' -> 'words', 'first_published' -> 'first published'."""
    name = column[2:] if column.startswith("n_") else column
    return name.replace("_", " ")


def _cell(value, kind: str, digits: int) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if kind == "diff":
        return _diff_html(str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (
        isinstance(value, float) and value.is_integer() and kind == "int"
    ):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return html.escape(str(value))


def _diff_html(diff: str) -> str:
    """A word diff ('[-only in first-]', '{+only in second+}') as <del>/<ins> marks."""
    parts, last = [], 0
    for match in DIFF_TOKEN.finditer(diff):
        parts.append(html.escape(diff[last : match.start()]))
        if match.group("removed") is not None:
            parts.append(f"<del>{html.escape(match.group('removed'))}</del>")
        else:
            parts.append(f"<ins>{html.escape(match.group('added'))}</ins>")
        last = match.end()
    parts.append(html.escape(diff[last:]))
    return "".join(parts)


def column_kind(series: pd.Series) -> str:
    """How a column is shown: 'int', 'float', 'diff', 'label' (a document), or text by its
    typical length
    ('long' sentences, 'medium' phrases, 'short' words)."""
    if series.name == "diff":
        return "diff"
    if str(series.name).startswith("document"):
        return "label"
    if pd.api.types.is_bool_dtype(series):
        return "short"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        whole = series.dropna()
        return "int" if len(whole) and (whole == whole.round()).all() else "float"
    lengths = series.astype(str).str.len()
    typical = lengths.median() if len(lengths) else 0
    return "long" if typical > LONG_TEXT else "medium" if typical > MEDIUM_TEXT else "short"


def table_html(frame: pd.DataFrame, digits: int = 2, max_rows: int | None = None) -> str:
    """``frame`` as an HTML table for people: no index, escaped text, numbers right-aligned
    with thousands separators, sentences in wide wrapped cells, inside a scroll container; each
    cell names its column (``data-label``), so that a phone shows each row as a card."""
    kinds = {c: column_kind(frame[c]) for c in frame.columns}
    shown = frame if max_rows is None else frame.head(max_rows)
    head = "".join(
        f'<th class="nf-{kinds[c]}">{html.escape(header(str(c)))}</th>' for c in frame.columns
    )
    rows = []
    for values in shown.itertuples(index=False):
        cells = "".join(
            f'<td class="nf-{kinds[c]}" data-label="{html.escape(header(str(c)), quote=True)}">'
            f"{_cell(v, kinds[c], digits)}</td>"
            for c, v in zip(frame.columns, values)
        )
        rows.append(f"<tr>{cells}</tr>")
    note = ""
    if len(shown) < len(frame):
        note = f'<p class="nf-table-note">The first {len(shown):,} of {len(frame):,} rows.</p>'
    if frame.empty:
        return '<p class="nf-table-note">Nothing to list.</p>'
    return (
        f'<div class="nf-table-wrap"><table class="nf-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{note}"
    )


def download_html(frame: pd.DataFrame, filename: str, label: str = "Download these data") -> str:
    """A link that downloads ``frame`` as CSV, named ``filename``, its size shown. The file is
    written to the book's downloads folder (:func:`.book.downloads_dir`) in a subfolder named by
    its content, so that chapters never overwrite each other's files and the same data give
    the same page; the book's ``download_files`` extension puts the folder beside the pages.
    (Embedded in the page as a ``data:`` address, the downloads of 10,000 articles made pages
    of 56 MB.)"""
    data = csv_text(frame, float_format=None).encode("utf-8")  # to_csv's text, written faster
    name = Path(filename).name
    folder = hashlib.sha256(data).hexdigest()[:16]
    path = downloads_dir() / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    href = html.escape(f"{downloads_href()}/{folder}/{quote(name)}", quote=True)
    text = html.escape(f"{label} ({name}, {file_size(len(data))})")
    attribute = html.escape(name, quote=True)
    return f'<p class="nf-download"><a download="{attribute}" href="{href}">{text}</a></p>'


def file_size(n_bytes: int) -> str:
    """A size for people: "850 bytes", "12 KB", "25.4 MB"."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1000:.0f} KB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def show(
    frame: pd.DataFrame,
    download: str | None = None,
    digits: int = 2,
    max_rows: int | None = 200,
    full: pd.DataFrame | None = None,
):
    """Display ``frame`` as a readable table; with ``download``, a link to the rows as CSV
    (``full`` when given: the same rows with their document ids and every column)."""
    from IPython.display import HTML

    link = download_html(frame if full is None else full, download) if download else ""
    return HTML(table_html(frame, digits=digits, max_rows=max_rows) + link)
