import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lms.models import Learner, Place, PlaceKind
from tests.lms.factories import LearnerFactory

pytestmark = pytest.mark.django_db

CSV = """code,name,kind,parent_code,adults_16_plus,households
44,Quảng Trị,province,,,
19681,Xã Diên Sanh,commune,44,9020,2960
19681-01,Khóm 1,village,19681,840,270
19681-02,Khóm 2,village,19681,"910",296
"""


def run(tmp_path, text):
    path = tmp_path / "places.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_places", str(path), stdout=out)
    return out.getvalue()


def test_import_builds_the_tree(tmp_path):
    run(tmp_path, CSV)
    commune = Place.objects.get(code="19681")
    assert commune.get_parent().code == "44"
    assert {p.code for p in commune.get_children()} == {"19681-01", "19681-02"}
    assert Place.objects.get(code="19681-02").adults_16_plus == 910


def test_import_again_updates_figures_and_adds_nothing(tmp_path):
    run(tmp_path, CSV)
    out = run(tmp_path, CSV.replace("840,270", "850,275"))
    assert "created: 0, updated: 4" in out
    assert Place.objects.count() == 4
    assert Place.objects.get(code="19681-01").households == 275


@pytest.mark.parametrize(
    "bad_line",
    [
        "19681-03,Khóm 3,village,99999,1,1",  # unknown parent
        "19681-03,Khóm 3,hamlet,19681,1,1",  # unknown kind
        "19681-03,Khóm 3,commune,19681,1,1",  # a commune under a commune
        "19681-03,,village,19681,1,1",  # no name
        "19681-03,Khóm 3,village,19681,many,1",  # not a number
        "19681-01,Khóm 1 again,village,19681,1,1",  # duplicate code in the file
    ],
)
def test_one_bad_row_imports_nothing(tmp_path, bad_line):
    with translation.override("en"), pytest.raises(CommandError) as info:
        run(tmp_path, CSV + bad_line + "\n")
    assert "\nLine 6: " in str(info.value)
    assert not Place.objects.exists()


def test_missing_columns_are_reported(tmp_path):
    with translation.override("en"), pytest.raises(CommandError) as info:
        run(tmp_path, "code,name\n44,Quảng Trị\n")
    assert "Missing columns: kind, parent_code, adults_16_plus, households." in str(info.value)
    assert not Place.objects.exists()


def test_scope_is_one_query_for_a_whole_subtree(places, django_assert_num_queries):
    for key in ("a1", "a2", "b1"):
        LearnerFactory(village=places[key])
    with django_assert_num_queries(1):
        codes = set(
            Learner.objects.filter(
                village__in=Place.objects.within([places["commune_a"]])
            ).values_list("village__code", flat=True)
        )
    assert codes == {"19681-01", "19681-02"}
    assert Place.objects.within([places["province"]]).villages().count() == 4
    assert places["a1"].kind == PlaceKind.VILLAGE
