"""`newsframes run` on bad input: one clear line per problem, the rest still processed, no
traceback."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Envoys agree to meet again after tense Geneva round\n"
    "\n"
    "GENEVA, March 3 (Reuters) - Envoys from both sides agreed on Friday, March 3, 2023 to meet "
    "again next month, officials said.\n"
    "\n"
    '"We have made progress, but there is a long way to go," the chief negotiator told reporters.\n'
)
CURLY = (
    "Talks resume in Vienna\n\nVIENNA, May 4 (AFP) - \u201cWe are ready,\u201d the minister said "
    "on Thursday, May 4, 2023 \u2013 after a long pause.\n"
)
NO_DATE = (
    "Ministers discuss energy security\n\nMinisters discussed energy security and agreed to keep "
    "talking. No date was given for the next round.\n"
)
HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Page</title><script>var x = 1;</script></head>\n"
    "<body><h1>Summit ends without deal</h1><p>PARIS, June 6 (AFP) - The summit ended on Tuesday, "
    "June 6, 2023 without a deal, diplomats said.</p>\n"
    "<p>Leaders will meet again in autumn, the host said.</p></body></html>"
)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``newsframes run`` as a reader runs it: a new process, its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "newsframes", "run", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_main(capfd, *args: str) -> tuple[int, str]:
    """The command's own code (``cli.main``) in this process: its exit code and what it wrote
    on stderr (captured at the file descriptor, so a library's log lines would show too). A
    traceback here would be an exception that fails the test."""
    from newsframes import cli

    capfd.readouterr()
    code = cli.main(["run", *args])
    return code, capfd.readouterr().err


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("messy")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "later_copy.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "windows.txt").write_bytes(CURLY.encode("cp1252"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "nodate.txt").write_text(NO_DATE, encoding="utf-8")
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        line = (
            "A long line of filler text that makes this file far larger than any article. " * 10
            + "\n"
        )
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "upstream", "camp", "evidence"])
        writer.writerow(["good.txt", "Wire Daily", "Reuters", "west", '"(Reuters)"'])
        writer.writerow(["missing.txt", "Nowhere", "unknown", "west", ""])
        writer.writerow(["../outside.txt", "Elsewhere", "unknown", "west", ""])
        writer.writerow(["windows.txt", "too", "many", "fields", "here", "extra"])
    out = folder.parent / "out"
    return folder, run_cli(str(folder), "--out", str(out)), out


def test_bad_files_are_reported_and_the_rest_processed(messy):
    folder, done, out = messy
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    docs = {
        row["file"]: row for row in csv.DictReader((out / "documents.csv").open(encoding="utf-8"))
    }
    expected_status = {
        "good.txt": "ok",
        "later_copy.txt": "duplicate",
        "empty.txt": "empty",
        "windows.txt": "converted",
        "binary.txt": "binary",
        "page.html": "converted",
        "nodate.txt": "ok",
        "huge.txt": "too_large",
    }
    assert {name: docs[name]["status"] for name in expected_status} == expected_status
    assert "good.txt" in docs["later_copy.txt"]["problem"]  # the first file (in name order) is kept
    assert docs["good.txt"]["outlet"] == "Wire Daily" and docs["good.txt"]["camp"] == "west"
    assert (
        docs["nodate.txt"]["published"] == ""
        and "no date" in docs["nodate.txt"]["published_source"]
    )
    assert docs["windows.txt"]["published"] == "2023-05-04"
    assert docs["page.html"]["headline"] == "Summit ends without deal"


def test_each_problem_is_one_line_naming_the_file(messy):
    folder, done, _ = messy
    lines = done.stderr.strip().splitlines()
    for name in (
        "later_copy.txt",
        "empty.txt",
        "windows.txt",
        "binary.txt",
        "nodate.txt",
        "huge.txt",
        "notes.pdf",
        "missing.txt",
        "../outside.txt",
    ):
        hits = [line for line in lines if name in line]
        assert hits, name
        assert all(line.startswith("newsframes: ") for line in hits)
    # a page read as pages are meant to be is no problem: said once for all of them
    assert not [line for line in lines if "page.html" in line]
    said = f"newsframes: {folder}: 1 HTML page: each article body read by trafilatura"
    assert len([line for line in lines if line.startswith(said)]) == 1
    assert any("row 5" in line and "number of fields" in line for line in lines)
    assert any("outside the folder" in line for line in lines)


def test_windows_text_decoded_with_curly_quotes(messy):
    _, _, out = messy
    sentences = (out / "sentences.csv").read_text(encoding="utf-8")
    assert "\u201cWe are ready,\u201d the minister said" in sentences


def test_html_page_keeps_text_not_markup(messy):
    _, _, out = messy
    texts = {
        row["doc_id"]: row["text"]
        for row in csv.DictReader((out / "texts.csv").open(encoding="utf-8"))
    }
    assert "var x" not in texts["page"] and "<p>" not in texts["page"]
    assert "Leaders will meet again in autumn" in texts["page"]


def test_every_line_of_a_usable_file_is_audited(messy):
    folder, _, out = messy
    lines = [
        row
        for row in csv.DictReader((out / "lines.csv").open(encoding="utf-8"))
        if row["doc_id"] == "good"
    ]
    assert len(lines) == len(ARTICLE.splitlines())
    duplicate_lines = [
        row
        for row in csv.DictReader((out / "lines.csv").open(encoding="utf-8"))
        if row["doc_id"] == "later_copy"
    ]
    assert {row["role"] for row in duplicate_lines} <= {"duplicate", "blank"} and duplicate_lines


def test_strict_mode_fails_on_any_problem(messy, tmp_path, capfd):
    folder, _, _ = messy
    code, stderr = run_main(capfd, str(folder), "--out", str(tmp_path / "strict"), "--strict")
    assert code == 1 and "huge.txt" in stderr


def test_empty_folder_exits_non_zero_with_a_message(tmp_path, capfd):
    (tmp_path / "empty").mkdir()
    code, stderr = run_main(capfd, str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert code == 1 and "no article files found" in stderr


def test_missing_folder_is_a_one_line_error(tmp_path, capfd):
    code, stderr = run_main(capfd, str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert stderr.strip().count("\n") == 0 and "no such folder" in stderr


def test_a_file_given_as_the_folder_is_a_one_line_error(tmp_path, capfd):
    (tmp_path / "a.txt").write_text("Talks go on.\n", encoding="utf-8")
    code, stderr = run_main(capfd, str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert stderr.strip().count("\n") == 0 and "a.txt: is a file, not a folder" in stderr


@pytest.mark.parametrize(
    "sheet",
    [b"outlet,camp\nX,west\n", b"\xff\xfe\x00garbage\x00", b'file,outlet\n"unterminated,quote\n'],
)
def test_malformed_sources_sheet_is_reported_and_ignored(tmp_path, sheet, capfd):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sources.csv").write_bytes(sheet)
    code, stderr = run_main(capfd, str(folder), "--out", str(tmp_path / "out"))
    assert code == 0 and "sources.csv" in stderr
    docs = list(csv.DictReader((tmp_path / "out" / "documents.csv").open(encoding="utf-8")))
    assert docs[0]["status"] == "ok"


def test_same_input_gives_byte_identical_tables(root, seed_run, tmp_path):
    """A run of the command gives the tables of another run on the same folder (the session's
    shared run of the seeds, made in another process)."""
    first, second = tmp_path / "a", seed_run
    assert run_cli(str(root / "seeds"), "--out", str(first)).returncode == 0
    for table in sorted(first.glob("*.csv")):
        assert table.read_bytes() == (second / table.name).read_bytes(), table.name


@pytest.mark.parametrize(
    "option",
    [
        ["--workers", "0"],
        ["--workers", "-2"],
        ["--workers", "two"],
        ["--partition-size", "0"],
        ["--max-mb", "0"],
        ["--max-mb", "-1"],
    ],
)
def test_impossible_option_is_a_one_line_error(tmp_path, option, capfd):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, stderr = run_main(capfd, str(tmp_path / "in"), "--out", str(tmp_path / "out"), *option)
    assert code == 2
    assert stderr.strip().count("\n") == 0 and option[0] in stderr


@pytest.mark.parametrize("given", [None, "auto", "AUTO"])
def test_workers_default_to_one_per_usable_core(tmp_path, monkeypatch, given):
    """Without ``--workers`` (or with ``auto``) the run gets one worker process per core this
    process may use (its CPU affinity, here made three cores, with no CPU quota)."""
    from newsframes import cli, pipeline

    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    monkeypatch.setattr(cli, "cpu_quota", lambda cgroup: None)
    asked = {}

    def recorded(*args, **options):
        asked.update(options)
        raise KeyboardInterrupt  # stop there: only the options matter

    monkeypatch.setattr(pipeline, "run", recorded)
    (tmp_path / "in").mkdir()
    option = [] if given is None else ["--workers", given]
    assert cli.main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), *option]) == 130
    assert asked["workers"] == 3


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"cpu.max": "200000 100000\n"}, 2),  # cgroup v2: two CPUs
        ({"cpu.max": "150000 100000\n"}, 2),  # one and a half: rounded up
        ({"cpu.max": "max 100000\n"}, None),  # unlimited
        ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),  # v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({}, None),  # no control group files
    ],
)
def test_a_containers_cpu_quota_is_read_from_its_control_group(tmp_path, files, expected):
    from newsframes import cli

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert cli.cpu_quota(tmp_path) == expected


def test_workers_never_exceed_the_cpu_quota(tmp_path, monkeypatch):
    from newsframes import cli

    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    (tmp_path / "cpu.max").write_text("200000 100000\n", encoding="utf-8")
    assert cli.usable_cores(tmp_path) == 2
    (tmp_path / "cpu.max").write_text("max 100000\n", encoding="utf-8")
    assert cli.usable_cores(tmp_path) == 64


def test_the_command_runs_numpy_with_one_blas_thread_unless_told_otherwise(tmp_path, monkeypatch):
    """Set before the pipeline (and numpy) is imported by the command; a number the user's
    environment gives is kept."""
    from newsframes import cli, pipeline

    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    for name in ("MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    (tmp_path / "in").mkdir()
    assert cli.main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 130
    assert [os.environ[name] for name in cli.BLAS_THREADS] == ["3", "1", "1"]


def test_a_fresh_command_sets_the_blas_threads_before_numpy_is_imported():
    """In a new interpreter: nothing the command imports before it sets them loads numpy."""
    code = "import sys, newsframes.cli as cli; cli.one_blas_thread(); print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_unwritable_out_is_a_one_line_error(tmp_path, capfd):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")  # no folder can be made inside a file
    code, stderr = run_main(capfd, str(tmp_path / "in"), "--out", str(tmp_path / "a-file" / "out"))
    assert code == 2
    assert stderr.strip().count("\n") == 0 and "cannot write" in stderr


def test_unreachable_scheduler_is_a_one_line_error_naming_it(tmp_path, monkeypatch, capfd):
    """With the 15 s wait shortened to 0.5 s; Dask's log lines would show in stderr."""
    from newsframes import cli

    monkeypatch.setattr(cli, "SCHEDULER_TIMEOUT_S", 0.5)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    code, stderr = run_main(
        capfd, str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--scheduler", address
    )
    assert code == 2 and "Traceback" not in stderr
    assert stderr.strip().count("\n") == 0 and address in stderr


def test_progress_on_stderr_and_quiet_silences_it_without_changing_tables(tmp_path, capfd):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(CURLY, encoding="utf-8")
    (tmp_path / "in" / "c.txt").write_text("", encoding="utf-8")
    _, loud = run_main(capfd, str(tmp_path / "in"), "--out", str(tmp_path / "loud"))
    _, quiet = run_main(capfd, str(tmp_path / "in"), "--out", str(tmp_path / "quiet"), "--quiet")
    assert "files read" in loud and "framing uncertainty took" in loud
    assert "files read" not in quiet and "started" not in quiet
    assert "c.txt: file is empty" in quiet and "c.txt: file is empty" in loud
    loud_files = {p.name: p.read_bytes() for p in (tmp_path / "loud").iterdir()}
    assert loud_files == {p.name: p.read_bytes() for p in (tmp_path / "quiet").iterdir()}


# --- folders that once stopped the run (found by mutating real articles and folders) ----------


def _one_term_article(folder: Path) -> None:  # a corpus whose only content word is "said"
    (folder / "a.txt").write_text("Headline\n\nhe said. she said. they said.\n", encoding="utf-8")


def _stem_is_a_name(folder: Path) -> None:  # the stem of a.txt.txt is the name a.txt
    for name in ("a.html", "a.txt", "a.txt.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")


def _undecodable_name(folder: Path) -> None:  # a name of Latin-1 bytes, not UTF-8
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")


def _line_break_in_name(folder: Path) -> None:  # each message about a file stays one line
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b\nc.txt").write_text(ARTICLE, encoding="utf-8")  # a copy of a.txt: said
    (folder / ".d\u2028e.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "f\x1bg.txt").mkdir()


def _no_article_text(folder: Path) -> None:  # every line read as furniture: no sentence
    (folder / "a.txt").write_text("Hello world.\n", encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")


def _number_past_any_float(folder: Path) -> None:
    (folder / "a.txt").write_text(
        ARTICLE + "\nThe debt reached $1" + "0" * 400 + " billion, officials said.\n",
        encoding="utf-8",
    )


def _pipe_and_device(folder: Path) -> None:  # reading either would never end
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")


def _sheet_is_a_folder(folder: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sources.csv").mkdir()


def _sheet_links_to_nothing(folder: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sources.csv").symlink_to("sources.csv")


def _hidden_article(folder: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / ".b.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\1")


def _article_links_to_nothing(folder: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").symlink_to("nowhere.txt")


@pytest.mark.parametrize(
    "make, said",
    [
        (_one_term_article, []),
        (_stem_is_a_name, []),
        (_undecodable_name, []),
        (
            _line_break_in_name,
            [
                "b\\nc.txt: same article text as a.txt",
                ".d\\u2028e.txt: is hidden",
                "f\\x1bg.txt: is a folder",
            ],
        ),
        (_no_article_text, ["a.txt: no article text"]),
        (_number_past_any_float, []),
        (_pipe_and_device, ["pipe.txt: not a regular file", "zero.txt: not a regular file"]),
        (_sheet_is_a_folder, ["sources.csv: is not a regular file"]),
        (_sheet_links_to_nothing, ["sources.csv: is not a regular file"]),
        (_hidden_article, [".b.txt: is hidden"]),
        (_article_links_to_nothing, ["b.txt: is a link to nothing"]),
    ],
)
def test_hostile_folders_end_with_every_article_accounted_for(make, said, tmp_path, capfd):
    """Each folder stopped the run with a traceback, failed an analysis, never ended or left a
    file out unsaid. Now the run ends, every article file has a row (no analysis failed) or a
    message, and what is not read is said."""
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder)
    code, err = run_main(capfd, str(folder), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0, err
    assert "Traceback" not in err
    with (tmp_path / "out" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        documents = list(csv.DictReader(handle))
    read = [
        p
        for p in folder.iterdir()
        if (p.is_file() or p.is_symlink() and not p.exists())
        and not p.name.startswith(".")
        and p.name != "sources.csv"
    ]
    assert len(documents) == len(read) == len({row["doc_id"] for row in documents})
    assert not [row for row in documents if row["status"] == "analysis_failed"]
    usable = [row for row in documents if row["status"] in ("ok", "converted")]
    assert usable and all(int(row["n_sentences"]) > 0 for row in usable)
    for words in said:
        assert any(f"{folder}/{words}" in line for line in err.splitlines()), err
