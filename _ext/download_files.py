"""Put the chapters' CSV downloads beside the pages.

A chapter's download link points at a file it wrote (``newsframes.report.display.download_html``)
to a staging folder, not at data embedded in the page: at 10,000 articles the embedded
downloads made pages of 56 MB. When Sphinx starts, the staging folder
(``_build/downloads``, beside the HTML output) is emptied and its path exported as
``NEWSFRAMES_DOWNLOADS`` to the processes that execute the chapters; when the build succeeds it
is copied to ``downloads/`` in the HTML output, replacing the last build's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DOWNLOADS_ENV = "NEWSFRAMES_DOWNLOADS"  # as newsframes.report.book.DOWNLOADS_ENV


def staging_folder(app) -> Path:
    return Path(app.outdir).parent / "downloads"


def _start(app) -> None:
    staging = staging_folder(app)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    os.environ[DOWNLOADS_ENV] = str(staging)


def _publish(app, exception) -> None:
    if exception is not None:
        return
    published = Path(app.outdir) / "downloads"
    shutil.rmtree(published, ignore_errors=True)
    shutil.copytree(staging_folder(app), published)


def setup(app):
    app.connect("builder-inited", _start)
    app.connect("build-finished", _publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
