"""Charts: server-drawn SVG bars whose numbers are written beside them and
also given in a table."""

import re

import pytest
from django.urls import reverse

from tests.lms.classes_helpers import completion_world

pytestmark = pytest.mark.django_db


def bars(html: str, chart_id: str) -> list[tuple[str, str, str]]:
    """(label, value text, bar width) of each bar of one chart."""
    start = html.index(f'id="{chart_id}-caption"')
    figure = html[start : html.index("</figure>", start)]
    return re.findall(
        r'<span class="chart__label"><span>(.*?)</span> <strong>(.*?)</strong></span>.*?'
        r'class="chart__bar"[^>]*width="([\d.]+)"',
        figure,
        flags=re.S,
    )


def test_completion_by_village_and_over_time(client):
    world = completion_world()
    client.force_login(world.manager_a)
    url = reverse("lms:report_place", args=[world.places["commune_a"].pk])
    html = client.get(url, {"from": "2026-01-01", "to": "2026-06-30"}).content.decode()
    assert bars(html, "chart-share") == [("Khóm 1", "33.3 %", "33.3"), ("Khóm 2", "0.0 %", "0.0")]
    progress = bars(html, "chart-progress")
    assert [label for label, _text, _width in progress] == [
        "01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026"
    ]  # fmt: skip
    # March: Lan's three lessons and Bình's two; June: Đức's one.
    assert [text for _label, text, _width in progress] == ["0", "0", "5", "0", "0", "1"]
    assert progress[2][2] == "100.0" and progress[5][2] == "20.0"
    assert '<th scope="row">03/2026</th><td>5</td>' in html  # the same numbers in a table
    assert 'aria-hidden="true"' in html


def test_completion_by_target_group_chart(client):
    world = completion_world()
    client.force_login(world.manager_a)
    html = client.get(
        reverse("lms:report_place_groups", args=[world.places["commune_a"].pk])
    ).content.decode()
    assert bars(html, "chart-share") == [("Người cao tuổi", "50.0 %", "50.0")]
