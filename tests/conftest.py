"""Shared test fixtures: the listings corpus (shipped in tests/data) and ../shared paths."""

from __future__ import annotations

import importlib.util
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

import eventparse

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = ROOT / "tests" / "data" / "listings"
SEED = ROOT / "seeds" / "000_58edb3400c2306e6.txt"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test skips when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the public corpora stay in ../shared)")
    return path


def compiled_modules() -> list[str]:
    """The eventparse modules this install runs compiled (setup.py compiles the busiest
    with mypyc when it can): [] for a plain-Python install."""
    names = [info.name for info in pkgutil.walk_packages(eventparse.__path__, "eventparse.")]
    # (mypyc's own library modules beside them, e.g. atoms__mypyc, have no source)
    return [name for name in names
            if module_file(name).suffix != ".py" and source_path(name).exists()]


def source_path(name: str) -> Path:
    """The .py file of module ``name``, beside its compiled form if it has one."""
    built = module_file(name)  # atoms.cpython-311-x86_64-linux-gnu.so: atoms.py
    return built.with_name(built.name.partition(".")[0] + ".py")


def from_source(name: str) -> ModuleType:
    """A fresh copy of module ``name`` run from its .py file, compiled or not.

    Compiled code calls its own module's functions directly, so a test that swaps one
    of them must run the source; and it drops docstrings, so their examples run from
    here too (tests/test_build.py).
    """
    return module_from_file(f"{name}__source", source_path(name))


def module_from_file(name: str, path: Path) -> ModuleType:
    """The Python file at ``path`` run as a new module called ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look up their module while made
    spec.loader.exec_module(module)
    return module


def module_file(name: str) -> Path:
    """The file an import of module ``name`` runs: its .py file, or its compiled form."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return Path(spec.origin)


# A backstop against a hang (catastrophic backtracking, an endless loop), not a
# speed test: generous enough for a loaded CI machine, far below CI's own limit.
HANG_GUARD_SECONDS = 600
