"""Learners use the catalogue's target groups (the ``courses.TargetGroup``
snippet) instead of a duplicate ``lms.TargetGroup`` table.

Every learner keeps their groups: each old group is matched to a course group
by slug, then by name (both are unique there), and created with the same
name, slug, description and order when neither matches. The migration can be
reversed: the old table is recreated from the course groups learners belong to.
"""

from django.db import migrations, models


def _after_copy(schema_editor):
    # PostgreSQL checks the new rows' foreign keys at commit; check them now so
    # the tables can be altered later in this same transaction.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _matching(model, group, slug_length):
    """The row of ``model`` standing for ``group``: same slug, else same name,
    else a new one with the same name, slug, description and order."""
    slug = group.slug[:slug_length]
    found = model.objects.filter(slug=slug).first() or model.objects.filter(name=group.name).first()
    if found is None:
        found = model.objects.create(
            name=group.name,
            slug=slug,
            description=group.description[: model._meta.get_field("description").max_length],
            sort_order=group.sort_order,
        )
    return found


def _copy(apps, source_field, target_field, target_model, slug_length):
    Learner = apps.get_model("lms", "Learner")
    source = getattr(Learner, source_field).through
    target = getattr(Learner, target_field).through
    source_fk = Learner._meta.get_field(source_field).m2m_reverse_field_name()
    target_fk = Learner._meta.get_field(target_field).m2m_reverse_field_name()
    matched = {}
    rows = []
    for row in source.objects.select_related(source_fk).iterator():
        group = getattr(row, source_fk)
        if group.pk not in matched:
            matched[group.pk] = _matching(target_model, group, slug_length).pk
        rows.append(target(learner_id=row.learner_id, **{f"{target_fk}_id": matched[group.pk]}))
    target.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def forwards(apps, schema_editor):
    _copy(apps, "target_groups", "course_target_groups", apps.get_model("courses", "TargetGroup"), 120)
    _after_copy(schema_editor)


def backwards(apps, schema_editor):
    _copy(apps, "course_target_groups", "target_groups", apps.get_model("lms", "TargetGroup"), 60)
    _after_copy(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_course_pages_and_national_catalogue"),
        ("lms", "0008_quarterly_reports_and_reminders"),
    ]

    operations = [
        migrations.AddField(
            model_name="learner",
            name="course_target_groups",
            field=models.ManyToManyField(
                blank=True,
                related_name="learners",
                to="courses.targetgroup",
                verbose_name="target groups",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="learner", name="target_groups"),
        migrations.DeleteModel(name="TargetGroup"),
        migrations.RenameField(
            model_name="learner", old_name="course_target_groups", new_name="target_groups"
        ),
    ]
