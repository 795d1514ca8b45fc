"""The source-comparison chapter's timeline: the dates the documents mention, drawn around the
story's window with the days most documents mention labelled (:func:`timeline`, a
:class:`~newsframes.report.chart.Chart`)."""

from __future__ import annotations

import pandas as pd

from .. import corpus
from ..framing.groups import largest
from .chart import (
    MAX_DOCUMENT_ROWS,
    STORY_MARGIN_DAYS,
    Chart,
    empty_chart,
    new_figure,
    wrap_label,
)
from .display import document_labels
from .plots import group_colors


def dated_mentions(tables: dict) -> pd.DataFrame:
    """Every date with a known year that a usable document mentions: document, day (the start
    of an interval; the first of the month for a month), surface text and its sentence."""
    labels = document_labels(tables["documents"])
    facts = tables["facts"]
    dates = facts[(facts["kind"] == "date") & ~facts["value"].str.startswith("--")]
    day = pd.to_datetime(dates["value"].str.split("/").str[0], format="mixed", errors="coerce")
    return (
        dates.assign(document=dates["doc_id"].map(labels), day=day)
        .dropna(subset=["day"])[["document", "day", "value", "surface", "context"]]
        .sort_values(["day", "document"], ignore_index=True)
    )


def story_window(documents: pd.DataFrame, days: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the story covers: publication dates widened by ``STORY_MARGIN_DAYS`` (without
    publication dates: the middle half of the mentioned days, widened the same way)."""
    published = pd.to_datetime(
        corpus.usable(documents)["published"], format="%Y-%m-%d", errors="coerce"
    ).dropna()
    low, high = (
        (published.min(), published.max())
        if len(published)
        else (days.quantile(0.25), days.quantile(0.75))
    )
    margin = pd.Timedelta(days=STORY_MARGIN_DAYS)
    return low - margin, high + margin


def timeline(tables: dict) -> Chart:
    """Which document mentions which date: the story window on a day axis, with each date
    labelled, and the dates before or after it in a separate strip on the left; of more than
    ``MAX_DOCUMENT_ROWS`` documents, those that mention most dates (the window still from all:
    10,000 rows made a 16 MB figure)."""
    mentions = dated_mentions(tables)
    if mentions.empty:
        return empty_chart("no document mentions a date with a known year")
    documents = tables["documents"]
    labels = document_labels(documents)
    low, high = story_window(documents, mentions["day"])
    mentions["in_window"] = mentions["day"].between(low, high)
    per_document = mentions["document"].value_counts(sort=False)
    if len(per_document) > MAX_DOCUMENT_ROWS:  # the documents that mention most dates
        kept = largest(per_document, MAX_DOCUMENT_ROWS)
        mentions = mentions[mentions["document"].isin(kept)].reset_index(drop=True)
    mentioning = set(mentions["document"])
    rows = [labels[d] for d in corpus.usable(documents)["doc_id"] if labels[d] in mentioning]
    y = {name: i for i, name in enumerate(rows)}
    outside = mentions[~mentions["in_window"]]
    height = 0.55 * len(rows) + 2.2
    data = mentions.assign(day=mentions["day"].dt.strftime("%Y-%m-%d"))

    def draw():
        from matplotlib.dates import DateFormatter

        if len(outside):
            figure, (ax_old, ax) = new_figure(
                10, height, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1, 4]}
            )
            _outside_strip(ax_old, outside, y)
        else:
            figure, ax = new_figure(10, height)
            ax.set_yticks(range(len(rows)), [wrap_label(r) for r in rows])
        inside = mentions[mentions["in_window"]]
        colors = group_colors(["mentioned", "published"], order=["mentioned", "published"])
        ax.scatter(
            inside["day"],
            inside["document"].map(y),
            s=45,
            color=colors["mentioned"],
            zorder=3,
            label="date mentioned",
        )
        published = corpus.usable(documents).assign(
            day=lambda t: pd.to_datetime(t["published"], errors="coerce", format="%Y-%m-%d")
        )
        published = published[published["doc_id"].map(labels).isin(y)].dropna(subset=["day"])
        ax.scatter(
            published["day"],
            published["doc_id"].map(labels).map(y),
            s=70,
            marker="D",
            facecolor="none",
            edgecolor=colors["published"],
            linewidth=1.5,
            zorder=4,
            label="publication date",
        )
        days = labelled_days(inside)
        gap = LABEL_GAP_POINTS / MAIN_AXES_POINTS * (high - low).days  # days one label needs
        spread = spread_labels([(d - low).days for d in days], gap)
        for day, at in zip(days, spread):
            ax.axvline(day, color="#cccccc", lw=0.6, zorder=0)
            ax.annotate(
                _day_label(day),
                xy=(day, -0.6),
                xytext=(low + pd.Timedelta(days=at), -1.2),
                rotation=90,
                fontsize=9,
                ha="center",
                va="bottom",
                annotation_clip=False,
                arrowprops=LEADER_LINE,
            )
        ax.set_xlim(low, high)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.xaxis.set_major_formatter(DateFormatter("%d %b\n%Y"))
        ax.set_xlabel(f"the story window: publication dates ± {STORY_MARGIN_DAYS} days")
        figure.legend(loc="outside lower center", ncols=2, fontsize=10)
        return figure

    return Chart(draw, data)


MAX_DAY_LABELS = 12  # the timeline labels at most this many dates: those most documents mention
LEADER_LINE = {"arrowstyle": "-", "color": "#999999", "lw": 0.6, "shrinkA": 1, "shrinkB": 0}
LABEL_GAP_POINTS = 15  # width of a rotated 8-point date label, with a little air
MAIN_AXES_POINTS = 430  # width of the timeline's main panel (10-inch figure, 4/5 of it)


def spread_labels(positions: list[float], gap: float) -> list[float]:
    """Label positions at least ``gap`` apart, each run of crowded labels centred on the mean
    of the positions it labels (positions sorted ascending)."""
    clusters: list[list[float]] = []
    for position in positions:
        clusters.append([position])
        while len(clusters) > 1:
            left, right = clusters[-2], clusters[-1]
            start_left = sum(left) / len(left) - gap * (len(left) - 1) / 2
            start_right = sum(right) / len(right) - gap * (len(right) - 1) / 2
            if start_left + gap * len(left) <= start_right:
                break
            clusters[-2:] = [left + right]
    placed = []
    for cluster in clusters:
        start = sum(cluster) / len(cluster) - gap * (len(cluster) - 1) / 2
        placed.extend(start + gap * i for i in range(len(cluster)))
    return placed


def labelled_days(mentions: pd.DataFrame) -> list:
    """The days to label on the timeline: all when few, else those most documents mention."""
    per_day = (
        mentions.groupby("day")["document"].nunique().sort_values(ascending=False, kind="stable")
    )
    return sorted(per_day.index[:MAX_DAY_LABELS])


def _day_label(day, mentions: pd.DataFrame | None = None) -> str:
    """'12 Jan' for a day; with ``mentions``, '12 Jan 2021', or 'Jul 2019' for a month."""
    day = pd.Timestamp(day)
    if mentions is None:
        return f"{day.day} {day:%b}"
    values = mentions.loc[mentions["day"] == day, "value"].str.split("/").str[0]
    return f"{day:%b %Y}" if values.str.len().max() <= 7 else f"{day.day} {day:%b %Y}"


def _outside_strip(ax, outside: pd.DataFrame, y: dict) -> None:
    """Dates outside the story window, equally spaced in date order and each labelled (by year
    when there are more than ``MAX_DAY_LABELS`` of them)."""
    if outside["day"].nunique() > MAX_DAY_LABELS:
        outside = outside.assign(
            day=outside["day"].dt.to_period("Y").dt.start_time,
            value=outside["day"].dt.strftime("%Y"),
        )
    days = sorted(outside["day"].unique())
    x = {day: i for i, day in enumerate(days)}
    ax.scatter(
        outside["day"].map(x),
        outside["document"].map(y),
        s=45,
        color="#555555",
        marker="s",
        zorder=3,
    )
    labels = [
        f"{pd.Timestamp(d).year}"
        if outside["value"].str.len().max() == 4
        else _day_label(d, outside)
        for d in days
    ]
    ax.set_xticks(range(len(days)), labels, rotation=45, ha="right")
    ax.set_xlim(-0.7, len(days) - 0.3)
    ax.set_yticks(range(len(y)), [wrap_label(r) for r in y])
    ax.set_xlabel("earlier or later dates")
    ax.grid(axis="x", color="#dddddd")
