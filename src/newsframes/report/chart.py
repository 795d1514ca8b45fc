"""A :class:`Chart` (a figure with the data drawn in it) displays itself as a deterministic SVG
(the style of :mod:`newsframes.report.plots`), with the small drawing helpers the figures share.
Figures are made with ``matplotlib.figure.Figure``, not pyplot, so a chart is shown only where a
chapter displays it; matplotlib is imported only when a figure is drawn (a chapter that only
reads tables, or a table function of a figure module, never loads it); groups of fewer than
ten values are drawn as dots, never as boxes.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import corpus
from ..framing.groups import comparison_groups
from .display import camp_name, download_html
from .plots import apply_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FEW_VALUES = 10  # below this many values a group is drawn as dots, not a box plot
MAX_DOTS = 500
"""Most dots drawn at one position: beyond a few hundred a jittered strip is solid colour, and
every sentence of 10,000 articles as a dot made a 105 MB figure. Above it the dots are a random
sample (the figure's own seeded generator, so the same every build), the box shows every value
and a note under it says how many are drawn."""
MAX_DOCUMENT_ROWS = 40  # more documents than this: figures show the largest or group by outlet
MAX_FIGURE_GROUPS = 8
"""Most groups a figure compares: one per colour and marker of the palette. An outlet comparison
may have hundreds or thousands of groups (2,000 took the sentiment figure 120 s and 26 MB of
SVG); a figure then draws the largest, by documents, and a note above it says how many. The
data behind it (its download) keeps every group."""
STORY_MARGIN_DAYS = 21  # the timeline's story window: publication dates +/- this margin


@dataclass
class Chart:
    """A figure and the data drawn in it (one row per mark, with readable labels). The figure
    is drawn (by ``draw``) when first used: a chapter that only offers the data for download
    draws nothing."""

    draw: Callable[[], Figure]
    data: pd.DataFrame

    @cached_property
    def figure(self) -> Figure:
        return self.draw()

    def _repr_svg_(self) -> str:
        buffer = io.StringIO()
        self.figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        return buffer.getvalue()

    def download(self, filename: str, label: str | None = None):
        """A link to download :attr:`data` as CSV."""
        from IPython.display import HTML

        return HTML(
            download_html(self.data, filename, label or "Download the data behind this figure")
        )


def label_cells(ax, values: np.ndarray, pattern: str, dark_above: float) -> None:
    """Write each heat-map cell's value in it, white on cells darker than ``dark_above``."""
    for (i, j), value in np.ndenumerate(values):
        color = "white" if value > dark_above else "black"
        ax.text(j, i, pattern.format(value), ha="center", va="center", fontsize=8, color=color)


def new_figure(width: float, height: float, **subplots) -> tuple[Figure, object]:
    """A figure and its axes in the book's style (matplotlib is imported here, so only
    chapters that draw import it)."""
    from matplotlib.figure import Figure

    apply_style()
    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.subplots(**subplots)


def drawn_note(figure, *counts: tuple[int, int, str]) -> None:
    """Above ``figure``, for each ``(drawn, total, what)`` where it draws only ``drawn`` of
    ``total`` (``what``: e.g. "groups with the most documents"), say so."""
    parts = [f"the {drawn} {what} of {total:,}" for drawn, total, what in counts if drawn < total]
    if parts:
        figure.suptitle(
            f"Drawn: {' and '.join(parts)}; the data behind the figure has all of them.",
            fontsize=9,
            color="#555555",
        )


def wrap_label(text: str, width: int = 44) -> str:
    return textwrap.fill(str(text), width)


def group_names(documents: pd.DataFrame) -> pd.Series:
    """Each usable document's comparison group, capitalised for display."""
    labels, _ = comparison_groups(corpus.usable(documents))
    return labels.map(camp_name)


def empty_chart(message: str) -> Chart:
    def draw():
        figure, ax = new_figure(6, 1.2)
        ax.text(0.5, 0.5, message, ha="center", va="center")
        ax.set_axis_off()
        return figure

    return Chart(draw, pd.DataFrame())


def draw_dots(
    ax, x: float, values: pd.Series, width: float, color: str, marker: str, rng, label=None
) -> None:
    """Values as jittered dots at ``x`` (at most :data:`MAX_DOTS`, drawn at random); a box plot
    of all of them behind the dots when there are enough values."""
    if len(values) >= FEW_VALUES:
        ax.boxplot(values, positions=[x], widths=width * 0.8, showfliers=False)
    if len(values) > MAX_DOTS:
        ax.annotate(
            f"{MAX_DOTS:,} of {len(values):,}\ndrawn",
            (x, 0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
        )
        values = values.iloc[np.sort(rng.choice(len(values), MAX_DOTS, replace=False))]
    if len(values):
        ax.scatter(
            x + rng.uniform(-width / 4, width / 4, len(values)),
            values,
            s=14,
            alpha=0.7,
            color=color,
            marker=marker,
            label=label,
        )
