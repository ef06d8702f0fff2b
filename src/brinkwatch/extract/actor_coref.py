"""Within-article coreference: pronouns and descriptions take the identity of
the mention they point back to.

Precision first: a pronoun resolves only to the most recent compatible *subject*
mention in its own or the two preceding sentences, never from inside a quote
(a quoted "he" may be anyone); a description ("the alliance", "the country",
"the ministry") only to an earlier mention in the same article.  Anything else
stays unresolved and is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from brinkwatch.extract.actor_dictionary import Lexeme
from brinkwatch.extract.actor_matches import Match
from brinkwatch.extract.actor_resolve import Context, Description, Mention, Resolution, Who
from brinkwatch.extract.actor_syntax import (
    NOUN_POS,
    is_subject,
    lemma_lower,
    place_use,
    quoted_tokens,
)

PRONOUN_GENDER = MappingProxyType({"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"})  # fmt: skip
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
SINGULAR_KINDS = frozenset({"state", "capital", "seat", "org", "body", "institution", "group"})
STATE_KINDS = frozenset({"state", "capital"})
WINDOW_SENTENCES = 2


@dataclass(frozen=True)
class _Scope:
    """Sentence numbers and quoted tokens of the Doc, computed once."""

    sentence_of: tuple[int, ...]
    quoted: frozenset[int]


def resolve_coreference(ctx: Context, res: Resolution) -> None:
    """Add a mention for every description, then every pronoun, that points back
    to one.  Something that could be the referent but is no mention blocks a
    pronoun from reaching past it: an unresolved title ("the president" of a
    state never named) or an unknown PERSON for he/she, an unknown ORG (a
    sports club, a company) for it/they."""
    scope = _Scope(_sentence_numbers(ctx), quoted_tokens(ctx.table.orth))
    _add_all(res, _descriptions(ctx, res, scope))
    blockers = _Blockers(
        people=frozenset(
            [
                d.head
                for d in res.descriptions
                if d.role.kind == "title" and res.free(d.start, d.end)
            ]
            + _unclaimed_entities(ctx, res, ("PERSON",))
        ),
        bodies=frozenset(_unclaimed_entities(ctx, res, ("ORG",))),
    )
    # In text order, each resolved subject pronoun joins the candidates, so a chain of
    # "he" across paragraphs ("Zelensky said ... He criticised ... he added") keeps its
    # referent; a resolved "his" does not, or it would make the next "he" ambiguous.
    candidates = list(res.mentions)
    pronouns = []
    pos = ctx.table.pos
    for i in (i for i in range(len(pos)) if pos[i] == "PRON"):
        if i not in res.claimed:
            found = _pronoun(ctx, i, candidates, scope, blockers)
            if found is not None:
                pronouns.append(found)
                candidates += [found] if found.subject else []
    _add_all(res, pronouns)


@dataclass(frozen=True)
class _Blockers:
    people: frozenset[int]
    bodies: frozenset[int]

    def between(self, word: str, start: int, end: int) -> bool:
        found = self.people if word in PRONOUN_GENDER else self.bodies
        return any(start <= b < end for b in found)


def _unclaimed_entities(ctx: Context, res: Resolution, labels: tuple[str, ...]) -> list[int]:
    return [e.root.i for e in ctx.ents if e.label_ in labels and res.free(e.start, e.end)]


def _descriptions(ctx: Context, res: Resolution, scope: _Scope) -> list[Mention]:
    found: list[Mention | None] = []
    for m in ctx.matches.unique_lexemes():
        if res.free(m.start, m.end) and m.value.kind != "role":
            found.append(_lexicon_description(ctx, m, res.mentions, scope))
    for d in res.descriptions:
        if res.free(d.start, d.end):
            found.append(_role_description(ctx, d, res.mentions, scope))
    return [m for m in found if m]


def _add_all(res: Resolution, mentions: list[Mention]) -> None:
    for mention in mentions:
        if res.free(mention.start, mention.end):
            res.add(mention)


def _sentence_numbers(ctx: Context) -> tuple[int, ...]:
    numbers = [0] * len(ctx.doc)
    for n, sent in enumerate(ctx.table.sents):
        numbers[sent.start : sent.end] = [n] * (sent.end - sent.start)
    return tuple(numbers)


def _before(mentions: list[Mention], i: int, scope: _Scope, window: int | None) -> list[Mention]:
    """Mentions ending before token ``i``, nearest first, outside quotes."""
    near = [m for m in mentions if m.end <= i and m.head not in scope.quoted]
    if window is not None:
        floor = scope.sentence_of[i] - window
        near = [m for m in near if scope.sentence_of[m.head] >= floor]
    return sorted(near, key=lambda m: m.end, reverse=True)


def _pronoun(
    ctx: Context, i: int, mentions: list[Mention], scope: _Scope, blockers: _Blockers
) -> Mention | None:
    word = ctx.table.lower[i]
    if i in scope.quoted or _expletive(ctx, i) or _intensifier(ctx, i):
        return None
    for m in _before(mentions, i, scope, WINDOW_SENTENCES):
        if blockers.between(word, m.end, i):
            return None
        if word in PLURAL and (_coordinated(ctx, m) or (m.kind == "person" and m.subject)):
            # "Belarus and Russia ... their", "Truss met Lavrov. Lavrov said their
            # talks": people acting together, no single antecedent
            return None
        if not _compatible(word, m):
            continue
        # the nearest compatible mention decides: a subject is taken; any other
        # makes the reference ambiguous ("sanctions on Moscow if it attacked",
        # "gave Moscow responses to its proposals")
        return _copy(ctx, m, i, i + 1, i) if m.subject else None
    return None


def _coordinated(ctx: Context, m: Mention) -> bool:
    dep = ctx.table.dep
    return dep[m.head] == "conj" or any(dep[c] == "conj" for c in ctx.table.children(m.head))


def _compatible(word: str, m: Mention) -> bool:
    if word in PRONOUN_GENDER:
        gender = m.who.gender
        return m.kind == "person" and (gender is None or gender == PRONOUN_GENDER[word])
    if word in NEUTER:
        return m.kind in SINGULAR_KINDS and not m.plural
    if word in PLURAL:
        # not organisations: "they" after "the alliance" is more often its troops
        return m.plural
    return False


def _intensifier(ctx: Context, i: int) -> bool:
    """ "Ukraine itself": an emphatic reflexive belongs to the noun before it."""
    table = ctx.table
    return table.lower[i].endswith(("self", "selves")) and i > 0 and table.pos[i - 1] in NOUN_POS


def _expletive(ctx: Context, i: int) -> bool:
    table = ctx.table
    if table.lower[i] != "it":
        return False
    # an object "it" is mostly a thing ("a bill to implement it"), not an actor
    # "it is unclear whether", "it remains to be seen": modifiers.tsv expletive-head
    expletive = lemma_lower(table, table.head[i]) in ctx.dictionary.expletive_heads
    return table.dep[i] not in ("nsubj", "nsubjpass") or expletive


def _lexicon_description(
    ctx: Context, m: Match[Lexeme], mentions: list[Mention], scope: _Scope
) -> Mention | None:
    """ "the alliance" -> the last-named organisation that goes by that
    description; "the former Soviet republic" -> the last state subject that fits."""
    head = m.end - 1
    if m.value.kind == "org_description":
        return _org_description(ctx, m, mentions, scope)
    near = _before(mentions, m.start, scope, WINDOW_SENTENCES)
    if len({p.who.country for p in near if p.who.country}) != 1:
        return None  # "the country" with two states in view is ambiguous
    for prior in near:
        if prior.kind in STATE_KINDS and prior.subject and set(m.value.refers) <= prior.tags:
            return _copy(ctx, prior, m.start, m.end, head)
    return None


def _role_description(
    ctx: Context, d: Description, mentions: list[Mention], scope: _Scope
) -> Mention | None:
    """ "the president" -> the last person holding that office; "the ministry" ->
    the last ministry named; both within a few sentences, and only as a
    participant ("sick in the head" or "at the ministry" refer to no one)."""
    if ctx.table.dep[d.head] == "pobj" and place_use(ctx.table, d.head, ctx.dictionary):
        return None
    word = d.role.phrase.lower()
    for prior in _before(mentions, d.start, scope, WINDOW_SENTENCES + 2):
        if _same_role(word, d, prior):
            return _copy(ctx, prior, d.start, d.end, d.head)
    return None


def _same_role(word: str, d: Description, prior: Mention) -> bool:
    if d.role.kind == "institution":
        return prior.kind == "institution" and (prior.noun or "").endswith(word)
    if prior.kind not in ("person", "title"):
        return False
    office = d.role.office
    roles = (prior.who.role or "", prior.noun or "")
    return bool(office and office in prior.who.offices) or any(r.endswith(word) for r in roles)


def _org_description(
    ctx: Context, m: Match[Lexeme], mentions: list[Mention], scope: _Scope
) -> Mention | None:
    """The body the description names ("the council" -> the UN Security
    Council) if it was named before; for an organisation's own description
    ("the alliance"), also any earlier mention acting for it ("NATO leaders")."""
    head = m.end - 1
    names = set(m.value.refers)
    primary = {ctx.dictionary.org_codes[n] for n in names if _is_primary(ctx, n)}
    for prior in _before(mentions, m.start, scope, None):
        if prior.kind == "org" and prior.who.name in names:
            return _copy(ctx, prior, m.start, m.end, head)
        if prior.who.org in primary:
            return _org_mention(ctx, prior.who.org, m.start, m.end, head)
    return None


def _is_primary(ctx: Context, name: str) -> bool:
    code = ctx.dictionary.org_codes.get(name)
    return code is not None and ctx.dictionary.org_names.get(code) == name


def _org_mention(ctx: Context, org: str, start: int, end: int, head: int) -> Mention:
    """The organisation itself, even when it was last named inside a title
    ("NATO Secretary-General ..." then "the alliance")."""
    who = Who(ctx.dictionary.org_names.get(org, org), org=org, sector="IGO")
    return Mention(start, end, head, who, "org", False, is_subject(ctx.table, head))


def _copy(ctx: Context, prior: Mention, start: int, end: int, head: int) -> Mention:
    return Mention(start, end, head, prior.who, prior.kind, prior.plural,
                   is_subject(ctx.table, head), prior.tags, prior.noun)  # fmt: skip
