"""The one writer of every command: all of a run's outputs, written as a set.

    with Outputs(inputs=[events, contracts], force=False) as out:
        invoices = out.add("invoices.csv")        # checked now, before any work: see `add`
        lines = out.add("lines.csv")
        write(invoices.tmp); write(lines.tmp)      # each to a temporary file beside its target
    # here every target is complete, or (on any failure, Ctrl-C, a full disk) every one is as it was

Every output goes to a temporary file beside its target; only when the block ends without an
error, and every file is complete and synced, are they renamed onto their targets, with signals
held back, and rolled back if one rename fails. What `add` refuses, before anything is written:
two outputs on one path, an output that is an input (hard links too), a folder, and a file the
project did not write (a user's workbook, a user's main.py, a result the user has since edited)
unless `force`. What the project wrote is told by content: the ledger (`Ledger`) remembers the
size, time and SHA-256 of every file it committed; a file whose content differs is not ours any
more. `--force` never destroys the old file when the new one fails: the old one is replaced only
at the commit.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from optimizer.ground.errors import FileError

__all__ = ["COMMITS", "Ledger", "Output", "Outputs", "disk_error", "joined"]

HASHED = 64 << 20  # files up to this size are hashed when written; larger ones are told by size and time
COMMITS = [0]  # sets committed by this process (the command line says what an interrupt left behind)
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


@dataclass
class Output:
    target: Path
    tmp: Path
    what: str
    same_ok: bool  # a foreign file with the same content may be replaced (it loses nothing)
    foreign: bool = False


class Ledger:
    """The files this project committed: path, size, modification time, SHA-256 (for files up to
    HASHED bytes). Kept per user ($XDG_STATE_HOME/answer-plan/written.tsv)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or self.default()
        self._read: tuple[tuple[int, int], dict[str, tuple[int, int, str]]] | None = None  # (size, mtime): entries

    @staticmethod
    def default() -> Path:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        return Path(base) / "answer-plan" / "written.tsv"

    def _entries(self) -> dict[str, tuple[int, int, str]]:
        """The ledger's entries, read again only when the file changed (a set of thousands of files
        asks once per file)."""
        try:
            st = self.path.stat()
            stamp = (st.st_size, st.st_mtime_ns)
        except OSError:
            return {}
        if self._read is not None and self._read[0] == stamp:
            return self._read[1]
        out: dict[str, tuple[int, int, str]] = {}
        self._read = (stamp, out)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for line in self.path.read_text("utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
                    out[parts[0]] = (int(parts[1]), int(parts[2]), parts[3])
        return out

    def ours(self, path: Path) -> bool:
        """The file is one this project wrote, unchanged since."""
        try:
            st = path.stat()
        except OSError:
            return False
        entry = self._entries().get(str(path.resolve()))
        if entry is None:
            return False
        size, mtime, digest = entry
        if st.st_size != size:
            return False
        if st.st_mtime_ns == mtime:
            return True
        return bool(digest) and _digest(path) == digest  # touched or copied, but the same content

    def record(self, paths: Iterable[Path], digests: dict[Path, str]) -> None:
        """Remember files just committed (never fails the run: a ledger that cannot be written
        only means a later run asks for --force)."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lines = []
            for p in paths:
                st = p.stat()
                lines.append(f"{p.resolve()}\t{st.st_size}\t{st.st_mtime_ns}\t{digests.get(p, '')}\n")
            with open(self.path, "a", encoding="utf-8") as f:
                f.writelines(lines)
            if self.path.stat().st_size > 4 << 20:
                self.compact()

    def compact(self) -> None:
        entries = {p: e for p, e in self._entries().items() if Path(p).exists()}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text("".join(f"{p}\t{s}\t{m}\t{d}\n" for p, (s, m, d) in entries.items()), "utf-8")
        os.replace(tmp, self.path)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file: two names of one file (a hard link) have the same."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def disk_error(exc: OSError, targets: list[Path]) -> FileError:
    """A failed write, said of the targets (never of a temporary file)."""
    listed = [str(t) for t in targets]
    named = ", ".join(listed[:3]) + (f" and {len(listed) - 3:,} more" if len(listed) > 3 else "") or "the output"
    if exc.errno in _FULL:
        reason = "the disk is full (or the file is larger than this file system allows)"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc)
    return FileError(f"{named}: {reason}; nothing was written")


class Outputs:
    """A run's outputs, committed together or not at all (see the module's docstring)."""

    def __init__(self, *, inputs: Iterable[str | Path] = (), force: bool = False, ledger: Ledger | None = None) -> None:
        self.inputs = [Path(p) for p in inputs]
        self.force = force
        self.ledger = ledger or Ledger()
        self.outputs: list[Output] = []
        self.committed = False
        # the outputs by resolved path and by file (hard links), and each folder's partial files as
        # found before this run wrote any: `add` costs the same for the thousandth file as the first
        self._by_path: dict[Path, Output] = {}
        self._by_file: dict[tuple[int, int], Output] = {}
        self._partials: dict[Path, list[Path]] = {}
        self._made: list[Path] = []  # folders this run made for its outputs, outermost first

    # ------------------------------------------------------------------ checks, before any work
    def add(self, target: str | Path, *, what: str = "output", same_ok: bool = False) -> Output:
        """An output of this run: refused now if it collides with another output or an input, is a
        folder, or is a file the project did not write (without force; with `same_ok`, a foreign
        file with exactly the new content passes at the commit)."""
        target = Path(target)
        if not target.name or target.name in (".", ".."):
            raise FileError(f"{what}: {str(target)!r} is not a file name")
        resolved = target.resolve()
        ident = _identity(target)
        other = self._by_path.get(resolved) or (self._by_file.get(ident) if ident is not None else None)
        if other is not None:
            raise FileError(f"{what}: {str(target)!r} is also the {other.what}; two outputs cannot share a "
                            "file, give each its own")
        for source in self.inputs:
            if source.resolve() == target.resolve() or _same_file(source, target):
                raise FileError(f"{what}: {str(target)!r} is an input of this run ({source}); write somewhere else")
        foreign = False
        if target.exists() or target.is_symlink():
            if target.is_dir():
                raise FileError(f"{what}: {str(target)!r} is a folder")
            if not self.force and not self.ledger.ours(target):
                if not same_ok:
                    raise FileError(f"{what}: {str(target)!r} exists and answer-plan did not write it (or it was "
                                    "changed since); say «force» to replace it")
                foreign = True
        parent = target.parent
        missing = [folder for folder in (parent, *parent.parents) if not folder.exists()]
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._made += reversed(missing)  # made by this run: taken away again if nothing is written
        except OSError as exc:
            raise FileError(f"{what}: cannot make the folder {str(parent)!r}: {exc.strerror}") from None
        if parent not in self._partials:
            self._partials[parent] = list(parent.glob(".*.partial"))
        _stale_partials(target, self._partials[parent])
        try:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{os.getpid()}.partial", dir=parent)
        except OSError as exc:
            raise disk_error(exc, [target]) from None
        os.close(fd)
        out = Output(target, Path(name), what, same_ok, foreign)
        self.outputs.append(out)
        self._by_path[resolved] = out
        if ident is not None:
            self._by_file[ident] = out
        return out

    # ------------------------------------------------------------------ the commit
    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is None:
            try:
                self.commit()
            except OSError as error:
                self.discard()
                raise disk_error(error, [o.target for o in self.outputs]) from None
            except BaseException:
                self.discard()
                raise
            return
        self.discard()
        if isinstance(exc, OSError):  # a write that failed: said of its target, not of a temporary file
            tmp = {str(o.tmp): o.target for o in self.outputs}
            if exc.filename in tmp:
                raise disk_error(exc, [tmp[exc.filename]]) from None
            if exc.errno in _FULL or exc.errno == errno.EROFS:
                raise disk_error(exc, [o.target for o in self.outputs]) from None

    def discard(self) -> None:
        for o in self.outputs:
            with contextlib.suppress(OSError):
                o.tmp.unlink()
        for folder in reversed(self._made):  # innermost first; a folder something else put a file in stays
            with contextlib.suppress(OSError):
                folder.rmdir()

    def commit(self) -> None:
        """Every temporary file synced, then all renamed onto their targets with SIGINT and SIGTERM
        held back; a failed rename puts back the files already replaced."""
        digests: dict[Path, str] = {}
        for o in self.outputs:
            with open(o.tmp, "rb+") as f:
                os.fsync(f.fileno())
            if o.tmp.stat().st_size <= HASHED:
                digests[o.target] = _digest(o.tmp)
            if o.foreign:  # a file we did not write: replaced only when nothing of it is lost
                same = o.target.exists() and o.target.stat().st_size == o.tmp.stat().st_size \
                    and _digest(o.target) == digests.get(o.target, _digest(o.tmp))
                if not same:
                    raise FileError(f"{o.what}: {str(o.target)!r} exists and answer-plan did not write it (or it "
                                    "was changed since); say «force» to replace it")
        with _signals_held():
            done: list[tuple[Output, Path | None]] = []
            try:
                for o in self.outputs:
                    backup = _backup(o.target)
                    _permissions(o)
                    os.replace(o.tmp, o.target)
                    done.append((o, backup))
            except OSError:
                for o, backup in reversed(done):
                    with contextlib.suppress(OSError):
                        if backup is not None:
                            os.replace(backup, o.target)
                        else:
                            o.target.unlink()
                raise
            finally:
                for _, backup in done:
                    if backup is not None:
                        with contextlib.suppress(OSError):
                            backup.unlink()
            for folder in {o.target.parent for o in self.outputs}:
                _sync_folder(folder)
            self.committed = True
            COMMITS[0] += 1
            self.ledger.record([o.target for o in self.outputs], digests)

    @property
    def targets(self) -> list[Path]:
        return [o.target for o in self.outputs]


@contextlib.contextmanager
def joined(outputs: Outputs | None, *, inputs: Iterable[str | Path] = (), force: bool = False) -> Iterator[Outputs]:
    """The set a job writes into: the caller's (a run of several jobs, committed by the caller), or
    its own, committed when the job is done."""
    if outputs is not None:
        outputs.inputs.extend(Path(p) for p in inputs)
        yield outputs
        return
    with Outputs(inputs=inputs, force=force) as own:
        yield own


def _backup(target: Path) -> Path | None:
    """A hard link to the file being replaced, to put it back if a later rename fails."""
    if not target.exists():
        return None
    backup = target.with_name(f".{target.name}.{os.getpid()}.old.partial")
    with contextlib.suppress(OSError):
        backup.unlink()
    try:
        os.link(target, backup)
    except OSError:
        return None
    return backup


def _permissions(o: Output) -> None:
    """The new file gets the old one's permissions, or the usual ones (not mkstemp's 0600)."""
    with contextlib.suppress(OSError):
        if o.target.exists():
            os.chmod(o.tmp, o.target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(o.tmp, 0o666 & ~umask)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the renames and the ledger are done, and are delivered right
    after. Python runs a signal's handler in the main thread whichever thread the system gives it
    to, so blocking the signals in this thread alone (pthread_sigmask) would not do while the
    readers' and writers' threads live: the handlers are swapped for ones that only remember."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers run in the main thread: they cannot interrupt this one
        return
    caught: list[int] = []
    previous: dict[signal.Signals, Any] = {}
    for held in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):
            previous[held] = signal.signal(held, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, handler)
        if caught:
            signal.raise_signal(caught[0])  # now, to the handler that was in place


def _stale_partials(target: Path, found: list[Path]) -> None:
    """Remove what a killed run (SIGKILL, power cut) left beside this target: its own temporary
    files, named with the process id, when that process is gone (`found`: the folder's partial
    files)."""
    for stale in (p for p in found if p.name.startswith(f".{target.name}.")):
        parts = stale.name.rsplit(".", 3)
        try:
            pid = int(parts[-2]) if parts[-2] != "old" else int(stale.name.rsplit(".", 4)[-3])
        except (ValueError, IndexError):
            continue
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                stale.unlink()
        except (PermissionError, OSError):
            continue
