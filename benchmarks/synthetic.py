"""A deterministic synthetic news corpus for benchmarks and scale tests.

Articles are made of Zipf-distributed words (a fixed random vocabulary with English news words,
joined by English function words), with what every stage of the pipeline must handle:
headlines, agency datelines, bylines, quotes with speakers, numbers and dates, boilerplate
lines (share widgets, promos, related links), near-duplicate wire copies (~5%), six outlets in
two camps. The same ``seed`` always gives byte-identical files.

Usage: ``python -m benchmarks.synthetic OUT_DIR --articles 1000 [--words 600] [--seed 1]``
"""

from __future__ import annotations

import argparse
import csv
import string
import sys
from pathlib import Path

import numpy as np

OUTLETS = [
    ("Wire Daily", "Reuters", "west"),
    ("Evening Standard Online", "AP", "west"),
    ("Global Herald", "AFP", "west"),
    ("State Courier", "TASS", "east"),
    ("Capital Gazette", "RIA Novosti", "east"),
    ("Regional Post", "Interfax", "east"),
]
SPEAKERS = [
    "Anna Keller",
    "Viktor Orlov",
    "Maria Santos",
    "Oleg Petrov",
    "James Whitaker",
    "Elena Sokolova",
]
PLACES = ["VIENNA", "GENEVA", "BRUSSELS", "MOSCOW", "WASHINGTON", "KYIV"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
VERBS = ["said", "told reporters", "stressed", "warned", "noted", "added"]
BOILERPLATE = [
    "Share this article",
    "Follow us on Facebook and Twitter",
    "Advertisement",
    "Subscribe to our newsletter for the latest news",
]
CONTENT_WORDS = [
    "talks",
    "security",
    "troops",
    "sanctions",
    "dialogue",
    "alliance",
    "border",
    "ceasefire",
    "agreement",
    "threat",
    "guarantees",
    "diplomacy",
    "expansion",
    "ministers",
    "summit",
    "weapons",
    "negotiations",
]
# English for sentence-level tools to work on: news words (many in VADER's lexicon) take frequent
# ranks in the vocabulary; function words are put between words, so that chance five-word
# sequences shared by unrelated articles stay as rare as in real text.
NEWS_WORDS = [
    "war",
    "peace",
    "crisis",
    "support",
    "attack",
    "agreed",
    "hope",
    "concern",
    "killed",
    "aggression",
    "stability",
    "warned",
    "failed",
    "progress",
    "tension",
    "help",
    "strong",
    "serious",
    "danger",
    "positive",
    "conflict",
    "violence",
    "trust",
    "good",
    "bad",
    "threatened",
    "welcomed",
    "rejected",
]
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "on",
    "for",
    "is",
    "with",
    "was",
    "as",
    "by",
    "it",
    "at",
    "from",
    "his",
    "an",
    "be",
    "have",
    "has",
    "are",
    "not",
    "this",
    "but",
    "had",
    "they",
    "which",
    "would",
    "will",
    "were",
    "been",
    "their",
    "its",
    "more",
    "after",
    "no",
    "there",
    "also",
]
FUNCTION_SHARE = 0.5
FRAME_WORDS = (
    50  # headline, byline, date stamp, dateline and closing lines count towards an article's length
)


LETTERS = np.array(list(string.ascii_lowercase))


def _vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    """``size`` words: the content and news words, then invented words of 2 to 9 random letters,
    drawn as many at a time as are missing (one draw per word took 0.38 s for 20,000 words,
    once per corpus the tests make; this takes about 0.05 s)."""
    words = set(CONTENT_WORDS) | set(NEWS_WORDS)
    while len(words) < size:
        lengths = rng.integers(2, 10, size - len(words))
        letters = "".join(rng.choice(LETTERS, lengths.sum()))
        ends = np.cumsum(lengths)
        words.update(letters[end - length : end] for end, length in zip(ends, lengths))
    return sorted(words)


class ArticleMaker:
    """Makes articles one at a time from one random stream (so output is reproducible)."""

    def __init__(self, seed: int = 1, vocabulary: int = 20_000, zipf: float = 1.1):
        self.rng = np.random.default_rng(seed)
        self.vocab = _vocabulary(self.rng, vocabulary)
        ranks = np.arange(1, len(self.vocab) + 1)
        weights = 1.0 / ranks**zipf
        self.cumulative = np.cumsum(weights / weights.sum())
        others = [w for w in self.vocab if w not in NEWS_WORDS]
        self.by_rank = [others[i] for i in self.rng.permutation(len(others))]
        for n, word in enumerate(NEWS_WORDS):  # every seventh rank of the 200 most frequent
            self.by_rank.insert(4 + 7 * n, word)

    def words(self, n: int) -> list[str]:
        """``n`` words: Zipf-distributed vocabulary words, about half followed by a function
        word."""
        draws = np.searchsorted(self.cumulative, self.rng.random(n) * self.cumulative[-1])
        glue = self.rng.integers(0, len(FUNCTION_WORDS), n)
        use_glue = self.rng.random(n) < FUNCTION_SHARE
        found = []
        for i in range(n):
            found.append(self.by_rank[draws[i]])
            if use_glue[i] and len(found) < n:
                found.append(FUNCTION_WORDS[glue[i]])
        return found[:n]

    def sentence(self, n_words: int) -> str:
        w = self.words(max(n_words, 3))
        w[0] = w[0].capitalize()
        if self.rng.random() < 0.2:
            w.insert(
                int(self.rng.integers(1, len(w))), f"{int(self.rng.integers(2, 200)) * 1000:,}"
            )
        if self.rng.random() < 0.1:
            w.insert(
                int(self.rng.integers(1, len(w))),
                f"on {MONTHS[int(self.rng.integers(0, 12))]} {int(self.rng.integers(1, 29))}",
            )
        return " ".join(w) + "."

    def quote(self) -> str:
        speaker = SPEAKERS[int(self.rng.integers(0, len(SPEAKERS)))]
        verb = VERBS[int(self.rng.integers(0, len(VERBS)))]
        said = self.sentence(int(self.rng.integers(8, 20)))[:-1]
        if self.rng.random() < 0.5:
            return f"\u201c{said},\u201d {speaker} {verb}."
        return f"{speaker} {verb} that {said[0].lower() + said[1:]}."

    def article(self, n_words: int, outlet: tuple[str, str, str]) -> str:
        _, agency, _ = outlet
        month, day = int(self.rng.integers(0, 12)), int(self.rng.integers(1, 29))
        year = 2020 + int(self.rng.integers(0, 4))
        lines = [
            " ".join(self.words(int(self.rng.integers(6, 12)))).capitalize(),
            "",
            f"By {agency} staff",
            f"Published {day} {MONTHS[month]} {year}",
            "",
        ]
        paragraphs, written = [], FRAME_WORDS
        while written < n_words:
            if self.rng.random() < 0.25:
                text = self.quote()
            else:
                text = " ".join(
                    self.sentence(int(self.rng.integers(10, 28)))
                    for _ in range(int(self.rng.integers(1, 4)))
                )
            paragraphs.append(text)
            written += len(text.split())
        paragraphs[0] = (
            f"{PLACES[int(self.rng.integers(0, len(PLACES)))]}, "
            f"{MONTHS[month]} {day} ({agency}) - {paragraphs[0]}"
        )
        if self.rng.random() < 0.5:
            paragraphs.insert(
                int(self.rng.integers(1, len(paragraphs))),
                BOILERPLATE[int(self.rng.integers(0, 3))],
            )
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        lines += [BOILERPLATE[3], "Related stories"] + [
            " ".join(self.words(7)).capitalize() for _ in range(3)
        ]
        return "\n".join(lines) + "\n"


def near_duplicate(text: str, rng: np.random.Generator) -> str:
    """A wire copy relayed with light edits: a new headline and one paragraph dropped."""
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if len(line.split()) > 12]
    if len(body) > 2:
        del lines[body[int(rng.integers(1, len(body)))]]
    lines[0] = "Update: " + lines[0]
    return "\n".join(lines)


KEY_DATE = "2022-01-01"
"""The key date the sheet gives, as an analyst's would: the texts are dated over 2020-2023 and
name no shared event, so none would be inferred; with it, the run compares the texts before it
with those from it on, as it does for a story."""


def write_corpus(
    folder, n_articles: int, mean_words: int = 600, seed: int = 1, duplicate_share: float = 0.05
) -> Path:
    """Write ``n_articles`` files plus ``sources.csv`` into ``folder``; return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    maker = ArticleMaker(seed)
    rows, kept = [], []
    for i in range(n_articles):
        outlet = OUTLETS[i % len(OUTLETS)]
        if kept and maker.rng.random() < duplicate_share:
            text = near_duplicate(kept[int(maker.rng.integers(0, len(kept)))], maker.rng)
        else:
            n_words = int(np.clip(maker.rng.lognormal(np.log(mean_words), 0.35), 300, 1500))
            text = maker.article(n_words, outlet)
            kept.append(text) if len(kept) < 200 else None
        name = f"article_{i:06d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append([name, outlet[0], outlet[1], outlet[2], f'"({outlet[1]})"', KEY_DATE])
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "outlet", "upstream", "camp", "evidence", "key_date"])
        writer.writerows(rows)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600, help="median article length in words")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_corpus(args.out_dir, args.articles, args.words, args.seed)
    print(f"{args.articles} articles written to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
