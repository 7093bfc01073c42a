import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import pytidy as tm
from pytidy.errors import InvalidParameterError


def test_lm_matches_statsmodels_with_factor_dummies(modeldata):
    pen = modeldata("penguins").dropna()
    fit = tm.linear_reg().set_engine("lm").fit("body_mass_g ~ flipper_length_mm + species", data=pen)
    X = pd.get_dummies(pen[["flipper_length_mm", "species"]], columns=["species"], drop_first=True, dtype=float)
    ref = sm.OLS(pen["body_mass_g"].astype(float), sm.add_constant(X)).fit()
    tidy = fit.tidy()
    assert tidy["term"].tolist() == ["(Intercept)", "flipper_length_mm", "speciesChinstrap", "speciesGentoo"]
    np.testing.assert_allclose(tidy["estimate"], ref.params.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(tidy["std.error"], ref.bse.to_numpy(), rtol=1e-8)
    new = pen.head(5)
    ci = fit.predict(new, type="conf_int")
    pi = fit.predict(new, type="pred_int", level=0.9)
    frame = ref.get_prediction(sm.add_constant(X).head(5)).summary_frame(alpha=0.05)
    np.testing.assert_allclose(ci[".pred_lower"], frame["mean_ci_lower"], rtol=1e-8)
    frame90 = ref.get_prediction(sm.add_constant(X).head(5)).summary_frame(alpha=0.1)
    np.testing.assert_allclose(pi[".pred_upper"], frame90["obs_ci_upper"], rtol=1e-8)
    assert list(ci.index) == list(new.index)


def test_glm_matches_statsmodels_logit(modeldata):
    d = modeldata("two_class_dat")
    fit = tm.logistic_reg().fit("Class ~ A + B", data=d)
    ref = sm.Logit((d["Class"].cat.codes == 1).astype(float), sm.add_constant(d[["A", "B"]])).fit(disp=0)
    np.testing.assert_allclose(fit.fit.coef, ref.params.to_numpy(), rtol=1e-6)
    prob = fit.predict(d, type="prob")
    assert list(prob.columns) == [f".pred_{lv}" for lv in d["Class"].cat.categories]
    np.testing.assert_allclose(prob.iloc[:, 1], ref.predict(sm.add_constant(d[["A", "B"]])), rtol=1e-6)
    cls = fit.predict(d)
    assert list(cls.columns) == [".pred_class"]
    assert list(cls[".pred_class"].cat.categories) == list(d["Class"].cat.categories)
    assert (cls[".pred_class"].astype(str) == np.where(prob.iloc[:, 1] > 0.5, "Class2", "Class1")).all()


def test_glm_rejects_three_classes(modeldata):
    pen = modeldata("penguins").dropna()
    with pytest.raises(InvalidParameterError, match=r"needs an outcome with two levels; `species` has 3"):
        tm.logistic_reg().fit("species ~ bill_length_mm", data=pen)


def test_classification_outcome_must_be_factor_like():
    df = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [0.0, 1, 0, 1]})
    with pytest.raises(InvalidParameterError, match=r"outcome should be a factor-like .*astype\('category'\)"):
        tm.logistic_reg().fit("y ~ x", data=df)


def test_formula_errors_name_the_problem():
    df = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [0.0, 1, 0, 1]})
    with pytest.raises(InvalidParameterError, match=r"names column\(s\) \['z'\] that the data does not have"):
        tm.linear_reg().fit("y ~ z", data=df)
    with pytest.raises(InvalidParameterError, match=r"one `~`"):
        tm.linear_reg().fit("y = x", data=df)


def test_predict_missing_column_and_bad_type():
    df = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [0.0, 1, 0, 1.5]})
    fit = tm.linear_reg().fit_xy(df[["x"]], df["y"])
    with pytest.raises(InvalidParameterError, match=r"new_data lacks the column\(s\) \['x'\]"):
        fit.predict(pd.DataFrame({"w": [1.0]}))
    with pytest.raises(InvalidParameterError, match=r"`type` in predict\(\) for linear_reg\(lm\) must be one of"):
        fit.predict(df, type="prob")


def test_formula_dot_minus_and_backticks():
    df = pd.DataFrame({"y": [1.0, 2, 4, 3, 6], "a b": [1.0, 2, 3, 4, 5], "c": [0.0, 1, 0, 1, 1]})
    fit = tm.linear_reg().fit("y ~ . - c", data=df)
    assert fit.fit.design.names == ("(Intercept)", "a b")
    fit2 = tm.linear_reg().fit("y ~ `a b` + c", data=df)
    assert len(fit2.fit.coef) == 3


def test_glmnet_gaussian_matches_sklearn_elastic_net(modeldata):
    from sklearn.linear_model import ElasticNet

    pen = modeldata("penguins").dropna()
    cols = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]
    fit = tm.linear_reg(penalty=10.0, mixture=0.5).set_engine("glmnet").fit(
        "body_mass_g ~ bill_length_mm + bill_depth_mm + flipper_length_mm", data=pen)
    X = pen[cols]
    Z = (X - X.mean()) / X.std(ddof=0)
    ref = ElasticNet(alpha=10.0, l1_ratio=0.5, tol=1e-12, max_iter=100_000).fit(Z, pen["body_mass_g"])
    np.testing.assert_allclose(fit.fit.coef[1:] * X.std(ddof=0).to_numpy(), ref.coef_, rtol=1e-6)
    pred = fit.predict(pen.head(3))[".pred"].to_numpy()
    np.testing.assert_allclose(pred, ref.predict(Z.head(3)), rtol=1e-6)


def test_glmnet_lasso_zeroes_coefficients_and_binomial_works(modeldata):
    d = modeldata("two_class_dat")
    strong = tm.logistic_reg(penalty=0.5).set_engine("glmnet").fit("Class ~ A + B", data=d)
    assert np.all(strong.fit.coef[1:] == 0.0)
    p = strong.predict(d.head(1), type="prob").iloc[0]
    assert p[".pred_Class2"] == pytest.approx((d["Class"] == "Class2").mean(), abs=1e-6)
    weak = tm.logistic_reg(penalty=1e-8).set_engine("glmnet").fit("Class ~ A + B", data=d)
    glm = tm.logistic_reg().fit("Class ~ A + B", data=d)
    np.testing.assert_allclose(weak.fit.coef, glm.fit.coef, rtol=1e-3)


def test_glmnet_needs_a_penalty():
    df = pd.DataFrame({"x": [0.0, 1, 2, 3], "y": [0.0, 1, 0, 1.5]})
    with pytest.raises(InvalidParameterError, match=r"glmnet engine needs a single `penalty` value"):
        tm.linear_reg().set_engine("glmnet").fit("y ~ x", data=df)


def test_lm_reproduces_r_lm_on_mtcars():
    """R: coef(lm(mpg ~ ., mtcars)) and summary()$sigma."""
    from pathlib import Path

    mtcars = pd.read_csv(Path(__file__).parents[1] / "data" / "mtcars.csv")
    fit = tm.linear_reg().set_engine("lm").fit("mpg ~ .", data=mtcars)
    r_coef = [12.30337416, -0.11144048, 0.01333524, -0.02148212, 0.78711097, -3.71530393,
              0.82104075, 0.31776281, 2.52022689, 0.65541302, -0.19941925]
    np.testing.assert_allclose(fit.fit.coef, r_coef, rtol=1e-6)
    assert fit.fit.sigma == pytest.approx(2.650197, rel=1e-6)
