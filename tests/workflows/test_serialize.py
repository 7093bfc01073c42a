"""Model files round-trip: every built-in engine, every registered step, scikit-learn (skops),
xgboost and lightgbm (native formats), torch modules and registered third-party classes.

Expected values come from the objects before saving (predictions, bakes) and from scikit-learn,
xgboost and lightgbm called directly.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import InvalidParameterError, ModelFileError, NotSerializableError
from pytidy.parsnip.registry import EngineInfo, temporary_engine
from pytidy.workflows import _graph as graph_mod
from pytidy.workflows import _serialize as ser

HERE = Path(__file__).parent


def _conformance_cases():
    path = HERE.parent / "recipes" / "steps" / "test_conformance.py"
    spec = importlib.util.spec_from_file_location("_serialize_conformance_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ALL_CASES


STEP_CASES = _conformance_cases()


def _round_trip(tmp_path, obj, name="m.pytidy"):
    path = ser.write_model_file(tmp_path / name, obj)
    return ser.read_model_file(path), path


# ---------------------------------------------------------------------------------------------
# every built-in engine


ENGINES = [
    ("lm", lambda: tm.linear_reg(), "concrete", "compressive_strength ~ ."),
    ("glmnet_reg", lambda: tm.linear_reg(penalty=0.1, mixture=0.5).set_engine("glmnet"), "concrete",
     "compressive_strength ~ ."),
    ("glm", lambda: tm.logistic_reg(), "two_class_dat", "Class ~ ."),
    ("glmnet_class", lambda: tm.logistic_reg(penalty=0.01).set_engine("glmnet"), "two_class_dat", "Class ~ ."),
    ("tabnet_class", lambda: tm.tabnet(epochs=1, decision_width=4, attention_width=4, num_steps=2, batch_size=64,
                                       virtual_batch_size=32).set_mode("classification"), "two_class_dat", "Class ~ ."),
    ("tabnet_reg", lambda: tm.tabnet(epochs=1, decision_width=4, attention_width=4, num_steps=2, batch_size=64,
                                     virtual_batch_size=32).set_mode("regression"), "concrete",
     "compressive_strength ~ ."),
]


@pytest.mark.parametrize("make_spec,data_name,formula", [e[1:] for e in ENGINES], ids=[e[0] for e in ENGINES])
@pytest.mark.parametrize("preprocessor", ["formula", "recipe"])
def test_every_builtin_engine_round_trips_with_identical_predictions(tmp_path, modeldata, make_spec, data_name,
                                                                     formula, preprocessor):
    data = modeldata(data_name).iloc[:160]
    wf = tm.workflow().add_model(make_spec())
    if preprocessor == "formula":
        wf = wf.add_formula(formula)
    else:
        wf = wf.add_recipe(tm.recipe(formula, data).step_normalize(tm.all_numeric_predictors()))
    fitted = wf.fit(data, seed=3)
    path = fitted.save(tmp_path / "m.pytidy")
    back = tm.load_workflow(path)
    assert type(back) is tm.FittedWorkflow
    types = ["class", "prob"] if fitted.mode == "classification" else ["numeric"]
    if fitted.extract_spec_parsnip().engine == "lm":
        types += ["conf_int", "pred_int"]
    new = data.iloc[::7]
    for kind in types:
        pd.testing.assert_frame_equal(back.predict(new, type=kind), fitted.predict(new, type=kind), check_exact=True)
    assert repr(back) == repr(fitted)


def test_tabnet_model_files_hold_tensors_in_safetensors_not_pickles(tmp_path, modeldata):
    data = modeldata("two_class_dat").iloc[:100]
    spec = tm.tabnet(epochs=1, decision_width=4, attention_width=4, num_steps=1, batch_size=50,
                     virtual_batch_size=25).set_mode("classification")
    fitted = tm.workflow().add_model(spec).add_formula("Class ~ .").fit(data, seed=1)
    fitted.predict(data)  # builds the cached network: it must not be saved
    path = fitted.save(tmp_path / "t.pytidy")
    manifest = ser.read_manifest(path)
    assert "tensors.safetensors" in manifest["members"]
    assert "torch" in manifest["libraries"]
    graph = json.loads(zipfile.ZipFile(path).read("graph.json"))
    assert '"_network"' not in json.dumps(graph)
    back = tm.load_workflow(path)
    engine_back, engine = back.extract_fit_engine(), fitted.extract_fit_engine()
    assert set(engine_back.state_dict) == set(engine.state_dict)
    for key, tensor in engine.state_dict.items():
        assert engine_back.state_dict[key].dtype == tensor.dtype
        assert bool((engine_back.state_dict[key] == tensor).all())


def test_torch_modules_round_trip_through_their_state(tmp_path):
    import torch

    from pytidy.engines.tabnet.train import build_network

    engine_fit_args = dict(input_dim=3, output_dim=2, n_d=4, n_a=4, n_steps=2, gamma=1.3, cat_idxs=(), cat_dims=(),
                           cat_emb_dim=(), n_independent=1, n_shared=1, virtual_batch_size=8, momentum=0.02,
                           mask_type="sparsemax")
    from pytidy.engines.tabnet.train import NetworkArgs

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        net = build_network(NetworkArgs(**engine_fit_args)).eval()
    back, _ = _round_trip(tmp_path, {"net": net, "linear": torch.nn.Linear(3, 1)})
    x = torch.randn(5, 3, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        assert torch.equal(back["net"](x)[0], net(x)[0])
        assert torch.equal(back["linear"](x), back["linear"](x))
    assert isinstance(back["linear"].weight, torch.nn.Parameter) and back["linear"].weight.requires_grad
    assert not back["net"].training


def test_torch_generators_dtypes_and_devices_round_trip(tmp_path):
    import torch

    gen = torch.Generator().manual_seed(11)
    torch.rand(3, generator=gen)
    back, _ = _round_trip(tmp_path, {"g": gen, "dtype": torch.float16, "device": torch.device("cpu"),
                                     "size": torch.Size([2, 3]), "t": torch.arange(4, dtype=torch.int16)})
    assert torch.equal(torch.rand(5, generator=back["g"]), torch.rand(5, generator=gen))
    assert back["dtype"] is torch.float16 and back["device"] == torch.device("cpu")
    assert back["size"] == torch.Size([2, 3]) and type(back["size"]) is torch.Size
    assert back["t"].dtype == torch.int16 and back["t"].tolist() == [0, 1, 2, 3]


class TinyNet:
    """Stands in for a torch module that keeps its activation function as an attribute."""

    def __init__(self, act):
        import torch

        self.layer = torch.nn.Linear(2, 1)
        self.act = act


def test_torch_activation_functions_are_stored_by_name_and_other_functions_refused(tmp_path):
    import torch

    tm.register_serializable(TinyNet)
    try:
        net = TinyNet(torch.nn.functional.gelu)
        back, _ = _round_trip(tmp_path, net)
        assert back.act is torch.nn.functional.gelu
        x = torch.ones(3, 2)
        assert torch.equal(back.act(back.layer(x)), net.act(net.layer(x)))
        with pytest.raises(NotSerializableError, match=r"TinyNet\.act: it is a function \(.*<lambda>\)"):
            ser.write_model_file(tmp_path / "bad.pytidy", TinyNet(lambda v: v))
    finally:
        tm.unregister_serializable(TinyNet)


# ---------------------------------------------------------------------------------------------
# every registered step


SAVEABLE_STEPS = {k: c for k, c in STEP_CASES.items() if k != "mutate"}  # mutate's case uses a function


def test_every_public_step_is_covered():
    public = {n.removeprefix("step_") for n in tm.recipes.__all__ if n.startswith("step_")}
    assert public <= set(STEP_CASES)
    assert set(STEP_CASES) - set(SAVEABLE_STEPS) == {"mutate"}


@pytest.mark.parametrize("case", SAVEABLE_STEPS.values(), ids=list(SAVEABLE_STEPS))
def test_every_step_round_trips_and_bakes_the_same(tmp_path, case):
    prepped = case.prepped()
    back, _ = _round_trip(tmp_path, prepped)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.testing.assert_frame_equal(back.bake(case.data), prepped.bake(case.data), check_exact=True)
        pd.testing.assert_frame_equal(back.bake(case.data.iloc[:3]), prepped.bake(case.data.iloc[:3]))
        pd.testing.assert_frame_equal(back.bake(None), prepped.bake(None))
    pd.testing.assert_frame_equal(back.tidy(), prepped.tidy())


def test_step_mutate_with_strings_saves_and_with_a_function_is_refused(tmp_path, modeldata):
    data = modeldata("concrete").iloc[:100]
    rec = tm.recipe("compressive_strength ~ .", data)
    ok = tm.workflow().add_model(tm.linear_reg()).add_recipe(rec.step_mutate(ratio="water / cement")).fit(data)
    back = tm.load_workflow(ok.save(tmp_path / "ok.pytidy"))
    pd.testing.assert_frame_equal(back.predict(data), ok.predict(data), check_exact=True)

    bad = tm.workflow().add_model(tm.linear_reg()).add_recipe(rec.step_mutate(ratio=lambda d: d.water / d.cement))
    fitted = bad.fit(data)
    with pytest.raises(NotSerializableError,
                       match=r"FittedWorkflow\.workflow\.recipe\.steps\[0\]\.inputs\[0\]\[1\] \(inside "
                             r"step_mutate\(\) with id 'mutate_1'\): it is a function \(.*<lambda>\); a function "
                             r"cannot be stored as data"):
        fitted.save(tmp_path / "bad.pytidy")
    assert not (tmp_path / "bad.pytidy").exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "ok.pytidy"]


def test_real_data_recipe_with_many_steps_round_trips(tmp_path, modeldata):
    pen = modeldata("penguins")
    train, test = pen.iloc[::2], pen.iloc[1::2]
    rec = (tm.recipe("body_mass_g ~ .", train)
           .step_impute_median(tm.all_numeric_predictors())
           .step_impute_mode(tm.all_nominal_predictors())
           .step_novel(tm.all_nominal_predictors())
           .step_other("island", threshold=0.2)
           .step_dummy(tm.all_nominal_predictors())
           .step_zv(tm.all_predictors())
           .step_YeoJohnson("flipper_length_mm")
           .step_normalize(tm.all_numeric_predictors())
           .step_pca("bill_length_mm", "bill_depth_mm", num_comp=1))
    fitted = tm.workflow().add_model(tm.linear_reg()).add_recipe(rec).fit(train)
    back = tm.load_workflow(fitted.save(tmp_path / "pen.pytidy"))
    pd.testing.assert_frame_equal(back.predict(test), fitted.predict(test), check_exact=True)
    pd.testing.assert_frame_equal(back.extract_recipe().bake(test), fitted.extract_recipe().bake(test))


# ---------------------------------------------------------------------------------------------
# scikit-learn (skops), xgboost and lightgbm (native formats)


def _xy(n=120, seed=0):
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    y = 2 * x["a"] - x["b"] + rng.normal(scale=0.3, size=n)
    return x, y


def test_an_engine_returning_a_sklearn_estimator_is_saved_with_skops(tmp_path):
    from sklearn.ensemble import HistGradientBoostingRegressor

    def fit(x, y, *, seed, **args):
        return HistGradientBoostingRegressor(max_iter=10, random_state=seed).fit(x, y)

    info = EngineInfo(model="linear_reg", engine="sk_hgb_test", mode="regression", fit=fit,
                      predict={"numeric": lambda f, x: f.predict(x)})
    x, y = _xy()
    data = x.assign(y=y)
    with temporary_engine(info):
        fitted = tm.workflow().add_model(tm.linear_reg().set_engine("sk_hgb_test")).add_formula("y ~ .").fit(data,
                                                                                                            seed=4)
        path = fitted.save(tmp_path / "sk.pytidy")
        back = tm.load_workflow(path)
        direct = HistGradientBoostingRegressor(max_iter=10, random_state=fitted.extract_fit_engine().random_state)
        expected = direct.fit(x, y).predict(x)
        np.testing.assert_array_equal(back.predict(data)[".pred"].to_numpy(), expected)
        pd.testing.assert_frame_equal(back.predict(data), fitted.predict(data), check_exact=True)
    assert [m for m in ser.read_manifest(path)["members"] if m.startswith("skops/")]


def test_sklearn_types_outside_the_trusted_list_are_refused_at_save(tmp_path, monkeypatch):
    from sklearn.ensemble import RandomForestRegressor

    from sklearn.neighbors import KNeighborsRegressor
    from sklearn.neural_network import MLPRegressor

    x, y = _xy()
    model = RandomForestRegressor(n_estimators=2, random_state=0).fit(x, y)
    others = {"knn_kd": KNeighborsRegressor(p=1, algorithm="kd_tree").fit(x, y),
              "knn_ball": KNeighborsRegressor(p=1.5, algorithm="ball_tree").fit(x, y),
              "mlp": MLPRegressor(hidden_layer_sizes=(3,), max_iter=5, random_state=0).fit(x, y)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back, _ = _round_trip(tmp_path, {"rf": model, **others})
    for key, fitted in {"rf": model, **others}.items():
        np.testing.assert_array_equal(back[key].predict(x), fitted.predict(x), err_msg=key)
    trusted = tuple(t for t in graph_mod._SKOPS_TRUSTED if t != "sklearn.tree._tree.Tree")
    monkeypatch.setattr(graph_mod, "_SKOPS_TRUSTED", trusted)
    with pytest.raises(NotSerializableError, match=r"dict\['rf'\]: .* not on pytidy's trusted list for skops: "
                                                   r"\['sklearn.tree._tree.Tree'\]"):
        ser.write_model_file(tmp_path / "rf.pytidy", {"rf": model})


def test_an_engine_returning_an_xgboost_booster_is_saved_as_xgboost_json(tmp_path):
    xgb = pytest.importorskip("xgboost")

    def fit(x, y, *, seed, **args):
        return xgb.train({"max_depth": 2, "seed": seed}, xgb.DMatrix(x, label=y), num_boost_round=5)

    info = EngineInfo(model="linear_reg", engine="xgb_booster_test", mode="regression", fit=fit,
                      predict={"numeric": lambda f, x: f.predict(xgb.DMatrix(x))})
    x, y = _xy()
    data = x.assign(y=y)
    with temporary_engine(info):
        fitted = tm.workflow().add_model(tm.linear_reg().set_engine("xgb_booster_test")).add_formula("y ~ .").fit(
            data, seed=2)
        path = fitted.save(tmp_path / "xgb.pytidy")
        back = tm.load_workflow(path)
        pd.testing.assert_frame_equal(back.predict(data), fitted.predict(data), check_exact=True)
    direct = xgb.train({"max_depth": 2, "seed": 2}, xgb.DMatrix(x, label=y), num_boost_round=5)
    assert back.extract_fit_engine().num_boosted_rounds() == direct.num_boosted_rounds() == 5
    members = ser.read_manifest(path)["members"]
    name = next(m for m in members if m.startswith("xgboost/"))
    assert json.loads(zipfile.ZipFile(path).read(name))["learner"]  # xgboost's own JSON model format


def test_xgboost_and_lightgbm_sklearn_wrappers_and_boosters_round_trip(tmp_path):
    xgb = pytest.importorskip("xgboost")
    lgb = pytest.importorskip("lightgbm")
    x, y = _xy()
    yc = (y > 0).astype(int)
    models = {
        "xgb_reg": xgb.XGBRegressor(n_estimators=4, max_depth=2).fit(x, y),
        "xgb_clf": xgb.XGBClassifier(n_estimators=4, max_depth=2).fit(x, yc),
        "lgb_booster": lgb.train({"verbose": -1, "num_leaves": 4}, lgb.Dataset(x, y), 4),
        "lgb_reg": lgb.LGBMRegressor(n_estimators=4, num_leaves=4, verbose=-1).fit(x, y),
        "lgb_clf": lgb.LGBMClassifier(n_estimators=4, num_leaves=4, verbose=-1).fit(x, yc),
    }
    back, path = _round_trip(tmp_path, models)
    for key, model in models.items():
        np.testing.assert_array_equal(back[key].predict(x), model.predict(x), err_msg=key)
    np.testing.assert_array_equal(back["lgb_clf"].predict_proba(x), models["lgb_clf"].predict_proba(x))
    members = ser.read_manifest(path)["members"]
    assert sum(m.startswith("lightgbm/") for m in members) == 3 and sum(m.startswith("xgboost/") for m in members) == 2


# ---------------------------------------------------------------------------------------------
# the allow-list and third-party classes


class MedianFit:
    """A third-party engine's fitted object (module level, so a model file can name it)."""

    def __init__(self, value):
        self.value = value


class CallbackFit:
    def __init__(self, fn):
        self.fn = fn


def _median_engine(make=MedianFit):
    return EngineInfo(model="linear_reg", engine="median_test", mode="regression",
                      fit=lambda x, y, *, seed: make(float(np.median(y))),
                      predict={"numeric": lambda f, x: np.full(len(x), f.value)})


def test_third_party_classes_need_register_serializable(tmp_path):
    x, y = _xy()
    data = x.assign(y=y)
    with temporary_engine(_median_engine()):
        fitted = tm.workflow().add_model(tm.linear_reg().set_engine("median_test")).add_formula("y ~ a").fit(data)
        with pytest.raises(NotSerializableError,
                           match=r"FittedWorkflow\.model_fit\.fit: its class .*MedianFit is not on the allow-list"
                                 r".*register_serializable"):
            fitted.save(tmp_path / "m.pytidy")
        tm.register_serializable(MedianFit)
        try:
            back = tm.load_workflow(fitted.save(tmp_path / "m.pytidy"))
            assert back.extract_fit_engine().value == float(np.median(y))
            pd.testing.assert_frame_equal(back.predict(data), fitted.predict(data))
            tm.unregister_serializable(MedianFit)
            with pytest.raises(ModelFileError, match=r"MedianFit' which is not on pytidy's allow-list|"
                                                     r"not on pytidy's allow-list"):
                tm.load_workflow(tmp_path / "m.pytidy")
        finally:
            tm.unregister_serializable(MedianFit)


def test_a_registered_class_holding_a_function_is_still_refused(tmp_path):
    tm.register_serializable(CallbackFit)
    try:
        with pytest.raises(NotSerializableError, match=r"list\[1\]\.fn: it is a function \(.*<lambda>\)"):
            ser.write_model_file(tmp_path / "c.pytidy", [1, CallbackFit(lambda v: v)])
    finally:
        tm.unregister_serializable(CallbackFit)
    assert not (tmp_path / "c.pytidy").exists()


def test_register_serializable_checks_its_argument():
    with pytest.raises(InvalidParameterError, match=r"register_serializable\(\) takes a class; got function"):
        tm.register_serializable(len.__call__.__class__ and (lambda: 1))

    def make():
        class Local:
            pass
        return Local

    with pytest.raises(InvalidParameterError, match=r"defined inside a function"):
        tm.register_serializable(make())


def test_engine_info_is_looked_up_in_the_registry_not_stored(tmp_path):
    from pytidy.parsnip.registry import get_engine

    info = get_engine("linear_reg", "lm", "regression")
    back, path = _round_trip(tmp_path, {"info": info})
    assert back["info"] is info
    assert "engine_info" in zipfile.ZipFile(path).read("graph.json").decode()


# ---------------------------------------------------------------------------------------------
# the object graph keeps values, types and sharing


def test_plain_values_keep_their_types(tmp_path):
    import collections

    obj = {
        1: (1.5, float("nan"), float("inf"), -0.0, None, True, "x", b"\x00\xff", 2 ** 80, 1 + 2j),
        "set": {3, 1, 2}, "frozen": frozenset({"a"}), "od": collections.OrderedDict(b=1, a=2),
        "dd": collections.defaultdict(list, {"k": [1]}), ("t", 1): [slice(1, None), range(0, 10, 3)],
        "np": [np.float32(1.25), np.int64(-3), np.bool_(True), np.datetime64("2024-01-02"), np.dtype("float32")],
        "arrays": [np.arange(6, dtype=np.int16).reshape(2, 3), np.array(["a", None, 1.5], dtype=object),
                   np.array(["x", "yz"])],
        "types": [float, np.float64, tm.FittedWorkflow],
        "pd": [pd.Timestamp("2024-03-01 10:00", tz="Europe/Paris"), pd.Timedelta("1h"), pd.NA, pd.NaT,
               pd.Interval(0.0, 1.0, closed="left"), pd.CategoricalDtype(["b", "a"], ordered=True)],
    }
    back, _ = _round_trip(tmp_path, obj)
    assert set(back) == set(obj)
    first = back[1]
    assert first[0] == 1.5 and np.isnan(first[1]) and first[2] == np.inf and str(first[3]) == "-0.0"
    assert first[4:] == (None, True, "x", b"\x00\xff", 2 ** 80, 1 + 2j)
    assert back["set"] == {1, 2, 3} and back["frozen"] == frozenset({"a"})
    assert type(back["od"]) is collections.OrderedDict and list(back["od"]) == ["b", "a"]
    assert type(back["dd"]) is collections.defaultdict and back["dd"]["new"] == []
    assert back[("t", 1)] == [slice(1, None), range(0, 10, 3)]
    assert [type(v) for v in back["np"]] == [type(v) for v in obj["np"]] and back["np"] == obj["np"]
    for a, b in zip(back["arrays"], obj["arrays"]):
        assert a.dtype == b.dtype and a.shape == b.shape and a.tolist() == b.tolist()
    assert back["types"] == obj["types"]
    assert back["pd"][0] == obj["pd"][0] and str(back["pd"][0].tz) == "Europe/Paris"
    assert back["pd"][1:2] == obj["pd"][1:2] and back["pd"][2] is pd.NA and back["pd"][3] is pd.NaT
    assert back["pd"][4] == obj["pd"][4] and back["pd"][5] == obj["pd"][5]


def test_dates_random_generators_and_sparse_matrices_round_trip(tmp_path):
    import datetime as dt

    import scipy.sparse as sp

    gen = np.random.default_rng(5)
    gen.normal(size=3)
    legacy = np.random.RandomState(7)
    dense = np.array([[0.0, 1.5, 0.0], [2.0, 0.0, 0.0]])
    obj = [dt.date(2024, 2, 29), dt.datetime(2024, 1, 2, 3, 4, 5, 6), dt.timedelta(days=2, microseconds=3),
           gen, legacy, sp.csr_matrix(dense), sp.csc_array(dense), sp.coo_matrix(dense)]
    back, _ = _round_trip(tmp_path, obj)
    assert back[:3] == obj[:3] and [type(v) for v in back[:3]] == [dt.date, dt.datetime, dt.timedelta]
    assert back[3].normal(size=4).tolist() == gen.normal(size=4).tolist()
    assert back[4].rand(3).tolist() == legacy.rand(3).tolist()
    for got, want in zip(back[5:], obj[5:]):
        assert type(got) is type(want) and got.format == want.format
        np.testing.assert_array_equal(got.toarray(), dense)


def test_pandas_frames_keep_dtypes_index_and_names(tmp_path):
    df = pd.DataFrame({
        "f": [1.5, np.nan, 3.0], "i": np.array([1, 2, 3], dtype=np.int32), "b": [True, False, True],
        "cat": pd.Categorical(["a", None, "b"], categories=["b", "a"], ordered=True),
        "s": pd.array(["x", None, "z"], dtype="str"), "S": pd.array(["x", None, "z"], dtype="string"),
        "I": pd.array([1, None, 3], dtype="Int64"), "B": pd.array([True, None, False], dtype="boolean"),
        "dt": pd.to_datetime(["2024-01-01", None, "2024-01-03"]),
        "tz": pd.to_datetime(["2024-01-01", "2024-06-01", None]).tz_localize("America/New_York"),
        "o": np.array(["u", 2, None], dtype=object),
    }, index=pd.Index([10, 20, 30], name="row"))
    series = pd.Series([1.0, 2.0], index=pd.Index(["p", "q"], dtype=object), name="val")
    multi = pd.DataFrame({"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"]))
    back, _ = _round_trip(tmp_path, [df, series, multi, df, pd.DataFrame()])
    pd.testing.assert_frame_equal(back[0], df, check_exact=True)
    pd.testing.assert_series_equal(back[1], series)
    pd.testing.assert_frame_equal(back[2], multi)
    assert back[3] is back[0]  # shared references stay shared
    assert back[4].shape == (0, 0)


def test_objects_referenced_twice_and_cycles_through_objects_are_kept(tmp_path):
    prepped = STEP_CASES["center"].prepped()
    back, _ = _round_trip(tmp_path, {"a": prepped, "b": prepped})
    assert back["a"] is back["b"]
    loop: list = []
    loop.append(loop)
    with pytest.raises(NotSerializableError, match=r"list\[0\]: it contains itself"):
        ser.write_model_file(tmp_path / "loop.pytidy", loop)


def test_singletons_come_back_as_the_same_object(tmp_path):
    from pytidy.dials.parameter import unknown

    back, _ = _round_trip(tmp_path, [unknown(), tm.tune("x")])
    assert back[0] is unknown() and back[1] == tm.tune("x")


def test_unknown_classes_and_functions_are_refused_with_their_path(tmp_path):
    import functools
    import os

    cases = [
        ({"f": os.system}, r"dict\['f'\]: it is a function \(system\)"),
        ({"m": os}, r"dict\['m'\]: it is a module"),
        ([functools.partial(print, 1)], r"list\[0\]: .*functools.partial"),
        ((1, Path(".")), r"tuple\[1\]: its class pathlib.*PosixPath|tuple\[1\]: .*custom __reduce__|tuple\[1\]: its class"),
        ({"k": [1, {"x": np.array([print], dtype=object)}]}, r"dict\['k'\]\[1\]\['x'\]\[0\]: it is a function"),
        ({"t": open}, r"dict\['t'\]: it is a function"),
        ({"c": zipfile.ZipFile}, r"dict\['c'\]: it is the class zipfile.ZipFile, which is not on the allow-list"),
        ([np.ma.masked_array([1.0, 2.0], mask=[0, 1])], r"list\[0\]: it is a numpy.ma.*MaskedArray, a numpy array subclass"),
    ]
    for obj, message in cases:
        with pytest.raises(NotSerializableError, match=message):
            ser.write_model_file(tmp_path / "x.pytidy", obj)
    assert not (tmp_path / "x.pytidy").exists()


def test_manifest_records_format_versions_and_checksums(tmp_path, modeldata):
    import hashlib

    data = modeldata("concrete").iloc[:60]
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula("compressive_strength ~ cement + age").fit(data)
    path = fitted.save(tmp_path / "m.pytidy")
    manifest = ser.read_manifest(path)
    assert manifest["format"] == "pytidy-model-file" and manifest["format_version"] == ser.FORMAT_VERSION == 1
    assert manifest["pytidy_version"] == tm.__version__
    assert manifest["object_type"] == "pytidy.workflows.workflow:FittedWorkflow"
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist()[0] == "manifest.json"
        for name, info in manifest["members"].items():
            blob = zf.read(name)
            assert info == {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)}
        assert zf.comment.startswith(b"sha256=")
    raw = path.read_bytes()
    assert hashlib.sha256(raw[:-64]).hexdigest().encode() == raw[-64:]


def test_saving_twice_gives_the_same_content(tmp_path, modeldata):
    data = modeldata("concrete").iloc[:60]
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula("compressive_strength ~ cement").fit(data)
    a = ser.read_manifest(fitted.save(tmp_path / "a.pytidy"))
    b = ser.read_manifest(fitted.save(tmp_path / "b.pytidy"))
    assert a["content_sha256"] == b["content_sha256"]


def test_formula_python_terms_round_trip(tmp_path, modeldata):
    data = modeldata("concrete").iloc[:120]
    formula = "compressive_strength ~ np.log(age) + poly(water, 2) + center(cement) + I(fly_ash ** 2) + cement:age"
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula(formula).fit(data)
    back = tm.load_workflow(fitted.save(tmp_path / "f.pytidy"))
    pd.testing.assert_frame_equal(back.predict(data), fitted.predict(data), check_exact=True)


def test_the_extending_guide_example_saves_and_loads(tmp_path):
    import re

    text = (HERE.parent.parent / "docs" / "extending.md").read_text()
    section = text[text.index("## Saving fits of a third-party engine"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace = {"__name__": "docs_extending_example"}
    exec(compile(code, "docs/extending.md", "exec"), namespace)
    median_fit = namespace["MedianFit"]
    try:
        x, y = _xy()
        data = x.assign(y=y)
        with temporary_engine(_median_engine(median_fit)):
            fitted = tm.workflow().add_model(tm.linear_reg().set_engine("median_test")).add_formula("y ~ a").fit(data)
            back = tm.load_workflow(fitted.save(tmp_path / "ext.pytidy"))
            assert type(back.extract_fit_engine()) is median_fit
            pd.testing.assert_frame_equal(back.predict(data), fitted.predict(data))
    finally:
        tm.unregister_serializable(median_fit)


def test_write_model_file_records_the_object_type_it_is_given(tmp_path):
    path = ser.write_model_file(tmp_path / "d.pytidy", {"a": 1}, object_type="pytidy.workflows.workflow:FittedWorkflow")
    assert ser.read_manifest(path)["object_type"] == "pytidy.workflows.workflow:FittedWorkflow"
    with pytest.raises(ModelFileError, match=r"^load_workflow\(\): .* does not hold a FittedWorkflow \(found dict\)"):
        tm.load_workflow(path)
    with pytest.raises(ModelFileError, match=r"^read_model_file\(\): .* does not hold a FittedWorkflow"):
        ser.read_model_file(path, tm.FittedWorkflow, caller="read_model_file")


@tm.register_serializable
class Decorated:
    """Registered by the decorator when this module is imported."""


def test_register_serializable_works_as_a_decorator(tmp_path):
    try:
        assert Decorated in ser.serializable_classes()
        assert type(_round_trip(tmp_path, Decorated())[0]) is Decorated
    finally:
        tm.unregister_serializable(Decorated)
    assert Decorated not in ser.serializable_classes()


def _frames():
    from hypothesis import strategies as st
    from hypothesis.extra.pandas import column, data_frames, range_indexes

    text = st.text(alphabet="ab zé\u4e2d\n", max_size=4)
    return data_frames(
        columns=[column("f", dtype=float), column("i", dtype=np.int64), column("b", dtype=bool),
                 column("s", elements=text, dtype=object), column("c", elements=st.sampled_from(["lo", "hi", None]))],
        index=range_indexes(max_size=12),
    )


def test_random_frames_round_trip_exactly():
    import tempfile

    from hypothesis import Phase, given, settings

    @settings(max_examples=10, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink))
    @given(frame=_frames())
    def check(frame):
        frame = frame.assign(c=pd.Categorical(frame["c"], categories=["lo", "hi"]),
                             t=pd.array(frame["s"].tolist(), dtype="str"))
        with tempfile.TemporaryDirectory() as folder:
            back = ser.read_model_file(ser.write_model_file(Path(folder) / "f.pytidy", frame))
        pd.testing.assert_frame_equal(back, frame, check_exact=True)

    check()


def test_ames_recipe_with_twenty_two_steps_round_trips(tmp_path, modeldata):
    ames = modeldata("ames")
    train, test = ames.iloc[:600], ames.iloc[600:800]
    formula = ("Sale_Price ~ Lot_Area + Gr_Liv_Area + Year_Built + Neighborhood + Bldg_Type + Central_Air + "
               "Lot_Frontage + Garage_Area + Longitude + Latitude + Mo_Sold + Full_Bath")
    rec = (tm.recipe(formula, train)
           .step_log("Sale_Price", base=10, skip=True)
           .step_mutate(Lot_Frontage="Lot_Frontage.mask(Lot_Frontage == 0)")
           .step_impute_knn("Lot_Frontage", neighbors=3)
           .step_indicate_na("Lot_Frontage")
           .step_impute_median(tm.all_numeric_predictors())
           .step_cut("Mo_Sold", breaks=[3, 6, 9])
           .step_num2factor("Full_Bath", levels=["0", "1", "2", "3", "4"])
           .step_other("Neighborhood", threshold=0.05)
           .step_novel(tm.all_nominal_predictors())
           .step_unknown(tm.all_nominal_predictors())
           .step_dummy(tm.all_nominal_predictors())
           .step_interact("~ Gr_Liv_Area:Year_Built")
           .step_BoxCox("Lot_Area")
           .step_YeoJohnson("Garage_Area")
           .step_ns("Longitude", deg_free=3)
           .step_bs("Latitude", deg_free=3)
           .step_poly("Year_Built", degree=2)
           .step_nzv(tm.all_predictors())
           .step_zv(tm.all_predictors())
           .step_corr(tm.all_numeric_predictors(), threshold=0.95)
           .step_lincomb(tm.all_numeric_predictors())
           .step_normalize(tm.all_numeric_predictors()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = tm.workflow().add_model(tm.linear_reg()).add_recipe(rec).fit(train)
        back = tm.load_workflow(fitted.save(tmp_path / "ames.pytidy"))
        pd.testing.assert_frame_equal(back.predict(test), fitted.predict(test), check_exact=True)
        pd.testing.assert_frame_equal(back.extract_recipe().bake(test), fitted.extract_recipe().bake(test))
    assert len(back.extract_recipe().steps) == 22
