"""The pipeline on Dask: the corpus in partitions of files run as distributed tasks, on a
``LocalCluster`` of local processes or an existing scheduler; ingestion results stay on their
workers and only small summaries travel (:func:`run_on_cluster`)."""

from __future__ import annotations

import itertools
import pickle
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .corpus import Corpus, corpus_of
from .csv_tables import CsvPart, CsvStream
from .in_process import (
    SILENT,
    document_tables,
    ingest_files,
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


LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
}
"""Dask settings for a local cluster. Its nannies and system monitors run in this process beside
the scheduler and poll each worker's memory every 100 ms and the disks every 0.5 s: memory once
a second is enough to enforce the limit, and disk counters are never read here. Each worker's
statistical profiler stops the running task 100 times a second to read its stack (for the
dashboard, which is not served): off, the partitions took about 10% less CPU on the 924
PolNeAR files."""


LOCAL_HTTP = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
"""``LocalCluster`` options: no dashboard, and the scheduler's HTTP server (health checks) on
this machine only, at a free port: on Dask's default (8787) a second run at the same time
printed a three-line warning."""


@contextmanager
def dask_client(workers: int, scheduler: str | None):
    """A Dask distributed client on ``scheduler``, or on a new ``LocalCluster`` of ``workers``
    single-threaded processes (the pipeline is pure Python: threads would share one GIL) with
    :data:`LOCAL_CLUSTER_CONFIG` and :data:`LOCAL_HTTP`."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, **LOCAL_HTTP
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def partition_tables(ingested: IngestedPartition, rows: list[dict]) -> dict:
    """:func:`document_tables` of one partition, from its files' ingestion results and
    settled document rows: the :data:`STREAMED_TABLES` as :class:`CsvPart` (rendered on the
    worker, so the largest tables never travel as frames), the :data:`SUMMED_TABLES` as frames
    and every other table pickled together under :data:`PACKED`."""
    tables = document_tables(assemble(ingested.results(), rows))
    return {
        **{name: CsvPart.of(tables.pop(name)) for name in STREAMED_TABLES},
        **{name: tables.pop(name) for name in SUMMED_TABLES if name in tables},
        PACKED: pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL),
    }


PACKED = "packed"
"""The key of a partition's other tables, pickled into one bytes object."""


class SpilledParts:
    """The partitions' :data:`PACKED` tables, appended as they arrive to an anonymous temporary
    file (deleted when closed), so that this process holds none of them while the workers hold
    their own memory; read back in order once the cluster is closed. Held here as frames of
    Python objects they took about 450 MB at 10,000 synthetic articles, which added to the
    workers' at the end of the partitions."""

    def __init__(self):
        # closed by read(); the file has no name, so nothing is left behind if it never is
        self.file, self.sizes = tempfile.TemporaryFile(), []  # noqa: SIM115

    def append(self, packed: bytes) -> None:
        self.file.write(packed)
        self.sizes.append(len(packed))

    def read(self):
        """Each partition's tables in order (a dict of frames), then the file is closed."""
        with self.file:
            self.file.seek(0)
            for size in self.sizes:
                yield pickle.loads(self.file.read(size))


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
    """One :data:`SUMMED_TABLES` table summed over partitions: each key's total, added to as
    each partition arrives. A dict of key tuples, not a pandas group-by of the partitions
    collected so far: no table is summed twice (about 15% less CPU at 10,000 synthetic
    articles)."""

    def __init__(self, keys: list[str], value: str):
        self.keys, self.value, self.totals, self.parts = keys, value, {}, 0

    def add(self, frame: pd.DataFrame) -> None:
        self.parts += 1
        totals = self.totals
        keys = zip(*(frame[key].tolist() for key in self.keys))
        for key, count in zip(keys, frame[self.value].tolist()):
            totals[key] = totals.get(key, 0) + count

    def table(self) -> pd.DataFrame:
        """The keys' totals (key columns, then the value), sorted by the keys."""
        rows = [(*key, count) for key, count in sorted(self.totals.items())]
        return pd.DataFrame(rows, columns=[*self.keys, self.value]).astype({self.value: "int64"})


class ClusterRun(NamedTuple):
    """What :func:`run_on_cluster` brings back: the partitions' :data:`PACKED` tables, the
    :data:`SUMMED_TABLES`' partial sums, the messages about files and the streamed tables'
    column kinds. :func:`collected` makes the per-document tables of it once the cluster is
    closed."""

    packed: SpilledParts
    counts: dict[str, CountTotals]
    messages: list[str]
    kinds: dict[str, dict[str, str]]


def run_on_cluster(
    client,
    folder: Path,
    max_mb: float,
    partition_size: int,
    out_dir: Path,
    progress: Progress = SILENT,
) -> ClusterRun:
    """Files in partitions of ``partition_size`` on the workers of ``client``. Each partition's
    ingestion results stay on its worker; only their summaries come to this process for the
    corpus-level decisions (duplicates, years, sources sheet), which go back to the same
    partitions for their per-document tables. The biggest tables (:data:`STREAMED_TABLES`)
    go to ``out_dir`` as each partition arrives; the others stay packed (:class:`ClusterRun`)."""
    jobs, messages = article_jobs(folder)
    sizes = partition_sizes(len(jobs), partition_size, sum(client.nthreads().values()))
    job_parts = partitioned(jobs, sizes) or [[]]
    ingested = client.map(ingest_partition, job_parts, max_bytes=int(max_mb * 1e6), pure=False)
    summaries = gathered(
        client.map(summaries_of, ingested, pure=False),
        progress.bar(len(jobs), "files read", "file"),
    )
    rows, messages = settle_documents(folder, [s for part in summaries for s in part], messages)
    progress.messages(messages)
    row_parts = partitioned(rows, sizes) or [[]]
    analysed = client.map(partition_tables, ingested, row_parts, pure=False)
    del ingested  # each worker frees a partition's ingestion results once its tables are made
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    streams = {name: CsvStream(Path(out_dir) / f"{name}.csv") for name in STREAMED_TABLES}
    packed = SpilledParts()
    counts = {name: CountTotals(*SUMMED_TABLES[name]) for name in SUMMED_TABLES}
    done = progress.bar(len(analysed), "partitions analysed", "partition")
    for future in analysed:  # in partition order
        part = future.result()
        done.update()
        future.release()
        for name, stream in streams.items():
            stream.write(part[name])
        for name, totals in counts.items():
            if name in part:
                totals.add(part[name])
        packed.append(part[PACKED])
    done.close()
    kinds = {name: stream.close() for name, stream in streams.items()}
    return ClusterRun(packed, counts, messages, kinds)


def collected(run: ClusterRun) -> tuple[Corpus, dict[str, pd.DataFrame]]:
    """The corpus (without lines and sentences, which were streamed) and the per-document
    tables of a :class:`ClusterRun` (the streamed tables empty)."""
    per_document = unpacked_tables(run.packed.read())
    per_document.update(
        {name: totals.table() for name, totals in run.counts.items() if totals.parts}
    )
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

    def __sizeof__(self) -> int:  # what Dask's memory accounting reads (dask.sizeof)
        return object.__sizeof__(self) + sys.getsizeof(self.packed)


def ingest_partition(jobs: list, max_bytes: int) -> IngestedPartition:
    """:func:`ingest.settle.ingest_files` on a worker, whose results stay there until the
    partition's tables are made (:class:`IngestedPartition`)."""
    return IngestedPartition(ingest_files(jobs, max_bytes))


def summaries_of(ingested: IngestedPartition) -> list:
    """One partition's ingestion results as :func:`ingest.settle.summary` objects."""
    return ingested.summaries
