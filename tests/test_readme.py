"""The README's Python examples run, from the repository root, and print what they say."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from .conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(code: str) -> None:
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    # A block that states its output in '# ' comments must print exactly that.
    promised = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    if promised:
        assert out.getvalue().splitlines() == promised
