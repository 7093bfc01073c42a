import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import EngineNotFoundError, InvalidParameterError, NotFittedError
from pytidy.parsnip.registry import EngineInfo, ModelInfo, get_engine, register_model, temporary_engine


def test_verbs_return_new_specs_and_leave_the_original_alone():
    mod = tm.tabnet(epochs=3)
    clf = mod.set_mode("classification")
    eng = clf.set_engine("torch", verbose=True)
    assert mod.mode == "unknown" and clf.mode == "classification"
    assert clf.engine_args == {} and eng.engine_args == {"verbose": True}
    assert eng.set_args(epochs=5).args["epochs"] == 5 and eng.args["epochs"] == 3


def test_set_args_routes_unknown_names_to_engine_args():
    spec = tm.tabnet().set_args(epochs=2, device="cpu")
    assert spec.args == {"epochs": 2}
    assert spec.engine_args == {"device": "cpu"}


def test_set_mode_rejects_unknown_mode_with_hint():
    with pytest.raises(InvalidParameterError, match=r"`mode` in set_mode\(\) must be one of .*Did you mean 'classification'"):
        tm.tabnet().set_mode("classificaton")


def test_model_without_that_mode_is_rejected():
    with pytest.raises(InvalidParameterError, match=r"`mode` of linear_reg\(\) must be one of 'regression'"):
        tm.linear_reg().set_mode("classification")


def test_unknown_engine_is_rejected_listing_engines():
    with pytest.raises(InvalidParameterError, match=r"Engine 'ranger' is not available for linear_reg\(\). Available engines: 'lm'"):
        tm.linear_reg().set_engine("ranger")


def test_unknown_main_argument():
    with pytest.raises(InvalidParameterError, match=r"tabnet\(\) has no main argument\(s\) \['epoch'\]"):
        tm.tabnet(epoch=3)


def test_tune_args_and_finalize():
    spec = tm.tabnet(epochs=1, decision_width=tm.tune(), learn_rate=tm.tune("lr"))
    assert [a["id"] for a in spec.tune_args()] == ["lr", "decision_width"]
    fin = spec.finalize({"decision_width": 16, "lr": 0.01})
    assert fin.args["decision_width"] == 16 and fin.args["learn_rate"] == 0.01
    assert fin.tune_args() == []
    assert spec.tune_args()  # unchanged


def test_fit_with_tune_left_is_an_error():
    df = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [1.0, 2, 3, 5]})
    with pytest.raises(InvalidParameterError, match=r"still has tune\(\) placeholders for `penalty`"):
        tm.linear_reg(penalty=tm.tune()).fit("y ~ x", data=df)


def test_unknown_mode_must_be_set_before_fit():
    df = pd.DataFrame({"x": [1.0, 2, 3, 4], "y": [1.0, 2, 3, 5]})
    with pytest.raises(InvalidParameterError, match=r"Please set the mode of tabnet\(\)"):
        tm.tabnet().fit("y ~ x", data=df)


def test_predict_on_a_spec_says_fit_first():
    with pytest.raises(NotFittedError, match=r"predict\(\) needs a fitted model; call fit"):
        tm.linear_reg().predict(pd.DataFrame({"x": [1.0]}))


def test_repr_follows_r_print():
    text = repr(tm.tabnet(epochs=3).set_engine("torch", verbose=True).set_mode("classification"))
    assert text.startswith("TabNet Model Specification (classification)")
    assert "  epochs = 3" in text and "  verbose = TRUE" in text and "Computational engine: torch" in text


def test_third_party_engine_registration_round_trip():
    info = EngineInfo(model="linear_reg", engine="median", mode="regression",
                      fit=lambda x, y, *, seed: float(np.median(y)),
                      predict={"numeric": lambda m, x: np.full(len(x), m)})
    df = pd.DataFrame({"x": [1.0, 2, 3], "y": [1.0, 10.0, 2.0]})
    with temporary_engine(info):
        fit = tm.linear_reg().set_engine("median").fit("y ~ x", data=df)
        assert fit.predict(df)[".pred"].tolist() == [2.0, 2.0, 2.0]
    with pytest.raises(EngineNotFoundError, match=r"No engine 'median' for linear_reg\(\) in mode 'regression'"):
        get_engine("linear_reg", "median", "regression")


def test_third_party_model_registration():
    register_model(ModelInfo("const_reg", modes=("regression",), main_args=("value",), default_engine="numpy"))
    info = EngineInfo(model="const_reg", engine="numpy", mode="regression",
                      fit=lambda x, y, *, seed, value=0.0: value,
                      predict={"numeric": lambda m, x: np.full(len(x), m)})
    with temporary_engine(info):
        spec = tm.ModelSpec("const_reg", args={"value": 7.0})
        fit = spec.fit_xy(pd.DataFrame({"x": [1.0, 2.0]}), pd.Series([0.0, 1.0]))
        assert fit.predict(pd.DataFrame({"x": [5.0]}))[".pred"].tolist() == [7.0]


def test_register_engine_for_unknown_model():
    with pytest.raises(InvalidParameterError, match=r"Model 'nope' is not registered"):
        tm.register_engine(EngineInfo(model="nope", engine="e", mode="regression", fit=print,
                                      predict={"numeric": print}))


def test_engine_info_validates_mode_and_encoding():
    with pytest.raises(InvalidParameterError, match=r"`mode` of EngineInfo must be one of"):
        EngineInfo(model="linear_reg", engine="e", mode="regr", fit=print, predict={"numeric": print})
    with pytest.raises(InvalidParameterError, match=r"`encoding` of EngineInfo must be one of"):
        EngineInfo(model="linear_reg", engine="e", mode="regression", fit=print,
                   predict={"numeric": print}, encoding="dummy")


def test_show_engines():
    eng = tm.show_engines("tabnet")
    assert set(eng["mode"]) == {"classification", "regression"} and set(eng["engine"]) == {"torch"}


def test_tune_args_follow_the_model_argument_order():
    spec = tm.tabnet(decision_width=tm.tune(), num_steps=tm.tune(), learn_rate=tm.tune())
    assert [a["name"] for a in spec.tune_args()] == ["learn_rate", "decision_width", "num_steps"]


def test_translate_shows_engine_defaults_and_set_arguments():
    assert tm.linear_reg(penalty=0.1).set_engine("glmnet").translate() == {"mixture": 1.0, "penalty": 0.1}
    assert tm.tabnet(rate_decay=0.5).set_mode("regression").translate() == {"lr_decay": 0.5}
