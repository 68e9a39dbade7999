"""`parley extract` on good and bad input: one line per bad file, the rest carries on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

GOOD = "---\ndate: 2025-08-21\noutlet: Test Wire\n---\nPutin demands that Ukraine withdraw from Donbas.\n"


def run(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("broken.md", "---\ntitle: [unclosed\ndate: 2025-01-01\n---\nText.\n", "front matter"),
        ("huge.txt", "Putin demands Donbas. " * 1_100_000, "too large"),
    ],
)
def test_extract_reports_bad_file_and_processes_the_rest(tmp_path: Path, name: str, data,
                                                         problem: str) -> None:
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.md", GOOD)
    result = run(str(bad), str(good))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert name in errors[0] and problem in errors[0]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["doc"] == "good.md" for r in records)


def test_extract_missing_path_is_an_error_line(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md", GOOD)
    result = run(str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert '"good.md"' in result.stdout


def test_extract_decodes_latin1_text(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt",
                 "Caf\u00e9 news.\nPutin demands that Ukraine withdraw from Donbas.\n"
                 .encode("latin-1"))
    result = run(str(path), "--date", "2025-08-21")
    assert result.exit_code == 0, result.stderr
    claim = json.loads(result.stdout.splitlines()[0])
    assert claim["actor"] == "RU"
    text = path.read_bytes().decode("latin-1")
    assert text[claim["start"]:claim["end"]].startswith("Putin demands")


def test_extract_warns_when_a_report_has_no_date(tmp_path: Path) -> None:
    path = write(tmp_path / "nodate.txt", "Putin demands that Ukraine withdraw from Donbas.\n")
    result = run(str(path))
    assert result.exit_code == 0
    assert "nodate.txt" in result.stderr and "no date" in result.stderr


def test_extract_invalid_dossier_is_one_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "d.yaml", "name: x\nparties: [\n")
    good = write(tmp_path / "good.md", GOOD)
    result = run(str(good), "--dossier", str(bad))
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "d.yaml" in lines[0]


def test_extract_output_formats_carry_the_same_claims(tmp_path: Path) -> None:
    good = write(tmp_path / "good.md", GOOD)
    jsonl = [json.loads(line) for line in run(str(good)).stdout.splitlines()]
    as_json = json.loads(run(str(good), "--format", "json").stdout)
    rows = list(csv.reader(io.StringIO(run(str(good), "--csv").stdout)))
    assert jsonl == as_json
    assert rows[0][:7] == ["type", "doc", "start", "end", "actor", "act", "issue"]
    assert len(rows) == 1 + len(jsonl)
    table = run(str(good), "--table").stdout
    assert "territory" in table


def test_extract_writes_control_facts(tmp_path: Path) -> None:
    path = write(tmp_path / "c.md", "---\ndate: 2025-08-21\n---\n"
                 "Russia controls about 88% of Donbas and 73% of Zaporizhia and Kherson.\n")
    records = [json.loads(line) for line in run(str(path)).stdout.splitlines()]
    controls = [r for r in records if r["type"] == "control"]
    assert [(c["holder"], c["regions"], c["share"]) for c in controls] == [
        ("RU", ["UA-14", "UA-09"], 0.88), ("RU", ["UA-23", "UA-65"], 0.73)]


def test_extract_continues_after_an_extractor_crash(tmp_path: Path, monkeypatch) -> None:
    import parley.cli.extract_cmds as cmds

    real = cmds.extract_report

    def flaky(report, *, dossier=None):
        if report.doc == "a.md":
            raise RuntimeError("boom")
        return real(report, dossier=dossier)

    monkeypatch.setattr(cmds, "extract_report", flaky)
    write(tmp_path / "a.md", GOOD)
    write(tmp_path / "b.md", GOOD)
    result = run(str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    assert result.exit_code == 1
    assert "a.md" in result.stderr and "boom" in result.stderr
    assert '"b.md"' in result.stdout
