"""The in-process flow of the pipeline: ingest files, make each stage's per-document tables with
failures isolated to the document that raised them, and write every table. Runs as is for a
corpus that fits one partition (or ``workers=1``); the partitioned runs (:mod:`.partitions`,
on a local pool or Dask) use its per-partition pieces."""

from __future__ import annotations

import gc
import json
import sys
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .corpus import Corpus, Status, corpus_of, public
from .csv_tables import SCHEMA_FILE, write_tables
from .ingest.document import DOCUMENT_COLUMNS, DocumentResult, process_document
from .ingest.settle import article_jobs, assemble, settle_documents


class Progress:
    """What a run says on stderr while it works: progress bars (files read, partitions done)
    and each cross-document stage started and finished when ``show``; each message about a
    file passed to ``report`` as soon as it is known. Never touches the tables."""

    def __init__(self, show: bool = False, report=None):
        self.show, self.report = show, report

    def bar(self, total: int, desc: str, unit: str):
        return _quiet_bar_class()(
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


@lru_cache(maxsize=1)
def _quiet_bar_class():
    """tqdm's bar without its monitor thread (which only tunes how often a slow bar redraws):
    the pipeline forks processes after its bars have run, and a process with a second thread
    should not be forked (Python 3.12 warns of deadlocks in the child)."""
    from tqdm import tqdm

    return type("ProgressBar", (tqdm,), {"monitor_interval": 0})


@contextmanager
def no_cycle_collection():
    """The garbage collector paused while documents are read and analysed (reference counting
    still frees everything not in a cycle; a pause already in force is kept). Their rows are
    long-lived containers, not cyclic garbage: on the 924 PolNeAR articles in one process, 1,273
    collections found 1,012 objects, and reading every young container again took about 5% of
    the analyses' CPU time. The few cycles made meanwhile are freed by the next collection after
    the pause."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def document_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Every per-document table of a corpus or partition: its ingestion tables, then each
    stage's ``document_tables`` (named ``stage.table``). A document whose analysis raises is
    marked ``analysis_failed`` (:func:`isolate_failures`) and the others are analysed."""
    with no_cycle_collection():
        try:
            return analysed_tables(corpus)
        except Exception:  # noqa: BLE001 -- one bad article must not stop the run
            return analysed_tables(isolate_failures(corpus))


def analysed_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """:func:`document_tables` with no fault isolation."""
    from . import compare, framing

    tables = ingestion_tables(corpus)
    if not corpus.usable.empty:
        comparison = compare.document_tables(corpus)
        framed = framing.document_tables(corpus, comparison["quotes"])
        tables.update({f"compare.{name}": frame for name, frame in comparison.items()})
        tables.update({f"framing.{name}": frame for name, frame in framed.items()})
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


def some_documents(corpus: Corpus, doc_ids: list[str]) -> Corpus:
    """The corpus restricted to some documents."""
    kept = set(doc_ids)
    return Corpus(
        documents=_rows_of(corpus.documents, kept),
        sentences=_rows_of(corpus.sentences, kept),
        texts={doc_id: corpus.texts[doc_id] for doc_id in doc_ids},
        lines=_rows_of(corpus.lines, kept),
        provenance=_rows_of(corpus.provenance, kept),
    )


def first_failure(corpus: Corpus) -> str:
    """'' if the analyses of ``corpus`` run, else the problem naming the failing stage. They
    run as :func:`analysed_tables` runs them: framing's with source comparison's quotes."""
    from . import compare, framing

    stage_name = "compare"
    try:
        quotes = compare.document_tables(corpus)["quotes"]
        stage_name = "framing"
        framing.document_tables(corpus, quotes)
    except Exception as error:  # noqa: BLE001
        return failure_problem(error, stage_name)
    return ""


def failing_documents(corpus: Corpus, doc_ids: list[str], fails: bool = False) -> dict[str, str]:
    """The problem of each of ``doc_ids`` whose analyses raise on their own, found by halving:
    documents are analysed independently, so a group whose analyses run holds none, and one
    whose analyses raise (``fails``: already known to) is split in two until single documents
    are left. One failing document among n costs about 2·log2(n) analyses of ever smaller
    groups, not n analyses each with its own fixed cost (the 84 PolNeAR dev files in one
    process with one failing file: 4.8 CPU s against 9.9 s, the whole run); every document
    failing, at most 2n - 1."""
    if not doc_ids:
        return {}
    if len(doc_ids) == 1:
        problem = first_failure(some_documents(corpus, doc_ids))
        return {doc_ids[0]: problem} if problem else {}
    if not fails and not first_failure(some_documents(corpus, doc_ids)):
        return {}
    half = len(doc_ids) // 2
    return {
        **failing_documents(corpus, doc_ids[:half]),
        **failing_documents(corpus, doc_ids[half:]),
    }


def isolate_failures(corpus: Corpus) -> Corpus:
    """``corpus``, whose analyses raised, with each usable document whose analyses raise on
    their own (:func:`failing_documents`) marked ``analysis_failed`` (its text and sentences
    dropped, its lines kept)."""
    failed = failing_documents(corpus, list(corpus.usable["doc_id"]), fails=True)
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
    with progress.bar(len(jobs), "files read", "file") as bar, no_cycle_collection():
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


def once_done(future, run_tasks):
    """A ``run_tasks`` (see :func:`.compare.corpus_tables`) that runs the tasks here, one after
    the other, while ``future`` is not done, and hands the rest to ``run_tasks`` as soon as it
    is: the core that ``future``'s process held is free then. Results in task order."""

    def run(tasks: list) -> list:
        results = []
        for number, task in enumerate(tasks):
            if future.done():
                return results + run_tasks(tasks[number:])
            results.append(task())
        return results

    return run


def write_all_tables(
    corpus: Corpus,
    per_document: dict[str, pd.DataFrame],
    out_dir: Path,
    streamed: dict[str, dict[str, str]],
    progress: Progress = SILENT,
    beside=None,
    spilled=None,
    run_tasks=None,
) -> dict[str, pd.DataFrame]:
    """Write the tables and return them: ingestion's, then each stage's per-document tables
    completed by its ``corpus_tables`` (computed once, over the whole corpus), without
    intermediate tables (``streamed``: column kinds of tables already written). Framing's
    per-document tables are those in ``per_document`` and, from partitions, in ``spilled``
    (a :class:`~.partitions.SpilledGroup`, read where they are used).

    Framing's cross-document tables (:func:`framing_tables`) read only its own per-document
    tables and source comparison's per-document quotes and facts, so with ``beside`` (a
    ``submit`` to another process that sees ``out_dir`` and ``spilled``: one forked for them,
    :class:`~.partitions.ForkedBeside`) they are made and written there while this process
    makes and writes source comparison's. Without it they come after, here, once
    ``per_document`` is emptied and source comparison's intermediate tables (text reuse's
    shingles are the largest) are dropped. (Framing's tables in a second thread here instead
    shortened no 10,000-article run beyond the machine's drift: the two stages' Python work
    shares one interpreter lock.) Source comparison's cross-document tasks run through
    ``run_tasks`` (in this process when None; see :func:`.compare.corpus_tables`); beside
    framing's, only those left when framing's are done (:func:`once_done`), the others here."""
    from . import compare

    tables = {name: per_document[name] for name in INGESTION_TABLES}
    kinds = dict(streamed)
    unwritten = {name: frame for name, frame in tables.items() if name not in streamed}
    if not corpus.usable.empty:  # else nothing to analyse; the documents table says why
        framed = [Held(stage(per_document, "framing")), *([spilled] if spilled else [])]
        comparison = stage(per_document, "compare")
        per_document.clear()
        framing_inputs = (corpus.documents, framed, _framing_reads(comparison), out_dir)
        elsewhere = beside(framing_tables, *framing_inputs) if beside else None
        if elsewhere:
            framing_inputs = None  # this process need not keep them
            progress.say("framing tables (resampling included) started in another process")
        del framed
        progress.say("source comparison across documents (reuse, quote alignment) started")
        run_tasks = run_tasks or compare.run_here
        if elsewhere:
            run_tasks = once_done(elsewhere, run_tasks)
        across = compare.corpus_tables(corpus, comparison, run_tasks)
        comparison = public({**comparison, **across})
        kinds.update(write_tables({**unwritten, **comparison}, out_dir))
        unwritten = {}
        progress.say("source comparison across documents finished")
        if not elsewhere:
            progress.say("framing tables (resampling included) started")
        framed, framed_kinds, seconds = (
            elsewhere.result() if elsewhere else framing_tables(*framing_inputs)
        )
        progress.say(f"framing tables finished; framing uncertainty took {seconds:.2f} s CPU")
        kinds.update(framed_kinds)
        tables.update({**comparison, **framed})
    kinds.update(write_tables(unwritten, out_dir))
    (Path(out_dir) / SCHEMA_FILE).write_text(
        json.dumps(kinds, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return tables


class Held(NamedTuple):
    """Tables held in this process, read as a :class:`~.partitions.SpilledGroup` is."""

    frames: dict[str, pd.DataFrame]

    def tables(self) -> dict[str, pd.DataFrame]:
        return self.frames


def _framing_reads(comparison: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The source-comparison tables framing's cross-document tables read."""
    return {name: comparison[name] for name in ("quotes", "facts")}


def framing_tables(
    documents: pd.DataFrame,
    framed: list,
    comparison: dict[str, pd.DataFrame],
    out_dir: Path,
) -> tuple[dict[str, pd.DataFrame], dict[str, dict[str, str]], float]:
    """Framing's tables from its per-document tables (``framed``: :class:`Held` or spilled
    groups of them, named as in framing's ``document_tables``) and source
    comparison's quotes and facts (``comparison``), written to ``out_dir``: the tables, their
    column kinds and the CPU seconds of the uncertainty table alone (:func:`timed`)."""
    from . import framing

    per_document = {}
    for part in framed:
        per_document.update(part.tables())
    inputs = framing.corpus_inputs(
        Corpus(documents=documents, sentences=pd.DataFrame(), texts={}), per_document, comparison
    )
    uncertainty, seconds = timed(framing.uncertainty_table, inputs.measures, inputs.documents)
    tables = public(
        {
            **per_document,
            **framing.descriptive_tables(inputs, per_document, comparison),
            "uncertainty": uncertainty,
        }
    )
    return tables, write_tables(tables, out_dir), seconds


def run_in_process(
    folder: Path,
    max_mb: float,
    progress: Progress = SILENT,
    found: tuple[list, list[str]] | None = None,
) -> tuple[Corpus, dict[str, pd.DataFrame], list[str]]:
    """The whole corpus as one partition, in this process (no start-up cost: the seeds);
    ``found``: the folder's :func:`article_jobs`, when already listed."""
    jobs, messages = found or article_jobs(folder)
    results = ingest_files(jobs, int(max_mb * 1e6), progress)
    rows, messages = settle_documents(folder, results, messages)
    progress.messages(messages)
    corpus = assemble(results, rows)
    progress.say("per-document analyses started")
    tables = document_tables(corpus)
    progress.say("per-document analyses finished")
    return corpus_of(tables), tables, messages
