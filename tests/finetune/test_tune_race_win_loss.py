"""tune_race_win_loss(): finetune's Bradley-Terry racing, checked against the rule replayed independently."""

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats

import pytidy as tm
from pytidy.errors import InvalidParameterError
from pytidy.finetune._win_loss import bt_fit, filter_parameters_bt, score_match

AUC = tm.metric_set(tm.roc_auc)
GRID = pd.DataFrame({"penalty": [1e-4, 1e-3, 0.01, 0.05, 0.15, 0.3]})


@pytest.fixture(scope="module")
def two_class(modeldata):
    return modeldata("two_class_dat").iloc[:400].reset_index(drop=True)


@pytest.fixture(scope="module")
def logistic_wf():
    spec = tm.logistic_reg(penalty=tm.tune(), mixture=1.0).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("Class ~ A + B")


@pytest.fixture(scope="module")
def folds(two_class):
    return tm.vfold_cv(two_class, v=8, seed=3)


# -- an independent implementation of finetune's test_parameters_bt ---------------------------
def firth_bt(rows, levels):
    """Maximise loglik + 0.5 log det(information) (Firth's penalty) with scipy."""
    others = levels[1:]
    x = np.zeros((len(rows), len(others)))
    for r, (p1, p2, _, _) in enumerate(rows):
        if p1 in others:
            x[r, others.index(p1)] = 1
        if p2 in others:
            x[r, others.index(p2)] = -1
    w1 = np.array([r[2] for r in rows])
    m = w1 + np.array([r[3] for r in rows])

    def info(b):
        p = 1 / (1 + np.exp(-x @ b))
        return x.T @ (x * (m * p * (1 - p))[:, None])

    def negpen(b):
        eta = x @ b
        ll = np.sum(w1 * eta - m * np.log1p(np.exp(eta)))
        return -(ll + 0.5 * np.linalg.slogdet(info(b))[1])

    b = optimize.minimize(negpen, np.zeros(len(others)), method="BFGS", options={"gtol": 1e-10}).x
    return dict(zip(others, b)), dict(zip(others, np.sqrt(np.diag(np.linalg.inv(info(b))))))


def replay_rule(values, alpha, maximize):
    """Which configs pass, from values (id, .config, .estimate), following finetune's R code."""
    counts = values.groupby(".config")[".config"].transform("size")
    v = values.loc[counts == counts.max()]
    wide = v.pivot(index="id", columns=".config", values=".estimate")
    configs = list(dict.fromkeys(v[".config"]))
    elim = [c for c in configs if wide[c].nunique(dropna=False) == 1]

    def season(drop):
        rows = []
        for a, b in combinations(configs, 2):
            if a in drop or b in drop:
                continue
            w1 = sum(score_match_r(x, y, maximize) for x, y in zip(wide[a], wide[b]))
            w2 = sum(score_match_r(y, x, maximize) for x, y in zip(wide[a], wide[b]))
            rows.append((a, b, w1, w2))
        return rows

    rows = season(set(elim))
    totals = {}
    for a, b, w1, w2 in rows:
        totals[a] = totals.get(a, 0) + w1
        totals[b] = totals.get(b, 0) + w2
    skunked = [c for c, t in totals.items() if t == 0]
    if skunked:
        elim += skunked
        rows = season(set(elim))
        totals = {}
        for a, b, w1, w2 in rows:
            totals[a] = totals.get(a, 0) + w1
            totals[b] = totals.get(b, 0) + w2
    if not rows:
        return {c for c in configs if c not in elim}
    levels = sorted(totals, key=lambda c: (-totals[c], c))
    est, se = firth_bt(rows, levels)
    q = stats.t.ppf(1 - alpha, 1)
    return {levels[0]} | {c for c in levels[1:] if est[c] + q * se[c] > 0 and se[c] < 500}


def score_match_r(x, y, maximize):
    return (1.0 * (x > y) if maximize else 1.0 * (x < y)) + (x == y) / 2


# -- unit checks ------------------------------------------------------------------------------
def test_score_match():
    assert score_match(0.9, 0.8, True) == 1 and score_match(0.9, 0.8, False) == 0
    assert score_match(0.5, 0.5, True) == 0.5 and np.isnan(score_match(np.nan, 0.5, True))


def test_two_player_bias_reduced_fit_has_a_closed_form():
    sc = pd.DataFrame({"player_1": ["a"], "player_2": ["b"], "wins_1": [9.0], "wins_2": [1.0]})
    fit = bt_fit(sc, ["a", "b"])
    p = (9 + 0.5) / (10 + 1)  # Firth for one binomial: add half a success and half a failure
    assert fit["value"].iloc[0] == pytest.approx(-np.log(p / (1 - p)), rel=1e-8)
    assert fit["std_err"].iloc[0] == pytest.approx(1 / np.sqrt(10 * p * (1 - p)), rel=1e-8)


def test_bt_fit_equals_firth_penalised_likelihood():
    rng = np.random.default_rng(4)
    players = ["p1", "p2", "p3", "p4"]
    rows = [(a, b, float(w), float(8 - w)) for (a, b), w in zip(combinations(players, 2), rng.integers(0, 9, 6))]
    rows[0] = (rows[0][0], rows[0][1], 8.0, 0.0)  # a separated pair: Firth keeps the estimate finite
    sc = pd.DataFrame(rows, columns=["player_1", "player_2", "wins_1", "wins_2"])
    fit = bt_fit(sc, players)
    est, se = firth_bt(rows, players)
    np.testing.assert_allclose(fit["value"], [est[p] for p in players[1:]], atol=1e-5)
    np.testing.assert_allclose(fit["std_err"], [se[p] for p in players[1:]], rtol=1e-4)


def test_filter_matches_the_replayed_rule_with_eliminations():
    rng = np.random.default_rng(7)
    ids = [f"Fold{i}" for i in range(1, 7)]
    rows = []
    base = {"c1": 0.80, "c2": 0.79, "c3": 0.70, "c4": 0.60, "c5": 0.75}
    for cfg, mu in base.items():
        for i in ids:
            rows.append({"id": i, ".config": cfg, ".estimate": mu + rng.normal(0, 0.02)})
    for i in ids:  # zero variance: eliminated before the model
        rows.append({"id": i, ".config": "c6", ".estimate": 0.9})
    values = pd.DataFrame(rows)
    key = pd.DataFrame({"penalty": range(6), ".config": [f"c{k}" for k in range(1, 7)]})
    for alpha in (0.05, 0.3):
        got = filter_parameters_bt(values, key, alpha, True, ["id"])
        assert set(got.loc[got["pass"], ".config"]) == replay_rule(values, alpha, True)
    got = filter_parameters_bt(values, key, 0.05, True, ["id"])
    assert not got.loc[got[".config"] == "c6", "pass"].iloc[0]
    assert not got.loc[got[".config"] == "c4", "pass"].iloc[0]  # never wins: skunked


# -- the race ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def race(logistic_wf, folds):
    return tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, metrics=AUC, seed=5,
                                 control=tm.control_race(alpha=0.3, burn_in=3))


def test_eliminations_equal_the_rule_replayed_on_the_fold_results(race):
    vals = race.collect_metrics(summarize=False, all_configs=True)
    order = list(dict.fromkeys(race.ids["id"]))
    alive = set(vals[".config"])
    for k in range(3, len(order)):
        seen = vals.loc[vals["id"].isin(order[:k])]
        seen = seen.loc[seen[".config"].isin(alive)]
        if len(alive) > 1:
            alive = replay_rule(seen[["id", ".config", ".estimate"]], alpha=0.3, maximize=True)
        evaluated = set(vals.loc[vals["id"] == order[k], ".config"])
        assert evaluated == alive
    full = race.collect_metrics(all_configs=True)
    assert full["n"].min() == 3 and full["n"].max() == 8
    assert len(race.collect_metrics()) < len(full)  # something was eliminated


def test_results_and_order(race):
    assert isinstance(race, tm.TuneRace) and race.race_metric == "roc_auc"
    assert sorted(race.order) == list(range(1, 9))
    assert race.show_best("roc_auc")["n"].eq(8).all()
    assert race.select_best("roc_auc")[".config"].iloc[0] in race.finished_configs()


def test_alpha_burn_in_and_randomize_are_used(logistic_wf, folds, race):
    strict = tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, metrics=AUC, seed=5,
                                   control=tm.control_race(alpha=0.05, burn_in=3))
    n_strict = strict.collect_metrics(all_configs=True)["n"].sum()
    assert n_strict > race.collect_metrics(all_configs=True)["n"].sum()  # larger alpha eliminates sooner
    later = tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, metrics=AUC, seed=5,
                                  control=tm.control_race(alpha=0.3, burn_in=5))
    assert later.collect_metrics(all_configs=True)["n"].min() == 5
    fixed = tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, metrics=AUC, seed=5,
                                  control=tm.control_race(alpha=0.3, randomize=False))
    assert list(fixed.order) == list(range(1, 9))
    assert list(dict.fromkeys(fixed.ids["id"])) == list(folds.ids["id"])


def test_verbose_elimination_log(logistic_wf, folds, capsys):
    tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, metrics=AUC, seed=5,
                          control=tm.control_race(alpha=0.3, verbose_elim=True))
    out = capsys.readouterr().out
    assert "i Racing will maximize the roc_auc metric." in out
    assert "i Resamples are analyzed in a random order." in out
    assert "eliminated;" in out and "candidates remain." in out


def test_tie_breaker_after_num_ties(logistic_wf, folds, capsys):
    grid = pd.DataFrame({"penalty": [1e-4, 2e-4]})  # two near-identical candidates tie
    res = tm.tune_race_win_loss(logistic_wf, folds, grid=grid, metrics=AUC, seed=5,
                                control=tm.control_race(num_ties=0, verbose_elim=True))
    assert "Tie broken!" in capsys.readouterr().out
    assert len(res.finished_configs()) == 1


def test_errors(logistic_wf, folds):
    small = tm.vfold_cv(pd.DataFrame({"A": range(12), "B": range(12), "Class": ["a", "b"] * 6}), v=3, seed=1)
    with pytest.raises(InvalidParameterError, match="needs to be more than the number of burn-in resamples"):
        tm.tune_race_win_loss(logistic_wf, small, grid=GRID)
    with pytest.raises(InvalidParameterError, match="must be made by control_race"):
        tm.tune_race_win_loss(logistic_wf, folds, grid=GRID, control=tm.control_grid())
    untuned = tm.workflow().add_model(tm.logistic_reg()).add_formula("Class ~ A + B")
    with pytest.raises(InvalidParameterError, match="needs parameters marked with tune"):
        tm.tune_race_win_loss(untuned, folds)


def _blas_threads(fitted):
    import threadpoolctl

    return sorted({lib["num_threads"] for lib in threadpoolctl.threadpool_info()})


@pytest.mark.parametrize("race_fn", [tm.tune_race_win_loss, tm.tune_race_anova])
def test_both_races_pass_their_run_options_to_every_stage(race_fn, logistic_wf, folds):
    """control_race()'s run options (here `threads`, with `extract`) reach every stage's fits."""
    ctrl = tm.control_race(extract=_blas_threads, threads=2, burn_in=3)
    res = race_fn(logistic_wf, folds, grid=GRID.iloc[:3], metrics=AUC, control=ctrl, seed=1)
    got = {tuple(x) for x in res.collect_extracts()[".extracts"]}
    assert got == {(2,)}
    assert res.collect_metrics(all_configs=True)["n"].max() > 3  # later stages ran too
