"""Scale-out extraction: worker processes on one machine, or a Dask cluster.

Both plug into the streaming loader through its ``extractor`` hook
(``brinkwatch.store.loader.ingest_paths``): a callable that takes one batch of
articles and returns their records in input order.  The parent process alone
writes to the store, so the store's idempotence and resume behaviour are the
same whichever extractor runs.  See docs/scaling.md.
"""

from __future__ import annotations

from brinkwatch.scale.choose import open_extractor

__all__ = ["open_extractor"]
