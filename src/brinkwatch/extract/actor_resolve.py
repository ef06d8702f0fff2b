"""Turning dictionary matches, named entities and actor nouns into actor mentions.

Three passes over one Doc, each claiming the tokens it uses so a token belongs
to one mention: people (names with the titles around them), noun phrases headed
by actor nouns ("Russian troops", "the Kremlin leader"), then the remaining
names of states, capitals, seats of power, organisations and groups.
Coreference (pronouns, descriptions) follows in :mod:`actor_coref`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from brinkwatch.extract.actor_data import PersonRow, RoleRow
from brinkwatch.extract.actor_dictionary import ActorDictionary, Entry
from brinkwatch.extract.actor_matches import DocMatches, Match, inside_foreign_entity
from brinkwatch.extract.actor_syntax import (
    NOUN_POS,
    appositive_heads,
    appositive_of,
    byline,
    has_definite_article,
    is_subject,
    noun_modifier_tokens,
    place_use,
    title_tokens,
)

AFFILIATION_KINDS = frozenset({"state", "capital", "city", "seat", "org", "body", "group",
                               "group_adj", "demonym", "person", "short", "region"})  # fmt: skip
# A role whose sector is GOV is a weak hint ("officials", "leaders"): the sector
# of the body it belongs to wins ("Pentagon officials" -> MIL); a title with no
# sector of its own ("spokesman") takes its owner's, or GOV for a state.
WEAK_SECTOR = "GOV"
# What a region's people and forces are: its armed men rebels, its people civilians.
REGIONAL_SECTORS = MappingProxyType({"MIL": "REB", "REB": "REB", "CVL": "CVL"})
# Collectives that are actors without an owner: "separatists", "protesters".
SELF_STANDING_SECTORS = frozenset({"REB", "CVL"})


@dataclass(frozen=True, slots=True)
class Who:
    """The resolved identity of a mention, before it has a text span."""

    name: str | None = None
    country: str | None = None
    org: str | None = None
    group: str | None = None
    sector: str | None = None
    role: str | None = None
    gender: str | None = None
    offices: tuple[str, ...] = ()

    @property
    def code(self) -> str | None:
        return self.country or self.org or self.group


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention over tokens ``start`` .. ``end`` with its identity."""

    start: int
    end: int
    head: int
    who: Who
    kind: str  # person, state, capital, seat, org, body, group, demonym, title, ...
    plural: bool = False
    subject: bool = False
    tags: frozenset[str] = frozenset()
    noun: str | None = None  # the role word heading it ("foreign ministry"), if any


@dataclass(frozen=True, slots=True)
class Description:
    """A definite noun phrase with no owner ("the ministry", "the president")
    left for coreference to resolve."""

    start: int
    end: int
    head: int
    role: RoleRow


@dataclass
class Resolution:
    """Mentions found so far in one Doc and the tokens they claim."""

    mentions: list[Mention] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)
    descriptions: list[Description] = field(default_factory=list)
    by_title_head: dict[int, Who] = field(default_factory=dict)

    def free(self, start: int, end: int) -> bool:
        return all(i not in self.claimed for i in range(start, end))

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.claimed.update(range(mention.start, mention.end))


@dataclass(frozen=True)
class Context:
    """Everything a pass needs about one Doc."""

    doc: Doc
    matches: DocMatches
    dictionary: ActorDictionary
    on: date | None


# ----------------------------------------------------------------- identities


def who_from_term(term: PersonRow) -> Who:
    return Who(term.name, term.country, term.org, None, term.sector, term.role, term.gender,
               term.offices)  # fmt: skip


def who_from_entry(entry: Entry, ctx: Context) -> Who:
    """The identity a dictionary name gives, people resolved for the article date."""
    if entry.kind in ("person", "short") and entry.name:
        term = ctx.dictionary.person_term(entry.name, ctx.on)
        return who_from_term(term) if term else Who(entry.name)
    return Who(entry.name, entry.country, entry.org, entry.group, entry.sector)


def combine(role: RoleRow | None, owner: Who | None) -> Who:
    """A role word and the body it belongs to ("Pentagon" + "spokesman")."""
    if owner is None:
        return Who(sector=role.sector if role else None, role=_role_name(role))
    sector = owner.sector if owner.org or owner.group or owner.country else None
    if role and role.sector and not (role.sector == WEAK_SECTOR and sector):
        sector = role.sector
    if sector is None and role and role.kind == "title" and owner.country:
        sector = WEAK_SECTOR  # "a Russian spokesman" speaks for the government
    if owner.org and not owner.country and sector == WEAK_SECTOR:
        sector = "IGO"
    name = owner.name if owner.org or _is_body(owner) else None
    return Who(name, owner.country, owner.org, owner.group, sector, _role_name(role))


def _is_body(owner: Who) -> bool:
    return bool(owner.name and owner.sector in ("BUS", "MED"))


def _role_name(role: RoleRow | None) -> str | None:
    return role.phrase.lower() if role and role.kind == "title" else None


def owner_of(entry: Entry, ctx: Context) -> Who:
    """What an affiliation word contributes: a person lends their state or org."""
    who = who_from_entry(entry, ctx)
    if entry.kind in ("person", "short"):
        return Who(country=who.country, org=who.org, sector=who.sector)
    if entry.kind in ("state", "demonym"):
        return replace(who, name=None)
    return who


# ----------------------------------------------------------------- affiliations


def affiliations(ctx: Context, tokens: Iterable[int]) -> list[Match[Entry]]:
    """Names in ``tokens`` that say whom a role belongs to ("Russian", "NATO",
    "the Kremlin"), skipping "pro-Russian" and "Kremlin-backed"."""
    found: list[Match[Entry]] = []
    for i in tokens:
        m = ctx.matches.name_at(i)
        if m and m.value.kind in AFFILIATION_KINDS and m not in found and _owns(ctx, m):
            found.append(m)
    # "the deputy chief of mission at the U.S. embassy in Moscow": a place is no owner
    return [m for m in found if not _located(ctx, m)]


def _located(ctx: Context, m: Match[Entry]) -> bool:
    head = ctx.doc[m.end - 1]
    if m.value.kind not in ("state", "capital", "city", "seat", "region") or head.dep_ != "pobj":
        return False
    use = ctx.dictionary.preposition(head.head.lower_)
    return use is not None and use.use == "place" and place_use(head, ctx.dictionary)


def _owns(ctx: Context, m: Match[Entry]) -> bool:
    """Not an owner inside "pro-Russian", "Russian-speaking", "Kremlin-backed",
    nor after "ethnic" ("ethnic Armenian forces" are not Armenia's)."""
    after, before = _compound_word(ctx, m.end, 1), _compound_word(ctx, m.start - 1, -1)
    effects = ctx.dictionary.modifiers
    if m.start > 0 and effects.get(ctx.doc[m.start - 1].lower_) == "ethnic":
        return False
    if after is not None and effects.get(after.lower_) in ("not-affiliation", "agent-compound"):
        return False
    return not (before is not None and effects.get(before.lower_) == "not-affiliation")


def _compound_word(ctx: Context, hyphen: int, step: int) -> Token | None:
    """The word joined by a hyphen at ``hyphen`` to a name ("Russian-backed")."""
    word = hyphen + step
    if 0 <= hyphen < len(ctx.doc) and 0 <= word < len(ctx.doc) and ctx.doc[hyphen].text == "-":
        return ctx.doc[word]
    return None


def agent_compound(ctx: Context, m: Match[Entry]) -> bool:
    """ "Russian-brokered", "U.S.-led", "Russian-held": the name is the agent."""
    after = _compound_word(ctx, m.end, 1)
    return after is not None and ctx.dictionary.modifiers.get(after.lower_) == "agent-compound"


def single_owner(ctx: Context, found: list[Match[Entry]]) -> Who | None:
    owners = {owner_of(m.value, ctx) for m in found}
    codes = {o.code for o in owners}
    return next(iter(owners)) if len(codes) == 1 and len(owners) >= 1 else None


# ----------------------------------------------------------------- pass 1: people


def resolve_people(ctx: Context, res: Resolution) -> None:
    """People in text order: dictionary names, then PERSON entities with titles;
    a later surname-only mention takes the identity of the earlier full one.
    A person naming an institution ("the Biden administration") is left to the
    noun-phrase pass, which makes the whole phrase one mention."""
    seen: dict[str, Who] = {}
    for start, end, entry in _person_spans(ctx):
        if not res.free(start, end) or _names_an_institution(ctx, ctx.doc[end - 1]):
            continue
        if byline(ctx.doc, start, end) and entry is None:
            continue  # the writer, not an actor
        who = _person_who(ctx, start, end, entry, seen)
        if who == Who():
            continue
        span_start = _title_start(ctx, res, start, ctx.doc[start:end].root)
        mention = Mention(
            span_start, end, end - 1, who, "person", subject=is_subject(ctx.doc[end - 1])
        )
        res.add(mention)
        _remember(seen, ctx.doc[start:end].text, who)
        _mark_title_heads(ctx, res, ctx.doc[start:end], who)
    _unlabelled_surnames(ctx, res, seen)


def _names_an_institution(ctx: Context, last: Token) -> bool:
    if last.dep_ != "compound" or last.head.i != last.i + 1:
        return False
    m = ctx.matches.lexeme_at(last.head.i)
    return bool(m and m.value.role and m.value.role.kind == "institution")


def _unlabelled_surnames(ctx: Context, res: Resolution, seen: dict[str, Who]) -> None:
    """A known surname the parser did not label ("Later, Marchenko said"), after
    the first mention of that person."""
    first_at = {m.who.name: m.start for m in res.mentions if m.kind == "person" and m.who.name}
    for tok in ctx.doc:
        who = seen.get(tok.text)
        if who is None or not who.name or tok.i in res.claimed or tok.pos_ != "PROPN":
            continue
        if first_at.get(who.name, len(ctx.doc)) < tok.i:
            res.add(Mention(tok.i, tok.i + 1, tok.i, who, "person", subject=is_subject(tok)))


def _person_spans(ctx: Context) -> list[tuple[int, int, Entry | None]]:
    """PERSON entities (with a dictionary person inside, if any), dictionary
    people the parser did not label, and names a title vouches for, in text order."""
    spans: dict[tuple[int, int], Entry | None] = {}
    for ent in ctx.doc.ents:
        if ent.label_ == "PERSON" and not _not_a_person(ctx, ent):
            start, end = _trimmed(ctx, ent)
            spans[(start, end)] = _person_inside(ctx, ctx.doc[start:end])
    covered = {i for s, e in spans for i in range(s, e)}
    for m in ctx.matches.unique_names():
        if m.value.kind in ("person", "short") and m.start not in covered:
            spans[(m.start, m.end)] = m.value
            covered.update(range(m.start, m.end))
    for start, end in _titled_names(ctx):
        _merge_titled(spans, start, end)
    return [(s, e, spans[(s, e)]) for s, e in sorted(spans)]


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
        root = ctx.doc[m.start : m.end].root
        before_name = root.head.i >= m.end and root.dep_ == "compound"
        after_name = appositive_of(root) is not None and root.head.i < m.start
        if before_name or after_name:
            found.append(_name_run(ctx, root.head))
    return [(s, e) for s, e in found if e > s]


def _name_run(ctx: Context, head: Token) -> tuple[int, int]:
    """The capitalised proper nouns ending at ``head`` that no dictionary name
    claims (so "Ukraine" or "NATO" is never taken for a person)."""
    if not _namelike(ctx, head):
        return head.i, head.i
    start = head.i
    while start > 0 and start > head.i - 3 and _namelike(ctx, ctx.doc[start - 1]):
        start -= 1
    return start, head.i + 1


def _namelike(ctx: Context, tok: Token) -> bool:
    if tok.pos_ != "PROPN" or not tok.is_title or ctx.matches.lexeme_at(tok.i):
        return False
    m = ctx.matches.name_at(tok.i)
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
    while end < ent.end and not _name_break(ent.doc[end]):
        end += 1
    for i in range(ent.start, end):
        m = ctx.matches.name_at(i)
        if m and m.value.kind in ("person", "short") and m.end < end:
            end = m.end
    return ent.start, end


def _name_break(tok: Token) -> bool:
    return tok.tag_ == "POS" or (tok.is_punct and tok.text not in ("-", "."))


def _person_inside(ctx: Context, ent: Span) -> Entry | None:
    for i in range(ent.start, ent.end):
        m = ctx.matches.name_at(i)
        if m and m.value.kind in ("person", "short") and ent.start <= m.start and m.end <= ent.end:
            return m.value
    return None


def _person_who(
    ctx: Context, start: int, end: int, entry: Entry | None, seen: dict[str, Who]
) -> Who:
    text = ctx.doc[start:end].text
    if entry is not None:
        known = who_from_entry(entry, ctx)
        if known.role is None and known.name:
            # out of office on the article date, yet titled in the text: the
            # text is the better witness of the role it was written in
            titled = _titled_who(ctx, start, end, text)
            if titled.role and titled.country in (None, known.country):
                return replace(titled, name=known.name, country=known.country, gender=known.gender)
        return known
    if text in seen:
        return seen[text]
    titled = _titled_who(ctx, start, end, text)
    if titled == Who() and (end - start == 1 or _named_place(ctx, ctx.doc[end - 1])):
        return Who()  # a lone unknown word, or "the town of X": not a person
    gender = ctx.dictionary.first_names.get(ctx.doc[start].lower_) if end - start > 1 else None
    return replace(titled, name=text, gender=gender or _title_gender(titled.role))


def _named_place(ctx: Context, root: Token) -> bool:
    """ "the town of Stanytsia Luhanska": a name governed by a place noun."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    return ctx.dictionary.modifiers.get(root.head.head.lower_) == "place-noun"


def _title_gender(role: str | None) -> str | None:
    """ "spokeswoman", "congressman": English gendered titles end in -woman/-man."""
    if not role:
        return None
    last = role.split()[-1]
    return "f" if last.endswith("woman") else "m" if last.endswith("man") else None


def _titled_who(ctx: Context, start: int, end: int, text: str) -> Who:
    """An unknown person's identity from the title around the name: before it
    ("NATO spokeswoman X") or in apposition ("X, Ukraine's defence minister")."""
    root = ctx.doc[end - 1]
    pools = [list(title_tokens(ctx.doc, start, root))]
    pools += [list(range(h.left_edge.i, h.right_edge.i + 1)) for h in appositive_heads(root)]
    if appositive_of(root) is not None and root.head.i < start:
        pools.append(_title_phrase(root.head))
    of_owner = _of_owner_after_name(ctx, root)  # "President X of Guinea"
    for tokens in pools:
        role, owner = _title_role(ctx, tokens), single_owner(ctx, affiliations(ctx, tokens))
        if role or owner:
            who = combine(role, owner or of_owner)
            who = who if who.sector else replace(who, sector=_collective_sector(ctx, tokens))
            return as_former(ctx, tokens, who)
    return combine(None, of_owner) if of_owner else Who()


def _title_phrase(head: Token) -> list[int]:
    """A title noun with its pre-modifiers and of-phrase ("the Prime Minister of
    the Marshall Islands"), not a relative clause after it ("named by London")."""
    tokens = list(range(head.left_edge.i, head.i + 1))
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            tokens += range(prep.i, prep.right_edge.i + 1)
    return tokens


def _of_owner_after_name(ctx: Context, root: Token) -> Who | None:
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from") and prep.i == root.i + 1:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            found = affiliations(ctx, range(prep.i + 1, objs[0].i + 1)) if objs else []
            found = [m for m in found if _names_object(ctx, m, objs[0])]
            return single_owner(ctx, found)
    return None


def _collective_sector(ctx: Context, tokens: Iterable[int]) -> str | None:
    """ "opposition spokesman", "rebel commander": the group word sets the sector."""
    for i in tokens:
        m = ctx.matches.lexeme_at(i)
        if m and m.value.role and m.value.role.kind == "collective" and m.value.role.sector:
            return m.value.role.sector
    return None


def _title_role(ctx: Context, tokens: Iterable[int]) -> RoleRow | None:
    found = None
    for i in tokens:
        m = ctx.matches.lexeme_at(i)
        if m and m.value.role and m.value.role.kind == "title":
            found = m.value.role
    return found


def _title_start(ctx: Context, res: Resolution, start: int, root: Token) -> int:
    """Extend a name leftwards over its title ("Kremlin spokesman Dmitry Peskov")
    when the words before it hold a role or an affiliation."""
    tokens = title_tokens(ctx.doc, start, root)
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


def _mark_title_heads(ctx: Context, res: Resolution, span: Span, who: Who) -> None:
    """A title in apposition to a name refers to that person, and so does a
    title the name stands in apposition to."""
    root = span.root
    for head in appositive_heads(root):
        res.by_title_head[head.i] = who
    if appositive_of(root) is not None:
        res.by_title_head[root.head.i] = who


# ----------------------------------------------------------------- pass 2: actor nouns


def resolve_actor_nouns(ctx: Context, res: Resolution) -> None:
    """Noun phrases headed by role words, collectives and institutions."""
    for m in ctx.matches.unique_lexemes():
        role = m.value.role
        if role is None or not res.free(m.start, m.end):
            continue
        if _inside_a_name(ctx, m.start, m.end):
            continue  # "States" in "the United States", "Council" in "Security Council"
        head = ctx.doc[m.start : m.end].root
        one_word = m.end - m.start == 1  # "secretary-general" may parse as an adjective
        if (one_word and head.pos_ not in NOUN_POS) or _modifies_other_noun(head, m.end):
            continue
        if role.kind == "act":
            _resolve_agents(ctx, res, m.start, head)
        else:
            _resolve_noun(ctx, res, m.start, m.end, head, role)


def _resolve_agents(ctx: Context, res: Resolution, start: int, head: Token) -> None:
    """ "a U.S. request", "Israeli air raids", "the Kremlin's proposal": the
    owner of an action noun is its agent, a mention over the owner's words.
    A bare state name is not ("Ukraine aid" is aid *to* Ukraine)."""
    mods = noun_modifier_tokens(ctx.doc, head, start, ctx.dictionary.quantity_words)
    for m in affiliations(ctx, mods):
        if not res.free(m.start, m.end) or not _agentive(m.value):
            continue
        who = owner_of(m.value, ctx)
        if m.value.kind in ("org", "body", "seat", "capital", "person", "short"):
            who = who_from_entry(m.value, ctx)
        agent = ctx.doc[m.end - 1]
        res.add(Mention(m.start, m.end, agent.i, who, "agent", m.value.plural))


def _agentive(entry: Entry) -> bool:
    if entry.kind == "state":
        return "adjectival" in entry.tags
    return entry.kind not in ("capital", "city", "region")  # "a Moscow plan": for Moscow?


def _inside_a_name(ctx: Context, start: int, end: int) -> bool:
    names = {ctx.matches.name_at(i) for i in range(start, end)} - {None}
    return any(n is not None and (n.start < start or n.end > end) for n in names)


def _modifies_other_noun(head: Token, end: int) -> bool:
    return head.dep_ in ("compound", "amod", "nmod") and head.head.i >= end


def _resolve_noun(
    ctx: Context, res: Resolution, start: int, end: int, head: Token, role: RoleRow
) -> None:
    """One actor noun phrase: its owner from pre-modifiers or an of-phrase."""
    mods = noun_modifier_tokens(ctx.doc, head, start, ctx.dictionary.quantity_words)
    found = [m for m in affiliations(ctx, mods) if res.free(m.start, m.end)]
    pp_end, pp = _of_phrase_owner(ctx, res, head)
    found += pp
    plural = role.plural or head.tag_ in ("NNS", "NNPS")
    if head.i in res.by_title_head:
        who = res.by_title_head[head.i]
        _add(res, mods.start if mods else start, max(end, pp_end), head, who, role, plural)
    elif not found:
        _ownerless(ctx, res, start, end, head, role, plural)
    elif len({owner_of(m.value, ctx).code for m in found}) > 1 or _coordinated(ctx, mods):
        _add_each_owner(ctx, res, found, head, role, plural)
    else:
        first = min([mods.start if mods else start, *(m.start for m in found)])
        first += 1 if ctx.doc[first].pos_ == "DET" else 0  # "the U.S." owns no article here
        owned = _owned_who(ctx, found[0], role, mods, plural)
        if owned is not None:
            _add(res, first, max(end, pp_end), head, as_former(ctx, mods, owned), role, plural)


def _owned_who(
    ctx: Context, owner: Match[Entry], role: RoleRow, mods: range, plural: bool
) -> Who | None:
    """The identity of a role with one owner: the dated holder of a title, and
    the sector of a group word in it ("Afghan rebel leaders" -> REB).  A region
    owns only armed groups and people: "Donbas separatists", "Tigrayan forces"
    are rebels of that state, "Gaza residents" civilians; "Donetsk officials"
    are nobody's we can name."""
    who = _with_holder(ctx, combine(role, owner_of(owner.value, ctx)), role, mods, plural)
    group_sector = _collective_sector(ctx, mods)
    if group_sector and who.sector in (None, WEAK_SECTOR) and not who.name:
        who = replace(who, sector=group_sector)
    if owner.value.kind == "region":
        sector = REGIONAL_SECTORS.get(who.sector or "")
        return replace(who, sector=sector, name=None) if sector else None
    return who


def _coordinated(ctx: Context, mods: range) -> bool:
    """ "European and Asian ministers": the phrase covers more than one owner."""
    return any(ctx.doc[i].dep_ == "cc" for i in mods)


def _ownerless(
    ctx: Context, res: Resolution, start: int, end: int, head: Token, role: RoleRow,
    plural: bool,
) -> None:  # fmt: skip
    """A role noun with no owner: rebels and civilians are actors by their
    sector alone (rebels take the state they fight in: "separatists in eastern
    Ukraine" -> UKR), and so is a title held in such a group ("a separatist
    commander"); "the ministry" / "the president" wait for coreference."""
    mods = noun_modifier_tokens(ctx.doc, head, start, ctx.dictionary.quantity_words)
    group_sector = _collective_sector(ctx, mods)
    if role.kind == "collective" and role.sector in SELF_STANDING_SECTORS:
        where = _based_in(ctx, head) if role.sector == "REB" else None
        _add(res, start, end, head, Who(country=where, sector=role.sector), role, plural)
    elif group_sector in SELF_STANDING_SECTORS:
        first = mods.start if mods else start
        _add(res, first, end, head, Who(sector=group_sector, role=_role_name(role)), role, plural)
    elif role.kind != "collective" and has_definite_article(head) and not plural:
        det = start - 1 if start and head.doc[start - 1].lower_ == "the" else start
        res.descriptions.append(Description(det, end, head.i, role))


def _based_in(ctx: Context, head: Token) -> str | None:
    """The state an armed group is based in: "rebels in (eastern) Ukraine"."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                m = ctx.matches.name_at(obj.i)
                if m and m.value.kind in ("state", "region") and m.end - 1 == obj.i:
                    return m.value.country
    return None


def _of_phrase_owner(ctx: Context, res: Resolution, head: Token) -> tuple[int, list[Match[Entry]]]:
    """ "the foreign minister of Ukraine", "diplomats from Russia": the owner
    named in an of/from phrase right after the noun, and where it ends."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from") and prep.i >= head.i + 1:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            objs += [c for o in objs for c in o.conjuncts]  # "of Russia, Turkey and Iran"
            last = max((o.i for o in objs), default=prep.i)
            found = affiliations(ctx, range(prep.i + 1, last + 1))
            found = [
                m for m in found
                if res.free(m.start, m.end) and any(_names_object(ctx, m, o) for o in objs)
            ]  # fmt: skip
            if found:
                end = max(m.end for m in found)
                obj_end = objs[0].right_edge.i + 1
                # "of the three Baltic states": end with the object's noun
                return (obj_end if obj_end - end <= 3 and res.free(end, obj_end) else end), found
    return 0, []


def _names_object(ctx: Context, m: Match[Entry], obj: Token) -> bool:
    """The owner is the object itself ("of Ukraine") or describes it ("of the
    Baltic states"), not a possessor inside it ("of Israel's ally")."""
    head = ctx.doc[m.end - 1]
    return head.i == obj.i or (head.head.i == obj.i and head.dep_ in ("amod", "compound"))


def _with_holder(ctx: Context, who: Who, role: RoleRow, mods: range, plural: bool) -> Who:
    """ "the British prime minister" on 2022-02-01 is Boris Johnson."""
    if plural or not role.office or not who.code or _no_holder(ctx, mods):
        return who
    term = ctx.dictionary.holder(who.code, role.office, ctx.on, who.sector)
    return who_from_term(term) if term else who


def _no_holder(ctx: Context, mods: range) -> bool:
    effects = ctx.dictionary.modifiers
    return any(effects.get(ctx.doc[i].lower_) in ("no-holder", "former") for i in mods)


def as_former(ctx: Context, tokens: Iterable[int], who: Who) -> Who:
    """ "the former Ukrainian lawmaker": the role is a past one and no longer
    places the person in a sector."""
    effects = ctx.dictionary.modifiers
    if not any(effects.get(ctx.doc[i].lower_) == "former" for i in tokens):
        return who
    return replace(who, role=f"former {who.role}" if who.role else None, sector=None)


def _add_each_owner(
    ctx: Context, res: Resolution, found: list[Match[Entry]], head: Token, role: RoleRow,
    plural: bool,
) -> None:  # fmt: skip
    """ "U.S. and British officials": one mention per owner, over its own words."""
    for m in found:
        if m.value.kind == "region":
            continue  # regions own only in the single-owner case (see _owned_who)
        who = combine(role, owner_of(m.value, ctx))
        _add(res, m.start, m.end, head, replace(who, role=None), role, plural)


def _add(
    res: Resolution, start: int, end: int, head: Token, who: Who, role: RoleRow, plural: bool
) -> None:
    """A noun-phrase mention; a title with a known holder counts as a person."""
    kind = "person" if role.kind == "title" and who.name and not plural else role.kind
    if res.free(start, end):
        res.add(Mention(start, end, head.i, who, kind, plural, is_subject(head),
                        noun=role.phrase.lower()))  # fmt: skip


# ----------------------------------------------------------------- pass 3: names


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
    for ent in ctx.doc.ents:
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
    ends = {m.end: m for m in res.mentions}
    for tok in ctx.doc:
        if not _defined_acronym(ctx, tok.i, tok.i + 1) or tok.i in res.claimed:
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
    if kind in ("org", "body", "group"):
        return True
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
    an address (often a dateline); neither part is an actor."""
    doc = ctx.doc
    if m.end + 1 < len(doc) and doc[m.end].text == "," and m.value.kind != "state":
        nxt = ctx.matches.name_at(m.end + 1)
        if nxt and nxt.value.kind == "state":
            return True
    if m.start >= 2 and doc[m.start - 1].text == "," and m.value.kind == "state":
        before = doc[m.start - 2]
        prev = ctx.matches.name_at(before.i)
        return before.ent_type_ == "GPE" or bool(prev and prev.value.kind == "capital")
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
