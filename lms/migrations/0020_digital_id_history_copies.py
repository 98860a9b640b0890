import django.db.models.deletion
from django.db import migrations, models


def copy_from_learners(apps, schema_editor):
    """Each history row gets its learner's village, year of birth and target
    groups, in one statement (a province has a million rows)."""
    Learner = apps.get_model("lms", "Learner")
    Change = apps.get_model("lms", "DigitalIdChange")
    quote = schema_editor.connection.ops.quote_name
    history, learner = quote(Change._meta.db_table), quote(Learner._meta.db_table)
    schema_editor.execute(
        f"UPDATE {history} SET village_id = l.village_id, year_of_birth = l.year_of_birth, "
        f"target_group_mask = l.target_group_mask FROM {learner} l "
        f"WHERE l.id = {history}.learner_id"
    )
    if schema_editor.connection.vendor == "postgresql":
        # The new foreign key is checked at commit by default: check it now,
        # so the column can be made NOT NULL in the same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0019_digital_id_history"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="digitalidchange",
            name="lms_digital_id_as_of",
        ),
        migrations.AddField(
            model_name="digitalidchange",
            name="village",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="lms.place",
                verbose_name="village",
            ),
        ),
        migrations.AddField(
            model_name="digitalidchange",
            name="year_of_birth",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="year of birth"
            ),
        ),
        migrations.AddField(
            model_name="digitalidchange",
            name="target_group_mask",
            field=models.BigIntegerField(default=0, verbose_name="target groups (bits)"),
        ),
        migrations.RunPython(copy_from_learners, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="digitalidchange",
            name="village",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="lms.place",
                verbose_name="village",
            ),
        ),
        migrations.AddIndex(
            model_name="digitalidchange",
            index=models.Index(
                fields=["valid_from", "valid_to"],
                include=("status", "confirmed", "village", "year_of_birth", "target_group_mask"),
                name="lms_digital_id_as_of",
            ),
        ),
    ]
