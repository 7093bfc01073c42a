"""add/update/remove_case_weights and weighted workflow fits (R: workflows R/case-weights.R)."""

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    n = 40
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = 0.5 + 1.5 * df.x + df.z + rng.normal(size=n)
    freq = rng.integers(0, 4, n)
    return df, freq


def test_verbs_methods_and_free_functions():
    wf = tm.workflow("y ~ .", tm.linear_reg())
    assert tm.add_case_weights(wf, "w").case_weights == "w"
    assert wf.add_case_weights("w").update_case_weights("v").case_weights == "v"
    assert tm.update_case_weights(wf.add_case_weights("w"), "v").case_weights == "v"
    assert tm.remove_case_weights(wf.add_case_weights("w")).case_weights is None
    assert wf.case_weights is None                          # verbs never change their input
    with pytest.raises(InvalidParameterError, match="already has case weights"):
        wf.add_case_weights("w").add_case_weights("v")
    with pytest.raises(InvalidParameterError, match="must be the name of one column"):
        wf.add_case_weights(["w"])
    with pytest.warns(PytidyWarning, match="no case weights specification to remove"):
        wf.remove_case_weights()
    with pytest.raises(InvalidParameterError, match=r"`x` in add_case_weights\(\) must be a workflow"):
        tm.add_case_weights(tm.linear_reg(), "w")
    assert "-- Case Weights ----\nw" in repr(wf.add_case_weights("w"))


def test_formula_workflow_passes_weights_and_drops_the_column_from_dot(data):
    df, freq = data
    df = df.assign(w=tm.frequency_weights(freq))
    fitted = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w").fit(df)
    assert fitted.model_fit.predictors == ("x", "z")
    ref = sm.WLS(df["y"].to_numpy(), sm.add_constant(df[["x", "z"]].to_numpy()), weights=freq.astype(float)).fit()
    np.testing.assert_allclose(fitted.tidy()["estimate"], ref.params, rtol=1e-10)
    # the fitted workflow's verbs give the unfitted workflow back (R)
    assert type(fitted.remove_case_weights()).__name__ == "Workflow"
    assert fitted.update_case_weights("v").case_weights == "v"


def test_variables_workflow_uses_weights(data):
    df, freq = data
    df = df.assign(w=tm.frequency_weights(freq))
    fitted = tm.workflow().add_variables("y", ["x", "z"]).add_model(tm.linear_reg()).add_case_weights("w").fit(df)
    ref = sm.WLS(df["y"].to_numpy(), sm.add_constant(df[["x", "z"]].to_numpy()), weights=freq.astype(float)).fit()
    np.testing.assert_allclose(fitted.tidy()["estimate"], ref.params, rtol=1e-10)


def test_recipe_workflow_weights_recipe_and_model(data):
    df, freq = data
    df = df.assign(w=tm.frequency_weights(freq))
    rec = tm.recipe("y ~ .", df).step_normalize(tm.all_numeric_predictors())
    fitted = tm.workflow(rec, tm.linear_reg()).add_case_weights("w").fit(df)
    assert fitted.model_fit.predictors == ("x", "z")
    rep = df.loc[np.repeat(df.index.to_numpy(), freq)].drop(columns="w")
    direct = tm.linear_reg().fit("y ~ x + z", data=rep)
    np.testing.assert_allclose(fitted.predict(df)[".pred"], direct.predict(df)[".pred"], rtol=1e-8)
    assert fitted.prepped.steps[0].means["x"] == pytest.approx(np.average(df.x, weights=freq))


@pytest.mark.parametrize("make, check, values", [
    (tm.frequency_weights, tm.is_frequency_weights, lambda f: f),
    (tm.importance_weights, tm.is_importance_weights, lambda f: f + 0.5),
])
def test_a_weighted_recipe_workflow_saves_and_loads(data, tmp_path, make, check, values):
    """The recipe's template keeps the weights column: model files store both weights dtypes."""
    df, freq = data
    df = df.assign(w=make(values(freq)))
    rec = tm.recipe("y ~ .", df).step_normalize(tm.all_numeric_predictors())
    fitted = tm.workflow(rec, tm.linear_reg()).add_case_weights("w").fit(df)
    fitted.save(tmp_path / "w.pytidy")
    back = tm.load_workflow(tmp_path / "w.pytidy")
    pd.testing.assert_frame_equal(back.predict(df), fitted.predict(df))
    template = back.extract_recipe(estimated=False).template
    assert check(template["w"])
    np.testing.assert_array_equal(np.asarray(template["w"]), values(freq))


def test_importance_weights_change_the_fit(data):
    df, freq = data
    imp = tm.importance_weights(freq + 0.25)
    plain = tm.workflow("y ~ .", tm.linear_reg()).fit(df)
    weighted = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w").fit(df.assign(w=imp))
    assert not np.allclose(plain.tidy()["estimate"], weighted.tidy()["estimate"])


def test_fit_errors(data):
    df, freq = data
    wf = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w")
    with pytest.raises(InvalidParameterError, match="must select a classed case weights column"):
        wf.fit(df.assign(w=freq.astype(float)))
    with pytest.raises(InvalidParameterError, match="case-weights column 'w'"):
        wf.fit(df)
    with pytest.raises(InvalidParameterError, match="Case weights are not enabled"):
        tm.workflow("y ~ .", tm.nearest_neighbor().set_mode("regression")).add_case_weights("w").fit(
            df.assign(w=tm.frequency_weights(freq)))
    dfw = df.assign(w=tm.frequency_weights(freq))
    rec = tm.recipe("y ~ .", dfw).step_mutate(w=lambda d: np.asarray(d["w"], dtype=float))
    with pytest.raises(InvalidParameterError, match="Did you modify the case weights"):
        tm.workflow(rec, tm.linear_reg()).add_case_weights("w").fit(dfw)


def test_workflow_set_case_weights(data):
    df, freq = data
    dfw = df.assign(w=tm.frequency_weights(freq))
    with pytest.warns(PytidyWarning, match="not enabled by the underlying model implementation .*sklearn"):
        wset = tm.workflow_set(["y ~ ."], {"lm": tm.linear_reg(), "knn": tm.nearest_neighbor().set_mode("regression")},
                               case_weights="w")
    wfs = [info["workflow"] for info in wset.info]
    assert wfs[0].case_weights == "w" and wfs[1].case_weights is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wset2 = tm.workflow_set(["y ~ ."], [tm.linear_reg()], case_weights="w")
    ref = sm.WLS(df["y"].to_numpy(), sm.add_constant(df[["x", "z"]].to_numpy()), weights=freq.astype(float)).fit()
    np.testing.assert_allclose(wset2.info[0]["workflow"].fit(dfw).tidy()["estimate"], ref.params, rtol=1e-10)


def test_mold_predictors_never_count_the_weights(data):
    df, freq = data
    dfw = df.assign(w=tm.importance_weights(freq + 1.0))
    wf = tm.workflow("y ~ .", tm.linear_reg()).add_case_weights("w")
    assert wf.mold_predictors(dfw).columns.tolist() == ["x", "z"]
    rec = tm.recipe("y ~ .", dfw)
    assert tm.workflow(rec, tm.linear_reg()).add_case_weights("w").mold_predictors(dfw).columns.tolist() == ["x", "z"]
