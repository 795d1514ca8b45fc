"""The whole pipeline as one function: ingest a folder, run every analysis stage, write CSV tables.

The book's chapters and the ``newsframes run`` command both use it, so the tables a reader
gets from the command are the ones the book shows.

Per-document work runs in partitions of at most ``partition_size`` files (in doc_id order,
shrinking towards the end of the corpus, :func:`.partitions.partition_sizes`): ingestion
of each file, then each stage's ``document_tables`` (tables that are per document by
construction). With ``workers > 1`` the partitions run on a pool of that many local
processes, forked on Linux (:func:`.partitions.local_pool`); with
``scheduler`` as Dask distributed tasks on an existing cluster (whose workers must see the
article folder), where a partition's ingestion results stay on its worker between the two
steps (futures, not a bag: only small summaries travel, for the decisions that need every
file). A corpus that fits in one partition, or ``workers=1``, runs in-process with no
start-up cost. Cross-document tables (``corpus_tables``) are computed once from the
concatenated partitions, so the tables written are byte-identical whatever the number of
workers or partitions. After a local pool, source comparison's cross-document tasks run on
processes forked for them (:func:`.partitions.forked_tasks`) once the pool is stopped: at
once for large corpora; for smaller ones, whose framing tables are made meanwhile on a
process forked for them (:class:`.partitions.ForkedBeside`), only the tasks left when that
process is done (:func:`.in_process.once_done`).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .compare import run_here
from .corpus import Corpus
from .in_process import (
    SILENT,
    failure_messages,
    run_in_process,
    write_all_tables,
)
from .in_process import Progress as Progress
from .ingest.reading import DEFAULT_MAX_MB
from .ingest.settle import article_jobs
from .partitions import (
    FRAMED,
    DaskPartitions,
    ForkedBeside,
    SpilledParts,
    collected,
    dask_client,
    forked_tasks,
    local_pool,
    release_free_heap,
    run_partitions,
)

BESIDE_MAX_BYTES = 40 * 2**20
"""Framing's cross-document tables are made beside source comparison's, on a process forked
from this one once the partitions' workers have stopped (:class:`.partitions.ForkedBeside`),
when its spilled per-document tables take at most this (about 6,000 news articles); else here,
after source comparison's, once that stage's intermediate tables are dropped. Beside, the two
stages' working memory adds up. Peak PSS of the whole run on two workers, beside / after:
the 4,620 PolNeAR texts with reprints (27 MB) 630 / 594 MB, in 20.7-21.4 s against
21.9-22.3 s (three alternating pairs); 5,000 synthetic articles (34.5 MB) 665 / 492 MB, 19.7
against 20.5 s; 10,000 synthetic articles (69 MB) 1.01-1.08 GB beside, over the 1 GB the run
is held to, 0.75-0.77 GB after. On 924 PolNeAR articles (8 MB) 364 MB beside, against 516
MB with framing's tables on a worker of the partitions' pool (before 7 December), and 7.07-7.20
s against 7.19-7.42 s (three alternating pairs)."""

DEFAULT_PARTITION_SIZE = 200  # at most; partitions shrink towards the end (partition_sizes)


@contextmanager
def partitions_on(workers: int, scheduler: str | None):
    """Where the partitions run: on the Dask scheduler at ``scheduler``, else on a pool of
    ``workers`` local processes."""
    if scheduler:
        with dask_client(scheduler) as client:
            yield DaskPartitions(client)
    else:
        with local_pool(workers) as pool:
            yield pool


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

    Partitions run elsewhere only when it can help: a scheduler address is given, or
    ``workers > 1`` and the folder holds more than one partition of files. ``progress`` says
    what the run is doing and passes on each message about a file as soon as it is known.
    Returns the corpus, the tables and the messages; from partitions run elsewhere the lines
    and sentences tables are only written (returned empty).
    """
    folder = Path(seeds_dir)
    found = article_jobs(folder)  # listed once: 0.2 s at 10,000 files, before any file is read
    if scheduler or (workers > 1 and len(found[0]) > partition_size):
        with (
            partitions_on(workers, scheduler) as runner,
            SpilledParts() as spilled,
            ForkedBeside() as forked,
        ):
            partitioned_run = run_partitions(
                runner, folder, max_mb, partition_size, out_dir, spilled, progress, found
            )
            runner.close()  # the workers' memory is given back before the tables are read
            framed = spilled.group(FRAMED)
            beside = forked if not scheduler and framed.size() <= BESIDE_MAX_BYTES else None
            # Beside framing's tables, comparison's tasks are forked only once that process is
            # done (write_all_tables): it is stopped then, before they fork.
            run_tasks = run_here if scheduler else forked_tasks(workers, forked.close)
            corpus, per_document = collected(partitioned_run)
            messages = _told(folder, corpus, partitioned_run.messages, progress)
            tables = _written(
                corpus,
                per_document,
                out_dir,
                partitioned_run.kinds,
                progress,
                beside,
                framed,
                run_tasks,
            )
            return corpus, tables, messages
    corpus, per_document, messages = run_in_process(folder, max_mb, progress, found)
    messages = _told(folder, corpus, messages, progress)
    return corpus, _written(corpus, per_document, out_dir, {}, progress), messages


def _told(folder: Path, corpus: Corpus, messages: list[str], progress: Progress) -> list[str]:
    """``messages`` (already told) and one about each document whose analysis failed, told."""
    settled, messages = len(messages), failure_messages(folder, corpus.documents, messages)
    progress.messages(messages[settled:])
    return messages


def _written(
    corpus, per_document, out_dir, streamed, progress, beside=None, framed=None, run_tasks=run_here
):
    """:func:`write_all_tables` once the per-document tables are made (framing's spilled ones
    in ``framed``), framing's on another process when ``beside`` is given, source comparison's
    tasks through ``run_tasks``."""
    # The per-document tables live to the end: out of the garbage collector's sight, or every
    # collection of the cross-document stage would rescan all of them.
    gc.freeze()
    release_free_heap()
    return write_all_tables(
        corpus, per_document, out_dir, streamed, progress, beside, framed, run_tasks
    )
