import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture
def con(modeldata):
    return modeldata("concrete").iloc[:200].reset_index(drop=True)[["cement", "water", "age", "compressive_strength"]]


def _manual_permutation(fit, data, feature, seed_sequence, metric):
    base = metric(data["compressive_strength"], fit.predict(data)[".pred"])
    out = []
    for perm in seed_sequence:
        shuffled = data.copy()
        shuffled[feature] = data[feature].to_numpy()[perm]
        out.append(metric(data["compressive_strength"], fit.predict(shuffled)[".pred"]) - base)
    return out


def test_vi_permute_follows_vip_semantics(con):
    fit = tm.nearest_neighbor(neighbors=5).set_mode("regression").fit("compressive_strength ~ .", data=con)
    out = tm.vi(fit, method="permute", train=con, metric="rmse", nsim=3, seed=4, sort=False)
    assert list(out.columns) == ["Variable", "Importance", "StDev"]
    assert out["Variable"].tolist() == ["cement", "water", "age"]
    rng = np.random.default_rng(4)
    perms = {f: [rng.permutation(len(con)) for _ in range(3)] for f in ["cement", "water", "age"]}
    rmse = lambda t, e: float(np.sqrt(np.mean((np.asarray(t) - np.asarray(e)) ** 2)))  # noqa: E731
    for feat, imp, sd in zip(out["Variable"], out["Importance"], out["StDev"]):
        vals = _manual_permutation(fit, con, feat, perms[feat], rmse)
        assert imp == pytest.approx(np.mean(vals))
        assert sd == pytest.approx(np.std(vals, ddof=1))


def test_vi_falls_back_to_permutation_without_native_importance(con):
    fit = tm.svm_rbf().set_mode("regression").fit("compressive_strength ~ .", data=con)
    with pytest.raises(InvalidParameterError, match="method='permute', train=data"):
        tm.vi(fit)
    out = tm.vi(fit, train=con, seed=1)
    assert set(out["Variable"]) == {"cement", "water", "age"}
    assert out["Importance"].is_monotonic_decreasing


def test_vi_on_lm_is_abs_t_with_sign(con):
    fit = tm.linear_reg().fit("compressive_strength ~ .", data=con)
    tidy = fit.tidy().set_index("term")
    out = tm.vi(fit)
    assert list(out.columns) == ["Variable", "Importance", "Sign"]
    for v, imp, sign in zip(out["Variable"], out["Importance"], out["Sign"]):
        assert imp == pytest.approx(abs(tidy.loc[v, "statistic"]))
        assert sign == ("POS" if tidy.loc[v, "statistic"] > 0 else "NEG")


def test_vi_on_workflow_scale_and_classification_metric(modeldata):
    d = modeldata("two_class_dat").iloc[:200]
    wf = tm.workflow().add_model(tm.rand_forest(trees=10).set_mode("classification")).add_formula("Class ~ A + B")
    fitted = wf.fit(d, seed=1)
    out = tm.vi(fitted, scale=True)
    assert out["Importance"].max() == pytest.approx(100.0)
    perm = tm.vi(fitted, method="permute", train=d, metric="roc_auc", seed=2)
    assert set(perm["Variable"]) == {"A", "B"}


def test_vi_errors(con):
    fit = tm.rand_forest(trees=5).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    with pytest.raises(InvalidParameterError, match="needs the training data"):
        tm.vi(fit, method="permute")
    with pytest.raises(InvalidParameterError, match="`metric` in vi_permute\\(\\) must be a yardstick metric"):
        tm.vi(fit, method="permute", train=con, metric="nope")
    with pytest.raises(InvalidParameterError, match="unknown argument"):
        tm.vi(fit, nsimm=2)
    with pytest.raises(InvalidParameterError, match="needs a fitted model"):
        tm.vi(tm.rand_forest())


def test_vip_plots_top_features(con):
    fit = tm.rand_forest(trees=5).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    fig = tm.vip(fit, num_features=2)
    assert len(fig.axes[0].patches) == 2


def test_vi_on_tabnet_uses_the_mask_importance():
    df = pd.DataFrame({"a": np.linspace(0, 1, 64), "b": np.tile([0.0, 1.0], 32)})
    df["y"] = 2 * df["a"]
    fit = tm.tabnet(epochs=1, batch_size=32, virtual_batch_size=16, decision_width=4).set_mode(
        "regression").fit("y ~ a + b", data=df, seed=1)
    from pytidy.engines.tabnet.explain import vi as tabnet_vi

    pd.testing.assert_frame_equal(tm.vi(fit), tabnet_vi(fit))
    pd.testing.assert_frame_equal(tm.vi(fit.fit), tabnet_vi(fit))  # the engine's own TabNetFit


def test_vi_permute_rejects_non_frame_train(con):
    fit = tm.rand_forest(trees=3).set_mode("regression").fit("compressive_strength ~ .", data=con, seed=1)
    with pytest.raises(InvalidParameterError, match="`train` in vi_permute\\(\\) must be the training data as a pandas"):
        tm.vi(fit, method="permute", train=con.to_numpy())
