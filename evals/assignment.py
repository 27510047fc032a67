"""Optimal one-to-one matching of gold records (rows) to predicted records (columns).

`max_weight_assignment` is the Hungarian (Kuhn-Munkres) algorithm with potentials, O(n^2 m) for an
n x m matrix with n <= m. `best_assignment` applies it to a similarity matrix with a threshold.
"""

from __future__ import annotations

import math


def best_assignment(similarity: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """Row-column pairs of the one-to-one matching with the largest total similarity.

    Only pairs whose similarity reaches `threshold` count: entries below it are treated as 0 while
    solving, so a pair that would be dropped can never push a good pair out of the matching, and
    pairs below the threshold are then removed. The result is sorted by row.
    """
    masked = [[value if value >= threshold else 0.0 for value in row] for row in similarity]
    pairs = max_weight_assignment(masked)
    return [(row, col) for row, col in pairs if similarity[row][col] >= threshold]


def max_weight_assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """A maximum-total-weight matching that pairs every row (or every column, if fewer), by row."""
    if not weights or not weights[0]:
        return []
    if len(weights) > len(weights[0]):
        transposed = [list(column) for column in zip(*weights, strict=True)]
        return sorted((row, col) for col, row in max_weight_assignment(transposed))
    cost = [[-value for value in row] for row in weights]
    columns = _Hungarian(cost).solve()
    return [(row, col) for row, col in enumerate(columns)]


class _Hungarian:
    """Minimum-cost assignment of every row of an n x m cost matrix (n <= m) to its own column.

    Internally rows and columns are numbered from 1; column 0 is a virtual column used to start
    each augmenting search. `owner[j]` is the row assigned to column j (0 = free).
    """

    def __init__(self, cost: list[list[float]]) -> None:
        self.cost = cost
        self.n_cols = len(cost[0])
        self.row_potential = [0.0] * (len(cost) + 1)
        self.col_potential = [0.0] * (self.n_cols + 1)
        self.owner = [0] * (self.n_cols + 1)
        self.way = [0] * (self.n_cols + 1)  # previous column on the augmenting path
        self.slack = [math.inf] * (self.n_cols + 1)
        self.used = [False] * (self.n_cols + 1)

    def solve(self) -> list[int]:
        """The 0-based column of each row."""
        for row in range(1, len(self.cost) + 1):
            self._add_row(row)
        columns = [0] * len(self.cost)
        for col in range(1, self.n_cols + 1):
            if self.owner[col]:
                columns[self.owner[col] - 1] = col - 1
        return columns

    def _add_row(self, row: int) -> None:
        """Extend the matching to `row` along a shortest augmenting path (Dijkstra-like search)."""
        self.owner[0] = row
        self.way = [0] * (self.n_cols + 1)
        self.slack = [math.inf] * (self.n_cols + 1)
        self.used = [False] * (self.n_cols + 1)
        col = 0
        while self.owner[col] != 0:
            self.used[col] = True
            col = self._grow(col)
        while col:
            previous = self.way[col]
            self.owner[col] = self.owner[previous]
            col = previous

    def _grow(self, col: int) -> int:
        """Relax the edges of the row owning `col`; update potentials; return the next column."""
        row = self.owner[col]
        delta, chosen = math.inf, 0
        for j in range(1, self.n_cols + 1):
            if self.used[j]:
                continue
            reduced = self.cost[row - 1][j - 1] - self.row_potential[row] - self.col_potential[j]
            if reduced < self.slack[j]:
                self.slack[j], self.way[j] = reduced, col
            if self.slack[j] < delta:
                delta, chosen = self.slack[j], j
        for j in range(self.n_cols + 1):
            if self.used[j]:
                self.row_potential[self.owner[j]] += delta
                self.col_potential[j] -= delta
            else:
                self.slack[j] -= delta
        return chosen
