"""One figure style for the whole book: colour-blind-safe palette, labelled axes, SVG output.

The palette is Okabe & Ito (2008), "Color Universal Design", safe for the common forms of
colour-vision deficiency, ordered so that the first four also differ in lightness (blue, orange,
black, vermillion: greyscale luminance at least 0.12 apart, so distinct in greyscale print;
green, next in the original order, is 0.07 from blue); bars add hatches and dots marker shapes,
so that more categories stay apart without colour. SVG output uses a fixed hash salt and no date
metadata so that two builds write byte-identical files. Plots drawn on a given axis
(:func:`plot_fightin_words`) live here too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OKABE_ITO = ["#0072B2", "#E69F00", "#000000", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def group_marker(k: int) -> str:
    """The marker of the ``k``-th group, the eight taking turns (an outlet comparison may
    have hundreds of groups)."""
    return MARKERS[k % len(MARKERS)]


STYLE = {  # rcParams of every figure; apply_style adds the palette as the colour cycle
    "figure.figsize": (7.0, 3.8),
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "font.size": 10,
    "legend.frameon": False,
    "svg.hashsalt": "newsframes",
    "svg.fonttype": "none",
    "path.simplify": True,
}


def apply_style() -> None:
    """Set the book's matplotlib style (figures are drawn with it; see
    :func:`newsframes.report.chart.new_figure`). Charts display themselves as SVG without a
    date (matplotlib otherwise stamps the build time into <dc:date>), so two builds give
    byte-identical figures; pyplot is never imported, so no backend is chosen. matplotlib is
    imported here, not with this module, so that a chapter without figures does without it."""
    import matplotlib

    matplotlib.rcParams.update({**STYLE, "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO)})


def group_colors(groups, order: list | None = None) -> dict[str, str]:
    """A stable colour per group name, e.g. per camp or outlet: in ``order`` when given (the
    most important first), else in sorted order."""
    names = order if order is not None else sorted(set(groups))
    return {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(names)}


def plot_fightin_words(keyness: pd.DataFrame, ax=None, top_n: int = 8, colors: dict | None = None):
    """Fightin'-Words plot: x = log10 of a term's corpus count, y = its log-odds z (with two
    groups, signed: up for the first group, down for the second); the top terms of each group
    labelled, tied terms sharing one label."""
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(7, 4.5)).subplots()
    groups = sorted(keyness["group"].unique())
    colors = colors or group_colors(groups)
    count_columns = [c for c in keyness.columns if c.startswith("count_")]
    frame = keyness.assign(total=keyness[count_columns].sum(axis=1))
    sign = np.where((len(groups) == 2) & (frame["group"] == groups[-1]), -1.0, 1.0)
    frame = frame.assign(x=np.log10(frame["total"]), y=sign * frame["log_odds_z"])
    for group in groups:
        part = frame[frame["group"] == group]
        ax.scatter(part["x"], part["y"], s=12, alpha=0.7, color=colors[group], label=group)
        top = part.nlargest(top_n, "log_odds_z").sort_values("term")
        for (x, y), terms in top.groupby(["x", "y"])["term"]:  # tied terms share one label
            names = list(terms)
            text = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
            ax.annotate(text, (x, y), fontsize=8, xytext=(3, 2), textcoords="offset points")
    ax.axhline(0, color="grey", lw=0.6)
    ax.set_xlabel("log10 frequency in corpus")
    ax.set_ylabel(
        "log-odds z"
        + (f" ({groups[0]} up, {groups[-1]} down)" if len(groups) == 2 else " (own group vs rest)")
    )
    ax.legend(loc="best")
    return ax
