from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.models import Place, PlaceKind
from lms.models.places import CHILD_KIND
from lms.text import clean_text

CSV_COLUMNS = ["code", "name", "kind", "parent_code", "adults_16_plus", "households"]
KIND_ORDER = [PlaceKind.PROVINCE, PlaceKind.COMMUNE, PlaceKind.VILLAGE]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def _figure(value: str, line: int, column: str, errors: list[str]) -> int | None:
    value = (value or "").strip().replace(".", "").replace(",", "")
    if not value:
        return None
    if not value.isdigit():
        errors.append(
            _("Line %(line)s: %(column)s must be a whole number.")
            % {"line": line, "column": column}
        )
        return None
    return int(value)


def _read_rows(text: str) -> tuple[list[dict], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return [], [_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]
    rows, errors, seen = [], [], set()
    for line, raw in enumerate(reader, start=2):
        code = (raw.get("code") or "").strip()
        name = clean_text(raw.get("name") or "")
        kind = (raw.get("kind") or "").strip().lower()
        parent_code = (raw.get("parent_code") or "").strip()
        if not code or not name:
            errors.append(_("Line %(line)s: code and name are required.") % {"line": line})
            continue
        if kind not in PlaceKind.values:
            errors.append(
                _("Line %(line)s: kind must be province, commune or village.") % {"line": line}
            )
            continue
        if code in seen:
            errors.append(
                _("Line %(line)s: code %(code)s appears twice.") % {"line": line, "code": code}
            )
            continue
        seen.add(code)
        rows.append(
            {
                "line": line,
                "code": code,
                "name": name,
                "kind": kind,
                "parent_code": parent_code,
                "adults_16_plus": _figure(
                    raw.get("adults_16_plus"), line, "adults_16_plus", errors
                ),
                "households": _figure(raw.get("households"), line, "households", errors),
            }
        )
    return rows, errors


@transaction.atomic
def places_import_csv(*, text: str) -> ImportResult:
    """Create or update places from CSV (columns in ``CSV_COLUMNS``).

    The whole file is validated and applied in one transaction: a single bad
    row changes nothing. Existing places (matched by code) get their name and
    figures updated; a place cannot move to another parent."""
    rows, errors = _read_rows(text)
    result = ImportResult()
    existing = {p.code: p for p in Place.objects.filter(code__in=[r["code"] for r in rows])}
    rows.sort(key=lambda r: KIND_ORDER.index(r["kind"]))
    for row in rows:
        line = row["line"]
        parent = None
        if row["parent_code"]:
            parent = (
                existing.get(row["parent_code"])
                or Place.objects.filter(code=row["parent_code"]).first()
            )
            if parent is None:
                errors.append(
                    _("Line %(line)s: no place has the parent code %(code)s.")
                    % {"line": line, "code": row["parent_code"]}
                )
                continue
        expected_kind = CHILD_KIND[parent.kind if parent else None]
        if row["kind"] != expected_kind:
            errors.append(
                _("Line %(line)s: a %(kind)s cannot sit there; expected a %(expected)s.")
                % {"line": line, "kind": row["kind"], "expected": expected_kind}
            )
            continue
        fields = {
            "name": row["name"],
            "adults_16_plus": row["adults_16_plus"],
            "households": row["households"],
        }
        place = existing.get(row["code"])
        if place is not None:
            current_parent = place.get_parent()
            if (current_parent.pk if current_parent else None) != (parent.pk if parent else None):
                errors.append(
                    _("Line %(line)s: place %(code)s already exists under another parent.")
                    % {"line": line, "code": row["code"]}
                )
                continue
            for key, value in fields.items():
                setattr(place, key, value)
            place.save()
            result.updated += 1
        else:
            node = Place(code=row["code"], kind=row["kind"], **fields)
            place = parent.add_child(instance=node) if parent else Place.add_root(instance=node)
            existing[place.code] = place
            result.created += 1
    if errors:
        raise ValidationError(errors)
    return result
