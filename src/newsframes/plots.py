"""One figure style for the whole book: colour-blind-safe palette, labelled axes, SVG output.

The palette is Okabe & Ito (2008), "Color Universal Design", safe for the common forms of
colour-vision deficiency, ordered so that the first colours also differ in lightness (blue,
orange, green, black: distinct in greyscale print); bars add hatches and dots marker shapes,
so that more categories stay apart without colour. SVG output uses a fixed hash salt and no
date metadata so that two builds write byte-identical files.
"""

from __future__ import annotations


import matplotlib


def _in_kernel() -> bool:
    """True inside a Jupyter kernel (a chapter being executed), where figures must display inline."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


if not _in_kernel():
    matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#000000", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

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
    """Set the book's matplotlib style and, in a kernel, deterministic inline SVG figures.

    In a kernel the inline backend is selected explicitly: the Makefile exports MPLBACKEND=Agg
    (right for the CLI), and on Agg a chapter's figures are silently never shown. Inline SVGs
    are written without a date (matplotlib otherwise stamps the build time into <dc:date>), so
    two builds give byte-identical figures.
    """
    if _in_kernel():
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        # `%matplotlib inline` (not just switch_backend) also installs the hook that shows
        # every figure a cell leaves open, with or without plt.show().
        get_ipython().run_line_magic("matplotlib", "inline")
        set_matplotlib_formats("svg", metadata={"Date": None})
    plt.rcParams.update(STYLE)


def group_colors(groups, order: list | None = None) -> dict[str, str]:
    """A stable colour per group name, e.g. per camp or outlet: in ``order`` when given (the
    most important first), else in sorted order."""
    names = order if order is not None else sorted(set(groups))
    return {g: OKABE_ITO[i % len(OKABE_ITO)] for i, g in enumerate(names)}
