"""Benchmark: speed and memory of ``newsframes run`` on real and synthetic corpora, each beside
a naive NLTK script run on the same files in the same run.

* Real text: when ``../shared/corpora/polnear`` exists, its ``train`` and ``dev`` articles
  together (copied into one folder with one merged ``sources.csv``) through ``newsframes run``
  and through the naive script, alternately in ``--rounds`` rounds (3): the median of the
  rounds' ratios is the headline figure (the host's speed moves within minutes: two single
  rounds an hour apart gave 0.72 and 1.00 on the same code).
* Growth: synthetic corpora of 100, 1,000 and 10,000 articles of ~600 words (made by
  :mod:`benchmarks.synthetic`), each beside the naive script: wall time, CPU time
  (``getrusage(RUSAGE_CHILDREN)`` deltas: the child and every worker process it waited for),
  peak memory of the child's whole process tree, worker processes included, as the largest
  sampled sum of PSS (proportional set size: a page shared by n processes counts 1/n in each,
  so the sum counts it once; the 1 GB target is read on it; read every 0.5 s in the synthetic
  runs only, as reading it slows the run) and, in every run, of RSS (every 50 ms; a page that a
  forked process shares with its parent counts in both, so the RSS sum overstates what the
  tree holds: at 10,000 articles, 1.39 GB against 0.78 GB of PSS once source comparison forks
  processes that inherit its tables), and the growth exponent from 1,000 to 10,000.
* The uncertainty stage alone: the CPU seconds of framing's uncertainty table (the CPU time of
  the thread that computes it), read from each run's progress log (``in_process.timed``).
* The book: a clean ``make book`` on the seeds in a temporary copy and a naive five-chapter
  Jupyter Book (:mod:`benchmarks.naive_book`) built the same way, alternately in ``--rounds``
  rounds (the median ratio is read), then a ``make book`` with nothing changed.
* Many outlets (not a target): the 1,000 synthetic articles again with a sources sheet that
  gives them 200 outlets and no camps, so that the groups compared are the outlets (as in a
  scrape with many sites: the 40 largest, the others pooled), beside the same articles with
  their two camps.
* Parallel capacity: how many cores two processes at once get on this machine.

The naive script -- NLTK Punkt sentences, the Treebank word tokenizer and VADER on every
sentence, in one process -- reads VADER from the project's NLTK data dir (never downloads).
Results go to ``OUT/results.csv`` and ``OUT/report.md``, each target marked met or missed.
Timings on a shared machine drift: compare ratios measured in the same run.

Usage: ``python -m benchmarks.bench --out _build/bench [--sizes 100,1000] [--workers 2]
[--no-book] [--no-real] [--rounds 3] [--timeout 3600]``
(``make bench BENCH_ARGS="--sizes 100,1000"``).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear"
REAL_PARTS = ("train", "dev")
TARGETS = {
    "max_wall_10k_s": 60.0,
    "max_memory_10k_mb": 1024.0,
    "max_exponent": 1.1,
    "max_real_ratio": 0.5,
    "max_uncertainty_10k_s": 2.0,
    "max_book_ratio": 1.0,
    "max_nochange_book_s": 1.0,
}
BOOK_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", "__pycache__", ".pytest_cache", "*.egg-info"
)
UNCERTAINTY_LINE = re.compile(r"framing uncertainty took ([\d.]+) s CPU")


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
    uncertainty_cpu_s: float = float("nan")
    peak_pss_mb: float = float("nan")
    round: int = 1

    @property
    def per_second(self) -> float:
        return self.articles / self.wall_s if self.wall_s and self.articles else 0.0


def _tree_rss(process) -> int:
    """Resident bytes of a process and all its descendants (0 for those already gone), each
    process's RSS summed: pages shared by forked processes count once in each."""
    return _tree_sum(process, lambda proc: proc.memory_info().rss)


def _tree_pss(process) -> int:
    """The PSS of a process and all its descendants summed (their RSS where the system gives no
    PSS): every page counted once. Reading it walks each process's page tables while the
    process waits, so it is sampled less often than the RSS (:data:`PSS_EVERY`)."""

    def pss(proc) -> int:
        memory = proc.memory_full_info()
        return getattr(memory, "pss", memory.rss)

    return _tree_sum(process, pss)


def _tree_sum(process, read) -> int:
    import psutil

    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += read(proc)
        except psutil.Error:
            continue
    return total


SAMPLE_S = 0.05
PSS_EVERY = 10
"""The PSS sum is read every tenth sample (every 0.5 s), and only in the runs whose memory is a
target (the synthetic corpora): read every 50 ms it made the 924-file run 0.4-0.7 s longer
(three alternating pairs of runs, same code), every 0.5 s still 0.16-0.37 s longer (five
pairs); the RSS sum alone costs nothing measurable."""


def _stop_tree(process) -> None:
    """End a timed-out command and the processes it started (its own tree only)."""
    import psutil

    for proc in [*process.children(recursive=True), process]:
        try:
            proc.kill()
        except psutil.Error:
            continue
    process.wait()


def measure(
    kind: str,
    command: list[str],
    articles: int = 0,
    workers: int = 1,
    cwd: Path | None = None,
    log: Path | None = None,
    timeout: float | None = None,
    pss: bool = False,
) -> Measure:
    """Run ``command``; wall time, CPU time of it and its waited-for descendants, peak memory of
    its process tree (PSS and RSS sums). A command still running after ``timeout`` seconds is
    stopped and marked not ok. The PSS sum only with ``pss`` (else NaN)."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log or os.devnull, "w") as sink:
        process = psutil.Popen(command, cwd=cwd or ROOT, stdout=sink, stderr=subprocess.STDOUT)
        peak = peak_pss = 0
        for sample in itertools.count():
            if process.poll() is not None:
                break
            peak = max(peak, _tree_rss(process))
            if pss and sample % PSS_EVERY == 0:
                peak_pss = max(peak_pss, _tree_pss(process))
            if timeout and time.perf_counter() - start > timeout:
                _stop_tree(process)
                break
            time.sleep(SAMPLE_S)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss (KiB on Linux) is the largest single child; a short run may end between samples.
    peak = max(peak, after.ru_maxrss * 1024 if after.ru_maxrss > before.ru_maxrss else 0)
    peak_pss = (peak_pss or peak) if pss else float("nan")
    return Measure(
        kind,
        articles,
        workers,
        round(wall, 2),
        round(cpu, 2),
        round(peak / 2**20, 1),
        process.returncode == 0,
        peak_pss_mb=round(peak_pss / 2**20, 1),
    )


def uncertainty_seconds(log: Path) -> float:
    """CPU seconds of framing's uncertainty stage, as a run's progress log says (NaN if not)."""
    found = UNCERTAINTY_LINE.findall(log.read_text(encoding="utf-8", errors="replace"))
    return float(found[-1]) if found else float("nan")


def corpus_for(folder: Path, articles: int, seed: int = 1) -> Path:
    """A synthetic corpus of ``articles`` files, generated once and reused while its stamp
    matches."""
    path = folder / f"synthetic_{articles}_seed{seed}"
    stamp = path / ".complete"
    if not stamp.exists():
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.synthetic",
                str(path),
                "--articles",
                str(articles),
                "--seed",
                str(seed),
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(f"{articles} {seed}\n")
    return path


def real_corpus(folder: Path, source: Path = REAL_CORPUS) -> Path | None:
    """The real articles of ``source``'s train and dev folders copied into one folder, with
    their ``sources.csv`` sheets merged (one header); None when ``source`` is absent."""
    parts = [source / part for part in REAL_PARTS if (source / part).is_dir()]
    if not parts:
        return None
    path = folder / f"{source.name}_{'_'.join(p.name for p in parts)}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    header, rows = None, []
    for part in parts:
        for file in sorted(part.iterdir()):
            if file.name == "sources.csv":
                with file.open(encoding="utf-8", newline="") as handle:
                    reader = csv.reader(handle)
                    first = next(reader, None)  # each sheet's header; the first one is kept
                    header = header or first
                    rows += [row for row in reader if row]
            elif file.is_file():
                shutil.copy2(file, path / file.name)
    if header:
        with (path / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return path


OUTLETS = 200
"""Outlets given in turn to the articles of the many-outlet corpus (:func:`outlet_corpus`)."""


def outlet_corpus(source: Path, outlets: int = OUTLETS) -> Path:
    """``source``'s article files in a folder beside it, with a sources sheet that gives them
    ``outlets`` outlets in turn and no camps (so the groups compared are the outlets); made
    once and reused while its stamp says so."""
    path = source.parent / f"{source.name}_outlets{outlets}"
    stamp = path / ".complete"
    if not stamp.exists():
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        with (path / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["file", "outlet", "upstream", "camp", "evidence"])
            for number, file in enumerate(article_files(source)):
                shutil.copy2(file, path / file.name)
                outlet = f"Outlet {number % outlets:03d}"
                writer.writerow([file.name, outlet, "unknown", "", "benchmark: outlets in turn"])
        stamp.write_text(f"{outlets}\n")
    return path


def article_files(folder: Path) -> list[Path]:
    """The article files the naive script reads (every .txt)."""
    return sorted(folder.glob("*.txt"))


def word_counts(folder: Path) -> list[int]:
    """Whitespace words of each article file."""
    return [len(p.read_text(encoding="utf-8").split()) for p in article_files(folder)]


def naive_baseline(folder: Path) -> int:
    """Punkt sentences, Treebank words and VADER scores of every sentence of every file, in one
    process: what a first script would do. Returns the number of sentences."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer
    from nltk.tokenize import PunktSentenceTokenizer, TreebankWordTokenizer

    from newsframes.nltkdata import ensure_vader

    ensure_vader()
    sentences, words = PunktSentenceTokenizer(), TreebankWordTokenizer()
    vader = SentimentIntensityAnalyzer()
    n = 0
    for path in article_files(folder):
        for sentence in sentences.tokenize(path.read_text(encoding="utf-8")):
            words.tokenize(sentence)
            vader.polarity_scores(sentence)
            n += 1
    return n


def corpus_runs(
    kind: str,
    folder: Path,
    out: Path,
    workers: int,
    timeout: float,
    baseline: bool,
    rounds: int = 1,
) -> list[Measure]:
    """``newsframes run`` on ``folder`` and, right after it, the naive script on the same files,
    ``rounds`` times over (each measure numbered by its round)."""
    runs = []
    for number in range(1, rounds + 1):
        for measured in corpus_round(kind, folder, out, workers, timeout, baseline, number):
            measured.round = number
            runs.append(measured)
    return runs


def round_log(folder: Path, name: str, number: int) -> Path:
    """The log of round ``number`` of a measure: ``name.log``, then ``name_2.log``, ..."""
    return folder / f"{name}{'' if number == 1 else f'_{number}'}.log"


def corpus_round(
    kind: str, folder: Path, out: Path, workers: int, timeout: float, baseline: bool, number: int
) -> list[Measure]:
    """One round of :func:`corpus_runs` (logs of later rounds named by their number)."""
    n = len(article_files(folder))
    tables = out / "tables" / kind
    shutil.rmtree(tables, ignore_errors=True)
    log = round_log(out, f"run_{kind}", number)
    command = [
        sys.executable,
        "-m",
        "newsframes",
        "run",
        str(folder),
        "--out",
        str(tables),
        "--workers",
        str(workers),
    ]
    ours = measure(
        f"newsframes_{kind}", command, n, workers, log=log, timeout=timeout, pss=kind != "real"
    )
    ours.uncertainty_cpu_s = uncertainty_seconds(log)
    print(f"newsframes run, {kind}: {ours}", file=sys.stderr)
    runs = [ours]
    if baseline:
        command = [sys.executable, "-m", "benchmarks.bench", "--baseline", str(folder)]
        runs.append(
            measure(
                f"naive_{kind}",
                command,
                n,
                1,
                log=round_log(out, f"baseline_{kind}", number),
                timeout=timeout,
            )
        )
        print(f"naive script, {kind}: {runs[-1]}", file=sys.stderr)
    return runs


NAIVE_BOOKS = {
    "book_naive_clean": None,
    "book_naive_kernel_exit": ROOT / "_ext" / "kernel_exit.py",
}
"""The naive book as it is (the target's yardstick), then with the project's way of stopping
kernels (not a target: what the ratio owes to it)."""


def book_builds(log_dir: Path, rounds: int = 1) -> list[Measure]:
    """A clean ``make book`` on the seeds in a temporary copy and the naive five-chapter book on
    the same seeds with the same environment, alternately in ``rounds`` rounds (each measure
    numbered by its round); then a ``make book`` with nothing changed, and the naive book with
    the project's kernel stop (:data:`NAIVE_BOOKS`)."""
    from benchmarks.naive_book import write_book

    results = []
    with tempfile.TemporaryDirectory(prefix="newsframes-bench-book-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=BOOK_IGNORE)
        if (ROOT / ".nltk_data").exists():
            shutil.copytree(ROOT / ".nltk_data", book / ".nltk_data", dirs_exist_ok=True)
        ours = ["make", "-C", str(book), "book", f"VENV={ROOT / '.venv'}"]

        def naive_book(kind: str, number: int) -> list[str]:
            folder = write_book(Path(tmp) / f"{kind}_{number}", ROOT / "seeds", NAIVE_BOOKS[kind])
            return [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", "--all", str(folder)]

        def timed(kind: str, command: list[str], number: int = 1) -> None:
            results.append(measure(kind, command, 5, 1, log=round_log(log_dir, kind, number)))
            results[-1].round = number

        for number in range(1, rounds + 1):
            shutil.rmtree(book / "_build", ignore_errors=True)  # clean: nothing built before
            timed("book_clean", ours, number)
            timed("book_naive_clean", naive_book("book_naive_clean", number), number)
        timed("book_nochange", ours)
        timed("book_naive_kernel_exit", naive_book("book_naive_kernel_exit", 1))
    return results


def parallel_capacity(folder: Path, log_dir: Path) -> list[Measure]:
    """The naive script on ``folder`` alone, then two copies of it at once. CPU time over wall
    time is how many cores the processes got: 1.0 and 2.0 on two free cores, less on a virtual
    machine whose host is busy (its speed also varies from minute to minute, so the shares are
    steadier than the times). It bounds what ``--workers 2`` can gain here."""
    one = [sys.executable, "-m", "benchmarks.bench", "--baseline", str(folder)]
    both = ["sh", "-c", f"{' '.join(one)} & {' '.join(one)}; wait"]
    return [
        measure("capacity_one", one, 0, 1, log=log_dir / "capacity_one.log"),
        measure("capacity_two_at_once", both, 0, 2, log=log_dir / "capacity_two.log"),
    ]


def exponent(small: Measure, large: Measure) -> float:
    """Scaling exponent between two sizes: log(t2/t1) / log(n2/n1)."""
    return math.log(large.wall_s / small.wall_s) / math.log(large.articles / small.articles)


def verdict(value: float, limit: float, unit: str) -> str:
    """'met' or 'missed', with the margin."""
    if value <= limit:
        return f"met ({value:g}{unit} <= {limit:g}{unit}, {limit - value:.3g}{unit} to spare)"
    return (
        f"MISSED ({value:g}{unit} > {limit:g}{unit}, over by {value - limit:.3g}{unit}, "
        f"x{value / limit:.2f})"
    )


def _median(values: list[int]) -> int | str:
    return sorted(values)[len(values) // 2] if values else ""


def _shown(value: float) -> float | str:
    """A measure as the report shows it: blank when not measured (NaN)."""
    return "" if math.isnan(value) else value


def table_lines(runs: list[Measure], words: dict[str, list[int]]) -> list[str]:
    """The measures as a markdown table."""
    lines = [
        "| what | round | articles | median words | wall s | CPU s | peak PSS MB | "
        "peak RSS sum MB | articles/s | uncertainty CPU s | exit ok |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in runs:
        corpus = m.kind.split("_", 1)[-1]
        lines.append(
            f"| {m.kind} | {m.round} | {m.articles} | {_median(words.get(corpus, []))} | "
            f"{m.wall_s} | {m.cpu_s} | {_shown(m.peak_pss_mb)} | {m.peak_rss_mb} | "
            f"{m.per_second:.1f} | {_shown(m.uncertainty_cpu_s)} | {m.ok} |"
        )
    return lines


def paired_ratios(runs: list[Measure], ours_kind: str, naive_kind: str) -> list[float]:
    """``ours_kind``'s wall time over ``naive_kind``'s in each round where both ran to the end,
    in round order."""
    ours = {m.round: m for m in runs if m.kind == ours_kind and m.ok}
    naive = {m.round: m for m in runs if m.kind == naive_kind and m.ok}
    return [round(ours[r].wall_s / naive[r].wall_s, 2) for r in sorted(ours) if r in naive]


def round_ratios(runs: list[Measure], corpus: str) -> list[float]:
    """``newsframes run``'s wall time over the naive script's in each round on ``corpus``."""
    return paired_ratios(runs, f"newsframes_{corpus}", f"naive_{corpus}")


def median_ratio(ratios: list[float]) -> float:
    """The median of the rounds' ratios (of an even count, the higher of the middle two: the
    less flattering)."""
    return sorted(ratios)[len(ratios) // 2]


def rounds_phrase(ratios: list[float]) -> str:
    """How a median ratio was read: "median of 3 alternating rounds: 0.8, 0.9, 1"."""
    return f"median of {len(ratios)} alternating rounds: {', '.join(f'{r:g}' for r in ratios)}"


def ratio_lines(runs: list[Measure], sizes: list[int]) -> list[str]:
    """Each corpus's time as a share of the naive script's on the same files (the real corpus
    is the target, read on the median of its rounds; the synthetic ones are shown for
    growth)."""
    lines = []
    for corpus in ["real", *map(str, sizes)]:
        ratios = round_ratios(runs, corpus)
        if not ratios:
            continue
        ratio = median_ratio(ratios)
        if corpus == "real":
            articles = next(m.articles for m in runs if m.kind == "newsframes_real")
            rounds = f" ({rounds_phrase(ratios)})" if len(ratios) > 1 else ""
            lines.append(
                f"- real articles ({articles}), `newsframes run` time as a share of "
                f"the naive script's{rounds}: {verdict(ratio, TARGETS['max_real_ratio'], '')}"
            )
        else:
            lines.append(
                f"- {corpus} synthetic articles, share of the naive script's time "
                f"(not a target): {ratio}"
            )
    return lines


def scale_lines(by_kind: dict[str, Measure], sizes: list[int]) -> list[str]:
    """The 10,000-article targets and the growth exponents."""
    ours = {n: by_kind[f"newsframes_{n}"] for n in sizes if f"newsframes_{n}" in by_kind}
    lines = []
    if 10000 in ours and not ours[10000].ok:
        lines.append(
            f"- 10,000 articles: MISSED (failed or stopped after {ours[10000].wall_s} s; "
            "see run_10000.log)"
        )
    elif 10000 in ours:
        big = ours[10000]
        lines += [
            f"- 10,000 articles wall time: {verdict(big.wall_s, TARGETS['max_wall_10k_s'], ' s')}",
            f"- 10,000 articles peak memory (PSS summed over the process tree): "
            f"{verdict(big.peak_pss_mb, TARGETS['max_memory_10k_mb'], ' MB')} "
            f"(RSS summed: {big.peak_rss_mb} MB)",
            f"- 10,000 articles, uncertainty stage (its CPU seconds): "
            f"{verdict(big.uncertainty_cpu_s, TARGETS['max_uncertainty_10k_s'], ' s')}",
        ]
    else:
        lines.append("- 10,000 articles: not run (pass --sizes with 10000)")
    for small, large in zip(sizes, sizes[1:]):
        if small in ours and large in ours:
            value = exponent(ours[small], ours[large])
            text = f"{value:.2f}" + (
                "" if ours[large].ok else " (a lower bound: the larger run did not finish)"
            )
            if (small, large) == (1000, 10000) and ours[large].ok:
                text = verdict(round(value, 2), TARGETS["max_exponent"], "")
            lines.append(f"- growth exponent {small} -> {large} articles: {text}")
    return lines


def outlet_lines(by_kind: dict[str, Measure]) -> list[str]:
    """The many-outlet run against the same articles with their camps (not a target)."""
    kind = f"1000_outlets{OUTLETS}"
    many, camps = by_kind.get(f"newsframes_{kind}"), by_kind.get("newsframes_1000")
    if many is None or camps is None:
        return []
    if not many.ok:
        return [f"- 1,000 articles in {OUTLETS} outlets: failed or stopped (see run_{kind}.log)"]
    return [
        f"- 1,000 articles in {OUTLETS} outlets, no camps (not a target): {many.wall_s} s, "
        f"{many.wall_s / camps.wall_s:.2f} x the same articles with their camps; uncertainty "
        f"stage {_shown(many.uncertainty_cpu_s)} CPU s; peak PSS {_shown(many.peak_pss_mb)} MB"
    ]


def book_lines(runs: list[Measure]) -> list[str]:
    """The book targets: a clean build against the naive book's (the median of the rounds'
    ratios), a no-change build."""
    by_kind = {m.kind: m for m in runs if m.round == 1}
    if "book_clean" not in by_kind:
        return []
    clean, nochange = by_kind["book_clean"], by_kind["book_nochange"]
    lines = []
    ratios = paired_ratios(runs, "book_clean", "book_naive_clean")
    if ratios:
        ratio = median_ratio(ratios)
        rounds = f"{rounds_phrase(ratios)}; " if len(ratios) > 1 else ""
        lines.append(
            f"- clean `make book` on the seeds {clean.wall_s} s, naive five-chapter book "
            f"{by_kind['book_naive_clean'].wall_s} s (round 1; {rounds}ratio "
            f"{verdict(ratio, TARGETS['max_book_ratio'], '')})"
        )
    stopped = by_kind.get("book_naive_kernel_exit")
    if stopped and stopped.ok:
        lines.append(
            f"- the naive book with the project's kernel stop (`_ext/kernel_exit.py`; not a "
            f"target): {stopped.wall_s} s, the clean `make book` "
            f"{clean.wall_s / stopped.wall_s:.2f} of it"
        )
    lines.append(
        f"- `make book` with nothing changed: "
        f"{verdict(nochange.wall_s, TARGETS['max_nochange_book_s'], ' s')}"
    )
    return lines


def capacity_lines(by_kind: dict[str, Measure]) -> list[str]:
    one, two = by_kind.get("capacity_one"), by_kind.get("capacity_two_at_once")
    if not (one and two and one.ok and two.ok):
        return []
    return [
        f"- parallel capacity (not a target): one CPU-bound process alone got "
        f"{one.cpu_s / one.wall_s:.2f} of a core, two at once {two.cpu_s / two.wall_s:.2f} "
        "cores between them (2.00 would be two free cores; less means a busy host): what "
        "`--workers 2` can use here"
    ]


def report(
    runs: list[Measure], sizes: list[int], words: dict[str, list[int]], workers: int, loads: tuple
) -> str:
    """The markdown report: machine, table of measures, targets met or missed."""
    by_kind = {m.kind: m for m in runs}
    lines = [
        "# newsframes benchmark",
        "",
        f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
        f"`newsframes run --workers {workers}`. Load average before/after: {loads[0]} / "
        f"{loads[1]} (other processes share the machine: compare ratios measured in the "
        "same run, not seconds across runs).",
        "",
        "`real` is the PolNeAR train and dev articles together; numbers are synthetic "
        "corpora; `naive_*` the naive NLTK script on the same files.",
        "",
        *table_lines(runs, words),
        "",
        "## Targets",
        "",
        *ratio_lines(runs, sizes),
        *scale_lines(by_kind, sizes),
        *outlet_lines(by_kind),
        *book_lines(runs),
        *capacity_lines(by_kind),
        "",
        "The naive script does much less than the pipeline (no cleaning, quotes, reuse, "
        "facts, provenance or framing tables); the pipeline does every analysis.",
        "",
    ]
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="comma-separated synthetic corpus sizes (articles)",
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="newsframes run --workers"
    )
    parser.add_argument("--no-book", action="store_true", help="skip the book timings")
    parser.add_argument("--no-real", action="store_true", help="skip the real corpus")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive script")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds of newsframes run and the naive script on the real corpus, "
        "and of the clean book and the naive book",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="stop a run after this many seconds (not ok)"
    )
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)  # the naive script alone
    args = parser.parse_args(argv)
    if args.baseline:
        print(f"{naive_baseline(args.baseline)} sentences")
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    loads_before, runs, words = _load(), [], {}
    real = None if args.no_real else real_corpus(out / "corpora")
    corpora = ([("real", real)] if real else []) + [
        (str(n), corpus_for(out / "corpora", n)) for n in sizes
    ]
    for kind, folder in corpora:
        words[kind] = word_counts(folder)
        rounds = max(1, args.rounds) if kind == "real" else 1
        runs += corpus_runs(
            kind, folder, out, args.workers, args.timeout, not args.no_baseline, rounds
        )
    if 1000 in sizes:
        kind, folder = f"1000_outlets{OUTLETS}", outlet_corpus(corpus_for(out / "corpora", 1000))
        words[kind] = words["1000"]
        runs += corpus_runs(kind, folder, out, args.workers, args.timeout, False)
    if not args.no_baseline and sizes:
        workload = max([n for n in sizes if n <= 1000] or sizes[:1])  # settles, not minutes
        runs += parallel_capacity(corpus_for(out / "corpora", workload), out)
        print(f"parallel capacity: {runs[-2]} / {runs[-1]}", file=sys.stderr)
    if not args.no_book:
        runs += book_builds(out, max(1, args.rounds))
        print(f"books: {runs[-3:]}", file=sys.stderr)
    with (out / "results.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*asdict(runs[0]), "articles_per_s"])
        writer.writerows([*asdict(m).values(), round(m.per_second, 2)] for m in runs)
    text = report(runs, sizes, words, args.workers, (loads_before, _load()))
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(m.ok for m in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
