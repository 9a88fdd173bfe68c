"""Shared fixtures. Markers (pyproject.toml): `slow` (long sweeps: MILP against exhaustive
search, the hostile-file corpus, interrupted runs), `external` (needs LibreOffice). `make test`
runs them all; `pytest -m "not slow and not external"` is the quick loop."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from answer_plan_cli import main
from optimizer import load_tariff
from optimizer.pricing.tariff import Tariff
from tests import support

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


@pytest.fixture(autouse=True)
def own_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own ledger of written files (XDG_STATE_HOME), never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("ANSWER_PLAN_DEBUG", "1")  # a bug of ours shows its traceback in a test


@pytest.fixture(scope="session")
def tariff() -> Tariff:
    """The shipped price list."""
    return load_tariff()


@pytest.fixture
def shipped_doc() -> dict[str, Any]:
    """The shipped tariff document, a fresh copy per test, to alter."""
    return support.shipped()


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line in-process: (status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return run
