"""The modules an install compiled with mypyc (setup.py) behave as their source does.

On a plain-Python install there is nothing compiled, and these tests have no cases.
"""

from __future__ import annotations

import doctest

import pytest

from .conftest import compiled_modules, from_source, module_file, source_path

COMPILED = compiled_modules()


@pytest.mark.parametrize("name", COMPILED)
def test_a_compiled_module_is_built_from_its_current_source(name: str) -> None:
    # An editable install compiles once: after an edit the old build would still run.
    # (A wheel's install writes both files within a second or two, in either order.)
    built, source = module_file(name), source_path(name)
    assert built.stat().st_mtime + 2 >= source.stat().st_mtime, (
        f"{source} changed after it was compiled: run `pip install -e .` again, or "
        "install with EVENTPARSE_PURE_PYTHON=1 while editing")


@pytest.mark.parametrize("name", COMPILED)
def test_the_examples_in_a_compiled_modules_docstrings_hold(name: str) -> None:
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(from_source(name)):
        runner.run(test)
    assert runner.failures == 0, runner.summarize()
