"""Production settings are secure by default and fail loudly when misconfigured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "x7Qp9Lm2Zr5Tv8Wn4Yb6Hc1Jd3Fg0Ks" * 2


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_passes_deploy_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="hoc.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("False", False), ("false", False), ("0", False), ("true", True), ("1", True)],
)
def test_booleans_are_parsed_explicitly(monkeypatch, raw, expected):
    monkeypatch.setenv("HOCVUSO_TEST_FLAG", raw)
    assert env_bool("HOCVUSO_TEST_FLAG") is expected


def test_unknown_boolean_spelling_is_an_error(monkeypatch):
    monkeypatch.setenv("HOCVUSO_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("HOCVUSO_TEST_FLAG")


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("HOCVUSO_TEST_LIST", " a.example , b.example,,")
    assert env_list("HOCVUSO_TEST_LIST") == ["a.example", "b.example"]
