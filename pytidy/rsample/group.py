"""Group resampling: every member of a group lands on the same side (R: ``R/vfold.R``, ``R/make_groups.R``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_choice, check_number
from .._random import SeedLike, as_rng
from ..errors import InvalidParameterError
from ._utils import check_column_arg, check_data, check_prop, complement_of, names0
from .rset import RSet, new_rset
from .rsplit import RSplit
from .vfold import check_v, shuffled_labels, splits_from_folds

__all__ = ["group_vfold_cv", "group_initial_split"]


def _group_codes(data: pd.DataFrame, group: str) -> tuple[np.ndarray, int]:
    """Group of each row, numbered in order of first appearance (R: ``unique(as.character(group))``)."""
    codes, uniques = pd.factorize(data[group], sort=False, use_na_sentinel=False)
    return codes.astype(np.int64), len(uniques)


def _balance_observations(sizes: np.ndarray, v: int, rng: np.random.Generator) -> np.ndarray:
    """Fold (0..v-1) of each group, filling folds greedily towards n / v rows (R: ``balance_observations``)."""
    n_obs = sizes.sum()
    target = 1 / v
    order = rng.permutation(sizes.size)
    assign = np.full(sizes.size, -1, dtype=np.int64)
    assign[order[:v]] = np.arange(v)
    fold_count = np.bincount(np.arange(v), weights=sizes[order[:v]], minlength=v)
    for g in order[v:]:
        pre = np.abs(fold_count / n_obs - target)
        post = np.abs((fold_count + sizes[g]) / n_obs - target)
        k = int(np.argmin(post - pre))  # first fold on ties, as which.min
        assign[g] = k
        fold_count[k] += sizes[g]
    # R's collapse_groups then gives the v assignments random fold numbers
    return rng.permutation(v)[assign]


def group_vfold_cv(
    data: pd.DataFrame,
    group: str,
    v: int | None = None,
    repeats: int = 1,
    balance: str = "groups",
    seed: SeedLike = None,
) -> RSet:
    """V-fold cross-validation that keeps each group's rows together (R: ``group_vfold_cv()``).

    Parameters
    ----------
    data : pandas.DataFrame
        The data to resample.
    group : str
        Column whose values define the groups; a group is never split between analysis and assessment.
    v : int, optional
        Number of folds; None (default) gives leave-one-group-out (``v`` = number of groups).
    repeats : int, default 1
        Number of repeats; needs ``v`` below the number of groups.
    balance : {"groups", "observations"}
        ``"groups"`` spreads the groups evenly over the folds; ``"observations"`` assigns them so the
        folds hold about the same number of rows.
    seed : int, numpy Generator or None
        Randomness; None uses the generator seeded by ``set_seed``.

    Returns
    -------
    RSet
        ``kind="group_vfold_cv"``, ids ``Resample01``... (as R), with ``Repeat``/``id2`` when repeated.

    Examples
    --------
    >>> df = pd.DataFrame({"g": list("aabbccddee"), "x": range(10)})
    >>> rs = group_vfold_cv(df, "g", v=5, seed=1)
    >>> rs.ids["id"].tolist()
    ['Resample1', 'Resample2', 'Resample3', 'Resample4', 'Resample5']
    >>> all(set(s.analysis()["g"]).isdisjoint(s.assessment()["g"]) for s in rs)
    True
    """
    owner = "group_vfold_cv()"
    check_data(data, owner)
    group = check_column_arg(data, group, "group", owner, allow_none=False)
    repeats = check_number(repeats, "repeats", owner, lower=1, integer=True)
    balance = check_choice(balance, "balance", owner, ["groups", "observations"])
    codes, n_groups = _group_codes(data, group)
    if repeats > 1:
        if v is None:
            raise InvalidParameterError(
                f"{owner}: repeated resampling when `v` is None would create identical resamples; set v."
            )
        if v == n_groups:
            raise InvalidParameterError(
                f"{owner}: repeated resampling when `v` is {v} (the number of groups) would create "
                "identical resamples."
            )
    v_used = n_groups if v is None else v
    v_used = check_v(v_used, n_groups, owner, rows="groups", prevent_loo=False)
    rng = as_rng(seed)
    sizes = np.bincount(codes, minlength=n_groups)
    res_ids = names0(v_used, "Resample")
    splits: list[RSplit] = []
    id_rows: list[dict] = []
    for rep_id in names0(repeats, "Repeat"):
        if balance == "groups":
            g_fold = shuffled_labels(n_groups, v_used, rng)
        else:
            g_fold = _balance_observations(sizes, v_used, rng)
        ids = [{"id": r} if repeats == 1 else {"id": rep_id, "id2": r} for r in res_ids]
        splits += splits_from_folds(data, g_fold[codes], v_used, ids, "group_vfold_split")
        id_rows += ids
    attrs = {"v": v_used, "group": group, "balance": balance, "repeats": repeats, "strata": None}
    return new_rset(splits, pd.DataFrame(id_rows), kind="group_vfold_cv", attrs=attrs)


def group_initial_split(
    data: pd.DataFrame, group: str, prop: float = 3 / 4, seed: SeedLike = None
) -> RSplit:
    """Split into training and testing sets with whole groups on each side (R: ``group_initial_split()``).

    As R's ``balance = "prop"``: the groups are shuffled and taken until their cumulative share of
    the rows is closest to ``prop`` (the first crossing or the group before it).

    Examples
    --------
    >>> df = pd.DataFrame({"g": [1, 1, 2, 2, 3, 3, 4, 4], "x": range(8)})
    >>> split = group_initial_split(df, "g", prop=0.5, seed=1)
    >>> len(split.training()), set(split.training()["g"]).isdisjoint(split.testing()["g"])
    (4, True)
    """
    owner = "group_initial_split()"
    check_data(data, owner)
    group = check_column_arg(data, group, "group", owner, allow_none=False)
    prop = check_prop(prop, owner)
    codes, n_groups = _group_codes(data, group)
    rng = as_rng(seed)
    sizes = np.bincount(codes, minlength=n_groups)
    order = rng.permutation(n_groups)
    cum = np.cumsum(sizes[order]) / sizes.sum()
    cross = int(np.flatnonzero(cum > prop)[0])
    if cross > 0 and abs(cum[cross - 1] - prop) < abs(cum[cross] - prop):
        cross -= 1
    chosen = np.zeros(n_groups, dtype=bool)
    chosen[order[: cross + 1]] = True
    in_id = np.flatnonzero(chosen[codes])
    if complement_of(in_id, len(data)).size == 0:
        raise InvalidParameterError(
            f"{owner}: the assessment set contained zero rows (one group holds most of the data). "
            "Consider using a non-grouped resampling method."
        )
    return RSplit(
        data, in_id, id={"id": "Resample1"}, kind="group_initial_split",
        attrs={"group": group, "prop": prop, "strata": False},
    )
