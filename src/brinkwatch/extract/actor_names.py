"""Pass 3: the remaining names — organisations, bodies and groups wherever
named; states, capitals and seats only when they act; demonyms used as nouns;
unlisted ORG bodies; and acronyms defined in brackets.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from brinkwatch.extract.actor_dictionary import Entry
from brinkwatch.extract.actor_matches import Match, inside_foreign_entity
from brinkwatch.extract.actor_resolve import (
    Context,
    Mention,
    Resolution,
    Who,
    affiliations,
    agent_compound,
    single_owner,
    who_from_entry,
)
from brinkwatch.extract.actor_syntax import (
    NOUN_POS,
    has_definite_article,
    is_subject,
    place_use,
)


def resolve_names(ctx: Context, res: Resolution) -> None:
    """States, capitals and seats acting as actors; organisations, bodies and
    groups wherever they are named; demonyms used as nouns ("the Russians")."""
    for m in ctx.matches.unique_names():
        if not res.free(m.start, m.end) or not _name_is_actor(ctx, m):
            continue
        head = ctx.doc[m.end - 1]
        who = who_from_entry(m.value, ctx)
        if m.value.kind == "capital" and not who.sector:
            who = replace(who, sector="GOV")
        kind = "person" if m.value.kind == "short" else m.value.kind
        res.add(Mention(m.start, m.end, head.i, who, kind, m.value.plural, is_subject(head),
                        m.value.tags))  # fmt: skip


def resolve_named_bodies(ctx: Context, res: Resolution) -> None:
    """Organisations the dictionary does not list, when the parser calls them
    ORG and their last word says what kind of body they are ("Azov Battalion",
    "the Ukrainian Helsinki Human Rights Union").  The owner inside the name, if
    one, gives the state; nothing is guessed otherwise."""
    for ent in ctx.ents:
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        last = ctx.doc[ent.end - 1]
        if ent.label_ != "ORG" or not res.free(start, ent.end) or ent.end - start < 2:
            continue
        if last.lower_ not in ctx.dictionary.org_heads or not last.is_title:
            continue
        owner = single_owner(ctx, affiliations(ctx, range(start, ent.end)))
        who = Who(ctx.doc[start : ent.end].text, owner.country if owner else None,
                  sector=ctx.dictionary.org_heads[last.lower_])  # fmt: skip
        res.add(Mention(start, ent.end, last.i, who, "body", subject=is_subject(last)))


def resolve_acronyms(ctx: Context, res: Resolution) -> None:
    """ "the Dasu People's Revolutionary Army (DPR)": an acronym in brackets
    right after a mention is that mention, whatever the dictionary says DPR is."""
    words = ctx.table.orth
    if not any("(" in word for word in words):
        return
    ends = {m.end: m for m in res.mentions}
    # an acronym sits between brackets: only those tokens need a closer look
    bracketed = [i for i in range(1, len(words) - 1) if words[i - 1] == "("]
    for tok in (ctx.doc[i] for i in bracketed):
        if not tok.is_upper or tok.i in res.claimed or not _defined_acronym(ctx, tok.i, tok.i + 1):
            continue
        before = ends.get(tok.i - 1)
        if before is not None:
            res.add(replace(before, start=tok.i, end=tok.i + 1, head=tok.i))


def _defined_acronym(ctx: Context, start: int, end: int) -> bool:
    """Tokens ``start:end`` are one upper-case word in brackets after a name."""
    doc = ctx.doc
    if start < 2 or end >= len(doc) or end - start != 1:
        return False
    word, before = doc[start], doc[start - 2]
    bracketed = doc[start - 1].text == "(" and doc[end].text == ")"
    return bracketed and word.is_upper and len(word) > 1 and before.pos_ == "PROPN"


def _name_is_actor(ctx: Context, m: Match[Entry]) -> bool:
    kind, head = m.value.kind, ctx.doc[m.end - 1]
    if _defined_acronym(ctx, m.start, m.end):
        return False  # defined by the name before it: see resolve_acronyms
    if kind in ("org", "body"):
        return True
    if kind == "group":  # "withdrawn from ... the Baltic states" is a place
        return not place_use(head, ctx.dictionary)
    if kind in ("state", "capital", "seat", "demonym") and agent_compound(ctx, m):
        return True  # "a Russian-brokered deal": Russia brokered it
    if kind in ("state", "capital", "seat"):
        if inside_foreign_entity(ctx.doc, m) or _address(ctx, m):
            return False
        return not place_use(head, ctx.dictionary)
    if kind == "demonym":
        return _demonym_as_noun(head, ctx) and not place_use(head, ctx.dictionary)
    return False


def _ethnic(ctx: Context, tok: Token) -> bool:
    m = ctx.matches.name_at(tok.i)
    return ctx.dictionary.modifiers.get(tok.lower_) == "ethnic" or bool(
        m and m.value.kind == "demonym"
    )


def _address(ctx: Context, m: Match[Entry]) -> bool:
    """ "Baku, Azerbaijan" / "Nairobi, Kenya --": a city named with its state is
    an address (often a dateline); neither part is an actor.  A list of states
    ("Latvia, Lithuania and Estonia") is no address."""
    doc = ctx.doc
    if m.end + 1 < len(doc) and doc[m.end].text == "," and m.value.kind != "state":
        nxt = ctx.matches.name_at(m.end + 1)
        if nxt and nxt.value.kind == "state":
            return True
    if m.start >= 2 and doc[m.start - 1].text == "," and m.value.kind == "state":
        prev = ctx.matches.name_at(m.start - 2)
        if prev is not None:
            return prev.value.kind in ("capital", "city")
        return doc[m.start - 2].ent_type_ == "GPE"
    return False


def _demonym_as_noun(token: Token, ctx: Context) -> bool:
    """ "the Russians", "Ukrainians", "the French said": a demonym heading its
    phrase, not one inside a compound adjective ("Russian-speaking") nor an
    ethnic group ("ethnic Albanians", "Bosnian Serbs")."""
    if any(_ethnic(ctx, c) for c in token.children if c.dep_ in ("amod", "compound")):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.dep_ in ("amod", "compound", "nmod"):
        return False
    if nxt is not None and nxt.text == "-":
        return False
    return token.pos_ in NOUN_POS or has_definite_article(token)
