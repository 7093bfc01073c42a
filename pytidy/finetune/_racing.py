"""The statistics of racing: which candidates survive a stage (R: finetune ``R/racing_helpers.R``).

R fits ``lme4::lmer(.estimate ~ .config + (1 | id))`` (REML) and drops a candidate when the
Wald interval of (candidate - best) lies entirely on the worse side. The data analysed are always a
complete candidates x resamples block (every survivor has seen the same resamples), and for such a
balanced block the REML fit has a closed form:

- the contrast (candidate - best) is the difference of the candidates' means;
- its standard error is ``sqrt(2 * s2 / B)``, where ``s2`` is the residual mean square of the
  two-way additive ANOVA, with ``(k - 1)(B - 1)`` degrees of freedom;
- when the resample mean square does not exceed the residual one (the REML estimate of the
  resample variance is then 0, a boundary fit), ``s2`` pools both sums of squares.

For repeated cross-validation with more than one repeat analysed R uses ``(1 | id2 / id)``; the
contrast and its ``sqrt(2 * s2 / B)`` form are unchanged, but ``s2`` comes from maximising the
REML likelihood numerically (the fold and resample variance components enter only through the
resample means). Blocks with missing values fall back to ``lm(.estimate ~ .config)`` with t
quantiles, as R does when lmer fails. Tests check all of this against statsmodels' MixedLM.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..errors import InvalidParameterError

__all__ = ["anova_intervals", "refactor_by_mean", "filter_parameters_anova", "tie_breaker", "race_message"]

logger = logging.getLogger("pytidy.finetune")


def _reml_sigma2_simple(y: np.ndarray) -> float:
    """Residual variance of the REML fit of ``y ~ config + (1 | resample)`` on a complete k x B block."""
    k, b = y.shape
    g = y.mean()
    cm = y.mean(axis=1, keepdims=True)
    rm = y.mean(axis=0, keepdims=True)
    sse = float(((y - cm - rm + g) ** 2).sum())
    ssb = float(k * ((rm - g) ** 2).sum())
    dfe, dfb = (k - 1) * (b - 1), b - 1
    if ssb / dfb > sse / dfe:
        return sse / dfe
    return (sse + ssb) / (dfe + dfb)


def _reml_sigma2_nested(y: np.ndarray, folds: np.ndarray) -> float:
    """Residual variance of the REML fit of ``y ~ config + (1 | fold / resample)``.

    ``folds`` labels the fold (R's ``id2``) of each resample (column of ``y``). The REML
    likelihood splits into the within-resample part (residual variance only) and the part of
    the resample means, whose covariance is ``s2 I + k*v_res I + k*v_fold Z Z'``.
    """
    k, b = y.shape
    g = y.mean()
    cm = y.mean(axis=1, keepdims=True)
    rm = y.mean(axis=0)
    sse = float(((y - cm - rm[None, :] + g) ** 2).sum())
    dfe = (k - 1) * (b - 1)
    if sse <= 0:
        return 0.0
    scale = sse / dfe
    s = np.sqrt(k) * (rm / np.sqrt(scale))  # standardised resample means
    sse_s = sse / scale
    _, fold_idx = np.unique(folds, return_inverse=True)
    z = np.zeros((b, fold_idx.max() + 1))
    z[np.arange(b), fold_idx] = 1.0
    zz = z @ z.T
    one = np.ones(b)

    def negloglik(theta: np.ndarray) -> float:
        s2, v_res, v_fold = theta
        w = (s2 + k * v_res) * np.eye(b) + k * v_fold * zz
        try:
            chol = np.linalg.cholesky(w)
        except np.linalg.LinAlgError:
            return 1e100
        logdet = 2.0 * np.log(np.diag(chol)).sum()
        winv_1 = np.linalg.solve(w, one)
        winv_s = np.linalg.solve(w, s)
        denom = float(one @ winv_1)
        quad = float(s @ winv_s) - float(one @ winv_s) ** 2 / denom
        within = dfe * np.log(s2) + sse_s / s2
        return 0.5 * (within + logdet + np.log(denom) + quad)

    best: optimize.OptimizeResult | None = None
    for start in ([1.0, 0.5, 0.5], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 0.0, 1.0]):
        fit = optimize.minimize(negloglik, np.array(start), method="L-BFGS-B",
                                bounds=[(1e-8, None), (0.0, None), (0.0, None)])
        if best is None or fit.fun < best.fun:
            best = fit
    assert best is not None  # the loop runs four times
    return float(best.x[0]) * scale


def anova_intervals(y: np.ndarray, alpha: float, folds: np.ndarray | None = None) -> pd.DataFrame:
    """Estimate and two-sided (1 - alpha) interval of (row i - row 0) for i >= 1.

    ``y`` is candidates x resamples with the current best in row 0. Complete blocks use the
    REML closed form (``folds`` given: the nested repeated-CV model) with normal quantiles, as
    lme4's ``confint(method = "Wald")``; blocks with missing values use the ``lm`` fallback.

    Examples
    --------
    >>> y = np.array([[0.90, 0.80, 0.85], [0.70, 0.62, 0.66], [0.89, 0.81, 0.84]])
    >>> out = anova_intervals(y, alpha=0.05)
    >>> out["estimate"].round(3).tolist()
    [-0.19, -0.003]
    >>> bool(out["upper"].iloc[0] < 0), bool(out["upper"].iloc[1] > 0)
    (True, True)
    """
    y = np.asarray(y, dtype=float)
    k, b = y.shape
    if k < 2:
        raise InvalidParameterError("The racing ANOVA needs at least two candidates.")
    if np.isnan(y).any():
        return _lm_intervals(y, alpha)
    diff = y[1:].mean(axis=1) - y[0].mean()
    if folds is not None:
        s2 = _reml_sigma2_nested(y, np.asarray(folds))
    else:
        s2 = _reml_sigma2_simple(y)
    se = np.sqrt(2.0 * s2 / b)
    q = stats.norm.ppf(1 - alpha / 2)
    return pd.DataFrame({"estimate": diff, "lower": diff - q * se, "upper": diff + q * se,
                         "method": "reml"})


def _lm_intervals(y: np.ndarray, alpha: float) -> pd.DataFrame:
    """``lm(.estimate ~ .config)`` on the non-missing values, with t quantiles (R's fallback)."""
    rows = [r[~np.isnan(r)] for r in y]
    n = np.array([len(r) for r in rows])
    means = np.array([r.mean() if len(r) else np.nan for r in rows])
    df = int(n.sum() - len(rows))
    if df <= 0:
        raise InvalidParameterError("There were no valid metrics for the ANOVA model.")
    s2 = sum(float(((r - r.mean()) ** 2).sum()) for r in rows if len(r)) / df
    diff = means[1:] - means[0]
    se = np.sqrt(s2 * (1.0 / n[1:] + 1.0 / n[0]))
    q = stats.t.ppf(1 - alpha / 2, df)
    return pd.DataFrame({"estimate": diff, "lower": diff - q * se, "upper": diff + q * se, "method": "lm"})


def refactor_by_mean(values: pd.DataFrame, maximize: bool) -> list[str]:
    """Configs still racing (most non-missing estimates), best first (R: ``refactor_by_mean``).

    ``values`` has columns ``.config`` and ``.estimate`` for the race metric. Ties in the mean
    keep alphabetical ``.config`` order (R's stable ``order``).
    """
    est = values[".estimate"].astype(float)
    g = values.assign(_e=est).groupby(".config", sort=True)["_e"]
    summary = pd.DataFrame({"mean": g.mean(), "B": g.count()})
    summary = summary.loc[summary["B"] == summary["B"].max()]
    key = -summary["mean"].to_numpy() if maximize else summary["mean"].to_numpy()
    order = np.argsort(key, kind="stable")
    return list(summary.index[order])


def filter_parameters_anova(values: pd.DataFrame, key: pd.DataFrame, alpha: float, maximize: bool,
                          id_names: list[str], nested: bool) -> pd.DataFrame:
    """Which configs pass the stage (R: ``test_parameters_gls``).

    ``values``: id columns, ``.config``, ``.estimate`` of the race metric, over every resample
    evaluated so far. Returns ``.config, lower, upper, estimate, pass`` plus the parameters, the
    current best first.
    """
    if len(values) == 0 or values[".estimate"].notna().sum() == 0:
        raise InvalidParameterError("There were no valid metrics for the ANOVA model; run collect_notes() "
                                    "on the burn-in results to see why the fits failed.")
    configs = refactor_by_mean(values, maximize)
    best = configs[0]
    out = [{".config": best, "lower": 0.0, "upper": 0.0, "estimate": 0.0, "pass": True}]
    if len(configs) > 1:
        sub = values.loc[values[".config"].isin(configs)].copy()
        sub["_rs"] = sub[id_names].astype(str).agg("\x1f".join, axis=1)
        wide = sub.pivot_table(index=".config", columns="_rs", values=".estimate", aggfunc="first", dropna=False)
        wide = wide.reindex(configs)
        folds = None
        if nested:
            rs_frame = sub.drop_duplicates("_rs").set_index("_rs")
            repeats = rs_frame["id"].nunique()
            if repeats > 1:
                folds = rs_frame.loc[wide.columns, "id2"].to_numpy()
        iv = anova_intervals(wide.to_numpy(dtype=float), alpha, folds=folds)
        for cfg, r in zip(configs[1:], iv.itertuples(index=False)):
            ok = r.upper > 0 if maximize else r.lower < 0
            out.append({".config": cfg, "lower": r.lower, "upper": r.upper, "estimate": r.estimate,
                        "pass": bool(ok)})
    res = pd.DataFrame(out)
    return res.merge(key, on=".config", how="inner")


def tie_breaker(summary: pd.DataFrame, key: pd.DataFrame, maximize: bool, verbose_elim: bool) -> pd.DataFrame:
    """Keep only the finalist with the better mean (R: ``tie_breaker``).

    ``summary``: the summarised race metric (``collect_metrics`` rows) of every config.
    """
    finalists = summary.loc[summary["n"] == summary["n"].max()]
    keyv = -finalists["mean"].to_numpy() if maximize else finalists["mean"].to_numpy()
    best = finalists[".config"].iloc[int(np.argsort(keyv, kind="stable")[0])]
    if verbose_elim:
        race_message("Tie broken!")
    res = summary.loc[:, [".config"]].assign(lower=0.0, upper=0.0, estimate=0.0)
    res["pass"] = res[".config"] == best
    return res.merge(key, on=".config", how="inner")


def race_message(msg: str) -> None:
    """Log a race message on ``pytidy.finetune`` and print it (R: ``cli::cli_inform`` with an info symbol)."""
    logger.debug(msg)
    print(f"i {msg}")


def log_racing(filters: pd.DataFrame, label: str, grid_size: int) -> None:
    """The per-stage line, e.g. ``"Fold3, Repeat1: 2 eliminated; 2 candidates remain."`` (R: ``log_racing``)."""
    width = len(str(grid_size))  # R: format(0:grid_size) pads to a common width
    remaining = int(filters["pass"].sum())
    num_elim = int((~filters["pass"]).sum())
    if remaining > 1:
        msg = f"{num_elim:>{width}} eliminated; {remaining:>{width}} candidates remain."
    else:
        msg = "All but one parameter combination were eliminated."
    race_message(f"{label}: {msg}")
