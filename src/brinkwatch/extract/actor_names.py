"""Pass 3: the remaining names — organisations, bodies and groups wherever
named; states, capitals and seats only when they act; demonyms used as nouns;
unlisted ORG bodies; and acronyms defined in brackets.
"""

from __future__ import annotations

from dataclasses import replace

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
        head = m.end - 1
        who = who_from_entry(m.value, ctx)
        if m.value.kind == "capital" and not who.sector:
            who = replace(who, sector="GOV")
        kind = "person" if m.value.kind == "short" else m.value.kind
        res.add(Mention(m.start, m.end, head, who, kind, m.value.plural,
                        is_subject(ctx.table, head), m.value.tags))  # fmt: skip


def resolve_named_bodies(ctx: Context, res: Resolution) -> None:
    """Organisations the dictionary does not list, when the parser calls them
    ORG and their last word says what kind of body they are ("Azov Battalion",
    "the Ukrainian Helsinki Human Rights Union").  The owner inside the name, if
    one, gives the state; nothing is guessed otherwise."""
    lower, words = ctx.table.lower, ctx.table.orth
    for ent in ctx.ents:
        if ent.label_ != "ORG":
            continue
        start = ent.start + (1 if lower[ent.start] == "the" else 0)
        last = ent.end - 1
        if not res.free(start, ent.end) or ent.end - start < 2:
            continue
        if lower[last] not in ctx.dictionary.org_heads or not words[last].istitle():
            continue  # (str.istitle is Token.is_title)
        owner = single_owner(ctx, affiliations(ctx, range(start, ent.end)))
        who = Who(ctx.table.span_text(start, ent.end), owner.country if owner else None,
                  sector=ctx.dictionary.org_heads[lower[last]])  # fmt: skip
        res.add(Mention(start, ent.end, last, who, "body", subject=is_subject(ctx.table, last)))


def resolve_acronyms(ctx: Context, res: Resolution) -> None:
    """ "the Dasu People's Revolutionary Army (DPR)": an acronym in brackets
    right after a mention is that mention, whatever the dictionary says DPR is."""
    words = ctx.table.orth
    if "(" not in ctx.table.text:  # (the text is the tokens' texts and spaces)
        return
    ends = {m.end: m for m in res.mentions}
    # an acronym sits between brackets: only those tokens need a closer look
    bracketed = [i for i in range(1, len(words) - 1) if words[i - 1] == "("]
    for i in bracketed:  # (str.isupper is Token.is_upper)
        if not words[i].isupper() or i in res.claimed or not _defined_acronym(ctx, i, i + 1):
            continue
        before = ends.get(i - 1)
        if before is not None:
            res.add(replace(before, start=i, end=i + 1, head=i))


def _defined_acronym(ctx: Context, start: int, end: int) -> bool:
    """Tokens ``start:end`` are one upper-case word in brackets after a name."""
    words = ctx.table.orth
    if start < 2 or end >= len(words) or end - start != 1:
        return False
    word = words[start]  # (str.isupper is Token.is_upper)
    bracketed = words[start - 1] == "(" and words[end] == ")"
    return bracketed and word.isupper() and len(word) > 1 and ctx.table.pos[start - 2] == "PROPN"


def _name_is_actor(ctx: Context, m: Match[Entry]) -> bool:
    kind = m.value.kind
    if _defined_acronym(ctx, m.start, m.end):
        return False  # defined by the name before it: see resolve_acronyms
    if kind in ("org", "body"):
        return True
    table, head = ctx.table, m.end - 1
    if kind == "group":  # "withdrawn from ... the Baltic states" is a place
        return not place_use(table, head, ctx.dictionary)
    if kind in ("state", "capital", "seat", "demonym") and agent_compound(ctx, m):
        return True  # "a Russian-brokered deal": Russia brokered it
    if kind in ("state", "capital", "seat"):
        if inside_foreign_entity(table, m) or _address(ctx, m):
            return False
        return not place_use(table, head, ctx.dictionary)
    if kind == "demonym":
        return _demonym_as_noun(ctx, head) and not place_use(table, head, ctx.dictionary)
    return False


def _ethnic(ctx: Context, i: int) -> bool:
    m = ctx.matches.name_at(i)
    return ctx.dictionary.modifiers.get(ctx.table.lower[i]) == "ethnic" or bool(
        m and m.value.kind == "demonym"
    )


def _address(ctx: Context, m: Match[Entry]) -> bool:
    """ "Baku, Azerbaijan" / "Nairobi, Kenya --": a city named with its state is
    an address (often a dateline); neither part is an actor.  A list of states
    ("Latvia, Lithuania and Estonia") is no address."""
    words = ctx.table.orth
    if m.end + 1 < len(words) and words[m.end] == "," and m.value.kind != "state":
        nxt = ctx.matches.name_at(m.end + 1)
        if nxt and nxt.value.kind == "state":
            return True
    if m.start >= 2 and words[m.start - 1] == "," and m.value.kind == "state":
        prev = ctx.matches.name_at(m.start - 2)
        if prev is not None:
            return prev.value.kind in ("capital", "city")
        return ctx.table.ent_type[m.start - 2] == "GPE"
    return False


def _demonym_as_noun(ctx: Context, i: int) -> bool:
    """ "the Russians", "Ukrainians", "the French said": a demonym (token ``i``)
    heading its phrase, not one inside a compound adjective ("Russian-speaking")
    nor an ethnic group ("ethnic Albanians", "Bosnian Serbs")."""
    table = ctx.table
    modifiers = (c for c in table.children(i) if table.dep[c] in ("amod", "compound"))
    if any(_ethnic(ctx, c) for c in modifiers):
        return False
    if table.dep[i] in ("amod", "compound", "nmod"):
        return False
    if i + 1 < table.size and table.orth[i + 1] == "-":
        return False
    return table.pos[i] in NOUN_POS or has_definite_article(table, i)
