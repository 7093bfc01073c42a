import gzip
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import pytidy as tm
from pytidy.datasets import HIGGS_COLUMNS
from pytidy.errors import InvalidParameterError


def _write_uci(path, n, seed=0, compress=True):
    rng = np.random.default_rng(seed)
    values = rng.normal(size=(n, 28)).astype(np.float32)
    label = rng.integers(0, 2, n).astype(np.float32)
    frame = pd.DataFrame(np.column_stack([label, values]))
    if compress:
        with gzip.open(path, "wt") as fh:
            frame.to_csv(fh, header=False, index=False, float_format="%.9g")
    else:
        frame.to_csv(path, header=False, index=False, float_format="%.9g")
    return label, values


def test_shipped_sample_has_uci_names_and_levels():
    higgs = tm.read_higgs()
    assert higgs.shape == (10_984, 29)
    assert tuple(higgs.columns) == HIGGS_COLUMNS
    assert list(higgs["class"].cat.categories) == ["1", "0"]
    assert (higgs["class"] == "1").sum() == 5_821 and (higgs["class"] == "0").sum() == 5_163
    assert (higgs.dtypes.iloc[1:] == np.float32).all()
    assert not higgs.isna().any().any()


@pytest.mark.parametrize("compress", [True, False])
def test_full_file_layout_gzip_or_not(tmp_path, compress):
    path = tmp_path / ("HIGGS.csv.gz" if compress else "HIGGS.csv")
    label, values = _write_uci(path, 1234, compress=compress)
    higgs = tm.read_higgs(path)
    assert tuple(higgs.columns) == HIGGS_COLUMNS and len(higgs) == 1234
    np.testing.assert_array_equal(higgs["class"].astype(str).astype(float).to_numpy(), label)
    np.testing.assert_allclose(higgs.iloc[:, 1:].to_numpy(), values, rtol=1e-6)
    assert len(tm.read_higgs(path, n_max=10)) == 10


def test_reading_in_chunks_keeps_peak_memory_near_twice_float32(tmp_path, monkeypatch):
    import pytidy.datasets as ds

    monkeypatch.setattr(ds, "_CHUNK_ROWS", 5_000)
    n = 50_000
    path = tmp_path / "HIGGS.csv"
    _write_uci(path, n, compress=False)
    float32_bytes = n * 29 * 4
    tracemalloc.start()
    higgs = tm.read_higgs(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(higgs) == n
    assert peak <= 2.3 * float32_bytes, f"peak {peak / 1e6:.1f} MB vs float32 size {float32_bytes / 1e6:.1f} MB"


def test_errors_name_the_problem(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"no file at .*Download HIGGS.csv.gz"):
        tm.read_higgs(tmp_path / "nope.csv.gz")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,3\n0,4,5\n")
    with pytest.raises(InvalidParameterError, match=r"has 3 columns; the UCI HIGGS file has 29"):
        tm.read_higgs(bad)
    wrong = tmp_path / "wrong.csv"
    pd.DataFrame(np.full((3, 29), 2.0)).to_csv(wrong, header=False, index=False)
    with pytest.raises(InvalidParameterError, match=r"first column must be the class, 0 or 1"):
        tm.read_higgs(wrong)
    with pytest.raises(InvalidParameterError, match=r"`n_max` in read_higgs\(\) must be a positive integer"):
        tm.read_higgs(n_max=0)
