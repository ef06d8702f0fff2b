"""Pass 2: noun phrases headed by role words — titles, collectives,
institutions and action nouns — resolved through their owner ("Russian
troops", "the Kremlin leader", "a U.S. request", "Donbas separatists").
"""

from __future__ import annotations

from dataclasses import replace

from brinkwatch.extract.actor_data import RoleRow
from brinkwatch.extract.actor_dictionary import Entry
from brinkwatch.extract.actor_matches import Match
from brinkwatch.extract.actor_resolve import (
    REGIONAL_SECTORS,
    SELF_STANDING_SECTORS,
    WEAK_SECTOR,
    Context,
    Description,
    Mention,
    Resolution,
    Who,
    affiliations,
    as_former,
    collective_sector,
    combine,
    names_object,
    no_holder,
    owner_of,
    role_name,
    span_root,
    who_from_entry,
    who_from_term,
)
from brinkwatch.extract.actor_syntax import (
    NOUN_POS,
    conjuncts,
    has_definite_article,
    is_subject,
    noun_modifier_tokens,
    right_edge,
    rights,
)


def resolve_actor_nouns(ctx: Context, res: Resolution) -> None:
    """Noun phrases headed by role words, collectives and institutions."""
    for m in ctx.matches.unique_lexemes():
        role = m.value.role
        if role is None or not res.free(m.start, m.end):
            continue
        if _inside_a_name(ctx, m.start, m.end):
            continue  # "States" in "the United States", "Council" in "Security Council"
        one_word = m.end - m.start == 1  # "secretary-general" may parse as an adjective
        head = span_root(ctx, m.start, m.end)
        if one_word and ctx.table.pos[head] not in NOUN_POS:
            continue
        if _modifies_other_noun(ctx, head, m.end):
            continue
        if role.kind == "act":
            _resolve_agents(ctx, res, m.start, head)
        else:
            _resolve_noun(ctx, res, m.start, m.end, head, role)


def _resolve_agents(ctx: Context, res: Resolution, start: int, head: int) -> None:
    """ "a U.S. request", "Israeli air raids", "the Kremlin's proposal": the
    owner of an action noun is its agent, a mention over the owner's words.
    A bare state name is not ("Ukraine aid" is aid *to* Ukraine)."""
    mods = noun_modifier_tokens(ctx.table, head, start, ctx.dictionary.quantity_words)
    for m in affiliations(ctx, mods):
        if not res.free(m.start, m.end) or not _agentive(m.value):
            continue
        who = who_from_entry(m.value, ctx)  # the agent itself: "U.S." is the United States
        res.add(Mention(m.start, m.end, m.end - 1, who, "agent", m.value.plural))


def _agentive(entry: Entry) -> bool:
    if entry.kind == "state":
        return "adjectival" in entry.tags
    return entry.kind not in ("capital", "city", "region")  # "a Moscow plan": for Moscow?


def _inside_a_name(ctx: Context, start: int, end: int) -> bool:
    # (token by token, not as a set of matches: hashing a Match hashes its entry)
    for i in range(start, end):
        name = ctx.matches.name_at(i)
        if name is not None and (name.start < start or name.end > end):
            return True
    return False


def _modifies_other_noun(ctx: Context, head: int, end: int) -> bool:
    return ctx.table.dep[head] in ("compound", "amod", "nmod") and ctx.table.head[head] >= end


def _resolve_noun(
    ctx: Context, res: Resolution, start: int, end: int, head: int, role: RoleRow
) -> None:
    """One actor noun phrase: its owner from pre-modifiers or an of-phrase."""
    mods = noun_modifier_tokens(ctx.table, head, start, ctx.dictionary.quantity_words)
    found = [m for m in affiliations(ctx, mods) if res.free(m.start, m.end)]
    pp_end, pp = _of_phrase_owner(ctx, res, head)
    found += pp
    plural = role.plural or ctx.table.tag[head] in ("NNS", "NNPS")
    if head in res.by_title_head:
        who = res.by_title_head[head]
        _add(ctx, res, mods.start if mods else start, max(end, pp_end), head, who, role, plural)
    elif not found:
        _ownerless(ctx, res, start, end, head, mods, role, plural)
    elif len({owner_of(m.value, ctx).code for m in found}) > 1 or _coordinated(ctx, mods):
        _add_each_owner(ctx, res, found, head, role, plural)
    else:
        first = min([mods.start if mods else start, *(m.start for m in found)])
        first += 1 if ctx.table.pos[first] == "DET" else 0  # "the U.S." owns no article here
        owned = _owned_who(ctx, found[0], role, mods, plural)
        if owned is not None:
            _add(ctx, res, first, max(end, pp_end), head, as_former(ctx, mods, owned), role, plural)


def _owned_who(
    ctx: Context, owner: Match[Entry], role: RoleRow, mods: range, plural: bool
) -> Who | None:
    """The identity of a role with one owner: the dated holder of a title, and
    the sector of a group word in it ("Afghan rebel leaders" -> REB).  A region
    owns only armed groups and people: "Donbas separatists", "Tigrayan forces"
    are rebels of that state, "Gaza residents" civilians; "Donetsk officials"
    are nobody's we can name."""
    who = _with_holder(ctx, combine(role, owner_of(owner.value, ctx)), role, mods, plural)
    group_sector = collective_sector(ctx, mods)
    if group_sector and who.sector in (None, WEAK_SECTOR) and not who.name:
        who = replace(who, sector=group_sector)
    if owner.value.kind == "region":
        sector = REGIONAL_SECTORS.get(who.sector or "")
        return replace(who, sector=sector, name=None) if sector else None
    return who


def _coordinated(ctx: Context, mods: range) -> bool:
    """ "European and Asian ministers": the phrase covers more than one owner."""
    return any(ctx.table.dep[i] == "cc" for i in mods)


def _ownerless(
    ctx: Context, res: Resolution, start: int, end: int, head: int, mods: range,
    role: RoleRow, plural: bool,
) -> None:  # fmt: skip
    """A role noun with no owner (``mods``: its pre-modifiers): rebels and
    civilians are actors by their sector alone (rebels take the state they fight
    in: "separatists in eastern Ukraine" -> UKR), and so is a title held in such a
    group ("a separatist commander"); "the ministry" / "the president" wait for
    coreference."""
    group_sector = collective_sector(ctx, mods)
    if role.kind == "collective" and role.sector in SELF_STANDING_SECTORS:
        where = _based_in(ctx, head) if role.sector == "REB" else None
        _add(ctx, res, start, end, head, Who(country=where, sector=role.sector), role, plural)
    elif group_sector in SELF_STANDING_SECTORS:
        first = mods.start if mods else start
        _add(
            ctx, res, first, end, head, Who(sector=group_sector, role=role_name(role)), role, plural
        )
    elif role.kind != "collective" and has_definite_article(ctx.table, head) and not plural:
        det = start - 1 if start and ctx.table.lower[start - 1] == "the" else start
        res.descriptions.append(Description(det, end, head, role))


def _based_in(ctx: Context, head: int) -> str | None:
    """The state an armed group is based in: "rebels in (eastern) Ukraine"."""
    table = ctx.table
    for prep in rights(table, head):
        if table.dep[prep] == "prep" and table.lower[prep] == "in":
            for obj in (c for c in table.children(prep) if table.dep[c] == "pobj"):
                m = ctx.matches.name_at(obj)
                if m and m.value.kind in ("state", "region") and m.end - 1 == obj:
                    return m.value.country
    return None


def _of_phrase_owner(ctx: Context, res: Resolution, head: int) -> tuple[int, list[Match[Entry]]]:
    """ "the foreign minister of Ukraine", "diplomats from Russia": the owner
    named in an of/from phrase right after the noun, and where it ends."""
    table = ctx.table
    for prep in rights(table, head):
        if table.dep[prep] == "prep" and table.lower[prep] in ("of", "from") and prep >= head + 1:
            objs = [c for c in table.children(prep) if table.dep[c] == "pobj"]
            objs += [c for o in objs for c in conjuncts(table, o)]  # "of Russia, Turkey and Iran"
            last = max(objs, default=prep)
            found = affiliations(ctx, range(prep + 1, last + 1), owner_phrase=True)
            found = [
                m for m in found
                if res.free(m.start, m.end) and any(names_object(ctx, m, o) for o in objs)
            ]  # fmt: skip
            if found:
                end = max(m.end for m in found)
                obj_end = right_edge(table, objs[0]) + 1
                # "of the three Baltic states": end with the object's noun
                return (obj_end if obj_end - end <= 3 and res.free(end, obj_end) else end), found
    return 0, []


def _with_holder(ctx: Context, who: Who, role: RoleRow, mods: range, plural: bool) -> Who:
    """ "the British prime minister" on 2022-02-01 is Boris Johnson."""
    if plural or not role.office or not who.code or no_holder(ctx, mods):
        return who
    term = ctx.dictionary.holder(who.code, role.office, ctx.on, who.sector)
    return who_from_term(term) if term else who


def _add_each_owner(
    ctx: Context, res: Resolution, found: list[Match[Entry]], head: int, role: RoleRow,
    plural: bool,
) -> None:  # fmt: skip
    """ "U.S. and British officials": one mention per owner, over its own words."""
    for m in found:
        if m.value.kind == "region":
            continue  # regions own only in the single-owner case (see _owned_who)
        who = combine(role, owner_of(m.value, ctx))
        _add(ctx, res, m.start, m.end, head, replace(who, role=None), role, plural)


def _add(
    ctx: Context, res: Resolution, start: int, end: int, head: int, who: Who, role: RoleRow,
    plural: bool,
) -> None:  # fmt: skip
    """A noun-phrase mention; a title with a known holder counts as a person."""
    kind = "person" if role.kind == "title" and who.name and not plural else role.kind
    if res.free(start, end):
        res.add(Mention(start, end, head, who, kind, plural, is_subject(ctx.table, head),
                        noun=role.phrase.lower()))  # fmt: skip
