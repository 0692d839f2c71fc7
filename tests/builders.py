"""Hand-built claims and slots for unit tests (no extraction, no model): one place for the builders the
comparison, support, clustering and framing tests share. ``from builders import claim, date, number, entity``.

A slot built with ``*_in`` sits where its words are in the claim's text; the others sit at ``start`` (default 0)."""

from __future__ import annotations

from claimcheck.models import Claim, DateSlot, EntitySlot, NumberSlot, Slots

_GRANULARITY = {1: "year", 2: "month", 3: "day"}


def claim(source: str, text: str, start: int = 0, *, cid: str | None = None, **slots: object) -> Claim:
    """A claim of ``source`` at article offset ``start``; ``slots`` are ``Slots`` fields (``dates=``,
    ``numbers=``, ``entities=``, ``negated=`` ...). Its id is ``cid``, else ``source:start:text``."""
    return Claim(id=cid or f"{source}:{start}:{text}", source=source, text=text, start=start, end=start + len(text),
                 slots=Slots(**slots))


def at(text: str, words: str, base: int = 0) -> tuple[int, int]:
    """The (start, end) article offsets of the first ``words`` in ``text``, a claim starting at ``base``."""
    i = text.index(words)
    return base + i, base + i + len(words)


def date(value: str, granularity: str | None = None, *, text: str | None = None, start: int = 0,
         **fields: object) -> DateSlot:
    """A date slot (``2019``, ``2019-02``, ``2019-02-14``); the granularity follows the value unless given;
    ``fields`` are further ``DateSlot`` fields (``earliest=``, ``latest=`` ...)."""
    text = value if text is None else text
    return DateSlot(text=text, start=start, end=start + len(text), value=value,
                    granularity=granularity or _GRANULARITY[len(value.split("-"))], **fields)


def date_in(text: str, words: str, value: str, granularity: str | None = None, *, base: int = 0,
            **fields: object) -> DateSlot:
    """A date slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return date(value, granularity, text=words, start=start, **fields)


def number(value: float, unit: str | None = None, *, text: str | None = None, start: int = 0, kind: str = "count",
           approximate: bool = False, **fields: object) -> NumberSlot:
    """A number slot (a count unless ``kind`` says otherwise); its text is the value unless given."""
    text = str(value) if text is None else text
    return NumberSlot(text=text, start=start, end=start + len(text), value=value, unit=unit, kind=kind,
                      approximate=approximate, **fields)


def number_in(text: str, words: str, value: float, unit: str | None = None, *, base: int = 0,
              **fields: object) -> NumberSlot:
    """A number slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return number(value, unit, text=words, start=start, **fields)


def entity(text: str, label: str, key: str | None = None, *, start: int = 0) -> EntitySlot:
    """An entity slot; its key is the lower-cased text without dots unless given."""
    return EntitySlot(text=text, start=start, end=start + len(text), label=label,
                      key=key or text.lower().replace(".", ""))


def entity_in(text: str, words: str, label: str, key: str | None = None, *, base: int = 0) -> EntitySlot:
    """An entity slot on ``words`` of a claim's ``text`` (the claim starts at ``base``)."""
    start, _ = at(text, words, base)
    return entity(words, label, key, start=start)
