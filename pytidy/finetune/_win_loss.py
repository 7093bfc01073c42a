"""The statistics of win/loss racing (R: finetune ``R/racing_helpers.R``, ``test_parameters_bt``).

Every pair of candidates plays one game per resample: the better metric wins (a tie is half a
win each). A candidate whose metric is the same on every resample, or that wins no game, is
eliminated before the model is fitted. A Bradley-Terry model, ``logit P(i beats j) = b_i - b_j``
with the candidate with most wins as reference (``b = 0``), is fitted by Firth's bias-reduced
maximum likelihood (R: ``BradleyTerry2::BTm(..., br = TRUE)``, via brglm); standard errors come
from the Fisher information at the estimate. A candidate passes when ``b + q * se > 0`` (and
``se < 500``), with ``q`` the ``1 - alpha`` quantile of a t distribution with 1 degree of freedom,
as finetune uses. A game pairs the results of the same resample, matched on every id column
(finetune joins on ``id`` alone, which in repeated cross-validation also pairs different folds of a
repeat; pytidy does not).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import InvalidParameterError

__all__ = ["score_match", "score_season", "bt_fit", "filter_parameters_bt"]


def score_match(x: float, y: float, maximize: bool) -> float:
    """Wins of ``x`` against ``y`` in one game: 1, 0.5 (tie) or 0; NaN when a value is missing.

    Examples
    --------
    >>> score_match(0.9, 0.8, True), score_match(0.9, 0.8, False), score_match(1.0, 1.0, True)
    (1.0, 0.0, 0.5)
    """
    if np.isnan(x) or np.isnan(y):
        return float("nan")
    if maximize:
        return float(x > y) + float(x == y) / 2
    return float(x < y) + float(x == y) / 2


def _zero_variance(wide: pd.DataFrame) -> list[str]:
    """Configs whose metric takes a single value over the resamples (R: ``check_results``)."""
    out = []
    for c in wide.columns:
        col = wide[c]
        if col.nunique(dropna=False) == 1:
            out.append(c)
    return out


def _season(pairs: list[tuple[str, str]], wide: pd.DataFrame, maximize: bool,
            drop: set[str]) -> pd.DataFrame:
    rows = []
    for p1, p2 in pairs:
        if p1 in drop or p2 in drop:
            continue
        a, b = wide[p1].to_numpy(dtype=float), wide[p2].to_numpy(dtype=float)
        w1 = np.array([score_match(u, v, maximize) for u, v in zip(a, b)])
        w2 = np.array([score_match(v, u, maximize) for u, v in zip(a, b)])
        rows.append({"player_1": p1, "player_2": p2, "wins_1": float(np.nansum(w1)), "wins_2": float(np.nansum(w2))})
    return pd.DataFrame(rows, columns=["player_1", "player_2", "wins_1", "wins_2"])


def _rankings(season: pd.DataFrame) -> pd.Series:
    both = pd.concat([season[["player_1", "wins_1"]].set_axis(["player", "wins"], axis=1),
                      season[["player_2", "wins_2"]].set_axis(["player", "wins"], axis=1)])
    totals = both.groupby("player", sort=True)["wins"].sum()
    order = np.argsort(-totals.to_numpy(), kind="stable")
    return totals.iloc[order]


def score_season(values: pd.DataFrame, id_names: list[str], maximize: bool) -> dict[str, Any]:
    """Wins of every pair of configs over the resamples (R: ``score_season``).

    ``values``: id columns, ``.config``, ``.estimate`` (configs with the most resamples only).
    Returns ``scoring`` (player_1, player_2, wins_1, wins_2; players ordered by total wins),
    ``levels`` and ``eliminated`` (zero-variance or winless configs).
    """
    v = values.copy()
    v["_rs"] = v[id_names].astype(str).agg("\x1f".join, axis=1)
    configs = list(dict.fromkeys(v[".config"]))
    wide = v.pivot_table(index="_rs", columns=".config", values=".estimate", aggfunc="first", dropna=False)
    wide = wide.reindex(columns=configs)
    eliminated = _zero_variance(wide)
    pairs = list(combinations(configs, 2))
    season = _season(pairs, wide, maximize, set(eliminated))
    current = [c for c in configs if c not in eliminated]
    ranks = _rankings(season) if len(season) else pd.Series(dtype=float)
    if len(ranks) and (ranks == 0).any():
        skunked = list(ranks.index[ranks == 0])
        eliminated += skunked
        season = _season(pairs, wide, maximize, set(eliminated))
        ranks = _rankings(season) if len(season) else pd.Series(dtype=float)
    if len(season) == 0:
        levels = [c for c in current if c not in eliminated] + eliminated
    else:
        levels = list(ranks.index)
    return {"scoring": season, "levels": levels, "eliminated": eliminated}


def bt_fit(scoring: pd.DataFrame, levels: list[str], tol: float = 1e-10, max_iter: int = 200) -> pd.DataFrame:
    """Bias-reduced Bradley-Terry abilities relative to ``levels[0]`` (R: ``BTm(br = TRUE)``).

    Solves Firth's adjusted score equations ``X'(w1 + h/2 - (m + h) * p) = 0`` (``h``: the hat
    values of the weighted design) by modified Fisher scoring.

    Returns ``.config``, ``value``, ``std_err`` for every level but the first.

    Examples
    --------
    >>> sc = pd.DataFrame({"player_1": ["a"], "player_2": ["b"], "wins_1": [7.0], "wins_2": [3.0]})
    >>> fit = bt_fit(sc, ["a", "b"])
    >>> bool(np.isclose(fit["value"].iloc[0], -np.log((7 + .5) / (3 + .5))))
    True
    """
    others = levels[1:]
    col = {p: k for k, p in enumerate(others)}
    n, k = len(scoring), len(others)
    x = np.zeros((n, k))
    for r, (p1, p2) in enumerate(zip(scoring["player_1"], scoring["player_2"])):
        if p1 in col:
            x[r, col[p1]] += 1.0
        if p2 in col:
            x[r, col[p2]] -= 1.0
    y = scoring["wins_1"].to_numpy(dtype=float)
    m = y + scoring["wins_2"].to_numpy(dtype=float)
    beta = np.zeros(k)
    info = np.eye(k)
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        w = m * p * (1 - p)
        info = x.T @ (x * w[:, None])
        info_inv = np.linalg.pinv(info)
        xw = x * np.sqrt(w)[:, None]
        h = np.einsum("ij,jk,ik->i", xw, info_inv, xw)
        score = x.T @ (y + h / 2 - (m + h) * p)
        step = info_inv @ score
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            break
    p = 1.0 / (1.0 + np.exp(-(x @ beta)))
    info = x.T @ (x * (m * p * (1 - p))[:, None])
    se = np.sqrt(np.maximum(np.diag(np.linalg.pinv(info)), 0.0))
    return pd.DataFrame({".config": others, "value": beta, "std_err": se})


def filter_parameters_bt(values: pd.DataFrame, key: pd.DataFrame, alpha: float, maximize: bool,
                         id_names: list[str]) -> pd.DataFrame:
    """Which configs pass the stage by the win/loss rule (R: ``test_parameters_bt``).

    ``values``: id columns, ``.config``, ``.estimate`` of the race metric over every resample so
    far. Returns ``.config, value, std_err, lower, upper, pass`` plus the parameters.
    """
    if len(values) == 0 or values[".estimate"].notna().sum() == 0:
        raise InvalidParameterError("There were no valid metrics for the win/loss model; run collect_notes() "
                                    "on the burn-in results to see why the fits failed.")
    counts = values.groupby(".config")[".config"].transform("size")
    analysis = values.loc[counts == counts.max()]
    season = score_season(analysis, id_names, maximize)
    cols = [".config", "value", "std_err", "lower", "upper", "pass"]
    elim = pd.DataFrame({".config": season["eliminated"], "value": np.nan, "std_err": np.nan, "lower": np.nan,
                         "upper": np.nan, "pass": False})
    if len(season["scoring"]) == 0:  # R: mercy_rule
        best = [c for c in season["levels"] if c not in season["eliminated"]]
        res = pd.DataFrame({".config": best, "value": 0.0, "std_err": 0.0, "lower": 0.0, "upper": 0.0, "pass": True})
        return pd.concat([res, elim], ignore_index=True).loc[:, cols].merge(key, on=".config", how="inner")
    fit = bt_fit(season["scoring"], season["levels"])
    q = stats.t.ppf(1 - alpha, 1)
    fit["lower"] = fit["value"] - q * fit["std_err"]
    fit["upper"] = fit["value"] + q * fit["std_err"]
    fit["pass"] = (fit["upper"] > 0) & (fit["std_err"] < 500)
    best = pd.DataFrame({".config": [season["levels"][0]], "value": 0.0, "std_err": 0.0, "lower": 0.0,
                         "upper": 0.0, "pass": True})
    parts = [fit, best] + ([elim] if len(elim) else [])
    res = pd.concat(parts, ignore_index=True).loc[:, cols]
    return res.merge(key, on=".config", how="inner")
