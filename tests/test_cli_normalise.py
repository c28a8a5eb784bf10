"""``ufgraph normalise``: cleaned text, the repair report, and one-line errors."""

from __future__ import annotations

from typer.testing import CliRunner

from ufgraph.cli import app

runner = CliRunner()


def test_normalise_prints_clean_text_and_report(seed_paths):
    seed = next(p for p in seed_paths if p.name.startswith("003"))
    result = runner.invoke(app, ["normalise", str(seed), "--report"])
    assert result.exit_code == 0, result.output
    assert "上海基督教青年会、女青年会" in result.output
    assert "repaired mojibake" in result.output
    assert "DAMAGED raw[" in result.output


def test_normalise_help():
    result = runner.invoke(app, ["normalise", "--help"])
    assert result.exit_code == 0 and "--report" in result.output


def test_missing_file_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["normalise", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_binary_file_is_refused_by_name(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    result = runner.invoke(app, ["normalise", str(f)])
    assert result.exit_code == 2
    assert "scan.pdf" in result.output and "PDF" in result.output
