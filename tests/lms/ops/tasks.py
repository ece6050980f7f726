"""A test-only background task: the scale-out test queues it and a db_worker runs it."""

from django_tasks import task


@task()
def add_numbers(a: int, b: int) -> int:
    return a + b
