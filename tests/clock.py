"""The suite's clock: ``HOCVUSO_TEST_CLOCK_AHEAD_DAYS`` moves it forward for a
whole run (``make test-future``), so a test that only passes this year fails
now instead of on 1 January.

The shift starts in ``pytest_configure``, before Django is set up and any test
is collected, and the clock keeps ticking from the shifted instant. A test that
freezes or moves time itself with ``time_machine`` nests inside the shift and
gets the shifted clock back when it is done. Tests that start another process
(a server, a worker) see the real clock there: only this process is shifted.
"""

import datetime as dt
import os

import pytest
import time_machine

ENV_VAR = "HOCVUSO_TEST_CLOCK_AHEAD_DAYS"

_traveller = None
_shift = None


def ahead_days() -> int:
    """The days the clock is moved ahead by, 0 when the variable is unset or blank."""
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return 0
    try:
        return int(raw)
    except ValueError:
        raise pytest.UsageError(f"{ENV_VAR} must be a whole number of days, not {raw!r}") from None


def pytest_configure(config):
    global _traveller, _shift
    days = ahead_days()
    if not days or _traveller is not None:
        return
    real_now = dt.datetime.now(dt.UTC)
    # A timedelta, not an aware datetime: a UTC or zoneinfo destination would
    # also set the process's TZ, which Django sets from TIME_ZONE.
    _traveller = time_machine.travel(dt.timedelta(days=days), tick=True)
    _traveller.start()
    _shift = (days, real_now)


def pytest_unconfigure(config):
    global _traveller, _shift
    if _traveller is not None:
        _traveller.stop()
        _traveller = None
        _shift = None


def pytest_report_header(config):
    if _shift is None:
        return None
    days, real_now = _shift
    shifted = dt.datetime.now(dt.UTC)
    return (
        f"clock: shifted {days} days ahead by {ENV_VAR} "
        f"(real {real_now:%Y-%m-%d}, tests see {shifted:%Y-%m-%d %H:%M} UTC)"
    )


def pytest_terminal_summary(terminalreporter):
    if _shift is not None:
        terminalreporter.write_line(
            f"clock was shifted {_shift[0]} days ahead ({ENV_VAR})", yellow=True
        )
