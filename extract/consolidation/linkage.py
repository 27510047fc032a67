"""Grouping records that are one real thing: links applied strongest first, under constraints.

The record-linkage libraries (recordlinkage, splink) score pairs with weights learnt or set per
field and cut the scores at a threshold. Here the decisive evidence is rule-like (a shared name
key across scripts, the same mechanism on overlapping days) and so are the reasons to keep two
records apart (one article never reports one person twice; two different Chinese names are two
people), which a score threshold cannot express. At a few thousand records a hand-written
comparison over blocked candidate pairs is fast and every merge can be explained.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Link = tuple[float, int, int]
"""(strength, index, index): evidence that two records are one; stronger links are tried first."""


def cluster(
    count: int,
    links: Iterable[Link],
    can_join: Callable[[list[int], list[int]], bool],
    applied: list[Link] | None = None,
) -> list[list[int]]:
    """Groups of the indices 0..count-1, each sorted, in order of their first index.

    Each link, strongest first (ties by index, so the result never depends on input order), joins
    the two groups its records are in, unless `can_join(group_a, group_b)` says those groups may
    not become one; a weak link therefore never undoes what stronger evidence kept apart.
    """
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    for strength, a, b in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        group_a, group_b = group_of[a], group_of[b]
        if group_a == group_b or not can_join(members[group_a], members[group_b]):
            continue
        if applied is not None:
            applied.append((strength, a, b))
        keep, gone = min(group_a, group_b), max(group_a, group_b)
        for index in members[gone]:
            group_of[index] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return [members[key] for key in sorted(members)]
