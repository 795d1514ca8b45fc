"""The pipeline in partitions of files (:func:`run_partitions`): on a pool of local worker
processes (:func:`local_pool`), or as Dask distributed tasks on an existing scheduler
(:class:`DaskPartitions`), where ingestion results stay on their workers and only small
summaries travel."""

from __future__ import annotations

import ctypes
import itertools
import pickle
import shutil
import signal
import sys
import tempfile
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from .corpus import Corpus, corpus_of
from .csv_tables import CsvPart, CsvStream
from .in_process import (
    SILENT,
    document_tables,
    ingest_files,
    no_cycle_collection,
    stage,
)
from .in_process import Progress as Progress
from .ingest.settle import article_jobs, assemble, settle_documents, summary

MIN_PARTITION = 10  # the smallest partition worth a task of its own


def partition_sizes(n: int, largest: int, slots: int = 1) -> list[int]:
    """Sizes of consecutive partitions of ``n`` items for ``slots`` workers (task slots): each
    a ``2 * slots``-th of the items left, at most ``largest`` and at least ``MIN_PARTITION``
    (guided self-scheduling, Polychronopoulos & Kuck 1987). The last tasks are short, so the
    workers finish together however their partitions' costs differed, while the corpus
    still runs in few tasks (each task costs about 35 ms whatever its size)."""
    sizes, left = [], n
    while left > 0:
        size = min(left, max(1, largest), max(MIN_PARTITION, -(-left // (2 * max(slots, 1)))))
        if left - size < MIN_PARTITION and left <= largest:
            size = left  # no last partition smaller than the smallest worth a task
        sizes.append(size)
        left -= size
    return sizes


def partitioned(items: list, sizes: list[int]) -> list[list]:
    """``items`` cut into consecutive lists of the given ``sizes`` (which sum to its length)."""
    bounds = [0, *itertools.accumulate(sizes)]
    return [items[start:end] for start, end in zip(bounds, bounds[1:])]


@contextmanager
def dask_client(scheduler: str):
    """A Dask distributed client on the scheduler at ``scheduler``."""
    from distributed import Client

    with Client(scheduler) as client:
        yield client


def release_free_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing): the partitions' tables, unpickled and concatenated, leave about 90 MB of freed
    but still resident heap at 10,000 synthetic articles, which the cross-document stage would
    otherwise hold beside its own peak; an idle worker after its partitions, 145 -> 126 MB on
    4,620 PolNeAR texts with reprints."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None).malloc_trim(0)


def partition_tables(ingested: IngestedPartition, rows: list[dict]) -> dict:
    """:func:`document_tables` of one partition, from its files' ingestion results and
    settled document rows: the :data:`STREAMED_TABLES` as :class:`CsvPart` (rendered on the
    worker, so the largest tables never travel as frames), the :data:`SUMMED_TABLES` as frames,
    framing's other tables pickled together under :data:`FRAMED` (named as in framing's
    ``document_tables``) and every other table under :data:`PACKED`. The worker's freed heap
    is then given back (:func:`release_free_heap`), as it may wait beside the cross-document
    stage."""
    part = _partition_parts(ingested, rows)
    release_free_heap()
    return part


def _partition_parts(ingested: IngestedPartition, rows: list[dict]) -> dict:
    """:func:`partition_tables` without giving back the heap (no cycle collection meanwhile,
    the unpickled results and the tables pickled included: :func:`no_cycle_collection`)."""
    with no_cycle_collection():
        return _parts_of(document_tables(assemble(ingested.results(), rows)))


def _parts_of(tables: dict[str, pd.DataFrame]) -> dict:
    """A partition's tables as :func:`partition_tables` returns them."""
    parts = {
        **{name: CsvPart.of(tables.pop(name)) for name in STREAMED_TABLES},
        **{name: tables.pop(name) for name in SUMMED_TABLES if name in tables},
    }
    framed = stage(tables, "framing")
    tables = {name: frame for name, frame in tables.items() if not name.startswith("framing.")}
    return {
        **parts,
        FRAMED: pickle.dumps(framed, protocol=pickle.HIGHEST_PROTOCOL),
        PACKED: pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL),
    }


PACKED, FRAMED = "packed", "framed"
"""The keys of a partition's pickled tables: framing's per-document tables (read by framing's
cross-document tables only, which may be made by a worker) and all the others."""


class SpilledParts:
    """The partitions' pickled tables (:data:`PACKED`, :data:`FRAMED`), appended as they
    arrive to a temporary file (deleted on leaving the ``with`` block), so that this process
    holds none of them while the workers hold their own memory; read back once the workers are
    done, in partition order, a group of tables at a time (:class:`SpilledGroup`), by this
    process or by a worker. Held here as frames of Python objects they took about 450 MB at
    10,000 synthetic articles, which added to the workers' at the end of the partitions."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="newsframes-"))
        self.file = (self.folder / "partitions.pickle").open("wb")
        self.spans = {PACKED: [], FRAMED: []}

    def __enter__(self) -> SpilledParts:
        return self

    def __exit__(self, *exc) -> None:
        self.file.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def append(self, group: str, packed: bytes) -> None:
        self.spans[group].append((self.file.tell(), len(packed)))
        self.file.write(packed)

    def group(self, name: str) -> SpilledGroup:
        """The tables appended under ``name``, to be read where they are needed."""
        self.file.flush()
        return SpilledGroup(str(self.file.name), tuple(self.spans[name]))


class SpilledGroup(NamedTuple):
    """One group of the partitions' spilled tables: the file and each partition's (offset,
    size) in it. Small to send to a worker, which reads the tables itself."""

    path: str
    spans: tuple[tuple[int, int], ...]

    def size(self) -> int:
        """Bytes of the group's pickled tables."""
        return sum(size for _, size in self.spans)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The group's tables, each concatenated in partition order (:func:`unpacked_tables`;
        unpickled with no cycle collection, :func:`no_cycle_collection`)."""
        with no_cycle_collection():
            return unpacked_tables(self.parts())

    def parts(self):
        """Each partition's tables (a dict of frames), in partition order."""
        with open(self.path, "rb") as file:
            for offset, size in self.spans:
                file.seek(offset)
                yield pickle.loads(file.read(size))


def unpacked_tables(parts) -> dict[str, pd.DataFrame]:
    """Each table of the partitions' tables (``parts``: dicts of frames, in partition order),
    their frames concatenated in partition order (a table missing from a partition with no
    usable document is skipped there)."""
    parts = list(parts)
    names = list(dict.fromkeys(name for part in parts for name in part))
    tables = {}
    for name in names:
        present = [part.pop(name) for part in parts if name in part]
        frames = [frame for frame in present if not frame.empty]
        tables[name] = pd.concat(frames, ignore_index=True) if frames else present[0]
    return tables


STREAMED_TABLES = (
    "lines",
    "sentences",
)  # written as partitions arrive; no cross-document stage reads them
SUMMED_TABLES = {
    "compare._terms": (["term"], "n_docs"),
    "framing._terms": (["camp", "outlet", "term"], "count"),
}
"""Tables of counts that the cross-document stages only sum by their key columns: their
partitions are added up as they arrive (:class:`CountTotals`; integers, exact in any order), so
this process holds tables the size of the vocabulary, not of the corpus."""


class CountTotals:
    """One :data:`SUMMED_TABLES` table summed over partitions, as each partition arrives. Each
    key column's values are numbered as they first appear (one dict per column, each value held
    once) and a partition's rows kept as NumPy arrays of those numbers and its counts, summed by
    key once they outnumber the keys summed so far (and at the end). A dict of key tuples held
    every (camp, outlet, term) of the run as Python objects: at 10,000 synthetic articles of one
    outlet each, 2.5 million keys took this process from 340 to 650 MB while the partitions
    ran, and their table 1.2 GB at its peak."""

    MIN_ROWS_TO_SUM = 1_000_000  # rows waiting before they are summed, at the least

    def __init__(self, keys: list[str], value: str):
        self.keys, self.value, self.parts = keys, value, 0
        self.numbers: list[dict] = [{} for _ in keys]  # per key column: value -> its number
        self.waiting: list[tuple[list[np.ndarray], np.ndarray]] = []  # (key numbers, counts)
        self.waiting_rows = 0
        self.summed = ([np.zeros(0, np.int64) for _ in keys], np.zeros(0, np.int64))

    def add(self, frame: pd.DataFrame) -> None:
        self.parts += 1
        if frame.empty:
            return
        codes = []
        for key, numbers in zip(self.keys, self.numbers):
            local, values = pd.factorize(frame[key], use_na_sentinel=False)
            number = np.fromiter(
                (numbers.setdefault(v, len(numbers)) for v in values), np.int64, len(values)
            )
            codes.append(number[local])
        self.waiting.append((codes, frame[self.value].to_numpy(np.int64)))
        self.waiting_rows += len(frame)
        if self.waiting_rows > max(self.MIN_ROWS_TO_SUM, len(self.summed[1])):
            self._sum_waiting()

    def _sum_waiting(self) -> None:
        """Sum the rows waiting and those summed so far by key."""
        arrays = [self.summed, *self.waiting]
        codes = [np.concatenate([a[0][i] for a in arrays]) for i in range(len(self.keys))]
        counts = np.concatenate([a[1] for a in arrays])
        self.waiting, self.waiting_rows = [], 0
        if not len(counts):
            return
        order = np.lexsort(codes[::-1])
        codes, counts = [c[order] for c in codes], counts[order]
        new_key = np.zeros(len(counts), bool)
        new_key[0] = True
        for c in codes:
            new_key[1:] |= c[1:] != c[:-1]
        starts = np.flatnonzero(new_key)
        self.summed = ([c[starts] for c in codes], np.add.reduceat(counts, starts))

    def table(self) -> pd.DataFrame:
        """The keys' totals (key columns, then the value), sorted by the keys."""
        self._sum_waiting()
        codes, counts = self.summed
        columns = [*self.keys, self.value]
        if not len(counts):
            return pd.DataFrame([], columns=columns).astype({self.value: "int64"})
        values = [np.array(list(numbers), dtype=object) for numbers in self.numbers]
        ranks = [_sorted_ranks(v) for v in values]
        order = np.lexsort([rank[c] for rank, c in zip(ranks, codes)][::-1])
        table = {key: v[c[order]].tolist() for key, v, c in zip(self.keys, values, codes)}
        table[self.value] = counts[order]
        return pd.DataFrame(table, columns=columns).astype({self.value: "int64"})


def _sorted_ranks(values: np.ndarray) -> np.ndarray:
    """Each value's place in the values sorted (Python's order, as a sort of key tuples)."""
    ranks = np.empty(len(values), np.int64)
    ranks[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
    return ranks


class PartitionedRun(NamedTuple):
    """What :func:`run_partitions` brings back: the partitions' spilled tables, the
    :data:`SUMMED_TABLES`' partial sums, the messages about files and the streamed tables'
    column kinds. :func:`collected` makes the per-document tables of it once the workers are
    done."""

    spilled: SpilledParts
    counts: dict[str, CountTotals]
    messages: list[str]
    kinds: dict[str, dict[str, str]]


class DaskPartitions:
    """Partitions as Dask distributed tasks through ``client``: a partition's ingestion results
    stay on its worker (a future) until its tables are made there, and only their summaries
    travel to this process."""

    def close(self) -> None:
        """Nothing to stop: the cluster is not this run's."""

    def __init__(self, client):
        self.client, self.ingested = client, []

    def slots(self) -> int:
        return sum(self.client.nthreads().values())

    def ingest(self, job_parts: list[list], max_bytes: int) -> None:
        self.ingested = self.client.map(
            ingest_partition, job_parts, max_bytes=max_bytes, pure=False
        )

    def summaries(self, bar) -> list[list]:
        return gathered(self.client.map(summaries_of, self.ingested, pure=False), bar)

    def analysed(self, row_parts: list[list]):
        """Each partition's :func:`partition_tables`, in partition order."""
        futures = self.client.map(partition_tables, self.ingested, row_parts, pure=False)
        # each worker frees a partition's ingestion results once its tables are made
        self.ingested = []
        for future in futures:
            part = future.result()
            future.release()
            yield part


class ProcessPartitions:
    """Partitions on a local pool of worker processes (``concurrent.futures``): a partition's
    ingestion results come back to this process, packed (:class:`IngestedPartition`), and go
    to a worker again with the settled rows."""

    def __init__(self, pool, workers: int):
        self.pool, self.workers, self.ingested = pool, workers, []

    def close(self) -> None:
        """Stop the workers (once their partitions are done), giving their memory back."""
        self.pool.shutdown()

    def slots(self) -> int:
        return self.workers

    def ingest(self, job_parts: list[list], max_bytes: int) -> None:
        self.ingested = [self.pool.submit(ingest_partition, jobs, max_bytes) for jobs in job_parts]

    def summaries(self, bar) -> list[list]:
        with bar:
            for future in completed(self.pool, self.ingested):
                bar.update(len(future.result().summaries))
        return [future.result().summaries for future in self.ingested]

    def analysed(self, row_parts: list[list]):
        """Each partition's :func:`partition_tables`, in partition order."""
        futures = [
            self.pool.submit(partition_tables, ingested.result().without_summaries(), rows)
            for ingested, rows in zip(self.ingested, row_parts)
        ]
        self.ingested = []
        for index, future in enumerate(futures):
            yield result_of(self.pool, future)
            futures[index] = None  # its tables are this process's to free once used


WORKER_CHECK_S = 0.5
"""How often a wait for a local pool's results also checks that its workers are alive."""


def stopped_worker(pool) -> None:
    """Raise ``BrokenProcessPool`` when a worker of ``pool`` has stopped. The pool's own thread
    says so as soon as it sees the worker's end, unless the worker was killed while sending a
    result: that thread then waits for the rest of the message, which never comes, and the
    other worker waits for the pipe's lock, which the killed one held (a run of 400 articles
    in partitions of 10, a worker killed at a random moment: 1 hang in 19). Nothing would end
    the run. (``_processes``: CPython 3.9 to 3.13; without it, no check.)"""
    from concurrent.futures.process import BrokenProcessPool

    processes = getattr(pool, "_processes", None) or {}
    if any(process.exitcode is not None for process in list(processes.values())):
        raise BrokenProcessPool("a worker process stopped abruptly")


def waited(pool, future: Future) -> Future:
    """``future``, of a task on ``pool``, once it is done, the pool's workers checked every
    :data:`WORKER_CHECK_S` meanwhile (:func:`stopped_worker`)."""
    from concurrent.futures import wait

    while not wait([future], timeout=WORKER_CHECK_S).done:
        stopped_worker(pool)
    return future


def result_of(pool, future: Future):
    """``future.result()`` of a task on ``pool``, once :func:`waited`."""
    return waited(pool, future).result()


def completed(pool, futures: list):
    """The ``futures`` of tasks on ``pool`` as they complete (``as_completed``), its workers
    checked every :data:`WORKER_CHECK_S` meanwhile (:func:`stopped_worker`)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=WORKER_CHECK_S, return_when=FIRST_COMPLETED)
        if not done:
            stopped_worker(pool)
        yield from done


def worker_start() -> None:
    """A worker's start: Ctrl-C is for the main process, which stops the workers; and one BLAS
    thread (threadpoolctl), since every core already runs a process of the pool or this one.
    NumPy's OpenBLAS otherwise runs each matrix product on as many threads as there are cores:
    on two cores, framing's uncertainty table for 924 PolNeAR articles took 1.7-2.2 CPU s on two
    threads for 0.9-1.2 s of wall time, against 1.0-1.3 s on one, and beside source
    comparison's tasks in the main process the second thread took their core (the stage after
    the partitions, four alternating runs: 3.6-4.0 s, 2.4-3.2 s on one thread)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(1, user_api="blas")


@contextmanager
def local_pool(workers: int):
    """A pool of ``workers`` local processes (:class:`ProcessPartitions`), forked on Linux:
    they start with this process's modules imported (pandas, numpy, the pipeline's own); what
    the analyses load on first use (NLTK's tokenizers, VADER's lexicon, compiled cues) each
    worker loads once, about 0.3 s (loading it here first would put the same time before the
    fork, on one core). If the
    run stops early (Ctrl-C, or a worker killed, which raises ``BrokenProcessPool``), the
    work not started is cancelled and the workers are stopped at once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import compare, framing  # noqa: F401 -- imported once, before the workers fork

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    others = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker_start)
    try:
        yield ProcessPartitions(pool, workers)
    except BaseException:
        result_writer, call_reader = _own_pipe_ends(pool)  # before shutdown drops the queues
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        stray = set(multiprocessing.active_children()) - others
        for process in stray:
            process.terminate()
        for process in stray:
            process.join(timeout=5)
        _end_pool_threads(manager, result_writer, call_reader)
        raise
    pool.shutdown()


def _own_pipe_ends(pool) -> tuple:
    """This process's write end of a process pool's result pipe and read end of its task pipe
    (None where ``concurrent.futures`` has no such private attribute: CPython 3.9 to 3.13 have
    them).

    A worker stopped while sending its result leaves the pool's thread waiting for the rest of
    the message, and a full task pipe leaves its feeder thread waiting for a reader; exiting
    Python joins both threads, so the command would never end after Ctrl-C. Once the workers
    are stopped, closing these ends (the workers' closed with them) ends both waits: the
    message reads as an end of file, the write as a broken pipe (:func:`_end_pool_threads`)."""
    result_queue, call_queue = (
        getattr(pool, "_result_queue", None),
        getattr(pool, "_call_queue", None),
    )
    return getattr(result_queue, "_writer", None), getattr(call_queue, "_reader", None)


MANAGER_ENDS_S = 1.0
"""How long the pool's thread is given to end by itself once its workers are stopped, before
this process closes the task pipe's read end under it."""


def _end_pool_threads(manager, result_writer, call_reader) -> None:
    """End a stopped pool's threads before Python's exit joins them (:func:`_own_pipe_ends`):
    the result pipe's write end is closed at once (the pool's thread never closes it); the task
    pipe's read end only if the pool's thread has not ended within :data:`MANAGER_ENDS_S`, since
    that thread closes it itself when it finds its workers gone (CPython 3.11.1 and later), and
    two threads closing one pipe end at once fail with EBADF in one of them (a traceback seen
    after Ctrl-C in a full test suite) or close a descriptor opened meanwhile. The pool's thread
    is then joined, so that Python's exit finds it ended."""
    if result_writer is not None:
        result_writer.close()
    if manager is not None:
        manager.join(timeout=MANAGER_ENDS_S)
    if call_reader is not None and (manager is None or manager.is_alive()):
        call_reader.close()
        if manager is not None:
            manager.join(timeout=5)


_INHERITED_TASKS: list = []
"""The tasks of the current :func:`forked_tasks` call, which its forked processes inherit."""


def forked_tasks(workers: int, before_fork=None):
    """A ``run_tasks`` for :func:`.compare.corpus_tables`: its tasks (functions of no argument
    over this process's tables) run on up to ``workers`` processes forked when it is called,
    which inherit the tasks with this process's memory rather than receiving them pickled: only
    a task's number goes out and its result comes back, and the results are returned in task
    order. Where processes are not forked (not Linux), or there is one task, they run here.
    ``before_fork`` (no argument) is called first when processes are forked: the pipeline
    stops framing's process there (:class:`ForkedBeside`), so no other thread of this process
    runs at the fork."""

    def run(tasks: list) -> list:
        if sys.platform != "linux" or len(tasks) < 2 or workers < 2:
            return [task() for task in tasks]
        if before_fork:
            before_fork()
        with inherited(tasks), local_pool(min(workers, len(tasks))) as runner:
            futures = [runner.pool.submit(_inherited_task, n) for n in range(len(tasks))]
            return [result_of(runner.pool, future) for future in futures]

    return run


@contextmanager
def inherited(tasks: list):
    """``tasks`` left where the processes forked meanwhile find them (:func:`_inherited_task`),
    and cleared after."""
    _INHERITED_TASKS[:] = tasks
    try:
        yield
    finally:
        _INHERITED_TASKS.clear()


class PoolFuture(NamedTuple):
    """The future of a task on a local pool, whose result is waited for with the pool's
    workers checked (:func:`result_of`)."""

    pool: object
    future: Future

    def done(self) -> bool:
        return self.future.done()

    def result(self):
        return result_of(self.pool, self.future)

    def exception(self) -> BaseException | None:
        return waited(self.pool, self.future).exception()


class ForkedBeside:
    """A ``beside`` for :func:`.in_process.write_all_tables`: ``function(*args)`` on a process
    forked when it is called (a pool of one, :func:`local_pool`), which inherits the arguments
    with this process's memory rather than receiving them pickled, while this process does
    other work; only the result comes back (a future). Where processes are not forked (not
    Linux) it gives None, and the caller does the work itself.

    Used as a context manager, which stops the process at its end, or at once on an error
    (Ctrl-C, a killed process: :func:`local_pool`). :meth:`close` stops it before then (once
    its result is in): the pipeline does so before forking source comparison's tasks, so that
    no other thread of this process runs at that fork (:func:`forked_tasks`)."""

    def __init__(self):
        self.processes = ExitStack()

    def __enter__(self) -> ForkedBeside:
        return self

    def __exit__(self, *exc) -> bool:
        return self.processes.__exit__(*exc)

    def __call__(self, function, *args) -> PoolFuture | None:
        if sys.platform != "linux":
            return None
        runner = self.processes.enter_context(local_pool(1))
        with inherited([partial(function, *args)]):  # forked as its first task is submitted
            return PoolFuture(runner.pool, runner.pool.submit(_inherited_task, 0))

    def close(self) -> None:
        self.processes.close()


def _inherited_task(number: int):
    """Task ``number`` of the :func:`forked_tasks` call this process was forked by."""
    return _INHERITED_TASKS[number]()


def run_partitions(
    runner,
    folder: Path,
    max_mb: float,
    partition_size: int,
    out_dir: Path,
    spilled: SpilledParts,
    progress: Progress = SILENT,
    found: tuple[list, list[str]] | None = None,
) -> PartitionedRun:
    """Files in partitions of ``partition_size`` through ``runner`` (:class:`DaskPartitions`
    or :class:`ProcessPartitions`). Only the ingestion results' summaries come to this
    process for the corpus-level decisions (duplicates, years, sources sheet), which go back
    to the partitions for their per-document tables. The biggest tables
    (:data:`STREAMED_TABLES`) go to ``out_dir`` as each partition arrives; the others stay
    packed (:class:`PartitionedRun`). ``found``: the folder's :func:`article_jobs`, when
    already listed."""
    jobs, messages = found or article_jobs(folder)
    sizes = partition_sizes(len(jobs), partition_size, runner.slots())
    runner.ingest(partitioned(jobs, sizes) or [[]], int(max_mb * 1e6))
    summaries = runner.summaries(progress.bar(len(jobs), "files read", "file"))
    rows, messages = settle_documents(folder, [s for part in summaries for s in part], messages)
    progress.messages(messages)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    streams = {name: CsvStream(Path(out_dir) / f"{name}.csv") for name in STREAMED_TABLES}
    counts = {name: CountTotals(*SUMMED_TABLES[name]) for name in SUMMED_TABLES}
    done = progress.bar(len(sizes) or 1, "partitions analysed", "partition")
    for part in runner.analysed(partitioned(rows, sizes) or [[]]):  # in partition order
        done.update()
        for name, stream in streams.items():
            stream.write(part[name])
        for name, totals in counts.items():
            if name in part:
                totals.add(part[name])
        for group in (PACKED, FRAMED):
            spilled.append(group, part[group])
    done.close()
    kinds = {name: stream.close() for name, stream in streams.items()}
    return PartitionedRun(spilled, counts, messages, kinds)


def collected(run: PartitionedRun) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """The corpus (without lines and sentences, which were streamed) and the per-document
    tables of a :class:`PartitionedRun` (the streamed tables empty), but framing's, which stay
    spilled (``run.spilled.group(FRAMED)``). The summed counts are taken out of ``run``, so
    that their arrays are given back once their tables are made (at 10,000 articles of one
    outlet each, 80 MB that the run held to its end)."""
    per_document = run.spilled.group(PACKED).tables()
    summed = {name: run.counts.pop(name) for name in list(run.counts)}
    per_document.update({name: totals.table() for name, totals in summed.items() if totals.parts})
    per_document.update({name: pd.DataFrame() for name in STREAMED_TABLES})
    return corpus_of(per_document), per_document


def gathered(futures: list, bar) -> list:
    """The results of ``futures`` (each a list) in their order, ``bar`` advanced by each
    list's length as it arrives."""
    from distributed import as_completed

    with bar:
        for future in as_completed(futures):
            bar.update(len(future.result()))
    return [future.result() for future in futures]


class IngestedPartition:
    """One partition's ingestion results as they wait on a worker for the whole corpus to be
    read: their :func:`ingest.settle.summary` objects, and the results themselves pickled into
    one bytes object until the partition's tables are made. Held as millions of small tuples
    and strings they took about 230 MB per worker at 10,000 articles and left the worker's
    memory fragmented after their release."""

    def __init__(self, results: list):
        self.summaries = [summary(result) for result in results]
        self.packed = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)

    def results(self) -> list:
        return pickle.loads(self.packed)

    def without_summaries(self) -> IngestedPartition:
        """This partition with its summaries dropped (once read, they need not travel again)."""
        self.summaries = []
        return self

    def __sizeof__(self) -> int:  # what Dask's memory accounting reads (dask.sizeof)
        return object.__sizeof__(self) + sys.getsizeof(self.packed)


def ingest_partition(jobs: list, max_bytes: int) -> IngestedPartition:
    """:func:`ingest.settle.ingest_files` on a worker, whose results stay there until the
    partition's tables are made (:class:`IngestedPartition`; pickled with no cycle collection,
    :func:`no_cycle_collection`)."""
    with no_cycle_collection():
        return IngestedPartition(ingest_files(jobs, max_bytes))


def summaries_of(ingested: IngestedPartition) -> list:
    """One partition's ingestion results as :func:`ingest.settle.summary` objects."""
    return ingested.summaries
