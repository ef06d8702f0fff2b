"""Who is speaking: from a cue token to its speaker phrase and on to an Actor.

The actor resolver (``ActorMentions``) is asked first, so pronouns and surnames
come back resolved; when it has nothing for the speaker phrase, a plain Actor is
built from the phrase itself (name from a named entity, role and country from
the quote lexicon) so that a speaker is never lost and never invented.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.quote_lexicon import QuoteLexicon
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Actor

SUBJECT_DEPS = frozenset({"nsubj"})
# Children that end a speaker phrase: "officials, who asked not to be named, said".
_PHRASE_STOPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "case"})
_RELATIVE = frozenset({"who", "that", "which"})
# Verbs that take their subject from the verb they hang on.
_INHERITS = frozenset({"conj", "xcomp", "advcl", "pcomp"})
_MAX_CLIMB = 3
_OBJECTS = frozenset({"pobj", "dobj", "poss", "attr", "dative", "oprd"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def speaker_index(
    table: TokenTable, cue: int, cue_verbs: frozenset[str] = frozenset()
) -> int | None:
    """The index of the head token of cue ``cue``'s speaker: its subject, inherited
    through conjoined or participial verbs ("..., adding that", "before asking"), or
    the noun a relative clause hangs on ("officials who said")."""
    dep, lower = table.dep, table.lower
    if lower[cue] == "according":
        return next((g for c in table.children(cue) if lower[c] == "to"
                     for g in table.children(c) if dep[g] == "pobj"), None)  # fmt: skip
    verb = cue
    for _ in range(_MAX_CLIMB):
        kids = table.children(verb)
        if any(dep[c] in ("nsubjpass", "auxpass") for c in kids):
            return None  # "he was told that ...": the subject is the listener
        subject = next((c for c in kids if dep[c] in SUBJECT_DEPS), None)
        if subject is not None:
            return table.head[verb] if _is_relative(table, subject, verb) else subject
        if dep[verb] not in _INHERITS or table.head[verb] == verb:
            return None
        verb = _subject_holder(table, verb, cue_verbs)
    return None


def issuer(head: Token, lexicon: QuoteLexicon) -> Token:
    """For a document that 'says' something, whoever issued it: "the ministry's
    statement", "a Kremlin readout", "a statement from the ministry"."""
    if head.lemma_.lower() not in lexicon.documents:
        return head
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[-1] if names else head


def _subject_holder(table: TokenTable, verb: int, cue_verbs: frozenset[str]) -> int:
    """The verb whose subject ``verb`` shares.  "Putin said the plan could work but
    repeated that ...": when the parser hangs 'repeated' on the reported verb
    ('work', not itself a cue), the coordination really belongs to the verb that
    reports it."""
    pos, dep, lemma, heads = table.pos, table.dep, table.lemma_lower, table.head
    head = heads[verb] if pos[heads[verb]] in ("VERB", "AUX") else heads[heads[verb]]
    reporter = heads[head]
    if (dep[verb] == "conj" and dep[head] == "ccomp" and pos[reporter] == "VERB"
            and lemma[head] not in cue_verbs
            and lemma[reporter] in cue_verbs
            and not _line_break_between(table, verb, reporter)):  # fmt: skip
        return reporter
    return head


def _line_break_between(table: TokenTable, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return any("\n" in word for word in table.orth[low:high])


def _is_relative(table: TokenTable, subject: int, verb: int) -> bool:
    return table.lower[subject] in _RELATIVE and table.dep[verb] == "relcl"


def speaker_span(doc: Doc, head: Token) -> Span:
    """The speaker phrase around ``head``: its left modifiers and compound names,
    without relative clauses, appositions or trailing prepositional phrases."""
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _PHRASE_STOPS and not _is_of_phrase(child):
            break
        end = child.right_edge.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _is_of_phrase(child: Token) -> bool:
    """ "spokesman for the ministry", "minister of defence" stay in the phrase."""
    return child.dep_ == "prep" and child.lower_ in ("of", "for")


def resolve_speaker(
    doc: Doc, head: Token, actors: ActorMentions, lexicon: QuoteLexicon
) -> Actor:
    """The Actor for the speaker phrase headed by ``head``."""
    own = actors.at(head.i)
    if own is not None:
        return own
    return resolve_phrase(speaker_span(doc, head), actors, lexicon)


def resolve_phrase(phrase: Span, actors: ActorMentions, lexicon: QuoteLexicon) -> Actor:
    """The Actor for a speaker phrase: the resolver's actor for its head, else one
    built from the phrase itself."""
    head = phrase.root
    own = actors.at(head.i)
    if own is not None:
        return own
    plain = _plain_actor(phrase, head, lexicon)
    # "a senior U.S. defense official": the state inside the phrase is not the
    # speaker, but it tells us whom the speaker acts for.
    inner = actors.in_span(phrase)
    if inner and plain.country is None:
        return dataclasses.replace(plain, country=inner[0].country, org=inner[0].org)
    return plain


def _plain_actor(phrase: Span, head: Token, lexicon: QuoteLexicon) -> Actor:
    """An Actor built from the phrase alone, for when the resolver has none."""
    lowered = f" {phrase.text.lower()} "
    return Actor(
        text=phrase.text, start=phrase.start_char, end=phrase.end_char,
        name=_entity_name(phrase, head), country=_first_match(lowered, lexicon.countries),
        role=_first_match(lowered, tuple((r, r) for r in lexicon.roles)),
    )  # fmt: skip


def _entity_name(phrase: Span, head: Token) -> str | None:
    """The person named in the phrase, else the named body the phrase is headed by
    ("the Kremlin"; not "U.S." in "a U.S. official")."""
    ents = [e for e in _entities(phrase) if e.label_ in _NAMED]
    people = [e for e in ents if e.label_ == "PERSON"]
    bodies = [e for e in ents if e.label_ != "NORP" and e.start <= head.i < e.end]
    chosen = people or bodies
    if chosen:
        name = chosen[0].text
        return name.title() if name.isupper() and len(name) > 3 else name  # "LAVROV:"
    # A bare proper name the tagger did not label ("― Olena Kovalenko").
    if not all(t.pos_ == "PROPN" or t.is_upper for t in phrase):
        return None
    return phrase.text.title() if phrase.text.isupper() else phrase.text


def _entities(phrase: Span) -> list[Span]:
    """Named entities inside the phrase, from the token tags (Span.ents rebuilds
    every entity of the Doc on each call)."""
    found: list[Span] = []
    start: int | None = None
    for token in phrase:
        if start is not None and token.ent_iob_ != "I":
            found.append(phrase.doc[start : token.i])
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    if start is not None:
        found.append(phrase.doc[start : phrase.end])
    return [Span(phrase.doc, e.start, e.end, label=e[0].ent_type_) for e in found]


def _first_match(lowered: str, table: tuple[tuple[str, str], ...]) -> str | None:
    """The value of the first key found as whole words (or a plural) in ``lowered``."""
    for key, value in table:
        # the substring test is a cheap necessary condition for the pattern
        if key in lowered and _whole_word(key).search(lowered):
            return value
    return None


@functools.lru_cache(maxsize=4096)
def _whole_word(key: str) -> re.Pattern[str]:
    """``key`` as a whole word or its plural (compiled once: the lexicon's keys are few)."""
    return re.compile(rf"(?<![\w.]){re.escape(key)}s?(?![\w.])")


def speaker_before_cue(
    cue: Token, quoted: Callable[[Token], bool], sentence_start: int
) -> Token | None:
    """When the parser took the quote (or a headline) for the subject ('"...," Rep.
    Smith (D-Md.) said'), the speaker is the last noun before the cue in its own
    sentence and paragraph, skipping parentheses."""
    best: Token | None = None
    depth = 0
    for token in reversed(cue.doc[sentence_start : cue.i]):
        if quoted(token) or token.text in (".", "?", "!") or "\n" in token.text:
            break
        depth += (token.text == ")") - (token.text == "(")
        if depth == 0 and token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ != "compound":
            # an object ("blamed Kyiv for the shelling and said") is nobody's voice
            best = None if token.dep_ in _OBJECTS else token
            break
    return best
