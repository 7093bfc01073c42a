"""Every reliability case (tests/reliability/cases.py) passes, and docs/reliability.md is current."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cases  # noqa: E402

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
RUNNABLE = [c for c in cases.CASES if c is not cases.FUZZ]


@pytest.mark.parametrize("case", RUNNABLE, ids=[c.id for c in RUNNABLE])
def test_case(case):
    case.check()


def test_doc_is_current():
    assert DOC.read_text() == cases.render(), (
        "docs/reliability.md is stale: run `python tests/reliability/render.py`."
    )


def test_every_case_has_a_unique_row():
    ids = [c.id for c in cases.CASES]
    assert len(ids) == len(set(ids))
