"""Space-filling designs on the unit hypercube, written for pytidy.

- :func:`dmax_design`: the maximum-entropy design of R's ``DiceDesign::dmaxDesign`` (greedy exchange
  on the determinant of a spherical-variogram correlation matrix), with its quirks.
- :func:`lhs_design`: R's ``DiceDesign::lhsDesign`` (random Latin hypercube).
- :func:`optimal_lhs_codes`: a Latin hypercube optimised for the Audze-Eglais or maximin criterion by
  random column swaps. R's dials uses pre-made designs from the ``sfd`` package for this; those
  tables are not shipped, and this optimiser takes their place.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import InvalidParameterError

__all__ = ["dmax_design", "lhs_design", "optimal_lhs_codes", "CRITERIA"]

CRITERIA = ("audze_eglais", "max_min_l2", "max_min_l1")


def _spherical_corr(d: np.ndarray, a: float) -> np.ndarray:
    """``1 - variosphe(d, a)`` for ``d <= a`` (R: ``1 - (1.5 h/a - 0.5 (h/a)^3)``)."""
    r = d / a
    return 1.0 - (1.5 * r - 0.5 * r**3)


def _det_key(sign: float, logabs: float) -> tuple[int, float]:
    """Order determinants given as (sign, log|det|) on the real line."""
    if sign > 0:
        return (1, logabs)
    if sign < 0:
        return (-1, -logabs)
    return (0, 0.0)


def dmax_design(
    n: int, dimension: int, range: float, niter_max: int, rng: np.random.Generator
) -> dict[str, Any]:
    """Maximum-entropy design on ``[0, 1]^dimension`` (R: ``DiceDesign::dmaxDesign``).

    Start from ``n`` uniform points; the correlation of two points at distance ``d`` is
    ``1 - variosphe(d / range)`` when ``d <= range`` and 0 otherwise. ``niter_max - 1`` times, replace a
    random row by a uniform point and keep the change when the determinant does not decrease.
    R's quirks are kept: ``range == 0`` means ``sqrt(dimension) / 2``; fewer points than dimensions
    is an error; and when a proposal moves a point farther than ``range`` from another one, their
    entry keeps its old correlation. Unlike R, determinants are compared through ``slogdet``: R's
    ``det()`` underflows to 0 for large designs, after which it accepts every proposal.

    Returns
    -------
    dict
        ``design``, ``design_init`` (n x dimension arrays), ``det_init``, ``det_end`` (as
        ``(sign, log|det|)`` pairs), ``range`` (after the ``0`` rule) and ``accepted`` (count).

    Examples
    --------
    >>> out = dmax_design(6, 2, 0.5, 200, np.random.default_rng(1))
    >>> out["design"].shape
    (6, 2)
    """
    if n < dimension:
        raise InvalidParameterError(
            f"The max-entropy design needs at least as many points as parameters: size = {n} is smaller than "
            f"the {dimension} parameters (DiceDesign::dmaxDesign stops here too). Increase `size`."
        )
    if range == 0:
        range = math.sqrt(dimension) / 2
    # R: matrix(runif(n * dimension), n, dimension) fills column by column
    p = rng.random((dimension, n)).T.copy()
    p_init = p.copy()
    diff = p[:, None, :] - p[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=-1))
    C = np.where(dist <= range, _spherical_corr(dist, range), 0.0)
    np.fill_diagonal(C, 1.0)
    sign, logabs = np.linalg.slogdet(C)
    det_init = (float(sign), float(logabs))
    cur = _det_key(sign, logabs)
    accepted = 0
    for _ in np.arange(niter_max - 1):
        i = int(math.floor(1 + rng.random() * n)) - 1  # R: floor(runif(1, 1, n + 1))
        u = rng.random(dimension)
        du = np.sqrt(((p - u) ** 2).sum(axis=1))
        row = np.where(du <= range, _spherical_corr(du, range), C[i])  # quirk: far entries keep old C
        row[i] = 1.0
        Cu = C.copy()
        Cu[i, :] = row
        Cu[:, i] = row
        s_u, l_u = np.linalg.slogdet(Cu)
        key = _det_key(s_u, l_u)
        if key >= cur:
            p[i] = u
            C = Cu
            cur = key
            sign, logabs = s_u, l_u
            accepted += 1
    return {
        "design": p,
        "design_init": p_init,
        "det_init": det_init,
        "det_end": (float(sign), float(logabs)),
        "range": range,
        "accepted": accepted,
    }


def lhs_design(n: int, dimension: int, rng: np.random.Generator) -> np.ndarray:
    """Random Latin hypercube on ``[0, 1]^dimension`` (R: ``DiceDesign::lhsDesign``).

    Column ``j`` is ``(perm_j - U_j) / n`` for a random permutation ``perm_j`` of ``1..n`` and
    uniform ``U_j``: every column has exactly one point in each of the ``n`` strata.

    Examples
    --------
    >>> x = lhs_design(4, 2, np.random.default_rng(0))
    >>> sorted(np.floor(x[:, 0] * 4).astype(int).tolist())
    [0, 1, 2, 3]
    """
    ran = rng.random((dimension, n)).T
    out = np.empty((n, dimension))
    for j in np.arange(dimension):
        idx = rng.permutation(n) + 1
        out[:, j] = (idx - ran[:, j]) / n
    return out


def _pair_energy(codes: np.ndarray, rows: np.ndarray, criterion: str, scale: float) -> np.ndarray:
    """Energy of the pairs between ``rows`` and all rows (inf on the diagonal is zeroed)."""
    diff = codes[rows][:, None, :] - codes[None, :, :]
    if criterion == "max_min_l1":
        d = np.abs(diff).sum(axis=-1)
    else:
        d = np.sqrt((diff.astype(float) ** 2).sum(axis=-1))
    with np.errstate(divide="ignore"):
        if criterion == "audze_eglais":
            e = 1.0 / (d / scale) ** 2
        else:
            e = np.exp(-50.0 * np.log(d / scale))
    e[d == 0] = 0.0
    return e


def optimal_lhs_codes(
    n: int, dimension: int, criterion: str, rng: np.random.Generator, swaps: int | None = None
) -> np.ndarray:
    """An ``n x dimension`` Latin hypercube of codes ``0..n-1``, optimised by column swaps.

    Each column is a permutation of ``0..n-1``. Starting from a random one, ``swaps`` times pick a
    column and two rows, swap them, and keep the swap if the criterion does not get worse:

    - ``"audze_eglais"``: minimise ``sum 1 / d_ij^2`` (Euclidean distances);
    - ``"max_min_l2"`` / ``"max_min_l1"``: maximise the smallest Euclidean / Manhattan distance,
      through the smooth Morris-Mitchell surrogate ``sum d_ij^-50``.

    Examples
    --------
    >>> codes = optimal_lhs_codes(5, 2, "audze_eglais", np.random.default_rng(0))
    >>> sorted(codes[:, 0].tolist()), sorted(codes[:, 1].tolist())
    ([0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    """
    if criterion not in CRITERIA:
        raise InvalidParameterError(f"`criterion` must be one of {CRITERIA}; got {criterion!r}.")
    codes = np.column_stack([rng.permutation(n) for _ in np.arange(dimension)]).astype(np.int64)
    if n <= 2:
        return codes
    if swaps is None:
        swaps = int(min(4000, max(500, 40 * n * dimension)))
    # typical nearest-neighbour spacing of n points in an n^dimension code grid keeps d^-50 finite
    scale = float(n) ** (1.0 - 1.0 / dimension) if dimension > 1 else 1.0
    all_rows = np.arange(n)
    E = _pair_energy(codes, all_rows, criterion, scale)
    cols = rng.integers(0, dimension, size=swaps)
    pairs = rng.integers(0, n, size=(swaps, 2))
    for k in np.arange(swaps):
        a, b = int(pairs[k, 0]), int(pairs[k, 1])
        if a == b:
            continue
        j = int(cols[k])
        rows = np.array([a, b])
        old = E[rows].sum() * 2 - E[a, b] * 2
        codes[[a, b], j] = codes[[b, a], j]
        new_rows = _pair_energy(codes, rows, criterion, scale)
        new = new_rows.sum() * 2 - new_rows[0, b] * 2
        if new <= old:
            E[rows, :] = new_rows
            E[:, rows] = new_rows.T
        else:
            codes[[a, b], j] = codes[[b, a], j]
    return codes


def design_criterion(codes: np.ndarray, criterion: str) -> float:
    """The total criterion of a design (smaller is better); used by the tests."""
    n, p = codes.shape
    scale = float(n) ** (1.0 - 1.0 / p) if p > 1 else 1.0
    E = _pair_energy(codes, np.arange(n), criterion, scale)
    return float(E.sum() / 2)
