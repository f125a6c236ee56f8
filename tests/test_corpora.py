"""Run every extractor's example corpus: ``src/eventparse/extract/corpora/<field>.jsonl``.

Each line is ``{"text": ..., "expect": ..., "reference_date": "YYYY-MM-DD"}``
(reference_date optional, default 2026-01-15). ``<field>`` is a key of the gold
format (title, event_type, delivery_mode, platform, venue, sessions, presenters,
audiences, standards, learning_outcomes, problems); the whole text is parsed and
that field of the result must equal ``expect``. ``"nlp": "blank"`` on a line
runs it without the statistical model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import eventparse
from eventparse.evaluate import norm, predicted

CORPORA = Path(eventparse.__file__).parent / "extract" / "corpora"
DEFAULT_REFERENCE = "2026-01-15"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        field_name = path.stem
        if field_name == "when":
            continue  # the grammar's own phrases, not a whole-parse field: tests/test_when.py
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                cases.append(pytest.param(field_name, case, id=f"{field_name}:{number}"))
    return cases


@pytest.mark.parametrize(("field_name", "case"), _cases())
def test_corpus_example(field_name: str, case: dict[str, Any]) -> None:
    event = eventparse.parse(
        case["text"],
        reference_date=case.get("reference_date", DEFAULT_REFERENCE),
        nlp_model=case.get("nlp", "auto"),
        format=case.get("format"),
    )
    got = predicted(event)[field_name]
    if field_name == "problems":
        got, want = sorted(set(got)), sorted(set(case["expect"]))
    else:
        want = case["expect"]
    assert norm(got) == norm(want), case["text"]
