"""A bounded cache of what the comparison reads off one claim, keyed by the claim object itself.

The compare stage pairs every claim of a cluster with many others, and much of what a rule reads of a pair
depends on one side only (its slot values, its named things, its "for the N-th time"). ``functools.lru_cache``
keyed on a ``Claim`` hashes the whole frozen claim (every slot, field by field) on each call, which costs more than
some of those values; this cache looks a claim up by its identity instead (``id``), holding the claim so that the
id is never reused while the entry lives. A claim is immutable, so its values never change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def by_claim(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function of one immutable object (a claim, or a tuple a claim holds such as its names) and optionally
    a few hashable settings by the object's identity and the settings, for up to ``maxsize`` entries at a time (all dropped when full: a run meets one
    cluster's claims at a time). The cached values are shared: callers must not change them."""
    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        memo: dict[object, tuple[object, T]] = {}

        @functools.wraps(fn)
        def cached(claim: object, *args: object) -> T:
            key = (id(claim), *args) if args else id(claim)
            got = memo.get(key)
            if got is not None and got[0] is claim:
                return got[1]
            value = fn(claim, *args)
            if len(memo) >= maxsize:
                memo.clear()
            memo[key] = (claim, value)
            return value

        cached.cache_clear = memo.clear  # type: ignore[attr-defined]
        # as an lru_cache tells them: ``pipeline.release_caches`` empties the stage caches that report a maxsize
        cached.cache_parameters = lambda: {"maxsize": maxsize, "typed": False}  # type: ignore[attr-defined]
        return cached
    return wrap
