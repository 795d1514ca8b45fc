"""One figure style for the whole book: colour-blind-safe palette, labelled axes, SVG output.

The palette is Okabe & Ito (2008), "Color Universal Design", safe for the common forms of
colour-vision deficiency. SVG output uses a fixed hash salt and no date metadata so that two
builds write byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

STYLE = {
    "figure.figsize": (7.0, 3.8),
    "figure.dpi": 100,
    "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
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
    """Set the book's matplotlib style and SVG output for inline figures."""
    plt.rcParams.update(STYLE)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg")
    except ImportError:  # outside IPython there is nothing to configure
        pass


def group_colors(groups) -> dict[str, str]:
    """A stable colour per group name (sorted order), e.g. per camp or outlet."""
    return {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(sorted(set(groups)))}


def save_svg(fig, path: Path) -> Path:
    """Write a figure as deterministic SVG (no creation date, fixed ids)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with plt.rc_context(STYLE):
        fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return path
