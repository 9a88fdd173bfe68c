"""The project's exceptions: one module, one base class (a ValueError).

A message names the field, argument or file and the value. Where an option of the caller settles
the problem, the message names that option as «name» or «name value»: the core knows no flags.
`str(error)` writes it as a Python keyword (`decimal=','`), `error.render("cli")` as the command
line's flag (`--decimal ,`), so each adapter says it in its own words.
"""
from __future__ import annotations

import contextlib
import re

__all__ = [
    "AnswerPlanError",
    "ArgumentError",
    "DialectError",
    "FileError",
    "HeaderError",
    "NoPlanFits",
    "RatingError",
    "SelectionError",
    "SolverError",
    "TariffError",
    "UsageError",
    "render",
    "shown",
]

_OPTION = re.compile(r"«([a-z_]+)(?: ([^»]*))?»")


def render(text: str, style: str = "api") -> str:
    """Options named in a message («decimal ,»), as the caller knows them: 'cli' as flags
    (--decimal ,), 'api' as keywords (decimal=',')."""
    def one(m: re.Match[str]) -> str:
        name, value = m.group(1), m.group(2)
        if style == "cli":
            flag = "--" + name.replace("_", "-")
            return flag if value is None else f"{flag} {value}"
        if value is None:
            return f"{name}=True"
        return f"{name}={value if value.startswith(chr(39)) else repr(value)}"
    return _OPTION.sub(one, text)


class AnswerPlanError(ValueError):
    """Base of every error this project raises on purpose. `option`: the caller's option the
    problem concerns (or None)."""

    option: str | None = None

    def __init__(self, message: str = "", *, option: str | None = None) -> None:
        super().__init__(message)
        self.template = message
        if option is not None:
            self.option = option
        else:
            found = _OPTION.search(message)
            self.option = found.group(1) if found else None

    def render(self, style: str = "api") -> str:
        return render(self.template, style)

    def __str__(self) -> str:
        return self.render("api")


class UsageError(AnswerPlanError):
    """A forecast field has a value that cannot be priced; the message names field and value."""

    def __init__(self, field: str, value: object, want: str) -> None:
        self.field, self.value, self.want = field, value, want
        super().__init__(f"{field}: {shown(value)} is not {want}")


class TariffError(AnswerPlanError):
    """A price list failed validation; `problems` lists every problem with its key path."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source, self.problems = source, list(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{source}: {len(self.problems)} problem(s)\n{listed}")


class SelectionError(AnswerPlanError):
    """A choice of plans that breaks a rule of the price list (24/7, usage without its service)."""


class NoPlanFits(SelectionError):
    """No combination of plans can serve the forecast under the given restrictions."""


class SolverError(AnswerPlanError):
    """The MILP solver is missing, failed, or disagreed with the pricing core."""


class FileError(AnswerPlanError):
    """A file that cannot be read or written as asked."""


class HeaderError(FileError):
    """The headers of a table do not say, with certainty, which column is which field."""


class DialectError(FileError):
    """A CSV file whose dialect cannot be told with certainty."""


class RatingError(AnswerPlanError):
    """A log or contracts table that cannot be rated as a whole (a missing column, a customer
    twice, a contract on a plan that does not exist, a period that is no period)."""


class ArgumentError(AnswerPlanError):
    """An argument of the wrong shape (an Excel range, a command-line value, a Python argument)."""


def shown(value: object) -> str:
    """A value as a message quotes it: text quoted, a whole float as the whole number a cell shows."""
    if hasattr(value, "item") and callable(value.item):  # numpy scalars: show the plain value
        with contextlib.suppress(TypeError, ValueError):
            value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = str(int(value))  # -1, as the cell said it (Excel and workbooks hold every number as a float)
    elif isinstance(value, (str, float)):
        text = repr(value)
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
