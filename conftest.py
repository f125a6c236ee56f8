"""pytest collects the examples in src/'s docstrings module by module. A module this
install compiled with mypyc (setup.py) has no docstrings, and pytest would refuse it
for not being its .py file: tests/test_build.py runs those modules' examples from
their source instead."""

from tests.conftest import compiled_modules, source_path

collect_ignore = [str(source_path(name)) for name in compiled_modules()]
