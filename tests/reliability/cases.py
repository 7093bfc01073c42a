"""The reliability cases: what a careless user, odd frames and broken engines were tried with.

Each case is a row of ``CASES`` (area, what was tried, the outcome pytidy guarantees) and a check
function; ``test_cases.py`` runs every check, and ``render.py`` writes the table to
``docs/reliability.md`` (``test_doc_is_current`` fails when the doc is stale). Expected values
come from outside the code under test: numpy, statsmodels, closed forms, or the pandas result of
the same call for the input-kind matrix.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.parsnip.registry import EngineInfo, temporary_engine

DATA = Path(__file__).resolve().parents[1] / "data" / "modeldata"


@dataclass(frozen=True)
class Case:
    area: str
    tried: str
    outcome: str
    check: Callable[[], None]

    @property
    def id(self) -> str:
        return f"{self.area}: {self.tried}"


CASES: list[Case] = []


def case(area: str, tried: str, outcome: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def add(fn: Callable[[], None]) -> Callable[[], None]:
        CASES.append(Case(area, tried, outcome, fn))
        return fn

    return add


def modeldata(name: str) -> pd.DataFrame:
    df = pd.read_csv(DATA / f"{name}.csv")
    for col, lv in json.loads((DATA / "levels.json").read_text()).get(name, {}).items():
        df[col] = pd.Categorical(df[col].astype(str), categories=lv)
    return df


def small(n: int = 40, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    df["y"] = 1 + 2 * df["x1"] - df["x2"] + rng.normal(scale=0.5, size=n)
    df["cls"] = pd.Categorical(np.where(df["x1"] + rng.normal(size=n) > 0, "yes", "no"), categories=["yes", "no"])
    return df


def raises(match: str, fn: Callable[[], object], exc: type[BaseException] = InvalidParameterError) -> None:
    with pytest.raises(exc, match=match):
        fn()


# -- outcomes -------------------------------------------------------------------------------------

def _levels_of(y: pd.Series) -> tuple[str, ...]:
    df = small().assign(cls=y)
    return tm.logistic_reg().fit("cls ~ x1", data=df).lvl


for _dtype in ("object", "str", "string", "string[pyarrow]"):
    def _check(dtype: str = _dtype) -> None:
        base = small()
        y = pd.Series(base["cls"].astype(str).to_numpy(), dtype=dtype)
        fit = tm.logistic_reg().fit("cls ~ x1", data=base.assign(cls=y))
        assert fit.lvl == ("no", "yes")  # sorted, as R's factor()
        ref = tm.logistic_reg().fit("cls ~ x1", data=base.assign(
            cls=pd.Categorical(base["cls"].astype(str), categories=["no", "yes"])))
        pd.testing.assert_frame_equal(fit.predict(base, type="prob"), ref.predict(base, type="prob"))

    case("outcome", f"classification with a {_dtype} outcome",
         "fits; levels are the sorted values (R's factor()), same model as the categorical")(_check)


@case("outcome", "classification with a bool outcome", "fits; levels False, True (the first is the event)")
def _bool_outcome() -> None:
    base = small()
    assert _levels_of(base["cls"].eq("yes")) == ("False", "True")
    assert _levels_of(pd.Series(pd.array(base["cls"].eq("yes"), dtype="boolean"))) == ("False", "True")


@case("outcome", "classification with an integer outcome (int64, Int64)", "fits; levels are the sorted integers")
def _int_outcome() -> None:
    base = small()
    y = np.where(base["cls"] == "yes", 7, 3)
    assert _levels_of(pd.Series(y)) == ("3", "7")
    assert _levels_of(pd.Series(pd.array(y, dtype="Int64"))) == ("3", "7")


@case("outcome", "a categorical outcome keeps its own level order", "levels and .pred_ columns in category order")
def _cat_order() -> None:
    base = small()
    fit = tm.logistic_reg().fit("cls ~ x1", data=base)
    assert fit.lvl == ("yes", "no")
    assert fit.predict(base, type="prob").columns.tolist() == [".pred_yes", ".pred_no"]


@case("outcome", "a categorical outcome in regression mode", "InvalidParameterError saying to use classification")
def _cat_in_regression() -> None:
    raises(r"regression model the outcome should be numeric; `cls` has dtype category.*set_mode\('classification'\)",
           lambda: tm.linear_reg().fit("cls ~ x1", data=small()))


@case("outcome", "a float outcome in classification mode", "InvalidParameterError saying to convert or use regression")
def _float_in_classification() -> None:
    raises(r"classification model the outcome should be a factor-like column.*astype\('category'\)",
           lambda: tm.logistic_reg().fit("y ~ x1", data=small()))


@case("outcome", "inf in a regression outcome", "InvalidParameterError naming the column")
def _inf_outcome() -> None:
    df = small()
    df.loc[2, "y"] = np.inf
    raises(r"outcome `y` has infinite values \(1 rows\)", lambda: tm.linear_reg().fit("y ~ x1", data=df))


# -- engines that misbehave ---------------------------------------------------------------------------

def _fake(prob: Callable[[int], np.ndarray], engine: str = "fake") -> EngineInfo:
    return EngineInfo(model="logistic_reg", engine=engine, mode="classification",
                      fit=lambda x, y, *, seed: None, predict={"prob": lambda m, x: prob(len(x))})


@case("predict", "an engine's prob output has the wrong shape", "InvalidParameterError naming the engine")
def _prob_shape() -> None:
    with temporary_engine(_fake(lambda n: np.full((n, 3), 1 / 3))):
        fit = tm.logistic_reg().set_engine("fake").fit("cls ~ x1", data=small())
        raises(r"fake engine of logistic_reg\(\) returned probabilities of shape \(40, 3\); expected \(40, 2\)",
               lambda: fit.predict(small(), type="prob"))


@case("predict", "an engine's prob rows do not sum to 1 (tol 1e-6)", "InvalidParameterError naming the engine")
def _prob_sum() -> None:
    with temporary_engine(_fake(lambda n: np.column_stack([np.full(n, 0.5), np.full(n, 0.5 + 2e-6)]))):
        fit = tm.logistic_reg().set_engine("fake").fit("cls ~ x1", data=small())
        raises(r"fake engine of logistic_reg\(\) returned probabilities whose rows do not sum to 1",
               lambda: fit.predict(small(), type="class"))
    with temporary_engine(_fake(lambda n: np.column_stack([np.full(n, 0.5), np.full(n, 0.5 + 1e-9)]))):
        fit = tm.logistic_reg().set_engine("fake").fit("cls ~ x1", data=small())
        assert len(fit.predict(small(), type="prob")) == 40  # within the tolerance


@case("predict", "an engine returns NaN probabilities (a diverged model)", "NaN in .pred_class, never the first level")
def _nan_prob() -> None:
    def prob(n: int) -> np.ndarray:
        p = np.tile([0.2, 0.8], (n, 1))
        p[0] = np.nan
        return p

    with temporary_engine(_fake(prob)):
        fit = tm.logistic_reg().set_engine("fake").fit("cls ~ x1", data=small())
        cls = fit.predict(small())[".pred_class"]
        assert pd.isna(cls.iloc[0]) and (cls.iloc[1:] == "no").all()


@case("predict", "an engine that cannot take NaN, rows with missing predictors", "NaN in place (R's na.pass); the engine sees complete rows only")
def _na_pass() -> None:
    seen = []

    def prob(m: object, x: pd.DataFrame) -> np.ndarray:
        seen.append(int(x.isna().to_numpy().sum()))
        return np.tile([0.3, 0.7], (len(x), 1))

    info = EngineInfo(model="logistic_reg", engine="fake", mode="classification",
                      fit=lambda x, y, *, seed: None, predict={"prob": prob})
    with temporary_engine(info):
        fit = tm.logistic_reg().set_engine("fake").fit_xy(small()[["x1", "x2"]], small()["cls"])
        new = small().head(4).assign(x2=[1.0, np.nan, 2.0, np.nan])
        out = fit.predict(new, type="prob")
        assert out.index.tolist() == new.index.tolist() and seen == [0]
        assert out[".pred_yes"].isna().tolist() == [False, True, False, True]


@case("predict", "lm with missing predictors, formula and x/y", "one row per input row, NaN where a predictor is missing")
def _lm_na() -> None:
    df = small()
    new = df.head(5).copy()
    new.loc[new.index[[1, 3]], "x1"] = np.nan
    for fit in (tm.linear_reg().fit("y ~ x1 + x2", data=df), tm.linear_reg().fit_xy(df[["x1", "x2"]], df["y"])):
        pred = fit.predict(new)
        assert len(pred) == 5 and pred[".pred"].isna().tolist() == [False, True, False, True, False]


@case("predict", "predict() on a numpy array and on a polars frame", "works (was: 'NoneType' object is not callable)")
def _predict_array() -> None:
    import polars as pl

    df = small()
    fit = tm.linear_reg().fit("y ~ x1 + x2", data=df)
    ref = fit.predict(df)[".pred"].to_numpy()
    np.testing.assert_allclose(fit.predict(df[["x1", "x2"]].to_numpy())[".pred"], ref)
    np.testing.assert_allclose(fit.predict(pl.from_pandas(df))[".pred"], ref)
    raises(r"must be a pandas DataFrame \(or a polars/pyarrow frame, or a 2-D numpy array\); got list",
           lambda: fit.predict([[1.0, 2.0]]))


@case("predict", "predict(type=...) on 0 rows", "an empty frame with the right columns (was: a reshape ValueError)")
def _zero_rows() -> None:
    df = small()
    clf = tm.logistic_reg().fit("cls ~ x1", data=df)
    prob = clf.predict(df.iloc[:0], type="prob")
    assert prob.shape == (0, 2) and prob.columns.tolist() == [".pred_yes", ".pred_no"]
    cls = clf.predict(df.iloc[:0])
    assert cls.shape == (0, 1) and cls[".pred_class"].cat.categories.tolist() == ["yes", "no"]
    reg = tm.linear_reg().fit("y ~ x1", data=df)
    assert reg.predict(df.iloc[:0]).shape == (0, 1)
    assert reg.predict(df.iloc[:0], type="conf_int").columns.tolist() == [".pred_lower", ".pred_upper"]


@case("inputs", "pytidy's modules and polars", "no module imports polars at import time: it is imported only when a polars object is passed (pandas itself loads pyarrow)")
def _lazy_imports() -> None:
    import ast

    root = Path(tm.__file__).resolve().parent
    eager = []
    for path in root.rglob("*.py"):
        for node in ast.parse(path.read_text()).body:  # module level only; function bodies are lazy
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "polars" for n in names):
                eager.append(str(path.relative_to(root)))
    assert not eager, eager


# -- one column check on every path ---------------------------------------------------------------------

def _three_paths(df: pd.DataFrame) -> list[Callable[[], object]]:
    spec = tm.linear_reg()
    return [
        lambda: spec.fit("y ~ .", data=df),
        lambda: tm.workflow().add_model(spec).add_recipe(tm.recipe("y ~ .", df)).fit(df),
        lambda: spec.fit_xy(df.drop(columns="y"), df["y"]),
    ]


@case("columns", "duplicated column names (formula, recipe, x/y paths)", "the same InvalidParameterError on each path (was: x1[x1] fitted)")
def _dup_names() -> None:
    df = small()[["x1", "x2", "y"]]
    df.columns = ["x1", "x1", "y"]
    for call in _three_paths(df):
        raises(r"has duplicated column names \['x1'\]", call)


@case("columns", "non-string, non-integer column names (a tuple)", "the same InvalidParameterError on each path")
def _bad_names() -> None:
    df = small()[["x1", "x2", "y"]]
    df.columns = [("a", 1), "x2", "y"]
    for call in _three_paths(df):
        raises(r"every column name of `(data|x)` must be a string; got \[\('a', 1\)\]", call)


@case("columns", "integer column names on the formula path", "work: named '0', '1', ... (was: formulaic FactorEvaluationError)")
def _int_names() -> None:
    df = small()[["x1", "x2", "y"]]
    df.columns = [0, 1, "y"]
    fit = tm.linear_reg().fit("y ~ .", data=df)
    assert fit.tidy()["term"].tolist() == ["(Intercept)", "0", "1"]
    assert df.columns.tolist() == [0, 1, "y"]  # the caller's frame keeps its names


@case("columns", "a datetime predictor (formula, recipe, x/y paths)", "the same InvalidParameterError on each path (was: numpy UFuncTypeError)")
def _datetime() -> None:
    df = small()[["x1", "y"]].assign(d=pd.date_range("2020-01-01", periods=40))
    for call in _three_paths(df):
        raises(r"cannot take the predictor column\(s\) \['d'\] \(kind datetime\).*step_date", call)


@case("columns", "pandas 'string' and string[pyarrow] columns on the formula path", "work, same coefficients as object strings (was: ValueError)")
def _string_cols() -> None:
    base = small().assign(g=np.tile(["a", "b", "c", "d"], 10))
    ref = tm.linear_reg().fit("y ~ x1 + g", data=base.assign(g=base["g"].astype(object))).tidy()
    for dtype in ("string", "string[pyarrow]"):
        got = tm.linear_reg().fit("y ~ x1 + g", data=base.assign(g=base["g"].astype(dtype))).tidy()
        pd.testing.assert_frame_equal(got, ref)


@case("columns", "an unseen factor level at predict (formula path)", "NaN prediction with a PytidyWarning, as R's step_dummy (was: the reference level's prediction)")
def _unseen() -> None:
    base = small().assign(g=pd.Categorical(np.tile(["a", "b"], 20)))
    fit = tm.linear_reg().fit("y ~ x1 + g", data=base)
    new = base.head(3).assign(g=pd.Categorical(["a", "zz", "b"]))
    with pytest.warns(PytidyWarning, match=r"levels not seen when the model was fitted \(`g`: \['zz'\]\)"):
        pred = fit.predict(new)
    assert pred[".pred"].isna().tolist() == [False, True, False]


@case("columns", "a None in a text column (formula path), at predict and at fit", "NaN prediction; the row is left out of the fit (R's na.omit)")
def _none_text() -> None:
    base = small().assign(g=np.tile(["a", "b"], 20).astype(object))
    fit = tm.linear_reg().fit("y ~ x1 + g", data=base)
    pred = fit.predict(base.head(2).assign(g=[None, "a"]))
    assert pred[".pred"].isna().tolist() == [True, False]
    holed = base.copy()
    holed.loc[0, "g"] = None
    a = tm.linear_reg().fit("y ~ x1 + g", data=holed).tidy()["estimate"]
    b = tm.linear_reg().fit("y ~ x1 + g", data=base.iloc[1:]).tidy()["estimate"]
    np.testing.assert_allclose(a, b, rtol=1e-12)


@case("columns", "a column whose kind changed between fit and predict", "InvalidParameterError naming the column")
def _kind_changed() -> None:
    df = small()
    fit = tm.linear_reg().fit_xy(df[["x1", "x2"]], df["y"])
    raises(r"the column\(s\) \['x1'\] of new_data have kind\(s\) \['nominal'\] but were \['numeric'\]",
           lambda: fit.predict(df.head(2).assign(x1=["a", "b"])))


@case("columns", "bake() on new data whose column changed kind (numbers to text)", "InvalidParameterError naming the column (was: ValueError from a step)")
def _bake_kind() -> None:
    df = small()[["x1", "x2", "y"]]
    prepped = tm.recipe("y ~ .", df).step_normalize(tm.all_numeric_predictors()).prep()
    raises(r"bake\(\): the column\(s\) \['x1'\] of new_data have kind\(s\) \['nominal'\] but were \['numeric'\]",
           lambda: prepped.bake(df.head(2).assign(x1=["a", "b"])))


# -- non-finite values ------------------------------------------------------------------------------------

_ENGINES = {
    "lm": lambda: tm.linear_reg(),
    "glmnet": lambda: tm.linear_reg(penalty=0.1).set_engine("glmnet"),
    "tabnet": lambda: tm.tabnet(epochs=1, decision_width=4, attention_width=4, num_steps=1,
                                batch_size=32, virtual_batch_size=16).set_mode("regression"),
}


@case("non-finite", "+inf / -inf in a predictor at fit (lm, glmnet, tabnet, glm)", "InvalidParameterError naming the column (was: LinAlgError, NaN predictions)")
def _inf_fit() -> None:
    for sign in (1, -1):
        df = small()
        df.loc[3, "x2"] = sign * np.inf
        for name, make in _ENGINES.items():
            raises(r"predictor column\(s\) \['x2'\] contain infinite values", lambda: make().fit("y ~ .", data=df.drop(columns="cls")))
        raises(r"predictor column\(s\) \['x2'\] contain infinite values", lambda: tm.logistic_reg().fit("cls ~ x1 + x2", data=df))


@case("non-finite", "inf in a predictor at predict (formula, x/y, workflow)", "InvalidParameterError naming the column")
def _inf_predict() -> None:
    df = small()
    new = df.head(3).assign(x1=[0.0, -np.inf, 1.0])
    fits = [tm.linear_reg().fit("y ~ x1 + x2", data=df), tm.linear_reg().fit_xy(df[["x1", "x2"]], df["y"]),
            tm.workflow().add_model(tm.linear_reg()).add_recipe(tm.recipe("y ~ x1 + x2", df)).fit(df)]
    for fit in fits:
        raises(r"predict\(\): the predictor column\(s\) \['x1'\] contain infinite values", lambda: fit.predict(new))


@case("non-finite", "learn_rate=inf, penalty=nan, mixture=-inf (main and engine args)", "InvalidParameterError before any fitting")
def _nonfinite_args() -> None:
    df = small()
    raises(r"The `learn_rate` of tabnet\(\) must be a finite number; got inf",
           lambda: tm.tabnet(learn_rate=float("inf")).set_mode("regression").fit("y ~ x1", data=df))
    raises(r"The `penalty` of linear_reg\(\) must be a finite number; got nan",
           lambda: tm.linear_reg(penalty=float("nan")).set_engine("glmnet").fit("y ~ x1", data=df))
    raises(r"The `mixture` of linear_reg\(\) must be a finite number; got -inf",
           lambda: tm.linear_reg(penalty=0.1, mixture=-np.inf).set_engine("glmnet").fit_xy(df[["x1"]], df["y"]))
    raises(r"The engine argument `momentum` of tabnet\(\) must be a finite number",
           lambda: tm.tabnet().set_engine("torch", momentum=np.nan).set_mode("regression").fit("y ~ x1", data=df))


@case("non-finite", "inf in lm data", "a pytidy error and nothing on stderr (was: LinAlgError: SVD did not converge + LAPACK noise)")
def _inf_lm_quiet() -> None:
    from pytidy.engines.linear import fit_lm

    df = small()
    df.loc[0, "x1"] = np.inf
    raises(r"The lm engine cannot use infinite values .* found them in \['x1'\]",
           lambda: fit_lm(df[["x1", "x2"]], df["y"]))


# -- least squares -----------------------------------------------------------------------------------------

def _concrete() -> tuple[pd.DataFrame, pd.Series]:
    c = modeldata("concrete")
    return c.drop(columns="compressive_strength"), c["compressive_strength"]


@case("lm", "lm on concrete vs numpy's least squares", "coefficients agree to 1e-8")
def _lm_concrete() -> None:
    x, y = _concrete()
    fit = tm.linear_reg().fit_xy(x, y)
    X = np.column_stack([np.ones(len(x)), x.to_numpy(float)])
    ref = np.linalg.lstsq(X, y.to_numpy(float), rcond=None)[0]
    np.testing.assert_allclose(fit.tidy()["estimate"], ref, rtol=1e-8)


@case("lm", "a column scaled by 1e300", "its estimate and std.error scale by 1e-300; t statistics and everything else unchanged")
def _lm_scale() -> None:
    x, y = _concrete()
    a = tm.linear_reg().fit_xy(x, y).tidy()
    b = tm.linear_reg().fit_xy(x.assign(cement=x["cement"] * 1e300), y).tidy()
    np.testing.assert_allclose(b["estimate"].iloc[1] * 1e300, a["estimate"].iloc[1], rtol=1e-8)
    np.testing.assert_allclose(b["std.error"].iloc[1] * 1e300, a["std.error"].iloc[1], rtol=1e-8)
    np.testing.assert_allclose(b["statistic"], a["statistic"], rtol=1e-8)
    np.testing.assert_allclose(b.drop(index=1)[["estimate", "std.error"]], a.drop(index=1)[["estimate", "std.error"]], rtol=1e-8)


@case("lm", "an aliased column (x3 = 2 * x1) in lm and glm", "NA (NaN) coefficient for the later column, as R; the others as without it")
def _aliased() -> None:
    df = small()
    for spec, formula in ((tm.linear_reg(), "y ~ x1 + x2"), (tm.logistic_reg(), "cls ~ x1 + x2")):
        full = spec.fit(formula.replace("x1 +", "x1 + x3 +"), data=df.assign(x3=2 * df["x1"])).tidy()
        ref = spec.fit(formula, data=df).tidy()
        assert full["term"].tolist() == ["(Intercept)", "x1", "x3", "x2"]
        assert full.loc[2, ["estimate", "std.error", "statistic", "p.value"]].isna().all()
        np.testing.assert_allclose(full.drop(index=2)["estimate"], ref["estimate"], rtol=1e-8)
        np.testing.assert_allclose(full.drop(index=2)["std.error"], ref["std.error"], rtol=1e-8)


@case("lm", "lm tidy()/glance()/vcov() vs statsmodels OLS", "R's broom column names; values agree to 1e-8")
def _lm_broom() -> None:
    import statsmodels.api as sm

    x, y = _concrete()
    fit = tm.linear_reg().fit_xy(x, y)
    ref = sm.OLS(y.astype(float), sm.add_constant(x.astype(float))).fit()
    tidy, glance, vcov = tm.tidy(fit), tm.glance(fit), tm.vcov(fit)  # the free functions call the methods
    assert tidy.columns.tolist() == ["term", "estimate", "std.error", "statistic", "p.value"]
    np.testing.assert_allclose(tidy[["std.error", "statistic"]], np.column_stack([ref.bse, ref.tvalues]), rtol=1e-8)
    np.testing.assert_allclose(tidy["p.value"], ref.pvalues, rtol=1e-6, atol=1e-300)
    assert glance.columns.tolist() == ["r.squared", "adj.r.squared", "sigma", "statistic", "p.value", "df",
                                       "logLik", "AIC", "BIC", "deviance", "df.residual", "nobs"]
    g = glance.iloc[0]
    want = [ref.rsquared, ref.rsquared_adj, np.sqrt(ref.scale), ref.fvalue, ref.df_model, ref.llf, ref.aic + 2,
            ref.bic + np.log(ref.nobs), ref.ssr, ref.df_resid, ref.nobs]
    got = g[["r.squared", "adj.r.squared", "sigma", "statistic", "df", "logLik", "AIC", "BIC", "deviance",
             "df.residual", "nobs"]].to_numpy(float)
    np.testing.assert_allclose(got, want, rtol=1e-8)  # R's AIC/BIC count sigma as a parameter (+1)
    np.testing.assert_allclose(vcov.to_numpy(), ref.cov_params().to_numpy(), rtol=1e-8)
    assert vcov.index.tolist() == tidy["term"].tolist()


@case("lm", "glm on two_class_dat vs statsmodels Logit", "coefficients, std.error, glance and vcov agree to 1e-6")
def _glm_broom() -> None:
    import statsmodels.api as sm

    d = modeldata("two_class_dat")
    fit = tm.logistic_reg().fit("Class ~ A + B", data=d)
    ref = sm.GLM((d["Class"].cat.codes == 1).astype(float), sm.add_constant(d[["A", "B"]]),
                 family=sm.families.Binomial()).fit(tol=1e-12)
    tidy = fit.tidy()
    np.testing.assert_allclose(tidy["estimate"], ref.params, rtol=1e-6)
    np.testing.assert_allclose(tidy["std.error"], ref.bse, rtol=1e-6)
    np.testing.assert_allclose(tidy["statistic"], ref.tvalues, rtol=1e-6)
    g = fit.glance()
    assert g.columns.tolist() == ["null.deviance", "df.null", "logLik", "AIC", "BIC", "deviance", "df.residual", "nobs"]
    np.testing.assert_allclose(g.iloc[0].to_numpy(float), [ref.null_deviance, ref.df_model + ref.df_resid,
                               ref.llf, ref.aic, ref.bic_llf, ref.deviance, ref.df_resid, ref.nobs], rtol=1e-6)
    np.testing.assert_allclose(fit.vcov().to_numpy(), ref.cov_params().to_numpy(), rtol=1e-6)


@case("lm", "lm's tol argument (R: lm(tol=))", "a nearly collinear column is kept at tol=1e-7 and aliased at tol=1e-3")
def _lm_tol() -> None:
    from pytidy.engines.linear import fit_lm

    df = small()
    x = df[["x1"]].assign(z=df["x1"] + 1e-5 * df["x2"])
    assert np.isfinite(fit_lm(x, df["y"]).coef).all()
    assert np.isnan(fit_lm(x, df["y"], tol=1e-3).coef[2])


# -- yardstick --------------------------------------------------------------------------------------------

@case("metrics", "rmse() on a factor truth", "InvalidParameterError pointing to class metrics (was: ValueError could not convert string to float)")
def _rmse_factor() -> None:
    df = pd.DataFrame({"t": pd.Categorical(["a", "b"]), "e": [1.0, 2.0]})
    raises(r"`truth` in rmse\(\) must be numeric; got a categorical \(factor\).*accuracy\(\)", lambda: tm.rmse(df, "t", "e"))
    raises(r"`truth` in rmse\(\) must be numeric; got values of kind 'string'", lambda: tm.rmse_vec(np.array(["a", "b"]), np.array([1.0, 2.0])))


@case("metrics", "accuracy() / roc_auc() on a numeric (float) truth", "InvalidParameterError pointing to numeric metrics")
def _class_numeric() -> None:
    df = pd.DataFrame({"t": [1.5, 2.5, 1.5], "e": pd.Categorical(["a", "b", "a"]), "p": [0.2, 0.4, 0.9]})
    raises(r"`truth` in accuracy\(\) must be a factor-like column.*rmse\(\)", lambda: tm.accuracy(df, "t", "e"))
    raises(r"`truth` in roc_auc\(\) must be a factor-like column", lambda: tm.roc_auc(df, "t", "p"))


# -- input kinds matrix -------------------------------------------------------------------------------------

KINDS = ("pandas", "polars", "pyarrow", "nullable", "numpy")


def as_kind(df: pd.DataFrame, kind: str):
    """``df`` as the user has it: a polars frame, pyarrow-backed or nullable pandas, or a numpy array."""
    if kind == "pandas":
        return df
    if kind == "polars":
        import polars as pl

        return pl.from_pandas(df)
    if kind == "pyarrow":
        return df.convert_dtypes(dtype_backend="pyarrow")
    if kind == "nullable":
        return df.convert_dtypes()
    return df.select_dtypes("number").to_numpy()


def _numeric_frame() -> pd.DataFrame:
    df = small()[["x1", "x2", "y"]]
    df["n"] = np.arange(len(df)) % 5  # an integer column
    return df


def _use_recipe(kind: str) -> None:
    df = _numeric_frame()
    rec = lambda d, f: tm.recipe(f, d).step_normalize(tm.all_numeric_predictors())  # noqa: E731
    ref = rec(df, "y ~ .").prep().bake(df)
    data = as_kind(df, kind)
    got = rec(data, "V3 ~ ." if kind == "numpy" else "y ~ .").prep().bake(data)
    if kind == "numpy":  # V1..V4 are x1, x2, y, n
        got = got[["V1", "V2", "V4", "V3"]]
    np.testing.assert_allclose(got.to_numpy(float), ref.to_numpy(float), rtol=1e-12)


def _use_engine(make: Callable[[], object], outcome: str) -> Callable[[str], None]:
    def run(kind: str) -> None:
        df = small()[["x1", "x2", "y", "cls"]].assign(n=np.arange(40) % 5)
        x, y = df[["x1", "x2", "n"]], df[outcome]
        ref = make().fit_xy(x, y, seed=1).predict(x)
        fit = make().fit_xy(as_kind(x, kind), y if kind in ("pandas", "numpy") else as_kind(df[[outcome]], kind),
                            seed=1) if kind != "numpy" else make().fit_xy(as_kind(x, kind), y.to_numpy(), seed=1)
        got = fit.predict(as_kind(x, kind))
        np.testing.assert_allclose(got.iloc[:, 0].to_numpy(float) if outcome == "y" else
                                   (got.iloc[:, 0].astype(str) == ref.iloc[:, 0].astype(str)).to_numpy(float),
                                   ref.iloc[:, 0].to_numpy(float) if outcome == "y" else np.ones(len(x)), rtol=1e-6)
        if kind != "numpy":  # the formula path too
            f = make().fit(f"{outcome} ~ x1 + x2 + n", data=as_kind(df.drop(columns=[c for c in ("y", "cls") if c != outcome]), kind), seed=1)
            assert len(f.predict(as_kind(x, kind))) == len(x)

    return run


def _use_tune(kind: str) -> None:
    df = _numeric_frame()
    data = as_kind(df, kind)
    formula = "V3 ~ ." if kind == "numpy" else "y ~ ."
    wf = tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")).add_formula(formula)
    res = tm.tune_grid(wf, tm.vfold_cv(data, v=2, seed=1), grid=pd.DataFrame({"penalty": [0.01, 0.1]}))
    ref = tm.tune_grid(tm.workflow().add_model(tm.linear_reg(penalty=tm.tune()).set_engine("glmnet")).add_formula("y ~ ."),
                       tm.vfold_cv(df, v=2, seed=1), grid=pd.DataFrame({"penalty": [0.01, 0.1]}))
    np.testing.assert_allclose(res.collect_metrics()["mean"], ref.collect_metrics()["mean"], rtol=1e-10)


def _use_metrics(kind: str) -> None:
    df = pd.DataFrame({"t": [1.0, 2.0, 3.0, 4.0], "e": [1.5, 2.0, 2.0, 5.0]})
    want = float(np.sqrt(np.mean((df["t"] - df["e"]) ** 2)))
    if kind == "numpy":
        got = tm.rmse_vec(df["t"].to_numpy(), df["e"].to_numpy())
    else:
        got = float(tm.rmse(as_kind(df, kind), "t", "e")[".estimate"].iloc[0])
    assert abs(got - want) < 1e-12
    cls = pd.DataFrame({"t": ["a", "b", "a", "b"], "e": ["a", "a", "a", "b"]})
    got = tm.accuracy_vec(cls["t"].to_numpy(), cls["e"].to_numpy()) if kind == "numpy" else \
        float(tm.accuracy(as_kind(cls, kind), "t", "e")[".estimate"].iloc[0])
    assert got == 0.75


USES: dict[str, Callable[[str], None]] = {
    "recipe prep/bake": _use_recipe,
    "lm engine": _use_engine(lambda: tm.linear_reg(), "y"),
    "glm engine": _use_engine(lambda: tm.logistic_reg(), "cls"),
    "glmnet engine": _use_engine(lambda: tm.linear_reg(penalty=0.05).set_engine("glmnet"), "y"),
    "tabnet engine (epochs=1)": _use_engine(lambda: tm.tabnet(epochs=1, decision_width=4, attention_width=4,
                                                              num_steps=1, batch_size=32, virtual_batch_size=16
                                                              ).set_mode("regression"), "y"),
    "tune_grid on 2 folds": _use_tune,
    "metrics": _use_metrics,
}

for _use, _fn in USES.items():
    for _kind in KINDS:
        case("input kinds", f"{_kind} input x {_use}",
             "works; same numbers as the pandas call")(lambda fn=_fn, kind=_kind: fn(kind))


# -- the fuzz test is in test_fuzz.py; it is listed here so the doc tables it too ------------------------

FUZZ = Case("fuzz", "random frames (dtypes, NaN/inf, names, sizes) through random recipes and models, "
            "predicting on altered new data (test_fuzz.py)",
            "only PytidyError / NotImplementedError are raised; the caller's frame is never changed",
            lambda: None)
CASES.append(FUZZ)


def render() -> str:
    """The markdown of ``docs/reliability.md``."""
    lines = [
        "# Reliability: what was tried and what happens",
        "",
        "Generated from `tests/reliability/cases.py` by `python tests/reliability/render.py`; "
        "`tests/reliability/test_cases.py` runs every row and fails when this file is stale.",
        "Input conversion rules: see `pytidy/_frames.py` (module docstring).",
        "",
        "| # | area | tried | outcome |",
        "|---|---|---|---|",
    ]
    for i, c in enumerate(CASES, 1):
        lines.append(f"| {i} | {c.area} | {c.tried} | {c.outcome} |")
    import pytidy._frames as frames

    doc = frames.__doc__.split("\n\n", 1)[1].strip()
    lines += ["", "## Input conversion (from `pytidy/_frames.py`)", "", "```text", doc, "```"]
    import pytidy.parsnip.fit as fit

    doc = fit.__doc__.split("\n\n", 1)[1].strip()
    lines += ["", "## Outcomes and predictions (from `pytidy/parsnip/fit.py`)", "", doc]
    return "\n".join(lines) + "\n"
