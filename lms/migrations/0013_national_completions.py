from collections import Counter

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Min
from django.utils import timezone

CHUNK = 5000


def _spans(at):
    """All time, the local quarter and the local month (``lms.models.tallies``)."""
    local = timezone.localtime(at)
    return (0, local.year * 10 + (local.month - 1) // 3 + 1, local.year * 100 + local.month)


def fill_completions(apps, schema_editor):
    """The national courses already completed, from the verified certificates
    in the event log (the earliest per learner and course), added to the
    learners' tallies as courses completed. The digital-family summary is
    marked unbuilt: reports count from the tables and queue its rebuild, now
    with the national courses' skill areas."""
    Event = apps.get_model("lms", "LearningEvent")
    Completion = apps.get_model("lms", "NationalCompletion")
    Learner = apps.get_model("lms", "Learner")
    Tally = apps.get_model("lms", "LearnerTally")
    apps.get_model("lms", "SummaryState").objects.filter(name="digital_families").delete()
    first = (
        Event.objects.filter(
            verb="certificate_verified", learner__isnull=False, national_course__isnull=False
        )
        .order_by()
        .values_list("learner_id", "national_course_id")
        .annotate(at=Min("occurred_at"))
    )
    counts = Counter()
    batch = []
    for learner_id, course_id, at in first.iterator(chunk_size=CHUNK):
        batch.append(Completion(learner_id=learner_id, course_id=course_id, completed_at=at))
        for span in _spans(at):
            counts[(learner_id, span)] += 1
        if len(batch) == CHUNK:
            Completion.objects.bulk_create(batch)
            batch = []
    Completion.objects.bulk_create(batch)
    if not counts:
        return
    learner_ids = sorted({learner_id for learner_id, _span in counts})
    learners = {}
    for start in range(0, len(learner_ids), CHUNK):
        learners.update(
            (pk, (village_id, mask))
            for pk, village_id, mask in Learner.objects.filter(
                pk__in=learner_ids[start : start + CHUNK]
            ).values_list("pk", "village_id", "target_group_mask")
        )
    quote = schema_editor.connection.ops.quote_name
    table = quote(Tally._meta.db_table)
    params = [
        [learner_id, *learners[learner_id], span, n]
        for (learner_id, span), n in sorted(counts.items())
    ]
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} "  # noqa: S608 - the table name is ours
            "(learner_id, village_id, target_group_mask, span, active, "
            "lessons_completed, courses_completed) VALUES (%s, %s, %s, %s, TRUE, 0, %s) "
            f"ON CONFLICT (learner_id, span) DO UPDATE SET "
            f"courses_completed = {table}.courses_completed + excluded.courses_completed",
            params,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0002_target_group_bits"),
        ("lms", "0012_target_group_masks"),
    ]

    operations = [
        migrations.CreateModel(
            name="NationalCompletion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("completed_at", models.DateTimeField(verbose_name="completed at")),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.nationalcourse",
                        verbose_name="national course",
                    ),
                ),
                (
                    "learner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="national_completions",
                        to="lms.learner",
                        verbose_name="learner",
                    ),
                ),
            ],
            options={
                "verbose_name": "national course completion",
                "verbose_name_plural": "national course completions",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("learner", "course"), name="lms_national_completion_once"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_completions, migrations.RunPython.noop, elidable=True),
    ]
