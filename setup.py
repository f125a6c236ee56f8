"""Build eventparse with its busiest modules compiled to C by mypyc, where it can.

The compiled modules are the same type-checked source: a parse gives the same
Event in less CPU time (README, "Accuracy and speed"). Compiling adds about a
minute to an install. Without mypyc or a C compiler, or with EVENTPARSE_PURE_PYTHON=1
set, the package installs as plain Python. An editable install compiles once: after
editing a compiled module, install again, or install with EVENTPARSE_PURE_PYTHON=1.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules where a parse spends the most time in the interpreter (measured with
# perf on the seminars); mostly helpers, not the public API, whose docstrings a
# compiled module would lose.
COMPILED = [
    "src/eventparse/when/atoms.py",
    "src/eventparse/when/combine.py",
    "src/eventparse/extract/base.py",
    "src/eventparse/extract/presenters.py",
    "src/eventparse/extract/venue.py",
    "src/eventparse/extract/sessions.py",
    "src/eventparse/extract/event_type.py",
    "src/eventparse/extract/audiences.py",
    "src/eventparse/extract/title.py",
    "src/eventparse/extract/standards.py",
    "src/eventparse/extract/delivery_mode.py",
    "src/eventparse/read/text.py",
    "src/eventparse/sections.py",
    "src/eventparse/validate.py",
]


def compiled_modules() -> list[Any]:
    if os.environ.get("EVENTPARSE_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        # The same build whether the runtime dependencies are installed yet or not (a
        # first install builds before it installs them): they are Any here, and the
        # strict checks that rule out Any (pyproject.toml) are left to `mypy`.
        checks = ["--no-site-packages", "--ignore-missing-imports",
                  "--allow-subclassing-any", "--no-warn-return-any"]
        # One C file a module, compiled in parallel: 1 minute on 2 cores, not the 4 of
        # one file for all (which ran 1% fewer instructions).
        return list(mypycify([*checks, *COMPILED], opt_level="3", separate=True))
    except (Exception, SystemExit) as error:
        return _plain_python(error)


class OptionalBuildExt(build_ext):
    """Compiles the modules, or leaves them as plain Python if that fails."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        try:
            super().run()
        except (Exception, SystemExit) as error:
            self.extensions = _plain_python(error)


def _plain_python(error: BaseException) -> list[Any]:
    print(f"eventparse: installing as plain Python, not compiled ({error})", file=sys.stderr)
    return []


setup(ext_modules=compiled_modules(), cmdclass={"build_ext": OptionalBuildExt})
