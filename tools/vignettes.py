"""Run the vignettes and render them, with their printed output and figures, into the docs.

A vignette is a Markdown file in ``vignettes/`` whose ```python blocks run top to bottom in one
namespace. ``python tools/vignettes.py`` (``make vignettes``) runs each one at the size written and
writes ``docs/vignettes/<name>.md``: the text, each block, what the block printed (or the value of
its last expression, as a notebook shows it) and the figures it drew, as PNG files beside it. The
test suite runs the same blocks with ``PYTIDY_QUICK=1`` (a small size) and checks that every
rendered page holds exactly the code of its source, so the rendered docs cannot drift from what runs.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import io
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "vignettes"
RENDERED = ROOT / "docs" / "vignettes"
BLOCK = re.compile(r"```python\n(.*?)```", flags=re.S)


def code_blocks(text: str) -> list[str]:
    """The ```python blocks of a vignette, in order."""
    return BLOCK.findall(text)


def _run_block(code: str, ns: dict[str, Any], label: str, figures: list[Any] | None = None) -> str:
    """Execute ``code`` in ``ns``; return what it printed, then the repr of a trailing expression.

    A trailing expression that is a matplotlib figure (or axes) is appended to ``figures``: plots
    made with ``matplotlib.figure.Figure`` directly are not known to pyplot.
    """
    tree = ast.parse(code, filename=label)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        exec(compile(tree, label, "exec"), ns)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), label, "eval"), ns)
            if value is not None and not _is_figure(value):
                text = value.to_string() if hasattr(value, "to_string") else repr(value)
                print(text)
            elif value is not None and figures is not None:
                first = value[0] if isinstance(value, tuple) else value
                figures.append(getattr(first, "figure", first))
    return _strip_progress(out.getvalue())


def _is_figure(value: Any) -> bool:
    name = type(value).__module__
    return name.startswith("matplotlib") or (isinstance(value, tuple) and value and _is_figure(value[0]))


def _strip_progress(text: str) -> str:
    # tqdm redraws its bar with carriage returns: keep the last state of each line.
    return "\n".join(line.rsplit("\r", 1)[-1] for line in text.splitlines()).strip("\n")


def render(path: Path, outdir: Path = RENDERED) -> Path:
    """Run one vignette and write its rendered page and figures; return the page's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = path.read_text()
    figdir = outdir / "figures"
    figdir.mkdir(parents=True, exist_ok=True)
    for old in figdir.glob(f"{path.stem}-*.png"):
        old.unlink()
    ns: dict[str, Any] = {"__name__": "__vignette__"}
    pieces: list[str] = []
    pos = 0
    start = time.perf_counter()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for i, match in enumerate(BLOCK.finditer(text)):
            pieces.append(text[pos:match.end()])
            pos = match.end()
            returned: list[Any] = []
            printed = _run_block(match.group(1), ns, f"{path.name}[block {i}]", returned)
            if printed:
                pieces.append(f"\n\n```text\n{printed}\n```")
            figs = [plt.figure(num) for num in plt.get_fignums()]
            figs += [f for f in returned if all(f is not g for g in figs)]
            for k, fig in enumerate(figs):
                name = f"{path.stem}-{i}-{k}.png"
                fig.savefig(figdir / name, dpi=90, bbox_inches="tight")
                pieces.append(f"\n\n![{path.stem}, block {i}, figure {k + 1}](figures/{name})")
            plt.close("all")
    finally:
        os.chdir(cwd)
    pieces.append(text[pos:])
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    footer = (f"\n\n---\n*Rendered by `make vignettes` from `vignettes/{path.name}` (source sha256 "
              f"{digest}); the blocks ran in {seconds:.0f} s on the build machine.*\n")
    out = outdir / f"{path.stem}.md"
    out.write_text("".join(pieces).rstrip("\n") + footer)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="vignette stems (default: all)")
    args = parser.parse_args(argv)
    paths = sorted(SOURCES.glob("*.md"))
    if args.names:
        paths = [p for p in paths if p.stem in args.names]
    for path in paths:
        print(f"rendering {path.name} ...", file=sys.stderr, flush=True)
        render(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
