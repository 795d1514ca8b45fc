"""The tests' `make book` runs a build again only when it failed because a kernel's port was
taken by another build's kernel (bookbuild.KERNEL_PORT_TAKEN), never for a failure of the book."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import bookbuild


def scripted_runs(monkeypatch, outputs: list[tuple[int, str]]) -> list[list[str]]:
    """``subprocess.run`` in bookbuild answering with ``outputs`` (return code, stderr) in
    turn; returns the list of commands it was given."""
    calls, answers = [], iter(outputs)

    def run(command, **_):
        calls.append(command)
        code, stderr = next(answers)
        return subprocess.CompletedProcess(command, code, stdout="", stderr=stderr)

    monkeypatch.setattr(bookbuild.subprocess, "run", run)
    return calls


def test_a_build_that_lost_a_kernel_port_is_run_again(tmp_path, monkeypatch):
    calls = scripted_runs(
        monkeypatch, [(2, f"...\n{bookbuild.KERNEL_PORT_TAKEN} (addr=...)"), (0, "")]
    )
    assert bookbuild.make_book(tmp_path, env={}).returncode == 0
    assert len(calls) == 2 and calls[0] == calls[1]


def test_a_build_that_failed_on_the_book_is_not_run_again(tmp_path, monkeypatch):
    calls = scripted_runs(monkeypatch, [(2, "NameError: name 'x' is not defined"), (0, "")])
    assert bookbuild.make_book(tmp_path, env={}).returncode == 2
    assert len(calls) == 1


class ScriptedPage:
    """A browser page whose ``evaluate`` raises each of ``errors`` in turn, then answers."""

    def __init__(self, errors: list[Exception]):
        self.errors, self.loads_awaited = list(errors), 0

    def evaluate(self, script: str):
        if self.errors:
            raise self.errors.pop(0)
        return {"ran": script}

    def wait_for_load_state(self, state: str, timeout: float) -> None:
        self.loads_awaited += 1


def test_a_script_is_run_again_on_the_page_a_redirect_lands_on():
    from playwright.sync_api import Error

    from book_fixtures import NAVIGATED, evaluated_when_settled

    page = ScriptedPage([Error(f"Page.evaluate: {NAVIGATED}, most likely because of a navigation")])
    assert evaluated_when_settled(page, "collect") == {"ran": "collect"}
    assert page.loads_awaited == 1
    for errors in (
        [Error("Page.evaluate: SyntaxError")],  # not a navigation: reported at once
        [Error(NAVIGATED)] * 3,  # a page that never settles: reported after three tries
    ):
        with pytest.raises(Error):
            evaluated_when_settled(ScriptedPage(errors), "collect")


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")
def test_background_jobs_and_what_they_start_run_on_idle_cpu_time_only():
    """A background job's thread runs at SCHED_IDLE (book_fixtures._lower_priority), and so do
    the processes it starts (a build, its kernels, a browser): the session's own tests keep
    the cores they need. The session's main thread keeps the normal policy."""
    import book_fixtures

    seen = {}

    def job():
        book_fixtures._lower_priority()
        seen["thread"] = os.sched_getscheduler(0)
        child = [sys.executable, "-c", "import os; print(os.sched_getscheduler(0))"]
        seen["child"] = int(subprocess.run(child, capture_output=True, text=True).stdout)

    thread = threading.Thread(target=job)
    thread.start()
    thread.join()
    assert seen == {"thread": os.SCHED_IDLE, "child": os.SCHED_IDLE}
    assert os.sched_getscheduler(0) != os.SCHED_IDLE


def test_a_copied_tree_keeps_mtimes_and_links_and_leaves_out_names_at_any_depth(tmp_path):
    source = tmp_path / "source"
    (source / "src" / "pkg" / "__pycache__").mkdir(parents=True)
    (source / "src" / "pkg" / "__pycache__" / "m.pyc").write_bytes(b"x")
    (source / "src" / "pkg" / "m.py").write_text("x = 1\n", encoding="utf-8")
    (source / "_build").mkdir()
    (source / "_build" / "page.html").write_text("<p>", encoding="utf-8")
    (source / "link").symlink_to("src/pkg/m.py")
    os.utime(source / "src" / "pkg" / "m.py", (1_000_000_000, 1_000_000_000))
    copied = bookbuild.copy_tree(source, tmp_path / "target", ("_build", "__pycache__"))
    assert sorted(p.relative_to(copied).as_posix() for p in copied.rglob("*")) == [
        "link",
        "src",
        "src/pkg",
        "src/pkg/m.py",
    ]
    assert (copied / "link").is_symlink() and os.readlink(copied / "link") == "src/pkg/m.py"
    assert (copied / "src" / "pkg" / "m.py").stat().st_mtime == 1_000_000_000


def test_a_failed_copy_raises(tmp_path):
    with pytest.raises(OSError, match="failed"):
        bookbuild.copy_tree(tmp_path / "missing", tmp_path / "target")
