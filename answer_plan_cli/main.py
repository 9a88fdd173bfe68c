"""answer-plan: the command line, an adapter over optimizer (and xl_addin for the workbook).

main(argv) returns the exit status; run() is the entry point. Exit status: 0 done; 2 bad usage
or input (one line on stderr); 1 anything else (one line too); 130 / 143 interrupted (SIGINT /
SIGTERM), with no partial output left behind. Errors map to statuses here and only here; a core
error names the option it concerns, said here as its flag.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from answer_plan_cli.parser import PROG, UsageFailure, build_parser, join_values
from optimizer import AnswerPlanError, SolverError
from optimizer.files.outputs import COMMITS
from optimizer.ground.words import default_lang, message

__all__ = ["build_parser", "main", "run"]


class Interrupted(BaseException):
    """SIGINT or SIGTERM: unwinds like KeyboardInterrupt, so no partial output is left."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def _install_signals() -> Callable[[], None]:
    """SIGTERM (and SIGINT) unwind the run, so its temporary output is removed."""
    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread: leave the handlers as they are
            previous[sig] = signal.signal(sig, _on_signal)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors map to exit statuses here and only here."""
    words = list(sys.argv[1:] if argv is None else argv)
    _LANG[0] = _argv_lang(words)
    parser = build_parser(_LANG[0])  # its --help in the language asked for
    restore = _install_signals()
    commits = COMMITS[0]
    try:
        args = parser.parse_args(join_values(words))
        status: int = args.func(args)
        _flush_stdout()
        return status
    except UsageFailure as exc:
        return _fail(str(exc), 2)
    except SolverError as exc:
        return _fail(exc.render("cli"), 1)
    except AnswerPlanError as exc:  # a list of problems is said on one line (_more); a line break of a cell, escaped
        said = exc.render("cli")
        return _fail((said.splitlines()[0] if getattr(exc, "problems", None) else said) + _more(exc), 2)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        return _fail(f"{exc.filename}: {exc.strerror}", 2)
    except BrokenPipeError:
        return 0
    except (KeyboardInterrupt, Interrupted) as exc:
        return _stopped(exc, commits)
    except MemoryError:
        return _fail("out of memory; try a smaller --chunk-rows", 1)
    except RecursionError:
        return _fail("the input is nested too deeply to be read", 2)
    except OSError as exc:  # a full disk, ... (named by its file when it has one: stdout for what is said)
        return _fail(f"{exc.filename}: {exc.strerror or exc}" if exc.filename else str(exc.strerror or exc), 1)
    except Exception as exc:  # a bug of ours: one line, never a traceback (ANSWER_PLAN_DEBUG=1 shows it)
        if os.environ.get("ANSWER_PLAN_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                     "please report it, with the command", 1)
    finally:
        restore()


def _flush_stdout() -> None:
    """What the command said, flushed before its status is final: a full disk is an error (status 1,
    named), not output lost under a status of 0; a reader gone is a BrokenPipeError (status 0)."""
    if sys.stdout is None:  # started with stdout closed
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, "stdout") from None


def _stopped(exc: BaseException, commits: int) -> int:
    """A run ended by SIGINT or SIGTERM: 128 + the signal, and whether its outputs were written."""
    signum = getattr(exc, "signum", signal.SIGINT)
    said = "interrupted; nothing was written" if COMMITS[0] == commits else "interrupted after the outputs were written"
    return _fail(said, 128 + int(signum))


_LANG = ["en"]  # the language errors are said in: --lang wherever it is, else the locale


def _argv_lang(words: list[str]) -> str:
    """The language asked for: the last --lang (argparse keeps the last too; a command's own --lang
    after a global one), its abbreviations as argparse takes them (--lan, --la)."""
    found = None
    for i, w in enumerate(words):
        if w == "--":
            break
        flag, eq, value = w.partition("=")
        if len(flag) >= 4 and "--lang".startswith(flag):
            if eq:
                found = value
            elif i + 1 < len(words):
                found = words[i + 1]
    if found is None:
        return default_lang()
    return "nl" if found.lower() == "nl" else "en"


def _more(exc: AnswerPlanError) -> str:
    problems = getattr(exc, "problems", None)
    return f" ({'; '.join(problems)})" if problems else ""


def _fail(text: str, status: int) -> int:
    said = message(text, _LANG[0])
    one_line = said.replace("\r", "\\r").replace("\n", "\\n")  # a file name may hold a newline
    print(f"{PROG}: {'fout' if _LANG[0] == 'nl' else 'error'}: {one_line}", file=sys.stderr)
    return status


def run() -> None:
    """The command's entry point: its process set up for the work (process.tune), then main(), then
    the process ends (process.leave: without the interpreter's teardown, the work being done). A
    Ctrl-C before main's own handlers (in the imports) or after them (its last lines) is said as
    main says one, never a traceback."""
    from answer_plan_cli.process import leave, tune

    commits = COMMITS[0]
    _LANG[0] = _argv_lang(sys.argv[1:])  # (main says it again: a Ctrl-C before it is said in it too)
    try:
        tune()
        status = main()
    except (KeyboardInterrupt, Interrupted) as exc:
        status = _stopped(exc, commits)
    leave(status)


if __name__ == "__main__":
    run()
