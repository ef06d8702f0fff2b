"""The model's rule lemmatizer, with its per-token Python work cut to one dictionary lookup.

Why: spaCy's rule lemmatizer already caches lemmas by (form, POS, morphology), but to
reach the cache it builds a morphology object and interns the lemma string again for
every token.  Here the keys of a whole document come from one ``Doc.to_array`` call and
the cache holds the lemma's hash, so a known token costs a lookup and an integer write.
A token not seen before is lemmatized by the original component itself, so the lemmas
are exactly the stock ones (``tests/test_fast_components.py`` compares whole documents).
"""

# no `from __future__ import annotations`: spaCy resolves the factory's annotations at runtime
from collections.abc import Iterable

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from brinkwatch.nlp.swap import swap_component

KEY_ATTRS: list[int | str] = ["ORTH", "POS", "MORPH", "LEMMA"]
CACHE_LIMIT = 500_000  # distinct (form, POS, morphology) keys kept before starting again


class CachedLemmatizer:
    """Drop-in replacement for a loaded rule :class:`Lemmatizer` (same lemmas)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.use(lemmatizer)

    def use(self, lemmatizer: Lemmatizer) -> None:
        """Lemmatize with ``lemmatizer``'s tables and settings."""
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        overwrite = bool(self.lemmatizer.overwrite)
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array(KEY_ATTRS).tolist()):
            if lemma and not overwrite:
                continue  # set by the attribute ruler: the stock component leaves it too
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = self.cache[key] = self._lemma_hash(doc, i)
            doc[i].lemma = found
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _lemma_hash(self, doc: Doc, i: int) -> int:
        lemma: str = self.lemmatizer.lemmatize(doc[i])[0]
        return int(doc.vocab.strings.add(lemma))


@Language.factory("brinkwatch_cached_lemmatizer_v1")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """An empty wrapper; :func:`cache_lemmatizer` gives it the model's lemmatizer."""
    return CachedLemmatizer(Lemmatizer(nlp.vocab, None, name))


def cache_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Swap the pipeline's rule lemmatizer for the cached one, same name, same place."""
    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    cached = swap_component(nlp, name, "brinkwatch_cached_lemmatizer_v1")
    assert isinstance(cached, CachedLemmatizer)
    cached.use(lemmatizer)
