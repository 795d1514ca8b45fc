"""The figures of the framing chapter (frames, keyness, sentiment, uncertainty), each a
function of the pipeline's tables that returns a :class:`~newsframes.report.chart.Chart`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import corpus
from ..framing.groups import largest
from ..resources import codebook
from .chart import (
    MAX_DOCUMENT_ROWS,
    MAX_FIGURE_GROUPS,
    Chart,
    draw_dots,
    drawn_note,
    empty_chart,
    group_names,
    label_cells,
    new_figure,
    wrap_label,
)
from .display import camp_name, document_labels
from .plots import group_colors, group_marker, plot_fightin_words

GROUPS, OUTLETS = "groups with the most documents", "outlets with the most documents"

# --- framing ----------------------------------------------------------------------------------


def frame_grid(tables: dict) -> pd.DataFrame:
    """Frame scores (hits per 1,000 tokens), one row per frame and a column per document
    ordered by group (per outlet when there are more than ``MAX_DOCUMENT_ROWS`` documents)."""
    documents = corpus.usable(tables["documents"])
    groups = group_names(tables["documents"])
    labels = document_labels(tables["documents"])
    names = dict(zip(codebook()["frame"], codebook()["label"]))
    grid = (
        tables["frames"].pivot(index="frame", columns="doc_id", values="per_1k").rename(index=names)
    )
    grid = grid[sorted(grid.columns, key=lambda d: (groups.get(d, ""), labels[d]))]
    if grid.shape[1] > MAX_DOCUMENT_ROWS:
        outlet = documents.set_index("doc_id")["outlet"]
        return grid.T.groupby(grid.columns.map(outlet)).mean().T.rename_axis("frame")
    return grid.rename(columns=labels).rename_axis("frame")


def frame_means(tables: dict) -> pd.DataFrame:
    """Mean frame score per group: one row per frame, a column per group."""
    frames = tables["frames"].assign(
        group=tables["frames"]["doc_id"].map(group_names(tables["documents"]))
    )
    names = dict(zip(codebook()["frame"], codebook()["label"]))
    return (
        frames.groupby(["frame", "group"])["per_1k"]
        .mean()
        .unstack()
        .rename(index=names)
        .rename_axis("frame")
    )


def frames(tables: dict) -> Chart:
    """Frame scores per document (heatmap) beside the mean per group (dots), rows aligned."""
    grid, means = frame_grid(tables), frame_means(tables)
    if grid.empty:
        return empty_chart("no frame scores")
    means = means.reindex(grid.index)
    data = grid.reset_index().merge(means.add_prefix("mean: ").reset_index(), on="frame")
    columns, documents = len(grid.columns), tables["frames"]["doc_id"]
    if columns > MAX_DOCUMENT_ROWS:  # columns are outlets: the largest drawn
        sizes = corpus.usable(tables["documents"])["outlet"].value_counts()
        kept = set(largest(sizes.reindex(grid.columns, fill_value=0), MAX_DOCUMENT_ROWS))
        grid = grid[[c for c in grid.columns if c in kept]]
    sizes = documents.groupby(documents.map(group_names(tables["documents"]))).nunique()
    groups = len(means.columns)
    means = means[largest(sizes.reindex(means.columns, fill_value=0), MAX_FIGURE_GROUPS)]

    def draw():
        figure, (ax_heat, ax_dot) = new_figure(
            12, 0.45 * len(grid) + 3.2, ncols=2, sharey=True, gridspec_kw={"width_ratios": [3, 1.4]}
        )
        image = ax_heat.imshow(grid.to_numpy(), cmap="Blues", aspect="auto")
        ax_heat.set_xticks(
            range(grid.shape[1]),
            [wrap_label(c, 22) for c in grid.columns],
            rotation=40,
            ha="right",
            fontsize=8,
        )
        ax_heat.set_yticks(range(grid.shape[0]), grid.index, fontsize=9)
        top = np.nanmax(grid.to_numpy()) if grid.size else 0
        label_cells(ax_heat, grid.to_numpy(), "{:.0f}", dark_above=top / 2)
        figure.colorbar(image, ax=ax_heat, label="hits per 1,000 tokens", location="left", pad=0.02)
        ax_heat.set_title("Per document")
        colors = group_colors(means.columns)
        for k, group in enumerate(means.columns):
            ax_dot.scatter(
                means[group],
                range(len(means)),
                color=colors[group],
                marker=group_marker(k),
                s=45,
                label=group,
                zorder=3,
            )
        ax_dot.grid(axis="y", color="#eeeeee")
        ax_dot.set_xlabel("mean per group\n(hits per 1,000 tokens)")
        ax_dot.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), fontsize=10)
        ax_dot.set_title("Per group")
        drawn_note(
            figure, (len(means.columns), groups, GROUPS), (len(grid.columns), columns, OUTLETS)
        )
        return figure

    return Chart(draw, data)


def fightin_words(tables: dict) -> Chart:
    """Distinctive vocabulary: frequency against log-odds z, top terms of each group labelled."""
    keyness = tables["keyness"]
    if keyness.empty:
        return empty_chart("no term passes the minimum frequency")
    keyness = keyness.assign(group=keyness["group"].map(camp_name))
    groups = sorted(keyness["group"].unique())
    sizes = group_names(tables["documents"]).value_counts().reindex(groups, fill_value=0)
    drawn = keyness[keyness["group"].isin(largest(sizes, MAX_FIGURE_GROUPS))]

    def draw():
        figure, ax = new_figure(9, 5.5)
        plot_fightin_words(drawn, ax=ax, top_n=8, colors=group_colors(drawn["group"]))
        drawn_note(figure, (drawn["group"].nunique(), len(groups), GROUPS))
        return figure

    return Chart(draw, keyness)


def sentiment(tables: dict) -> Chart:
    """Sentence VADER compound scores per group (left) and per actor named (right): every
    sentence a dot, with a box only for groups of at least ``FEW_VALUES`` sentences."""
    scores = tables["sentiment"]
    if scores.empty:
        return empty_chart("no sentence was scored")
    scores = scores.assign(
        group=scores["group"].map(camp_name),
        target=scores["targets"].replace("", "(none)").str.split("|"),
    )
    data = scores[["doc_id", "sent_id", "group", "targets", "compound", "neg", "neu", "pos"]]
    sizes = scores.groupby("group")["doc_id"].nunique()
    groups = largest(sizes, MAX_FIGURE_GROUPS)
    drawn = scores[scores["group"].isin(groups)]
    by_target = drawn.explode("target")
    targets = sorted(by_target["target"].unique())
    colors = group_colors(groups)

    def draw():
        figure, axes = new_figure(
            12, 4.6, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1, 2.5]}
        )
        rng = np.random.default_rng(0)  # horizontal jitter only
        width = 0.8 / len(groups)
        for k, group in enumerate(groups):
            draw_dots(
                axes[0],
                k,
                drawn.loc[drawn["group"] == group, "compound"],
                0.5,
                colors[group],
                group_marker(k),
                rng,
            )
            for j, target in enumerate(targets):
                values = by_target.loc[
                    (by_target["group"] == group) & (by_target["target"] == target), "compound"
                ]
                draw_dots(
                    axes[1],
                    j + (k - (len(groups) - 1) / 2) * width,
                    values,
                    width,
                    colors[group],
                    group_marker(k),
                    rng,
                    label=group if j == 0 else None,
                )
        axes[0].set_xticks(range(len(groups)), groups)
        axes[0].set_ylabel("VADER compound score of a sentence\n(−1 negative … +1 positive)")
        axes[0].set_title("Per group")
        axes[1].set_xticks(range(len(targets)), targets, rotation=30, ha="right")
        axes[1].set_title("Per actor named in the sentence")
        axes[1].legend(title="group", fontsize=10)
        for ax in axes:
            ax.axhline(0, color="grey", lw=0.6)
        drawn_note(figure, (len(groups), len(sizes), GROUPS))
        return figure

    return Chart(draw, data)


def finding_unit(finding: str) -> str:
    """The unit a finding of the uncertainty table is measured in (one plot panel per unit)."""
    if "per 1k" in finding:
        return "hits per 1,000 tokens"
    if "(" in finding and finding.endswith(")"):
        return finding[finding.rindex("(") + 1 : -1]
    return finding


def uncertainty(tables: dict) -> Chart:
    """Each finding of the main comparison with its observed difference and its two bootstrap
    intervals, one panel per unit of measurement."""
    from .findings import main_comparison

    main = main_comparison(tables["uncertainty"])
    if main.empty:
        return empty_chart("no comparison between groups was possible")
    data = main.assign(
        unit=main["finding"].map(finding_unit),
        finding=main["finding"]
        .str.replace("frame per 1k: ", "", regex=False)
        .str.replace(" per 1k", "s", regex=False)
        .str.replace("_", " ", regex=False),
    )
    units = list(dict.fromkeys(data.sort_values("unit")["unit"]))
    heights = [data["unit"].eq(u).sum() + 1.2 for u in units]

    def draw():
        figure, axes = new_figure(
            9,
            0.38 * sum(heights) + 1.5,
            nrows=len(units),
            squeeze=False,
            gridspec_kw={"height_ratios": heights},
        )
        colors = group_colors(["sentence", "document"], order=["sentence", "document"])
        for ax, unit in zip(axes[:, 0], units):
            part = data[data["unit"] == unit].sort_values("observed", ignore_index=True)
            y = np.arange(len(part))
            ax.hlines(
                y + 0.15,
                part["sent_ci_low"],
                part["sent_ci_high"],
                color=colors["sentence"],
                lw=2.5,
                label="sentence bootstrap",
            )
            ax.hlines(
                y - 0.15,
                part["ci_low"],
                part["ci_high"],
                color=colors["document"],
                lw=2.5,
                linestyles="dotted",
                label="document bootstrap",
            )
            ax.scatter(
                part["observed"], y, color="black", zorder=3, s=18, label="observed difference"
            )
            ax.axvline(0, color="grey", lw=0.6)
            ax.set_yticks(y, [wrap_label(f, 40) for f in part["finding"]], fontsize=9)
            ax.set_xlabel(f"{data['statistic'].iloc[0]} ({unit})", fontsize=9)
        axes[0, 0].legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=10)
        return figure

    return Chart(draw, data)
