"""Markup in a text file: whether it is HTML, and the text of a Markdown file."""

from __future__ import annotations

import re


def looks_html(text: str) -> bool:
    head = text[:4096].lower()
    return bool(
        re.search(
            r"<!doctype html|<html[\s>]|<body[\s>]|<(p|div|article)[\s>].*</(p|div|article)>",
            head,
            re.S,
        )
    )


def markdown_to_text(markup: str) -> str:
    """The text of a Markdown file (CommonMark, parsed by markdown-it-py), one line per paragraph,
    heading or list item (items marked "- "), blocks apart: links keep their text, images their
    alt text, emphasis and code marks go."""
    from markdown_it import MarkdownIt

    lines, item = [], False
    for token in MarkdownIt("commonmark").parse(markup):
        if token.type == "list_item_open":
            item = True
        elif token.type == "inline":
            line = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "image", "softbreak", "hardbreak")
            )
            lines.extend([("- " if item else "") + line, ""])
            item = False
        elif token.type in ("fence", "code_block", "html_block"):
            lines.extend([*token.content.splitlines(), ""])
    return "\n".join(lines)
