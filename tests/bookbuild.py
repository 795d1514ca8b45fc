"""Helpers for tests that run the real `make book` on a copy of the book in a temp folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from subprocess import PIPE

from conftest import ROOT

COPY_IGNORE = (
    ".venv",
    "_build",
    ".git",
    "__pycache__",
    ".pytest_cache",
    "*.egg-info",
    ".hypothesis",
)
"""Names left out of a copy of the book's sources, at any depth. .hypothesis: the example
database, which tests running meanwhile write and delete."""


def copy_tree(source: Path, target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """``source`` copied into ``target`` with its mtimes and symbolic links, less the files and
    folders named in ``leave_out`` (shell patterns, at any depth), by ``tar`` in child processes.
    Copied file by file in Python, from a background job's thread, each call waited for the
    interpreter lock while the session's own tests ran: the built seed book (660 files) took
    18 s instead of 0.24 s, its sources 5.9 s instead of 0.06 s, with a core idle."""
    target.mkdir(parents=True, exist_ok=True)
    excluded = [f"--exclude={name}" for name in leave_out]
    packed = subprocess.Popen(["tar", "-C", str(source), *excluded, "-cf", "-", "."], stdout=PIPE)
    unpacked = subprocess.run(["tar", "-C", str(target), "-xf", "-"], stdin=packed.stdout)
    packed.stdout.close()
    if packed.wait() or unpacked.returncode:
        raise OSError(f"copying {source} to {target} failed")
    return target


def copy_book(target: Path, root: Path = ROOT) -> Path:
    """Copy the book's sources (not .venv or _build), mtimes kept, so the shared venv stays up to
    date."""
    return copy_tree(root, target, COPY_IGNORE)


def build_environment() -> dict[str, str]:
    """The environment variables a build gets: this process's, less the tests' own."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFRAMES_", "PYTEST"))}


KERNEL_PORT_TAKEN = "zmq.error.ZMQError: Address already in use"
"""What a build prints when one of its Jupyter kernels could not bind a port it was given:
jupyter_client picks a kernel's ports by binding port 0 and closing it, and a kernel that
another build starts at the same moment (the suite runs two, each with parallel chapters)
can take the port first. Seen once in a full suite here."""


def make_book(
    book: Path,
    *extra: str,
    root: Path = ROOT,
    timeout: int = 1200,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run `make book` in ``book`` with this checkout's environment (VENV=...), in ``env`` (by
    default :func:`build_environment` now); once more if it failed only because a kernel's port
    was taken (:data:`KERNEL_PORT_TAKEN`), which says nothing about the book."""
    command = ["make", "-C", str(book), "book", f"VENV={root / '.venv'}", *extra]
    env = build_environment() if env is None else env

    def build() -> subprocess.CompletedProcess:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)

    done = build()
    if done.returncode != 0 and KERNEL_PORT_TAKEN in done.stdout + done.stderr:
        done = build()
    return done
