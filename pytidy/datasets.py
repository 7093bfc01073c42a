"""Data sets: ``read_higgs()`` for the UCI HIGGS file and the sample shipped with pytidy."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InvalidParameterError

__all__ = ["read_higgs", "HIGGS_COLUMNS", "HIGGS_LEVELS"]

#: The 29 column names of the UCI file, in file order (the UCI documentation spells the fourth jet's
#: tag ``jet_4_btag`` and the others ``jet_k_b_tag``; we keep its spelling, as the R post does).
HIGGS_COLUMNS: tuple[str, ...] = (
    "class", "lepton_pT", "lepton_eta", "lepton_phi", "missing_energy_magnitude",
    "missing_energy_phi", "jet_1_pt", "jet_1_eta", "jet_1_phi", "jet_1_b_tag", "jet_2_pt",
    "jet_2_eta", "jet_2_phi", "jet_2_b_tag", "jet_3_pt", "jet_3_eta", "jet_3_phi", "jet_3_b_tag",
    "jet_4_pt", "jet_4_eta", "jet_4_phi", "jet_4_btag", "m_jj", "m_jjj", "m_lv", "m_jlv", "m_bb",
    "m_wbb", "m_wwbb",
)  # fmt: skip

#: Level order of ``class``: signal ("1") first, so it is the event for two-class metrics, as in
#: the R post, whose ``col_types = "f..."`` orders levels by first appearance (the file starts with 1).
HIGGS_LEVELS: tuple[str, str] = ("1", "0")

_CHUNK_ROWS = 500_000


def read_higgs(path: str | os.PathLike[str] | None = None, *, n_max: int | None = None) -> pd.DataFrame:
    """Read the UCI HIGGS data, or the 10,984-row sample shipped with pytidy.

    Parameters
    ----------
    path : path-like, optional
        The UCI file ``HIGGS.csv`` or ``HIGGS.csv.gz`` (no header, class first, 29 columns). With
        no path, the shipped sample (CC BY 4.0, see ``pytidy/data/README.md``) is read.
    n_max : int, optional
        Read at most this many rows (R: ``read_csv(n_max = )``).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`HIGGS_COLUMNS`; ``class`` is categorical with levels ``"1"``
        (signal, the event) and ``"0"``; the 28 features are float32. The full file reads in chunks
        into one float32 block, so the peak memory stays near twice its float32 size (~2.5 GB).

    Examples
    --------
    >>> higgs = read_higgs()
    >>> higgs.shape
    (10984, 29)
    >>> list(higgs["class"].cat.categories)
    ['1', '0']
    """
    if n_max is not None and (isinstance(n_max, bool) or not isinstance(n_max, int) or n_max < 1):
        raise InvalidParameterError(f"`n_max` in read_higgs() must be a positive integer; got {n_max!r}.")
    if path is None:
        with resources.as_file(resources.files("pytidy") / "data" / "higgs_sample.csv.gz") as p:
            raw = pd.read_csv(p, nrows=n_max, dtype=np.float32)
        values = raw.to_numpy(dtype=np.float32)
        values = np.concatenate([values[:, -1:], values[:, :-1]], axis=1)  # label last -> class first
    else:
        path = Path(path)
        if not path.exists():
            raise InvalidParameterError(
                f"read_higgs(): no file at {str(path)!r}. Download HIGGS.csv.gz from "
                "https://archive.ics.uci.edu/dataset/280/higgs, or call read_higgs() with no path "
                "for the shipped sample."
            )
        values = _read_numeric_csv(path, n_cols=len(HIGGS_COLUMNS), n_max=n_max)
    return _as_higgs_frame(values)


def _read_numeric_csv(path: Path, n_cols: int, n_max: int | None) -> np.ndarray:
    """Read a header-less numeric CSV into one float32 array, one chunk at a time."""
    chunks: list[np.ndarray] = []
    reader = pd.read_csv(
        path, header=None, dtype=np.float32, chunksize=_CHUNK_ROWS, nrows=n_max, engine="c"
    )
    with reader:
        for chunk in reader:
            if chunk.shape[1] != n_cols:
                raise InvalidParameterError(
                    f"read_higgs(): {str(path)!r} has {chunk.shape[1]} columns; the UCI HIGGS file has "
                    f"{n_cols} (class first, then 28 features, no header)."
                )
            chunks.append(chunk.to_numpy(dtype=np.float32))
            del chunk
    if not chunks:
        raise InvalidParameterError(f"read_higgs(): {str(path)!r} has no rows.")
    values = chunks[0] if len(chunks) == 1 else np.concatenate(chunks, axis=0)
    chunks.clear()
    return values


def _as_higgs_frame(values: np.ndarray) -> pd.DataFrame:
    label = values[:, 0]
    if not np.isin(label, (0.0, 1.0)).all():
        raise InvalidParameterError(
            "read_higgs(): the first column must be the class, 0 or 1; found other values. Is the "
            "file the UCI HIGGS layout (class first, no header)?"
        )
    codes = (label == 0).astype(np.int8)  # "1" is code 0, "0" is code 1
    klass = pd.Categorical.from_codes(codes, categories=list(HIGGS_LEVELS))
    # The features stay one float32 block: a Fortran-ordered copy would double the peak memory.
    features = pd.DataFrame(values[:, 1:], columns=list(HIGGS_COLUMNS[1:]), copy=False)
    features.insert(0, "class", klass)
    return features
