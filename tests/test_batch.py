"""``eventparse convert`` driven as a user would: records, bad inputs, atomicity, resume."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from eventparse.convert import workers
from eventparse.convert.workers import Job, Outcome, ParseOptions

from .test_cli_support import listing, run, write_listings

FAST = ("--nlp", "blank", "--reference-date", "2026-01-15")


def convert(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run("convert", *args, *FAST, stdin=stdin)


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_source(path: Path) -> dict[str, dict[str, Any]]:
    found = records(path)
    sources = [r["source"] for r in found]
    assert len(sources) == len(set(sources)), "a document appears twice"
    return {r["source"]: r for r in found}


def test_folder_gives_one_record_per_document_in_input_order(tmp_path: Path) -> None:
    inputs = write_listings(tmp_path / "in" / "sub", 24)
    (tmp_path / "in" / "photo.jpg").write_bytes(b"\xff\xd8 not a listing")
    (tmp_path / "in" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = convert(tmp_path / "in", "-o", out, "--workers", "2")
    assert result.returncode == 0, result.stderr
    got = records(out)
    assert [r["source"] for r in got] == [str(p) for p in inputs]
    assert all("error" not in r and "text" not in r for r in got)
    assert "24 documents: 24 converted" in result.stderr
    assert not list(tmp_path.glob("*.journal")) and not list(tmp_path.glob(".*.tmp"))


def test_globs_and_named_files(tmp_path: Path) -> None:
    write_listings(tmp_path, 3)
    other = tmp_path / "notes.data"
    other.write_text(listing(9), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = convert(str(tmp_path / "listing-000[01].txt"), other, "-o", out, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert [Path(r["source"]).name for r in records(out)] == [
        "listing-0000.txt", "listing-0001.txt", "notes.data"]


def test_include_text_keeps_the_text(tmp_path: Path) -> None:
    write_listings(tmp_path / "in", 1)
    out = tmp_path / "out.jsonl"
    assert convert(tmp_path / "in", "-o", out, "--include-text").returncode == 0
    assert records(out)[0]["text"].startswith("Practice workshop 0")


def test_stdin_json_lines_with_a_bad_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "first", "text": listing(1)}), "{not json",
             json.dumps({"id": "third"}), json.dumps({"id": "fourth", "text": listing(4)})]
    out = tmp_path / "out.jsonl"
    result = convert("-", "-o", out, "--workers", "1", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1  # some documents failed
    got = records(out)
    assert [r["source"] for r in got] == ["first", "-:2", "-:3", "fourth"]
    assert "error" in got[1] and "error" in got[2]
    assert got[0]["title"] and got[3]["title"]


def test_bad_files_become_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_listings(folder, 2)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 50)
    (folder / "broken-link.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")  # reading a FIFO would block: it must be refused, not read
    (folder / "cp1252.txt").write_bytes(listing(7).replace("workshop", "café workshop")
                                        .encode("cp1252"))
    (folder / "utf16.txt").write_bytes(listing(9).encode("utf-16"))  # Notepad's "Unicode"
    double_encoded = listing(8).replace("workshop", "café workshop – “live”").encode("utf-8")
    (folder / "mojibake.txt").write_text(double_encoded.decode("cp1252", errors="replace"),
                                         encoding="utf-8")
    (folder / "no-event.txt").write_text("Milk\nEggs\nBread\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    result = convert(folder, tmp_path / "missing.txt", "-o", out, "--workers", "2")
    assert result.returncode == 1, result.stderr
    got = by_source(out)
    assert len(got) == 11
    assert got[str(folder / "utf16.txt")]["title"].startswith("Practice workshop 9")
    for name in ("binary.txt", "broken-link.txt", "pipe.txt"):
        assert got[str(folder / name)]["error"], name
    assert "no such file" in got[str(tmp_path / "missing.txt")]["error"]
    assert "café" in got[str(folder / "cp1252.txt")]["title"]
    mojibake = got[str(folder / "mojibake.txt")]
    assert "mojibake" in {p["code"] for p in mojibake["problems"]}
    no_event = got[str(folder / "no-event.txt")]
    assert "error" not in no_event and no_event["problems"]
    assert "Traceback" not in result.stderr


def test_archives_never_write_outside_and_bound_their_size(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("a/one.txt", listing(1))
        bundle.writestr("../escape.txt", listing(2))
        bundle.writestr("/abs.txt", listing(3))
        bundle.writestr("bomb.txt", b"a" * 25_000_000)  # 25 MB of text, ~25 kB zipped
        bundle.writestr("image.png", b"\x89PNG")
        bundle.writestr("two.md", listing(4))
    tarball = tmp_path / "batch.tar.gz"
    with tarfile.open(tarball, "w:gz") as bundle:
        _add(bundle, "ok.txt", listing(5).encode())
        _add(bundle, "../../up.txt", listing(6).encode())
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        bundle.addfile(link)
    out = tmp_path / "out" / "result.jsonl"
    out.parent.mkdir()
    before = set(tmp_path.rglob("*"))
    result = convert(archive, tarball, "-o", out, "--workers", "1")
    assert result.returncode == 1, result.stderr
    got = by_source(out)
    assert [s.split("!")[1] for s in got] == [
        "a/one.txt", "../escape.txt", "/abs.txt", "bomb.txt", "two.md",
        "ok.txt", "../../up.txt", "link.txt"]
    errors = {s.split("!")[1]: r.get("error") for s, r in got.items()}
    assert "unsafe" in errors["../escape.txt"] and "unsafe" in errors["/abs.txt"]
    assert "unsafe" in errors["../../up.txt"] and "regular file" in errors["link.txt"]
    assert "bound" in errors["bomb.txt"]
    assert not errors["a/one.txt"] and not errors["two.md"] and not errors["ok.txt"]
    assert set(tmp_path.rglob("*")) - before == {out}
    assert not (tmp_path.parent / "escape.txt").exists()


def test_archive_total_bound_stops_expansion(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for number in range(5):
            bundle.writestr(f"{number}.txt", listing(number) + " x" * 50_000)
    out = tmp_path / "out.jsonl"
    result = convert(archive, "-o", out, "--max-archive-bytes", "250000", "--workers", "1")
    got = records(out)
    assert len(got) == 5
    assert ["error" in r for r in got] == [False, False, True, True, True]
    assert result.returncode == 1


def test_damaged_archives_are_error_records(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "bad.tar.gz").write_bytes(b"\x1f\x8b\x08\x00 truncated gzip")
    out = tmp_path / "out.jsonl"
    result = convert(tmp_path / "bad.zip", tmp_path / "bad.tar.gz", "-o", out)
    assert result.returncode == 1
    assert [("error" in r) for r in records(out)] == [True, True]


def _add(bundle: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    bundle.addfile(info, io.BytesIO(data))


def test_output_is_replaced_atomically(tmp_path: Path) -> None:
    write_listings(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    result = convert(tmp_path / "in", "-o", out, "--workers", "1")
    assert result.returncode == 0
    assert len(records(out)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    write_listings(tmp_path / "in", 1)
    assert convert(tmp_path / "in", "-o", tmp_path / "no" / "out.jsonl").returncode == 2
    assert convert(tmp_path / "in", "-o", tmp_path).returncode == 2
    assert convert(tmp_path / "in", "-o", tmp_path / "o.jsonl", "--to", "pdf").returncode == 2
    bad_zone = run("convert", tmp_path / "in", "-o", tmp_path / "o.jsonl",
                   "--timezone", "Mars/Base")
    assert bad_zone.returncode == 2 and "unknown timezone" in bad_zone.stderr
    if Path("/proc/self").is_dir():  # a folder nobody can create files in, even root
        unwritable = convert(tmp_path / "in", "-o", "/proc/out.jsonl")
        assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr


def _journal_lines(journal: Path) -> int:
    try:
        return journal.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _wait_for_journal(journal: Path, lines: int, process: subprocess.Popen[Any]) -> None:
    """Poll until the journal holds `lines` records or the run ends, within two minutes."""
    deadline = time.monotonic() + 120
    while _journal_lines(journal) < lines and process.poll() is None:
        assert time.monotonic() < deadline, "the conversion made no progress"
        time.sleep(0.01)


def test_killed_run_resumes_with_every_document_exactly_once(tmp_path: Path) -> None:
    inputs = write_listings(tmp_path / "in", 300)
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.journal"
    command = [sys.executable, "-m", "eventparse.cli", "convert", str(tmp_path / "in"), "-o",
               str(out), "--workers", "1", *FAST]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_journal(journal, 30, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    finished_before = _journal_lines(journal)
    assert 30 <= finished_before < 300, "the run was not killed midway"
    assert not out.exists(), "a killed run must not leave a partial OUT"
    with journal.open("ab") as handle:
        handle.write(b'{"seq": 99999, "source": "torn wri')  # a write cut short by the kill
    (tmp_path / ".out.jsonl.12345.tmp").write_text("a kill during the final rename")
    result = convert(tmp_path / "in", "-o", out, "--workers", "1", "--resume")
    assert result.returncode == 0, result.stderr
    assert f"({finished_before} from the interrupted run)" in result.stderr
    got = records(out)
    assert [r["source"] for r in got] == [str(p) for p in inputs]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]


def test_resume_refuses_a_journal_of_other_inputs(tmp_path: Path) -> None:
    write_listings(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.journal"
    journal.write_text(json.dumps({"seq": 0, "source": "elsewhere.txt", "error": "x"}) + "\n",
                       encoding="utf-8")
    result = convert(tmp_path / "in", "-o", out, "--resume")
    assert result.returncode == 2 and "cannot resume" in result.stderr
    assert not out.exists()
    fresh = convert(tmp_path / "in", "-o", out)  # without --resume the journal starts afresh
    assert fresh.returncode == 0 and len(records(out)) == 3


@pytest.mark.parametrize("workers", ["1", "2"])
def test_resume_without_journal_converts_everything(tmp_path: Path, workers: str) -> None:
    write_listings(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    result = convert(tmp_path / "in", "-o", out, "--resume", "--workers", workers)
    assert result.returncode == 0 and len(records(out)) == 4


def _dies_on_marker(job: Job, options: ParseOptions) -> Outcome:
    """Stands in for parse_job in forked workers: a document that kills its worker."""
    if job.source == "kills-the-worker":
        os._exit(1)
    return Outcome(job.seq, job.source, event_json="{}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers inherit the patch")
def test_a_dying_worker_costs_one_record_not_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "parse_job", _dies_on_marker)
    monkeypatch.setattr(workers, "warm_up", lambda options: None)
    sources = [f"doc-{n}" for n in range(16)]
    sources[3] = sources[9] = "kills-the-worker"
    jobs = [Job(seq, source, b"text") for seq, source in enumerate(sources)]
    outcomes = list(workers.ordered_results(jobs, ParseOptions(), 2))
    assert [o.source for o in outcomes] == sources
    assert [o.error is not None for o in outcomes] == [n in (3, 9) for n in range(16)]
    assert "worker process died" in (outcomes[3].error or "")


def test_output_inside_the_inputs_is_never_read_back(tmp_path: Path) -> None:
    write_listings(tmp_path, 2)
    out = tmp_path / "out.md"  # a known document suffix, inside the folder being converted
    for _ in range(2):
        result = convert(tmp_path, str(tmp_path / "*"), "-o", out, "--to", "jsonl")
        assert result.returncode == 0, result.stderr
        assert len(records(out)) == 4  # the two listings, through the folder and the glob


def test_stdin_line_past_the_bound_is_an_error_record(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "big", "text": "x " * 5000}),
             json.dumps({"id": "small", "text": listing(1)})]
    out = tmp_path / "out.jsonl"
    result = convert("-", "-o", out, "--max-document-bytes", "2000", stdin="\n".join(lines))
    assert result.returncode == 1
    got = records(out)
    assert [r["source"] for r in got] == ["-:1", "small"]
    assert "bound" in got[0]["error"]


def test_archive_member_reads_like_the_same_file(tmp_path: Path) -> None:
    page = Path(__file__).parent / "data" / "listings" / "dev-005.html"
    archive = tmp_path / "pages.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(page, "pages/dev-005.html")
    out = tmp_path / "out.jsonl"
    assert convert(archive, "-o", out).returncode == 0
    [member] = records(out)
    [direct] = [json.loads(line) for line in run("parse", page, *FAST).stdout.splitlines()]
    assert member["source"] == f"{archive}!pages/dev-005.html"
    strip = ("source", "provenance")  # the same document, named differently
    assert {k: v for k, v in member.items() if k not in strip} == {
        k: v for k, v in direct.items() if k not in strip}


def test_two_runs_never_write_one_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.journal"
    command = [sys.executable, "-m", "eventparse.cli", "convert", "-", "-o", str(out),
               "--workers", "1", *FAST]
    # The first run reads stdin, which stays open: it is still running, holding OUT.
    first = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    assert first.stdin is not None
    try:
        first.stdin.write((json.dumps({"id": "one", "text": listing(1)}) + "\n").encode())
        first.stdin.flush()
        deadline = time.monotonic() + 120
        while _journal_lines(journal) < 1:
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.01)
        second = convert("-", "-o", out, "--resume", stdin="")
        assert second.returncode == 2 and "another conversion" in second.stderr
    finally:
        first.stdin.close()
        first.wait(timeout=120)
    assert first.returncode == 0
    assert [r["source"] for r in records(out)] == ["one"]


def _running(pid: int) -> bool:
    """True while a process exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_killed_parallel_run_leaves_no_workers_and_resumes(tmp_path: Path) -> None:
    inputs = write_listings(tmp_path / "in", 300)
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.journal"
    command = [sys.executable, "-m", "eventparse.cli", "convert", str(tmp_path / "in"), "-o",
               str(out), "--workers", "2", *FAST]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_journal(journal, 30, process)
    children_file = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers_pids = [int(pid) for pid in children_file.read_text().split()]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert workers_pids, "the run had no worker processes"
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers_pids):
        assert time.monotonic() < deadline, "workers outlived their killed parent"
        time.sleep(0.1)
    result = convert(tmp_path / "in", "-o", out, "--workers", "2", "--resume")
    assert result.returncode == 0, result.stderr
    assert [r["source"] for r in records(out)] == [str(p) for p in inputs]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_cleanly_and_resumes(tmp_path: Path, workers: str) -> None:
    # enough documents that a loaded machine cannot finish them all before the signal
    inputs = write_listings(tmp_path / "in", 1000)
    out = tmp_path / "out.jsonl"
    journal = tmp_path / "out.jsonl.journal"
    command = [sys.executable, "-m", "eventparse.cli", "convert", str(tmp_path / "in"), "-o",
               str(out), "--workers", workers, *FAST]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_journal(journal, 20, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr
    assert not out.exists()
    result = convert(tmp_path / "in", "-o", out, "--workers", workers, "--resume")
    assert result.returncode == 0, result.stderr
    assert [r["source"] for r in records(out)] == [str(p) for p in inputs]
