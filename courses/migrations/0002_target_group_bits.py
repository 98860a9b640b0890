from django.db import migrations, models


def assign_bits(apps, schema_editor):
    """The existing groups take bits 0, 1, 2... in the order they were created."""
    groups = list(apps.get_model("courses", "TargetGroup").objects.order_by("pk"))
    if len(groups) > 63:
        raise RuntimeError("At most 63 target groups: delete some before migrating.")
    for bit, group in enumerate(groups):
        group.bit = bit
        group.save(update_fields=["bit"])


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0001_course_pages_and_national_catalogue"),
        # That migration creates target groups without bits.
        ("lms", "0009_learners_use_course_target_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="targetgroup",
            name="bit",
            field=models.PositiveSmallIntegerField(editable=False, null=True, verbose_name="bit"),
        ),
        migrations.RunPython(assign_bits, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="targetgroup",
            name="bit",
            field=models.PositiveSmallIntegerField(editable=False, unique=True, verbose_name="bit"),
        ),
        migrations.AddConstraint(
            model_name="targetgroup",
            constraint=models.CheckConstraint(
                condition=models.Q(("bit__lt", 63)), name="courses_target_group_bit_fits"
            ),
        ),
    ]
