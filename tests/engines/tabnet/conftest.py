"""Fixtures for the TabNet engine tests: small data sets and one torch thread."""

from __future__ import annotations

import pytest
import torch

import pytidy


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """One intra-op thread: faster for these tiny networks on a shared 2-core machine; restored after."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def higgs():
    return pytidy.read_higgs()


@pytest.fixture(scope="session")
def higgs_small(higgs):
    return higgs.iloc[:1000].reset_index(drop=True)


