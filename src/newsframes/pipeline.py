"""The whole pipeline as one function: ingest a folder, run every analysis stage, write CSV tables.

The book's chapters and the ``newsframes run`` command both use it, so the tables a reader
gets from the command are the ones the book shows.

Per-document work runs in partitions of ``partition_size`` documents: ingestion of each file,
then each stage's ``document_tables`` (tables that are per document by construction). With
``workers > 1`` the partitions run on a Dask ``LocalCluster`` of local processes, with
``scheduler`` on an existing Dask distributed cluster; a corpus that fits in one partition, or
``workers=1``, runs in-process with no start-up cost. Cross-document tables (``corpus_tables``)
are computed once from the concatenated partitions, so the tables written are byte-identical
whatever the number of workers or partitions.
"""

from __future__ import annotations

import json
from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path

import pandas as pd

from .corpus import Corpus
from .ingest import DEFAULT_MAX_MB, build_corpus, discover

DEFAULT_PARTITION_SIZE = 100


def chunks(items: list, size: int) -> list[list]:
    """``items`` in consecutive lists of at most ``size``."""
    return [items[i:i + size] for i in range(0, len(items), max(size, 1))]


@contextmanager
def dask_client(workers: int, scheduler: str | None):
    """A Dask distributed client on ``scheduler``, or on a new ``LocalCluster`` of ``workers``
    single-threaded processes (the pipeline is pure Python: threads would share one GIL)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def map_partitions(function, parts: list, client=None) -> list:
    """``[function(part) for part in parts]``, as one Dask bag partition per part on ``client``."""
    if client is None or len(parts) < 2:
        return [function(part) for part in parts]
    import dask.bag as db

    bag = db.from_sequence(parts, npartitions=len(parts)).map(function)
    return client.compute(bag).result()


def _apply_each(function, items: list) -> list:
    return [function(item) for item in items]


def partition_mapper(client, partition_size: int):
    """A ``map`` for :func:`ingest.build_corpus` that processes files in partitions."""
    def mapper(function, items):
        results = map_partitions(partial(_apply_each, function), chunks(list(items), partition_size), client)
        return [result for part in results for result in part]
    return mapper


def subset(corpus: Corpus, doc_ids: list[str]) -> Corpus:
    """The part of a corpus about ``doc_ids``: what one partition's worker receives."""
    keep = set(doc_ids)
    lines = corpus.lines[corpus.lines["doc_id"].isin(keep)] if len(corpus.lines) else corpus.lines
    return Corpus(documents=corpus.documents[corpus.documents["doc_id"].isin(keep)],
                  sentences=corpus.sentences[corpus.sentences["doc_id"].isin(keep)],
                  texts={d: corpus.texts[d] for d in doc_ids if d in corpus.texts}, lines=lines)


def concat_tables(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Each table's partition frames concatenated in partition order."""
    tables = {}
    for name in parts[0]:
        frames = [part[name] for part in parts if not part[name].empty]
        tables[name] = pd.concat(frames, ignore_index=True) if frames else parts[0][name]
    return tables


def partitions(corpus: Corpus, client=None, partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Corpus]:
    """The corpus cut into parts of ``partition_size`` usable documents for the workers of
    ``client``; in-process, the whole corpus as one part."""
    doc_ids = sorted(corpus.usable["doc_id"])
    if client is None or len(doc_ids) <= partition_size:
        return [corpus]
    return [subset(corpus, part) for part in chunks(doc_ids, partition_size)]


def stage_tables(stage, corpus: Corpus, parts: list[Corpus], client=None, **context) -> dict[str, pd.DataFrame]:
    """A stage's ``document_tables`` over the corpus's ``parts`` (:func:`partitions`), then its
    ``corpus_tables`` once over the whole corpus (with ``context``, e.g. earlier stages' tables)."""
    tables = concat_tables(map_partitions(stage.document_tables, parts, client))
    tables.update(stage.corpus_tables(corpus, tables, **context))
    return tables


def ingestion_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Ingestion's tables: documents, lines, sentences and the cleaned texts."""
    texts = pd.DataFrame(sorted(corpus.texts.items()), columns=["doc_id", "text"])
    return {"documents": corpus.documents, "lines": corpus.lines, "sentences": corpus.sentences, "texts": texts}


def analyse(corpus: Corpus, client=None, partition_size: int = DEFAULT_PARTITION_SIZE) -> dict[str, pd.DataFrame]:
    """Every analysis table computed from an ingested corpus, in chapter order."""
    from . import compare, framing

    tables = ingestion_tables(corpus)
    if corpus.usable.empty:  # nothing to analyse; the documents table says why
        return tables
    parts = partitions(corpus, client, partition_size)
    comparison = compare.public(stage_tables(compare, corpus, parts, client))
    tables.update(comparison)
    tables.update(framing.public(stage_tables(framing, corpus, parts, client, compare_tables=comparison)))
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


def run(seeds_dir, out_dir, workers: int = 1, scheduler: str | None = None, max_mb: float = DEFAULT_MAX_MB,
        partition_size: int = DEFAULT_PARTITION_SIZE) -> tuple[Corpus, dict[str, pd.DataFrame], list[str]]:
    """Ingest ``seeds_dir``, analyse it and write all tables to ``out_dir``.

    Dask is used only when it can help: a scheduler address is given, or ``workers > 1`` and
    the folder holds more than one partition of files.
    """
    n_files = len(discover(Path(seeds_dir))[0])
    parallel = bool(scheduler) or (workers > 1 and n_files > partition_size)
    with dask_client(workers, scheduler) if parallel else nullcontext() as client:
        corpus, messages = build_corpus(seeds_dir, max_mb=max_mb, mapper=partition_mapper(client, partition_size))
        tables = analyse(corpus, client, partition_size)
    write_tables(tables, out_dir)
    return corpus, tables, messages
