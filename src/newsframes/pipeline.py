"""The whole pipeline as one function: ingest a folder, run every analysis stage, write CSV tables.

The book's chapters and the ``newsframes run`` command both use it, so the tables a reader
gets from the command are the ones the book shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .ingest import DEFAULT_MAX_MB, build_corpus


def parallel_map(workers: int = 1, scheduler: str | None = None):
    """``map`` for one worker; otherwise a Dask bag map on local processes or on a cluster."""
    if workers <= 1 and not scheduler:
        return map

    def dask_map(function, items):
        import dask.bag as db

        items = list(items)
        if not items:
            return []
        bag = db.from_sequence(items, npartitions=min(len(items), max(workers, 1) * 4))
        if scheduler:
            from distributed import Client

            with Client(scheduler):
                return bag.map(function).compute()
        return bag.map(function).compute(scheduler="processes", num_workers=workers)

    return dask_map


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Ingestion's tables: documents, lines, sentences and the cleaned texts."""
    texts = pd.DataFrame(sorted(corpus.texts.items()), columns=["doc_id", "text"])
    return {"documents": corpus.documents, "lines": corpus.lines, "sentences": corpus.sentences, "texts": texts}


def analyse(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Every analysis table computed from an ingested corpus, in chapter order."""
    from . import compare, framing

    tables = corpus_tables(corpus)
    if corpus.usable.empty:  # nothing to analyse; the documents table says why
        return tables
    comparison = compare.run(corpus)
    tables.update(comparison)
    tables.update(framing.run(corpus, comparison))
    return tables


SCHEMA_FILE = "schema.json"


def column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """'number' or 'text' for each column, so readers parse a column the same way whatever its
    values (an all-empty text column must not come back as numbers)."""
    return {column: "number" if pd.api.types.is_numeric_dtype(frame[column]) else "text" for column in frame.columns}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table as UTF-8 CSV with a header row, byte-identical for the same input,
    plus ``schema.json`` giving each column's kind."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in sorted(tables.items()):
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8")
        written.append(path)
    schema = {name: column_kinds(frame) for name, frame in sorted(tables.items())}
    (out_dir / SCHEMA_FILE).write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written


def run(seeds_dir, out_dir, workers: int = 1, scheduler: str | None = None,
        max_mb: float = DEFAULT_MAX_MB) -> tuple[Corpus, dict[str, pd.DataFrame], list[str]]:
    """Ingest ``seeds_dir``, analyse it and write all tables to ``out_dir``."""
    corpus, messages = build_corpus(seeds_dir, max_mb=max_mb, mapper=parallel_map(workers, scheduler))
    tables = analyse(corpus)
    write_tables(tables, out_dir)
    return corpus, tables, messages
