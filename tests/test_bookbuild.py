"""The tests' `make book` runs a build again only when it failed because a kernel's port was
taken by another build's kernel (bookbuild.KERNEL_PORT_TAKEN), never for a failure of the book."""

from __future__ import annotations

import subprocess

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
