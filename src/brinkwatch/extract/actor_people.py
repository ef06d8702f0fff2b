"""Pass 1: people — dictionary names, PERSON entities and names a title vouches
for, with their identity from the dated dictionary or from the title around
them ("Ukrainian Deputy Foreign Minister X", "X, Ukraine's defence minister").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span

from brinkwatch.extract.actor_data import RoleRow
from brinkwatch.extract.actor_dictionary import Entry
from brinkwatch.extract.actor_resolve import (
    Context,
    Mention,
    Resolution,
    Who,
    affiliations,
    as_former,
    collective_sector,
    combine,
    names_object,
    single_owner,
    span_root,
    who_from_entry,
)
from brinkwatch.extract.actor_syntax import (
    appositive_heads,
    appositive_of,
    byline,
    is_subject,
    left_edge,
    right_edge,
    rights,
    title_tokens,
)
from brinkwatch.extract.token_table import TokenTable


def resolve_people(ctx: Context, res: Resolution) -> None:
    """People in text order: dictionary names, then PERSON entities with titles;
    a later surname-only mention takes the identity of the earlier full one.
    A person naming an institution ("the Biden administration") is left to the
    noun-phrase pass, which makes the whole phrase one mention."""
    seen: dict[str, Who] = {}
    for start, end, entry in _person_spans(ctx):
        if not res.free(start, end) or _names_an_institution(ctx, end - 1):
            continue
        if entry is None and byline(ctx.table, start, end):
            continue  # the writer, not an actor
        who = _person_who(ctx, start, end, entry, seen)
        if who == Who():
            continue
        root = span_root(ctx, start, end)
        span_start = _title_start(ctx, res, start, root)
        subject = is_subject(ctx.table, end - 1)
        res.add(Mention(span_start, end, end - 1, who, "person", subject=subject))
        _remember(seen, ctx.table.span_text(start, end), who)
        _mark_title_heads(ctx.table, res, root, who)
    _unlabelled_surnames(ctx, res, seen)


def _names_an_institution(ctx: Context, last: int) -> bool:
    """Token ``last`` of a name modifies an institution word right after it."""
    if ctx.table.dep[last] != "compound" or ctx.table.head[last] != last + 1:
        return False
    m = ctx.matches.lexeme_at(last + 1)
    return bool(m and m.value.role and m.value.role.kind == "institution")


def _unlabelled_surnames(ctx: Context, res: Resolution, seen: dict[str, Who]) -> None:
    """A known surname the parser did not label as a person ("Later, Marchenko
    said"), after the first mention of that person; not a word of a longer name
    ("the Consumer Price Index" after "Ned Price")."""
    if not seen:
        return
    table = ctx.table
    first_at = {m.who.name: m.start for m in res.mentions if m.kind == "person" and m.who.name}
    known = [i for i, word in enumerate(table.orth) if word in seen]
    for i in known:
        who = seen[table.orth[i]]
        if not who.name or i in res.claimed or not _capitalised_name(table, i):
            continue
        if _in_proper_compound(table, i):
            continue
        if first_at.get(who.name, table.size) < i:
            res.add(Mention(i, i + 1, i, who, "person", subject=is_subject(table, i)))


def _capitalised_name(table: TokenTable, i: int) -> bool:
    """A capitalised noun the tagger may call common ("Later, Price said")."""
    pos = table.pos[i]  # (str.istitle is Token.is_title)
    return pos == "PROPN" or (pos == "NOUN" and table.orth[i].istitle() and not table.sent_start[i])


def _in_proper_compound(table: TokenTable, i: int) -> bool:
    """Part of a run of proper nouns ("Consumer Price Index")."""
    return (
        any(
            0 <= j < table.size and table.pos[j] == "PROPN" and table.orth[j].istitle()
            for j in (i - 1, i + 1)
        )
        and not table.sent_start[i]
    )


def _person_spans(ctx: Context) -> list[tuple[int, int, Entry | None]]:
    """PERSON entities (with a dictionary person inside, if any), dictionary
    people the parser did not label, and names a title vouches for, in text order."""
    spans: dict[tuple[int, int], Entry | None] = {}
    for ent in ctx.ents:
        if ent.label_ == "PERSON" and not _not_a_person(ctx, ent):
            start, end = _trimmed(ctx, ent)
            end = _through_known_name(ctx, start, end)
            spans[(start, end)] = _person_inside(ctx, start, end)
    covered = {i for s, e in spans for i in range(s, e)}
    for m in ctx.matches.unique_names():
        if m.value.kind in ("person", "short") and m.start not in covered:
            spans[(m.start, m.end)] = m.value
            covered.update(range(m.start, m.end))
    for start, end in _titled_names(ctx):
        _merge_titled(spans, start, end)
    return [(s, e, spans[(s, e)]) for s, e in sorted(spans)]


def _through_known_name(ctx: Context, start: int, end: int) -> int:
    """Where a name ends when the parser cut a known one short ("Ursula von der")."""
    m = ctx.matches.name_at(end - 1)
    if m and m.value.kind in ("person", "short") and m.start >= start and m.end > end:
        return m.end
    return end


def _merge_titled(spans: dict[tuple[int, int], Entry | None], start: int, end: int) -> None:
    """Add a titled name unless it overlaps another name; it replaces unknown
    fragments of itself ("Olena" of "Olena Marchenko")."""
    inside = [k for k in spans if start <= k[0] and k[1] <= end]
    overlapping = [k for k in spans if k[0] < end and start < k[1] and k not in inside]
    if overlapping or any(spans[k] is not None for k in inside):
        return
    for key in inside:
        del spans[key]
    spans[(start, end)] = None


def _titled_names(ctx: Context) -> list[tuple[int, int]]:
    """Names the parser missed or mislabelled but a title vouches for:
    "Deputy Foreign Minister Olena Marchenko", "Taras Hryn, Ukraine's ... minister"."""
    found = []
    for m in ctx.matches.unique_lexemes():
        if m.value.role is None or m.value.role.kind != "title":
            continue
        root = span_root(ctx, m.start, m.end)
        head = ctx.table.head[root]
        before_name = head >= m.end and ctx.table.dep[root] == "compound"
        after_name = appositive_of(ctx.table, root) is not None and head < m.start
        if before_name or after_name:
            found.append(_name_run(ctx, head))
    return [(s, e) for s, e in found if e > s]


def _name_run(ctx: Context, head: int) -> tuple[int, int]:
    """The capitalised proper nouns ending at token ``head`` that no dictionary
    name claims (so "Ukraine" or "NATO" is never taken for a person)."""
    if not _namelike(ctx, head):
        return head, head
    start = head
    while start > 0 and start > head - 3 and _namelike(ctx, start - 1):
        start -= 1
    return start, head + 1


def _namelike(ctx: Context, i: int) -> bool:
    table = ctx.table  # (str.istitle is Token.is_title)
    if table.pos[i] != "PROPN" or not table.orth[i].istitle() or ctx.matches.lexeme_at(i):
        return False
    m = ctx.matches.name_at(i)
    return m is None or m.value.kind in ("person", "short")


def _not_a_person(ctx: Context, ent: Span) -> bool:
    """A PERSON label on a URL or on a name the dictionary knows as something
    else ("Kremlin" in a headline)."""
    if any(t.like_url or t.like_email for t in ent):
        return True
    m = ctx.matches.name_at(ent.start)
    return bool(m and m.value.kind not in ("person", "short") and m.end >= ent.end)


def _trimmed(ctx: Context, ent: Span) -> tuple[int, int]:
    """The entity up to its first punctuation ("Anton Rezak / Example Wire") or
    possessive ending, and ending with a dictionary name inside it ("Lavrov
    Meet" -> "Lavrov")."""
    end = ent.start + 1
    while end < ent.end and not _name_break(ctx.table, end):
        end += 1
    for i in range(ent.start, end):
        m = ctx.matches.name_at(i)
        if m and m.value.kind in ("person", "short") and m.end < end:
            end = m.end
    return ent.start, end


def _name_break(table: TokenTable, i: int) -> bool:
    return table.tag[i] == "POS" or (table.is_punct[i] and table.orth[i] not in ("-", "."))


def _person_inside(ctx: Context, start: int, end: int) -> Entry | None:
    for i in range(start, end):
        m = ctx.matches.name_at(i)
        if m and m.value.kind in ("person", "short") and start <= m.start and m.end <= end:
            return m.value
    return None


def _person_who(
    ctx: Context, start: int, end: int, entry: Entry | None, seen: dict[str, Who]
) -> Who:
    text = ctx.table.span_text(start, end)
    if entry is not None:
        return _known_person(ctx, start, end, who_from_entry(entry, ctx))
    if text in seen:
        return seen[text]
    titled = _titled_who(ctx, start, end, text)
    if titled == Who() and _not_a_name_of_a_person(ctx, start, end):
        return Who()
    gender = ctx.dictionary.first_names.get(ctx.table.lower[start]) if end - start > 1 else None
    return replace(titled, name=text, gender=gender or _title_gender(titled.role))


def _known_person(ctx: Context, start: int, end: int, known: Who) -> Who:
    """A dictionary person, with what the text's title adds: the role held when
    the dictionary has none for the date (the text is the better witness of
    the time it was written in), or the organisation the person acts for
    ("OSCE chairman Zbigniew Rau", Poland's foreign minister chairing the OSCE)."""
    if not known.name:
        return known
    titled = _titled_who(ctx, start, end, ctx.table.span_text(start, end))
    if known.role is None and titled.role and titled.country in (None, known.country):
        return replace(titled, name=known.name, country=known.country, gender=known.gender)
    if titled.org and not known.org and not titled.country:
        # acting for the organisation, as its own officers do (Stoltenberg: NATO, no state)
        return replace(known, country=None, org=titled.org, role=titled.role, sector="IGO")
    return known


def _not_a_name_of_a_person(ctx: Context, start: int, end: int) -> bool:
    """An unknown, untitled PERSON entity that is a lone word, names a place
    ("the town of X") or modifies a thing ("La Bajada hospital")."""
    table, root = ctx.table, end - 1
    head = table.head[root]
    modifies_thing = table.dep[root] == "compound" and table.pos[head] == "NOUN" and head >= end
    return end - start == 1 or modifies_thing or _named_place(ctx, root)


def _named_place(ctx: Context, root: int) -> bool:
    """ "the town of Stanytsia Luhanska": a name governed by a place noun."""
    table = ctx.table
    prep = table.head[root]
    if table.dep[root] != "pobj" or table.lower[prep] != "of":
        return False
    return ctx.dictionary.modifiers.get(table.lower[table.head[prep]]) == "place-noun"


def _title_gender(role: str | None) -> str | None:
    """ "spokeswoman", "congressman": English gendered titles end in -woman/-man."""
    if not role:
        return None
    last = role.split()[-1]
    return "f" if last.endswith("woman") else "m" if last.endswith("man") else None


def _titled_who(ctx: Context, start: int, end: int, text: str) -> Who:
    """An unknown person's identity from the title around the name: before it
    ("NATO spokeswoman X") or in apposition ("X, Ukraine's defence minister")."""
    table, root = ctx.table, end - 1
    pools = [list(title_tokens(table, start, root))]
    pools += [
        list(range(left_edge(table, h), right_edge(table, h) + 1))
        for h in appositive_heads(table, root)
    ]
    if appositive_of(table, root) is not None and table.head[root] < start:
        pools.append(_title_phrase(table, table.head[root]))
    of_owner = _of_owner_after_name(ctx, root)  # "President X of Guinea"
    for tokens in pools:
        role, owner = _title_role(ctx, tokens), single_owner(ctx, affiliations(ctx, tokens))
        if role or owner:
            who = combine(role, owner or of_owner)
            who = who if who.sector else replace(who, sector=collective_sector(ctx, tokens))
            return as_former(ctx, tokens, who)
    return combine(None, of_owner) if of_owner else Who()


def _title_phrase(table: TokenTable, head: int) -> list[int]:
    """A title noun with its pre-modifiers and of-phrase ("the Prime Minister of
    the Marshall Islands"), not a relative clause after it ("named by London")."""
    tokens = list(range(left_edge(table, head), head + 1))
    for prep in rights(table, head):
        if table.dep[prep] == "prep" and table.lower[prep] == "of":
            tokens += range(prep, right_edge(table, prep) + 1)
    return tokens


def _of_owner_after_name(ctx: Context, root: int) -> Who | None:
    table = ctx.table
    for prep in rights(table, root):
        if table.dep[prep] == "prep" and table.lower[prep] in ("of", "from") and prep == root + 1:
            objs = [c for c in table.children(prep) if table.dep[c] == "pobj"]
            found = affiliations(ctx, range(prep + 1, objs[0] + 1)) if objs else []
            found = [m for m in found if names_object(ctx, m, objs[0])]
            return single_owner(ctx, found)
    return None


def _title_role(ctx: Context, tokens: Iterable[int]) -> RoleRow | None:
    found = None
    for i in tokens:
        m = ctx.matches.lexeme_at(i)
        if m and m.value.role and m.value.role.kind == "title":
            found = m.value.role
    return found


def _title_start(ctx: Context, res: Resolution, start: int, root: int) -> int:
    """Extend a name leftwards over its title ("Kremlin spokesman Dmitry Peskov")
    when the words before it hold a role or an affiliation."""
    tokens = title_tokens(ctx.table, start, root)
    first = max([tokens.start, *(i + 1 for i in tokens if i in res.claimed)], default=start)
    tokens = range(first, start)
    if not tokens:
        return start
    useful = _title_role(ctx, tokens) or affiliations(ctx, tokens)
    return tokens.start if useful else start


def _remember(seen: dict[str, Who], text: str, who: Who) -> None:
    """Index a person by full text and by surname for later short mentions."""
    if not who.name:
        return
    seen.setdefault(text, who)
    parts = who.name.split()
    if len(parts) > 1:
        seen.setdefault(parts[-1], who)
        seen.setdefault(" ".join(parts[1:]), who)


def _mark_title_heads(table: TokenTable, res: Resolution, root: int, who: Who) -> None:
    """A title in apposition to a name (whose root is token ``root``) refers to that
    person, and so does a title the name stands in apposition to."""
    for head in appositive_heads(table, root):
        res.by_title_head[head] = who
    if appositive_of(table, root) is not None:
        res.by_title_head[table.head[root]] = who
