"""Robustness on any text: mutated fixture articles go through every per-document analysis
without raising (hypothesis), and the real corpora of ``../shared`` run with no failed document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book_fixtures import background_job, queue_job
from conftest import ARTICLE_FIXTURES as FIXTURES
from conftest import ROOT, annotated
from newsframes import in_process
from newsframes.ingest.document import process_document
from newsframes.ingest.settle import assemble, settle_documents

ARTICLES = [("\n".join(annotated(path)[1])) for path in sorted(FIXTURES.glob("*.txt"))]
QUOTE_MARKS = list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`\u300c\u300d")
INSERTS = st.one_of(
    st.sampled_from(QUOTE_MARKS),  # stray or unbalanced quote marks of every kind
    st.sampled_from(["\n", "\n\n\n", "\n \n"]),  # empty lines
    st.sampled_from(list(".,;:!?-\u2013\u2014\u2026()[]")),  # lone punctuation
    st.sampled_from(
        ["\x00", "\x07", "\x0b", "\x1b", "\u200b", "\ufeff", "\r"]
    ),  # control characters
    st.sampled_from(
        [
            "\u041c\u043e\u0441\u043a\u0432\u0430",
            "\u5317\u4eac",
            "\u0627\u0644\u0633\u0644\u0627\u0645",
            "\u05e9\u05dc\u05d5\u05dd",
            "\u0394\u03b7\u03bc\u03bf\u03c2",
        ]
    ),  # other scripts
    st.builds(
        lambda word, n: " ".join([word] * n),
        st.sampled_from(["said", "NATO", "\u201cno\u201d"]),
        st.integers(200, 600),
    ),  # very long lines
)


@st.composite
def mutated_article(draw) -> str:
    """A fixture article with up to 12 insertions at chosen places and maybe some lines cut."""
    text = draw(st.sampled_from(ARTICLES))
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(INSERTS) + text[at:]
    if draw(st.booleans()):
        lines = text.split("\n")
        start = draw(st.integers(0, len(lines)))
        text = "\n".join(lines[:start] + lines[start + draw(st.integers(0, 5)) :])
    return text


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_article())
def test_no_per_document_analysis_raises_on_mutated_text(tmp_path, text):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = process_document(path, "article", 10**7)
    rows, _ = settle_documents(tmp_path, [result], [])
    in_process.analysed_tables(assemble([result], rows))  # no fault isolation: any exception fails


def _per_document_table_chars(folder: Path, text: str) -> int:
    """Characters of the per-document tables of one article, written as CSV."""
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = process_document(path, "article", 10**7)
    rows, _ = settle_documents(folder, [result], [])
    tables = in_process.analysed_tables(assemble([result], rows))
    return sum(len(frame.to_csv(index=False)) for frame in tables.values())


def test_the_tables_of_a_sentence_without_stops_grow_as_its_text_does(tmp_path):
    """A transcript without stops is one sentence: each reported cue's content ran to its end
    and each dictionary hit's evidence row held all of it, so 111 KB of text made 250 MB of
    tables. Four times the text now makes about four times the tables."""
    piece = "The security plan is reportedly sound, said pollster Jane Roe, a professor, and"

    def table_chars(copies: int) -> int:
        return _per_document_table_chars(tmp_path, "Headline\n\n" + " ".join([piece] * copies))

    small, large = table_chars(200), table_chars(800)
    assert large < 6 * small, (small, large)


SHARED = ROOT.parent / "shared" / "corpora" / "polnear"


def assert_every_file_analysed_without_failure(folder, out) -> None:
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    files = {p.name for p in folder.iterdir() if p.is_file() and p.name != "sources.csv"}
    assert files <= set(documents["file"])
    failed = documents[documents["status"] == in_process.FAILED_STATUS]
    assert failed.empty, failed[["file", "problem"]].to_string()


@background_job("train_run")
def _train_run(tmp_path_factory, env) -> tuple[Path, subprocess.CompletedProcess] | None:
    """`newsframes run` on PolNeAR train on two worker processes (partitions of 200 files), in
    a subprocess of the background thread while other tests run; None without the corpus."""
    folder = SHARED / "train"
    if not folder.is_dir():
        return None
    out = tmp_path_factory.mktemp("train")
    command = [sys.executable, "-m", "newsframes", "run", str(folder), "--out", str(out)]
    options = ["--workers", "2", "--partition-size", "200", "--quiet"]
    return out, subprocess.run([*command, *options], env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def train_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    finished = queue_job("train_run", tmp_path_factory).result()
    if finished is None:
        pytest.skip(f"{SHARED / 'train'} absent")
    return finished


@pytest.mark.slow
def test_real_corpus_runs_with_no_failed_document_on_two_workers(train_run):
    """PolNeAR train on two worker processes (partitions of 200 files)."""
    out, done = train_run
    assert done.returncode == 0, done.stderr[-3000:]
    assert_every_file_analysed_without_failure(SHARED / "train", out)


@pytest.mark.slow
def test_real_corpus_runs_with_no_failed_document_in_process(polnear_dev_run):
    """PolNeAR dev, in the session's shared in-process run (the tables are byte-identical
    to a run on workers: tests/test_pipeline.py)."""
    assert_every_file_analysed_without_failure(SHARED / "dev", polnear_dev_run)
