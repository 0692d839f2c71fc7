"""The one union-find of the package: linked groups, the capped split of large groups, stories of sources and
conflict value sets."""

from __future__ import annotations


class DisjointSets:
    """Union-find over the integers 0..n-1 (path halving). A set's root is its smallest member, so ``groups()``
    lists the sets in the order of their smallest members, each in ascending order."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        """The root (smallest member) of ``x``'s set."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int, *, cap: int | None = None) -> bool:
        """Join the sets of ``a`` and ``b`` unless they are one already or the joined set would pass ``cap``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (cap is not None and self.size[ra] + self.size[rb] > cap):
            return False
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def groups(self) -> list[list[int]]:
        """Every set, ordered by its smallest member."""
        out: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            out.setdefault(self.find(x), []).append(x)
        return [out[r] for r in sorted(out)]


__all__ = ["DisjointSets"]
