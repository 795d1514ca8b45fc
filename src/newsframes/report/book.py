"""What the chapters need: the pipeline's tables, found without relative paths.

Each chapter runs in its own folder and a fresh kernel, so paths are resolved here: the
Makefile exports ``NEWSFRAMES_TABLES`` (the tables it just wrote) and ``NEWSFRAMES_SEEDS``.
Run outside make (e.g. ``jupyter-book build .`` by hand), the tables are made on first use.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..corpus import Corpus, corpus_of, shown_name

TABLES_ENV, SEEDS_ENV = "NEWSFRAMES_TABLES", "NEWSFRAMES_SEEDS"
DOWNLOADS_ENV = "NEWSFRAMES_DOWNLOADS"
"""The folder the chapters write their CSV downloads to, set by the book's ``download_files``
extension (``_ext/``), which copies it beside the pages as ``downloads/``."""


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding ``_config.yml``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").exists():
            return folder
    raise FileNotFoundError(f"no _config.yml at or above {here}; run from inside the book's folder")


def seeds_dir() -> Path:
    """The corpus folder the book is about."""
    return Path(os.environ.get(SEEDS_ENV) or project_root() / "seeds")


def downloads_dir() -> Path:
    """Where a chapter writes the files its pages link to (:data:`DOWNLOADS_ENV`; outside a
    book build, ``_build/downloads`` of the book, or ``downloads`` here outside any book)."""
    if os.environ.get(DOWNLOADS_ENV):
        return Path(os.environ[DOWNLOADS_ENV])
    root = _book_root()
    return root / "_build" / "downloads" if root else Path.cwd() / "downloads"


def downloads_href() -> str:
    """The link from the page of the chapter running here (the current folder, as the book
    executes each chapter in its own folder) to the ``downloads/`` folder beside the pages;
    outside any book, to ``downloads/`` here."""
    root = _book_root()
    if root is None:
        return "downloads"
    page_folder = Path.cwd().resolve().relative_to(root)
    return Path(os.path.relpath("downloads", page_folder)).as_posix()


def _book_root() -> Path | None:
    """:func:`project_root`, or None outside a book (a notebook of the reader's own)."""
    try:
        return project_root()
    except FileNotFoundError:
        return None


def tables_dir() -> Path:
    """The folder of pipeline tables, made by running the pipeline if it is missing."""
    folder = Path(os.environ.get(TABLES_ENV) or project_root() / "_build" / "tables")
    if not (folder / "documents.csv").exists():
        from ..pipeline import run

        run(seeds_dir(), folder)
    return folder


def read_table(path: Path, kinds: dict[str, str]) -> pd.DataFrame:
    """One CSV table with its columns typed as the pipeline wrote them: text columns are
    strings ('' when empty, even if every value looks like a number), number columns numbers."""
    text = [c for c, kind in kinds.items() if kind == "text"]
    frame = pd.read_csv(
        path,
        dtype={c: str for c in text},
        keep_default_na=False,
        na_values={c: [""] for c in kinds if c not in text},
    )
    for column in frame.columns:
        if kinds.get(column) == "number":
            frame[column] = pd.to_numeric(frame[column])
    # One block per kind of column, not one per column as read: split over 2,000 count columns,
    # a keyness table took 65 s to take its groups apart and 259 s to draw.
    return frame.copy()


class Tables(Mapping):
    """The tables the pipeline wrote to a folder, by name, each read (typed by its
    ``schema.json``) when first asked for: a chapter reads only the tables it uses. Reading
    all of them took each chapter 13-16 s at 10,000 documents (the lines and sentences tables
    are the largest, and few chapters use them)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.schema = json.loads((self.folder / "schema.json").read_text(encoding="utf-8"))
        self.paths = {path.stem: path for path in sorted(self.folder.glob("*.csv"))}
        self.frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.frames:
            self.frames[name] = read_table(self.paths[name], self.schema.get(name, {}))
        return self.frames[name]

    def __contains__(self, name) -> bool:  # without reading the table
        return name in self.paths

    def __iter__(self):
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def read_tables(folder: Path) -> Tables:
    """Every table the pipeline wrote to ``folder``, by name, typed by its ``schema.json``
    (each read when first used: :class:`Tables`)."""
    return Tables(folder)


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Every table the pipeline wrote for the book (:func:`tables_dir`), by name, typed."""
    return read_tables(tables_dir())


def load_corpus() -> Corpus:
    """The ingested corpus rebuilt from the tables (for stages a chapter wants to rerun)."""
    return corpus_of(load_tables())


def setup() -> Tables:
    """Start a chapter: readable pandas output and the tables (figures set their own style,
    so a chapter without figures never imports matplotlib)."""
    pd.set_option("display.max_colwidth", 160)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 200)
    return load_tables()


def is_seed_story() -> bool:
    """True when the book is built on its own ``seeds/`` (prose about that story may be shown)."""
    try:
        return seeds_dir().resolve() == (project_root() / "seeds").resolve()
    except FileNotFoundError:
        return False


def story_intro() -> str:
    """Markdown introducing the corpus: the seed story's own paragraph (``chapters/story.md``)
    for the seeds, a neutral sentence for any other folder."""
    if is_seed_story():
        return (project_root() / "chapters" / "story.md").read_text(encoding="utf-8")
    from ..ingest.settle import discover

    n = len(discover(seeds_dir())[0])
    return (
        f"This build reads a corpus of {n} article files supplied by the reader; "
        "outlets and camps come "
        "from its provenance sheet and from the texts themselves."
    )


def shown_path(path: Path) -> str:
    """A path as a page may show it: relative to the book's folder when inside it, else only its
    last part (a page never shows the machine's folders)."""
    try:
        return path.resolve().relative_to(project_root()).as_posix()
    except (ValueError, FileNotFoundError):
        return path.name


def input_files() -> pd.DataFrame:
    """Every input file of the corpus folder: name, size and SHA-256."""
    import hashlib

    folder = seeds_dir()
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return pd.DataFrame(
        {
            "file": [shown_name(p) for p in files],  # as documents.csv writes it
            "bytes": [p.stat().st_size for p in files],
            "sha256": [hashlib.sha256(p.read_bytes()).hexdigest() for p in files],
        }
    )


PACKAGES = [
    "newsframes",
    "pandas",
    "numpy",
    "matplotlib",
    "nltk",
    "vaderSentiment",
    "charset-normalizer",
    "rapidfuzz",
    "networkx",
    "distributed",
    "jupyter-book",
    "myst-nb",
    "sphinx",
]


def package_versions() -> pd.DataFrame:
    """Python's version and those of the packages the book depends on."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return pd.DataFrame(
        {
            "package": ["python", *PACKAGES],
            "version": [platform.python_version(), *map(installed, PACKAGES)],
        }
    )


def build_facts() -> pd.DataFrame:
    """When the book was built and from which folders (paths shown by :func:`shown_path`)."""
    import datetime

    built = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return pd.DataFrame(
        {
            "what": ["built", "corpus folder", "pipeline tables"],
            "value": [built, shown_path(seeds_dir()), shown_path(tables_dir())],
        }
    )
