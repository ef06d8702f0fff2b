"""The typed records every layer passes: one module, frozen dataclasses.

These mirror the output contract `brinkwatch.article/1` (see
``shared/spec/output-record.md``) field for field.  The JSON form is produced by
:func:`to_json_dict` and read back by :func:`article_record_from_dict`; the
store derives its table schemas from these classes (``store/schema.py``), so a
field is declared exactly once, here.

Offsets (``start``, ``end``; end exclusive) always index ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

SCHEMA = "brinkwatch.article/1"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "DIP", "LEG", "JUD", "REB", "CVL", "MED", "BUS", "IGO",
)  # fmt: skip

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceFeature = Literal["country", "admin1", "city", "region", "water", "other"]


@dataclass(frozen=True, slots=True)
class Section:
    """A run of the body under one sub-heading (``heading`` is None for the lead)."""

    heading: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """What a reader produces: metadata and the clean body text offsets index."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    photo_credit: str | None = None
    related: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    source_id: str | None = None  # the feed's own id (JSON layouts), for joining results back


@dataclass(frozen=True, slots=True)
class Actor:
    """One mention of an actor, resolved to a state, organisation or collective."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    org: str | None = None  # NATO, EU, UN, OSCE, ...
    group: str | None = None  # WEST, EUROPE
    sector: str | None = None  # one of SECTORS
    role: str | None = None

    @property
    def code(self) -> str | None:
        """The code used for dyads: the state, else the organisation, else the group."""
        return self.country or self.org or self.group


@dataclass(frozen=True, slots=True)
class TimeMention:
    text: str
    start: int
    end: int
    type: TimeType
    value: str


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    feature: PlaceFeature
    lat: float | None
    lon: float | None
    admin1: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | None  # None when vague ("several thousand")
    unit: str
    approximate: bool = False
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    speaker: Actor | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened.  ``basis`` says where the value came from:
    ``clause`` (a time expression in the event's own clause), ``sentence`` or
    ``published`` (the article's date, used when nothing closer was found)."""

    value: str
    text: str | None
    basis: Literal["clause", "sentence", "published"] = "clause"


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event: one (source, target) pair in one sentence."""

    id: str
    type: str  # one of PLOVER_TYPES
    sentence: str
    start: int
    end: int
    trigger: Trigger
    quad_class: int
    goldstein: float
    why: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    cameo: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: EventDate | None = None
    place: Place | None = None
    quantity: Quantity | None = None
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    historical: bool = False
    attributed_to: Actor | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class ProcessingError:
    """A non-fatal problem with one article, named by the stage it happened in."""

    stage: str
    message: str


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """Everything brinkwatch knows about one article: the unit of output and storage."""

    article: Article
    entities: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeMention, ...] = ()
    places: tuple[Place, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    errors: tuple[ProcessingError, ...] = ()
    schema: str = field(default=SCHEMA)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read as any layout: reported, recorded, skipped."""

    path: str
    reason: str  # short machine-readable name, e.g. "empty", "binary", "bad-json"
    message: str


# --------------------------------------------------------------------------- JSON

_FIELD_ORDER = ("schema", "article", "entities", "events", "quotes", "times", "places",
                "quantities", "errors")  # fmt: skip


def to_json_dict(record: Any) -> Any:
    """Turn a record (or a tuple of them) into JSON-ready dicts and lists.

    Tuples become lists; nested records become dicts; field order follows the
    dataclass except for :class:`ArticleRecord`, which puts ``schema`` first as
    the contract shows.
    """
    if record.__class__ in _JSON_SCALARS:  # most values: no class lookup needed
        return record
    fields = _json_fields(record.__class__)
    if fields is not None:
        names, read_values = fields  # one attrgetter call reads every field
        # scalars (most values) need no call
        return {name: value if value.__class__ in _JSON_SCALARS else to_json_dict(value)
                for name, value in zip(names, read_values(record), strict=True)}  # fmt: skip
    if isinstance(record, tuple | list):
        return [to_json_dict(item) for item in record]
    return record


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _json_fields(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]] | None:
    """The JSON keys of a record class in order and a function reading their values
    (None for anything else), once per class."""
    names: tuple[str, ...]
    if issubclass(cls, ArticleRecord):
        names = _FIELD_ORDER
    elif dataclasses.is_dataclass(cls):
        names = tuple(f.name for f in dataclasses.fields(cls))
    else:
        return None
    return names, _values_getter(names)


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """``attrgetter(*names)`` that returns a tuple even for a single name."""
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names)


# ------------------------------------------------------------------------ pickling
# Worker processes send records back to the parent by pickle.  A frozen dataclass with
# slots pickles through dataclasses' generic __getstate__/__setstate__, which call
# dataclasses.fields() for every object; these per-class versions read and set the
# fields directly and halve the cost (about 0.7 -> 0.35 ms per demo article, round trip).


def _install_fast_pickling(cls: type) -> None:
    names = tuple(f.name for f in dataclasses.fields(cls))
    values = _values_getter(names)

    def get_state(self: Any) -> tuple[Any, ...]:
        return values(self)

    setattr(cls, "__getstate__", get_state)  # noqa: B010 (a method, set on the class)

    def set_state(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)  # frozen: the dataclass' own bypass

    setattr(cls, "__setstate__", set_state)  # noqa: B010


for _cls in [
    c
    for c in tuple(globals().values())
    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == __name__
]:
    _install_fast_pickling(_cls)  # every record class of this module
del _cls


T = TypeVar("T")


def from_json_dict(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from the dicts :func:`to_json_dict` made.

    Unknown keys are ignored (the contract lets fields be added), missing
    optional keys take their defaults.
    """
    hints = get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(hint) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        item_hint = get_args(hint)[0]
        return tuple(_convert(item_hint, v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_json_dict(hint, value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value


def article_record_from_dict(data: dict[str, Any]) -> ArticleRecord:
    """Read one line of ``brinkwatch extract --format jsonl`` back into records."""
    return from_json_dict(ArticleRecord, data)


__all__ = [
    "PLOVER_TYPES", "SCHEMA", "SECTORS", "Actor", "Article", "ArticleRecord", "Event",
    "EventDate", "Place", "ProcessingError", "Quantity", "Quote", "ReadFailure", "Section",
    "TimeMention", "Trigger", "article_record_from_dict", "from_json_dict", "to_json_dict",
]  # fmt: skip
