"""Session fixtures for the slow operations tests: one migrated template database and
one collectstatic run, shared by the scale-out and backup tests (migrating PostgreSQL
costs a minute or more here)."""

import pytest

from tests.lms.ops.support import (
    SCALEOUT_REDIS_DB,
    manage,
    production_env,
    scratch_database,
)


@pytest.fixture(scope="session")
def migrated_template():
    """Name of a migrated PostgreSQL database to copy with CREATE DATABASE TEMPLATE."""
    with scratch_database("puente_ops_template") as name:
        env = production_env(name, SCALEOUT_REDIS_DB)
        manage("migrate", "--noinput", env=env, timeout=600)
        manage("update_translation_fields", env=env)
        yield name


@pytest.fixture(scope="session")
def static_root(tmp_path_factory, migrated_template):
    root = tmp_path_factory.mktemp("static")
    env = production_env(migrated_template, SCALEOUT_REDIS_DB)
    manage("collectstatic", "--noinput", env={**env, "DJANGO_STATIC_ROOT": str(root)})
    return root
