"""The documentation builds without warnings and its reference covers every public name."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"

sphinx = pytest.importorskip("sphinx", reason="the docs need the `docs` extra")


def _apigen():
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module("pytidy_apigen")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    """Build the HTML docs once with warnings as errors (`make docs`) and read objects.inv."""
    from sphinx.cmd.build import build_main
    from sphinx.util.inventory import InventoryFile

    out = tmp_path_factory.mktemp("html")
    status = build_main(["-W", "-q", "-b", "html", "-d", str(out / ".doctrees"), str(DOCS), str(out)])
    assert status == 0, "sphinx-build -W failed: run `make docs` to see the warnings"
    with open(out / "objects.inv", "rb") as fh:
        inv = InventoryFile.load(fh, "", lambda base, uri: uri)
    return {name for table in inv.values() for name in table}


def public_names() -> dict[str, str]:
    """Every public name: `pytidy.<sub>.<name>` for each subpackage `__all__`, plus the flat ones."""
    import pytidy

    apigen = _apigen()
    names = {}
    for sub, module in apigen.public_modules().items():
        for name in module.__all__:
            names[f"pytidy.{sub}.{name}"] = name
    in_subs = set(names.values())
    for name in pytidy.__all__:
        if name not in in_subs:
            assert name in apigen.TOP_LEVEL, (
                f"tm.{name} is in pytidy.__all__ but in no subpackage's __all__ and not in TOP_LEVEL "
                "of docs/_ext/pytidy_apigen.py: it would have no reference entry."
            )
            names[apigen.TOP_LEVEL[name]] = name
    return names


def test_every_public_name_is_in_the_built_inventory(inventory):
    missing = sorted(target for target in public_names() if target not in inventory)
    assert not missing, f"{len(missing)} public names have no reference entry: {missing[:20]}"


def test_the_flat_namespace_is_covered():
    import pytidy

    covered = set(public_names().values())
    assert set(pytidy.__all__) <= covered


def test_a_missing_entry_is_noticed(inventory):
    # The comparison can fail: a name the reference does not hold is reported missing.
    assert "pytidy.parsnip.no_such_model" not in inventory
    assert "pytidy.parsnip.linear_reg" in inventory
