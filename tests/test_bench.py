"""The benchmark's own preparation of its corpora."""

import csv

from benchmarks.bench import real_corpus


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
