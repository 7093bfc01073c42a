"""control_race(alpha=) reaches the ANOVA filter (issue 8: replacing it by 0.05 went unnoticed)."""

import importlib

import pandas as pd
import pytest

import pytidy as tm

GRID = pd.DataFrame({"penalty": [0.001, 0.05, 0.1, 0.2, 0.3]})


@pytest.fixture(scope="module")
def folds(reg_data):
    return tm.vfold_cv(reg_data, v=10, seed=1)


def _finished(lasso_wf, folds, alpha):
    res = tm.tune_race_anova(lasso_wf, folds, grid=GRID, seed=2, control=tm.control_race(alpha=alpha))
    summ = res.collect_metrics()
    return sorted(summ.loc[summ[".metric"] == "rmse", "penalty"].tolist())


def test_control_race_alpha_changes_which_candidates_survive(lasso_wf, folds):
    # a wider (1 - alpha) interval at alpha = 0.05 keeps penalty 0.1; at alpha = 0.5 the narrower
    # interval excludes 0 and the candidate is eliminated
    assert _finished(lasso_wf, folds, 0.05) == [0.001, 0.05, 0.1]
    assert _finished(lasso_wf, folds, 0.5) == [0.001, 0.05]


def test_control_race_alpha_is_passed_to_the_filter(lasso_wf, folds, monkeypatch):
    module = importlib.import_module("pytidy.finetune.tune_race_anova")
    seen = []
    real = module.filter_parameters_anova

    def spy(values, key, alpha, *args, **kwargs):
        seen.append(alpha)
        return real(values, key, alpha, *args, **kwargs)

    monkeypatch.setattr(module, "filter_parameters_anova", spy)
    tm.tune_race_anova(lasso_wf, folds, grid=GRID, seed=2, control=tm.control_race(alpha=0.2))
    assert seen and set(seen) == {0.2}


def _first_stage_ids(lasso_wf, folds, monkeypatch, **control):
    module = importlib.import_module("pytidy.finetune.tune_race_anova")
    seen = []
    real = module.filter_parameters_anova

    def spy(values, *args, **kwargs):
        seen.append(sorted(values["id"].unique()))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(module, "filter_parameters_anova", spy)
    tm.tune_race_anova(lasso_wf, folds, grid=GRID, seed=2, control=tm.control_race(**control))
    return seen[0]


def test_control_race_burn_in_sets_the_resamples_before_the_first_test(lasso_wf, folds, monkeypatch):
    # R: every candidate is evaluated on the first `burn_in` resamples before the first ANOVA
    assert len(_first_stage_ids(lasso_wf, folds, monkeypatch, burn_in=3)) == 3
    assert len(_first_stage_ids(lasso_wf, folds, monkeypatch, burn_in=5)) == 5


def test_control_race_randomize_shuffles_the_resample_order(lasso_wf, folds, monkeypatch):
    in_order = _first_stage_ids(lasso_wf, folds, monkeypatch, randomize=False)
    assert in_order == ["Fold01", "Fold02", "Fold03"]
    shuffled = _first_stage_ids(lasso_wf, folds, monkeypatch, randomize=True)
    assert len(shuffled) == 3 and shuffled != in_order
