from django.db import migrations, models


def fill_masks(apps, schema_editor):
    """Every learner's mask from their target groups, then the tallies' copy:
    two set-based statements (only learners with a group and tallies of such
    learners change; the rest keep the default 0)."""
    quote = schema_editor.connection.ops.quote_name
    learner = quote(apps.get_model("lms", "Learner")._meta.db_table)
    tally = quote(apps.get_model("lms", "LearnerTally")._meta.db_table)
    link = quote(apps.get_model("lms", "Learner").target_groups.through._meta.db_table)
    group = quote(apps.get_model("courses", "TargetGroup")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        # Shifted in bigint: on PostgreSQL ``1 << 40`` in integer wraps around.
        cursor.execute(
            f"UPDATE {learner} SET target_group_mask = s.mask "  # noqa: S608
            "FROM (SELECT k.learner_id, SUM(CAST(1 AS BIGINT) << g.bit) AS mask "
            f"FROM {link} k JOIN {group} g ON g.id = k.targetgroup_id "
            "GROUP BY k.learner_id) s "
            f"WHERE {learner}.id = s.learner_id"
        )
        cursor.execute(
            f"UPDATE {tally} SET target_group_mask = l.target_group_mask "  # noqa: S608
            f"FROM {learner} l WHERE l.id = {tally}.learner_id AND l.target_group_mask <> 0"
        )
        if schema_editor.connection.vendor == "postgresql":
            # Every row was just rewritten: fresh planner statistics, as after
            # any bulk load (autovacuum would in time).
            cursor.execute(f"ANALYZE {learner}")
            cursor.execute(f"ANALYZE {tally}")


class Migration(migrations.Migration):

    dependencies = [
        ("courses", "0002_target_group_bits"),
        ("lms", "0011_learner_digital_skills"),
    ]

    operations = [
        migrations.AddField(
            model_name="learner",
            name="target_group_mask",
            field=models.BigIntegerField(
                default=0, editable=False, verbose_name="target groups (bits)"
            ),
        ),
        migrations.AddField(
            model_name="learnertally",
            name="target_group_mask",
            field=models.BigIntegerField(default=0, verbose_name="target groups (bits)"),
        ),
        migrations.RunPython(fill_masks, migrations.RunPython.noop, elidable=True),
    ]
