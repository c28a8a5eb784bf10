"""Hostile input: whatever a scraper saved, each bad file gets ONE clear line naming it and the
reason, the other files are ingested, the exit code says some failed, ``--debug`` adds the
traceback. Limits are settings (``UFGRAPH_MAX_FILE_BYTES``, ``UFGRAPH_MAX_ARTICLE_CHARS``).

Tests run as root here and in CI, and root ignores file permissions: the "folder without
permission" case is checked for real in a forked child that drops to an unprivileged user (all
modules imported beforehand), and also with ``os.scandir`` monkeypatched to raise.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ufgraph import ingest as ingest_mod
from ufgraph.cli import app
from ufgraph.errors import InputError
from ufgraph.extract import extract
from ufgraph.io import read_source
from ufgraph.normalise import normalise
from ufgraph.normalise.decode import decode_bytes
from ufgraph.settings import Limits

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "003_4de1416f6bfcd526.txt"
BIG5_TEXT = ("上海市政協召開統戰工作會議\n2024年3月1日，中共上海市委常委、統戰部部長陳通出席會議並講話。"
             "市委統戰部副部長蔡忠主持會議。\n與會人員圍繞民族宗教工作進行了交流。\n")


def run(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error: ")]


def make_bad_files(d: Path) -> dict[str, str]:
    """Bad files in ``d``: name -> a word the reason must contain."""
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (d / "report.pdf.txt").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    (d / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200))
    with (d / "huge.txt").open("wb") as fh:  # 100 MB, sparse: nothing written but the last byte
        fh.seek(100 * 1024 * 1024 - 1)
        fh.write(b"\n")
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    os.mkfifo(d / "fifo.txt")
    return {
        "empty.txt": "is empty",
        "binary.txt": "binary data",
        "report.pdf.txt": "PDF",
        "photo.html": "PNG image",
        "huge.txt": "UFGRAPH_MAX_FILE_BYTES",
        "loop-a.txt": "symbolic links",
        "loop-b.txt": "symbolic links",
        "fifo.txt": "FIFO",
    }


@pytest.fixture()
def folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    d = tmp_path / "scraped"
    d.mkdir()
    bad = make_bad_files(d)
    shutil.copy(SAMPLE, d / "good.txt")
    (d / "gbk.txt").write_bytes(SAMPLE.read_text("utf-8").encode("gbk"))
    (d / "big5.txt").write_bytes(BIG5_TEXT.encode("big5"))
    (d / "utf16.txt").write_bytes(SAMPLE.read_text("utf-8").encode("utf-16-le"))  # no BOM
    return d, bad


# ---------------------------------------------------------------- the whole folder through the CLI
def test_a_folder_of_bad_files_one_line_each_and_the_rest_ingested(folder) -> None:
    d, bad = folder
    res = run("ingest", str(d), str(d / "missing.txt"), "--store", "memory")
    assert res.exit_code == 2, res.output
    lines = error_lines(res.output)
    expected = {**{str(d / n): why for n, why in bad.items()}, str(d / "missing.txt"): "does not exist"}
    assert len(lines) == len(expected), lines
    for path, why in expected.items():
        mine = [line for line in lines if line.startswith(f"error: {path}: ")]
        assert len(mine) == 1 and why in mine[0], (path, lines)
    assert "ingested 4 file(s)" in res.output and f"{len(expected)} failed" in res.output
    assert "Traceback" not in res.output


def test_debug_adds_the_traceback_of_each_failed_file(folder) -> None:
    d, _ = folder
    res = run("--debug", "ingest", str(d / "empty.txt"), str(d / "good.txt"), "--store", "memory")
    assert res.exit_code == 2
    assert "Traceback (most recent call last)" in res.output and "InputError" in res.output
    assert error_lines(res.output) == [f"error: {d / 'empty.txt'}: is empty"]
    assert "ingested 1 file(s)" in res.output


def test_a_real_subprocess_prints_one_line_per_bad_file_on_stderr(folder) -> None:
    d, bad = folder
    exe = Path(sys.executable).parent / "ufgraph"
    proc = subprocess.run([str(exe), "ingest", str(d), "--store", "memory"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert len(error_lines(proc.stderr)) == len(bad) and proc.stderr.count("\n") == len(bad)
    assert "Traceback" not in proc.stderr
    assert "ingested 4 file(s)" in proc.stdout


# ---------------------------------------------------------------- each kind of file
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16-le", "utf-16-be"])
def test_chinese_encodings_and_utf16_without_bom_decode_to_the_same_text(encoding: str) -> None:
    text = SAMPLE.read_text("utf-8")
    decoded, found = decode_bytes(text.encode(encoding), "x.txt")
    assert decoded == text
    assert normalise(text.encode(encoding), "x.txt").text == normalise(text, "x.txt").text
    assert found.replace("_", "-") in (encoding, "gb18030")


def test_big5_is_decoded_and_its_people_extracted() -> None:
    n = normalise(BIG5_TEXT.encode("big5"), "big5.txt")
    assert n.encoding.startswith("big5")
    assert "统战部部长陈通出席会议并讲话" in n.text
    assert [p.name for p in extract(BIG5_TEXT.encode("big5"), "big5.txt").people] == ["陈通", "蔡忠"]


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>站点标题</title>
<style>body {{ color: red; }} .x::after {{ content: "样式文字"; }}</style>
<script>var secret = "脚本文字"; document.write("<p>写入文字</p>");</script>
<script type="application/ld+json">{{"name": "结构文字"}}</script>
</head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/org">机构概况菜单</a></li></ul></nav>
{header}
<div class="article">{paras}</div>
<!-- 注释文字 -->
<noscript>无脚本文字</noscript>
<footer>版权所有 页脚文字</footer>
<script>alert("脚本二");</script>
</body></html>"""


def html_page(header: str = "") -> bytes:
    body = SAMPLE.read_text("utf-8")
    paras = "\n".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return HTML_PAGE.format(paras=paras, header=header).encode("utf-8")


def test_a_whole_html_page_gives_the_article_text_and_no_script() -> None:
    page = normalise(html_page(), "page.html").text
    plain = normalise(SAMPLE.read_bytes(), "a.txt").text
    for line in plain.splitlines():
        assert line.strip() in page
    for junk in ("脚本文字", "写入文字", "样式文字", "结构文字", "alert", "color", "机构概况菜单", "注释文字", "无脚本文字", "页脚文字"):
        assert junk not in page, junk
    html_rec, txt_rec = extract(html_page(), "page.html"), extract(SAMPLE.read_bytes(), "a.txt")
    assert html_rec.headline == txt_rec.headline
    assert [p.name for p in html_rec.people] == [p.name for p in txt_rec.people]


def test_a_menu_in_a_header_element_is_not_the_headline() -> None:
    rec = extract(html_page('<header><div class="menu">导航菜单文字</div></header>'), "page.html")
    plain = extract(SAMPLE.read_bytes(), "a.txt")
    assert rec.headline == plain.headline
    assert rec.meeting.date == plain.meeting.date


def test_a_100_mb_file_is_refused_from_its_size_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="UFGRAPH_MAX_FILE_BYTES"):
            read_source(huge)
        built = ingest_mod.build(str(huge))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not built.ok and "104,857,600 bytes, over the limit of 20,000,000" in built.error
    assert peak < 5_000_000  # nothing like the file was read into memory


def test_100_mb_on_stdin_reads_no_more_than_the_limit(monkeypatch) -> None:
    monkeypatch.setenv("UFGRAPH_MAX_FILE_BYTES", "1000")
    res = run("ingest", "-", "--store", "memory", input=b"a" * 100_000)
    assert res.exit_code == 2 and error_lines(res.output) == ["error: <stdin>: is over the limit of 1,000 bytes (UFGRAPH_MAX_FILE_BYTES)"]


def test_limits_have_defaults_and_are_overridden_from_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("UFGRAPH_MAX_FILE_BYTES", raising=False)
    monkeypatch.delenv("UFGRAPH_MAX_ARTICLE_CHARS", raising=False)
    assert Limits() == Limits(max_file_bytes=20_000_000, max_article_chars=2_000_000)
    monkeypatch.setenv("UFGRAPH_MAX_FILE_BYTES", "not a number")  # a bad value keeps the default
    assert Limits().max_file_bytes == 20_000_000
    size = SAMPLE.stat().st_size
    monkeypatch.setenv("UFGRAPH_MAX_FILE_BYTES", str(size - 1))
    res = run("ingest", str(SAMPLE), "--store", "memory")
    assert res.exit_code == 2
    assert error_lines(res.output) == [f"error: {SAMPLE}: is {size:,} bytes, over the limit of {size - 1:,} (UFGRAPH_MAX_FILE_BYTES)"]
    monkeypatch.setenv("UFGRAPH_MAX_FILE_BYTES", str(size))
    monkeypatch.setenv("UFGRAPH_MAX_ARTICLE_CHARS", "500")
    res = run("ingest", str(SAMPLE), "--store", "memory")
    assert res.exit_code == 2 and len(error_lines(res.output)) == 1
    assert "over the limit of 500 (UFGRAPH_MAX_ARTICLE_CHARS)" in res.output
    monkeypatch.setenv("UFGRAPH_MAX_ARTICLE_CHARS", "100000")
    assert run("ingest", str(SAMPLE), "--store", "memory").exit_code == 0


def test_missing_path_and_symlink_loop_named_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    res = run("ingest", str(tmp_path / "nope.txt"), str(tmp_path / "a.txt"), str(tmp_path / "dangling.txt"),
              str(SAMPLE), "--store", "memory")
    assert res.exit_code == 2
    assert error_lines(res.output) == [
        f"error: {tmp_path / 'nope.txt'}: does not exist",
        f"error: {tmp_path / 'a.txt'}: cannot be read: Too many levels of symbolic links",
        f"error: {tmp_path / 'dangling.txt'}: does not exist",
    ]
    assert "ingested 1 file(s)" in res.output


def test_a_symlinked_folder_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLE, tmp_path / "sub" / "a.txt")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # sub/up/sub/up/… forever if followed
    assert list(ingest_mod.expand([tmp_path])) == [str(tmp_path / "sub" / "a.txt")]


def test_fifo_and_devices_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    with pytest.raises(InputError, match="FIFO"):
        read_source(tmp_path / "pipe.txt")
    if Path("/dev/zero").exists():  # an endless device: refused, not read up to the limit
        with pytest.raises(InputError, match="is a device"):
            read_source("/dev/zero")


def test_a_folder_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


# ---------------------------------------------------------------- a folder without permission
def test_unlistable_folder_is_reported_not_skipped(tmp_path: Path, monkeypatch) -> None:
    """Whoever runs the tests: ``os.scandir`` refusing a folder as the kernel would."""
    (tmp_path / "locked").mkdir()
    shutil.copy(SAMPLE, tmp_path / "ok.txt")
    locked = str(tmp_path / "locked")
    real = os.scandir

    def scandir(path=".", *a):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path, *a)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run("ingest", str(tmp_path), "--store", "memory")
    assert res.exit_code == 2
    assert error_lines(res.output) == [f"error: {locked}: cannot be read: permission denied"]
    assert "ingested 1 file(s)" in res.output


def _as_unprivileged(fn):
    """Run ``fn()`` (JSON-able result) as an unprivileged user: directly when not root, else in a
    forked child that drops to ``nobody`` (65534). Everything ``fn`` needs is imported already:
    the interpreter's own library may sit where ``nobody`` cannot read."""
    if os.geteuid() != 0:
        return fn()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            out = {"ok": fn()}
        except BaseException as exc:  # noqa: BLE001
            out = {"error": repr(exc)}
        os.write(w, json.dumps(out).encode())
        os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 1 << 16):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    out = json.loads(data)
    assert "ok" in out, out
    return out["ok"]


def test_folder_without_permission_for_real() -> None:
    base = Path(tempfile.mkdtemp(prefix="ufg-perm-"))  # not under pytest's 0700 tmp folder
    try:
        base.chmod(0o755)
        shutil.copy(SAMPLE, base / "ok.txt")
        (base / "ok.txt").chmod(0o644)
        (base / "locked").mkdir()
        shutil.copy(SAMPLE, base / "locked" / "secret.txt")
        (base / "locked").chmod(0)
        (base / "unreadable.txt").write_bytes(SAMPLE.read_bytes())
        (base / "unreadable.txt").chmod(0)
        run("ingest", str(SAMPLE), "--store", "memory")  # import everything the child needs

        def child():
            res = runner.invoke(app, ["ingest", str(base), "--store", "memory"])
            return [res.exit_code, res.output]

        code, output = _as_unprivileged(child)
        assert code == 2, output
        assert error_lines(output) == [
            f"error: {base / 'locked'}: cannot be read: permission denied",
            f"error: {base / 'unreadable.txt'}: cannot be read: permission denied",
        ]
        assert "ingested 1 file(s)" in output
    finally:
        for p in (base / "locked", base / "unreadable.txt"):
            p.chmod(stat.S_IRWXU)
        shutil.rmtree(base)
