"""The hand-off to the actor resolver: ActorMentions.at() wins over our own phrase."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.quotes import extract_quotes
from brinkwatch.records import Actor

Parse = Callable[[str], Doc]

TEXT = 'Peskov spoke after the meeting.\n\n"We expect an answer," he told reporters.'


def _mentions_for(doc: Doc, word: str, actor: Actor) -> ActorMentions:
    token = next(t for t in doc if t.text == word)
    return ActorMentions(mentions=(actor,), by_token={token.i: actor})


def test_resolved_pronoun_comes_from_the_actor_resolver(parse: Parse) -> None:
    doc = parse(TEXT)
    he = next(t for t in doc if t.text == "he")
    peskov = Actor("he", he.idx, he.idx + 2, name="Dmitry Peskov", country="RUS",
                   sector="GOV", role="spokesman")  # fmt: skip
    quotes = extract_quotes(doc, _mentions_for(doc, "he", peskov))
    assert [q.speaker for q in quotes if q.direct] == [peskov]


def test_state_inside_an_unresolved_phrase_gives_the_country(parse: Parse) -> None:
    doc = parse('"We have moved ships," a senior Pentagon official said.')
    pentagon = next(t for t in doc if t.text == "Pentagon")
    usa = Actor("Pentagon", pentagon.idx, pentagon.idx + 8, name="Pentagon", country="USA",
                sector="MIL")  # fmt: skip
    quote = next(q for q in extract_quotes(doc, _mentions_for(doc, "Pentagon", usa)) if q.direct)
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.role, quote.speaker.country) == (
        "a senior Pentagon official", "official", "USA",
    )  # fmt: skip
