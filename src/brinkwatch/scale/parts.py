"""Partition files: the records of one partition of articles, as one Parquet file.

Each row is one article: its position in the partition, its id, and the whole
``ArticleRecord`` as the contract's JSON (``records.to_json_dict``), so the
file holds exactly what the store will load and the schema never drifts from
``records.py``.  A folder is a local path or a URI pyarrow understands
(``s3://bucket/prefix``, ``gs://...``, ``hdfs://...``), so cluster workers can
write to an object store that the ingesting machine reads back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from brinkwatch.records import Article, ArticleRecord, article_record_from_dict, to_json_dict

PART_SCHEMA = pa.schema(
    [("position", pa.int32()), ("article_id", pa.string()), ("record", pa.string())]
)


def part_name(articles: Sequence[Article]) -> str:
    """A name that depends only on the articles, so a re-run overwrites, never duplicates."""
    digest = hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()
    return f"part-{digest[:24]}.parquet"


def write_part(records: Sequence[ArticleRecord], folder: str, name: str) -> str:
    """Write ``records`` to ``folder/name`` (via a temporary name, so a reader
    never sees half a file) and return the file's location."""
    fs, base = pafs.FileSystem.from_uri(folder)
    fs.create_dir(base, recursive=True)
    table = pa.table(
        {
            "position": list(range(len(records))),
            "article_id": [r.article.id for r in records],
            "record": [json.dumps(to_json_dict(r), ensure_ascii=False) for r in records],
        },
        schema=PART_SCHEMA,
    )
    final, temporary = f"{base}/{name}", f"{base}/.{name}.tmp"
    pq.write_table(table, temporary, filesystem=fs)
    fs.move(temporary, final)
    return join_uri(folder, name)


def read_part(location: str) -> Iterator[ArticleRecord]:
    """The records of one partition file, in their original order."""
    fs, path = pafs.FileSystem.from_uri(location)
    table = pq.read_table(path, filesystem=fs).sort_by("position")
    for text in table.column("record").to_pylist():
        yield article_record_from_dict(json.loads(text))


def join_uri(folder: str, name: str) -> str:
    return f"{folder.rstrip('/')}/{name}"
