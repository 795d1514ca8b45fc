"""The growth check the linear-time tests rely on tells linear work from quadratic work."""

import pytest

from timing import assert_linear


def _pairs(n: int) -> int:
    """Quadratic: every pair of n items."""
    return sum(1 for i in range(n) for j in range(n) if i <= j)


def _items(n: int) -> int:
    """Linear: every item, many times over, so that the small size is timed in milliseconds."""
    return sum(1 for _ in range(300) for i in range(n))


def test_quadratic_work_fails_on_every_attempt():
    with pytest.raises(AssertionError, match="4x the input took"):
        assert_linear(_pairs, 300)


def test_linear_work_passes_and_returns_the_larger_run():
    assert assert_linear(_items, 300) == 300 * 1_200
