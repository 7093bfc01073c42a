"""The elimination statistics against statsmodels (REML mixed models and OLS)."""

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from pytidy.errors import InvalidParameterError
from pytidy.finetune import _racing


def _long(y, cols):
    return pd.DataFrame([(f"c{i}", *cols[j], y[i, j]) for i in range(y.shape[0]) for j in range(y.shape[1])],
                        columns=["cfg", "id", "id2", "est"])


@pytest.mark.parametrize("trial", range(4))
def test_simple_reml_interval_matches_mixedlm(trial):
    rng = np.random.default_rng(trial)
    k, b = 3 + trial % 2, 4 + trial
    # odd trials have a large resample effect; even ones sit on the REML boundary (variance 0)
    y = (rng.normal(0, 0.02, (k, b)) + rng.normal(0, 0.04 * (trial % 2), b)[None, :]
         - 0.01 * np.arange(k)[:, None])
    df = _long(y, [(f"r{j}", "") for j in range(b)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = smf.mixedlm("est ~ C(cfg)", df, groups="id").fit(reml=True, method="powell")
    ref = m.conf_int(0.05).iloc[1:k].to_numpy()
    mine = _racing.anova_intervals(y, 0.05)
    assert np.allclose(mine[["lower", "upper"]].to_numpy(), ref, atol=1e-6)
    assert np.allclose(mine["estimate"], m.fe_params.iloc[1:k], atol=1e-10)


@pytest.mark.parametrize("trial", range(3))
def test_nested_reml_interval_matches_mixedlm(trial):
    rng = np.random.default_rng(100 + trial)
    k, reps, v = 3, 2, 3
    cols = [(f"Repeat{r + 1}", f"Fold{f + 1}") for r in range(reps) for f in range(v)]
    fold = {f"Fold{f + 1}": rng.normal(0, 0.02) for f in range(v)}
    y = np.array([[rng.normal(0, 0.01) + fold[c[1]] + rng.normal(0, 0.015) - 0.005 * i for c in cols]
                  for i in range(k)])
    df = _long(y, cols)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = smf.mixedlm("est ~ C(cfg)", df, groups="id2", re_formula="1",
                        vc_formula={"rs": "0 + C(id)"}).fit(reml=True, method="powell")
    ref = m.conf_int(0.05).iloc[1:k].to_numpy()
    mine = _racing.anova_intervals(y, 0.05, folds=np.array([c[1] for c in cols]))
    assert np.allclose(mine[["lower", "upper"]].to_numpy(), ref, atol=1e-5)


def test_lm_fallback_for_missing_values_matches_ols():
    rng = np.random.default_rng(5)
    y = rng.normal(0.8, 0.03, (3, 5))
    y[1, 2] = np.nan
    df = _long(y, [(f"r{j}", "") for j in range(5)]).dropna()
    m = smf.ols("est ~ C(cfg)", df).fit()
    mine = _racing.anova_intervals(y, 0.1)
    assert (mine["method"] == "lm").all()
    assert np.allclose(mine[["lower", "upper"]].to_numpy(), m.conf_int(0.1).iloc[1:3].to_numpy(), atol=1e-12)


def test_anova_needs_two_candidates():
    with pytest.raises(InvalidParameterError, match="The racing ANOVA needs at least two candidates."):
        _racing.anova_intervals(np.ones((1, 3)), 0.05)


def test_refactor_by_mean_keeps_complete_configs_and_breaks_ties_alphabetically():
    vals = pd.DataFrame({".config": ["b", "b", "a", "a", "c"], ".estimate": [0.5, 0.7, 0.6, 0.6, 0.9]})
    assert _racing.refactor_by_mean(vals, maximize=True) == ["a", "b"]
    assert _racing.refactor_by_mean(vals, maximize=False) == ["a", "b"]
    vals.loc[0, ".estimate"] = 0.4
    assert _racing.refactor_by_mean(vals, maximize=False) == ["b", "a"]


def _race_values(means, b=5, sd=0.01, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for cfg, mu in means.items():
        for j in range(b):
            rows.append({"id": f"Fold{j + 1}", ".config": cfg, ".estimate": mu + rng.normal(0, sd)})
    return pd.DataFrame(rows)


def test_filter_drops_clearly_worse_configs_in_either_direction():
    key = pd.DataFrame({".config": ["c1", "c2", "c3"], "penalty": [0.1, 0.2, 0.3]})
    vals = _race_values({"c1": 0.90, "c2": 0.70, "c3": 0.899})
    out = _racing.filter_parameters_anova(vals, key, 0.05, True, ["id"], nested=False)
    assert out[".config"].tolist()[0] == "c1" and out["estimate"].iloc[0] == 0
    assert dict(zip(out[".config"], out["pass"])) == {"c1": True, "c2": False, "c3": True}
    assert out.columns.tolist() == [".config", "lower", "upper", "estimate", "pass", "penalty"]
    # minimize: the lowest mean is best; c1 and c3 are now far worse than c2
    out = _racing.filter_parameters_anova(vals, key, 0.05, False, ["id"], nested=False)
    assert dict(zip(out[".config"], out["pass"])) == {"c2": True, "c1": False, "c3": False}
    with pytest.raises(InvalidParameterError, match="There were no valid metrics for the ANOVA model"):
        _racing.filter_parameters_anova(vals.iloc[:0], key, 0.05, True, ["id"], nested=False)


def test_tie_breaker_keeps_the_better_mean(capsys):
    summary = pd.DataFrame({".config": ["c1", "c2", "c3"], "mean": [0.80, 0.81, 0.95], "n": [6, 6, 3]})
    key = pd.DataFrame({".config": ["c1", "c2", "c3"], "penalty": [0.1, 0.2, 0.3]})
    out = _racing.tie_breaker(summary, key, maximize=True, verbose_elim=True)
    assert dict(zip(out[".config"], out["pass"])) == {"c1": False, "c2": True, "c3": False}
    assert capsys.readouterr().out == "i Tie broken!\n"
    out = _racing.tie_breaker(summary, key, maximize=False, verbose_elim=False)
    assert out.loc[out["pass"], ".config"].tolist() == ["c1"]


def test_log_racing_pads_counts_like_r(capsys):
    filters = pd.DataFrame({"pass": [True] * 8 + [False] * 2})
    _racing.log_racing(filters, "Fold3, Repeat1", grid_size=10)
    assert capsys.readouterr().out == "i Fold3, Repeat1:  2 eliminated;  8 candidates remain.\n"
    _racing.log_racing(pd.DataFrame({"pass": [True, False]}), "Fold4", grid_size=4)
    assert capsys.readouterr().out == "i Fold4: All but one parameter combination were eliminated.\n"
