"""Line cues of ``data/line_cues.csv`` (widgets, forms, promos, captions, bylines ...) and
which cue, if any, each line starts with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..fastregex import Gates, Prefilter, found_strings, is_plain, prefilter
from ..resources import line_cue_rows
from .lines import Role

# ----------------------------------------------------------------------------- line roles


@dataclass(frozen=True)
class LineCue:
    kind: str
    role: Role
    pattern: re.Pattern
    lower_pattern: re.Pattern | None = None
    gate: Prefilter | None = None

    def search(self, line: str, lower_plain: str | None) -> bool:
        """Whether the cue matches ``line``. For a plain line (``fastregex.is_plain``:
        ASCII, curly quotes, dashes; ``lower_plain`` is its lower-case form) a cue without
        upper-case classes is matched case-sensitively on the lower-cased line: the same result
        (no character of such a line but an ASCII letter has a case), several times faster than
        IGNORECASE, which disables the regex engine's literal-prefix search."""
        if lower_plain is not None and self.lower_pattern is not None:
            return self.lower_pattern.search(lower_plain) is not None
        return self.pattern.search(line) is not None


def _cue(kind: str, role: Role, pattern: str) -> LineCue:
    """A cue from its pattern: case-insensitive, unless it has upper-case letters ([A-Z] for a
    name's capital), which then mean what they say (its words are marked ``(?i:...)``)."""
    cased = any(
        ch.isupper() for ch in re.sub(r"\\.", "", pattern)
    )  # e.g. [A-Z]; escapes such as \S do not count
    caseless = re.compile(
        pattern.replace("(?i:", "(?:"), re.IGNORECASE
    )  # its prefilter is a necessary condition either way
    if cased:
        return LineCue(kind, role, re.compile(pattern), None, prefilter(caseless))
    return LineCue(kind, role, caseless, re.compile(pattern), prefilter(caseless))


@lru_cache(maxsize=1)
def line_cues() -> tuple[LineCue, ...]:
    """Cue phrases from ``data/line_cues.csv`` (each row cites where the pattern is seen)."""
    return tuple(_cue(r["kind"], Role(r["role"]), r["pattern"]) for r in line_cue_rows())


@lru_cache(maxsize=1)
def cue_gates() -> Gates:
    """Every cue's prefilter, asked at once which may match a line (keys absent from a
    document are not looked for line by line)."""
    return Gates([cue.gate for cue in line_cues()])


def first_cues(lines: list[str], searched: list[bool]) -> list[LineCue | None]:
    """The first cue (in file order) matching each ``searched`` line of one document.

    On a plain line (:func:`~newsframes.fastregex.is_plain`) a cue is searched only where its
    case-insensitive :class:`~newsframes.fastregex.Prefilter` (``gate``) allows a match; keys absent
    from the whole document are not looked for line by line. Other lines meet every cue."""
    cues, gates = line_cues(), cue_gates()
    lowers = {i: line.lower() for i, line in enumerate(lines) if searched[i] and is_plain(line)}
    present = sorted(found_strings("\n".join(lowers.values()), gates.keys))
    found: list[LineCue | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        if not searched[i]:
            continue
        lower = lowers.get(i)
        if lower is None:
            candidates = range(len(cues))
        else:
            candidates = gates.open(lower, [key for key in present if key in lower])
        found[i] = next((cues[n] for n in candidates if cues[n].search(line, lower)), None)
    return found
