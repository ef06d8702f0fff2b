"""Source and target of an event trigger, read from the dependency parse.

Only syntactic dependents of the trigger (or of the verb it is the complement of)
are ever used, so a source and a target never come from unrelated parts of a
sentence (the failure that makes bag-of-actors coders unusable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from brinkwatch.extract.actors import ActorMentions
from brinkwatch.extract.token_table import TokenTable
from brinkwatch.records import Actor

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj", "attr"})
# modifiers of a noun phrase that can carry its actor ("Russian troops", "Russia's army")
ACTOR_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# subject pronouns of a reported clause that the resolver may leave unresolved
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
# nouns of intent whose infinitive is their holder's act ("signalled readiness to talk")
INTENT_NOUNS = frozenset({"readiness", "willingness", "promise", "pledge", "commitment",
                          "determination"})  # fmt: skip
# finite verb tags: a finite verb hanging off another as "dep" is a coordination
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


@dataclass(frozen=True, slots=True)
class Arg:
    """An actor filling a role, with the token it was read from."""

    actor: Actor
    token: Token


@dataclass(frozen=True)
class ArgFinder:
    """Finds actors under argument tokens, with the carrier nouns from cues.toml.

    The parse is read off the document's token table (indices, not Token objects);
    a Token is built only for an :class:`Arg` found.  Subjects and actors are
    remembered per token: the rules ask for the same ones many times."""

    actors: ActorMentions
    carriers: frozenset[str]
    target_preps: frozenset[str]
    table: TokenTable
    carrier_preps: tuple[str, ...] = ("of", "from", "for", "with")
    # places resolved to their state, for roles the actor resolver left to the
    # gazetteer ("sent troops to Poland": the target is the state of the place)
    place_actors: Mapping[int, Actor] = field(default_factory=dict)
    # nouns for armed forces and their equipment ("Russian warships", "US jets")
    forces: frozenset[str] = frozenset()
    # speech verbs whose unresolved pronoun subject in the reported clause is the speaker
    reporting: frozenset[str] = frozenset()
    # request verbs whose to-infinitive, even parsed as an adverbial clause, is the
    # addressee's act ("called on Moscow to stop")
    requests: frozenset[str] = frozenset()
    _subjects: dict[int, tuple[tuple[Arg, ...], bool]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _actors: dict[int, tuple[Arg, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def actor_at(self, tok: Token, depth: int = 0) -> Arg | None:
        """The actor an argument head stands for: its own mention, a modifier's
        ("the Russian government"), or for carrier nouns an of/from phrase's
        ("leaders of Ukraine")."""
        return self._actor_at(tok.i, depth)

    def _actor_at(self, i: int, depth: int = 0) -> Arg | None:
        t = self.table
        i = self._antecedent(i)
        found = self.actors.at(i) or self.place_actors.get(i)
        if found is not None and found.code is not None:
            return Arg(found, t.doc[i])
        # a mention with no state, organisation or group (an unknown person) is not an
        # actor an event can be coded for; its modifiers may still name one
        if depth > 2:
            return None
        if depth == 0 and not self._may_carry(i):
            return None
        for child in t.children(i):
            if t.dep[child] in ACTOR_MODIFIERS:
                arg = self._actor_at(child, depth + 1)
                if arg is not None:
                    return arg
        if t.lemma_lower[i] in self.carriers or t.lower[i] in self.carriers:
            return self._of_phrase(i, depth)
        return None

    def _may_carry(self, i: int) -> bool:
        """Only nouns that stand for an actor take their actor from a modifier:
        "the Russian government", "Russian troops" — not "Ukraine's grain exports"."""
        t = self.table
        lemma = t.lemma_lower[i]
        return (t.pos[i] == "PROPN" or lemma in self.carriers or t.lower[i] in self.carriers
                or lemma in self.forces)  # fmt: skip

    def actors_at(self, tok: Token) -> tuple[Arg, ...]:
        """Actors of ``tok`` and its coordinated conjuncts ("the US and NATO"), and of
        coordinated modifiers ("Russian and Chinese warships")."""
        return self._actors_at(tok.i)

    def _actors_at(self, i: int) -> tuple[Arg, ...]:
        if i not in self._actors:
            found: list[Arg] = []
            for head in (i, *conjuncts(i, self.table)):
                for arg in self._with_modifier_conjuncts(head):
                    if all(a.actor != arg.actor for a in found):
                        found.append(arg)
            self._actors[i] = tuple(found)
        return self._actors[i]

    def _with_modifier_conjuncts(self, head: int) -> list[Arg]:
        arg = self._actor_at(head)
        if arg is None:
            return []
        found = [arg]
        if arg.token.i != head:
            for conj in conjuncts(arg.token.i, self.table):
                other = self._actor_at(conj, 1)
                if other is not None:
                    found.append(other)
        return found

    def _of_phrase(self, i: int, depth: int) -> Arg | None:
        """The actor of a carrier's phrase, in the order of carrier_preps."""
        t = self.table
        preps = [c for c in t.children(i)
                 if t.dep[c] == "prep" and t.lower[c] in self.carrier_preps]  # fmt: skip
        preps.sort(key=lambda p: self.carrier_preps.index(t.lower[p]))
        for prep in preps:
            for pobj in t.children(prep):
                if t.dep[pobj] == "pobj":
                    arg = self._actor_at(pobj, depth + 1)
                    if arg is not None:
                        return arg
        return None

    def _antecedent(self, i: int) -> int:
        """A relative pronoun stands for the noun its clause modifies."""
        t = self.table
        if t.lower[i] in RELATIVE_PRONOUNS and t.dep[t.head[i]] in ("relcl", "acl"):
            return t.head[t.head[i]]
        return i

    # ------------------------------------------------------------------ roles

    def subject(self, verb: Token) -> tuple[tuple[Arg, ...], bool]:
        """(actors of the subject, passive?) of ``verb``, inherited through
        control (xcomp), coordination (conj) and participle clauses."""
        return self._subject(verb.i)

    def _subject(self, verb: int) -> tuple[tuple[Arg, ...], bool]:
        if verb not in self._subjects:
            self._subjects[verb] = self._find_subject(verb)
        return self._subjects[verb]

    def _find_subject(self, verb: int) -> tuple[tuple[Arg, ...], bool]:
        t = self.table
        dep = t.dep
        for child in t.children(verb):
            if dep[child] in SUBJECT_DEPS:
                return self._subject_or_speaker(verb, child), False
            if dep[child] in PASSIVE_DEPS:
                return self._actors_at(child), True
        head = t.head[verb]
        if head == verb:
            return (), False
        if dep[verb] == "xcomp" or stray_complement(verb, t) is not None:
            controller = self._object_controller(head)
            if controller:
                return controller, False
            return self._subject(head)[0], False
        if dep[verb] == "acomp":  # "was ready to talk": the subject of "was"
            return self._subject(head)[0], False
        if dep[verb] == "conj":
            # "was indicted ... and will resign": an active verb coordinated with a
            # passive one shares its subject, not its voice
            own_passive = any(dep[c] == "auxpass" for c in t.children(verb))
            return self._subject(head)[0], own_passive
        if dep[verb] == "acl" and t.lemma_lower[head] in INTENT_NOUNS and dep[head] in OBJECT_DEPS:
            # "signalled readiness to pursue diplomacy", "made a promise to stand by":
            # the one who has the readiness or made the promise
            return self._subject(t.head[head])[0], False
        if dep[verb] == "dep" and t.tag[verb] in FINITE_TAGS and t.tag[verb] == t.tag[head]:
            # "forced the jet to land, then arrested the journalist": a coordination the
            # parser left without its "and" shares the subject
            return self._subject(head)
        if _means_clause(verb, t):
            return self._subject(t.head[head])  # "responded by ordering ...": the responder
        if _requested_clause(verb, self.requests, t):
            return self._object_controller(head) or self._subject(head)[0], False
        if dep[verb] == "advcl" and _nonfinite(verb, t):
            return self._subject(head)
        if dep[verb] in ("relcl", "acl") and t.tag[verb] == "VBN":
            return self._actors_at(head), True
        return (), False

    def _subject_or_speaker(self, verb: int, subj: int) -> tuple[Arg, ...]:
        """"Georgia said it was ready to ...": an unresolved pronoun subject of a
        reported clause is the speaker."""
        t = self.table
        found = self._actors_at(subj)
        if found or t.lower[subj] not in PERSONAL_PRONOUNS or t.dep[verb] != "ccomp":
            return found
        if t.lemma_lower[t.head[verb]] not in self.reporting:
            return found
        return self._subject(t.head[verb])[0]

    def _object_controller(self, verb: int) -> tuple[Arg, ...]:
        """The object that is the understood subject of a complement
        ("urged Moscow to withdraw": Moscow withdraws)."""
        t = self.table
        for child in t.children(verb):
            if t.dep[child] in ("dobj", "obj", "dative"):
                return self._actors_at(child)
        return self._prep_objects(verb, frozenset({"on", "upon"}))  # "called on Moscow to"

    def agent(self, verb: Token) -> tuple[Arg, ...]:
        """The by-phrase of a passive verb ("was accused by Kyiv")."""
        t = self.table
        for child in t.children(verb.i):
            if t.dep[child] == "agent":
                for pobj in t.children(child):
                    if t.dep[pobj] == "pobj":
                        return self._actors_at(pobj)
        return ()

    def objects(self, verb: Token, with_direct: bool = True) -> tuple[Arg, ...]:
        """Objects that are actors; indirect ones only when the direct object is a theme
        ("gave Tanzania a grant")."""
        deps = OBJECT_DEPS if with_direct else frozenset({"dative", "iobj"})
        t = self.table
        found: list[Arg] = []
        for child in t.children(verb.i):
            if t.dep[child] in deps:
                found.extend(self._actors_at(child))
        return tuple(found)

    def prep_objects(self, head: Token, preps: frozenset[str] | None = None) -> tuple[Arg, ...]:
        """Actors in prepositional phrases of ``head`` whose preposition may mark a target."""
        return self._prep_objects(head.i, preps)

    def _prep_objects(self, head: int, preps: frozenset[str] | None = None) -> tuple[Arg, ...]:
        allowed = self.target_preps if preps is None else preps
        t = self.table
        found: list[Arg] = []
        for child in t.children(head):
            if t.dep[child] == "prep" and t.lower[child] in allowed:
                for pobj in t.children(child):
                    if t.dep[pobj] == "pobj":
                        found.extend(self._actors_at(pobj))
        return tuple(found)

    def noun_owner(self, noun: Token) -> tuple[Arg, ...]:
        """Whose a nominal act is: possessive, actor modifier or by/from phrase
        ("Russia's demands", "Russian demands", "demands by Moscow")."""
        t = self.table
        for child in t.children(noun.i):
            if t.dep[child] in ("poss", "amod", "compound", "nmod"):
                found = self._actors_at(child)
                if found:
                    return found
        return self._prep_objects(noun.i, frozenset({"by", "from"}))


def conjuncts(i: int, table: TokenTable) -> list[int]:
    """``Token.conjuncts`` of token ``i`` as indices: the tokens coordinated with it
    (the first conjunct and the "conj" chains to its right), without ``i`` itself."""
    dep, head = table.dep, table.head
    start = i
    while dep[start] == "conj" and head[start] != start:
        start = head[start]
    queue = [start]
    for word in queue:  # grows while it is read: breadth first, as spaCy does
        for c in table.children(word):
            if c > word and dep[c] == "conj":
                queue.append(c)
    return [w for w in queue if w != i]


def stray_complement(verb: int, table: TokenTable) -> int | None:
    """"called on Moscow to de-escalate and pull its forces back": a bare infinitive
    the parser coordinated with the finite governor (token ``verb``) belongs to its
    complement; the complement it joins, else None."""
    t = table
    head = t.head[verb]
    if t.dep[verb] != "conj" or t.tag[verb] != "VB" or t.tag[head] not in ("VBD", "VBZ", "VBP"):
        return None
    if any(t.dep[c] in ("aux", "nsubj", "nsubjpass") for c in t.children(verb)):
        return None
    return next((c for c in t.children(head) if t.dep[c] == "xcomp" and c < verb), None)


def _means_clause(verb: int, t: TokenTable) -> bool:
    """"Tallinn responded by ordering ...": a by-gerund of a finite verb is that verb's
    subject's act (not under another gerund: "accused X of fuelling ... by sending")."""
    prep = t.head[verb]
    if t.dep[verb] != "pcomp" or t.tag[verb] != "VBG" or t.lower[prep] != "by":
        return False
    # "accused Washington of fuelling tension by sending ...": the accused's means
    governor = t.head[prep]
    charged = [c for c in t.children(governor)
               if t.dep[c] == "prep" and t.lower[c] in ("of", "for")]  # fmt: skip
    return t.tag[governor] in ("VBD", "VBZ", "VBP", "VB") and not charged


def requested_clause(verb: Token, requests: frozenset[str], table: TokenTable) -> bool:
    """"called on Moscow to stop": a to-infinitive the parser hung on a request verb
    as an adverbial clause is what is requested."""
    return _requested_clause(verb.i, requests, table)


def _requested_clause(verb: int, requests: frozenset[str], t: TokenTable) -> bool:
    return (t.dep[verb] == "advcl" and to_marker(verb, t)
            and t.lemma_lower[t.head[verb]] in requests)  # fmt: skip


def to_marker(verb: int, t: TokenTable) -> bool:
    """An infinitive "to" on the verb."""
    return any(t.dep[c] == "aux" and t.lower[c] == "to" for c in t.children(verb))


def _nonfinite(verb: int, t: TokenTable) -> bool:
    """A participle or to-infinitive clause ("..., saying", "flew to Moscow to discuss")."""
    return t.tag[verb] == "VBG" or (t.tag[verb] == "VB" and to_marker(verb, t))
