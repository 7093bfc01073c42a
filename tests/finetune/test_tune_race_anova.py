import logging

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning

GRID3 = pd.DataFrame({"penalty": [0.001, 1.0, 3.0]})


@pytest.fixture(scope="module")
def race(reg_data, lasso_wf):
    # finetune's test-race-s3.R shape: 10-fold x 2 repeats, three candidates, a regression set
    folds = tm.vfold_cv(reg_data, v=10, repeats=2, seed=1)
    return tm.tune_race_anova(lasso_wf, folds, grid=GRID3, seed=2,
                              control=tm.control_race(save_pred=True))


def test_only_finished_configs_are_collected(race):
    assert len(race.collect_metrics()) == 2  # 1 config x rmse/rsq
    assert len(race.collect_metrics(all_configs=True)) == 6
    assert race.finished_configs() == ["pre0_mod1_post0"]
    full = race.collect_metrics(all_configs=True)
    assert full.loc[full[".config"] == "pre0_mod1_post0", "n"].tolist() == [20, 20]
    rmse = full.loc[(full[".config"] != "pre0_mod1_post0") & (full[".metric"] == "rmse"), "n"]
    assert rmse.tolist() == [3, 3]
    assert len(race.collect_metrics(summarize=False)) == 20 * 2
    assert set(race.collect_predictions()[".config"]) == {"pre0_mod1_post0"}
    assert set(race.collect_predictions(all_configs=True)[".config"]) == {"pre0_mod1_post0", "pre0_mod2_post0",
                                                                            "pre0_mod3_post0"}


def test_show_and_select_use_finished_configs(race):
    assert race.show_best("rmse")[".config"].tolist() == ["pre0_mod1_post0"]
    sel = race.select_best("rmse")
    assert sel.columns.tolist() == ["penalty", ".config"] and sel["penalty"].tolist() == [0.001]
    assert len(race.select_by_one_std_err("-penalty", metric="rmse")) == 1
    assert len(race.select_by_pct_loss("-penalty", metric="rmse")) == 1
    with pytest.warns(PytidyWarning, match='Metric "rmse" was used to evaluate model candidates in the race but '
                                           '"rsq" has been chosen'):
        race.show_best("rsq")
    with pytest.warns(PytidyWarning, match='Metric "rmse" was used'):
        race.select_best("rsq")


def test_result_rows_order_and_ids(race):
    frame = race.to_frame()
    assert frame.columns.tolist()[:4] == ["splits", "id", "id2", ".order"]
    assert sorted(frame[".order"]) == list(range(1, 21))
    assert len(frame) == 20 and not frame[["id", "id2"]].duplicated().any()
    # randomised within repeat: all of Repeat1 comes before Repeat2
    assert frame["id"].tolist() == ["Repeat1"] * 10 + ["Repeat2"] * 10


def test_same_seed_same_race(reg_data, lasso_wf):
    folds = tm.vfold_cv(reg_data, v=6, seed=3)
    grid = pd.DataFrame({"penalty": [0.001, 0.05, 0.2, 1.0]})
    a = tm.tune_race_anova(lasso_wf, folds, grid=grid, seed=5)
    b = tm.tune_race_anova(lasso_wf, folds, grid=grid, seed=5)
    pd.testing.assert_frame_equal(a.collect_metrics(all_configs=True), b.collect_metrics(all_configs=True))
    assert a.ids["id"].tolist() == b.ids["id"].tolist()
    c = lasso_wf.tune_race_anova(resamples=folds, grid=grid, control=tm.control_race(randomize=False), seed=5)
    assert c.ids["id"].tolist() == [f"Fold{i}" for i in range(1, 7)] and list(c.order) == list(range(1, 7))


def test_eliminated_configs_are_never_refitted(reg_data, lasso_wf):
    from attrs import evolve

    from pytidy.parsnip.registry import get_engine, temporary_engine

    calls = []
    info = get_engine("linear_reg", "glmnet", "regression")

    def counting(x, y, *, seed, penalty, **args):
        calls.append(penalty)
        return info.fit(x, y, seed=seed, penalty=penalty, **args)

    folds = tm.vfold_cv(reg_data, v=8, seed=4)
    with temporary_engine(evolve(info, fit=counting)):
        # one fit per configuration (no submodels), so fits and evaluated pairs match one to one
        res = tm.tune_race_anova(lasso_wf, folds, grid=GRID3, seed=1, control=tm.control_race(submodels=False))
    fitted_pairs = res.collect_metrics(summarize=False, all_configs=True)
    fitted_pairs = fitted_pairs.loc[fitted_pairs[".metric"] == "rmse"]
    assert len(calls) == len(fitted_pairs) < 3 * 8
    # the two heavily penalised fits stop after the burn-in
    assert calls.count(1.0) == 3 and calls.count(3.0) == 3 and calls.count(0.001) == 8


def test_log_messages(reg_data, lasso_wf, capsys, caplog):
    folds = tm.vfold_cv(reg_data, v=5, seed=4)
    with caplog.at_level(logging.DEBUG, logger="pytidy.finetune"):
        res = tm.tune_race_anova(lasso_wf, folds, grid=GRID3, seed=1, control=tm.control_race(verbose_elim=True))
    out = capsys.readouterr().out.splitlines()
    label = f"{res.ids['id'].iloc[2]}"
    assert out == [
        "i Evaluating against the initial 3 burn-in resamples.",
        "i Racing will minimize the rmse metric.",
        "i Resamples are analyzed in a random order.",
        f"i {label}: All but one parameter combination were eliminated.",
    ]
    assert [r.getMessage() for r in caplog.records][0] == "Evaluating against the initial 3 burn-in resamples."


def test_tie_breaker_end_to_end(reg_data, lasso_wf, capsys):
    folds = tm.vfold_cv(reg_data, v=6, seed=4)
    grid = pd.DataFrame({"penalty": [0.001, 0.0011]})
    res = tm.tune_race_anova(lasso_wf, folds, grid=grid, seed=1,
                             control=tm.control_race(num_ties=0, verbose_elim=True, randomize=False))
    out = capsys.readouterr().out
    assert "i Tie broken!" in out
    assert len(res.finished_configs()) == 1
    n = res.collect_metrics(all_configs=True)
    assert sorted(n.loc[n[".metric"] == "rmse", "n"].tolist()) == [4, 6]


def test_repeated_cv_nested_model_runs(reg_data, lasso_wf):
    folds = tm.vfold_cv(reg_data, v=3, repeats=3, seed=7)
    grid = pd.DataFrame({"penalty": [0.001, 0.002, 0.003]})
    res = tm.tune_race_anova(lasso_wf, folds, grid=grid, seed=3)
    full = res.collect_metrics(all_configs=True)
    assert full["n"].max() == 9 and len(res.collect_metrics()) >= 2


def test_errors(reg_data, lasso_wf):
    small = tm.vfold_cv(reg_data, v=2, seed=1)
    with pytest.raises(InvalidParameterError, match=r"The number of resamples \(2\) needs to be more than the number "
                                                    r"of burn-in resamples \(3\) set by the control function "
                                                    r"control_race\(\)."):
        tm.tune_race_anova(lasso_wf, small, grid=GRID3)
    folds = tm.vfold_cv(reg_data, v=4, seed=1)
    with pytest.raises(InvalidParameterError, match=r"`control` in tune_race_anova\(\) must be made by control_race"):
        tm.tune_race_anova(lasso_wf, folds, grid=GRID3, control=tm.control_grid())
    plain = tm.workflow().add_model(tm.linear_reg()).add_formula("y ~ .")
    with pytest.raises(InvalidParameterError, match=r"tune_race_anova\(\) needs parameters marked with tune\(\)"):
        tm.tune_race_anova(plain, folds)


def test_classification_race_on_real_data(two_class, logistic_wf):
    folds = tm.vfold_cv(two_class, v=5, seed=2)
    grid = pd.DataFrame({"penalty": [0.0005, 0.001, 0.25, 0.6]})
    res = tm.tune_race_anova(logistic_wf, folds, grid=grid, seed=8,
                             metrics=tm.metric_set(tm.roc_auc, tm.accuracy))
    assert res.race_metric == "roc_auc"
    best = res.select_best("roc_auc")
    assert best["penalty"].iloc[0] in (0.0005, 0.001)
    finished = res.collect_metrics()
    assert (finished["n"] == 5).all()
    assert not np.isin(finished["penalty"], [0.6]).any()
