"""fit(spec, ..., case_weights=) and the weighted lm/glm/glmnet engines against outside references."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import pytidy as tm
from pytidy.errors import InvalidParameterError


@pytest.fixture
def data():
    rng = np.random.default_rng(11)
    n = 50
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.uniform(-1, 1, n)})
    df["y"] = 1.0 + 2.0 * df.x - 1.5 * df.z + rng.normal(size=n)
    df["cls"] = pd.Categorical(np.where(df.y + rng.normal(size=n) > 1.0, "yes", "no"), categories=["no", "yes"])
    freq = rng.integers(0, 4, n)
    imp = rng.uniform(0.1, 3.0, n)
    return df, freq, imp


def _repeated(df, freq):
    return df.loc[np.repeat(df.index.to_numpy(), freq)].reset_index(drop=True)


def test_weighted_lm_equals_statsmodels_wls(data):
    df, _, imp = data
    fit = tm.linear_reg().fit("y ~ x + z", data=df, case_weights=tm.importance_weights(imp))
    ref = sm.WLS(df["y"].to_numpy(), sm.add_constant(df[["x", "z"]].to_numpy()), weights=imp).fit()
    tidy = fit.tidy()
    np.testing.assert_allclose(tidy["estimate"], ref.params, rtol=1e-10)
    np.testing.assert_allclose(tidy["std.error"], ref.bse, rtol=1e-8)
    # and with numpy's weighted least squares directly
    X = np.column_stack([np.ones(len(df)), df.x, df.z]) * np.sqrt(imp)[:, None]
    beta = np.linalg.lstsq(X, df.y.to_numpy() * np.sqrt(imp), rcond=None)[0]
    np.testing.assert_allclose(tidy["estimate"], beta, rtol=1e-10)
    unweighted = tm.linear_reg().fit("y ~ x + z", data=df).tidy()["estimate"]
    assert not np.allclose(unweighted, tidy["estimate"])


@pytest.mark.parametrize("spec, formula, column", [
    (tm.linear_reg(), "y ~ x + z", ".pred"),
    (tm.linear_reg(penalty=0.05, mixture=0.5).set_engine("glmnet"), "y ~ x + z", ".pred"),
    (tm.logistic_reg(), "cls ~ x + z", ".pred_yes"),
    (tm.logistic_reg(penalty=0.01).set_engine("glmnet"), "cls ~ x + z", ".pred_yes"),
])
def test_frequency_weighted_fit_equals_fit_on_repeated_rows(data, spec, formula, column):
    df, freq, _ = data
    weighted = spec.fit(formula, data=df, case_weights=tm.frequency_weights(freq))
    repeated = spec.fit(formula, data=_repeated(df, freq))
    plain = spec.fit(formula, data=df)
    kind = "prob" if column != ".pred" else "numeric"
    pw = weighted.predict(df, type=kind)[column].to_numpy()
    np.testing.assert_allclose(pw, repeated.predict(df, type=kind)[column].to_numpy(), rtol=1e-5, atol=1e-7)
    assert not np.allclose(pw, plain.predict(df, type=kind)[column].to_numpy(), rtol=1e-4)


def test_glm_weights_equal_statsmodels_freq_weights(data):
    df, freq, _ = data
    fit = tm.logistic_reg().fit("cls ~ x + z", data=df, case_weights=tm.frequency_weights(freq))
    X = sm.add_constant(df[["x", "z"]].to_numpy())
    ref = sm.GLM((df.cls == "yes").astype(float).to_numpy(), X, family=sm.families.Binomial(),
                 freq_weights=freq.astype(float)).fit()
    np.testing.assert_allclose(fit.tidy()["estimate"], ref.params, rtol=1e-6)
    np.testing.assert_allclose(fit.tidy()["std.error"], ref.bse, rtol=1e-5)


def test_fit_xy_takes_case_weights(data):
    df, _, imp = data
    fit = tm.linear_reg().fit_xy(df[["x", "z"]], df["y"], case_weights=tm.importance_weights(imp))
    ref = sm.WLS(df["y"].to_numpy(), sm.add_constant(df[["x", "z"]].to_numpy()), weights=imp).fit()
    np.testing.assert_allclose(fit.tidy()["estimate"], ref.params, rtol=1e-10)


def test_case_weight_columns_are_not_predictors_of_a_formula(data):
    df, freq, _ = data
    fit = tm.linear_reg().fit("y ~ .", data=df.drop(columns="cls").assign(w=tm.frequency_weights(freq)))
    assert fit.predictors == ("x", "z")


def test_case_weights_errors(data):
    df, freq, _ = data
    with pytest.raises(InvalidParameterError, match="class hardhat_case_weights"):
        tm.linear_reg().fit("y ~ x", data=df, case_weights=freq)
    with pytest.raises(InvalidParameterError, match="Case weights are not enabled by the underlying model"):
        tm.nearest_neighbor().set_mode("regression").fit("y ~ x", data=df, case_weights=tm.frequency_weights(freq))
    with pytest.raises(InvalidParameterError, match="has 3 values but the data have 50 rows"):
        tm.linear_reg().fit("y ~ x", data=df, case_weights=tm.frequency_weights([1, 2, 3]))


def test_zero_weights_drop_rows_as_r_lm(data):
    df, _, _ = data
    w = np.ones(len(df), dtype=int)
    w[:10] = 0
    fit = tm.linear_reg().fit("y ~ x + z", data=df, case_weights=tm.frequency_weights(w))
    sub = tm.linear_reg().fit("y ~ x + z", data=df.iloc[10:])
    np.testing.assert_allclose(fit.tidy()["std.error"], sub.tidy()["std.error"], rtol=1e-10)


def test_free_function_fit_takes_case_weights(data):
    df, _, imp = data
    a = tm.fit(tm.linear_reg(), "y ~ x + z", df, case_weights=tm.importance_weights(imp))
    b = tm.fit_xy(tm.linear_reg(), df[["x", "z"]], df["y"], case_weights=tm.importance_weights(imp))
    np.testing.assert_allclose(a.tidy()["estimate"], b.tidy()["estimate"], rtol=1e-12)


# Engines whose frequency-weighted fit is, by construction, the fit on repeated rows (R: lm, glm,
# glmnet, and scikit-learn's sample_weight). Those not registered on this install are skipped.
REPEATABLE = [
    ("linear_reg", "lm", "regression", {}), ("linear_reg", "glmnet", "regression", {"penalty": 0.01}),
    ("logistic_reg", "glm", "classification", {}),
    ("logistic_reg", "glmnet", "classification", {"penalty": 0.01}),
    ("linear_reg", "sklearn", "regression", {}), ("logistic_reg", "sklearn", "classification", {}),
    ("poisson_reg", "glm", "regression", {}), ("null_model", "parsnip", "regression", {}),
    ("null_model", "parsnip", "classification", {}),
]


@pytest.mark.parametrize("model, engine, mode, args", REPEATABLE, ids=["-".join(r[:3]) for r in REPEATABLE])
def test_registered_engine_frequency_weights_equal_repeated_rows(model, engine, mode, args):
    from pytidy.parsnip.registry import registered_engines
    from pytidy.parsnip.spec import new_model_spec
    from pytidy.testing import engine_data

    if (model, engine, mode) not in set(registered_engines().itertuples(index=False, name=None)):
        pytest.skip(f"{model}({engine}) is not registered here")
    train = engine_data(mode, n=40, seed=3, counts=model == "poisson_reg")
    outcome = "y" if mode == "regression" else "Class"
    freq = np.arange(len(train)) % 4
    spec = new_model_spec(model, args, mode=mode, engine=engine)
    weighted = spec.fit(f"{outcome} ~ .", data=train, case_weights=tm.frequency_weights(freq), seed=1)
    repeated = spec.fit(f"{outcome} ~ .", data=train.loc[np.repeat(train.index.to_numpy(), freq)], seed=1)
    kind = "prob" if mode == "classification" else "numeric"
    np.testing.assert_allclose(weighted.predict(train, type=kind).to_numpy(dtype=float),
                               repeated.predict(train, type=kind).to_numpy(dtype=float), rtol=1e-3, atol=1e-4)
