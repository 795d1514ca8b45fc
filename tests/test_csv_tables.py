"""The CSV writer (``csv_tables.csv_text``) writes every table exactly as pandas' ``to_csv`` with
the project's options would, for every kind of column the tables hold and for any text."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from newsframes import csv_tables

# texts built from the characters the csv module treats specially, and others (a carriage
# return has its own test: the csv module quotes it only from Python 3.13)
TEXTS = st.text(alphabet=st.sampled_from(list(",\"\n\t ;a'Zé\u2028\x00")), max_size=8)
TEXTS_OR_MISSING = st.one_of(TEXTS, st.none(), st.just(np.nan))


def pandas_text(frame: pd.DataFrame, header: bool = True) -> str:
    """The reference: pandas' own writer on the same frame."""
    return frame.to_csv(header=header, **{**csv_tables.CSV_OPTIONS, "encoding": None})


@st.composite
def frames(draw) -> pd.DataFrame:
    """A frame of 0-30 rows whose columns are of the kinds the pipeline's tables hold: text
    (pandas' str dtype or objects, with missing values), integers (also nullable), flags,
    floats (with NaN and -0.0) and objects mixing numbers and texts."""
    n = draw(st.integers(0, 30))
    kinds = draw(st.lists(st.sampled_from(sorted(COLUMN_KINDS)), min_size=1, max_size=5))
    columns = {
        f"c{i}{',' if i == 2 else ''}": draw(COLUMN_KINDS[kind](n)) for i, kind in enumerate(kinds)
    }
    return pd.DataFrame(columns)


def _values(strategy, n):
    return st.lists(strategy, min_size=n, max_size=n)


COLUMN_KINDS = {
    "str": lambda n: _values(TEXTS_OR_MISSING, n).map(lambda v: pd.Series(v, dtype="str")),
    "object": lambda n: _values(TEXTS_OR_MISSING, n).map(lambda v: pd.Series(v, dtype=object)),
    "repeated": lambda n: _values(st.sampled_from(["a", 'b"', "c,d", ""]), n).map(
        lambda v: pd.Series(v, dtype="str")
    ),
    "int": lambda n: _values(st.integers(-(2**63), 2**63 - 1), n).map(
        lambda v: pd.Series(v, dtype="int64")
    ),
    "nullable int": lambda n: _values(st.none() | st.integers(-5, 5), n).map(
        lambda v: pd.Series(v, dtype="Int64")
    ),
    "flag": lambda n: _values(st.booleans(), n).map(lambda v: pd.Series(v, dtype=bool)),
    "float": lambda n: _values(st.floats() | st.just(-0.0), n).map(
        lambda v: pd.Series(v, dtype="float64")
    ),
    "mixed objects": lambda n: _values(st.sampled_from([1, 1.0, True, "1", None, (1, 2)]), n).map(
        lambda v: pd.Series(v, dtype=object)
    ),
    "category": lambda n: _values(st.sampled_from(["x", "y,z"]), n).map(
        lambda v: pd.Series(v, dtype="category")
    ),
}


@settings(max_examples=300, deadline=None)
@given(frame=frames(), header=st.booleans(), rows=st.integers(1, 12))
def test_csv_text_is_what_pandas_writes(frame, header, rows):
    expected = pandas_text(frame, header)
    assert csv_tables.csv_text(frame, header) == expected
    assert "".join(csv_tables.csv_chunks(frame, header, rows)) == expected  # in pieces


@settings(max_examples=150, deadline=None)
@given(frame=frames(), rows=st.integers(1, 12))
def test_without_a_float_format_it_is_what_pandas_writes_by_default(frame, rows):
    """The book's downloads: ``to_csv`` with pandas' own float text (the shortest that reads
    back as the same number), for any kind of column, also with repeated column names."""
    expected = frame.to_csv(index=False, lineterminator="\n")
    assert csv_tables.csv_text(frame, float_format=None) == expected
    assert "".join(csv_tables.csv_chunks(frame, rows=rows, float_format=None)) == expected
    doubled = pd.concat([frame, frame], axis=1)
    assert csv_tables.csv_text(doubled, float_format=None) == doubled.to_csv(
        index=False, lineterminator="\n"
    )


def test_a_long_column_of_repeated_texts_is_written_through_its_distinct_values():
    # beyond the first 1,000 rows the distinct-value path is taken: still pandas' text
    values = ["same, value", 'a "quote"', None, "plain"] * 600 + [f"unique {i}" for i in range(50)]
    frame = pd.DataFrame({"doc_id": [f"d{i % 7}" for i in range(len(values))], "text": values})
    assert csv_tables.csv_text(frame) == pandas_text(frame)


def test_written_tables_are_pandas_csv_files(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ['x,\n"y"', None], "n": [1, 2]})
    csv_tables.write_tables({"table": frame}, tmp_path)
    assert (tmp_path / "table.csv").read_bytes() == pandas_text(frame).encode("utf-8")


def test_a_carriage_return_is_quoted_and_read_back():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one\rtwo", "three"]})
    written = csv_tables.csv_text(frame)
    assert '"one\rtwo"' in written
    assert pd.read_csv(io.StringIO(written)).to_dict("list") == frame.to_dict("list")
