"""Running the lms migrations to a point and back, for the tests of a data
migration: build the old rows on the apps before it, migrate, read the new."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to ``targets`` and return the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def apps_before(targets):
    """For a fixture: the apps at ``targets``, and afterwards the database
    migrated forward to the latest migrations again."""
    yield migrate(targets)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
