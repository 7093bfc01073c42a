"""Model files that never run code on load (issue 7): a checksummed zip of JSON, ``.npy`` arrays,
safetensors tensors, skops scikit-learn objects and xgboost/lightgbm native model files.

The container layout, the tagged JSON object graph and the allow-list are described in
``docs/model-files.md``. The reader never unpickles: arrays go through
``np.load(allow_pickle=False)``, tensors through ``safetensors``, scikit-learn objects through
``skops.io.loads`` with a trusted-type list fixed here, boosters through their own JSON/text
parsers. Class instances are rebuilt with ``cls.__new__`` plus their saved state, and only for
classes on the allow-list (pytidy's own classes, torch.nn layers, a short explicit list of
formulaic / xgboost / lightgbm classes, and classes registered with :func:`register_serializable`).

R has no counterpart: ``saveRDS`` serialises R objects, closures included, and runs no checks
(R: ``base::saveRDS``; mlverse/tabnet saves torch weights with ``torch_save``). pytidy knowingly
differs: what cannot be stored as data (a Python function, an unknown class) is refused when saving.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import re
import struct
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ModelFileError
from ._graph import (
    _class_name,
    decode_object,
    encode_object,
    register_serializable,
    serializable_classes,
    unregister_serializable,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "register_serializable",
    "unregister_serializable",
    "serializable_classes",
    "write_model_file",
    "read_model_file",
    "read_manifest",
]

FORMAT = "pytidy-model-file"
#: Version of the container and graph layout; a reader refuses files with a larger number.
FORMAT_VERSION = 1

_MANIFEST = "manifest.json"
_GRAPH = "graph.json"
_TRAILER_PREFIX = b"sha256="
_TRAILER_LEN = len(_TRAILER_PREFIX) + 64
_EOCD_SIG = b"PK\x05\x06"
_EOCD_LEN = 22
_MEMBER_NAME = re.compile(r"^(graph\.json|tensors\.safetensors|(arrays|skops|xgboost|lightgbm)/[0-9]{6}\.(npy|skops|json|txt))$")
_MAX_MANIFEST = 1 << 20


# ---------------------------------------------------------------------------------------------
# the container


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _content_sha(member_shas: dict[str, str]) -> str:
    text = "\n".join(f"{name} {sha}" for name, sha in sorted(member_shas.items()))
    return _sha(text.encode("utf-8"))


def build_container(members: dict[str, bytes], object_type: str, libraries: dict[str, str] | None = None,
                    format_version: int = FORMAT_VERSION) -> bytes:
    """The bytes of a model file holding ``members`` (graph.json and the binary members).

    Writes ``manifest.json`` (sha256 of every member and of the whole content) first, then the
    members, and ends the zip with a comment ``sha256=<hex>`` over every byte before the hex digits.
    """
    from .._version import __version__

    shas = {name: _sha(data) for name, data in members.items()}
    manifest = {
        "format": FORMAT,
        "format_version": format_version,
        "pytidy_version": __version__,
        "object_type": object_type,
        "created": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "libraries": libraries or {},
        "members": {name: {"sha256": shas[name], "size": len(members[name])} for name in sorted(members)},
        "content_sha256": _content_sha(shas),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(_MANIFEST, json.dumps(manifest, indent=1, allow_nan=False))
        for name in sorted(members):
            kind = zipfile.ZIP_STORED if name.endswith((".npy", ".safetensors", ".skops")) else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), members[name], compress_type=kind)
        zf.comment = _TRAILER_PREFIX + b"0" * 64
    data = bytearray(buf.getvalue())
    data[-64:] = _sha(bytes(data[:-64])).encode("ascii")
    return bytes(data)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path``, fsync it, then ``os.replace`` it.

    Any failure (an exception, Ctrl-C, a full disk) removes the temporary file and leaves a previous
    file at ``path`` untouched.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            while view:
                written = fh.write(view)
                if not written:
                    raise OSError("write() wrote no bytes")
                view = view[written:]
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def write_model_file(path: str | os.PathLike, obj: Any, object_type: str | None = None) -> Path:
    """Save ``obj`` to ``path`` in pytidy's model-file format, atomically.

    Parameters
    ----------
    path : str or PathLike
        The file to (over)write.
    obj : object
        What to save; everything it holds must be storable (see ``docs/model-files.md``).
    object_type : str, optional
        The ``module:QualName`` recorded in the manifest (default: ``obj``'s class).

    Returns
    -------
    Path

    Raises
    ------
    NotSerializableError
        If ``obj`` holds something a model file cannot store as data; nothing is written then.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.pytidy"
    >>> _ = write_model_file(p, {"a": [1.5, None]})
    >>> read_model_file(p)
    {'a': [1.5, None]}
    """
    from ..errors import InvalidParameterError

    path = Path(path)
    if path.is_dir():
        raise InvalidParameterError(f"save(): {str(path)!r} is a directory; give a file name such as 'model.pytidy'.")
    if not path.parent.exists() and str(path.parent):
        raise InvalidParameterError(f"save(): the folder {str(path.parent)!r} does not exist; create it first.")
    members, libraries = encode_object(obj, type(obj).__name__)
    data = build_container(members, object_type or _class_name(type(obj)), libraries)
    atomic_write(path, data)
    return path


def _check_trailer(data: bytes, where: str) -> None:
    tail = data[-(_EOCD_LEN + _TRAILER_LEN):]
    ok_shape = (len(data) >= _EOCD_LEN + _TRAILER_LEN and tail[:4] == _EOCD_SIG
                and struct.unpack("<H", tail[20:22])[0] == _TRAILER_LEN
                and tail[_EOCD_LEN:_EOCD_LEN + len(_TRAILER_PREFIX)] == _TRAILER_PREFIX)
    if not ok_shape:
        raise ModelFileError(
            f"{where} is truncated or has bytes appended after its end: the closing checksum record is "
            "missing. Save the model again from the fitted workflow."
        )
    if _sha(data[:-64]).encode("ascii") != data[-64:]:
        raise ModelFileError(
            f"{where} fails its checksum: its bytes were altered after it was written (sha256 mismatch). "
            "Do not use it; save the model again."
        )


def _read_members(data: bytes, where: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise ModelFileError(f"{where} is not a valid model file: the zip container is damaged ({err}).") from err
    with zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            raise ModelFileError(f"{where} is not a valid model file: it has duplicated member names.")
        if _MANIFEST not in names:
            raise ModelFileError(f"{where} is not a valid model file: it has no manifest.json.")
        manifest = _parse_manifest(_read_zip(zf, _MANIFEST, _MAX_MANIFEST, where), where)
        listed = manifest["members"]
        extra = sorted(set(names) - set(listed) - {_MANIFEST})
        missing = sorted(set(listed) - set(names))
        if extra or missing:
            raise ModelFileError(
                f"{where} does not match its manifest: extra members {extra}, missing members {missing}."
            )
        members: dict[str, bytes] = {}
        shas: dict[str, str] = {}
        for name, info in listed.items():
            if not _MEMBER_NAME.match(name) or type(info) is not dict or type(info.get("size")) is not int \
                    or not isinstance(info.get("sha256"), str):
                raise ModelFileError(f"{where}: the manifest lists a bad member {name!r}.")
            blob = _read_zip(zf, name, info["size"], where)
            if len(blob) != info["size"] or _sha(blob) != info["sha256"]:
                raise ModelFileError(
                    f"{where} fails its checksum: the member {name!r} does not match the sha256 in the manifest."
                )
            members[name] = blob
            shas[name] = info["sha256"]
        if _content_sha(shas) != manifest["content_sha256"]:
            raise ModelFileError(f"{where} fails its checksum: the content sha256 in the manifest does not match.")
    return manifest, members


def _read_zip(zf: zipfile.ZipFile, name: str, limit: int, where: str) -> bytes:
    try:
        with zf.open(name) as fh:
            blob = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as err:
        raise ModelFileError(f"{where}: the member {name!r} cannot be read ({err}).") from err
    if len(blob) > limit:
        raise ModelFileError(f"{where}: the member {name!r} is larger than the manifest says.")
    return blob


def _reject_constant(value: str) -> Any:
    raise ValueError(f"non-standard JSON constant {value}")


def _json(blob: bytes, what: str, where: str) -> Any:
    try:
        return json.loads(blob.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise ModelFileError(f"{where}: {what} is not valid JSON ({type(err).__name__}: {err}).") from err


def _parse_manifest(blob: bytes, where: str) -> dict[str, Any]:
    manifest = _json(blob, "manifest.json", where)
    if type(manifest) is not dict or manifest.get("format") != FORMAT:
        raise ModelFileError(f"{where} is not a pytidy model file: its manifest does not say format {FORMAT!r}.")
    version = manifest.get("format_version")
    if type(version) is not int or version < 1:
        raise ModelFileError(f"{where}: the manifest has a bad format_version {version!r}.")
    if version > FORMAT_VERSION:
        raise ModelFileError(
            f"{where} was written by pytidy {manifest.get('pytidy_version')!r} in model-file format version "
            f"{version}; this pytidy reads format versions up to {FORMAT_VERSION}. Upgrade pytidy to load it."
        )
    if type(manifest.get("members")) is not dict or not isinstance(manifest.get("content_sha256"), str) \
            or not isinstance(manifest.get("object_type"), str):
        raise ModelFileError(f"{where}: the manifest lacks members, content_sha256 or object_type.")
    return manifest


def _file_bytes(path: str | os.PathLike, where: str) -> bytes:
    path = Path(path)
    if not path.exists():
        raise ModelFileError(f"{where}: no file at {str(path)!r}.")
    if path.is_dir():
        raise ModelFileError(f"{where}: {str(path)!r} is a directory, not a model file.")
    data = path.read_bytes()
    if not data:
        raise ModelFileError(f"{where}: {str(path)!r} is empty (0 bytes); it is not a model file.")
    if data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        raise ModelFileError(
            f"{where}: {str(path)!r} is a pickle (the model format of pytidy before model-file format "
            f"{FORMAT_VERSION}), and is not a file written by FittedWorkflow.save(). pytidy refuses to "
            "unpickle because it can run any code. Load it with the older pytidy in a session you trust "
            "and save it again."
        )
    if data[:4] != b"PK\x03\x04":
        raise ModelFileError(f"{where}: {str(path)!r} is not a file written by FittedWorkflow.save() "
                             "(no model-file header).")
    return data


def read_manifest(path: str | os.PathLike) -> dict[str, Any]:
    """The checked manifest of a model file: format, versions, object type, member checksums.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_model_file(pathlib.Path(tempfile.mkdtemp()) / "x.pytidy", [1, 2])
    >>> m = read_manifest(p)
    >>> m["format"], m["format_version"], m["object_type"]
    ('pytidy-model-file', 1, 'builtins:list')
    """
    where = f"{str(path)!r}"
    data = _file_bytes(path, "read_manifest()")
    _check_trailer(data, where)
    manifest, _ = _read_members(data, where)
    return manifest


def read_model_file(path: str | os.PathLike, expected: type | None = None, caller: str = "load") -> Any:
    """Load an object saved by :func:`write_model_file`, running no code from the file.

    Parameters
    ----------
    path : str or PathLike
    expected : type, optional
        The class the object must have; anything else is refused.
    caller : str
        Named in error messages.

    Raises
    ------
    ModelFileError
        For anything but an intact model file of a supported version holding an ``expected`` object.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_model_file(pathlib.Path(tempfile.mkdtemp()) / "x.pytidy", (1, "a"))
    >>> read_model_file(p)
    (1, 'a')
    """
    data = _file_bytes(path, f"{caller}()")
    where = f"{caller}(): {str(path)!r}"
    _check_trailer(data, where)
    manifest, members = _read_members(data, where)
    if expected is not None and manifest["object_type"] != _class_name(expected):
        raise ModelFileError(
            f"{where} holds a {manifest['object_type']!r}, not a {expected.__qualname__}; "
            f"{caller}() reads files written by {expected.__qualname__}.save()."
        )
    if _GRAPH not in members:
        raise ModelFileError(f"{where}: the file has no graph.json member.")
    graph = _json(members[_GRAPH], "graph.json", where)
    root = expected.__name__ if expected is not None else "object"
    try:
        obj = decode_object(graph, members, root)
    except ModelFileError as err:
        raise ModelFileError(f"{where}: {err}") from err
    except RecursionError as err:
        raise ModelFileError(f"{where}: graph.json is nested too deeply.") from err
    except Exception as err:  # noqa: BLE001 - any other failure means a malformed graph
        raise ModelFileError(f"{where}: graph.json is malformed ({type(err).__name__}: {err}).") from err
    if expected is not None and type(obj) is not expected:
        raise ModelFileError(f"{where} does not hold a {expected.__qualname__} (found {type(obj).__qualname__}).")
    return obj


def iter_members(path: str | os.PathLike) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every member, manifest first, without checks (for tests and tools)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            yield name, zf.read(name)
