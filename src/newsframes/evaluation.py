"""Quotation attribution measured on real news: ``make eval`` (``python -m newsframes.evaluation``).

It runs the pipeline on a split of PolNeAR (``../shared/corpora/polnear/<split>``: US election
articles whose attributions people annotated), scores the quotations with the corpus's own
scorer (``../shared/tools/score_quotes.py``), prints the scorer's line, and keeps the figures
with the date, split and commit in ``data/quote_accuracy.csv``, the file the book reads (the
book builds without ``../shared``, so it never measures, it only reports the last measure).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from datetime import date
from importlib.resources import files
from pathlib import Path

ACCURACY_FILE = "quote_accuracy.csv"
FIGURES = [
    "direct_gold",
    "recall",
    "precision",
    "speaker_scored",
    "speaker_acc",
    "reported_gold",
    "reported_recall",
]
COLUMNS = ["split", "measured", "commit", *FIGURES, "source"]
SOURCE = (
    "attributions annotated by hand, Newell, Margolin & Ruths 2018; scored by "
    "shared/tools/score_quotes.py through make eval"
)


def corpus_paths(shared: Path, split: str) -> tuple[Path, Path, Path]:
    """(article folder, gold file, scorer) of a PolNeAR split under ``shared``."""
    polnear = shared / "corpora" / "polnear"
    return polnear / split, polnear / f"{split}.gold.json", shared / "tools" / "score_quotes.py"


def commit_of(repo: Path) -> str:
    """The checked-out commit, marked ``+changes`` when tracked files (other than the accuracy
    file itself) differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git(
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        f":!src/newsframes/data/{ACCURACY_FILE}",
    )
    return head + ("+changes" if changed else "")


def measure(shared: Path, split: str, workers: int) -> dict:
    """The scorer's figures for the pipeline's quotations of one PolNeAR split."""
    folder, gold, scorer = corpus_paths(shared, split)
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsframes",
                "run",
                str(folder),
                "--out",
                out,
                "--workers",
                str(workers),
                "--quiet",
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        scored = subprocess.run(
            [sys.executable, str(scorer), str(gold), f"{out}/quotes.csv", f"{out}/documents.csv"],
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(scored.stdout.strip().splitlines()[-1])


def accuracy_path() -> Path:
    return Path(str(files("newsframes").joinpath(f"data/{ACCURACY_FILE}")))


def record(row: dict, path: Path) -> None:
    """Keep ``row`` as the one row of its split in the accuracy file (rows sorted by split)."""
    rows = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["split"] != row["split"]]
    rows = sorted(rows + [row], key=lambda r: r["split"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in COLUMNS} for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    folder, gold, scorer = corpus_paths(args.shared, args.split)
    missing = [str(p) for p in (folder, gold, scorer) if not p.exists()]
    if missing:
        print(
            f"make eval: nothing measured, not found: {', '.join(missing)} (PolNeAR is not part "
            "of this repository; the book keeps the last measure in data/quote_accuracy.csv)"
        )
        return 0
    commit = commit_of(Path.cwd())
    figures = measure(args.shared, args.split, args.workers)
    print(json.dumps(figures))
    record(
        {
            "split": args.split,
            "measured": date.today().isoformat(),
            "commit": commit,
            **{k: figures[k] for k in FIGURES},
            "source": SOURCE,
        },
        accuracy_path(),
    )
    print(
        f"make eval: {args.split}: found {figures['recall']:.1%}, "
        f"precision {figures['precision']:.1%}, "
        f"right speaker {figures['speaker_acc']:.1%} of {figures['speaker_scored']} scored "
        f"(kept in src/newsframes/data/{ACCURACY_FILE})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
