"""Fill a project-local NLTK data directory from pinned packages, never from NLTK's downloader.

NLTK's servers are unreachable at build and test time, so the one resource we need from
NLTK's data collection, VADER's lexicon, is taken from the pinned ``vaderSentiment``
package and packed where NLTK looks for it (``sentiment/vader_lexicon.zip``). The zip is
written as a real copy with fixed timestamps: NLTK refuses hard links, and a fixed
timestamp keeps the directory byte-identical across set-ups.

Usage: ``python -m newsframes.nltkdata DIR``
"""

from __future__ import annotations

import os
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

VADER_RESOURCE = "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def vader_lexicon_text() -> bytes:
    """The VADER lexicon shipped inside the pinned vaderSentiment package."""
    return files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()


def install(data_dir: Path) -> Path:
    """Write NLTK's VADER resource into ``data_dir``; return the zip's path."""
    target = Path(data_dir) / "sentiment" / "vader_lexicon.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    for folder in (Path(data_dir), target.parent):
        folder.chmod(0o755)
    entry = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=_FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        archive.writestr(entry, vader_lexicon_text())
    tmp.replace(target)
    target.chmod(0o644)
    return target


def cache_dir() -> Path:
    """Where the lexicon goes when no NLTK data dir holds it (e.g. ``newsframes run`` outside
    make)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsframes" / "nltk_data"


def ensure_vader() -> None:
    """Make NLTK's VADER resource findable: use NLTK_DATA if it has it, else fill a cache dir
    from the pinned package and add that dir to ``nltk.data.path``. Never downloads."""
    import nltk

    try:
        nltk.data.find(VADER_RESOURCE)
        return
    except LookupError:
        pass
    folder = cache_dir()
    if not (folder / "sentiment" / "vader_lexicon.zip").exists():
        install(folder)
    if str(folder) not in nltk.data.path:
        nltk.data.path.insert(0, str(folder))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m newsframes.nltkdata DATA_DIR", file=sys.stderr)
        return 2
    print(f"NLTK data: {install(Path(args[0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
