"""translate(): argument names, dropped main arguments, the fit template (R: parsnip R/translate.R)."""

import warnings

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, PytidyWarning
from pytidy.parsnip import EngineInfo, temporary_engine
from pytidy.parsnip.fit import engine_arguments as from_fit
from pytidy.parsnip.translate import engine_arguments

DF = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 2.0, 2.0, 5.0]})


def _median_engine(**kw):
    def fit_median(x, y, *, seed):
        return float(np.median(y))

    return EngineInfo(model="linear_reg", engine="median", mode="regression", fit=fit_median,
                      predict={"numeric": lambda m, x: np.full(len(x), m)}, **kw)


def test_engine_arguments_is_still_importable_from_fit():
    assert from_fit is engine_arguments


def test_free_function_and_method_agree_and_rename_through_arg_map():
    spec = tm.tabnet(rate_decay=0.5, epochs=2).set_mode("regression")
    assert tm.translate(spec) == spec.translate() == {"lr_decay": 0.5, "epochs": 2}


def test_engine_argument_of_translate_switches_engine():
    tr = tm.translate(tm.linear_reg(penalty=0.01), engine="glmnet")
    assert tr == {"mixture": 1.0, "penalty": 0.01}
    assert tr.spec.engine == "glmnet"


def test_repr_prints_the_model_fit_template():
    text = repr(tm.translate(tm.linear_reg(penalty=0.5, mixture=0.0).set_engine("glmnet")))
    assert "Model fit template:" in text
    assert "fit_glmnet(x = missing_arg(), y = missing_arg(), seed = missing_arg(), mixture = 0.0, penalty = 0.5)" in text
    assert text.startswith("Linear Regression Model Specification (regression)")


def test_unused_main_arg_is_dropped_with_a_warning_naming_it():
    with pytest.warns(PytidyWarning, match=r"'lm' engine of linear_reg\(\) does not use the argument\(s\) `penalty`"):
        tr = tm.translate(tm.linear_reg(penalty=0.1).set_engine("lm"))
    assert tr == {} and tr.dropped == ["penalty"]


def test_docs_engine_without_declared_args_gets_a_warning_not_a_type_error():
    # The docs' example engine takes only (x, y, seed): penalty is dropped, judged from its signature.
    with temporary_engine(_median_engine()):
        spec = tm.linear_reg(penalty=0.1).set_engine("median")
        with pytest.warns(PytidyWarning, match="does not use the argument"):
            fitted = spec.fit("y ~ x", DF)
        assert fitted.predict(DF)[".pred"].tolist() == [2.0] * 4


def test_declared_args_are_passed_and_others_dropped():
    seen = {}

    def fit(x, y, *, seed, **kw):
        seen.update(kw)
        return 0.0

    info = EngineInfo(model="linear_reg", engine="rec", mode="regression", fit=fit,
                      predict={"numeric": lambda m, x: np.zeros(len(x))}, args=("mixture",),
                      arg_map={"mixture": "alpha"})
    with temporary_engine(info):
        with pytest.warns(PytidyWarning, match="`penalty`"):
            tm.linear_reg(penalty=1.0, mixture=0.3).set_engine("rec").fit("y ~ x", DF)
    assert seen == {"alpha": 0.3}


def test_used_args_give_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tm.linear_reg(penalty=0.1).set_engine("glmnet").translate()["penalty"] == 0.1


def test_misspelled_engine_argument_is_a_clear_error():
    with temporary_engine(_median_engine()):
        spec = tm.linear_reg().set_engine("median", n_iter=3)
        with pytest.raises(InvalidParameterError, match=r"'median' engine of linear_reg\(\) has no argument\(s\) \['n_iter'\]"):
            spec.fit("y ~ x", DF)


def test_translate_rejects_non_specs():
    with pytest.raises(InvalidParameterError, match="`x` in translate\\(\\) must be a model specification"):
        tm.translate("linear_reg")


def test_method_takes_the_engine_too():
    assert tm.linear_reg(penalty=0.2).translate(engine="glmnet") == {"mixture": 1.0, "penalty": 0.2}
