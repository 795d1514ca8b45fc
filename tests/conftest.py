"""Shared test helpers: the repository root and a NLTK data dir that holds only our resources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the repository root: tests import it from here
ARTICLE_FIXTURES = ROOT / "tests" / "fixtures" / "articles"  # hand-annotated: "role|line"


def annotated(path: Path) -> tuple[list[str], list[str]]:
    """The roles and the lines of one hand-annotated fixture article."""
    rows = [line.split("|", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    return [role for role, _ in rows], [text for _, text in rows]


# The book, browser and pipeline-run fixtures, shared by every test module (each built or run
# once per session).
pytest_plugins = ["book_fixtures", "pipeline_fixtures"]

# Tests and the subprocesses they start import this checkout's library, whatever else the
# environment has installed.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _nltk_data(tmp_path_factory):
    """Point NLTK at a data dir filled by our set-up step, and nowhere else."""
    if not os.environ.get("NLTK_DATA"):
        from newsframes.nltkdata import install

        folder = tmp_path_factory.mktemp("nltk_data")
        install(folder)
        os.environ["NLTK_DATA"] = str(folder)
    yield
