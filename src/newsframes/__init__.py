"""newsframes: compare how news sources framed the same story, from raw scraped text."""

__version__ = "0.1.0"
