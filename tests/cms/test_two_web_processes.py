"""Two web processes share Redis: what an editor publishes through one of them
is served at once by the other, with nothing cached in the second process
standing in the way (the README's "all of them change at once")."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import reachable, unavailable
from tests.courses.factories import make_catalogue, make_course, make_lesson, with_authenticator
from tests.workers import ROOT, worker_environment

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def web_process():
    """``gunicorn cms.wsgi`` with one worker on this run's database and cache;
    yields its base URL once it answers."""
    port = free_port()
    env = {**os.environ, **worker_environment(database=True)}
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    with tempfile.NamedTemporaryFile(prefix="web-", suffix=".log") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                        break
                except requests.RequestException:  # not listening yet, or still loading
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"web process did not start:\n{Path(log.name).read_text()}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def shared_redis(postgres):
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        unavailable("CACHE_URL does not name a Redis cache")
    if not reachable(settings.CACHES["default"]["LOCATION"]):
        unavailable("the Redis cache is not reachable")


def test_a_publish_in_one_web_process_is_served_at_once_by_the_other(shared_redis, tasks):
    with tasks.run():  # publishing a course queues a summary rebuild
        course = make_course(make_catalogue(), title="Dùng điện thoại an toàn", slug="an-toan")
        lesson = make_lesson(course, title="Khóa màn hình cũ", slug="khoa-man-hinh")
    editor = with_authenticator(
        get_user_model().objects.create_superuser("editor", "editor@example.vn", "x")
    )
    signed_in = Client()
    signed_in.force_login(editor)  # the session lives in the shared cache and database
    cookies = {"sessionid": signed_in.cookies["sessionid"].value}

    with web_process() as first, web_process() as second:
        url = lesson.get_url()
        # The second process has served, and so cached, the live version.
        for _ in range(2):
            page = requests.get(f"{second}{url}", timeout=10)
            assert page.status_code == 200
            assert "Khóa màn hình cũ" in page.text
        assert page.headers.get("X-Cache") == "hit"

        lesson.title = "Khóa màn hình mới"
        lesson.save_revision(user=editor)  # a draft: the public page is unchanged
        assert "Khóa màn hình cũ" in requests.get(f"{second}{url}", timeout=10).text

        # The editor publishes the draft through the first process's admin.
        session = requests.Session()
        session.cookies.update(cookies)
        publish = f"{first}/admin/bulk/wagtailcore/page/publish/?id={lesson.pk}"
        confirm = session.get(publish, timeout=30)
        assert confirm.status_code == 200, confirm.text[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
        done = session.post(
            publish,
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": publish},
            allow_redirects=False,
            timeout=30,
        )
        assert done.status_code == 302, done.text[:500]
        lesson.refresh_from_db()
        assert lesson.title == "Khóa màn hình mới" and lesson.live

        # The very next request to the second process shows it.
        page = requests.get(f"{second}{url}", timeout=10)
        assert page.status_code == 200
        assert "Khóa màn hình mới" in page.text
        assert "Khóa màn hình cũ" not in page.text
