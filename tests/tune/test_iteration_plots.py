"""autoplot() of iterative search results: "marginals", "parameters" and "performance"."""

import numpy as np
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.fixture(scope="module")
def res(reg_data):
    spec = tm.linear_reg(penalty=tm.tune(), mixture=tm.tune()).set_engine("glmnet")
    wf = tm.workflow().add_model(spec).add_formula("y ~ .")
    return tm.tune_bayes(wf, tm.vfold_cv(reg_data, v=3, seed=1), initial=3, iter=2, seed=1,
                         metrics=tm.metric_set(tm.rmse, tm.rsq))


def teardown_module():
    import matplotlib.pyplot as plt

    plt.close("all")


def test_parameters_plot_iteration_vs_value_with_log_axis(res):
    fig = tm.autoplot(res, type="parameters")
    pen, mix = fig.axes
    assert pen.get_title() == "penalty" and mix.get_title() == "mixture"
    assert pen.get_yscale() == "log" and mix.get_yscale() == "linear"  # penalty has a log10 transform
    x, y = pen.lines[0].get_data()
    key = res.collect_metrics().drop_duplicates(".config")
    np.testing.assert_array_equal(x, key[".iter"].to_numpy())
    np.testing.assert_allclose(y, key["penalty"].to_numpy())


def test_performance_plot_means_by_iteration(res):
    fig = res.autoplot(type="performance", metric="rmse")
    (ax,) = fig.axes
    x, y = ax.lines[0].get_data()
    stats = res.collect_metrics().query("`.metric` == 'rmse'")
    np.testing.assert_array_equal(x, stats[".iter"].to_numpy())
    np.testing.assert_allclose(y, stats["mean"].to_numpy())
    assert ax.get_ylabel() == "rmse" and ax.get_xlabel() == "Iteration"
    assert len(res.autoplot(type="performance").axes) == 2


def test_marginals_use_the_stored_parameter_set(res):
    fig = res.autoplot(type="marginals")
    assert len(fig.axes) == 4
    assert fig.axes[0].get_xscale() == "log" and fig.axes[1].get_xscale() == "linear"


def test_bad_types(res, reg_data):
    with pytest.raises(InvalidParameterError, match="must be one of 'marginals', 'parameters' or 'performance'"):
        res.autoplot(type="heatmap")
    with pytest.raises(InvalidParameterError, match=r"metric\(s\) \['roc_auc'\] are not in the results"):
        res.autoplot(type="performance", metric="roc_auc")
    grid = tm.tune_grid(tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet"))
                        .add_formula("y ~ ."), tm.vfold_cv(reg_data, v=3, seed=1), grid=2, seed=1)
    with pytest.raises(InvalidParameterError, match="iterative search results"):
        grid.autoplot(type="parameters")
