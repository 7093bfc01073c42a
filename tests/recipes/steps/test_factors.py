"""Factor and name steps: rename, string2factor, factor2string, num2factor, integer, bin2factor,
relevel, clean_names, clean_levels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pytidy.errors import InvalidParameterError
from pytidy.recipes import all_nominal_predictors, all_predictors, recipe
from pytidy.recipes.steps.bin2factor import step_bin2factor
from pytidy.recipes.steps.clean_levels import step_clean_levels
from pytidy.recipes.steps.clean_names import make_clean_names, step_clean_names
from pytidy.recipes.steps.factor2string import step_factor2string
from pytidy.recipes.steps.integer import step_integer
from pytidy.recipes.steps.num2factor import step_num2factor
from pytidy.recipes.steps.relevel import step_relevel
from pytidy.recipes.steps.rename import step_rename
from pytidy.recipes.steps.string2factor import step_string2factor


@pytest.fixture
def df():
    return pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "x": [1.0, 2.0, np.nan, 4.0],
                         "s": pd.array(["b", "a", None, "c"], dtype="str")})


def test_rename(df):
    p = step_rename(recipe("y ~ .", df), {"new s": "s"}, ex="x").prep()
    assert p.bake(df).columns.tolist() == ["ex", "new s", "y"]
    tid = p.tidy(1)
    assert tid["terms"].tolist() == ["new s", "ex"] and tid["value"].tolist() == ["s", "x"]
    assert repr(p.steps[0]) == "Variable renaming for: new s = s, ex = x [trained]"


def test_rename_errors(df):
    rec = recipe("y ~ .", df)
    with pytest.raises(InvalidParameterError, match=r"column\(s\) \['zz'\] to rename do not exist"):
        step_rename(rec, a="zz").prep()
    with pytest.raises(InvalidParameterError, match=r"new name\(s\) \['y'\] are already columns"):
        step_rename(rec, y="x").prep()
    with pytest.raises(InvalidParameterError, match="renamed more than once"):
        step_rename(rec, a="x", b="x")
    with pytest.raises(InvalidParameterError, match="must be non-empty strings"):
        step_rename(rec, {"a": 3})
    with pytest.raises(InvalidParameterError, match="pass new=old pairs"):
        step_rename(rec, ["a"])


def test_string2factor(df):
    p = step_string2factor(recipe("y ~ .", df), "s").prep(strings_as_factors=False)
    out = p.bake(df)["s"]
    assert out.cat.categories.tolist() == ["a", "b", "c"] and not out.cat.ordered
    p = step_string2factor(recipe("y ~ .", df), "s", levels=["c", "b"], ordered=True).prep()
    out = p.bake(df)["s"]
    assert out.cat.categories.tolist() == ["c", "b"] and out.cat.ordered
    assert out.isna().tolist() == [False, True, True, False]  # "a" is not a level
    assert p.tidy(1)["ordered"].tolist() == [True]


def test_string2factor_errors(df):
    with pytest.raises(InvalidParameterError, match="all selected columns must be string or factor or ordered"):
        step_string2factor(recipe("y ~ .", df), "x").prep()
    with pytest.raises(InvalidParameterError, match="`levels` in step_string2factor\\(\\) must be a list of unique"):
        step_string2factor(recipe("y ~ .", df), "s", levels="abc")


def test_factor2string(df):
    p = step_factor2string(recipe("y ~ .", df), all_nominal_predictors()).prep()
    out = p.bake(df)["s"]
    assert not isinstance(out.dtype, pd.CategoricalDtype)
    assert out.tolist()[0] == "b" and out.isna().tolist() == [False, False, True, False]
    with pytest.raises(InvalidParameterError, match="all selected columns must be factor or ordered"):
        step_factor2string(recipe("y ~ .", df), "x").prep()


def test_num2factor_is_one_based_as_r():
    d = pd.DataFrame({"y": [1.0] * 6, "x": [1, 2, 3, 0, 4, np.nan]})
    p = step_num2factor(recipe("y ~ .", d), "x", levels=["one", "two", "three"]).prep()
    out = p.bake(d)["x"]
    assert out.tolist()[:3] == ["one", "two", "three"] and out.isna().tolist()[3:] == [True, True, True]
    p = step_num2factor(recipe("y ~ .", d), "x", transform=lambda v: v + 1, levels=["a", "b", "c", "d", "e"],
                        ordered=True).prep()
    out = p.bake(d)["x"]
    assert out.tolist()[:5] == ["b", "c", "d", "a", "e"] and out.cat.ordered


def test_num2factor_errors(df):
    rec = recipe("y ~ .", df)
    with pytest.raises(InvalidParameterError, match="character vector of appropriate length for `levels`"):
        step_num2factor(rec, "x")
    with pytest.raises(InvalidParameterError, match="`levels` in step_num2factor\\(\\) must be unique"):
        step_num2factor(rec, "x", levels=["a", "a"])
    with pytest.raises(InvalidParameterError, match="`transform` in step_num2factor\\(\\) must be a function"):
        step_num2factor(rec, "x", levels=["a"], transform=3)
    with pytest.raises(InvalidParameterError, match="one value per row"):
        step_num2factor(rec, "x", levels=["a"], transform=lambda v: v[:1]).prep()


def test_integer_codes_and_new_values():
    tr = pd.DataFrame({"y": [1.0] * 4, "n": [10.0, 5.0, 7.5, 5.0],
                       "g": pd.Categorical(["u", "w", "u", "u"], categories=["w", "u", "z"])})
    te = pd.DataFrame({"y": [1.0] * 3, "n": [7.5, 99.0, np.nan], "g": pd.Categorical(["z", "u", "q"])})
    p = step_integer(recipe("y ~ .", tr), all_predictors()).prep()
    out = p.bake(te)
    assert out["n"].tolist()[:2] == [2, 0] and np.isnan(out["n"].iloc[2])  # unseen -> 0, NA stays NA (R)
    assert out["g"].tolist() == [3, 2, 0] and out["g"].dtype == np.int64
    assert p.tidy(1)["value"].tolist() == [[5.0, 7.5, 10.0], ["w", "u", "z"]]
    z = step_integer(recipe("y ~ .", tr), "g", zero_based=True, strict=False).prep().bake(te)["g"]
    assert z.tolist() == [2.0, 1.0, 3.0] and z.dtype == np.float64  # unseen -> len(key) (R)


def test_bin2factor():
    d = pd.DataFrame({"y": [1.0] * 4, "b": [1, 0, np.nan, 1], "l": [True, False, True, True]})
    p = step_bin2factor(recipe("y ~ .", d), "b", "l").prep()
    out = p.bake(d)
    assert out["b"].tolist()[:2] == ["yes", "no"] and out["b"].isna().tolist() == [False, False, True, False]
    assert out["l"].tolist() == ["yes", "no", "yes", "yes"] and out["l"].cat.categories.tolist() == ["yes", "no"]
    out = step_bin2factor(recipe("y ~ .", d), "l", levels=("T", "F"), ref_first=False).prep().bake(d)["l"]
    assert out.tolist() == ["T", "F", "T", "T"] and out.cat.categories.tolist() == ["F", "T"]


def test_bin2factor_errors():
    d = pd.DataFrame({"y": [1.0, 2.0], "b": [0, 2]})
    with pytest.raises(InvalidParameterError, match="should be 0/1.*\\['b'\\]"):
        step_bin2factor(recipe("y ~ .", d), "b").prep()
    with pytest.raises(InvalidParameterError, match="`levels` in step_bin2factor\\(\\) should be two different"):
        step_bin2factor(recipe("y ~ .", d), "b", levels=("a",))


def test_relevel(df):
    p = step_relevel(recipe("y ~ .", df), "s", ref_level="c").prep()
    out = p.bake(pd.DataFrame({"x": [1.0, 2.0], "s": ["a", "zz"]}))["s"]
    assert out.cat.categories.tolist() == ["c", "a", "b"]  # the recipe keeps the prepped levels
    assert out.tolist()[0] == "a" and out.isna().tolist() == [False, True]
    assert p.tidy(1)["value"].tolist() == ["c"]
    with pytest.raises(InvalidParameterError, match="do not include the required reference level 'q'"):
        step_relevel(recipe("y ~ .", df), "s", ref_level="q").prep()
    with pytest.raises(InvalidParameterError, match="`ref_level` in step_relevel\\(\\) must be a non-empty string"):
        step_relevel(recipe("y ~ .", df), "s", ref_level=1)


def test_relevel_skip_keeps_levels(df):
    p = step_relevel(recipe("y ~ .", df), "s", ref_level="c", skip=True).prep()
    assert p.bake(df)["s"].cat.categories.tolist() == ["a", "b", "c"]


def test_make_clean_names_like_janitor():
    assert make_clean_names(["Sepal.Length", "sepal_length", "camelCase", "  lead", "#id", "x"]) == [
        "sepal_length", "sepal_length_2", "camel_case", "lead", "number_id", "x"]
    assert make_clean_names(["", "ÄpfelÜber", "a  b", "a__b"]) == ["x", "apfel_uber", "a_b", "a_b_2"]


def test_clean_names(df):
    d = df.rename(columns={"x": "Big X", "s": "sVal"})
    p = step_clean_names(recipe("y ~ .", d), all_predictors()).prep()
    assert p.bake(d).columns.tolist() == ["big_x", "s_val", "y"]
    assert p.tidy(1).to_dict("list") == {"terms": ["Big X", "sVal"], "value": ["big_x", "s_val"],
                                         "id": ["clean_names_1"] * 2}
    clash = pd.DataFrame({"y": [1.0], "A": [1.0], "a": [2.0]})
    with pytest.raises(InvalidParameterError, match=r"cleaned name\(s\) \['a'\] are already names"):
        step_clean_names(recipe("y ~ .", clash), "A").prep()


def test_clean_levels_factor_and_string():
    d = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": pd.Categorical(["New York", "new-york", None]),
                      "s": pd.array(["Big Apple", "x y", "Big Apple"], dtype="str")})
    p = step_clean_levels(recipe("y ~ .", d), "g").prep()
    out = p.bake(d)["g"]
    assert out.cat.categories.tolist() == ["new_york", "new_york_2"]
    assert out.tolist()[:2] == ["new_york", "new_york_2"] and out.isna().tolist()[2]
    tid = p.tidy(1)
    assert tid["original"].tolist() == ["New York", "new-york"]
    p = step_clean_levels(recipe("y ~ .", d), "s").prep(strings_as_factors=False)
    out = p.bake(d)["s"]
    assert out.tolist() == ["big_apple", "x_y", "big_apple"] and not isinstance(out.dtype, pd.CategoricalDtype)
    assert p.bake(pd.DataFrame({"y": [1.0], "g": ["A"], "s": ["New One"]}))["s"].tolist() == ["new_one"]
    with pytest.raises(InvalidParameterError, match="all selected columns must be string or factor or ordered"):
        step_clean_levels(recipe("y ~ .", d), "y").prep()


def test_renamed_columns_keep_their_roles():
    import pandas as pd

    from pytidy.recipes import recipe as make_recipe
    from pytidy.recipes import step_clean_names as clean, step_rename as rename

    d = pd.DataFrame({"Y": [1.0, 2.0, 3.0], "x": [1.0, 0.0, 2.0], "id": ["a", "b", "c"]})
    rec = make_recipe("Y ~ .", d).update_role("id", new_role="id variable")
    info = rename(rec, outcome="Y").prep().term_info
    assert dict(zip(info["variable"], info["role"])) == {"outcome": "outcome", "x": "predictor", "id": "id variable"}
    info = clean(make_recipe("Y ~ x", d), "Y").prep().term_info
    assert dict(zip(info["variable"], info["role"]))["y"] == "outcome"
