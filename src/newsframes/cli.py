"""Command line: ``newsframes run SEEDS_DIR --out OUT_DIR``.

Problems with the input are reported one line each, naming the file and what to do; the
rest of the corpus is still processed. The exit code is non-zero only when no usable
document remains, or with ``--strict`` when any file had a problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsframes", description="Compare how news sources framed the same story."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="run the pipeline on a folder of article .txt files and write CSV tables"
    )
    run.add_argument(
        "seeds_dir",
        type=Path,
        help="folder with one article per .txt file (and optionally sources.csv)",
    )
    run.add_argument("--out", type=Path, required=True, help="folder for the CSV tables")
    run.add_argument(
        "--workers",
        type=_workers,
        default="auto",
        help="local worker processes; 1 runs in-process; auto (the default): one per core this "
        "process may use",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        help="address of an existing Dask distributed scheduler to run the partitions on",
    )
    run.add_argument(
        "--partition-size",
        type=int,
        default=200,
        help="at most this many documents per partition (default 200; the last ones are "
        "smaller, so that the workers finish together); a corpus of no more runs in-process",
    )
    run.add_argument(
        "--max-mb", type=float, default=10.0, help="refuse files larger than this (default 10 MB)"
    )
    run.add_argument(
        "--strict", action="store_true", help="exit non-zero if any file had a problem"
    )
    run.add_argument(
        "--quiet",
        action="store_true",
        help="no progress on stderr (messages about files are still printed)",
    )
    return parser


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The cores this process may use: those it may run on (its CPU affinity where the system
    tells it), at most its control group's CPU quota (:func:`cpu_quota`: a container given two
    CPUs of a 64-core host sees all 64 in its affinity)."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return max(1, min(cores, cpu_quota(cgroup) or cores))


def cpu_quota(cgroup: Path) -> int | None:
    """The CPUs the control group mounted at ``cgroup`` may use, rounded up (cgroup v2's
    ``cpu.max``, else v1's ``cpu/cpu.cfs_quota_us`` over ``cpu.cfs_period_us``); None when
    unlimited or not told."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text()
        except OSError:
            return None
    try:
        quota, period = int(quota), int(period)
    except ValueError:  # "max": unlimited
        return None
    return -(-quota // period) if quota > 0 and period > 0 else None


def _workers(value: str) -> int | str:
    """``--workers``: a number, or ``auto`` (:func:`usable_cores`); anything else is kept as
    given, for :func:`option_error` to say in one line what to give."""
    if value.strip().lower() == "auto":
        return usable_cores()
    try:
        return int(value)
    except ValueError:
        return value


SCHEDULER_TIMEOUT_S = 15


def option_error(args: argparse.Namespace) -> str:
    """'' if the options can be used, else one line saying which is wrong and what to do."""
    if not isinstance(args.workers, int) or args.workers < 1:
        return (
            f"--workers {args.workers}: give 1 (in-process), more worker processes, or auto "
            "(one per core)"
        )
    if args.partition_size < 1:
        return f"--partition-size {args.partition_size}: give 1 or more files per partition"
    if not args.max_mb > 0:
        return f"--max-mb {args.max_mb:g}: give a size above 0 (megabytes)"
    if args.seeds_dir.exists() and not args.seeds_dir.is_dir():
        return (
            f"{args.seeds_dir}: is a file, not a folder; give the folder that holds the article "
            "files, one file per article"
        )
    if not args.seeds_dir.is_dir():
        return f"{args.seeds_dir}: no such folder; give the folder that holds the article files"
    if args.out.exists() and not args.out.is_dir():
        return f"{args.out}: exists and is not a folder; choose another --out"
    return out_error(args.out) or (scheduler_error(args.scheduler) if args.scheduler else "")


def out_error(out: Path) -> str:
    """'' if tables can be written to the folder ``out`` (created if missing), else why not."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".newsframes-write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as err:
        return f"{out}: cannot write there ({err.strerror or err}); choose another --out"
    return ""


def scheduler_error(address: str) -> str:
    """'' if a Dask scheduler answers at ``address`` within :data:`SCHEDULER_TIMEOUT_S`."""
    from distributed import Client

    try:
        with Client(address, timeout=SCHEDULER_TIMEOUT_S):
            return ""
    except (OSError, TimeoutError, ValueError) as err:
        return (
            f"--scheduler {address}: no Dask scheduler answered within {SCHEDULER_TIMEOUT_S} s "
            f"({type(err).__name__}); check the address and that the scheduler runs"
        )


def report(message: str) -> None:
    """One message about a file, on stderr (beside any progress bar)."""
    from tqdm import tqdm

    tqdm.write(f"newsframes: {message}", file=sys.stderr)


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread() -> None:
    """One thread for numpy's matrix products in each process of the run, unless the
    environment sets another number: the run's parallelism is its processes (``--workers``),
    and BLAS threads beside them only wait for a core (on two cores the 924 PolNeAR files took
    0.65 s less and 1.3 CPU seconds less with one thread, the same at 10,000 synthetic
    articles). The products' results no longer depend on the machine's number of cores either.
    Read by the BLAS library when numpy is first imported, so set before that."""
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


def main(argv: list[str] | None = None) -> int:
    one_blas_thread()
    args = _parser().parse_args(argv)
    error = option_error(args)
    if error:
        print(f"newsframes: {error}", file=sys.stderr)
        return 2
    from . import in_process, pipeline

    progress = in_process.Progress(show=not args.quiet, report=report)
    try:
        corpus, tables, messages = pipeline.run(
            args.seeds_dir,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            max_mb=args.max_mb,
            partition_size=args.partition_size,
            progress=progress,
        )
    except KeyboardInterrupt:
        print(f"newsframes: interrupted; the tables in {args.out} are incomplete", file=sys.stderr)
        return 130
    except BrokenProcessPool:
        print(
            f"newsframes: a worker process stopped abruptly (killed, or out of memory?); the "
            f"tables in {args.out} are incomplete: try fewer --workers or a smaller "
            "--partition-size",
            file=sys.stderr,
        )
        return 1
    usable = len(corpus.usable)
    total = len(corpus.documents)
    print(
        f"newsframes: {usable} of {total} files usable; {len(tables)} tables written to {args.out}",
        file=sys.stderr,
    )
    if usable == 0:
        print(
            f"newsframes: {args.seeds_dir}: no usable article; see the messages above",
            file=sys.stderr,
        )
        return 1
    if args.strict and messages:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
