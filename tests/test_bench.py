"""The benchmark's own preparation of its corpora."""

import csv
import subprocess
import sys

import pytest
from benchmarks.bench import _tree_pss, _tree_rss, real_corpus

from conftest import ROOT


def test_real_corpus_merges_the_sources_sheets_under_one_header(tmp_path):
    source = tmp_path / "polnear"
    for part, names in (("train", ["a", "b"]), ("dev", ["c"])):
        (source / part).mkdir(parents=True)
        rows = [["file", "outlet"], *[[f"{name}.txt", f"outlet-{name}"] for name in names]]
        with (source / part / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        for name in names:
            (source / part / f"{name}.txt").write_text(f"Article {name}.", encoding="utf-8")

    merged = real_corpus(tmp_path / "out", source)

    with (merged / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["file", "outlet"], *[[f"{n}.txt", f"outlet-{n}"] for n in "abc"]]
    assert sorted(p.name for p in merged.glob("*.txt")) == ["a.txt", "b.txt", "c.txt"]


SHARING_TREE = """
import os, sys, time
held = bytearray(os.urandom(1 << 20)) * 96  # 96 MB, written: resident
if os.fork() == 0:  # the child shares every page of it until one is written
    time.sleep(60)
    os._exit(0)
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="PSS is read from Linux's /proc")
def test_tree_memory_counts_pages_shared_after_a_fork_once():
    """A process holding 96 MB and its forked child: the RSS sum counts the shared pages twice,
    the PSS sum once (what the benchmark's memory target is read on)."""
    import psutil

    process = psutil.Popen([sys.executable, "-c", SHARING_TREE], stdout=subprocess.PIPE)
    try:
        assert process.stdout.readline().strip() == b"ready"
        rss, pss = _tree_rss(process), _tree_pss(process)
    finally:
        for proc in [*process.children(), process]:
            proc.kill()
        process.wait()
    assert rss > 2 * 96 * 2**20 > 1.5 * pss and pss > 96 * 2**20


def test_the_naive_book_takes_the_kernel_stop_only_when_asked(tmp_path):
    """The target's yardstick is the naive book as it is; the second one, reported beside it,
    loads the project's ``_ext/kernel_exit.py``."""
    import yaml
    from benchmarks.bench import NAIVE_BOOKS
    from benchmarks.naive_book import write_book

    plain = write_book(tmp_path / "plain", ROOT / "seeds", NAIVE_BOOKS["book_naive_clean"])
    stopped = write_book(
        tmp_path / "stopped", ROOT / "seeds", NAIVE_BOOKS["book_naive_kernel_exit"]
    )
    assert "sphinx" not in yaml.safe_load((plain / "_config.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load((stopped / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["local_extensions"] == {"kernel_exit": "_ext/"}
    copied = (stopped / "_ext" / "kernel_exit.py").read_bytes()
    assert copied == (ROOT / "_ext" / "kernel_exit.py").read_bytes()


def test_the_report_shows_the_naive_book_with_the_kernel_stop_beside_the_target():
    from benchmarks.bench import Measure, book_lines

    def book(kind: str, wall: float) -> Measure:
        return Measure(kind, 5, 1, wall, wall, 100.0, True)

    lines = book_lines(
        [
            book("book_clean", 6.0),
            book("book_nochange", 0.05),
            book("book_naive_clean", 7.5),
            book("book_naive_kernel_exit", 6.5),
        ]
    )
    assert "ratio met (0.8 <= 1" in lines[0]
    assert "not a target): 6.5 s, the clean `make book` 0.92 of it" in lines[1]


def test_the_real_ratio_is_the_median_of_the_alternating_rounds_that_finished():
    from benchmarks.bench import Measure, ratio_lines, round_ratios

    def pair(round_: int, ours: float, naive: float, ok: bool = True) -> list[Measure]:
        return [
            Measure("newsframes_real", 924, 2, ours, 2 * ours, 600.0, ok, round=round_),
            Measure("naive_real", 924, 1, naive, naive, 57.0, True, round=round_),
        ]

    runs = [
        *pair(1, 12.0, 12.0),
        *pair(2, 6.0, 10.0),
        *pair(3, 7.0, 10.0),
        *pair(4, 1.0, 9.0, False),
    ]
    assert round_ratios(runs, "real") == [1.0, 0.6, 0.7]  # the failed fourth round left out
    line = ratio_lines(runs, [])[0]
    assert "(median of 3 alternating rounds: 1, 0.6, 0.7): MISSED (0.7 > 0.5" in line
    assert "rounds" not in ratio_lines(pair(1, 4.0, 10.0), [])[0]
    assert "met (0.4 <= 0.5" in ratio_lines(pair(1, 4.0, 10.0), [])[0]


def test_the_book_ratio_is_the_median_of_the_alternating_rounds():
    from benchmarks.bench import Measure, book_lines

    def book(kind: str, wall: float, round_: int = 1) -> Measure:
        return Measure(kind, 5, 1, wall, wall, 100.0, True, round=round_)

    rounds = [(6.0, 5.0), (6.0, 7.5), (6.6, 6.0)]  # ratios 1.2, 0.8, 1.1
    runs = [
        *(book("book_clean", ours, n) for n, (ours, _) in enumerate(rounds, 1)),
        *(book("book_naive_clean", naive, n) for n, (_, naive) in enumerate(rounds, 1)),
        book("book_nochange", 0.05),
    ]
    line = book_lines(runs)[0]
    assert "6.0 s, naive five-chapter book 5.0 s (round 1;" in line
    assert "median of 3 alternating rounds: 1.2, 0.8, 1.1; ratio MISSED (1.1 > 1" in line


def test_the_median_of_an_even_number_of_rounds_is_the_less_flattering_middle_one():
    from benchmarks.bench import median_ratio

    assert median_ratio([0.99, 0.75]) == 0.99
    assert median_ratio([0.9, 0.7, 0.8, 1.0]) == 0.9
    assert median_ratio([0.6]) == 0.6


def test_the_many_outlet_corpus_gives_its_articles_outlets_in_turn_and_no_camps(tmp_path):
    from benchmarks.bench import outlet_corpus

    source = tmp_path / "synthetic_7_seed1"
    source.mkdir()
    for number in range(7):
        (source / f"article_{number}.txt").write_text(f"Text {number}.\n", encoding="utf-8")
    (source / "sources.csv").write_text("file,outlet,upstream,camp,evidence\n", encoding="utf-8")
    folder = outlet_corpus(source, outlets=3)
    with (folder / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(p.name for p in folder.glob("*.txt")) == sorted(
        p.name for p in source.glob("*.txt")
    )
    assert [r["file"] for r in rows] == sorted(p.name for p in source.glob("*.txt"))
    assert [r["outlet"] for r in rows] == [f"Outlet {n % 3:03d}" for n in range(7)]
    assert {r["camp"] for r in rows} == {""}
    (folder / "article_0.txt").write_text("changed\n", encoding="utf-8")
    assert outlet_corpus(source, outlets=3) == folder  # made once: the stamp says so
    assert (folder / "article_0.txt").read_text(encoding="utf-8") == "changed\n"


def test_the_report_sets_the_many_outlet_run_beside_the_same_articles_with_camps():
    from benchmarks.bench import OUTLETS, Measure, outlet_lines

    camps = Measure("newsframes_1000", 1000, 2, 8.0, 14.0, 300.0, True)
    many = Measure(f"newsframes_1000_outlets{OUTLETS}", 1000, 2, 10.0, 17.0, 310.0, True)
    many.uncertainty_cpu_s, many.peak_pss_mb = 1.2, 305.0
    line = outlet_lines({m.kind: m for m in (camps, many)})[0]
    assert f"in {OUTLETS} outlets, no camps (not a target): 10.0 s, 1.25 x" in line
    assert "uncertainty stage 1.2 CPU s; peak PSS 305.0 MB" in line
    assert outlet_lines({camps.kind: camps}) == []
