"""Pipeline runs shared by the whole test session: each corpus is run once, in-process with the
default settings, however many test modules read its tables.

``tests/conftest.py`` loads this module as a plugin (``pytest_plugins``). A test reads a run's
output folder or gets its own copy of the tables in memory; nothing a test does to them reaches
another test. Runs with other settings (workers, schedulers, hash seeds) stay in their tests.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from newsframes import pipeline
from newsframes.report.book import read_tables

SEEDS = ROOT / "seeds"
CORPUS20 = ROOT / "tests" / "fixtures" / "corpus20"
POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "dev"

_RUNS: dict[Path, tuple[Path, dict[str, pd.DataFrame]]] = {}


def run_once(folder: Path, tmp_path_factory) -> Path:
    """The output folder of ``pipeline.run(folder, out)``, run once per session; skips when the
    folder is absent (the real corpora of ../shared)."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    if folder not in _RUNS:
        out = tmp_path_factory.mktemp(f"run-{folder.name}")
        _RUNS[folder] = (out, pipeline.run(folder, out)[1])
    return _RUNS[folder][0]


def returned_tables(folder: Path, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """A copy of the tables ``pipeline.run`` returned for ``folder`` (run once per session)."""
    run_once(folder, tmp_path_factory)
    return {name: frame.copy() for name, frame in _RUNS[Path(folder).resolve()][1].items()}


def book_tables(folder: Path, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The run's CSV tables as the book reads them (typed by schema.json)."""
    return read_tables(run_once(folder, tmp_path_factory))


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory) -> Path:
    """The output folder of the pipeline on seeds/."""
    return run_once(SEEDS, tmp_path_factory)


@pytest.fixture(scope="session")
def polnear_dev_run(tmp_path_factory) -> Path:
    """The output folder of the pipeline on ../shared/corpora/polnear/dev (skips without it)."""
    return run_once(POLNEAR_DEV, tmp_path_factory)
