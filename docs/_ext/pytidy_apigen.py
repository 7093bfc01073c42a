"""Generate the API reference from the public names (``__all__``) at every build.

One page per subpackage, one entry per name in its ``__all__``, so a name added to a subpackage
shows up in the reference without anyone editing a page, and ``tests/test_docs.py`` can compare the
public names with the built inventory. Pages go to ``docs/reference/`` (ignored by git).
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

#: Subpackages documented, with their page titles, in the order of the reference's table of contents.
SUBPACKAGES: dict[str, str] = {
    "rsample": "rsample: resampling",
    "recipes": "recipes: preprocessing",
    "parsnip": "parsnip: model specifications",
    "engines.tabnet": "TabNet engine",
    "workflows": "workflows",
    "workflowsets": "workflowsets",
    "case_weights": "case weights (hardhat)",
    "dials": "dials: parameters and grids",
    "tune": "tune",
    "finetune": "finetune: racing and iterative search",
    "yardstick": "yardstick: metrics",
    "generics": "generics",
    "testing": "testing: conformance suites",
    "errors": "errors and warnings",
}

#: Names of the flat namespace that live in no subpackage's ``__all__``, with the object to document.
TOP_LEVEL: dict[str, str] = {
    "set_seed": "pytidy._random.set_seed",
    "read_higgs": "pytidy.datasets.read_higgs",
    "tune": "pytidy.hardhat.tune",
    "is_tune": "pytidy.hardhat.is_tune",
}


def public_modules() -> dict[str, Any]:
    """The documented subpackages that exist in this checkout, imported."""
    out = {}
    for sub in SUBPACKAGES:
        try:
            out[sub] = importlib.import_module(f"pytidy.{sub}")
        except ModuleNotFoundError:
            continue
    return out


def _directive(obj: Any) -> str:
    if inspect.isclass(obj):
        return "autoclass"
    if callable(obj):
        return "autofunction"
    return "autodata"


def _metric_entry(target: str, metric: Any) -> list[str]:
    # Metric objects are instances: their docs are their metadata and their `_vec` companion's.
    module, _, name = target.rpartition(".")
    low, high = metric.range
    return [f".. py:data:: {name}", f"   :module: {module}", "",
            f"   A yardstick {metric.kind} metric (R: ``yardstick::{name}()``), to be "
            f"{metric.direction}d, with values in [{low}, {high}].",
            f"   Call it as ``{name}(data, truth, estimate, ...)`` for a one-row result frame, or use "
            f"``{name}_vec`` for a number; see :class:`pytidy.yardstick.Metric` for the interface."]


def _entry(target: str, obj: Any) -> list[str]:
    if type(obj).__name__ == "Metric" and type(obj).__module__ == "pytidy.yardstick.metric":
        return _metric_entry(target, obj)
    kind = _directive(obj)
    lines = [f".. {kind}:: {target}"]
    if kind == "autoclass":
        lines.append("   :members:")
    if kind == "autodata":
        lines.append("   :no-value:")
    return lines


def render_pages(outdir: Path) -> list[str]:
    """Write one page per subpackage and an index; return the page names."""
    outdir.mkdir(parents=True, exist_ok=True)
    pages = []
    for sub, module in public_modules().items():
        names = list(getattr(module, "__all__", []))
        if not names:
            continue
        body = [f"# {SUBPACKAGES[sub]}", "", f"`pytidy.{sub}`: {len(names)} public names.", "",
                "```{eval-rst}", f".. currentmodule:: pytidy.{sub}", ""]
        for name in sorted(names, key=str.lower):
            body += _entry(f"pytidy.{sub}.{name}", getattr(module, name)) + [""]
        body.append("```")
        page = sub.replace(".", "-")
        _write(outdir / f"{page}.md", "\n".join(body) + "\n")
        pages.append(page)
    top = ["# pytidy (top level)", "", "Names of `import pytidy as tm` that belong to no subpackage.", "",
           "```{eval-rst}"]
    for name, target in TOP_LEVEL.items():
        mod, _, attr = target.rpartition(".")
        top += _entry(target, getattr(importlib.import_module(mod), attr)) + [""]
    top.append("```")
    _write(outdir / "top-level.md", "\n".join(top) + "\n")
    pages.insert(0, "top-level")
    index = ["# API reference", "",
             "Every public name, generated from the docstrings at each build. The flat namespace",
             "`import pytidy as tm` re-exports the R-exported functions of every subpackage.", "",
             "```{toctree}", ":maxdepth: 1", ""] + pages + ["```"]
    _write(outdir / "index.md", "\n".join(index) + "\n")
    return pages


def _write(path: Path, text: str) -> None:
    # Unchanged pages keep their mtime, so Sphinx does not re-read them.
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _on_builder_inited(app: Any) -> None:
    render_pages(Path(app.srcdir) / "reference")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "version": "1"}
