"""The indexed attribute ruler, the cached lemmatizer and the cached token embeddings
give every token exactly what the stock components give it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.ml.models import MultiHashEmbed
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from brinkwatch.ingest import read_paths
from brinkwatch.nlp import load_nlp, load_stock_nlp
from brinkwatch.nlp.cached_embed import (
    CACHE_LIMIT,
    cached_embed,
    clear_embedding_caches,
    embedding_caches,
)
from brinkwatch.nlp.cached_lemmatizer import CachedLemmatizer
from brinkwatch.nlp.indexed_ruler import IndexedAttributeRuler, value_test
from brinkwatch.records import Article

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]

# contractions, auxiliaries, pronoun cases, expletives, odd spacing: what the ruler's
# special patterns are about
TRICKY = [
    "Y'all gonna see it, ain't it? Nothin' changes, let's go. C'mon, we gotta leave.",
    "There is no deal. There are talks, and there's hope. Is it over? It's not.",
    "I saw you and it. They told me and him, and he gave it to us.",
    "He did it. Do you? I'd have done so, had I known. They don't, he doesn't, we didn't.",
    "The minister, who had said that, said this:  that those were the terms.\n\n  Then\tnothing.",
    "",
    "   ",
    "Whether or not Kyiv agrees, Moscow will if Washington does; though unless NATO moves...",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    return load_stock_nlp()


def same_annotations(a: Doc, b: Doc) -> bool:
    """Same tags, parse, lemmas and entities, and the same tok2vec output bit for bit."""
    same_tensor = a.tensor.shape == b.tensor.shape and bool((a.tensor == b.tensor).all())
    return same_tensor and bool((a.to_array(COLUMNS) == b.to_array(COLUMNS)).all())


def test_the_pipeline_uses_the_fast_components_in_the_same_places(stock: Language) -> None:
    nlp = load_nlp()
    assert nlp.pipe_names == stock.pipe_names
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    # the shared tok2vec's embed layer and the entity recognizer's own
    assert [name for name, cache in embedding_caches(nlp)] == ["tok2vec", "ner"]


def test_the_model_is_loaded_once_whether_its_name_is_given_or_not() -> None:
    # the actor dictionary asks for load_nlp(), the pipeline for load_nlp(name):
    # two copies would cost every worker about 250 MiB
    assert load_nlp() is load_nlp("en_core_web_md")


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_sentences_get_the_stock_annotations(stock: Language, text: str) -> None:
    assert same_annotations(load_nlp()(text), stock(text))


def demo_texts() -> list[str]:
    return [a.text for a in read_paths([str(ROOT / "corpus" / "demo")]) if isinstance(a, Article)]


def test_the_demo_corpus_gets_the_stock_annotations(stock: Language) -> None:
    texts = demo_texts()
    ours, theirs = load_nlp().pipe(texts), stock.pipe(texts)
    assert all(same_annotations(a, b) for a, b in zip(ours, theirs, strict=True))


WORDS = st.sampled_from(
    [
        *[
            "is",
            "are",
            "'s",
            "'re",
            "was",
            "were",
            "ai",
            "n't",
            "not",
            "nt",
            "have",
            "'ve",
            "do",
            "did",
            "'d",
            "gon",
            "na",
            "got",
            "ta",
        ],
        *[
            "let",
            "c'm",
            "on",
            "y'",
            "all",
            "it",
            "i",
            "you",
            "me",
            "that",
            "if",
            "because",
            "while",
            "though",
            "will",
        ],
        *["Kyiv", "NATO", "said", "troops", "'", '"', ",", ".", "?", "-"],
        "\n",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=25))
def test_any_word_salad_gets_the_stock_annotations(stock: Language, words: list[str]) -> None:
    text = " ".join(words)
    assert same_annotations(load_nlp()(text), stock(text))


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        ("VBZ", "VBZ", True),
        ("VBZ", "VBD", False),
        ({"IN": ["is", "'s"]}, "'s", True),
        ({"IN": ["is", "'s"]}, "was", False),
        ({"NOT_IN": ["TO", ""]}, "", False),
        ({"NOT_IN": ["TO", ""]}, "MD", True),
        ({"REGEX": "^n[ou]thin'$"}, "nuthin'", True),
        ({"REGEX": "^n[ou]thin'$"}, "nothing", False),
        (True, True, True),
        (True, False, False),
    ],
)
def test_pattern_values_mean_what_the_matcher_means(
    spec: object, value: object, expected: bool
) -> None:
    assert value_test(spec)(value) is expected


def test_an_unknown_predicate_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        value_test({">=": 3})


# rules the model does not have: an operator pattern (left to the Matcher) annotating its
# last token, a sequence overriding a single-token rule, and a NORM, which is no plain
# token field (it sends the ruler down the general path)
OWN_RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "JJ", "OP": "*"}, {"TAG": "NN"}]],
     "attrs": {"LEMMA": "thing", "MORPH": "Definite=Def"}, "index": -1},
    {"patterns": [[{"LOWER": "big"}, {"TAG": "NN"}]], "attrs": {"POS": "PROPN"}, "index": 1},
    {"patterns": [[{"DEP": "nsubj"}]], "attrs": {"TAG": "XX", "DEP": "dep"}},
]  # fmt: skip
NORM_RULE: dict[str, Any] = {"patterns": [[{"LOWER": "dog"}]], "attrs": {"NORM": "hound"}}
OWN_TEXT = "The big dog saw the very old cat and a big house. The man sleeps."


def own_rulers(stock: Language, rules: list[dict[str, Any]]) -> list[Any]:
    ruler = AttributeRuler(stock.vocab)
    ruler.add_patterns(rules)
    return [ruler, IndexedAttributeRuler(ruler)]


def parsed_before_the_ruler(stock: Language, text: str) -> Doc:
    before = stock.pipe_names[: stock.pipe_names.index("attribute_ruler")]
    with stock.select_pipes(enable=before):
        return stock(text)


@pytest.mark.parametrize("rules", [OWN_RULES, [*OWN_RULES, NORM_RULE]], ids=["direct", "norm"])
def test_other_rules_get_the_stock_annotations(stock: Language, rules: list[Any]) -> None:
    stock_ruler, indexed = own_rulers(stock, rules)
    assert indexed.direct is (NORM_RULE not in rules)  # both ways of annotating are tried
    theirs = stock_ruler(parsed_before_the_ruler(stock, OWN_TEXT))
    ours = indexed(parsed_before_the_ruler(stock, OWN_TEXT))
    assert bool((ours.to_array([*COLUMNS, NORM]) == theirs.to_array([*COLUMNS, NORM])).all())
    # every rule fired, and the later ones won: "dog" (2) and "house" (11)
    assert (ours[2].lemma_, ours[2].pos_, ours[2].tag_) == ("thing", "PROPN", "XX")
    assert (str(ours[2].morph), ours[11].pos_) == ("Definite=Def", "PROPN")


def test_an_index_outside_the_match_raises_the_stock_error(stock: Language) -> None:
    rules = [
        {
            "patterns": [[{"LOWER": "the"}, {"LOWER": "big", "OP": "?"}]],
            "attrs": {"POS": "DET"},
            "index": 1,
        }
    ]
    for ruler in own_rulers(stock, rules):
        with pytest.raises(ValueError, match="E1001"):
            ruler(parsed_before_the_ruler(stock, OWN_TEXT))


def test_a_full_embedding_cache_starts_again_and_still_gives_the_stock_parse(
    stock: Language,
) -> None:
    nlp = load_nlp()
    caches = [cache for _, cache in embedding_caches(nlp)]
    clear_embedding_caches(nlp)
    try:
        for cache in caches:
            cache.limit = 40  # a few sentences' worth: emptied again and again
        texts = demo_texts()[:6]
        expected = list(stock.pipe(texts))
        assert all(
            same_annotations(a, b)
            for a, b in zip(nlp.pipe(texts, batch_size=2), expected, strict=True)
        )
        # what is left is the last batch's tokens (a batch is always kept whole)
        last = {(t.orth, t.norm, bool(t.whitespace_)) for doc in expected[-2:] for t in doc}
        assert all(len(cache.rows) == len(last) for cache in caches)
    finally:
        for cache in caches:
            cache.limit = CACHE_LIMIT
        clear_embedding_caches(nlp)


def test_threads_parsing_at_once_get_the_stock_parse(stock: Language) -> None:
    # the REST API parses in a thread pool: two batches may meet in the cache
    nlp, texts = load_nlp(), demo_texts()
    clear_embedding_caches(nlp)
    expected = list(stock.pipe(texts))
    found: dict[int, list[Doc]] = {}

    def parse(k: int) -> None:
        found[k] = list(nlp.pipe(texts[k % 2 :: 2] + texts[1 - k % 2 :: 2], batch_size=3))

    threads = [threading.Thread(target=parse, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(found) == [0, 1, 2, 3]  # no thread failed
    for k, docs in found.items():
        order = texts[k % 2 :: 2] + texts[1 - k % 2 :: 2]
        by_text = {doc.text: doc for doc in docs}
        assert len(by_text) == len(order)
        assert all(same_annotations(by_text[t], e) for t, e in zip(texts, expected, strict=True))


@pytest.mark.parametrize(
    ("attrs", "static", "wrapped"),
    [
        (["NORM", "PREFIX", "SUFFIX", "SHAPE"], True, True),
        (["NORM", "SPACY", "IS_SPACE"], False, True),
        (["NORM", "TAG"], False, False),  # a tag comes from the tagger, not from the form
        (["LEMMA", "SHAPE"], True, False),
    ],
)
def test_only_embeddings_fixed_by_form_norm_and_space_are_cached(
    attrs: list[str], static: bool, wrapped: bool
) -> None:
    layer = MultiHashEmbed(
        width=8, attrs=attrs, rows=[50] * len(attrs), include_static_vectors=static
    )
    assert (cached_embed(layer) is not None) is wrapped
