"""Extractors: pure functions over a parsed spaCy ``Doc``, one file per record type.

Each takes the ``Doc`` (whose text is ``Article.text``, so token offsets are
record offsets) plus what it needs from earlier extractors, and returns a tuple
of records from ``brinkwatch.records``.  None of them mutates its inputs.
"""
