"""Stop each chapter's kernel at once when its notebook has run, instead of asking it to stop.

myst-nb executes a chapter with nbclient, which by default sends the kernel a shutdown request
and waits for the process to end. With the pinned ipykernel (7.4) about one kernel in ten does
not end after replying: jupyter_client waits half of ``shutdown_wait_time`` before SIGTERM, and
the build loses about 3 s on that chapter (measured: 30 one-cell notebooks through nbclient,
3 took 3.0-4.0 s instead of 0.5 s; none with an immediate stop). Every cell has finished when
the kernel is stopped, and what a chapter writes (figures, downloads) is written by then, so
nothing is lost. Neither myst-nb nor jupyter-book passes options to nbclient, so this sets the
default of nbclient's ``shutdown_kernel`` setting in the Sphinx process, before any chapter runs
(the parallel readers are forked from it).
"""

from __future__ import annotations

from nbclient import NotebookClient

SHUTDOWN = "immediate"


def setup(app):
    trait = NotebookClient.class_traits()["shutdown_kernel"]
    if SHUTDOWN not in trait.values:  # fail loudly if a newer nbclient drops the setting
        raise RuntimeError(f"nbclient's shutdown_kernel no longer accepts {SHUTDOWN!r}")
    trait.default_value = SHUTDOWN
    return {"parallel_read_safe": True, "parallel_write_safe": True}
