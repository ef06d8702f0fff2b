"""The tense of the verb that governs a time expression: PAST, PRESENT or FUTURE.

A bare weekday is resolved by it: "said on Friday" is the Friday before the article,
"will meet on Wednesday" / "would meet on Wednesday" / "is due to meet on Wednesday"
the coming one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

# Auxiliaries that point forward: "will meet", "would meet" (reported future), "may meet".
# Not "could": news writes "could not be reached Friday" of the past.
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "may", "might",
                         "should", "must"})  # fmt: skip
_PAST_AUX = frozenset({"was", "were", "had", "did", "been"})
_PERFECT_AUX = frozenset({"has", "have", "'ve"})
_PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_MAX_CLIMB = 8
# "until" right before a span, or before a clock time that comes first ("until 9 a.m.
# EST Tuesday").
_UNTIL_BEFORE = re.compile(
    r"\b(?:until|till)\s+"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s+)?|noon\s+|midnight\s+)?$",
    re.IGNORECASE,
)
# An infinitive of purpose or hanging from a noun shares the tense of its clause.
_PURPOSE_DEPS = frozenset({"advcl", "acl", "relcl"})


def tense_at(doc: Doc, start: int, end: int, looking_ahead: frozenset[str] = frozenset()) -> str:
    """Tense of the verb governing the characters ``start:end`` of ``doc``; FUTURE
    when that verb's lemma is one of ``looking_ahead`` ("scheduled a meeting Friday"),
    or its lemma with one of its prepositions ("set for")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "PRESENT"
    verb = governing_verb(span.root)
    if verb is None:
        return "PRESENT"
    if not _looks_ahead(verb, looking_ahead):
        return verb_tense(verb)
    if _bare_participle(verb):
        return _tense_of_head(verb, 0)  # "a service planned for Saturday was canceled"
    return "FUTURE"


def _looks_ahead(verb: Token, looking_ahead: frozenset[str]) -> bool:
    """The verb's lemma is a scheduling verb, or the lemma with one of its prepositions
    is ("set for": "a summit set for April", not "set a record in April")."""
    lemma = verb.lemma_.lower()
    if lemma in looking_ahead:
        return True
    return any(
        f"{lemma} {child.lower_}" in looking_ahead
        for child in verb.children
        if child.dep_ == "prep"
    )


def deferred_until(doc: Doc, text: str, start: int, end: int, deferring: frozenset[str]) -> bool:
    """ "postponed the vote until Tuesday", "has given them until 9 a.m. Tuesday": the
    span follows "until" (or "till"; a clock time may come between) and hangs from a
    verb that puts something off, so the day lies ahead whatever that verb's tense
    but the past perfect ("Up until Thursday, they had...", "had been given until
    Friday" are not deferred)."""
    before = text[max(0, start - 40) : start]
    if _UNTIL_BEFORE.search(before) is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = governing_verb(span.root)
    if verb is None or verb.lemma_.lower() not in deferring:
        return False
    return not _past_perfect(verb)  # "had given them until Friday": a deadline gone


def _bare_participle(verb: Token) -> bool:
    """ "planned" hanging from a noun or a clause with no auxiliary of its own: it has
    no tense, its clause has ("the rally planned for Friday was called off")."""
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VBN" and verb.dep_ in _PURPOSE_DEPS and not has_aux


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or copula) up the dependency tree from ``token``."""
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> str:
    """PAST/PRESENT/FUTURE from the verb's auxiliaries, else from its own form.

    A perfect ("may have been") is past; an infinitive looks ahead; a bare participle
    takes the tense of the verb it depends on ("with troops arriving Tuesday")."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & (_PERFECT_AUX | _PAST_AUX):
        return "PAST"
    if auxiliaries & _FUTURE_AUX:
        return "FUTURE"
    if "to" in auxiliaries and verb.dep_ in _PURPOSE_DEPS and verb.head is not verb:
        return _tense_of_head(verb, depth)  # "held a rally to mark it on Friday"
    if "to" in auxiliaries and _past_perfect(verb.head):
        return "PAST"  # "had been due to expire Friday": a deadline already gone
    if "to" in auxiliaries:
        return "FUTURE"  # "due to meet", "planned to leave": infinitives look ahead
    if verb.tag_ == "VBG" and not auxiliaries:
        return _tense_of_head(verb, depth)
    if auxiliaries & _PROGRESSIVE_AUX:
        return "FUTURE"  # "is meeting on Wednesday", "is scheduled for Friday"
    if verb.tag_ in ("VBD", "VBN"):
        return "PAST"
    return "PRESENT"


def _past_perfect(token: Token) -> bool:
    """ "had been due", "had planned": the head of an infinitive (or the copula of an
    adjective head) is a past perfect."""
    verb = governing_verb(token) if token.pos_ == "ADJ" else token
    if verb is None:
        return False
    return any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass"))


def _tense_of_head(verb: Token, depth: int) -> str:
    """Tense of the verb a participle hangs from; PRESENT if none."""
    head = governing_verb(verb.head) if verb.head is not verb else None
    if head is None or depth >= 3:
        return "PRESENT"
    return verb_tense(head, depth + 1)
