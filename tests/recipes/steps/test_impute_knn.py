"""step_impute_knn (R: tests/testthat/test-impute_knn.R) and its Gower distance (R: gower::gower_topn)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.hardhat import tune
from pytidy.recipes import all_predictors, recipe
from pytidy.recipes.steps import impute_knn as knn_mod
from pytidy.recipes.steps.impute_knn import gower_distance, step_impute_knn, topn_mask

# ---------------------------------------------------------------------------------------------
# a literal, loop-based reference of gower::gower_topn (R's C code, pair by pair): independent of
# the vectorised implementation


def _ref_gower_topn(x: pd.DataFrame, y: pd.DataFrame, n: int, eps: float = 1e-8) -> list[list[int]]:
    """For each row of x, indices (0-based) of its top-n rows of y, scanning y in order as R does."""
    ranges = {}
    for c in x.columns:
        if pd.api.types.is_numeric_dtype(x[c].dtype) and not isinstance(x[c].dtype, pd.CategoricalDtype):
            vals = [v for v in list(x[c]) + list(y[c]) if v == v]
            r = max(vals) - min(vals) if vals else float("nan")
            ranges[c] = r if (r == r and r >= eps) else None
    out = []
    for i in range(len(x)):
        top = [float("inf")] * n
        idx = [-1] * n
        for j in range(len(y)):
            num = den = 0.0
            for c in x.columns:
                a, b = x[c].iloc[i], y[c].iloc[j]
                if c in ranges:
                    if ranges[c] is None or a != a or b != b:
                        continue
                    num += 1.0 - abs(a - b) / ranges[c]
                else:
                    if pd.isna(a) or pd.isna(b):
                        continue
                    num += float(a == b)
                den += 1.0
            if den == 0:
                continue
            d = 1.0 - num / den
            for k in range(n):                                     # R's push()
                if d < top[k] or (d == top[k] and k < n - 1):
                    top[k + 1 :] = top[k:-1]
                    idx[k + 1 :] = idx[k:-1]
                    top[k], idx[k] = d, j
                    break
        out.append([j for j in idx if j >= 0])
    return out


def _push_reference(dist: np.ndarray, n: int) -> np.ndarray:
    mask = np.zeros(dist.shape, dtype=bool)
    for i, row in enumerate(dist):
        top, idx = [np.inf] * n, [-1] * n
        for j, d in enumerate(row):
            for k in range(n):
                if d < top[k] or (d == top[k] and k < n - 1):
                    top[k + 1 :], idx[k + 1 :] = top[k:-1], idx[k:-1]
                    top[k], idx[k] = d, j
                    break
        mask[i, [j for j in idx if j >= 0]] = True
    return mask


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_topn_mask_reproduces_gower_topn_ties(n):
    rng = np.random.default_rng(n)
    dist = rng.integers(0, 4, size=(300, 12)).astype(float) / 4      # many ties
    dist[rng.random(dist.shape) < 0.1] = np.nan                       # NaN: never chosen
    np.testing.assert_array_equal(topn_mask(dist, n), _push_reference(dist, n))


def test_gower_distance_matches_definition():
    q = pd.DataFrame({"x": [0.0, np.nan], "g": pd.Categorical(["a", "b"]), "b": [True, False]})
    d = pd.DataFrame({"x": [0.0, 4.0], "g": pd.Categorical(["b", None]), "b": [True, False]})
    got = gower_distance(q, d)
    # x range 4; row 0 vs 0: x 0, g mismatch, b both TRUE -> (0 + 1 + 0) / 3
    # row 0 vs 1: x 1, g NA, b counted (one TRUE), differ -> (1 + 1) / 2
    # row 1 vs 0: x NA, g equal, b counted, differ -> 1 / 2; row 1 vs 1: only b, both FALSE -> NaN
    np.testing.assert_allclose(got, [[1 / 3, 1.0], [0.5, np.nan]])


def test_gower_eps_option_skips_variable():
    # R: test-impute_knn.R "options": eps = 2 drops x (range 1.987), changing the neighbours
    dat_1 = pd.DataFrame({
        "x": [1e-20, 0.371, -0.399, -0.086, -1.094, -1.096, 0.012, -0.89, -1.128, -1.616],
        "y": [-0.135, 1.775, 0.068, -0.511, -0.342, -0.812, 0.937, -0.579, 0.14, 0.619],
    })
    dat_2 = pd.DataFrame({"x": [-0.573], "y": [0.922]})
    ref = topn_mask(gower_distance(dat_2, dat_1), 2)
    with pytest.warns(PytidyWarning, match=r"skipping the predictor 'x' in the Gower distance"):
        new = topn_mask(gower_distance(dat_2, dat_1, eps=2), 2)
    assert not np.array_equal(ref, new)
    assert np.flatnonzero(new[0]).tolist() == [6, 9]                  # nearest in y alone: 0.937, 0.619
    assert np.flatnonzero(ref[0]).tolist() == sorted(_ref_gower_topn(dat_2, dat_1, 2)[0])


# ---------------------------------------------------------------------------------------------
# R's biomass tests


@pytest.fixture
def biomass(modeldata):
    return modeldata("biomass")


def _split(biomass):
    tr = biomass[biomass["dataset"] == "Training"].reset_index(drop=True)
    te = biomass[biomass["dataset"] == "Testing"].reset_index(drop=True)
    rng = np.random.default_rng(9039)
    carb = rng.choice(len(te), 3, replace=False)
    nitro = rng.choice(len(te), 3, replace=False)
    te = te.copy()
    te.loc[carb, "carbon"] = np.nan
    te.loc[nitro, "nitrogen"] = np.nan
    return tr, te, carb, nitro


FORMULA = "HHV ~ carbon + hydrogen + oxygen + nitrogen + sulfur"


def test_imputation_values(biomass):
    tr, te, carb, nitro = _split(biomass)
    discr = recipe(FORMULA, tr).step_discretize("nitrogen", options={"keep_na": False})
    rec = discr.step_impute_knn("carbon", "nitrogen", impute_with=["hydrogen", "oxygen", "nitrogen"], neighbors=3)
    untrained = rec.tidy(2)
    assert untrained["terms"].tolist() == ["carbon", "nitrogen"]
    assert untrained["predictors"].isna().all() and untrained["neighbors"].tolist() == [3, 3]

    discr_p = discr.prep()
    tr_data = discr_p.bake(tr)
    te_data = discr_p.bake(te)
    prepped = rec.prep()
    imputed = prepped.bake(te)
    preds = ["hydrogen", "oxygen", "nitrogen"]

    # R: the neighbours from gower_topn(te_data, tr_data) over the rows being imputed
    nn_c = _ref_gower_topn(te_data.loc[carb, preds], tr_data[preds], 3)
    for i, nn in zip(carb, nn_c):
        assert imputed.loc[i, "carbon"] == pytest.approx(tr_data["carbon"].iloc[nn].mean(), rel=1e-12)
    nn_n = _ref_gower_topn(te_data.loc[nitro, ["hydrogen", "oxygen"]], tr_data[["hydrogen", "oxygen"]], 3)
    levels = list(tr_data["nitrogen"].cat.categories)
    for i, nn in zip(nitro, nn_n):
        counts = tr_data["nitrogen"].iloc[nn].value_counts().reindex(levels, fill_value=0)
        assert imputed.loc[i, "nitrogen"] == counts.idxmax()           # mode; ties: first level
    assert isinstance(imputed["nitrogen"].dtype, pd.CategoricalDtype)
    assert imputed[["carbon", "nitrogen"]].notna().all().all()
    rest = np.setdiff1d(np.arange(len(te)), np.r_[carb, nitro])
    pd.testing.assert_frame_equal(imputed.iloc[rest], te_data.iloc[rest])

    tidied = prepped.tidy(2).sort_values(["terms", "predictors"]).reset_index(drop=True)
    assert list(tidied.columns) == ["terms", "predictors", "neighbors", "id"]
    assert list(zip(tidied["terms"], tidied["predictors"])) == [
        ("carbon", "hydrogen"), ("carbon", "nitrogen"), ("carbon", "oxygen"),
        ("nitrogen", "hydrogen"), ("nitrogen", "oxygen")]
    assert set(tidied["neighbors"]) == {3} and set(tidied["id"]) == {"impute_knn_1"}


def test_all_na_values(biomass):
    tr, te, _, _ = _split(biomass)
    prepped = recipe(FORMULA, tr).step_impute_knn(
        "carbon", "nitrogen", impute_with=["hydrogen", "oxygen", "nitrogen"], neighbors=3).prep()
    out = prepped.bake(te.assign(carbon=np.nan))
    assert out["carbon"].isna().sum() == 0


def test_blocks_give_the_same_result(biomass, monkeypatch):
    tr, te, _, _ = _split(biomass)
    te = te.assign(carbon=np.nan)
    prepped = recipe(FORMULA, tr).step_impute_knn("carbon", neighbors=4).prep()
    whole = prepped.bake(te)
    monkeypatch.setattr(knn_mod, "_BLOCK_CELLS", 7 * len(tr))           # 7 query rows per block
    pd.testing.assert_frame_equal(prepped.bake(te), whole)


def test_donors_are_training_rows_with_the_value():
    df = pd.DataFrame({"y": np.arange(6.0), "a": [1.0, 2.0, np.nan, 4.0, 100.0, np.nan],
                       "b": [1.0, 2.0, 3.0, 4.0, 3.05, 2.9]})
    prepped = recipe("y ~ .", df).step_impute_knn("a", impute_with="b", neighbors=1).prep()
    out = prepped.bake(None)
    assert out["a"].tolist() == [1.0, 2.0, 100.0, 4.0, 100.0, 100.0]   # nearest b with a present: 3.05
    new = prepped.bake(pd.DataFrame({"y": [0.0], "a": [np.nan], "b": [1.1]}))
    assert new["a"].tolist() == [1.0]


def test_integer_column_is_rounded_and_keeps_its_dtype():
    df = pd.DataFrame({"y": np.arange(6.0), "k": pd.array([1, 2, None, 4, 5, 6], dtype="Int64"),
                       "b": [1.0, 2.0, 2.9, 4.0, 5.0, 6.0]})
    out = recipe("y ~ .", df).step_impute_knn("k", neighbors=2).prep().bake(None)
    assert str(out["k"].dtype) == "Int64"
    assert out["k"].tolist() == [1, 2, 3, 4, 5, 6]      # neighbours b = 2.0 (k 2), 4.0 (k 4): round(3)
    df2 = df.assign(b=[1.0, 2.0, 2.9, 3.0, 5.0, 6.0])
    out2 = recipe("y ~ .", df2).step_impute_knn("k", neighbors=2).prep().bake(None)
    assert out2["k"].tolist() == [1, 2, 3, 4, 5, 6]     # neighbours k 4 and 2: mean 3
    df3 = df.assign(b=[1.0, 2.0, 3.0, 3.1, 5.0, 6.0], k=pd.array([1, 2, None, 5, 5, 6], dtype="Int64"))
    out3 = recipe("y ~ .", df3).step_impute_knn("k", neighbors=2).prep().bake(None)
    assert out3["k"].tolist() == [1, 2, 4, 5, 5, 6]     # R: as.integer(round(3.5)) is 4 (half to even)


def test_character_predictors_and_targets():
    # R #926: step_impute_knn() preps with character columns (strings_as_factors)
    rng = np.random.default_rng(42)
    crit = rng.normal(size=50)
    dat = pd.DataFrame({"criterion": crit, "num_pred_a": rng.normal(size=50) + 0.8 * crit,
                        "char_pred": pd.array(np.where(crit < 0.2, "a", "b"), dtype="str")})
    dat.loc[[3, 9], "num_pred_a"] = np.nan
    dat.loc[[4, 11], "char_pred"] = None
    out = recipe("criterion ~ .", dat).step_impute_knn(all_predictors()).prep().bake(dat)
    assert out[["num_pred_a", "char_pred"]].notna().all().all()
    assert set(out["char_pred"].astype(str)) <= {"a", "b"}
    kept = recipe("criterion ~ .", dat).step_impute_knn(all_predictors()).prep(strings_as_factors=False).bake(dat)
    assert kept["char_pred"].notna().all() and kept["char_pred"].dtype == dat["char_pred"].dtype


def test_warns_when_impute_with_all_missing_in_a_row():
    df = pd.DataFrame({"y": np.arange(8.0), "mpg": [np.nan, np.nan, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
                       "am": [np.nan, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0],
                       "gear": [np.nan, 4.0, 3.0, 4.0, 3.0, 5.0, 3.0, 4.0]}, index=list("abcdefgh"))
    with pytest.warns(PytidyWarning, match=r"the `impute_with` variables for 'mpg' only contain missing "
                                           r"values for the row\(s\) with index \['a'\]; cannot impute"):
        out = recipe("y ~ .", df).step_impute_knn("mpg", impute_with=["am", "gear"]).prep().bake(None)
    assert np.isnan(out.loc["a", "mpg"]) and not np.isnan(out.loc["b", "mpg"])


def test_options_are_completed_at_prep(biomass):
    base = recipe(FORMULA, biomass)
    args = dict(impute_with=["hydrogen", "oxygen", "nitrogen"], neighbors=3)
    assert base.step_impute_knn("carbon", options={}, **args).prep().steps[0].options == {"nthread": 1, "eps": 1e-08}
    assert base.step_impute_knn("carbon", options={"nthread": 10}, **args).prep().steps[0].options == {
        "nthread": 10, "eps": 1e-08}
    assert base.step_impute_knn("carbon", options={"eps": 10}, **args).prep().steps[0].options == {
        "nthread": 1, "eps": 10}


def test_argument_errors(biomass):
    base = recipe(FORMULA, biomass)
    with pytest.raises(InvalidParameterError, match=r"`options` in step_impute_knn\(\) must only contain elements "
                                                     r"nthread and eps; the following are not allowed: wrong"):
        base.step_impute_knn(all_predictors(), options={"wrong": "wrong"})
    with pytest.raises(InvalidParameterError, match=r"`options` in step_impute_knn\(\) must be a dict"):
        base.step_impute_knn(all_predictors(), options=True)
    with pytest.raises(InvalidParameterError, match=r"`options\['eps'\]` in step_impute_knn\(\) must be a positive"):
        base.step_impute_knn(all_predictors(), options={"eps": 0})
    with pytest.raises(InvalidParameterError, match=r"`neighbors` in step_impute_knn\(\) must be a whole number >= 1"):
        base.step_impute_knn(all_predictors(), neighbors=0)
    with pytest.raises(InvalidParameterError, match=r"`impute_with` in step_impute_knn\(\) must not be None"):
        base.step_impute_knn("carbon", impute_with=None)
    with pytest.raises(InvalidParameterError, match=r"`impute_with` in step_impute_knn\(\) must be a selector"):
        base.step_impute_knn("carbon", impute_with=3)
    with pytest.raises(InvalidParameterError, match=r"step_impute_knn\(\): `impute_with` \(starts_with\(.*zz.*\)\) "
                                                     r"selected no columns"):
        from pytidy.recipes import starts_with
        base.step_impute_knn("carbon", impute_with=starts_with("zz")).prep()


def test_missing_predictor_column_is_named(biomass):
    prepped = recipe("HHV ~ carbon + hydrogen + oxygen", biomass).step_impute_knn(
        "carbon", impute_with=["hydrogen", "oxygen"]).prep()
    with pytest.raises(InvalidParameterError, match=r"lacks the column\(s\) \['hydrogen'\]"):
        prepped.bake(biomass.drop(columns=["hydrogen"]))


def test_tunable_and_print(biomass):
    rec = recipe(FORMULA, biomass).step_impute_knn(all_predictors(), neighbors=tune())
    rows = rec.tunable()
    assert [(r["name"], r["source"], r["component"], r["component_id"]) for r in rows] == [
        ("neighbors", "recipe", "step_impute_knn", "impute_knn_1")]
    assert rows[0]["object"].range == (1, 10)
    with pytest.raises(Exception, match=r"tunable recipe"):
        rec.prep()
    rec2 = recipe(FORMULA, biomass).step_impute_knn("carbon", "nitrogen", impute_with=["hydrogen"])
    assert repr(rec2.steps[0]) == "K-nearest neighbor imputation for: carbon, nitrogen"
    assert repr(rec2.prep().steps[0]) == "K-nearest neighbor imputation for: carbon, nitrogen [trained]"


def test_impute_knn_work_does_not_grow_with_rows(python_calls):
    # the neighbour search and the fill are vectorised: 10x the rows (and the missing values),
    # about the same number of Python calls
    def run(n):
        rng = np.random.default_rng(1)
        df = pd.DataFrame({"y": rng.normal(size=n), "a": rng.normal(size=n), "b": rng.normal(size=n),
                           "g": pd.Categorical(rng.choice(list("pqr"), n))})
        df.loc[rng.choice(n, n // 50, replace=False), "a"] = np.nan
        prepped = recipe("y ~ .", df).step_impute_knn("a").prep()
        out = prepped.bake(df)
        assert out["a"].notna().all()
        return python_calls(prepped.bake, df)

    small, large = run(2_000), run(20_000)
    assert large < 1.2 * small + 100, (small, large)
