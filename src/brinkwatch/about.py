"""Version of the package; the extractor version is part of every stored article's hash."""

__version__ = "0.1.0"
