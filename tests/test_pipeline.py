"""The pipeline gives byte-identical tables in-process, on a Dask cluster and on a pool of local
worker processes; the synthetic corpus generator is deterministic."""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from benchmarks.synthetic import write_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from newsframes import csv_tables, in_process, partitions, pipeline

N_ARTICLES, PARTITION = 60, 10  # six partitions


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("synthetic"), N_ARTICLES, mean_words=300, seed=7)


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("single")
    pipeline.run(corpus, out)
    return _files(out)


def _threaded_cluster():
    """A Dask cluster of two worker threads in this process, with no dashboard and its HTTP
    server at a free port of this machine (on Dask's default, 8787, a test beside another
    run would print a warning)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )


def test_single_process_writes_every_table(single):
    assert {"documents.csv", "quotes.csv", "reuse.csv", "reuse_passages.csv", "schema.json"} <= set(
        single
    )
    assert single["reuse.csv"].count(b"\n") > 1, "the near-duplicates should be found"


def test_pipeline_tables_are_those_of_the_two_stages_run_whole(corpus, single, tmp_path):
    """The pipeline splits each stage into per-document and cross-document tables and drops
    intermediate tables between them: its tables must be those of the two stages run whole,
    one after the other (``compare.run``, then ``framing.run``)."""
    from newsframes import compare, framing
    from newsframes.ingest.settle import build_corpus

    built, _ = build_corpus(corpus, pipeline.DEFAULT_MAX_MB)
    comparison = compare.run(built)
    sequential = {**comparison, **framing.run(built, compare_tables=comparison)}
    csv_tables.write_tables(sequential, tmp_path)
    assert {name: single[name] for name in _files(tmp_path)} == _files(tmp_path)


def test_dask_cluster_gives_byte_identical_tables(corpus, single, tmp_path):
    from distributed import Client, get_task_stream

    out = tmp_path / "cluster"
    with (
        _threaded_cluster() as cluster,
        Client(cluster) as client,
        get_task_stream(client) as stream,
    ):
        pipeline.run(corpus, out, scheduler=cluster.scheduler_address, partition_size=PARTITION)
    assert len(stream.data) >= 2 * N_ARTICLES // PARTITION, "partitions did not run on the cluster"
    assert _files(out) == single


def _command(folder: Path, out: Path, partition_size: int) -> list[str]:
    """``newsframes run`` on ``folder`` with two worker processes, as a reader types it."""
    command = [sys.executable, "-m", "newsframes", "run", str(folder), "--out", str(out)]
    return [*command, "--workers", "2", "--partition-size", str(partition_size)]


def test_cli_with_two_worker_processes_gives_byte_identical_tables(corpus, single, tmp_path):
    out = tmp_path / "workers"
    done = subprocess.run(
        _command(corpus, out, PARTITION), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "partitions analysed" in done.stderr, "the partitions did not run on the workers"
    assert _files(out) == single


def _run_until_the_partitions_start(tmp_path: Path):
    """``newsframes run --workers 2`` on 400 articles in partitions of 10, in its own process
    group (as a terminal's job, Ctrl-C not ignored), returned once its partitions are being
    analysed, with its two workers and its --out folder."""
    import signal
    import time

    import psutil

    folder = write_corpus(tmp_path / "big", 400, mean_words=300, seed=5)
    out = tmp_path / "out"
    process = psutil.Popen(
        [*_command(folder, out, 10), "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not (out / "lines.csv").exists() and process.poll() is None:
        assert time.monotonic() < deadline, "the partitions never started"
        time.sleep(0.02)
    workers = process.children()
    assert len(workers) == 2, "the run finished before it could be stopped"
    return process, workers, out


def _stderr_or_kill(process) -> str:
    """What the command printed on stderr once it ended; if it has not ended within 60 s, it
    is killed (with its workers) so that a failing test leaves no process behind."""
    try:
        return process.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        for child in process.children(recursive=True):
            child.kill()
        process.kill()
        raise


def _still_running(processes) -> list:
    """Those of ``processes`` still running 10 s from now (each waited for until then)."""
    import psutil

    return psutil.wait_procs(processes, timeout=10)[1]


def test_ctrl_c_stops_the_workers_with_one_line_and_no_traceback(tmp_path):
    """Ctrl-C (SIGINT to the terminal's process group) while the partitions run: the command
    says in one line that the tables are incomplete, exits 130 and leaves no worker behind."""
    import os
    import signal

    process, workers, out = _run_until_the_partitions_start(tmp_path)
    os.killpg(process.pid, signal.SIGINT)
    stderr = _stderr_or_kill(process)
    assert process.returncode == 130 and "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].endswith(f"the tables in {out} are incomplete")
    assert not _still_running(workers)


INTERRUPTED_WHILE_SENDING = """
import sys, time
from pathlib import Path
from newsframes import partitions

def large_result(n_bytes, marker):
    data = b"x" * n_bytes
    Path(marker).touch()
    return data

try:
    with partitions.local_pool(2) as runner:
        for _ in range(4):
            runner.pool.submit(large_result, 150_000_000, sys.argv[1])
        while not Path(sys.argv[1]).exists():
            time.sleep(0.005)
        time.sleep(float(sys.argv[2]))
        raise KeyboardInterrupt
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3])
def test_interrupted_while_a_worker_sends_its_result_the_process_still_exits(tmp_path, delay):
    """Ctrl-C while a worker is sending a large result (its workers are stopped mid-message):
    Python's exit used to wait forever for the pool's thread reading the rest of the message.
    The process ends at once, with nothing printed."""
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED_WHILE_SENDING, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "sending"), str(delay)],
        capture_output=True,
        text=True,
        timeout=15,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert (done.returncode, done.stderr) == (130, "")


def test_a_killed_worker_ends_the_run_with_one_line_not_a_hang(tmp_path):
    """A worker killed mid-run (as the system does when memory runs out): the command stops at
    once with one line saying so (not waiting forever for the lost partition), exit code 1."""
    process, workers, out = _run_until_the_partitions_start(tmp_path)
    workers[0].kill()
    stderr = _stderr_or_kill(process)
    assert process.returncode == 1 and "Traceback" not in stderr
    last = stderr.strip().splitlines()[-1]
    assert "worker process stopped" in last and f"the tables in {out} are incomplete" in last
    assert not _still_running(workers)


def _blas_threads() -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="BLAS runs one thread on one core anyway")
def test_pool_workers_run_blas_on_one_thread_and_leave_this_process_as_it_was():
    """Each process of a local pool already has a core: NumPy's matrix products there run on
    one thread, not on one per core beside the other processes. This process keeps its own."""
    here = _blas_threads()
    with partitions.local_pool(2) as runner:
        in_workers = [runner.pool.submit(_blas_threads).result() for _ in range(4)]
    assert in_workers and all(threads == [1] for threads in in_workers)
    assert _blas_threads() == here


def test_partitions_on_a_pool_come_back_in_order_whatever_finishes_first(corpus, single, tmp_path):
    """The local pool's flow (:class:`partitions.ProcessPartitions`) on a pool of threads, in
    this process: partitions finish in any order, the tables must not depend on it."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as pool, partitions.SpilledParts() as spilled:
        runner = partitions.ProcessPartitions(pool, 3)
        run = partitions.run_partitions(runner, corpus, 10.0, PARTITION, tmp_path, spilled)
        built, tables = partitions.collected(run)
        framed = spilled.group(partitions.FRAMED)
        in_process.write_all_tables(
            built, tables, tmp_path, run.kinds, beside=pool.submit, spilled=framed
        )
    assert _files(tmp_path) == single
    assert not spilled.folder.exists()


class _WaitedFor:
    """A future whose ``done`` waits for it: every task is left for when it is done."""

    def __init__(self, future):
        self.future = future

    def done(self) -> bool:
        self.future.exception()
        return True


@pytest.mark.parametrize(
    "beside,wait",
    [(True, False), (True, True), (False, False)],
    ids=["framing-beside", "framing-beside-then-forked", "framing-after"],
)
def test_a_pool_run_gives_the_same_tables_with_framing_beside_or_after(
    corpus, single, tmp_path, monkeypatch, beside, wait
):
    """Framing's cross-document tables on a process forked beside source comparison's (small
    spilled tables), or here after it (large ones), when source comparison's tasks run on
    processes forked for them (one reuse pair a task here; beside, the tasks left once
    framing's process is done, all of them when waiting for it): the same files."""
    from newsframes.compare import reuse

    monkeypatch.setattr(pipeline, "BESIDE_MAX_BYTES", 2**40 if beside else 0)
    monkeypatch.setattr(reuse, "PAIRS_PER_TASK", 1)
    forked = []
    if wait:
        once_done, forked_tasks = in_process.once_done, partitions.forked_tasks
        monkeypatch.setattr(
            in_process, "once_done", lambda future, run: once_done(_WaitedFor(future), run)
        )

        def counted(workers, before_fork):
            run = forked_tasks(workers, before_fork)
            return lambda tasks: forked.append(len(tasks)) or run(tasks)

        monkeypatch.setattr(pipeline, "forked_tasks", counted)
    pipeline.run(corpus, tmp_path, workers=2, partition_size=PARTITION)
    assert _files(tmp_path) == single
    assert len(forked) == wait and forked[:1] != [0]


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "partitions"])
def test_the_folder_is_listed_once_per_run(tmp_path, monkeypatch, workers):
    """Listing a folder of 10,000 files takes 0.2 s before any file is read: the run lists it
    once, whether it reads the files here or in partitions on a pool."""
    folder = write_corpus(tmp_path / "articles", 3, mean_words=80, seed=3)
    listed, iterdir = [], Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda path: listed.append(path) or iterdir(path))
    corpus, _, _ = pipeline.run(folder, tmp_path / "out", workers=workers, partition_size=1)
    assert listed.count(folder) == 1 and len(corpus.documents) == 3


def test_once_done_runs_tasks_here_until_the_future_is_done_then_hands_on_the_rest():
    """Beside framing's worker, source comparison's tasks run here while it works; the ones
    left when it is done go to the forked processes; the results stay in task order."""

    class DoneAfter:
        def __init__(self, calls: int):
            self.calls = calls

        def done(self) -> bool:
            self.calls -= 1
            return self.calls < 0

    handed = []

    def elsewhere(tasks):
        handed.append(len(tasks))
        return [-task() for task in tasks]

    tasks = [functools.partial(int, n) for n in range(5)]
    assert in_process.once_done(DoneAfter(2), elsewhere)(tasks) == [0, 1, -2, -3, -4]
    assert handed == [3]
    assert in_process.once_done(DoneAfter(9), elsewhere)(tasks) == [0, 1, 2, 3, 4]
    assert handed == [3]


def test_forked_tasks_call_before_fork_only_when_they_fork():
    """The pipeline stops the partitions' pool there: not for a task that runs here."""
    calls = []
    partitions.forked_tasks(2, lambda: calls.append("closed"))([os.getpid])
    assert calls == []
    if sys.platform == "linux":
        partitions.forked_tasks(2, lambda: calls.append("closed"))([os.getpid, os.getpid])
        assert calls == ["closed"]


def _pid_of_the_parent_and_its_own(lock) -> tuple[int, int]:
    with lock:  # a lock cannot be pickled: the task was inherited
        return os.getppid(), os.getpid()


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_forked_tasks_inherit_their_closures_and_return_results_in_task_order():
    """Tasks over this process's objects (a lock, which pickling refuses) run on forked
    processes, up to the number of workers, and come back in task order, as run here."""
    import threading

    lock, data = threading.Lock(), list(range(1000))
    tasks = [
        *(functools.partial(sum, data[i::7]) for i in range(7)),
        functools.partial(_pid_of_the_parent_and_its_own, lock),
    ]
    results = partitions.forked_tasks(2)(tasks)
    assert results[:-1] == [task() for task in tasks[:-1]]
    parent, own = results[-1]
    assert parent == os.getpid() and own != os.getpid()


def test_documents_are_analysed_with_cycle_collection_paused_and_restored(corpus, monkeypatch):
    """Reading and analysing documents pauses the cycle collector (rows are long-lived
    containers, not cyclic garbage) and leaves it as it was: running again after, or still
    paused when the caller had paused it."""
    import gc

    seen = []
    analysed = in_process.analysed_tables
    monkeypatch.setattr(
        in_process, "analysed_tables", lambda c: seen.append(gc.isenabled()) or analysed(c)
    )
    from newsframes.ingest.settle import build_corpus

    assert gc.isenabled()
    in_process.document_tables(build_corpus(corpus)[0])
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with in_process.no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), in_process.no_cycle_collection():
        raise ValueError("a document's analysis failed")
    assert gc.isenabled()


def test_progress_bars_start_no_thread():
    """A run's progress bars leave the process with one thread, so that the processes it forks
    afterwards (source comparison's tasks) are forked from a single-threaded process (tqdm's
    own bar starts a monitor thread)."""
    import threading

    before = set(threading.enumerate())
    with in_process.Progress(show=True).bar(3, "files read", "file") as bar:
        bar.update(3)
        assert set(threading.enumerate()) == before


def test_where_processes_are_not_forked_the_tasks_run_here(monkeypatch):
    """macOS and Windows start processes by importing the program again: the tasks, which are
    closures over this process's tables, run in this process instead."""
    monkeypatch.setattr(partitions.sys, "platform", "darwin")
    tasks = [os.getpid, functools.partial(sum, [1, 2])]
    assert partitions.forked_tasks(2)(tasks) == [os.getpid(), 3]


def _children() -> set:
    """This process's forked children as the system lists them (multiprocessing's own list can
    keep a child it did not reap itself: the pool's thread may have): the processes it started
    that run this interpreter. Not the other programs the session's background jobs start
    meanwhile (``make``, a browser and its renderers), which come and go as they work."""
    import psutil

    me = psutil.Process()
    forked = set()
    for child in me.children():
        with contextlib.suppress(psutil.Error):  # ended since listed
            if child.exe() == me.exe():
                forked.add(child)
    return forked


def _raises() -> None:
    raise ValueError("a task failed")


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_a_failing_forked_task_raises_here_and_leaves_no_process():
    before = _children()
    with pytest.raises(ValueError, match="a task failed"):
        partitions.forked_tasks(2)([_raises, functools.partial(sum, [1, 2])])
    assert not _still_running(_children() - before)
    assert partitions._INHERITED_TASKS == []


def _killed() -> None:
    import signal

    os.kill(os.getpid(), signal.SIGKILL)  # as the system does when memory runs out


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_a_killed_forked_task_breaks_the_pool_here_and_leaves_no_process():
    """What the command turns into its one line about a worker that stopped abruptly."""
    from concurrent.futures.process import BrokenProcessPool

    before = _children()
    with pytest.raises(BrokenProcessPool):
        partitions.forked_tasks(2)([_killed, functools.partial(sum, [1, 2])])
    assert not _still_running(_children() - before)


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_forked_beside_inherits_its_arguments_and_close_stops_its_process():
    """Framing's process beside this one: the function and its arguments are inherited (a lock,
    which pickling refuses), the result comes back while this process goes on, and closing it
    leaves no process."""
    import threading

    before = _children()
    with partitions.ForkedBeside() as beside:
        future = beside(_pid_of_the_parent_and_its_own, threading.Lock())
        assert partitions._INHERITED_TASKS == []
        parent, own = future.result()
        assert parent == os.getpid() and own != os.getpid()
        beside.close()
        assert not _children() - before
        assert partitions.forked_tasks(2)([functools.partial(sum, [1, 2])] * 2) == [3, 3]


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_a_failing_function_beside_raises_here_and_leaves_no_process():
    before = _children()
    with pytest.raises(ValueError, match="a task failed"), partitions.ForkedBeside() as beside:
        beside(_raises).result()
    assert not _still_running(_children() - before)
    before = _children()
    with pytest.raises(KeyError), partitions.ForkedBeside() as beside:
        beside(time.sleep, 30)
        raise KeyError("this process stops while the function runs beside it")
    assert not _still_running(_children() - before)


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_a_killed_process_beside_breaks_its_pool_here_and_leaves_no_process():
    """What the command turns into its one line about a process that stopped abruptly."""
    from concurrent.futures.process import BrokenProcessPool

    before = _children()
    with pytest.raises(BrokenProcessPool), partitions.ForkedBeside() as beside:
        beside(_killed).result()
    assert not _still_running(_children() - before)


KILLED_WHILE_SENDING = """
import os, struct, sys, time
from concurrent.futures.process import BrokenProcessPool
from newsframes import partitions

POOL = None


def dies_while_sending() -> None:
    # What a worker killed in the middle of sending its result leaves behind: the result pipe's
    # lock held for good and the start of a message whose rest never comes.
    queue = POOL._result_queue
    queue._wlock.acquire()
    os.write(queue._writer.fileno(), struct.pack("!i", 1 << 20) + b"the start of a result")
    os._exit(1)


def sends_after_a_while() -> str:
    time.sleep(1)
    return "a result"


started = time.monotonic()
try:
    with partitions.local_pool(2) as runner:
        POOL = runner.pool
        futures = [runner.pool.submit(dies_while_sending), runner.pool.submit(sends_after_a_while)]
        for future in partitions.completed(runner.pool, futures):
            future.result()
except BrokenProcessPool:
    print(f"broken after {time.monotonic() - started:.1f} s")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="processes are forked on Linux only")
def test_a_worker_killed_while_sending_its_result_breaks_the_pool_and_nothing_hangs(tmp_path):
    """A worker stopped while it sends its result leaves the pool's own thread waiting for the
    rest of the message and the other worker waiting for the pipe's lock (the hang a killed
    worker caused in 1 run of 19): the wait for results sees the stopped worker, the pool is
    broken at once, and the command's cleanup ends its processes and threads."""
    import psutil

    script = tmp_path / "killed_while_sending.py"
    script.write_text(KILLED_WHILE_SENDING, encoding="utf-8")
    process = psutil.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for child in process.children(recursive=True):
            child.kill()
        process.kill()
        raise
    assert process.returncode == 0 and stdout.startswith("broken after"), stdout + stderr
    assert float(stdout.split()[2]) < 10


def test_partitions_without_usable_documents_give_the_same_tables(tmp_path):
    """Bad files in whole partitions of their own (doc_id order puts them first), one exact
    duplicate file: the streamed and concatenated tables still equal the in-process ones, on a
    Dask cluster and on the command's pool of worker processes."""
    folder = write_corpus(tmp_path / "mixed", 6, mean_words=300, seed=3)
    for name in ("a_empty.txt", "a_blank.txt", "a_spaces.txt"):
        (folder / name).write_text(" \n" if name != "a_empty.txt" else "", encoding="utf-8")
    (folder / "a_binary.txt").write_bytes(bytes(range(256)) * 4)
    first = sorted(folder.glob("article_*.txt"))[0]
    (folder / "z_copy.txt").write_bytes(first.read_bytes())
    pipeline.run(folder, tmp_path / "single")
    with _threaded_cluster() as cluster:
        pipeline.run(
            folder, tmp_path / "cluster", scheduler=cluster.scheduler_address, partition_size=2
        )
    pool = tmp_path / "pool"
    done = subprocess.run(
        [*_command(folder, pool, 2), "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    single = _files(tmp_path / "single")
    assert b"duplicate" in single["documents.csv"] and b"empty" in single["documents.csv"]
    assert _files(tmp_path / "cluster") == single
    assert _files(pool) == single


def test_a_partition_whose_document_has_no_cue_of_any_kind_gives_the_same_tables(tmp_path):
    """A partition whose one document matches no cue had its empty tables' columns typed as
    text, and the concatenated tables' schema.json then differed from the in-process run's."""
    folder = write_corpus(tmp_path / "plain", 3, mean_words=300, seed=5)
    (folder / "a_plain.txt").write_text("Headline\n\nhe said. she said.\n", encoding="utf-8")
    pipeline.run(folder, tmp_path / "single")
    pool = tmp_path / "pool"
    done = subprocess.run(
        [*_command(folder, pool, 1), "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert _files(pool) == _files(tmp_path / "single")


@pytest.mark.parametrize("n", [0, 1, 9, 10, 11, 150, 924, 10_000])
@pytest.mark.parametrize("largest", [1, 3, 100, 200])
@pytest.mark.parametrize("slots", [1, 2, 8])
def test_partitions_cover_every_item_in_order_and_shrink(n, largest, slots):
    sizes = partitions.partition_sizes(n, largest, slots)
    assert partitions.partitioned(list(range(n)), sizes) == [
        list(range(start, start + size))
        for start, size in zip(itertools.accumulate([0, *sizes]), sizes)
    ]
    assert sum(sizes) == n and all(0 < size <= largest for size in sizes)
    smallest, share = partitions.MIN_PARTITION, 2 * slots
    for i, size in enumerate(sizes):
        left = n - sum(sizes[:i])
        # a 2*slots-th of what is left (or the remainder, when what would follow is too small)
        assert size <= max(-(-left // share), smallest) + smallest - 1
        assert size >= min(left, largest, smallest)  # no tiny partition while items are left


def test_cli_default_partition_size_is_the_pipelines():
    from newsframes import cli

    args = cli._parser().parse_args(["run", "seeds", "--out", "out"])
    assert args.partition_size == pipeline.DEFAULT_PARTITION_SIZE


def test_synthetic_corpus_is_deterministic(tmp_path):
    first = _files(write_corpus(tmp_path / "a", 30, seed=5))
    assert first == _files(write_corpus(tmp_path / "b", 30, seed=5))
    assert first != _files(write_corpus(tmp_path / "c", 30, seed=6))


def test_counts_totalled_part_by_part_equal_a_group_by_of_all_parts():
    parts = [
        pd.DataFrame({"camp": ["x", "x", ""], "term": ["b", "a", "a"], "count": [1, 2, 3]}),
        pd.DataFrame({"camp": ["", "x"], "term": ["c", "a"], "count": [5, 1]}),
        pd.DataFrame({"camp": ["x"], "term": ["a"], "count": [4]}),
    ]
    totals = partitions.CountTotals(["camp", "term"], "count")
    for part in parts:
        totals.add(part)
    table = totals.table()
    assert table.to_dict("list") == {
        "camp": ["", "", "x", "x"],
        "term": ["a", "c", "a", "b"],
        "count": [3, 5, 7, 1],
    }
    grouped = pd.concat(parts).groupby(["camp", "term"], as_index=False, sort=True)["count"].sum()
    pd.testing.assert_frame_equal(table, grouped)


def _totals_of_key_tuples(parts, keys, value) -> pd.DataFrame:
    """The totals as the key tuples' dict that :class:`partitions.CountTotals` replaced."""
    totals = {}
    for frame in parts:
        for key, count in zip(zip(*(frame[k].tolist() for k in keys)), frame[value].tolist()):
            totals[key] = totals.get(key, 0) + count
    rows = [(*key, count) for key, count in sorted(totals.items())]
    return pd.DataFrame(rows, columns=[*keys, value]).astype({value: "int64"})


_KEY_VALUES = st.sampled_from(["", "a", "b", "B", "é", "unknown", "z z", "10", "9"])
_PART = st.lists(
    st.tuples(_KEY_VALUES, _KEY_VALUES, _KEY_VALUES, st.integers(0, 2**40)), max_size=12
).map(lambda rows: pd.DataFrame(rows, columns=["camp", "outlet", "term", "count"]))


@settings(max_examples=50, deadline=None)
@given(parts=st.lists(_PART, max_size=6), rows_to_sum=st.sampled_from([1, 5, 10**6]))
def test_counts_totalled_as_numbered_arrays_equal_the_sums_of_key_tuples(parts, rows_to_sum):
    """Key values numbered, rows summed in NumPy whenever enough wait (here after as few as one
    row): the same table as a dict of key tuples, dtypes, order and empty tables included."""
    for keys in (["camp", "outlet", "term"], ["term"]):
        totals = partitions.CountTotals(keys, "count")
        totals.MIN_ROWS_TO_SUM = rows_to_sum
        for frame in parts:
            totals.add(frame[[*keys, "count"]].astype({"count": "int64"}))
        expected = _totals_of_key_tuples(parts, keys, "count")
        pd.testing.assert_frame_equal(totals.table(), expected)
        assert totals.parts == len(parts)


def test_spilled_partitions_come_back_concatenated_in_partition_order_group_by_group():
    quotes = [pd.DataFrame({"doc_id": [f"d{i}"], "n": [i]}) for i in range(3)]
    with partitions.SpilledParts() as spilled:
        for i, frame in enumerate(quotes):
            tables = {"quotes": frame} if i != 1 else {"quotes": frame.iloc[:0], "only_here": frame}
            spilled.append(partitions.PACKED, pickle.dumps(tables))
            spilled.append(partitions.FRAMED, pickle.dumps({"scores": frame.assign(n=-i)}))
        group = spilled.group(partitions.PACKED)
        tables = pickle.loads(pickle.dumps(group)).tables()  # as a worker reads it
        framed = spilled.group(partitions.FRAMED).tables()
    assert tables["quotes"].to_dict("list") == {"doc_id": ["d0", "d2"], "n": [0, 2]}
    assert tables["only_here"].to_dict("list") == {"doc_id": ["d1"], "n": [1]}
    assert framed["scores"].to_dict("list") == {"doc_id": ["d0", "d1", "d2"], "n": [0, -1, -2]}
    assert not spilled.folder.exists() and spilled.file.closed


def _plant_failure(monkeypatch, corpus_dir: Path) -> str:
    """Make compare's per-document analysis raise whenever it meets the first article's text;
    returns that article's doc_id."""
    from newsframes import compare

    planted = sorted(p for p in corpus_dir.iterdir() if p.suffix == ".txt")[0].stem
    analyse = compare.document_tables

    def raising(corpus):
        if planted in set(corpus.usable["doc_id"]):
            raise RuntimeError("planted failure\nsecond line")
        return analyse(corpus)

    monkeypatch.setattr(compare, "document_tables", raising)
    return planted


def _check_isolated(out: Path, messages: list[str], planted: str, stage: str = "compare") -> None:
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    failed = documents[documents["status"] == in_process.FAILED_STATUS]
    assert list(failed["doc_id"]) == [planted]
    problem = failed["problem"].iloc[0]
    assert "RuntimeError" in problem and f"in {stage}" in problem and "\n" not in problem
    assert len(documents) == N_ARTICLES and (documents["status"] == "ok").sum() > N_ARTICLES // 2
    assert sum(planted in message for message in messages) == 1
    assert {"quotes.csv", "reuse.csv", "frames.csv", "uncertainty.csv"} <= {
        p.name for p in out.iterdir()
    }
    assert planted not in set(pd.read_csv(out / "sentences.csv")["doc_id"])


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=15), max_size=5))
def test_failing_documents_are_found_by_halving(planted):
    """Every document that fails on its own is found, with its problem, and no other; one
    failure among 16 documents takes far fewer analyses than one per document."""
    from newsframes.corpus import corpus_from_texts

    doc_ids = [f"d{i:02d}" for i in range(16)]
    corpus = corpus_from_texts(
        {d: f"Headline {d}\n\nJane Roe said the talks went well." for d in doc_ids}
    )
    failing = {doc_ids[i] for i in planted}
    calls = []

    def analyse(part):
        calls.append(len(part.usable))
        if failing & set(part.usable["doc_id"]):
            raise ValueError("planted")
        return {"quotes": None}

    with pytest.MonkeyPatch.context() as patch:
        from newsframes import compare, framing

        patch.setattr(compare, "document_tables", analyse)
        patch.setattr(framing, "document_tables", lambda part, quotes: None)
        found = in_process.failing_documents(corpus, doc_ids, fails=bool(failing))
    assert set(found) == failing
    assert all(
        "ValueError: planted" in problem and "compare" in problem for problem in found.values()
    )
    if len(failing) <= 1:
        assert len(calls) <= 2 * 4 + 1  # log2(16) levels, two groups each


def test_a_failing_document_is_isolated_in_process(corpus, monkeypatch, tmp_path):
    planted = _plant_failure(monkeypatch, corpus)
    _, _, messages = pipeline.run(corpus, tmp_path)
    _check_isolated(tmp_path, messages, planted)


def test_a_document_whose_framing_fails_only_beside_its_quotes_is_isolated(
    corpus, monkeypatch, tmp_path
):
    """Framing's per-document tables read the document's quotes: the search for the failing
    document runs them so too, or a failure there would stop the run."""
    from newsframes import framing

    planted = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0].stem
    analyse = framing.document_tables

    def raising(part, quotes=None):
        if quotes is not None and planted in set(quotes["doc_id"]):
            raise RuntimeError("planted failure beside its quotes")
        return analyse(part, quotes)

    monkeypatch.setattr(framing, "document_tables", raising)
    _, _, messages = pipeline.run(corpus, tmp_path)
    _check_isolated(tmp_path, messages, planted, stage="framing")


def test_a_failing_document_is_isolated_on_a_cluster(corpus, monkeypatch, tmp_path):
    planted = _plant_failure(monkeypatch, corpus)
    with _threaded_cluster() as cluster:
        _, _, messages = pipeline.run(
            corpus, tmp_path, scheduler=cluster.scheduler_address, partition_size=PARTITION
        )
    _check_isolated(tmp_path, messages, planted)


def test_a_file_whose_ingestion_raises_is_isolated(corpus, monkeypatch, tmp_path):
    from newsframes.ingest import document
    from newsframes.ingest.roles import line_roles

    planted = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[1].stem
    read = line_roles

    def raising(lines):
        if any(planted in line for line in lines):
            raise KeyError("planted")
        return read(lines)

    (tmp_path / "in").mkdir()
    for path in corpus.iterdir():
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "in" / f"{planted}.txt").write_text(
        f"A planted line {planted}.\n", encoding="utf-8"
    )
    monkeypatch.setattr(document, "line_roles", raising)
    _, _, messages = pipeline.run(tmp_path / "in", tmp_path / "out")
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    row = documents[documents["doc_id"] == planted].iloc[0]
    assert (
        row["status"] == in_process.FAILED_STATUS
        and "KeyError" in row["problem"]
        and "ingestion" in row["problem"]
    )
    assert sum(planted in message for message in messages) == 1
    assert len(documents) == N_ARTICLES


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.floats(allow_nan=True, allow_infinity=True)
        | st.sampled_from([0.0, -0.0, 0.1234, 1e-07, 123456789.0]),
        max_size=40,
    )
)
def test_floats_formatted_once_are_written_as_pandas_writes_them(values):
    frame = pd.DataFrame(
        {"text": [str(i) for i in range(len(values))], "score": np.array(values, dtype=float)}
    )
    written = csv_tables.with_floats_formatted(frame).to_csv(**csv_tables.CSV_OPTIONS)
    assert written == frame.to_csv(**csv_tables.CSV_OPTIONS)
