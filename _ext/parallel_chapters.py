"""Execute the chapters in parallel: Sphinx reads documents in several processes, and myst-nb
runs a notebook while Sphinx reads it, so each process executes its own chapters.

`jupyter-book build` (1.x) has no ``-j`` option; this extension sets Sphinx's number of
processes from the ``parallel_chapters_jobs`` setting (``0``: one per available core, at most
four). Sphinx reads in parallel only when every extension declares it safe; two that
jupyter-book loads declare nothing although nothing they do depends on another document:

* ``sphinx_multitoc_numbering`` replaces the method that numbers sections, which Sphinx calls in
  the main process once every document is read;
* ``sphinx_jupyterbook_latex`` adds transforms that change only the document they run on, and
  its post-transforms act only for the LaTeX builder.

Sphinx cuts the sorted list of documents into contiguous chunks, one process each, and
chapters differ in cost, so the list is reordered (``env-before-read-docs``) to give each chunk a
similar estimated cost: a notebook's code cells plus the start of its kernel, counted as
:data:`KERNEL_START_CELLS` cells. The order of reading changes nothing in the pages.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.util.parallel import make_chunks

UNDECLARED_BUT_SAFE = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")
KERNEL_START_CELLS = 25  # measured: a kernel's start and imports cost about 25 short cells
MAX_AUTO_JOBS = 4
CODE_CELL_MARKERS = ("```{code-cell}", '"cell_type": "code"')


def available_cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def estimated_cost(source: Path) -> int:
    """A document's reading cost in code cells: its cells plus a kernel start when it has any."""
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    cells = sum(text.count(marker) for marker in CODE_CELL_MARKERS)
    return cells + KERNEL_START_CELLS if cells else 0


def balanced_order(costs: dict[str, int], nproc: int) -> list[str]:
    """The documents ordered so that Sphinx's contiguous chunks carry similar costs: the costliest
    document first into the chunk with the least cost that still has room (ties by name)."""
    sizes = [len(chunk) for chunk in make_chunks(list(costs), nproc)]
    chunks: list[list[str]] = [[] for _ in sizes]
    loads = [0] * len(sizes)
    for name in sorted(costs, key=lambda n: (-costs[n], n)):
        open_chunks = [i for i, size in enumerate(sizes) if len(chunks[i]) < size]
        target = min(open_chunks, key=lambda i: (loads[i], i))
        chunks[target].append(name)
        loads[target] += costs[name]
    return [name for chunk in chunks for name in chunk]


def _set_jobs(app, config) -> None:
    jobs = int(config.parallel_chapters_jobs) or min(available_cores(), MAX_AUTO_JOBS)
    app.parallel = max(app.parallel, jobs)


def _balance(app, env, docnames: list[str]) -> None:
    if app.parallel > 1 and len(docnames) > 1:
        costs = {name: estimated_cost(Path(env.doc2path(name))) for name in docnames}
        docnames[:] = balanced_order(costs, app.parallel)


def setup(app):
    for name in UNDECLARED_BUT_SAFE:
        app.setup_extension(name)
        app.extensions[name].parallel_read_safe = True
        app.extensions[name].parallel_write_safe = True
    app.add_config_value("parallel_chapters_jobs", 0, "")
    app.connect("config-inited", _set_jobs)
    app.connect("env-before-read-docs", _balance)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
