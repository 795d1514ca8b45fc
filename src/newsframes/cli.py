"""Command line: ``newsframes run SEEDS_DIR --out OUT_DIR``.

Problems with the input are reported one line each, naming the file and what to do; the
rest of the corpus is still processed. The exit code is non-zero only when no usable
document remains, or with ``--strict`` when any file had a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsframes", description="Compare how news sources framed the same story.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline on a folder of article .txt files and write CSV tables")
    run.add_argument("seeds_dir", type=Path, help="folder with one article per .txt file (and optionally sources.csv)")
    run.add_argument("--out", type=Path, required=True, help="folder for the CSV tables")
    run.add_argument("--workers", type=int, default=1, help="local worker processes (Dask); 1 runs in-process")
    run.add_argument("--scheduler", default=None, help="address of an existing Dask distributed scheduler")
    run.add_argument("--partition-size", type=int, default=100,
                     help="documents per Dask partition (default 100); a smaller corpus runs in-process")
    run.add_argument("--max-mb", type=float, default=10.0, help="refuse files larger than this (default 10 MB)")
    run.add_argument("--strict", action="store_true", help="exit non-zero if any file had a problem")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.seeds_dir.is_dir():
        print(f"newsframes: {args.seeds_dir}: no such folder; give the folder that holds the article files", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"newsframes: {args.out}: exists and is not a folder; choose another --out", file=sys.stderr)
        return 2
    from . import pipeline

    corpus, tables, messages = pipeline.run(args.seeds_dir, args.out, workers=args.workers,
                                            scheduler=args.scheduler, max_mb=args.max_mb,
                                            partition_size=args.partition_size)
    for message in messages:
        print(f"newsframes: {message}", file=sys.stderr)
    usable = len(corpus.usable)
    total = len(corpus.documents)
    print(f"newsframes: {usable} of {total} files usable; {len(tables)} tables written to {args.out}", file=sys.stderr)
    if usable == 0:
        print(f"newsframes: {args.seeds_dir}: no usable article; see the messages above", file=sys.stderr)
        return 1
    if args.strict and messages:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
