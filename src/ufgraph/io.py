"""Reading input files: one clear :class:`InputError` for each way a file can be unreadable."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from .errors import InputError
from .settings import Limits


def read_source(path: Path | str, limits: Limits | None = None) -> tuple[str, bytes]:
    """Return ``(name, bytes)`` of ``path`` (``-`` reads stdin). Raises :class:`InputError`."""
    limits = limits or Limits()
    if str(path) == "-":
        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(p)
        try:
            st = p.stat()
            size = st.st_size
            if stat.S_ISDIR(st.st_mode):
                os.scandir(p).close()  # a folder we cannot list says so (PermissionError below)
                raise InputError(name, "is a directory")
            if not stat.S_ISREG(st.st_mode):
                # a FIFO would block the ingest forever, a device (/dev/zero) never ends
                raise InputError(name, f"is {_kind(st.st_mode)}, not a regular file (pipe data to `ufgraph ingest -` instead)")
            if size > limits.max_file_bytes:
                raise InputError(name, f"is {size:,} bytes, over the limit of {limits.max_file_bytes:,} (UFGRAPH_MAX_FILE_BYTES)")
            with p.open("rb") as fh:
                data = fh.read(limits.max_file_bytes + 1)
        except InputError:
            raise
        except FileNotFoundError:
            raise InputError(name, "does not exist") from None
        except PermissionError:
            raise InputError(name, "cannot be read: permission denied") from None
        except OSError as exc:
            raise InputError(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limits.max_file_bytes:
        raise InputError(name, f"is over the limit of {limits.max_file_bytes:,} bytes (UFGRAPH_MAX_FILE_BYTES)")
    if not data:
        raise InputError(name, "is empty")
    return name, data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
