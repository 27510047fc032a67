"""The Hungarian assignment against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from evals.assignment import best_assignment, max_weight_assignment


def _brute_force_full(weights: list[list[float]]) -> float:
    """The largest total over matchings that pair every row or every column, whichever is fewer."""
    n_rows, n_cols = len(weights), len(weights[0])
    if n_rows <= n_cols:
        return max(
            sum(weights[r][c] for r, c in enumerate(cols))
            for cols in itertools.permutations(range(n_cols), n_rows)
        )
    return max(
        sum(weights[r][c] for c, r in enumerate(rows))
        for rows in itertools.permutations(range(n_rows), n_cols)
    )


def _brute_force_thresholded(similarity: list[list[float]], threshold: float) -> float:
    """The largest total over all partial one-to-one matchings using only pairs >= threshold."""
    n_rows, n_cols = len(similarity), len(similarity[0])
    best = 0.0
    for size in range(min(n_rows, n_cols) + 1):
        for rows in itertools.combinations(range(n_rows), size):
            for cols in itertools.permutations(range(n_cols), size):
                values = [similarity[r][c] for r, c in zip(rows, cols, strict=True)]
                if all(v >= threshold for v in values):
                    best = max(best, sum(values))
    return best


def _random_matrix(rng: random.Random, n_rows: int, n_cols: int) -> list[list[float]]:
    # Rounded values make ties common, which is where a wrong implementation tends to slip;
    # unrounded ones make near-ties that only an exact optimum gets right.
    if rng.random() < 0.5:
        return [[round(rng.random(), 1) for _ in range(n_cols)] for _ in range(n_rows)]
    return [[rng.random() for _ in range(n_cols)] for _ in range(n_rows)]


def _assert_one_to_one(pairs: list[tuple[int, int]], n_rows: int, n_cols: int) -> None:
    rows = [r for r, _ in pairs]
    cols = [c for _, c in pairs]
    assert len(set(rows)) == len(rows)
    assert len(set(cols)) == len(cols)
    assert all(0 <= r < n_rows for r in rows)
    assert all(0 <= c < n_cols for c in cols)


SHAPES = [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (2, 5), (5, 2), (3, 6), (6, 3), (1, 4)]


@pytest.mark.parametrize(("n_rows", "n_cols"), SHAPES)
def test_max_weight_assignment_matches_brute_force(n_rows: int, n_cols: int) -> None:
    rng = random.Random(1000 * n_rows + n_cols)
    for _ in range(40):
        weights = _random_matrix(rng, n_rows, n_cols)
        pairs = max_weight_assignment(weights)
        _assert_one_to_one(pairs, n_rows, n_cols)
        assert len(pairs) == min(n_rows, n_cols)
        total = sum(weights[r][c] for r, c in pairs)
        assert total == pytest.approx(_brute_force_full(weights), abs=1e-9)


@pytest.mark.parametrize(("n_rows", "n_cols"), SHAPES)
@pytest.mark.parametrize("threshold", [0.35, 0.6])
def test_best_assignment_matches_brute_force(n_rows: int, n_cols: int, threshold: float) -> None:
    rng = random.Random(7919 * n_rows + 31 * n_cols + int(threshold * 100))
    for _ in range(25):
        similarity = _random_matrix(rng, n_rows, n_cols)
        pairs = best_assignment(similarity, threshold)
        _assert_one_to_one(pairs, n_rows, n_cols)
        assert all(similarity[r][c] >= threshold for r, c in pairs)
        total = sum(similarity[r][c] for r, c in pairs)
        assert total == pytest.approx(_brute_force_thresholded(similarity, threshold), abs=1e-9)


def test_pairs_below_the_threshold_do_not_displace_a_good_pair() -> None:
    # Maximising the raw total would pick the two 0.5 pairs and then drop both.
    similarity = [[0.9, 0.5], [0.5, 0.0]]
    assert best_assignment(similarity, 0.6) == [(0, 0)]


def test_known_optimum_differs_from_greedy() -> None:
    # Greedy takes (0, 0) = 0.9 first and is left with 0.1; the optimum is 0.8 + 0.8.
    similarity = [[0.9, 0.8], [0.8, 0.1]]
    assert best_assignment(similarity, 0.0) == [(0, 1), (1, 0)]


def test_empty_and_degenerate_matrices() -> None:
    assert best_assignment([], 0.5) == []
    assert best_assignment([[], []], 0.5) == []
    assert best_assignment([[0.2, 0.3]], 0.5) == []
    assert best_assignment([[0.2], [0.7], [0.9]], 0.5) == [(2, 0)]


def test_result_is_sorted_by_row_for_tall_matrices() -> None:
    similarity = [[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]]
    assert best_assignment(similarity, 0.5) == [(0, 1), (2, 0)]
