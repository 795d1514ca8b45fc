"""Benchmarks of newsframes (not part of the runtime package): ``make bench``."""
