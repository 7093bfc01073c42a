"""step_impute_linear (R: tests/testthat/test-impute_linear.R), checked against statsmodels' OLS."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.recipes import all_predictors, recipe, starts_with


@pytest.fixture
def ames_dat(modeldata):
    ames = modeldata("ames")[["Lot_Frontage", "Lot_Area", "Total_Bsmt_SF"]].astype(float)
    return ames.assign(Lot_Frontage=ames["Lot_Frontage"].replace(0, np.nan),
                       Total_Bsmt_SF=ames["Total_Bsmt_SF"].replace(0, np.nan))


def _ols_predict(data, y, xs, new):
    fit = data[[y, *xs]].dropna()
    model = sm.OLS(fit[y], sm.add_constant(fit[xs], has_constant="add")).fit()
    return model.predict(sm.add_constant(new[xs], has_constant="add")).to_numpy()


def test_imputes_with_lm_predictions(ames_dat):
    missing = ames_dat["Lot_Frontage"].isna().to_numpy()
    assert missing.sum() == 490
    prepped = recipe("~ .", ames_dat).step_impute_linear("Lot_Frontage", impute_with="Lot_Area").prep()
    imputed = prepped.bake(None)["Lot_Frontage"].to_numpy()
    expected = _ols_predict(ames_dat, "Lot_Frontage", ["Lot_Area"], ames_dat[missing])
    np.testing.assert_allclose(imputed[missing], expected, rtol=1e-10)
    np.testing.assert_array_equal(imputed[~missing], ames_dat["Lot_Frontage"].to_numpy()[~missing])
    coefs = prepped.tidy(1)["model"][0].coefficients
    assert list(coefs) == ["(Intercept)", "Lot_Area"]


def test_all_na_values(ames_dat):
    prepped = recipe("~ .", ames_dat).step_impute_linear("Lot_Frontage", impute_with="Lot_Area").prep()
    out = prepped.bake(ames_dat.assign(Lot_Frontage=np.nan))
    np.testing.assert_allclose(out["Lot_Frontage"], _ols_predict(ames_dat, "Lot_Frontage", ["Lot_Area"], ames_dat),
                               rtol=1e-10)


def test_returns_one_model_per_column(ames_dat):
    prepped = recipe("~ .", ames_dat).step_impute_linear(
        "Lot_Frontage", "Total_Bsmt_SF", impute_with="Lot_Area").prep()
    models = prepped.steps[0].models
    assert sorted(models) == ["Lot_Frontage", "Total_Bsmt_SF"]
    assert models["Total_Bsmt_SF"].predictors == ("Lot_Area",)
    tidied = prepped.tidy(1)
    assert list(tidied.columns) == ["terms", "model", "id"] and tidied["terms"].tolist() == list(models)
    out = prepped.bake(None)
    assert out.isna().sum().sum() == 0


def test_non_numeric_target_fails():
    tg = pd.DataFrame({"len": [4.2, 11.5, 7.3, 5.8, 6.4, 10.0], "supp": ["VC", "VC", "OJ", None, "OJ", "VC"],
                       "dose": [np.nan, 1.0, 2.0, 1.0, np.nan, 2.0]})
    with pytest.raises(InvalidParameterError, match=r"step_impute_linear\(\): variable 'supp' chosen for linear "
                                                     r"regression imputation must be of type numeric; not a factor"):
        recipe("~ .", tg).step_impute_linear("supp", impute_with="len").prep()
    with pytest.raises(InvalidParameterError, match=r"variable 'supp' chosen .* not a string"):
        recipe("~ .", tg).step_impute_linear("supp", "dose", impute_with="len").prep(strings_as_factors=False)


def test_maintains_integer_type(modeldata):
    ames = modeldata("ames")
    ames["TotRms_AbvGrd"] = pd.array(ames["TotRms_AbvGrd"], dtype="Int64")
    ames.loc[:9, "TotRms_AbvGrd"] = pd.NA
    prepped = recipe("~ .", ames).step_impute_linear(
        "TotRms_AbvGrd", impute_with=["Bedroom_AbvGr", "Gr_Liv_Area"]).prep()
    out = prepped.bake(ames)["TotRms_AbvGrd"]
    assert str(out.dtype) == "Int64" and out.notna().all()
    full = ames.assign(TotRms_AbvGrd=ames["TotRms_AbvGrd"].astype(float))
    expected = np.round(_ols_predict(full, "TotRms_AbvGrd", ["Bedroom_AbvGr", "Gr_Liv_Area"], full.iloc[:10]))
    np.testing.assert_array_equal(out.iloc[:10].astype(float).to_numpy(), expected)


def test_factor_predictors_use_treatment_contrasts():
    rng = np.random.default_rng(7)
    n = 80
    g = rng.choice(["lo", "mid", "hi"], n)
    x = rng.normal(size=n)
    y = 1.0 + 2.0 * x + np.select([g == "mid", g == "hi"], [3.0, -1.0], 0.0) + rng.normal(0, 0.1, n)
    y[[1, 5, 9]] = np.nan
    df = pd.DataFrame({"out": rng.normal(size=n), "y": y, "x": x,
                       "g": pd.Categorical(g, categories=["lo", "mid", "hi", "unused"])})
    prepped = recipe("out ~ .", df).step_impute_linear("y").prep()
    model = prepped.steps[0].models["y"]
    assert model.predictors == ("x", "g")
    assert list(model.coefficients) == ["(Intercept)", "x", "gmid", "ghi"]    # R: drop.unused.levels
    design = pd.get_dummies(df[["x", "g"]], columns=["g"], drop_first=True, dtype=float)[["x", "g_mid", "g_hi"]]
    fit = pd.concat([df["y"], design], axis=1)
    expected = _ols_predict(fit, "y", ["x", "g_mid", "g_hi"], fit.iloc[[1, 5, 9]])
    np.testing.assert_allclose(prepped.bake(None)["y"].to_numpy()[[1, 5, 9]], expected, rtol=1e-10)
    with pytest.raises(InvalidParameterError, match=r"the model for 'y' has factor 'g' with new level\(s\) \['unused'\]"):
        prepped.bake(df.iloc[[1]].assign(g=pd.Categorical(["unused"], categories=df["g"].cat.categories)))


def test_collinear_predictors_are_aliased_as_in_r():
    rng = np.random.default_rng(3)
    x = rng.normal(size=30)
    df = pd.DataFrame({"o": rng.normal(size=30), "y": 2 * x + rng.normal(0, 0.1, 30), "x": x, "x2": 3 * x})
    df.loc[[0, 4], "y"] = np.nan
    prepped = recipe("o ~ .", df).step_impute_linear("y").prep()
    coefs = prepped.steps[0].models["y"].coefficients
    assert np.isnan(coefs["x2"]) and not np.isnan(coefs["x"])              # R: NA for x2
    expected = _ols_predict(df, "y", ["x"], df.iloc[[0, 4]])
    np.testing.assert_allclose(prepped.bake(None)["y"].to_numpy()[[0, 4]], expected, rtol=1e-10)


def test_warns_if_impute_with_has_missing_values():
    df = pd.DataFrame({"mpg": [21.0, 22.8, np.nan, 18.7, 24.4, 19.2], "disp": [160.0, 108.0, np.nan, 360, 146.7, 167.6],
                       "wt": [2.6, 2.3, 3.2, 3.4, 3.2, 3.4]})
    with pytest.warns(PytidyWarning, match=r"there were missing values in the predictor\(s\) used to impute 'mpg'; "
                                           r"imputation did not occur"):
        out = recipe("~ .", df).step_impute_linear("mpg", impute_with="disp").prep().bake(None)
    assert np.isnan(out["mpg"].iloc[2])


def test_errors():
    df = pd.DataFrame({"mpg": [21.0, 22.8, 18.7], "am": [np.nan] * 3, "wt": [2.6, np.nan, 3.4]})
    with pytest.raises(InvalidParameterError, match=r"no training row has 'mpg' and all of its predictors "
                                                     r"\['am', 'wt'\] complete"):
        recipe("~ .", df).step_impute_linear(all_predictors()).prep()
    with pytest.raises(InvalidParameterError, match=r"`impute_with` in step_impute_linear\(\) must not be None"):
        recipe("~ .", df).step_impute_linear("wt", impute_with=None)
    with pytest.raises(InvalidParameterError, match=r"step_impute_linear\(\): `impute_with` .* selected no columns"):
        recipe("~ .", df).step_impute_linear("wt", impute_with=starts_with("zz")).prep()


def test_missing_target_column_is_named(ames_dat):
    prepped = recipe("~ .", ames_dat).step_impute_linear("Lot_Frontage", impute_with="Lot_Area").prep()
    with pytest.raises(InvalidParameterError, match=r"lacks the column\(s\) \['Lot_Frontage'\]"):
        prepped.bake(ames_dat[["Lot_Area", "Total_Bsmt_SF"]])


def test_print(ames_dat):
    rec = recipe("~ .", ames_dat).step_impute_linear("Lot_Frontage", impute_with="Lot_Area")
    assert repr(rec.steps[0]) == "Linear regression imputation for: Lot_Frontage"
    assert repr(rec.prep().steps[0]) == "Linear regression imputation for: Lot_Frontage [trained]"
