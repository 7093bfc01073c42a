"""Model files as a malicious file, a broken disk and a careless user would make them (issue 11).

Every crafted file below carries VALID checksums (rebuilt with the real writer), so what stops
it is the loader's refusal to run code, not the checksum. A payload that ran would create a
marker file; each test asserts the marker does not exist and a clear ModelFileError is raised.
"""

from __future__ import annotations

import errno
import io
import json
import os
import pickle
import shlex
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.errors import ModelFileError, NotSerializableError, PytidyError
from pytidy.workflows import _graph as graph_mod
from pytidy.workflows import _serialize as ser


class Boom:
    """Unpickling this runs a shell command that creates the marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {shlex.quote(str(self.marker))}",))


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "PWNED"
    yield path
    assert not path.exists(), "a payload in a model file ran code"


@pytest.fixture
def payload(marker):
    return pickle.dumps(Boom(marker))


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=40), "g": pd.Categorical(rng.choice(["a", "b"], 40))})
    df["y"] = 2 * df["x"] + rng.normal(size=40)
    rec = tm.recipe("y ~ .", df).step_dummy(tm.all_nominal_predictors()).step_normalize(tm.all_numeric_predictors())
    return tm.workflow().add_model(tm.linear_reg()).add_recipe(rec).fit(df), df


@pytest.fixture
def good(tmp_path, fitted):
    return fitted[0].save(tmp_path / "good.pytidy")


def _members(path: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        members = {n: zf.read(n) for n in zf.namelist() if n != "manifest.json"}
    return manifest, members


def _rebuild(path: Path, out: Path, change=None, manifest_bytes: bytes | None = None, **kw) -> Path:
    """Rewrite the model file with ``change(members)`` applied and valid checksums."""
    manifest, members = _members(path)
    if change is not None:
        change(members)
    data = ser.build_container(members, manifest["object_type"], **kw)
    if manifest_bytes is not None:
        data = _replace_manifest(data, manifest_bytes)
    out.write_bytes(data)
    return out


def _replace_manifest(data: bytes, manifest: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", manifest)
        for name in src.namelist()[1:]:
            zf.writestr(name, src.read(name))
        zf.comment = b"sha256=" + b"0" * 64
    raw = bytearray(buf.getvalue())
    raw[-64:] = ser._sha(bytes(raw[:-64])).encode()
    return bytes(raw)


def _graph(members: dict[str, bytes]) -> dict:
    return json.loads(members["graph.json"])


def _set_graph(members: dict[str, bytes], graph: dict) -> None:
    members["graph.json"] = json.dumps(graph).encode()


def _first_array(members: dict[str, bytes]) -> str:
    return next(n for n in sorted(members) if n.startswith("arrays/"))


def _load(path):
    return tm.load_workflow(path)


# ---------------------------------------------------------------------------------------------
# pickles and code in every place of the file


def test_the_good_file_loads(good, fitted):
    back = _load(good)
    pd.testing.assert_frame_equal(back.predict(fitted[1]), fitted[0].predict(fitted[1]))


def test_a_whole_file_pickle_is_refused_before_unpickling(tmp_path, payload):
    path = tmp_path / "old.pytidy"
    path.write_bytes(payload)
    with pytest.raises(ModelFileError, match=r"is a pickle .* refuses to unpickle because it can run any code"):
        _load(path)
    legacy = pickle.dumps({"format": "pytidy-workflow", "version": 1, "object": Boom(tmp_path / "PWNED")}, protocol=2)
    path.write_bytes(legacy)
    with pytest.raises(ModelFileError, match=r"is a pickle"):
        _load(path)


def test_a_pickle_as_manifest_is_refused(tmp_path, good, payload):
    bad = _rebuild(good, tmp_path / "bad.pytidy", manifest_bytes=payload)
    with pytest.raises(ModelFileError, match=r"manifest.json is not valid JSON"):
        _load(bad)


def test_a_pickle_as_graph_is_refused(tmp_path, good, payload):
    bad = _rebuild(good, tmp_path / "bad.pytidy", lambda m: m.update({"graph.json": payload}))
    with pytest.raises(ModelFileError, match=r"graph.json is not valid JSON"):
        _load(bad)


def test_a_pickle_as_array_member_is_refused(tmp_path, good, payload):
    bad = _rebuild(good, tmp_path / "bad.pytidy", lambda m: m.update({_first_array(m): payload}))
    with pytest.raises(ModelFileError, match=r"is not a plain .npy array"):
        _load(bad)


def test_a_pickled_object_array_in_npy_is_refused(tmp_path, good, marker):
    buf = io.BytesIO()
    np.save(buf, np.array([Boom(marker)], dtype=object), allow_pickle=True)
    bad = _rebuild(good, tmp_path / "bad.pytidy", lambda m: m.update({_first_array(m): buf.getvalue()}))
    with pytest.raises(ModelFileError, match=r"is not a plain .npy array .*allow_pickle=False"):
        _load(bad)


def test_a_pickle_as_tensor_member_is_refused(tmp_path, payload):
    torch = pytest.importorskip("torch")
    path = ser.write_model_file(tmp_path / "t.pytidy", {"w": torch.ones(3)})

    def swap(m):
        m["tensors.safetensors"] = payload
    bad = _rebuild(path, tmp_path / "bad.pytidy", swap)
    with pytest.raises(ModelFileError, match=r"tensors member is not a valid safetensors file"):
        ser.read_model_file(bad)
    buf = io.BytesIO()
    torch.save({"w": Boom(tmp_path / "PWNED")}, buf)   # a torch.load()-style pickle zip
    bad = _rebuild(path, tmp_path / "bad2.pytidy", lambda m: m.update({"tensors.safetensors": buf.getvalue()}))
    with pytest.raises(ModelFileError, match=r"not a valid safetensors file"):
        ser.read_model_file(bad)


def test_a_pickle_as_skops_member_is_refused(tmp_path, payload, marker):
    from sklearn.linear_model import Ridge

    model = Ridge().fit(np.eye(3), [1.0, 2.0, 3.0])
    path = ser.write_model_file(tmp_path / "s.pytidy", {"m": model})
    name = next(n for n in _members(path)[1] if n.startswith("skops/"))
    bad = _rebuild(path, tmp_path / "bad.pytidy", lambda m: m.update({name: payload}))
    with pytest.raises(ModelFileError, match=r"scikit-learn member was refused by skops"):
        ser.read_model_file(bad)
    # a well-formed skops file that names an untrusted callable (as a crafted skops file would)
    import skops.io as sio

    crafted = _skops_with_type(sio.dumps(model), "posix", "system")
    bad = _rebuild(path, tmp_path / "bad2.pytidy", lambda m: m.update({name: crafted}))
    with pytest.raises(ModelFileError, match=r"refused by skops \((UntrustedTypesFoundException|TypeError)"):
        ser.read_model_file(bad)


def _skops_with_type(data: bytes, module: str, name: str) -> bytes:
    """Rewrite a skops file's schema so its root object claims to be ``module.name``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    schema = json.loads(src.read("schema.json"))
    schema["__module__"], schema["__class__"] = module, name
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n in src.namelist():
            zf.writestr(n, json.dumps(schema) if n == "schema.json" else src.read(n))
    return buf.getvalue()


def test_a_pickle_as_xgboost_member_is_refused(tmp_path, payload):
    xgb = pytest.importorskip("xgboost")
    booster = xgb.train({"max_depth": 1}, xgb.DMatrix(np.eye(4), label=[0.0, 1, 0, 1]), 2)
    path = ser.write_model_file(tmp_path / "x.pytidy", {"b": booster})
    name = next(n for n in _members(path)[1] if n.startswith("xgboost/"))
    bad = _rebuild(path, tmp_path / "bad.pytidy", lambda m: m.update({name: payload}))
    with pytest.raises(ModelFileError, match=r"the xgboost member is not a valid xgboost model"):
        ser.read_model_file(bad)


def test_an_extra_pickle_member_is_refused(tmp_path, good, payload):
    bad = _rebuild(good, tmp_path / "bad.pytidy", lambda m: m.update({"payload.pkl": payload}))
    with pytest.raises(ModelFileError, match=r"the manifest lists a bad member 'payload.pkl'"):
        _load(bad)


@pytest.mark.parametrize("node,message", [
    ({"$": "obj", "class": "posix:system", "args": ["touch PWNED"]}, r"'posix:system', which is not on pytidy's allow-list"),
    ({"$": "obj", "class": "builtins:eval"}, r"'builtins:eval', which is not on pytidy's allow-list"),
    ({"$": "obj", "class": "subprocess:Popen", "args": [["touch", "PWNED"]]}, r"not on pytidy's allow-list"),
    ({"$": "obj", "class": "pytidy:__builtins__.eval"}, r"is not a valid class name"),
    ({"$": "obj", "class": "pytidy.__init__:Workflow"}, r"is not a valid class name"),
    ({"$": "obj", "class": "pytidy.parsnip._lazy:lazy.<locals>.call"}, r"is not a valid class name"),
    ({"$": "obj", "class": "pytidy.parsnip._lazy:importlib"}, r"does not name an allowed class"),
    ({"$": "obj", "class": "pytidy.workflows._serialize:os.system"}, r"does not name an allowed class"),
    ({"$": "type", "class": "os:system"}, r"not on pytidy's allow-list"),
    ({"$": "function", "name": "os:system"}, r"not one of pytidy's default functions"),
    ({"$": "enum", "class": "signal:Signals", "name": "SIGKILL"}, r"not on pytidy's allow-list"),
    ({"$": "pickle", "data": "gASV"}, r"unknown tag 'pickle'"),
    ({"$": "dtype", "value": "O"}, r"would hold Python objects"),
    ({"$": "npscalar", "dtype": "|O", "hex": "00" * 8}, r"would hold Python objects"),
    ({"$": "extarray", "dtype": "object", "items": []}, r"pandas dtype 'object' is not allowed"),
    ({"$": "ref", "id": 99}, r"reference to an unknown object id 99"),
    ({"$": "obj", "class": "pytidy.workflows.workflow:Workflow", "singleton": True}, r"not one of the singletons"),
    ({"$": "np_random", "kind": "Generator", "bit_generator": "system", "state": None}, r"bad bit generator 'system'"),
    ({"$": "sparse", "format": "dok", "shape": [1, 1]}, r"bad sparse format 'dok'"),
    ({"$": "pydatetime", "kind": "eval", "value": "1"}, r"bad date kind 'eval'"),
    ({"$": "caseweights", "dtype": "object", "values": {"$": "tuple", "items": []}},
     r"case weights need a weights dtype and float64 values"),
])
def test_graph_nodes_that_would_run_code_are_refused(tmp_path, good, node, message):
    def change(m):
        graph = _graph(m)
        graph["root"] = {"$": "tuple", "items": [node]}
        _set_graph(m, graph)
    bad = _rebuild(good, tmp_path / "bad.pytidy", change)
    with pytest.raises(ModelFileError, match=message):
        _load(bad)
    assert not (Path.cwd() / "PWNED").exists()


def test_an_allowed_class_with_a_state_that_names_a_function_is_refused(tmp_path, good):
    def change(m):
        text = m["graph.json"].decode()
        # replace the lm engine's design object by one whose state smuggles a function reference
        graph = json.loads(text)
        graph["root"] = {"$": "obj", "class": "pytidy.workflows.workflow:FittedWorkflow", "id": 1,
                         "state": {"$": "dict", "items": [["workflow", {"$": "function", "name": "builtins:exec"}]]}}
        _set_graph(m, graph)
    bad = _rebuild(good, tmp_path / "bad.pytidy", change)
    with pytest.raises(ModelFileError, match=r"'builtins:exec' is not one of pytidy's default functions"):
        _load(bad)


def test_a_formula_term_with_code_is_refused_at_load(tmp_path, marker, modeldata):
    data = modeldata("concrete").iloc[:50]
    fitted = tm.workflow().add_model(tm.linear_reg()).add_formula("compressive_strength ~ np.log(age)").fit(data)
    path = fitted.save(tmp_path / "f.pytidy")
    evil = f"__import__('os').system('touch {marker}')"

    def change(m):
        m["graph.json"] = m["graph.json"].replace(b"np.log(age)", json.dumps(evil)[1:-1].encode())
    bad = _rebuild(path, tmp_path / "bad.pytidy", change)
    with pytest.raises(ModelFileError, match=r"FittedWorkflow\.(workflow|model_fit\.blueprint.*): the formula term "
                                             r"\"__import__\('os'\)"):
        _load(bad)
    # only formulaic's parsed terms altered (the formula strings left alone): the factor check refuses it
    bad = _rebuild(path, tmp_path / "bad1.pytidy", lambda m: m.update({"graph.json": m["graph.json"].replace(
        b'"np.log(age)"', json.dumps("__import__('os').system('true')").encode())}))
    with pytest.raises(ModelFileError, match=r"FittedWorkflow\.model_fit\.blueprint\.model_spec.*: the formula term "
                                             r"\"__import__\('os'\)\.system\('true'\)\" reads the attribute"):
        _load(bad)
    # the workflow's own formula (used by refit) is checked too
    evil_formula = f"compressive_strength ~ np.log(age) + __import__('os').system('touch {marker}')"

    def change_formula(m):
        graph = json.loads(m["graph.json"])
        text = json.dumps(graph).replace('"compressive_strength ~ np.log(age)"', json.dumps(evil_formula), 1)
        m["graph.json"] = text.encode()
    bad = _rebuild(path, tmp_path / "bad2.pytidy", change_formula)
    with pytest.raises(ModelFileError, match=r"FittedWorkflow\.workflow: the formula term .*__import__"):
        _load(bad)
    for evil_term, why in [("np.os.system('x')", r"reads the attribute np.os.system"),
                           ("x.__class__", r"reads the attribute x.__class__"),
                           ("np.log.__globals__", r"reads the attribute"), ("_secret", r"names '_secret'"),
                           ("(lambda: 1)()", r"calls lambda: 1"), ("lambda: 1", r"uses Lambda"),
                           ("[v for v in x]", r"uses ListComp"), ("x['a']", r"uses Subscript"),
                           ("eval('1')", r"calls eval, which is not a known formula transform")]:
        with pytest.raises(ModelFileError, match=why):
            graph_mod._check_formula_expr(evil_term, "test")
    graph_mod._check_formula_expr("np.log(x) + poly(z, 2) * I(w ** 2) - center(v)", "test")


def test_the_loaded_object_must_be_a_fitted_workflow(tmp_path, good):
    other = ser.write_model_file(tmp_path / "dict.pytidy", {"a": 1})
    with pytest.raises(ModelFileError, match=r"holds a 'builtins:dict', not a FittedWorkflow"):
        _load(other)

    def change(m):
        _set_graph(m, {"root": {"$": "dict", "items": []}})
    liar = _rebuild(good, tmp_path / "liar.pytidy", change)
    with pytest.raises(ModelFileError, match=r"does not hold a FittedWorkflow \(found dict\)"):
        _load(liar)
    assert ser.read_model_file(other, dict) == {"a": 1}  # `expected` is what is checked


# ---------------------------------------------------------------------------------------------
# damaged, altered and foreign files


def test_truncated_files_are_refused(tmp_path, good):
    raw = good.read_bytes()
    for cut in (10, len(raw) // 2, len(raw) - 30, len(raw) - 1):
        path = tmp_path / f"cut{cut}.pytidy"
        path.write_bytes(raw[:cut])
        with pytest.raises(ModelFileError, match=r"is truncated or has bytes appended"):
            _load(path)


def test_appended_bytes_are_refused(tmp_path, good, payload):
    path = tmp_path / "appended.pytidy"
    path.write_bytes(good.read_bytes() + payload)
    with pytest.raises(ModelFileError, match=r"is truncated or has bytes appended after its end"):
        _load(path)
    path.write_bytes(good.read_bytes() + b"\n")
    with pytest.raises(ModelFileError, match=r"bytes appended"):
        _load(path)


def test_altered_bytes_are_refused(tmp_path, good):
    raw = bytearray(good.read_bytes())
    for where in (40, len(raw) // 2, len(raw) - 100):
        altered = bytearray(raw)
        altered[where] ^= 0x01
        path = tmp_path / f"alt{where}.pytidy"
        path.write_bytes(bytes(altered))
        with pytest.raises(ModelFileError, match=r"fails its checksum|not a valid model file|truncated"):
            _load(path)
    prefixed = tmp_path / "prefixed.pytidy"
    prefixed.write_bytes(b"PK\x03\x04" + bytes(raw))
    with pytest.raises(ModelFileError, match=r"fails its checksum: its bytes were altered"):
        _load(prefixed)


def test_a_member_that_does_not_match_the_manifest_is_refused(tmp_path, good):
    manifest, members = _members(good)
    name = _first_array(members)
    members[name] = members[name][:-8] + b"\x00" * 8     # same size, other content
    data = ser.build_container(members, manifest["object_type"])
    data = _replace_manifest(data, json.dumps(manifest).encode())  # the old, now wrong, checksums
    path = tmp_path / "bad.pytidy"
    path.write_bytes(data)
    with pytest.raises(ModelFileError, match=rf"fails its checksum: the member '{name}' does not match"):
        _load(path)


def test_a_newer_format_version_is_refused(tmp_path, good):
    newer = _rebuild(good, tmp_path / "newer.pytidy", format_version=ser.FORMAT_VERSION + 1)
    with pytest.raises(ModelFileError, match=r"model-file format version 2; this pytidy reads format versions up "
                                             r"to 1\. Upgrade pytidy"):
        _load(newer)
    zero = _rebuild(good, tmp_path / "zero.pytidy", format_version=0)
    with pytest.raises(ModelFileError, match=r"bad format_version 0"):
        _load(zero)


def test_empty_directory_missing_and_foreign_files_are_refused(tmp_path):
    empty = tmp_path / "empty.pytidy"
    empty.write_bytes(b"")
    with pytest.raises(ModelFileError, match=r"is empty \(0 bytes\)"):
        _load(empty)
    with pytest.raises(ModelFileError, match=r"is a directory, not a model file"):
        _load(tmp_path)
    with pytest.raises(ModelFileError, match=r"no file at"):
        _load(tmp_path / "missing.pytidy")
    text = tmp_path / "text.pytidy"
    text.write_text("y ~ x\n")
    with pytest.raises(ModelFileError, match=r"is not a file written by FittedWorkflow.save\(\)"):
        _load(text)
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ModelFileError, match=r"truncated or has bytes appended"):
        _load(other_zip)
    wrapped = tmp_path / "wrapped.pytidy"
    wrapped.write_bytes(ser.build_container({"graph.json": b"{}"}, "x:y"))
    wrapped.write_bytes(_replace_manifest(wrapped.read_bytes(), b'{"format": "something-else"}'))
    with pytest.raises(ModelFileError, match=r"its manifest does not say format 'pytidy-model-file'"):
        _load(wrapped)


def test_every_refusal_is_a_pytidy_error(tmp_path):
    assert issubclass(ModelFileError, PytidyError) and issubclass(ModelFileError, ValueError)
    assert issubclass(NotSerializableError, PytidyError) and issubclass(NotSerializableError, TypeError)


# ---------------------------------------------------------------------------------------------
# saving never loses the previous model


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_refused_save_leaves_the_previous_file_intact(tmp_path, good, fitted):
    before = good.read_bytes()
    bad = tm.workflow().add_model(tm.linear_reg()).add_recipe(
        tm.recipe("y ~ .", fitted[1]).step_mutate(x2=lambda d: d.x * 2)).fit(fitted[1])
    with pytest.raises(NotSerializableError, match=r"steps\[0\]\.inputs\[0\]\[1\] \(inside step_mutate\(\) with id "
                                                   r"'mutate_1'\): it is a function"):
        bad.save(good)
    assert good.read_bytes() == before and _leftovers(good.parent) == []
    _load(good)


class _FailingFile:
    """A file object whose write() stores ``keep`` bytes, then raises ``error``."""

    def __init__(self, fh, keep: int, error: BaseException):
        self.fh, self.keep, self.error = fh, keep, error

    def write(self, data):
        self.fh.write(bytes(data[: self.keep]))
        self.fh.flush()
        raise self.error

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk_full", "ctrl_c"])
def test_a_save_interrupted_mid_write_leaves_the_previous_file_intact(tmp_path, good, fitted, monkeypatch, error):
    before = good.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(ser.os, "fdopen", lambda fd, mode: _FailingFile(real_fdopen(fd, mode), 100, error))
    with pytest.raises(type(error)):
        fitted[0].save(good)
    monkeypatch.undo()
    assert good.read_bytes() == before
    assert _leftovers(good.parent) == []
    new = tmp_path / "new.pytidy"
    monkeypatch.setattr(ser.os, "fdopen", lambda fd, mode: _FailingFile(real_fdopen(fd, mode), 100, error))
    with pytest.raises(type(error)):
        fitted[0].save(new)
    assert not new.exists() and _leftovers(tmp_path) == []


def test_a_failure_at_rename_leaves_the_previous_file_intact(tmp_path, good, fitted, monkeypatch):
    before = good.read_bytes()

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(ser.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        fitted[0].save(good)
    assert good.read_bytes() == before and _leftovers(tmp_path) == []


def test_save_writes_through_a_temporary_file_and_replaces_atomically(tmp_path, good, fitted, monkeypatch):
    calls = []
    real_replace, real_fsync = os.replace, os.fsync
    monkeypatch.setattr(ser.os, "fsync", lambda fd: calls.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(ser.os, "replace", lambda a, b: calls.append(("replace", Path(a).parent, Path(b).name))
                        or real_replace(a, b))
    fitted[0].save(good)
    assert calls[0] == "fsync" and calls[1] == ("replace", good.parent, good.name)
    _load(good)


def test_save_to_a_directory_or_missing_folder_is_refused(tmp_path, fitted):
    from pytidy.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match=r"is a directory; give a file name"):
        fitted[0].save(tmp_path)
    with pytest.raises(InvalidParameterError, match=r"the folder .* does not exist"):
        fitted[0].save(tmp_path / "nope" / "m.pytidy")


def test_step_expressions_that_could_run_code_are_refused_at_save_and_at_load(tmp_path, marker, fitted):
    df = fitted[1]
    rec = tm.recipe("y ~ .", df)
    ok = tm.workflow().add_model(tm.linear_reg()).add_recipe(
        rec.step_mutate(z="abs(x) ** 0.5 + x.round(1) * 2").step_filter("x > -10", "`x` == `x`")).fit(df)
    path = ok.save(tmp_path / "ok.pytidy")
    pd.testing.assert_frame_equal(_load(path).predict(df), ok.predict(df))

    risky = tm.workflow().add_model(tm.linear_reg()).add_recipe(rec.step_mutate(z="x.rename('q')")).fit(df)
    with pytest.raises(NotSerializableError, match=r"Cannot save FittedWorkflow\.workflow\.recipe\.steps\[0\] \(inside "
                                                   r"step_mutate\(\) with id 'mutate_1'\): the "
                                                   r"step_mutate\(\) expression \"x.rename\('q'\)\" reads the attribute "
                                                   r"x.rename"):
        risky.save(tmp_path / "risky.pytidy")
    with pytest.raises(NotSerializableError, match=r"step_filter\(\) condition '@x > 0' refers to a local variable"):
        ser.write_model_file(tmp_path / "f.pytidy", rec.step_filter("@x > 0"))

    evil = f"x.to_csv('{marker}')"
    bad = _rebuild(path, tmp_path / "bad.pytidy",
                   lambda m: m.update({"graph.json": m["graph.json"].replace(
                       b"abs(x) ** 0.5 + x.round(1) * 2", evil.encode())}))
    with pytest.raises(ModelFileError, match=r"steps\[0\]: the step_mutate\(\) expression .*to_csv.* reads the "
                                             r"attribute x.to_csv"):
        _load(bad)
    for text, why in [("x.__class__.__init__.__globals__", r"reads the attribute"), ("x['a']", r"uses Subscript"),
                      ("exec('1')", r"calls exec, which is not a known pandas.eval function"),
                      ("x.pipe(print)", r"reads the attribute x.pipe")]:
        with pytest.raises(ModelFileError, match=why):
            graph_mod._check_expression(text, "test", kind="step_mutate() expression")


def test_deeply_nested_or_inconsistent_graphs_are_refused(tmp_path, good):
    deep = "[" * 100_000 + "]" * 100_000
    bad = _rebuild(good, tmp_path / "deep.pytidy", lambda m: m.update({"graph.json": b'{"root": ' + deep.encode() + b"}"}))
    with pytest.raises(ModelFileError, match=r"graph.json is (not valid JSON \(RecursionError|nested too deeply)"):
        _load(bad)
    huge = {"$": "objarray", "shape": [10 ** 12], "items": [1]}
    bad = _rebuild(good, tmp_path / "huge.pytidy", lambda m: _set_graph(m, {"root": huge}))
    with pytest.raises(ModelFileError, match=r"the number of items does not match the shape"):
        _load(bad)
