"""A naive five-chapter Jupyter Book, the yardstick of ``make book``'s clean build time.

Each chapter is what a first attempt would hold: it imports pandas, matplotlib and NLTK, reads
the seed articles, counts sentences and words with NLTK's tokenizers and draws one figure.
:func:`write_book` writes it to a folder; the benchmark builds it with the project's
environment right after the project's own book (``python -m benchmarks.naive_book OUT SEEDS``
writes it alone).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CONFIG = """\
title: naive book
author: benchmark
only_build_toc_files: true
execute:
  execute_notebooks: force
  timeout: 300
  allow_errors: false
"""

CHAPTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# Chapter {number}: {title}

Sentences and words of each seed article, drawn as {kind} bars.

```{{code-cell}} ipython3
from pathlib import Path

import matplotlib.pyplot as plt
import nltk
import pandas as pd
from nltk.tokenize import PunktSentenceTokenizer, TreebankWordTokenizer

sentences, words = PunktSentenceTokenizer(), TreebankWordTokenizer()
rows = []
for path in sorted(Path({seeds!r}).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    found = sentences.tokenize(text)
    rows.append({{"file": path.stem[:12], "sentences": len(found),
                 "words": sum(len(words.tokenize(s)) for s in found)}})
table = pd.DataFrame(rows)
table
```

```{{code-cell}} ipython3
ax = table.plot.{kind}(x="file", y="{column}", legend=False)
ax.set_title("{column} per article")
plt.show()
```
"""

TITLES = ("Introduction", "Ingestion", "Comparison", "Framing", "Conclusions")


EXTENSION_CONFIG = """\
sphinx:
  local_extensions:
    {module}: _ext/
"""


def write_book(folder: Path, seeds: Path, kernel_exit: Path | None = None) -> Path:
    """The naive book in ``folder`` (created), its chapters reading ``seeds``; with
    ``kernel_exit`` (the project's ``_ext/kernel_exit.py``) it stops kernels as the project's
    book does, for a comparison that is not the target's."""
    folder.mkdir(parents=True, exist_ok=True)
    config = CONFIG
    if kernel_exit:
        (folder / "_ext").mkdir(exist_ok=True)
        (folder / "_ext" / kernel_exit.name).write_bytes(kernel_exit.read_bytes())
        config += EXTENSION_CONFIG.format(module=kernel_exit.stem)
    (folder / "_config.yml").write_text(config, encoding="utf-8")
    names = [f"ch{i}" for i in range(len(TITLES))]
    toc = [
        "format: jb-book",
        f"root: {names[0]}",
        "chapters:",
        *(f"  - file: {name}" for name in names[1:]),
    ]
    (folder / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    for i, (name, title) in enumerate(zip(names, TITLES)):
        kind, column = ("bar", "words") if i % 2 == 0 else ("barh", "sentences")
        (folder / f"{name}.md").write_text(
            CHAPTER.format(
                number=i, title=title, seeds=str(seeds.resolve()), kind=kind, column=column
            ),
            encoding="utf-8",
        )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.naive_book", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("seeds", type=Path)
    args = parser.parse_args(argv)
    print(write_book(args.out, args.seeds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
