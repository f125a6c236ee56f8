"""``eventparse parse / validate / when / explain`` driven as a user would (subprocess)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_cli_support import listing, run

FAST = ("--nlp", "blank", "--reference-date", "2026-01-15")
RANK = {"info": 0, "warning": 1, "error": 2}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(listing(1), encoding="utf-8")
    second.write_text("Milk\nEggs\n", encoding="utf-8")  # no event: missing date and more
    return [first, second]


def test_parse_prints_json_one_line_per_file(files: list[Path]) -> None:
    result = run("parse", *files, *FAST)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["source"] for e in events] == [str(p) for p in files]
    assert "text" not in events[0] and events[0]["title"]


def test_parse_pretty_and_timezone(files: list[Path]) -> None:
    result = run("parse", files[0], *FAST, "--pretty", "--timezone", "America/New_York")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout)["timezone"] == "America/New_York"


def test_parse_bad_input_exits_2_without_traceback(tmp_path: Path, files: list[Path]) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01binary")
    result = run("parse", files[0], binary, tmp_path / "missing.txt", *FAST)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1  # the good file still printed
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr
    assert run("parse", files[0], "--reference-date", "15/01/2026").returncode == 2
    assert run("parse", files[0], "--timezone", "Nowhere/Else").returncode == 2
    assert run("parse", files[0], "--nlp", "no_such_model").returncode == 2
    assert run("parse").returncode == 2


def _problems(result_stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in result_stdout.splitlines()]


def test_validate_json_has_one_object_per_file(files: list[Path]) -> None:
    result = run("validate", *files, *FAST, "--format", "json")
    reports = _problems(result.stdout)
    assert [r["source"] for r in reports] == [str(p) for p in files]
    for report in reports:
        for problem in report["problems"]:  # type: ignore[attr-defined]
            assert set(problem) == {"code", "severity", "message", "line", "column"}
            assert problem["severity"] in RANK
    codes = {p["code"] for p in reports[1]["problems"]}  # type: ignore[attr-defined]
    assert "missing-date" in codes
    assert result.returncode == 1  # missing-date is an error


@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_validate_exit_code_follows_fail_on(files: list[Path], fail_on: str) -> None:
    for path in files:
        result = run("validate", path, *FAST, "--format", "json", "--fail-on", fail_on)
        [report] = _problems(result.stdout)
        worst = max((RANK[p["severity"]] for p in report["problems"]),  # type: ignore[attr-defined]
                    default=-1)
        assert result.returncode == (1 if worst >= RANK[fail_on] else 0), report


def test_validate_clean_listing_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(listing(1), encoding="utf-8")
    result = run("validate", path, *FAST, "--format", "json")
    [report] = _problems(result.stdout)
    errors = [p for p in report["problems"] if p["severity"] == "error"]  # type: ignore[attr-defined]
    assert result.returncode == (1 if errors else 0)


def test_validate_text_and_github_formats(files: list[Path]) -> None:
    text = run("validate", files[1], *FAST)
    assert text.returncode == 1
    assert re.search(r"second\.txt(:\d+:\d+)?: error missing-date: ", text.stdout)
    github = run("validate", files[1], *FAST, "--format", "github")
    annotation = re.compile(r"^::(error|warning|notice) file=[^,:]+(,line=\d+,col=\d+)?"
                            r",title=[a-z-]+::.+$")
    lines = github.stdout.splitlines()
    assert lines and all(annotation.match(line) for line in lines), lines


def test_validate_unreadable_input_exits_2(tmp_path: Path, files: list[Path]) -> None:
    result = run("validate", files[0], tmp_path / "missing.txt", *FAST, "--format", "json")
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert run("validate", files[0], "--format", "yaml").returncode == 2
    assert run("validate", files[0], "--fail-on", "never").returncode == 2


def test_when_prints_the_days_a_phrase_denotes() -> None:
    result = run("when", "Tues 3 Mar 10am-12.30pm", "--reference", "2026-01-15")
    assert result.returncode == 0, result.stderr
    [when] = json.loads(result.stdout)
    assert (when["date"], when["start_time"], when["end_time"]) == ("2026-03-03", "10:00", "12:30")
    assert json.loads(run("when", "no date here", "--reference", "2026-01-15").stdout) == []
    assert run("when", "3 Mar", "--reference", "yesterday").returncode == 2


def test_explain_shows_field_rule_and_place(files: list[Path]) -> None:
    result = run("explain", files[0], *FAST)
    assert result.returncode == 0, result.stderr
    assert "title" in result.stdout and "rule" in result.stdout
    assert "Practice workshop 1" in result.stdout
    assert run("explain", files[0].with_name("missing.txt")).returncode == 2
