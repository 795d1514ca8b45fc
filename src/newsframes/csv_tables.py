"""Writing tables: UTF-8 CSV with a header row, byte-identical for the same input, either whole
or streamed part by part; ``schema.json`` records each column as number or text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype, is_extension_array_dtype, is_object_dtype

SCHEMA_FILE = "schema.json"


def column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """'number' or 'text' for each column, so readers parse a column the same way whatever its
    values (an all-empty text column must not come back as numbers)."""
    return {
        column: "number" if pd.api.types.is_numeric_dtype(frame[column]) else "text"
        for column in frame.columns
    }


CSV_OPTIONS = {"index": False, "lineterminator": "\n", "float_format": "%.6g", "encoding": "utf-8"}


def with_floats_formatted(
    frame: pd.DataFrame, float_format: str | None = CSV_OPTIONS["float_format"]
) -> pd.DataFrame:
    """``frame`` with each float64 column replaced by the text ``to_csv`` writes for it
    (``float_format``, by default :data:`CSV_OPTIONS`'; None: pandas' own, the shortest text
    that reads back as the same number; missing values empty), each distinct value formatted
    once: pandas formats every cell, and the scores of a large corpus repeat few values (the
    sentiment table of 10,000 articles: 2.1 -> 1.4 s). Values are told apart by their bits, so
    -0.0 stays "-0"."""
    floats = [column for column in frame.columns if frame[column].dtype == np.float64]
    if not floats:
        return frame
    texts = {}
    for column in floats:
        values = frame[column].to_numpy()
        codes, distinct = pd.factorize(values.view(np.int64))
        written = [
            "" if value != value else float_format % value if float_format else repr(value)
            for value in distinct.view(np.float64).tolist()
        ]
        texts[column] = np.array(written, dtype=object)[codes]
    return frame.assign(**texts)


# --- CSV text -----------------------------------------------------------------------------------
#
# ``to_csv`` with :data:`CSV_OPTIONS`, written faster: pandas hands every cell to the csv module
# (10,000 synthetic articles: 3.1 s for the tables of the cross-document stage, 1.8 s here).
# A column's distinct values are written once each when they repeat (document ids, labels,
# scores), a text is quoted only when str's own search finds a character that needs it. The
# csv module's rule (QUOTE_MINIMAL, "\n" line end) is followed: a field is quoted when it holds
# a comma, a double quote (doubled inside) or a line feed, and also a carriage return (as the
# csv module does from Python 3.13; ingestion splits lines at it, so no table text holds one).
# Tables of one column (whose empty field the csv module writes as "") or with columns of
# other kinds go through ``to_csv``.

DISTINCT_SAMPLE = 1000  # a column is written value by value when half its first 1,000 differ


def csv_field(text: str) -> str:
    """One field as the csv module writes it (QUOTE_MINIMAL, "\n" line end; Python 3.13's
    rule for a carriage return): quoted when it holds a comma, a double quote, a line feed or a
    carriage return (four substring searches: half the time of a regex class)."""
    needs_quotes = "," in text or '"' in text or "\n" in text or "\r" in text
    return '"' + text.replace('"', '""') + '"' if needs_quotes else text


def _text_fields(values) -> list[str]:
    """Fields of a column's values, a series or array (None, NaN and NA empty; others as
    ``str`` writes them)."""
    return [
        "" if absent else csv_field(value if type(value) is str else str(value))
        for value, absent in zip(values.tolist(), pd.isna(values).tolist())
    ]


def _written_here(dtype) -> bool:
    """Whether columns of this kind are written here: flags, integers (also nullable), texts
    or objects, and float64 (formatted as text first, :func:`with_floats_formatted`)."""
    return (
        dtype in (np.bool_, np.float64)
        or (dtype.kind in "iu" and (isinstance(dtype, np.dtype) or is_extension_array_dtype(dtype)))
        or is_object_dtype(dtype)
        or isinstance(dtype, pd.StringDtype)
    )


def column_fields(column: pd.Series) -> list[str]:
    """The column's fields as ``to_csv`` writes them (a kind :func:`_written_here`)."""
    dtype = column.dtype
    if dtype == np.bool_:
        return np.where(column.to_numpy(), "True", "False").tolist()
    numbers = dtype.kind in "iu"
    if is_object_dtype(dtype) and infer_dtype(column, skipna=True) != "string":
        return _text_fields(column)  # mixed objects: 1 and 1.0 must not be merged
    if not numbers and column.iloc[:DISTINCT_SAMPLE].nunique() * 2 > min(
        len(column), DISTINCT_SAMPLE
    ):
        return _text_fields(column)
    codes, distinct = pd.factorize(column)  # missing values get code -1: the last field, ""
    written = list(map(str, distinct.tolist())) if numbers else _text_fields(distinct)
    return np.array([*written, ""], dtype=object)[codes].tolist()


CHUNK_ROWS = 20_000
"""Rows made into text at a time, so that a large table is never held whole as text (the
sentiment table of 10,000 synthetic articles is 62 MB of CSV)."""


def csv_chunks(
    frame: pd.DataFrame,
    header: bool = True,
    rows: int = CHUNK_ROWS,
    float_format: str | None = CSV_OPTIONS["float_format"],
) -> Iterator[str]:
    """``frame.to_csv(**CSV_OPTIONS)`` (with ``float_format``) in pieces (the header row first,
    when ``header``; then ``rows`` rows at a time), floats formatted once per piece
    (:func:`with_floats_formatted`). Columns of other kinds, repeated names or more than one
    header row go through ``to_csv``."""
    options = {**CSV_OPTIONS, "encoding": None, "float_format": float_format}
    if isinstance(frame.columns, pd.MultiIndex) or not frame.columns.is_unique:
        yield frame.to_csv(header=header, **options)
        return
    if len(frame.columns) < 2 or not all(map(_written_here, frame.dtypes)):
        yield with_floats_formatted(frame, float_format).to_csv(header=header, **options)
        return
    if header:
        yield ",".join(csv_field(str(name)) for name in frame.columns) + "\n"
    for start in range(0, len(frame), rows):
        part = with_floats_formatted(frame.iloc[start : start + rows], float_format)
        columns = [column_fields(part[name]) for name in part.columns]
        yield "".join([",".join(row) + "\n" for row in zip(*columns)])


def csv_text(
    frame: pd.DataFrame, header: bool = True, float_format: str | None = CSV_OPTIONS["float_format"]
) -> str:
    """:func:`csv_chunks` joined: ``frame.to_csv(**CSV_OPTIONS)`` (with ``float_format``) as
    text."""
    return "".join(csv_chunks(frame, header, float_format=float_format))


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> dict[str, dict[str, str]]:
    """Write each table as UTF-8 CSV with a header row, byte-identical for the same input;
    returns each table's column kinds (for ``schema.json``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in sorted(tables.items()):
        with (out_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(csv_chunks(frame))
    return {name: column_kinds(frame) for name, frame in tables.items()}


class CsvPart(NamedTuple):
    """One part of a streamed table, rendered where it was made: its CSV rows without the
    header, its header line and its column kinds."""

    rows: str
    header: str
    kinds: dict[str, str]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> CsvPart:
        rows = csv_text(frame, header=False) if len(frame) else ""
        header = csv_text(frame.iloc[:0])
        return cls(rows, header, column_kinds(frame))


class CsvStream:
    """One table written part by part, in order, so no process holds it whole. The file equals
    ``to_csv`` of the concatenated parts when every column has one kind in all parts, which
    holds for the ingestion tables streamed here (their columns are always text or integers)."""

    def __init__(self, path: Path):
        self.path, self.kinds, self.first_part = Path(path), None, None

    def write(self, part: CsvPart) -> None:
        """Append one part (the first non-empty part writes the header)."""
        if self.first_part is None:
            self.first_part = part
        if not part.rows:
            return
        with self.path.open(
            "w" if self.kinds is None else "a", encoding="utf-8", newline=""
        ) as handle:
            if self.kinds is None:
                handle.write(part.header)
                self.kinds = part.kinds
            handle.write(part.rows)

    def close(self) -> dict[str, str]:
        """Finish the file (a header only, if every part was empty); the table's column kinds."""
        if self.kinds is None:
            self.path.write_text(self.first_part.header, encoding="utf-8")
            return self.first_part.kinds
        return self.kinds
