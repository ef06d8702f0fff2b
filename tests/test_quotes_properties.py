"""Whatever the text, quotes point at their own words and never crash the extractor."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.quotes import extract_quotes

PIECES = ['"', "“", "”", "‘", "’", "«", "»", ":", ",", ".", "\n\n", " — ", "'s",
          "Peskov", "said", "he", "told reporters", "according to", "that", "the talks",
          "failed", "We are ready", "LAVROV:", "―", "(", ")"]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map(" ".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_offsets_always_match_the_text(parse: Callable[[str], Doc], text: str) -> None:
    for quote in extract_quotes(parse(text), ActorMentions()):
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]
        if quote.speaker is not None:
            speaker = quote.speaker
            assert speaker.text == text[speaker.start : speaker.end]
