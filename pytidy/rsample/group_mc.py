"""Group Monte Carlo, group bootstrap and the group initial split (R: ``R/mc.R``, ``R/boot.R``,
``R/initial_split.R``, ``balance_prop`` in ``R/make_groups.R``)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from .._checks import check_bool, check_number
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError, PytidyWarning
from ._utils import check_column_arg, check_data, check_prop, complement_of, names0
from .group import check_grouped_strata, group_codes, group_strata
from .rset import RSet, new_rset
from .rsplit import RSplit

__all__ = ["group_mc_cv", "group_initial_split", "group_bootstraps"]


def _prop_draw(groups: np.ndarray, sizes: np.ndarray, prop: float, replace: bool,
               rng: np.random.Generator) -> np.ndarray:
    """Groups drawn (with repeats when ``replace``) until their share of the rows is closest to ``prop``.

    R's ``balance_prop_helper``: shuffle the groups (or draw ``ceiling(n * prop * N / min size)`` of
    them with replacement), take the first crossing of ``prop`` by the cumulative share, or the group
    before it when that one is strictly closer. Where R fails (no crossing: a single group sampled
    with replacement and ``prop = 1``) all drawn groups are kept.
    """
    sz = sizes[groups]
    total = sz.sum()
    n = groups.size
    if replace:
        n = math.ceil(n * prop * total / sz.min())
    pick = rng.choice(groups.size, size=n, replace=replace)
    cum = np.cumsum(sz[pick]) / total
    over = np.flatnonzero(cum > prop)
    cross = int(over[0]) if over.size else n - 1
    if cross > 0 and abs(cum[cross - 1] - prop) < abs(cum[cross] - prop):
        cross -= 1
    return groups[pick[: cross + 1]]


def _group_prop_in_ids(data, group, strata, pool, prop, times, replace, rng) -> list[np.ndarray]:
    """Analysis rows (ascending, repeated for groups drawn twice) of ``times`` group resamples."""
    codes, n_groups = group_codes(data, group)
    sizes = np.bincount(codes, minlength=n_groups)
    if strata is None:
        blocks = [np.arange(n_groups)]
    else:  # R: the groups of each stratum are drawn on their own, towards prop of that stratum
        g_strata = group_strata(data, strata, codes, n_groups, pool, rng)
        blocks = [np.flatnonzero(g_strata == s) for s in range(int(g_strata.max()) + 1)]
        blocks = [b for b in blocks if b.size]
    out = []
    for _ in range(times):
        chosen = np.concatenate([_prop_draw(b, sizes, prop, replace, rng) for b in blocks])
        reps = np.bincount(chosen, minlength=n_groups)
        out.append(np.repeat(np.arange(len(data), dtype=np.int64), reps[codes]))
    return out


def _group_mc(data, group, prop, times, strata, pool, seed, owner):
    data = check_data(data, owner)
    group = check_column_arg(data, group, "group", owner, allow_none=False)
    prop = check_prop(prop, owner)
    times = check_number(times, "times", owner, lower=1, integer=True)
    strata = check_grouped_strata(data, group, strata, pool, owner)
    in_ids = _group_prop_in_ids(data, group, strata, pool, prop, times, False, as_rng(seed))
    if any(in_id.size == len(data) for in_id in in_ids):
        raise InvalidParameterError(
            f"{owner}: some assessment sets contained zero rows (one group holds most of the data). "
            "Consider using a non-grouped resampling method."
        )
    return group, prop, times, strata, in_ids


def group_mc_cv(
    data: pd.DataFrame,
    group: str,
    prop: float = 3 / 4,
    times: int = 25,
    strata: str | None = None,
    pool: float = 0.1,
    seed: SeedLike = None,
) -> RSet:
    """Monte Carlo cross-validation that keeps each group's rows together (R: ``group_mc_cv()``).

    Each resample shuffles the groups and puts them in the analysis set until their share of the
    rows is closest to ``prop`` (R's ``balance = "prop"``); the other groups assess.

    Parameters
    ----------
    data : pandas.DataFrame
        The data to resample.
    group : str
        Column whose values define the groups.
    prop : float, default 3/4
        Target share of the rows in the analysis set, in (0, 1).
    times : int, default 25
        Number of resamples.
    strata : str, optional
        Column to stratify on, constant within each group: the groups of each stratum are drawn on
        their own, towards ``prop`` of that stratum's rows.
    pool : float, default 0.1
        Strata holding less than this share of the rows are pooled (see :func:`make_strata`).
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    RSet
        ``kind="group_mc_cv"``, ids ``Resample01``, ...

    Raises
    ------
    InvalidParameterError
        If a resample has an empty assessment set (as R: a group holds most of the data).

    Examples
    --------
    >>> df = pd.DataFrame({"g": np.repeat(np.arange(10), 2), "x": range(20)})
    >>> rs = group_mc_cv(df, "g", prop=0.5, times=3, seed=1)
    >>> [len(s.analysis()) for s in rs], rs.ids["id"].tolist()
    ([10, 10, 10], ['Resample1', 'Resample2', 'Resample3'])
    >>> all(set(s.analysis()["g"]).isdisjoint(s.assessment()["g"]) for s in rs)
    True
    """
    owner = "group_mc_cv()"
    group, prop, times, strata, in_ids = _group_mc(data, group, prop, times, strata, pool, seed, owner)
    ids = names0(times, "Resample")
    splits = [RSplit(data, in_id, id={"id": i}, kind="group_mc_split") for in_id, i in zip(in_ids, ids)]
    attrs = {"group": group, "prop": prop, "times": times, "balance": "prop", "strata": strata, "pool": pool}
    return new_rset(splits, ids, kind="group_mc_cv", attrs=attrs)


def group_initial_split(
    data: pd.DataFrame,
    group: str,
    prop: float = 3 / 4,
    strata: str | None = None,
    pool: float = 0.1,
    seed: SeedLike = None,
) -> RSplit:
    """Split into training and testing sets with whole groups on each side (R: ``group_initial_split()``).

    As R, this is :func:`group_mc_cv` with ``times = 1``: the groups are shuffled and taken until
    their cumulative share of the rows is closest to ``prop`` (the first crossing or the group
    before it); with ``strata`` (constant within each group) this is done within each stratum.

    Examples
    --------
    >>> df = pd.DataFrame({"g": [1, 1, 2, 2, 3, 3, 4, 4], "x": range(8)})
    >>> split = group_initial_split(df, "g", prop=0.5, seed=1)
    >>> len(split.training()), set(split.training()["g"]).isdisjoint(split.testing()["g"])
    (4, True)
    """
    owner = "group_initial_split()"
    group, prop, _, strata, in_ids = _group_mc(data, group, prop, 1, strata, pool, seed, owner)
    return RSplit(
        data, in_ids[0], id={"id": "Resample1"}, kind="group_initial_split",
        attrs={"group": group, "prop": prop, "strata": strata if strata is not None else False,
               "pool": pool},
    )


def group_bootstraps(
    data: pd.DataFrame,
    group: str,
    times: int = 25,
    apparent: bool = False,
    strata: str | None = None,
    pool: float = 0.1,
    seed: SeedLike = None,
) -> RSet:
    """Bootstrap resamples of whole groups; rows of groups never drawn assess (R: ``group_bootstraps()``).

    Groups are drawn with replacement until their rows add up closest to ``nrow(data)`` (R's
    ``balance_prop`` with ``prop = 1, replace = TRUE``); a group drawn twice has its rows twice in
    the analysis set. With ``strata`` (constant within each group) each stratum is drawn on its own.

    Parameters
    ----------
    data : pandas.DataFrame
        The data to resample.
    group : str
        Column whose values define the groups.
    times : int, default 25
        Number of bootstrap resamples.
    apparent : bool, default False
        Add an ``"Apparent"`` resample whose analysis and assessment sets are the whole data.
    strata : str, optional
        Column to stratify on, constant within each group.
    pool : float, default 0.1
        Strata holding less than this share of the rows are pooled.
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    RSet
        ``kind="group_bootstraps"``, ids ``Bootstrap01``, ... (plus ``Apparent``).

    Warns
    -----
    PytidyWarning
        "Some assessment sets contained zero rows." (as R) when every group was drawn.

    Examples
    --------
    >>> df = pd.DataFrame({"g": np.repeat(np.arange(10), 3), "x": range(30)})
    >>> bt = group_bootstraps(df, "g", times=2, apparent=True, seed=1)
    >>> bt.ids["id"].tolist()
    ['Bootstrap1', 'Bootstrap2', 'Apparent']
    >>> len(bt[0].analysis()), set(bt[0].analysis()["g"]).isdisjoint(bt[0].assessment()["g"])
    (30, True)
    """
    owner = "group_bootstraps()"
    data = check_data(data, owner)
    group = check_column_arg(data, group, "group", owner, allow_none=False)
    times = check_number(times, "times", owner, lower=1, integer=True)
    check_bool(apparent, "apparent", owner)
    strata = check_grouped_strata(data, group, strata, pool, owner)
    in_ids = _group_prop_in_ids(data, group, strata, pool, 1.0, times, True, as_rng(seed))
    n = len(data)
    ids = names0(times, "Bootstrap")
    splits = [RSplit(data, in_id, id={"id": i}, kind="group_boot_split") for in_id, i in zip(in_ids, ids)]
    if any(complement_of(s.in_id, n).size == 0 for s in splits):
        warnings.warn(
            "Some assessment sets contained zero rows. Consider using a non-grouped resampling method.",
            PytidyWarning, stacklevel=2,
        )
    if apparent:
        all_rows = np.arange(n, dtype=np.int64)
        splits.append(RSplit(data, all_rows, all_rows, id={"id": "Apparent"}, kind="apparent_split"))
        ids = ids + ["Apparent"]
    attrs = {"times": times, "apparent": apparent, "strata": strata, "pool": pool, "group": group}
    return new_rset(splits, ids, kind="group_bootstraps", attrs=attrs)
