"""Small builders for records in tests (our own sentences, no model needed)."""

from __future__ import annotations

from brinkwatch.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    EventDate,
    Place,
    Quantity,
    Trigger,
)

GOLDSTEIN = {"ACCUSE": -2.0, "THREATEN": -4.4, "REJECT": -4.0, "MOBILIZE": -7.2,
             "CONSULT": 1.0, "AGREE": 3.0, "ASSAULT": -9.0, "RETREAT": 4.0}  # fmt: skip
QUAD = {"ACCUSE": 3, "THREATEN": 3, "REJECT": 3, "MOBILIZE": 4, "CONSULT": 1, "AGREE": 1,
        "ASSAULT": 4, "RETREAT": 2}  # fmt: skip


def actor(code: str | None) -> Actor | None:
    if code is None:
        return None
    if code in ("NATO", "EU", "UN"):
        return Actor(code, 0, len(code), name=code, org=code, sector="IGO")
    return Actor(code, 0, len(code), name=code, country=code, sector="GOV")


def event(
    article_id: str, idx: int, kind: str, source: str | None, target: str | None, day: str,
    text: str = "", quantity: float | None = None, place: Place | None = None,
    negated: bool = False, future: bool = False,
) -> Event:  # fmt: skip
    qty = Quantity(f"{quantity} troops", 0, 5, quantity, "troops") if quantity else None
    return Event(
        id=f"{article_id}-{idx}", type=kind, sentence=text or f"{source} {kind} {target}",
        start=0, end=len(text) or 10, trigger=Trigger(kind.lower(), 0, 3), quad_class=QUAD[kind],
        goldstein=GOLDSTEIN[kind], why="test", source=actor(source), target=actor(target),
        date=EventDate(day, None), quantity=qty, place=place, negated=negated, future=future,
        confidence=0.9,
    )  # fmt: skip


def record(
    article_id: str, day: str, events: list[Event], text: str = "x",
    places: tuple[Place, ...] = (),
) -> ArticleRecord:  # fmt: skip
    art = Article(article_id, text, title=f"Article {article_id}", published=day)
    return ArticleRecord(article=art, events=tuple(events), places=places)
