"""tune_sim_anneal(): finetune's simulated annealing, its decisions replayed independently."""

import math

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.finetune._sim_anneal import acceptance_prob, new_in_neighborhood, percent_diff
from pytidy.tune._gp import encode_set

RMSE = tm.metric_set(tm.rmse)


@pytest.fixture(scope="module")
def reg_data():
    rng = np.random.default_rng(11)
    x = rng.normal(size=(64, 3))
    y = 1.5 * x[:, 0] - x[:, 1] + rng.normal(0, 0.5, 64)
    return pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2], "y": y})


@pytest.fixture(scope="module")
def folds(reg_data):
    return tm.vfold_cv(reg_data, v=3, seed=1)


@pytest.fixture(scope="module")
def enet_wf():
    spec = tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    return tm.workflow().add_model(spec).add_formula("y ~ .")


@pytest.fixture(scope="module")
def anneal(enet_wf, folds):
    pset = enet_wf.parameters().update(penalty=tm.penalty(range=(-2.0, 0.0)))
    ctrl = tm.control_sim_anneal(verbose_iter=False, save_history=True, restart=3, cooling_coef=0.5)
    return tm.tune_sim_anneal(enet_wf, folds, iter=10, initial=3, param_info=pset, metrics=RMSE, control=ctrl,
                              seed=7)


def test_percent_difference_and_acceptance_as_finetune():
    assert percent_diff(1, 2) == 100 and percent_diff(1, 1) == 0
    assert percent_diff(1, 2, False) == -100 and percent_diff(1, 1, False) == 0
    assert acceptance_prob(1, 2, iter=1) == 1 and acceptance_prob(1, 1, iter=1) == 1
    assert acceptance_prob(2, 1, iter=10) == pytest.approx(math.exp(-50 * 10 * 0.02))
    assert acceptance_prob(3, 1, iter=1, maximize=False) == 1
    assert acceptance_prob(1, 3, iter=10, maximize=False) == pytest.approx(math.exp(-200 * 10 * 0.02))
    assert acceptance_prob(1, 3, iter=10, maximize=False, coef=0.1) == pytest.approx(math.exp(-200 * 10 * 0.1))


def _replay(hist, maximize, coef, restart):
    """finetune's sa_decide and restart bookkeeping, written out again from the R source."""
    labels, accepts = [], []
    count_restart = 0
    for m in range(len(hist)):
        row = hist.iloc[m]
        if row["results"] == "initial":
            continue
        prev_ind = int(np.flatnonzero(hist[".config"].to_numpy() == row[".parent"])[0])
        prev, new = hist["mean"].iloc[prev_ind], row["mean"]
        all_prev = hist["mean"].iloc[: prev_ind + 1]
        best = new > all_prev.max() if maximize else new < all_prev.min()
        better = new > prev if maximize else new < prev
        pct = 0.0 if np.isclose(prev, new, rtol=1.5e-8, atol=0) else \
            ((new - prev) / prev if maximize else (prev - new) / prev) * 100
        acc = 1.0 if pct > 0 else math.exp(pct * coef * row[".iter"])
        if best:
            label, acc, count_restart = "new best", np.nan, 0
        elif better:
            label, acc = "better suboptimal", np.nan
            count_restart += 1
        else:
            label = "accept suboptimal" if row["random"] <= acc else "discard suboptimal"
            count_restart += 1
        if count_restart >= restart:
            label, count_restart = "restart from best", 0
        labels.append(label)
        accepts.append(acc)
    return labels, accepts


def test_decisions_replay_finetunes_rule(anneal):
    hist = anneal.history
    assert hist.columns.tolist()[:2] == ["penalty", "mixture"]
    assert (hist["results"].iloc[:3] == "initial").all() and len(hist) == 13
    labels, accepts = _replay(hist, maximize=False, coef=0.5, restart=3)
    assert hist["results"].iloc[3:].tolist() == labels
    np.testing.assert_allclose(hist["accept"].iloc[3:].to_numpy(dtype=float), accepts)
    assert "restart from best" in labels  # restart=3 is used
    # the first iteration starts from the best initial configuration
    init = hist.iloc[:3]
    assert hist[".parent"].iloc[3] == init[".config"].iloc[int(np.argmin(init["mean"]))]
    # later parents: the newest accepted (new best / better / accepted) result, or the best after a restart
    for m in range(4, len(hist)):
        prev = hist.iloc[m - 1]
        if prev["results"] in ("new best", "better suboptimal", "accept suboptimal"):
            assert hist[".parent"].iloc[m] == prev[".config"]
        elif prev["results"] == "discard suboptimal":
            assert hist[".parent"].iloc[m] == prev[".parent"]


def test_results_layout(anneal):
    stats = anneal.collect_metrics()
    assert all(c.startswith("initial_pre0_mod") for c in stats[".config"].iloc[:3])
    assert stats[".config"].tolist()[3:] == [f"Iter{i}" for i in range(1, 11)]
    assert stats[".iter"].tolist() == [0, 0, 0] + list(range(1, 11))
    assert anneal.select_best("rmse")[".config"].iloc[0] in set(stats[".config"])
    assert isinstance(anneal, tm.IterationResults)


def test_same_seed_same_search(enet_wf, folds, anneal):
    pset = enet_wf.parameters().update(penalty=tm.penalty(range=(-2.0, 0.0)))
    ctrl = tm.control_sim_anneal(verbose_iter=False, save_history=True, restart=3, cooling_coef=0.5)
    again = tm.tune_sim_anneal(enet_wf, folds, iter=10, initial=3, param_info=pset, metrics=RMSE, control=ctrl,
                               seed=7)
    pd.testing.assert_frame_equal(again.collect_metrics(), anneal.collect_metrics())


def test_real_neighbours_stay_within_the_radius():
    ps = tm.parameters(tm.penalty(), tm.mixture())
    cur = pd.DataFrame({"penalty": [1e-5], "mixture": [0.5]})
    rng = np.random.default_rng(1)
    for radius in [(0.05, 0.15), (0.3, 0.4)]:
        for _ in range(20):
            new = new_in_neighborhood(cur, cur, ps, radius, 0.75, rng)
            d = np.linalg.norm(encode_set(new, ps) - encode_set(cur, ps))
            assert radius[0] - 1e-9 <= d <= radius[1] + 1e-9
    one = tm.parameters(tm.mixture())
    for _ in range(20):
        new = new_in_neighborhood(pd.DataFrame({"mixture": [0.99]}), pd.DataFrame({"mixture": [0.99]}), one,
                                  (0.05, 0.15), 0.75, rng)
        assert abs(new["mixture"].iloc[0] - 0.99) <= 0.15 + 1e-12 and new["mixture"].iloc[0] <= 1


def test_integer_and_discrete_neighbours():
    rng = np.random.default_rng(2)
    ints = tm.parameters(tm.tree_depth(), tm.min_n())  # ranges 1..15 and 2..40
    cur = pd.DataFrame({"tree_depth": [8], "min_n": [20]})
    for _ in range(5):
        new = new_in_neighborhood(cur, cur, ints, (0.05, 0.15), 0.75, rng)
        moved = (new.iloc[0] != cur.iloc[0]).to_numpy()
        assert moved.any()  # all-integer sets always change something
        assert abs(new["tree_depth"].iloc[0] - 8) <= 14 // 10 + 1
        assert abs(new["min_n"].iloc[0] - 20) <= 38 // 10 + 1
    mixed = tm.parameters(tm.tree_depth(), tm.mixture())
    cur = pd.DataFrame({"tree_depth": [8], "mixture": [0.5]})
    for _ in range(3):  # flip = 0: integers of a mixed set never move
        assert new_in_neighborhood(cur, cur, mixed, (0.05, 0.15), 0.0, rng)["tree_depth"].iloc[0] == 8
    qual = tm.parameters(tm.weight_func(values=["a", "b", "c"]))
    new = new_in_neighborhood(pd.DataFrame({"weight_func": ["a"]}), pd.DataFrame(), qual, (0.05, 0.15), 0.0, rng)
    assert new["weight_func"].iloc[0] in {"b", "c"}


def test_radius_reaches_the_search(enet_wf, folds):
    ctrl = tm.control_sim_anneal(verbose_iter=False, save_history=True, radius=(0.01, 0.02))
    res = tm.tune_sim_anneal(enet_wf, folds, iter=3, metrics=RMSE, control=ctrl, seed=3)
    ps = enet_wf.parameters()
    hist = res.history
    for i in range(1, 4):
        parent = hist.loc[hist[".config"] == hist[".parent"].iloc[i]]
        d = np.linalg.norm(encode_set(hist.iloc[[i]], ps) - encode_set(parent, ps))
        assert 0.01 - 1e-9 <= d <= 0.02 + 1e-9


def test_no_improve_stops(enet_wf, folds, capsys):
    pset = enet_wf.parameters().update(penalty=tm.penalty(range=(1.0, 2.0)))  # flat: nothing improves
    ctrl = tm.control_sim_anneal(no_improve=2, restart=2)
    res = tm.tune_sim_anneal(enet_wf, folds, iter=6, param_info=pset, metrics=RMSE, control=ctrl, seed=1)
    assert res.collect_metrics()[".iter"].max() == 2
    assert "Stopping; no best in 2 iterations." in capsys.readouterr().out


def test_verbose_log_as_finetune(enet_wf, folds, capsys):
    tm.tune_sim_anneal(enet_wf, folds, iter=2, metrics=RMSE, seed=3)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Optimizing rmse"
    assert lines[1].startswith("Initial best: ") and len(lines[1].split(": ")[1].split(".")[1]) == 5
    assert lines[2].startswith("1 ") and "rmse=" in lines[2] and "(+/-" in lines[2]
    assert any(e in lines[2] for e in ("new best", "better suboptimal", "accept suboptimal", "discard suboptimal"))
    tm.tune_sim_anneal(enet_wf, folds, iter=1, metrics=RMSE, seed=3,
                       control=tm.control_sim_anneal(verbose_iter=False))
    assert capsys.readouterr().out == ""


def test_initial_results_continue(enet_wf, folds, anneal):
    more = tm.tune_sim_anneal(enet_wf, folds, iter=2, initial=anneal, metrics=RMSE, seed=1,
                              param_info=anneal.parameters, control=tm.control_sim_anneal(verbose_iter=False))
    stats = more.collect_metrics()
    assert stats[".iter"].max() == 12 and stats[".config"].iloc[-1] == "Iter12"
    assert stats[".config"].iloc[3] == "initial_Iter1"


def test_initial_grid_results_and_incompatible_ranges(enet_wf, folds):
    grid = tm.tune_grid(enet_wf, folds, grid=pd.DataFrame({"penalty": [0.5, 0.01], "mixture": [1.0, 0.2]}),
                        metrics=RMSE, seed=1)
    res = tm.tune_sim_anneal(enet_wf, folds, iter=1, initial=grid, metrics=RMSE, seed=1,
                             control=tm.control_sim_anneal(verbose_iter=False))
    assert set(res.collect_metrics()[".config"].iloc[:2]) == {"initial_pre0_mod1_post0", "initial_pre0_mod2_post0"}
    narrow = enet_wf.parameters().update(penalty=tm.penalty(range=(-2.0, -1.0)))
    with pytest.raises(InvalidParameterError, match="The range for parameter 'penalty' used when generating initial"):
        tm.tune_sim_anneal(enet_wf, folds, iter=1, initial=grid, param_info=narrow, metrics=RMSE)


def test_time_limit_and_errors(enet_wf, folds, capsys):
    res = tm.tune_sim_anneal(enet_wf, folds, iter=3, metrics=RMSE, seed=1,
                             control=tm.control_sim_anneal(time_limit=1e-9, verbose_iter=False))
    assert res.collect_metrics()[".iter"].max() == 0
    assert "Optimization stopped prematurely" in capsys.readouterr().out
    with pytest.raises(InvalidParameterError, match="must be made by control_sim_anneal"):
        tm.tune_sim_anneal(enet_wf, folds, control=tm.control_bayes())
    with pytest.raises(InvalidParameterError, match="`initial` in tune_sim_anneal\\(\\) should be a positive"):
        tm.tune_sim_anneal(enet_wf, folds, initial=0)


def test_control_sim_anneal_defaults_and_checks():
    ctrl = tm.control_sim_anneal()
    assert (ctrl.verbose_iter, ctrl.no_improve, ctrl.restart, ctrl.radius, ctrl.flip, ctrl.cooling_coef) == \
        (True, math.inf, 8, (0.05, 0.15), 0.75, 0.02)
    odd = tm.control_sim_anneal(radius=(1.5, -1), flip=-2, cooling_coef=-1)
    assert odd.radius == (0.001, 0.999) and odd.flip == 0 and odd.cooling_coef == 0.0001  # R's clamps
    with pytest.raises(InvalidParameterError, match="`radius` in control_sim_anneal\\(\\) should be two numeric"):
        tm.control_sim_anneal(radius=0.1)
    with pytest.raises(InvalidParameterError, match="`no_improve` in control_sim_anneal\\(\\) must be a whole number >= 2"):
        tm.control_sim_anneal(no_improve=1)
    with pytest.raises(InvalidParameterError, match="`restart` in control_sim_anneal\\(\\)"):
        tm.control_sim_anneal(restart=1)
    with pytest.raises(InvalidParameterError, match="`flip` in control_sim_anneal\\(\\) must be a number"):
        tm.control_sim_anneal(flip="a")
    with pytest.warns(PytidyWarning, match="Parameter restart is scheduled after 8 poor iterations"):
        tm.control_sim_anneal(no_improve=4)


def test_integer_recipe_parameter_moves_by_small_steps(modeldata):
    biomass = modeldata("biomass")
    train = biomass[biomass["dataset"] == "Training"].drop(columns=["sample", "dataset"]).iloc[:150]
    rec = tm.recipe("HHV ~ .", train).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    ctrl = tm.control_sim_anneal(verbose_iter=False, save_history=True, flip=1.0)
    res = tm.tune_sim_anneal(wf, tm.vfold_cv(train, v=3, seed=1), iter=3, metrics=RMSE, control=ctrl, seed=2)
    hist = res.history
    deg = res.parameters["degree"]
    step = (deg.range[1] - deg.range[0]) // 10 + 1
    for m in range(1, len(hist)):
        parent = hist.loc[hist[".config"] == hist[".parent"].iloc[m], "degree"].iloc[0]
        assert 0 < abs(hist["degree"].iloc[m] - parent) <= step  # flip = 1: the integer always moves


def test_initial_results_are_not_modified(enet_wf, folds):
    init = tm.tune_grid(enet_wf, folds, grid=pd.DataFrame({"penalty": [0.5, 0.01], "mixture": [1.0, 0.2]}),
                        metrics=RMSE, seed=1)
    before = init.metric_values.copy()
    tm.tune_sim_anneal(enet_wf, folds, iter=1, initial=init, metrics=RMSE, seed=1,
                       control=tm.control_sim_anneal(verbose_iter=False))
    pd.testing.assert_frame_equal(init.metric_values, before)


def test_grid_settings_pass_through(enet_wf, folds, capsys):
    ctrl = tm.control_sim_anneal(verbose_iter=False, verbose=True, save_pred=True, extract=lambda f: "x",
                                 save_workflow=True)
    res = tm.tune_sim_anneal(enet_wf, folds, iter=1, metrics=RMSE, control=ctrl, seed=1)
    assert set(res.collect_predictions()[".config"]) == {"initial_pre0_mod1_post0", "Iter1"}
    assert res.collect_extracts()[".extracts"].eq("x").all()
    assert res.workflow is enet_wf
    # the iteration only
    assert capsys.readouterr().out.splitlines().count("i Fold1: preprocessor 1/1, model 1/1") == 1
    plain = tm.tune_sim_anneal(enet_wf, folds, iter=1, metrics=RMSE, seed=1,
                               control=tm.control_sim_anneal(verbose_iter=False))
    assert plain.predictions is None and plain.workflow is None and plain.history is None


def test_flip_zero_keeps_integers_of_a_mixed_set(modeldata):
    biomass = modeldata("biomass")
    train = biomass[biomass["dataset"] == "Training"].drop(columns=["sample", "dataset"]).iloc[:150]
    rec = tm.recipe("HHV ~ .", train).step_poly("carbon", degree=tm.tune())
    wf = tm.workflow().add_recipe(rec).add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
    ctrl = tm.control_sim_anneal(verbose_iter=False, save_history=True, flip=0.0)
    res = tm.tune_sim_anneal(wf, tm.vfold_cv(train, v=3, seed=1), iter=4, metrics=RMSE, control=ctrl, seed=2)
    assert res.history["degree"].nunique() == 1


def test_workflow_methods_are_the_free_functions(enet_wf, folds):
    a = enet_wf.tune_sim_anneal(folds, iter=1, metrics=RMSE, seed=1, control=tm.control_sim_anneal(verbose_iter=False))
    b = tm.tune_sim_anneal(enet_wf, folds, iter=1, metrics=RMSE, seed=1, control=tm.control_sim_anneal(verbose_iter=False))
    pd.testing.assert_frame_equal(a.collect_metrics(), b.collect_metrics())
    assert enet_wf.tune_race_win_loss.__func__ is not None
