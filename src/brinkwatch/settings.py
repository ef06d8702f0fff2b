"""One settings object; every default lives here and nowhere else.

Settings are immutable.  Override a default with :meth:`Settings.replace` or
with environment variables ``BRINKWATCH_<FIELD>`` (read by :meth:`from_env`).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parents[1]  # the source checkout: devsets/ lives here


@dataclass(frozen=True, slots=True)
class Settings:
    spacy_model: str = "en_core_web_md"
    batch_size: int = 32  # documents per nlp.pipe batch and per store transaction
    workers: int = 1
    db_path: str = "brinkwatch.duckdb"
    # DuckDB memory_limit of each store connection (its default is 80 % of RAM, and its
    # buffer cache grows with the store until then); larger operations spill to disk
    store_memory_limit: str = "512MB"
    # A writing store reopens its DuckDB connection after this many stored articles (0:
    # never): DuckDB keeps the blocks it wrote cached up to memory_limit, so without it a
    # long ingest grows about 1.8 MiB per 1,000 articles; reopening drops that cache.
    store_reopen_every: int = 2000
    data_dir: Path = DATA_DIR
    # the public labelled dev sets, beside the checkout and never copied into it
    datasets_dir: Path = REPO_DIR.parent / "shared" / "datasets"
    # Longer bodies are truncated, with a recorded error: parsing costs about 1 GB of
    # memory per 100,000 characters at the peak, and real news articles stay far below.
    max_article_chars: int = 200_000
    max_sentence_tokens: int = 400  # longer "sentences" are skipped by the event coder
    min_event_confidence: float = 0.5  # precision first: weaker candidates are dropped
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str | None = None  # when set, write endpoints need it
    max_request_bytes: int = 10_000_000

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, overridden by ``BRINKWATCH_*`` environment variables."""
        env = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f"BRINKWATCH_{f.name.upper()}")
            if raw is not None:
                changes[f.name] = _coerce(f.type, raw)
        return cls(**changes)  # type: ignore[arg-type]


def _coerce(type_name: object, raw: str) -> object:
    text = str(type_name)
    if text.startswith("int"):
        return int(raw)
    if text.startswith("float"):
        return float(raw)
    if text == "Path":
        return Path(raw)
    return raw
