"""unregister_engine / unregister_model / temporary_model / public imports (docs/extending.md)."""

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import EngineNotFoundError, InvalidParameterError
from pytidy.parsnip import (
    EngineInfo, ModelInfo, new_model_spec, register_engine, register_model, registered_engines,
    temporary_engine, temporary_model, unregister_engine, unregister_model,
)

DF = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 6.0]})


def _engine(model="linear_reg", engine="mean", mode="regression"):
    return EngineInfo(model=model, engine=engine, mode=mode, fit=lambda x, y, *, seed: float(np.mean(y)),
                      predict={"numeric": lambda m, x: np.full(len(x), m)})


def _keys():
    return set(registered_engines().itertuples(index=False, name=None))


def test_unregister_engine_removes_only_that_engine():
    before = _keys()
    register_engine(_engine())
    assert ("linear_reg", "mean", "regression") in _keys()
    removed = unregister_engine("linear_reg", "mean")
    assert [r.engine for r in removed] == ["mean"] and _keys() == before


def test_unregister_engine_by_mode():
    with temporary_model(ModelInfo("two_mode", modes=("classification", "regression"), main_args=(),
                                   default_engine="e")):
        register_engine(_engine("two_mode", "e", "regression"))
        register_engine(EngineInfo(model="two_mode", engine="e", mode="classification",
                                   fit=lambda x, y, *, seed: None, predict={"prob": lambda m, x: None}))
        unregister_engine("two_mode", "e", mode="regression")
        assert tm.show_engines("two_mode")["mode"].tolist() == ["classification"]


def test_unregister_unknown_engine_is_an_error_listing_what_exists():
    with pytest.raises(EngineNotFoundError, match=r"no engine 'nope' for linear_reg\(\) is registered. Registered: lm"):
        unregister_engine("linear_reg", "nope")
    with pytest.raises(InvalidParameterError, match="`mode` in unregister_engine"):
        unregister_engine("linear_reg", "lm", mode="regr")


def test_unregister_model_removes_its_engines():
    register_model(ModelInfo("gone", modes=("regression",), main_args=(), default_engine="mean"))
    register_engine(_engine("gone"))
    assert unregister_model("gone").name == "gone"
    assert not any(k[0] == "gone" for k in _keys())
    with pytest.raises(InvalidParameterError, match="Unknown model 'gone'"):
        tm.show_engines("gone")


def test_temporary_model_cleans_up_even_on_error():
    before = _keys()
    with pytest.raises(RuntimeError):
        with temporary_model(ModelInfo("tmp_m", modes=("regression",), main_args=("k",), default_engine="mean"),
                             _engine("tmp_m")):
            assert new_model_spec("tmp_m", {"k": None}).fit("y ~ x", DF).predict(DF)[".pred"].iloc[0] == 3.0
            raise RuntimeError("boom")
    assert _keys() == before
    with pytest.raises(InvalidParameterError):
        tm.show_engines("tmp_m")


def test_temporary_model_restores_a_model_it_shadowed():
    with temporary_model(ModelInfo("linear_reg", modes=("regression",), main_args=(), default_engine="x")):
        assert tm.show_engines("linear_reg").empty
    assert "lm" in tm.show_engines("linear_reg")["engine"].tolist()
    assert tm.linear_reg().fit("y ~ x", DF).predict(DF).shape == (3, 1)


def test_temporary_engine_is_public_and_restores():
    with temporary_engine(_engine()):
        assert "mean" in tm.show_engines("linear_reg")["engine"].tolist()
    assert "mean" not in tm.show_engines("linear_reg")["engine"].tolist()


def test_public_names_are_in_the_flat_namespace():
    for name in ("unregister_engine", "unregister_model", "temporary_model", "translate", "new_model_spec",
                 "EngineInfo", "ModelInfo", "register_engine", "register_model", "temporary_engine"):
        assert hasattr(tm, name), name
