"""Grids of candidate parameter values (R: dials ``R/grids.R`` and ``R/space_filling.R``).

Every grid function takes a :class:`ParameterSet`, a list or dict of parameters, or parameters as
positional arguments (keyword arguments give ids), and returns a DataFrame with one column per
parameter id, in set order, without duplicate rows.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from .._checks import check_bool, check_choice
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from .designs import dmax_design, lhs_design, optimal_lhs_codes
from .parameter import QualParam, has_unknowns, is_param
from .parameter_set import ParameterSet, _collect
from .values import encode_unit, value_sample, value_seq

__all__ = [
    "grid_regular",
    "grid_random",
    "grid_max_entropy",
    "grid_latin_hypercube",
    "grid_space_filling",
    "SFD_TYPES",
]

SFD_TYPES = ("any", "audze_eglais", "max_min_l1", "max_min_l2", "uniform", "latin_hypercube", "max_entropy")


def _as_set(x: tuple[Any, ...], named: dict[str, Any], fn: str, wrong: str) -> ParameterSet:
    """Turn the grid function's inputs into a checked ParameterSet (R: the S3 methods + ``check_param``)."""
    if wrong in named and not is_param(named[wrong]):
        right = "levels" if wrong == "size" else "size"
        raise InvalidParameterError(f"`{wrong}` is not an argument to {fn}. Did you mean `{right}`?")
    extra = [k for k, v in named.items() if not is_param(v)]
    if extra:
        raise InvalidParameterError(
            f"{fn} got unexpected argument(s) {extra}: keyword arguments other than the documented ones must be "
            "parameter objects (id=param)."
        )
    if not x and not named:
        raise InvalidParameterError(f"At least one parameter object is required by {fn}.")
    if len(x) == 1 and not named and isinstance(x[0], ParameterSet):
        pset = x[0]
    else:
        for k, a in enumerate(x):
            if isinstance(a, ParameterSet) and len(x) > 1:
                raise InvalidParameterError(f"{fn}: pass a ParameterSet on its own, not with other parameters.")
            if not (is_param(a) or isinstance(a, (list, tuple, Mapping, ParameterSet))):
                raise InvalidParameterError(
                    f"{fn}: `x` must be a parameter object, a list of them, or a ParameterSet; "
                    f"argument {k + 1} is {type(a).__name__}: {a!r}."
                )
        ids, objs = _collect(x, named, fn)
        n = len(objs)
        pset = ParameterSet(name=[o.name for o in objs], id=[i or o.name for i, o in zip(ids, objs)],
                            source=["list"] * n, component=["unknown"] * n, component_id=["unknown"] * n,
                            object=objs)
    if len(pset) == 0:
        raise InvalidParameterError(f"At least one parameter object is required by {fn}.")
    missing = [i for i, o in zip(pset.id, pset.object) if o is None]
    if missing:
        raise InvalidParameterError(
            f"{fn}: the parameter(s) {missing} have no parameter object. Supply one with "
            f".update({missing[0]}=...)."
        )
    unknowns = [i for i, o in zip(pset.id, pset.object) if has_unknowns(o)]
    if unknowns:
        listed = ", ".join(f"`{u}`" for u in unknowns)
        head = "This argument contains" if len(unknowns) == 1 else "These arguments contain"
        raise InvalidParameterError(
            f"{head} unknowns: {listed}.\nSee the finalize() function: pset.finalize(predictors) or "
            "finalize(param, predictors)."
        )
    return pset


def _check_whole(value: Any, name: str, fn: str, lower: int = 1) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) or value < lower:
        raise InvalidParameterError(f"`{name}` in {fn} must be a whole number >= {lower}; got {value!r}.")
    return int(value)


def _check_bool(value: Any, name: str, fn: str) -> bool:
    return check_bool(value, name, fn)


def _new_grid(columns: dict[str, Any], filter: Any = None, fn: str = "") -> pd.DataFrame:
    """Assemble the columns, apply ``filter`` and drop duplicate rows (R: ``new_param_grid``)."""
    out = pd.DataFrame({k: (list(v) if isinstance(v, list) else v) for k, v in columns.items()})
    if filter is not None:
        if isinstance(filter, str):
            out = out.query(filter)
        elif callable(filter):
            mask = filter(out)
            out = out.loc[np.asarray(mask, dtype=bool)]
        else:
            raise InvalidParameterError(
                f"`filter` in {fn} must be a query string such as 'penalty < 0.01' or a function of the grid "
                f"returning a boolean mask; got {type(filter).__name__}."
            )
    return out.drop_duplicates().reset_index(drop=True)


# --------------------------------------------------------------------------- regular


def _expand_grid(seqs: list[Any]) -> list[np.ndarray]:
    """Indices of R's ``expand.grid``: the first column varies fastest."""
    lens = [len(s) for s in seqs]
    total = int(np.prod(lens)) if lens else 0
    k = np.arange(total)
    out, stride = [], 1
    for n in lens:
        out.append((k // stride) % n)
        stride *= n
    return out


def grid_regular(
    *x: Any, levels: Any = 3, original: bool = True, filter: str | Callable[..., Any] | None = None,
    **named: Any,
) -> pd.DataFrame:
    """A regular grid: every combination of :func:`value_seq` of each parameter (R: ``grid_regular``).

    Parameters
    ----------
    *x : ParameterSet, QuantParam, QualParam, or a list/dict of them
    levels : int, sequence of int, or dict
        Values per parameter: one number for all, one per parameter in order, or ``{id: levels}``.
    original : bool, default True
        Values on the original scale (False: the transformed scale).
    filter : str or callable, optional
        Keep rows matching a ``DataFrame.query`` string or a boolean mask function (R: ``filter``).
    **named : QuantParam or QualParam
        Parameters given as ``id=param``.

    Returns
    -------
    pandas.DataFrame
        The first parameter varies fastest (R: ``expand.grid``); duplicates are dropped.

    Examples
    --------
    >>> from pytidy.dials import penalty, trees
    >>> grid_regular(penalty(), trees(), levels=2)
            penalty  trees
    0  1.000000e-10      1
    1  1.000000e+00      1
    2  1.000000e-10   2000
    3  1.000000e+00   2000
    """
    fn = "grid_regular()"
    pset = _as_set(x, named, fn, wrong="size")
    original = _check_bool(original, "original", fn)
    ids, objs = pset.ids, pset.objects
    p = len(ids)
    if isinstance(levels, Mapping):
        bad = [k for k in levels if k not in ids]
        if bad or len(levels) != p:
            raise InvalidParameterError(
                f"The names of `levels` in {fn} must match the parameter ids: {ids}; got {list(levels)}."
            )
        lv = [levels[i] for i in ids]
    elif isinstance(levels, (Sequence, np.ndarray)) and not isinstance(levels, str):
        lv = list(levels)
        if len(lv) == 1:
            lv = lv * p
        elif len(lv) != p:
            raise InvalidParameterError(f"`levels` in {fn} should have length 1 or {p}, not {len(lv)}.")
    else:
        lv = [levels] * p
    for v in lv:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral) or v < 1:
            raise InvalidParameterError(
                f"`levels` in {fn} must be a positive whole number or one per parameter; got {levels!r}."
            )
    seqs = [value_seq(o, int(n), original=original) for o, n in zip(objs, lv)]
    idx = _expand_grid(seqs)
    cols: dict[str, Any] = {}
    for i, s, k in zip(ids, seqs, idx):
        cols[i] = [s[j] for j in k] if isinstance(s, list) else np.asarray(s)[k]
    return _new_grid(cols, filter, fn)


# --------------------------------------------------------------------------- random


def grid_random(
    *x: Any, size: int = 5, original: bool = True, filter: str | Callable[..., Any] | None = None,
    seed: SeedLike = None, **named: Any,
) -> pd.DataFrame:
    """A random grid: ``size`` independent draws of each parameter (R: ``grid_random``).

    Each parameter is sampled with :func:`value_sample`; duplicate rows are dropped, so fewer than
    ``size`` rows may come back.

    Parameters
    ----------
    *x : ParameterSet, QuantParam, QualParam, or a list/dict of them
    size : int, default 5
    original : bool, default True
    filter : str or callable, optional
    seed : int, numpy Generator or None
    **named : QuantParam or QualParam

    Examples
    --------
    >>> from pytidy.dials import penalty, mixture
    >>> g = grid_random(penalty(), mixture(), size=4, seed=1)
    >>> g.shape, bool(g["mixture"].between(0, 1).all())
    ((4, 2), True)
    """
    fn = "grid_random()"
    pset = _as_set(x, named, fn, wrong="levels")
    size = _check_whole(size, "size", fn)
    original = _check_bool(original, "original", fn)
    rng = as_rng(seed)
    cols = {i: value_sample(o, size, original=original, seed=rng) for i, o in zip(pset.ids, pset.objects)}
    return _new_grid(cols, filter, fn)


# --------------------------------------------------------------------------- designs


def _from_unit(pset: ParameterSet, unit: np.ndarray, original: bool) -> dict[str, Any]:
    """Map a unit-cube design to parameter values (R: ``encode_unit(direction = "backward")``)."""
    cols: dict[str, Any] = {}
    for j, (i, o) in enumerate(zip(pset.ids, pset.objects)):
        u = np.clip(unit[:, j], 0.0, 1.0)
        cols[i] = encode_unit(o, u, "backward") if isinstance(o, QualParam) else \
            encode_unit(o, u, "backward", original=original)
    return cols


def _check_design_args(size: Any, variogram_range: Any, iter: Any, original: Any, fn: str) -> tuple[int, float, int, bool]:
    size = _check_whole(size, "size", fn)
    if isinstance(variogram_range, (bool, np.bool_)) or not isinstance(variogram_range, numbers.Real) \
            or not cast(float, variogram_range) >= 0:
        raise InvalidParameterError(f"`variogram_range` in {fn} must be a number >= 0; got {variogram_range!r}.")
    iter = _check_whole(iter, "iter", fn)
    original = _check_bool(original, "original", fn)
    return size, float(variogram_range), iter, original


def grid_max_entropy(
    *x: Any, size: int = 3, original: bool = True, variogram_range: float = 0.5, iter: int = 1000,
    seed: SeedLike = None, **named: Any,
) -> pd.DataFrame:
    """A maximum-entropy space-filling design (R: ``grid_max_entropy``, ``DiceDesign::dmaxDesign``).

    A greedy exchange algorithm maximises the determinant of the spherical-variogram correlation
    matrix of ``size`` points in the unit cube (see :func:`~pytidy.dials.designs.dmax_design`); the
    points are then mapped to each parameter's range on the transformed scale and back-transformed.
    Integers are **rounded**; qualitative parameters take the value of the equal-width bin the
    coordinate falls in. Duplicate rows are dropped.

    Parameters
    ----------
    *x : ParameterSet, QuantParam, QualParam, or a list/dict of them
    size : int, default 3
        Number of points; must be at least the number of parameters (as in DiceDesign).
    original : bool, default True
    variogram_range : float, default 0.5
        Range of the spherical variogram; 0 means ``sqrt(p) / 2``.
    iter : int, default 1000
        Iterations of the exchange algorithm.
    seed : int, numpy Generator or None
    **named : QuantParam or QualParam

    Examples
    --------
    >>> from pytidy.dials import learn_rate, trees
    >>> g = grid_max_entropy(learn_rate(), trees(), size=5, seed=2)
    >>> list(g.columns), len(g), g["trees"].dtype.kind
    (['learn_rate', 'trees'], 5, 'i')
    """
    fn = "grid_max_entropy()"
    pset = _as_set(x, named, fn, wrong="levels")
    size, variogram_range, iter, original = _check_design_args(size, variogram_range, iter, original, fn)
    design = dmax_design(size, len(pset), variogram_range, iter, as_rng(seed))["design"]
    return _new_grid(_from_unit(pset, design, original), None, fn)


def grid_latin_hypercube(
    *x: Any, size: int = 3, original: bool = True, seed: SeedLike = None, **named: Any
) -> pd.DataFrame:
    """A random Latin hypercube design (R: ``grid_latin_hypercube``, ``DiceDesign::lhsDesign``).

    In the unit cube each parameter has exactly one point in each of ``size`` equal strata; points
    are then mapped back as in :func:`grid_max_entropy` (integers rounded).

    Examples
    --------
    >>> from pytidy.dials import mixture
    >>> g = grid_latin_hypercube(mixture(), size=4, seed=1)
    >>> sorted((g["mixture"] * 4).astype(int).tolist())
    [0, 1, 2, 3]
    """
    fn = "grid_latin_hypercube()"
    pset = _as_set(x, named, fn, wrong="levels")
    size = _check_whole(size, "size", fn)
    original = _check_bool(original, "original", fn)
    design = lhs_design(size, len(pset), as_rng(seed))
    return _new_grid(_from_unit(pset, design, original), None, fn)


def _recycle_sorted(values: Any, size: int) -> list[Any]:
    vals = list(values.tolist() if isinstance(values, np.ndarray) else values)
    rec = [vals[k % len(vals)] for k in range(size)]
    return sorted(rec)


def grid_space_filling(
    *x: Any, size: int = 5, type: str = "any", variogram_range: float = 0.5, iter: int = 1000,
    original: bool = True, seed: SeedLike = None, **named: Any,
) -> pd.DataFrame:
    """A space-filling design (R: ``grid_space_filling``); tune's default grid.

    ``type``:

    - ``"any"`` (default) and ``"audze_eglais"``: a Latin hypercube optimised for the Audze-Eglais
      criterion (minimal sum of ``1 / d^2``);
    - ``"max_min_l2"`` / ``"max_min_l1"``: a Latin hypercube optimised for the largest smallest
      Euclidean / Manhattan distance;
    - ``"latin_hypercube"``: :func:`grid_latin_hypercube`; ``"max_entropy"``: :func:`grid_max_entropy`.

    For the optimised Latin hypercubes each parameter takes the values of ``value_seq(param, size)``,
    recycled to ``size`` and sorted, indexed by the design (as R's ``sfd::update_values`` does), so
    each value of a regular sequence is used once.

    Differences from R: R reads these designs from the pre-made tables of the ``sfd`` package (for 2
    to 15 parameters and sizes with a table, falling back to max entropy otherwise). Those tables are
    not shipped; pytidy optimises its own design for any number of parameters, so results depend on
    ``seed`` and differ from R's. ``"uniform"`` (tables of uniform designs) is not implemented.
    ``size = 1`` gives a one-row random grid, as in R.

    Parameters
    ----------
    *x : ParameterSet, QuantParam, QualParam, or a list/dict of them
    size : int, default 5
    type : str, default "any"
    variogram_range : float, default 0.5
        Only for ``type="max_entropy"``.
    iter : int, default 1000
        Only for ``type="max_entropy"``.
    original : bool, default True
    seed : int, numpy Generator or None
    **named : QuantParam or QualParam

    Raises
    ------
    NotImplementedError
        For ``type="uniform"``.

    Examples
    --------
    >>> from pytidy.dials import learn_rate, epochs
    >>> g = grid_space_filling(learn_rate(), epochs(), size=5, seed=1)
    >>> sorted(g["epochs"].tolist())
    [10, 257, 505, 752, 1000]
    """
    fn = "grid_space_filling()"
    pset = _as_set(x, named, fn, wrong="levels")
    size, variogram_range, iter, original = _check_design_args(size, variogram_range, iter, original, fn)
    check_choice(type, "type", fn, SFD_TYPES)
    rng = as_rng(seed)
    if size == 1:
        return grid_random(pset, size=1, original=original, seed=rng)
    if type == "uniform":
        raise NotImplementedError(
            "grid_space_filling(type='uniform') is not implemented: R reads uniform designs from the pre-made "
            "tables of the sfd package, which pytidy does not ship. Use type='any' (an optimised Latin "
            "hypercube), 'max_min_l2', 'max_min_l1', 'latin_hypercube' or 'max_entropy'."
        )
    if type == "latin_hypercube":
        return grid_latin_hypercube(pset, size=size, original=original, seed=rng)
    if type == "max_entropy":
        return grid_max_entropy(pset, size=size, original=original, variogram_range=variogram_range,
                                iter=iter, seed=rng)
    criterion = "audze_eglais" if type == "any" else type
    codes = optimal_lhs_codes(size, len(pset), criterion, rng)
    cols: dict[str, Any] = {}
    for j, (i, o) in enumerate(zip(pset.ids, pset.objects)):
        vals = _recycle_sorted(value_seq(o, size, original=original), size)
        picked = [vals[c] for c in codes[:, j]]
        cols[i] = picked if isinstance(o, QualParam) else np.asarray(picked)
    return _new_grid(cols, None, fn)
