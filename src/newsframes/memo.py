"""A memo of bounded size for values computed once per distinct key in a process."""

from __future__ import annotations


class BoundedMemo(dict):
    """``function`` of each key asked (``memo[key]``), computed once and kept until ``limit``
    keys are held, then all forgotten: memory stays bounded on a corpus of any size."""

    def __init__(self, function, limit: int):
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.function(key)
        return value
