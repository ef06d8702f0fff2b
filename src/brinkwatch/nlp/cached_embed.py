"""The model's token embeddings, computed once per distinct token instead of once per token.

Why: in ``en_core_web_md`` both the shared ``tok2vec`` and the entity recognizer's own
tok2vec start with an *embed* layer (``spacy.MultiHashEmbed.v2``): hash embeddings of a
token's NORM, PREFIX, SUFFIX and SHAPE (and, for the shared one, SPACY and IS_SPACE),
its static vector, then a maxout layer with layer normalization.  Every step reads only
the token itself, never its neighbours, so the output row of a token is a function of
those attributes; the context enters later, in the encoder's convolutions.  That layer
is about a third of the parse's matrix arithmetic, and news text repeats its words.

Here the rows are kept in a table keyed by the token's form, norm and trailing space.
Every other attribute the layer reads (PREFIX, SUFFIX, SHAPE, IS_SPACE, the static
vector's row) is a lexeme attribute, fixed by the form.  A token not seen before is
embedded by the original layer itself, in one small document of the batch's new tokens,
so the rows are the stock ones bit for bit (``tests/test_fast_components.py`` compares
whole parses, ``Doc.tensor`` included, with the stock model).  Only embed layers whose
features are all fixed by form, norm and trailing space are wrapped; any other model is
left as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model

# Features a token's form (ORTH), norm and trailing space determine: a document made
# of those three reproduces them exactly.
REPRODUCIBLE = frozenset(
    {"ORTH", "NORM", "SPACY", "PREFIX", "SUFFIX", "SHAPE", "IS_SPACE", "LOWER"}
)
KEY_ATTRS: list[int | str] = ["ORTH", "NORM", "SPACY"]
# Distinct tokens kept before starting again: at most about 30 MB of rows and keys per
# layer.  A worker is replaced every 4,000 articles, which rarely fill it.
CACHE_LIMIT = 50_000
Key = tuple[int, int, int]


class EmbedCache:
    """Rows of one embed layer's output, keyed by a token's form, norm and trailing space."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self.limit = limit
        self.rows: dict[Key, int] = {}
        self.table = numpy.zeros((0, 0), dtype="float32")  # sized by the first rows
        # the REST API parses in a thread pool: rows must not be claimed twice
        self.lock = threading.Lock()

    def embed(self, docs: Sequence[Doc], layer: Model[Any, Any]) -> list[Any]:
        """The layer's output for ``docs``: one array (tokens x width) per document."""
        keyed = [_keys(doc) for doc in docs]
        with self.lock:
            missing = self._missing(keyed)
            if len(self.rows) + len(missing) > self.limit:
                self.rows.clear()  # full: start again (with this batch's tokens)
                missing = self._missing(keyed)
            if missing:
                self._add(missing, docs[0], layer)
            rows = self.rows
            return [self.table[[rows[k] for k in keys]] for keys in keyed]

    def clear(self) -> None:
        with self.lock:
            self.rows.clear()

    def _missing(self, keyed: list[list[Key]]) -> list[Key]:
        """The batch's distinct keys without a row, in order of appearance."""
        return list(dict.fromkeys(k for keys in keyed for k in keys if k not in self.rows))

    def _add(self, missing: list[Key], like: Doc, layer: Model[Any, Any]) -> None:
        """Embed the new tokens with the original layer, in a document of their own."""
        start = len(self.rows)
        found = layer.predict([_doc_of(missing, like)])[0]
        self._reserve(start + len(missing), found.shape[1])
        self.table[start : start + len(missing)] = found
        self.rows.update(zip(missing, range(start, start + len(missing)), strict=True))

    def _reserve(self, size: int, width: int) -> None:
        """Room for ``size`` rows of ``width`` floats: the table doubles as it fills."""
        if size > len(self.table):
            grown = numpy.zeros((max(size, 2 * len(self.table), 1024), width), "float32")
            if len(self.table):
                grown[: len(self.table)] = self.table
            self.table = grown


def _keys(doc: Doc) -> list[Key]:
    if not len(doc):
        return []
    return list(map(tuple, doc.to_array(KEY_ATTRS).tolist()))


def _doc_of(keys: list[Key], like: Doc) -> Doc:
    """A document of the tokens ``keys`` describe (form, norm, trailing space)."""
    strings = like.vocab.strings
    words = [strings[key[0]] for key in keys]
    doc = Doc(like.vocab, words=words, spaces=[bool(key[2]) for key in keys])
    for token, key in zip(doc, keys, strict=True):
        token.norm_ = strings[key[1]]
    return doc


def _forward(
    model: Model[Any, Any], docs: list[Doc], is_train: bool
) -> tuple[Any, Callable[..., Any]]:
    layer = model.layers[0]
    if is_train:  # never cached: training needs the layer's own backward pass
        return layer(docs, is_train)
    cache: EmbedCache = model.attrs["cache"]
    return cache.embed(docs, layer), _no_backprop


def _no_backprop(d_output: Any) -> list[Any]:
    return []


def cached_embed(layer: Model[Any, Any]) -> Model[Any, Any] | None:
    """``layer`` wrapped with a row cache, or None when its output depends on anything
    a token's form, norm and trailing space do not fix."""
    features = _features_of(layer)
    if features is None or not features <= REPRODUCIBLE:
        return None
    wrapper: Model[Any, Any] = Model(
        "brinkwatch_cached_embed_v1",
        _forward,
        layers=[layer],
        attrs={"cache": EmbedCache()},
        dims={"nO": layer.maybe_get_dim("nO")},
    )
    return wrapper


def _features_of(layer: Model[Any, Any]) -> set[str] | None:
    """The token attributes a MultiHashEmbed-style layer reads, or None if it is not one."""
    found: set[str] = set()
    names: set[str] = set()
    for node in layer.walk():
        names.add(node.name)
        if node.name == "extract_features":
            found.update(str(c) for c in node.attrs["columns"])
        elif node.name == "static_vectors":
            found.add(str(node.attrs.get("key_attr", "ORTH")))
        elif node.name in ("expand_window", "residual"):
            return None  # a layer that mixes neighbours: not a per-token embedding
    return found if {"extract_features", "ragged2list"} <= names else None


def _pipe_models(nlp: Language) -> list[tuple[str, Model[Any, Any]]]:
    """(pipe name, thinc model) of every component that has one."""
    return [
        (name, model) for name, pipe in nlp.pipeline
        if isinstance(model := getattr(pipe, "model", None), Model)
    ]  # fmt: skip


def cache_embeddings(nlp: Language) -> None:
    """Wrap every per-token embed layer of the pipeline's models."""
    for _name, model in _pipe_models(nlp):
        for node in list(model.walk()):
            if not node.has_ref("embed"):
                continue
            embed = node.get_ref("embed")
            replacement = cached_embed(embed)
            if replacement is not None:
                model.replace_node(embed, replacement)


def embedding_caches(nlp: Language) -> list[tuple[str, EmbedCache]]:
    """(pipe name, cache) of every cached embed layer of the pipeline."""
    return [
        (name, node.attrs["cache"])
        for name, model in _pipe_models(nlp)
        for node in model.walk()
        if isinstance(node.attrs.get("cache"), EmbedCache)
    ]


def clear_embedding_caches(nlp: Language) -> None:
    """Forget every cached row (the benchmarks use it to time texts as if never seen)."""
    for _name, cache in embedding_caches(nlp):
        cache.clear()
