"""Benchmark: speed and memory of ``newsframes run`` on synthetic corpora, against a naive baseline.

For each size (default 100, 1,000 and 10,000 articles of ~600 words, made by
:mod:`newsframes.synthetic`) this runs ``newsframes run`` as a subprocess and measures its wall
time, CPU time (``getrusage(RUSAGE_CHILDREN)`` deltas: the child and every worker process it
waited for) and peak RSS (the largest sampled sum over the child's whole process tree, Dask
workers included). The naive baseline -- NLTK Punkt, the Treebank word tokenizer and VADER over
every sentence, in one process -- runs on the same corpora the same way. It also times a clean
``make book`` on the seeds in a temporary copy, and a second one with nothing changed, and
measures how much two processes at once gain on this machine (:func:`parallel_capacity`).
Results go to ``OUT/results.csv`` and ``OUT/report.md``, each target marked met or missed.

Usage: ``python -m newsframes.bench --out _build/bench [--sizes 100,1000] [--workers 2] [--no-book]
[--timeout 3600]`` (``make bench BENCH_ARGS="--sizes 100,1000"``).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"max_wall_10k_s": 60.0, "max_rss_10k_mb": 2048.0, "max_exponent": 1.1, "max_baseline_ratio": 0.7,
           "max_clean_book_s": 30.0, "max_nochange_book_s": 2.0}
BOOK_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache", "*.egg-info")


@dataclass
class Measure:
    """One measured command."""

    kind: str
    articles: int
    workers: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    ok: bool

    @property
    def per_second(self) -> float:
        return self.articles / self.wall_s if self.wall_s and self.articles else 0.0


def _tree_rss(process) -> int:
    """Resident bytes of a process and all its descendants (0 for those already gone)."""
    import psutil

    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def _stop_tree(process) -> None:
    """End a timed-out command and the processes it started (its own tree only)."""
    import psutil

    for proc in [*process.children(recursive=True), process]:
        try:
            proc.kill()
        except psutil.Error:
            continue
    process.wait()


def measure(kind: str, command: list[str], articles: int = 0, workers: int = 1, cwd: Path | None = None,
            log: Path | None = None, timeout: float | None = None) -> Measure:
    """Run ``command``; wall time, CPU time of it and its waited-for descendants, peak tree RSS.
    A command still running after ``timeout`` seconds is stopped and marked not ok."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log or os.devnull, "w") as sink:
        process = psutil.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process))
            if timeout and time.perf_counter() - start > timeout:
                _stop_tree(process)
                break
            time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss (KiB on Linux) is the largest single child; a short run may end between samples.
    peak = max(peak, after.ru_maxrss * 1024 if after.ru_maxrss > before.ru_maxrss else 0)
    return Measure(kind, articles, workers, round(wall, 2), round(cpu, 2), round(peak / 2**20, 1), process.returncode == 0)


def corpus_for(folder: Path, articles: int, seed: int = 1) -> Path:
    """A synthetic corpus of ``articles`` files, generated once and reused while its stamp matches."""
    path = folder / f"synthetic_{articles}_seed{seed}"
    stamp = path / ".complete"
    if not stamp.exists():
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "newsframes.synthetic", str(path), "--articles", str(articles),
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        stamp.write_text(f"{articles} {seed}\n")
    return path


def word_counts(folder: Path) -> list[int]:
    """Whitespace words of each article file."""
    return [len(p.read_text(encoding="utf-8").split()) for p in sorted(folder.glob("*.txt"))]


def naive_baseline(folder: Path) -> int:
    """Punkt sentences, Treebank words and VADER scores of every sentence of every file, in one
    process: what a first script would do. Returns the number of sentences."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    from nltk.tokenize import PunktSentenceTokenizer, TreebankWordTokenizer

    from .nltkdata import ensure_vader

    ensure_vader()
    sentences, words, vader = PunktSentenceTokenizer(), TreebankWordTokenizer(), SentimentIntensityAnalyzer()
    n = 0
    for path in sorted(folder.glob("*.txt")):
        for sentence in sentences.tokenize(path.read_text(encoding="utf-8")):
            words.tokenize(sentence)
            vader.polarity_scores(sentence)
            n += 1
    return n


def book_builds(log_dir: Path) -> list[Measure]:
    """A clean ``make book`` on the seeds in a temporary copy, then one with nothing changed."""
    results = []
    with tempfile.TemporaryDirectory(prefix="newsframes-bench-book-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=BOOK_IGNORE)
        if (ROOT / ".nltk_data").exists():
            shutil.copytree(ROOT / ".nltk_data", book / ".nltk_data", dirs_exist_ok=True)
        command = ["make", "-C", str(book), "book", f"VENV={ROOT / '.venv'}"]
        for kind in ("book_clean", "book_nochange"):
            results.append(measure(kind, command, 5, 1, log=log_dir / f"{kind}.log"))
    return results


def parallel_capacity(folder: Path, log_dir: Path) -> list[Measure]:
    """The naive baseline on ``folder`` alone, then two copies of it at once. CPU time over wall
    time is how many cores the processes got: 1.0 and 2.0 on two free cores, less on a virtual
    machine whose host is busy (its speed also varies from minute to minute, so the shares are
    steadier than the times). It bounds what ``--workers 2`` can gain here."""
    one = [sys.executable, "-m", "newsframes.bench", "--baseline", str(folder)]
    both = ["sh", "-c", f"{' '.join(one)} & {' '.join(one)}; wait"]
    return [measure("capacity_one", one, 0, 1, log=log_dir / "capacity_one.log"),
            measure("capacity_two_at_once", both, 0, 2, log=log_dir / "capacity_two.log")]


def exponent(small: Measure, large: Measure) -> float:
    """Scaling exponent between two sizes: log(t2/t1) / log(n2/n1)."""
    return math.log(large.wall_s / small.wall_s) / math.log(large.articles / small.articles)


def verdict(value: float, limit: float, unit: str) -> str:
    """'met' or 'missed', with the margin."""
    if value <= limit:
        return f"met ({value:g}{unit} <= {limit:g}{unit}, {limit - value:.3g}{unit} to spare)"
    return f"MISSED ({value:g}{unit} > {limit:g}{unit}, over by {value - limit:.3g}{unit}, x{value / limit:.2f})"


def report(runs: list[Measure], sizes: list[int], words: dict[int, list[int]], workers: int, loads: tuple) -> str:
    """The markdown report: machine, table of measures, targets met or missed."""
    ours = {m.articles: m for m in runs if m.kind == "newsframes"}
    naive = {m.articles: m for m in runs if m.kind == "naive_baseline"}
    books = {m.kind: m for m in runs if m.kind.startswith("book")}
    lines = ["# newsframes benchmark", "",
             f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; `newsframes run --workers {workers}`. "
             f"Load average before/after: {loads[0]} / {loads[1]} (other processes share the machine: "
             "numbers are upper bounds).", "",
             "| what | articles | median words | wall s | CPU s | peak RSS MB | articles/s | exit ok |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for m in runs:
        median = sorted(words[m.articles])[len(words[m.articles]) // 2] if m.articles in words else ""
        lines.append(f"| {m.kind} | {m.articles} | {median} | {m.wall_s} | {m.cpu_s} | {m.peak_rss_mb} | "
                     f"{m.per_second:.1f} | {m.ok} |")
    lines += ["", "## Targets", ""]
    if 10000 in ours and not ours[10000].ok:
        lines.append(f"- 10,000 articles: MISSED (failed or stopped after {ours[10000].wall_s} s; see run_10000.log)")
    elif 10000 in ours:
        lines.append(f"- 10,000 articles wall time: {verdict(ours[10000].wall_s, TARGETS['max_wall_10k_s'], ' s')}")
        lines.append(f"- 10,000 articles peak RSS: {verdict(ours[10000].peak_rss_mb, TARGETS['max_rss_10k_mb'], ' MB')}")
    else:
        lines.append("- 10,000 articles: not run (pass --sizes with 10000)")
    for small, large in zip(sizes, sizes[1:]):
        if small in ours and large in ours:
            text = f"{exponent(ours[small], ours[large]):.2f}" + ("" if ours[large].ok else " (a lower bound: the larger run did not finish)")
            if (small, large) == (1000, 10000) and ours[large].ok:
                text = verdict(float(text), TARGETS["max_exponent"], "")
            lines.append(f"- scaling exponent {small} -> {large} articles: {text}")
    for n in sizes:
        if n in ours and n in naive:
            ratio = round(ours[n].wall_s / naive[n].wall_s, 2)
            lines.append(f"- {n} articles, time as a share of the naive baseline: "
                         f"{verdict(ratio, TARGETS['max_baseline_ratio'], '')}")
    capacity = {m.kind: m for m in runs if m.kind.startswith("capacity")}
    if len(capacity) == 2 and all(m.ok for m in capacity.values()):
        one, two = capacity["capacity_one"], capacity["capacity_two_at_once"]
        lines.append(f"- parallel capacity (not a target): one CPU-bound process alone got {one.cpu_s / one.wall_s:.2f} "
                     f"of a core, two at once {two.cpu_s / two.wall_s:.2f} cores between them (2.00 would be two free "
                     "cores; less means a busy host): what `--workers 2` can use here")
    if books:
        lines.append(f"- clean `make book` on the seeds: {verdict(books['book_clean'].wall_s, TARGETS['max_clean_book_s'], ' s')}")
        lines.append(f"- `make book` with nothing changed: {verdict(books['book_nochange'].wall_s, TARGETS['max_nochange_book_s'], ' s')}")
    lines += ["", "The naive baseline does much less than the pipeline (no cleaning, quotes, reuse, facts, "
              "provenance or framing tables); the pipeline does every analysis.", ""]
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsframes.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="newsframes run --workers")
    parser.add_argument("--no-book", action="store_true", help="skip the make book timings")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument("--timeout", type=float, default=3600, help="stop a run after this many seconds (not ok)")
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)  # internal: run the baseline on a folder
    args = parser.parse_args(argv)
    if args.baseline:
        print(f"{naive_baseline(args.baseline)} sentences")
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    loads_before, runs, words = _load(), [], {}
    for n in sizes:
        folder = corpus_for(out / "corpora", n)
        words[n] = word_counts(folder)
        tables = out / "tables" / str(n)
        shutil.rmtree(tables, ignore_errors=True)
        command = [sys.executable, "-m", "newsframes", "run", str(folder), "--out", str(tables), "--workers", str(args.workers)]
        runs.append(measure("newsframes", command, n, args.workers, log=out / f"run_{n}.log", timeout=args.timeout))
        print(f"newsframes run, {n} articles: {runs[-1]}", file=sys.stderr)
        if not args.no_baseline:
            command = [sys.executable, "-m", "newsframes.bench", "--baseline", str(folder)]
            runs.append(measure("naive_baseline", command, n, 1, log=out / f"baseline_{n}.log", timeout=args.timeout))
            print(f"naive baseline, {n} articles: {runs[-1]}", file=sys.stderr)
    if not args.no_baseline and sizes:
        workload = max([n for n in sizes if n <= 1000] or sizes[:1])  # long enough to settle, not minutes
        runs += parallel_capacity(corpus_for(out / "corpora", workload), out)
        print(f"parallel capacity: {runs[-2]} / {runs[-1]}", file=sys.stderr)
    if not args.no_book:
        runs += book_builds(out)
        print(f"make book: {runs[-2]} / {runs[-1]}", file=sys.stderr)
    with (out / "results.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*asdict(runs[0]), "articles_per_s"])
        writer.writerows([*asdict(m).values(), round(m.per_second, 2)] for m in runs)
    (out / "report.md").write_text(report(runs, sizes, words, args.workers, (loads_before, _load())), encoding="utf-8")
    print((out / "report.md").read_text(encoding="utf-8"))
    return 0 if all(m.ok for m in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
