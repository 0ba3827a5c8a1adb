"""tlgen: turn news articles into a dated, merged, chronological timeline site."""

__version__ = "0.1.0"
