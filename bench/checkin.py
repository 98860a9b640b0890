"""Check-in at an event's door, timed: ``python -m bench.checkin``.

Run by the harness as a job (``checkin_300``) on the benchmark database. It
seeds one live event happening now, held by a commune, with 300 signed-up
learners and a staff account of the commune; starts gunicorn (two sync
workers, the harness's production settings) on a port of its own; then
checks the 300 people in one after another, as the door sees them: the
staff's signed-in browser (session and CSRF cookies, the form's token) posts
each learner's code to the door page and reads the page it is sent back to,
where the result is shown. Each check-in is timed from the POST to the end
of that page. Prints one JSON line: ``{"seconds", "peak_mb", "detail",
"metrics": {"p50_ms", "p95_ms"}}`` (seconds: the 300 check-ins).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

PEOPLE = 300
SLUG = "bench-diem-danh"
COMMUNE_CODE = "bench-checkin"
STAFF = "bench-checkin-staff"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(people: int) -> tuple[int, list[str], str]:
    """The event, its learners' codes and the staff's Cookie header (a new
    event and new learners on every run)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from bench.seed import _home, _staff, session_cookie
    from courses.models import EventIndexPage, EventPage
    from lms.models import EventHost, EventRegistration, Grant, Learner, Place, PlaceKind, Role
    from lms.people.passes import learner_pass

    run = timezone.now().strftime("%Y%m%d%H%M%S")
    with transaction.atomic():
        index = EventIndexPage.objects.first()
        if index is None:
            index = _home().add_child(instance=EventIndexPage(title="Sự kiện", slug="su-kien"))
            index.save_revision().publish()
        now = timezone.now()
        event = EventPage(
            title="Điểm danh (bench)",
            slug=f"{SLUG}-{run}",
            summary="Sự kiện đo thời gian điểm danh.",
            start_at=now - datetime.timedelta(minutes=10),
            end_at=now + datetime.timedelta(hours=4),
            venue="Nhà văn hóa",
            capacity=people,
        )
        index.add_child(instance=event)
        event.save_revision().publish()
        province = Place.objects.filter(code=f"{COMMUNE_CODE}-p").first() or Place.add_root(
            instance=Place(code=f"{COMMUNE_CODE}-p", name="Tỉnh (bench)", kind=PlaceKind.PROVINCE)
        )
        commune = Place.objects.filter(code=COMMUNE_CODE).first() or province.add_child(
            instance=Place(code=COMMUNE_CODE, name="Xã (bench)", kind=PlaceKind.COMMUNE)
        )
        village = Place.objects.filter(code=f"{COMMUNE_CODE}-01").first() or commune.add_child(
            instance=Place(code=f"{COMMUNE_CODE}-01", name="Thôn (bench)", kind=PlaceKind.VILLAGE)
        )
        EventHost.objects.create(event=event, place=commune)
        staff = _staff(STAFF)
        Grant.objects.get_or_create(user=staff, role=Role.MANAGER, place=commune, revoked_at=None)
        users = get_user_model().objects.bulk_create(
            [get_user_model()(username=f"bench-checkin-{run}-{n}") for n in range(people)]
        )
        learners = [
            Learner.objects.create(user=user, full_name=f"Người học {n:03d}", village=village)
            for n, user in enumerate(users)
        ]
        EventRegistration.objects.bulk_create(
            [EventRegistration(event=event, learner=learner) for learner in learners]
        )
    return event.pk, [learner_pass(learner) for learner in learners], session_cookie(STAFF)


class Browser:
    """One keep-alive connection with the staff's cookies, as a phone's browser."""

    def __init__(self, host: str, port: int, cookie: str):
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies = dict(part.split("=", 1) for part in cookie.split("; "))
        self.host = f"{host}:{port}"

    def _send(self, method: str, path: str, body: bytes | None = None) -> tuple[int, dict, bytes]:
        headers = {
            "Host": self.host,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Accept-Encoding": "identity",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data

    def get(self, path: str) -> bytes:
        status, _headers, data = self._send("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return data

    def post(self, path: str, fields: dict) -> str:
        status, headers, _data = self._send("POST", path, urllib.parse.urlencode(fields).encode())
        if status != 302:
            raise RuntimeError(f"POST {path} answered {status}")
        return headers.get("Location") or headers.get("location")


def check_in_all(host: str, port: int, event_id: int, codes: list[str], cookie: str) -> list[float]:
    browser = Browser(host, port, cookie)
    door = f"/can-bo/su-kien/{event_id}/diem-danh/"
    page = browser.get(door)
    timings = []
    for code in codes:
        token = TOKEN.search(page)
        if token is None:
            raise RuntimeError("the door page has no CSRF token")
        start = time.perf_counter()
        location = browser.post(
            door, {"csrfmiddlewaretoken": token.group(1).decode(), "code": code}
        )
        page = browser.get(urllib.parse.urlsplit(location).path)
        timings.append((time.perf_counter() - start) * 1000)
        if "đã điểm danh".encode() not in page and b"is checked in" not in page:
            raise RuntimeError(f"check-in not confirmed on the page after {len(timings)} people")
    return timings


def start_server(host: str, port: int, log: Path) -> subprocess.Popen:
    from bench.stack import GUNICORN, ROOT

    command = [
        GUNICORN,
        "cms.wsgi",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--bind",
        f"{host}:{port}",
        "--log-level",
        "warning",
    ]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            connection = http.client.HTTPConnection(host, port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": f"{host}:{port}"})
            if connection.getresponse().status in (200, 503):
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_CHECKIN_PORT", 8766)))
    parser.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    import django

    django.setup()
    from django.db import connections

    event_id, codes, cookie = seed(args.people)
    connections.close_all()
    server = start_server(args.host, args.port, args.log / "bench-checkin-gunicorn.log")
    try:
        started = time.perf_counter()
        timings = check_in_all(args.host, args.port, event_id, codes, cookie)
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    outcome = {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "detail": f"{len(timings)} check-ins one after another: median {p50:.0f} ms, "
        f"p95 {p95:.0f} ms, slowest {max(timings):.0f} ms",
        "metrics": {"p50_ms": p50, "p95_ms": p95},
    }
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
