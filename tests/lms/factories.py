import time

import factory
from django.contrib.auth import get_user_model

from lms.models import DigitalIdChange, Grant, Learner, Place, PlaceKind, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.django.Password("Mat-khau-dai-2026")


def make_place(code: str, name: str, kind: str, parent: Place | None = None, **figures) -> Place:
    existing = Place.objects.filter(code=code).first()
    if existing:
        return existing
    node = Place(code=code, name=name, kind=kind, **figures)
    return parent.add_child(instance=node) if parent else Place.add_root(instance=node)


def place_tree():
    """Two communes of one province, two villages each."""
    province = make_place("44", "Quảng Trị", PlaceKind.PROVINCE)
    commune_a = make_place("19681", "Xã Diên Sanh", PlaceKind.COMMUNE, province)
    commune_b = make_place("19700", "Xã Hải Lăng", PlaceKind.COMMUNE, province)
    return {
        "province": province,
        "commune_a": commune_a,
        "commune_b": commune_b,
        "a1": make_place("19681-01", "Khóm 1", PlaceKind.VILLAGE, commune_a),
        "a2": make_place("19681-02", "Khóm 2", PlaceKind.VILLAGE, commune_a),
        "b1": make_place("19700-01", "Thôn Một", PlaceKind.VILLAGE, commune_b),
        "b2": make_place("19700-02", "Thôn Hai", PlaceKind.VILLAGE, commune_b),
    }


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn An{n}")
    year_of_birth = 1970

    @factory.post_generation
    def digital_id_history(obj, create, extracted, **kwargs):
        """A learner made with a digital identity has it in its history too,
        from its confirmation or its registration (as migration 0015 opened
        it), so past and current figures agree."""
        if create and obj.digital_id_status != "none":
            DigitalIdChange.objects.create(
                learner=obj,
                status=obj.digital_id_status,
                confirmed=obj.digital_id_confirmed_at is not None,
                changed_by=obj.digital_id_confirmed_by,
                valid_from=obj.digital_id_confirmed_at or obj.created_at,
                village_id=obj.village_id,
                year_of_birth=obj.year_of_birth,
                target_group_mask=obj.target_group_mask,
            )


def staff(role: str, place: Place, username: str | None = None, *, with_totp: bool = True):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(username=username or f"{role}-{place.code}")
    Grant.objects.get_or_create(user=user, role=role, place=place, revoked_at=None)
    if with_totp:
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


__all__ = ["Role"]


def totp_code(secret: str) -> str:
    """The authenticator app's code for ``secret`` now: the current time step,
    not the earliest one the server still accepts (that one expires when the
    step turns over before the code is checked)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
