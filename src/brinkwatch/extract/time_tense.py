"""The tense of the verb that governs a time expression: PAST, PRESENT or FUTURE.

A bare weekday is resolved by it: "said on Friday" is the Friday before the article,
"will meet on Wednesday" / "would meet on Wednesday" / "is due to meet on Wednesday"
the coming one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Auxiliaries that point forward: "will meet", "would meet" (reported future), "may meet".
_FUTURE_AUX = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "may", "might", "could",
                         "can", "ca", "should", "must"})  # fmt: skip
_PAST_AUX = frozenset({"was", "were", "had", "has", "have", "did", "'d've", "been"})
_PROGRESSIVE_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_MAX_CLIMB = 8


def tense_at(doc: Doc, start: int, end: int) -> str:
    """Tense of the verb governing the characters ``start:end`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "PRESENT"
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else "PRESENT"


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or copula) up the dependency tree from ``token``."""
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> str:
    """PAST/PRESENT/FUTURE from the verb's auxiliaries, else from its own form."""
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _FUTURE_AUX for a in auxiliaries):
        return "FUTURE"
    if any(a in _PAST_AUX for a in auxiliaries):
        return "PAST"
    if "to" in auxiliaries:
        return "FUTURE"  # "due to meet", "plans to visit": infinitives look ahead
    if any(a in _PROGRESSIVE_AUX for a in auxiliaries):
        return "FUTURE"  # "is meeting on Wednesday", "is scheduled for Friday"
    if verb.tag_ in ("VBD", "VBN"):
        return "PAST"
    return "PRESENT"
