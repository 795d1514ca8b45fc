"""The whole pipeline as one function: ingest a folder, run every analysis stage, write CSV tables.

The book's chapters and the ``newsframes run`` command both use it, so the tables a reader
gets from the command are the ones the book shows.

Per-document work runs in partitions of ``partition_size`` files (in doc_id order): ingestion
of each file, then each stage's ``document_tables`` (tables that are per document by
construction). With ``workers > 1`` the partitions run as Dask distributed tasks on a
``LocalCluster`` of local processes, with ``scheduler`` on an existing Dask cluster (whose
workers must see the article folder); a corpus that fits in one partition, or ``workers=1``,
runs in-process with no start-up cost. Between the two steps a partition's ingestion results
stay on its worker (futures, not a bag: only small summaries travel, for the decisions that
need every file). Cross-document tables (``corpus_tables``) are computed once from the
concatenated partitions, so the tables written are byte-identical whatever the number of
workers or partitions.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .corpus import Corpus, Status, corpus_of, public
from .csv_tables import SCHEMA_FILE, CsvPart, CsvStream, write_tables
from .ingest.document import DOCUMENT_COLUMNS, DocumentResult, process_document
from .ingest.reading import DEFAULT_MAX_MB
from .ingest.settle import article_jobs, assemble, discover, settle_documents, summary

DEFAULT_PARTITION_SIZE = 100


class Progress:
    """What a run says on stderr while it works: progress bars (files read, partitions done)
    and each cross-document stage started and finished when ``show``; each message about a
    file passed to ``report`` as soon as it is known. Never touches the tables."""

    def __init__(self, show: bool = False, report=None):
        self.show, self.report = show, report

    def bar(self, total: int, desc: str, unit: str):
        from tqdm import tqdm

        return tqdm(
            total=total,
            desc=f"newsframes: {desc}",
            unit=unit,
            file=sys.stderr,
            disable=not self.show,
            leave=True,
        )

    def say(self, text: str) -> None:
        if self.show:
            from tqdm import tqdm

            tqdm.write(f"newsframes: {text}", file=sys.stderr)

    def messages(self, messages: list[str]) -> None:
        for message in messages if self.report else ():
            self.report(message)


SILENT = Progress()


def chunks(items: list, size: int) -> list[list]:
    """``items`` in consecutive lists of at most ``size``."""
    return [items[i : i + size] for i in range(0, len(items), max(size, 1))]


LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
}
"""Dask settings for a local cluster. Its nannies and system monitors run in this process beside
the scheduler and poll each worker's memory every 100 ms and the disks every 0.5 s: memory once
a second is enough to enforce the limit, and disk counters are never read here."""


@contextmanager
def dask_client(workers: int, scheduler: str | None):
    """A Dask distributed client on ``scheduler``, or on a new ``LocalCluster`` of ``workers``
    single-threaded processes (the pipeline is pure Python: threads would share one GIL) with
    :data:`LOCAL_CLUSTER_CONFIG`."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def document_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Every per-document table of a corpus or partition: its ingestion tables, then each
    stage's ``document_tables`` (named ``stage.table``). A document whose analysis raises is
    marked ``analysis_failed`` (:func:`isolate_failures`) and the others are analysed."""
    try:
        return analysed_tables(corpus)
    except Exception:  # noqa: BLE001 -- one bad article must not stop the run
        return analysed_tables(isolate_failures(corpus))


def analysed_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """:func:`document_tables` with no fault isolation."""
    from . import compare, framing

    tables = ingestion_tables(corpus)
    if not corpus.usable.empty:
        tables.update(
            {f"compare.{name}": frame for name, frame in compare.document_tables(corpus).items()}
        )
        tables.update(
            {f"framing.{name}": frame for name, frame in framing.document_tables(corpus).items()}
        )
    return tables


FAILED_STATUS = Status.ANALYSIS_FAILED


def failure_problem(error: Exception, stage_name: str) -> str:
    """The ``problem`` of a document whose analysis raised: the exception type, its first
    line and the stage."""
    lines = str(error).strip().splitlines()
    detail = f": {lines[0][:200]}" if lines else ""
    return (
        f"analysis_failed in {stage_name} ({type(error).__name__}{detail}); "
        "the file was left out of the analyses, please report it"
    )


def one_document(corpus: Corpus, doc_id: str) -> Corpus:
    """The corpus restricted to one document."""
    return Corpus(
        documents=corpus.documents[corpus.documents["doc_id"] == doc_id],
        sentences=corpus.sentences[corpus.sentences["doc_id"] == doc_id],
        texts={doc_id: corpus.texts[doc_id]},
        lines=corpus.lines[corpus.lines["doc_id"] == doc_id],
        provenance=_rows_of(corpus.provenance, {doc_id}),
    )


def first_failure(corpus: Corpus) -> str:
    """'' if the analyses of ``corpus`` run, else the problem naming the failing stage."""
    from . import compare, framing

    analyses = (("compare", compare.document_tables), ("framing", framing.document_tables))
    for stage_name, analyse in analyses:
        try:
            analyse(corpus)
        except Exception as error:  # noqa: BLE001
            return failure_problem(error, stage_name)
    return ""


def isolate_failures(corpus: Corpus) -> Corpus:
    """``corpus`` with each usable document whose analyses raise on their own marked
    ``analysis_failed`` (its text and sentences dropped, its lines kept)."""
    problems = {
        doc_id: first_failure(one_document(corpus, doc_id)) for doc_id in corpus.usable["doc_id"]
    }
    failed = {doc_id: problem for doc_id, problem in problems.items() if problem}
    documents = corpus.documents.copy()
    marked = documents["doc_id"].isin(failed)
    documents.loc[marked, "status"] = FAILED_STATUS
    documents.loc[marked, "problem"] = documents.loc[marked, "doc_id"].map(failed)
    sentences = corpus.sentences[~corpus.sentences["doc_id"].isin(failed)]
    texts = {doc_id: text for doc_id, text in corpus.texts.items() if doc_id not in failed}
    credits = _rows_of(corpus.provenance, set(texts))
    return Corpus(
        documents=documents,
        sentences=sentences,
        texts=texts,
        lines=corpus.lines,
        provenance=credits,
    )


def _rows_of(table: pd.DataFrame, doc_ids: set[str]) -> pd.DataFrame:
    """The rows of a per-document table for some documents (an empty table stays as it is)."""
    return table[table["doc_id"].isin(doc_ids)] if "doc_id" in table else table


def ingest_files(
    jobs: list[tuple[Path, str]], max_bytes: int, progress: Progress = SILENT
) -> list[DocumentResult]:
    """:func:`ingest.document.process_document` for each (path, doc_id) job; a file whose ingestion
    raises gets a row with status ``analysis_failed`` and no text."""
    results = []
    with progress.bar(len(jobs), "files read", "file") as bar:
        for path, doc_id in jobs:
            results.append(ingest_safely(path, doc_id, max_bytes))
            bar.update()
    return results


def ingest_safely(path: Path, doc_id: str, max_bytes: int) -> DocumentResult:
    """:func:`ingest.document.process_document`, or a failed row if it raises."""
    try:
        return process_document(path, doc_id, max_bytes)
    except Exception as error:  # noqa: BLE001 -- one bad article must not stop the run
        row = {column: "" for column in DOCUMENT_COLUMNS}
        row.update(
            doc_id=doc_id,
            file=path.name,
            status=FAILED_STATUS,
            problem=failure_problem(error, "ingestion"),
            n_lines=0,
            n_removed_lines=0,
            n_sentences=0,
            n_tokens=0,
        )
        return DocumentResult(row, [])


def failure_messages(folder: Path, documents: pd.DataFrame, messages: list[str]) -> list[str]:
    """One message per document whose analyses failed after ingestion (not yet in ``messages``)."""
    failed = documents[documents["status"] == FAILED_STATUS]
    found = [
        f"{Path(folder) / file}: {problem}"
        for file, problem in zip(failed["file"], failed["problem"])
    ]
    return [*messages, *(message for message in found if message not in messages)]


def partition_tables(results: list, rows: list[dict]) -> dict[str, pd.DataFrame]:
    """:func:`document_tables` of one partition, from its files' ingestion results and
    settled document rows; the :data:`STREAMED_TABLES` as :class:`CsvPart` (rendered on the
    worker, so the largest tables never travel as frames)."""
    tables = document_tables(assemble(results, rows))
    return {**tables, **{name: CsvPart.of(tables[name]) for name in STREAMED_TABLES}}


def concat_tables(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Each table's partition frames concatenated in partition order (a table missing from a
    partition with no usable document is skipped there)."""
    names = list(dict.fromkeys(name for part in parts for name in part))
    tables = {}
    for name in names:
        present = [part[name] for part in parts if name in part]
        frames = [frame for frame in present if not frame.empty]
        tables[name] = pd.concat(frames, ignore_index=True) if frames else present[0]
    return tables


def stage(tables: dict[str, pd.DataFrame], prefix: str) -> dict[str, pd.DataFrame]:
    """The tables of one stage (named ``prefix.name`` in :func:`document_tables`)."""
    return {
        name[len(prefix) + 1 :]: frame
        for name, frame in tables.items()
        if name.startswith(prefix + ".")
    }


INGESTION_TABLES = ("documents", "lines", "sentences", "texts")


def timed(function, *args):
    """``function(*args)`` and the CPU seconds its thread spent on it (other threads' work
    excluded, so the figure holds while they run)."""
    start = time.thread_time()
    result = function(*args)
    return result, time.thread_time() - start


def ingestion_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Ingestion's tables (:data:`INGESTION_TABLES`): documents, lines, sentences and the
    cleaned texts."""
    texts = pd.DataFrame(sorted(corpus.texts.items()), columns=["doc_id", "text"])
    return {
        "documents": corpus.documents,
        "lines": corpus.lines,
        "sentences": corpus.sentences,
        "texts": texts,
    }


def write_all_tables(
    corpus: Corpus,
    per_document: dict[str, pd.DataFrame],
    out_dir: Path,
    streamed: dict[str, dict[str, str]],
    progress: Progress = SILENT,
) -> dict[str, pd.DataFrame]:
    """Write the tables and return them: ingestion's, then each stage's per-document tables
    completed by its ``corpus_tables`` (computed once, over the whole corpus), without
    intermediate tables (``streamed``: column kinds of tables already written).

    The longest of them, framing's uncertainty (resampling), needs only framing's sentence
    measures, so it is computed in a second thread meanwhile, while all the others are
    computed and written, over the same tables (no second process holding a copy). Most of
    both threads' work holds Python's GIL, so the gain is modest (on saved 10,000-article
    inputs, 43 s against 51 s one after the other)."""
    from . import compare, framing

    tables = {name: per_document[name] for name in INGESTION_TABLES}
    kinds = dict(streamed)
    unwritten = {name: frame for name, frame in tables.items() if name not in streamed}
    if not corpus.usable.empty:  # else nothing to analyse; the documents table says why
        framed, comparison = stage(per_document, "framing"), stage(per_document, "compare")
        inputs = framing.corpus_inputs(corpus, framed, comparison)
        with ThreadPoolExecutor(max_workers=1) as thread:
            progress.say("framing uncertainty (resampling) started")
            uncertainty = thread.submit(
                timed, framing.uncertainty_table, inputs.measures, inputs.documents
            )
            progress.say("source comparison across documents (reuse, quote alignment) started")
            comparison = public({**comparison, **compare.corpus_tables(corpus, comparison)})
            kinds.update(write_tables({**unwritten, **comparison}, out_dir))
            progress.say("source comparison across documents finished; framing tables started")
            framed = public({**framed, **framing.descriptive_tables(inputs, framed, comparison)})
            kinds.update(write_tables(framed, out_dir))
            progress.say("framing tables finished")
            result, seconds = uncertainty.result()
            unwritten = {"uncertainty": result}
            progress.say(f"framing uncertainty finished ({seconds:.2f} s CPU in its thread)")
        tables.update({**comparison, **framed, **unwritten})
    kinds.update(write_tables(unwritten, out_dir))
    (Path(out_dir) / SCHEMA_FILE).write_text(
        json.dumps(kinds, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return tables


def run_in_process(
    folder: Path, max_mb: float, progress: Progress = SILENT
) -> tuple[Corpus, dict[str, pd.DataFrame], list[str]]:
    """The whole corpus as one partition, in this process (no start-up cost: the seeds)."""
    jobs, messages = article_jobs(folder)
    results = ingest_files(jobs, int(max_mb * 1e6), progress)
    rows, messages = settle_documents(folder, results, messages)
    progress.messages(messages)
    corpus = assemble(results, rows)
    progress.say("per-document analyses started")
    tables = document_tables(corpus)
    progress.say("per-document analyses finished")
    return corpus_of(tables), tables, messages


STREAMED_TABLES = (
    "lines",
    "sentences",
)  # written as partitions arrive; no cross-document stage reads them
SUMMED_TABLES = {"compare._terms": ["term"], "framing._terms": ["camp", "outlet", "term"]}
"""Tables of counts that the cross-document stages only sum by these keys: their partitions are
summed as they arrive (integers: exact in any order), so this process holds tables the size of
the vocabulary, not of the corpus."""
SUM_EVERY = 10  # partitions collected before they are summed


def sum_counts(frames: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """The rows of ``frames`` summed by ``keys`` (sorted by them)."""
    return pd.concat(frames, ignore_index=True).groupby(keys, as_index=False, sort=True).sum()


def run_on_cluster(
    client,
    folder: Path,
    max_mb: float,
    partition_size: int,
    out_dir: Path,
    progress: Progress = SILENT,
):
    """Files in partitions of ``partition_size`` on the workers of ``client``. Each partition's
    ingestion results stay on its worker; only their summaries come to this process for the
    corpus-level decisions (duplicates, years, sources sheet), which go back to the same
    partitions for their per-document tables. The biggest tables (:data:`STREAMED_TABLES`)
    go to ``out_dir`` as each partition arrives. Returns the corpus (without lines and
    sentences), the other per-document tables, the messages and the streamed tables' kinds."""
    jobs, messages = article_jobs(folder)
    job_parts = chunks(jobs, partition_size) or [[]]
    ingested = client.map(ingest_partition, job_parts, max_bytes=int(max_mb * 1e6), pure=False)
    summaries = gathered(
        client.map(summaries_of, ingested, pure=False),
        progress.bar(len(jobs), "files read", "file"),
    )
    rows, messages = settle_documents(folder, [s for part in summaries for s in part], messages)
    progress.messages(messages)
    row_parts = chunks(rows, partition_size) or [[]]
    analysed = client.map(partition_tables, ingested, row_parts, pure=False)
    del ingested  # each worker frees a partition's ingestion results once its tables are made
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    streams = {name: CsvStream(Path(out_dir) / f"{name}.csv") for name in STREAMED_TABLES}
    parts, counts = [], {name: [] for name in SUMMED_TABLES}
    done = progress.bar(len(analysed), "partitions analysed", "partition")
    for future in analysed:  # in partition order
        part = future.result()
        done.update()
        future.release()
        for name, stream in streams.items():
            stream.write(part.pop(name))
        for name, summed in counts.items():
            if name in part:
                summed.append(part.pop(name))
            if len(summed) >= SUM_EVERY:
                summed[:] = [sum_counts(summed, SUMMED_TABLES[name])]
        parts.append(part)
    done.close()
    per_document = concat_tables(parts)
    per_document.update(
        {name: sum_counts(summed, SUMMED_TABLES[name]) for name, summed in counts.items() if summed}
    )
    empty = pd.DataFrame()
    per_document.update({name: empty for name in STREAMED_TABLES})
    kinds = {name: stream.close() for name, stream in streams.items()}
    return corpus_of(per_document), per_document, messages, kinds


def gathered(futures: list, bar) -> list:
    """The results of ``futures`` (each a list) in their order, ``bar`` advanced by each
    list's length as it arrives."""
    from distributed import as_completed

    with bar:
        for future in as_completed(futures):
            bar.update(len(future.result()))
    return [future.result() for future in futures]


def ingest_partition(jobs: list, max_bytes: int) -> list:
    """:func:`ingest.settle.ingest_files` on a worker, whose results stay there until the
    partition's tables are made: they are moved out of the garbage collector's sight
    (``gc.freeze``; they hold no reference cycles and are still freed when released), or every
    collection would rescan all of them and a worker's time would grow faster than its share of
    the corpus."""
    results = ingest_files(jobs, max_bytes)
    gc.freeze()
    return results


def summaries_of(results: list) -> list:
    """One partition's ingestion results as :func:`ingest.settle.summary` objects."""
    return [summary(result) for result in results]


def run(
    seeds_dir,
    out_dir,
    workers: int = 1,
    scheduler: str | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: Progress = SILENT,
) -> tuple[Corpus, dict[str, pd.DataFrame], list[str]]:
    """Ingest ``seeds_dir``, analyse it and write all tables to ``out_dir``.

    Dask is used only when it can help: a scheduler address is given, or ``workers > 1`` and
    the folder holds more than one partition of files. ``progress`` says what the run is doing
    and passes on each message about a file as soon as it is known. Returns the corpus, the
    tables and the messages; on Dask the lines and sentences tables are only written
    (returned empty).
    """
    folder = Path(seeds_dir)
    n_files = len(discover(folder)[0])
    streamed = {}
    if scheduler or (workers > 1 and n_files > partition_size):
        with dask_client(workers, scheduler) as client:
            corpus, per_document, messages, streamed = run_on_cluster(
                client, folder, max_mb, partition_size, out_dir, progress
            )
    else:
        corpus, per_document, messages = run_in_process(folder, max_mb, progress)
    settled, messages = len(messages), failure_messages(folder, corpus.documents, messages)
    progress.messages(messages[settled:])
    gc.freeze()  # the per-document tables live to the end: as in ingest_partition
    return corpus, write_all_tables(corpus, per_document, out_dir, streamed, progress), messages
