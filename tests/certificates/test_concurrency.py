"""Concurrent issuing, for real: threads with their own connections on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from certificates.models import Certificate, CertificateStatus
from certificates.services import issue_certificate
from tests.certificates.support import complete, make_learner

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"
    ),
]


def run_concurrently(targets) -> list:
    """Run each callable in its own thread, released together; results or errors."""
    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)

    def worker(index):
        try:
            barrier.wait(timeout=30)
            results[index] = targets[index]()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_concurrent_issuances_get_distinct_serials_and_codes(roles, course):
    enrollments = [complete(make_learner(roles), course) for _ in range(50)]
    results = run_concurrently(
        [lambda e=enrollment: issue_certificate(e) for enrollment in enrollments]
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    certificates = Certificate.objects.all()
    assert certificates.count() == 50
    assert len(set(certificates.values_list("serial", flat=True))) == 50
    assert len(set(certificates.values_list("code", flat=True))) == 50
    numbers = sorted(
        int(s.rsplit("-", 1)[1]) for s in certificates.values_list("serial", flat=True)
    )
    assert numbers == list(range(numbers[0], numbers[0] + 50))


def test_concurrent_issuances_for_one_learner_give_one_valid_certificate(roles, course):
    enrollments = [complete(make_learner(roles), course) for _ in range(5)]
    # Ten threads per learner, interleaved: 50 calls in all.
    targets = [
        (lambda e=enrollment: issue_certificate(e))
        for _round in range(10)
        for enrollment in enrollments
    ]
    results = run_concurrently(targets)
    assert [r for r in results if isinstance(r, Exception)] == []
    for enrollment in enrollments:
        valid = Certificate.objects.filter(
            user=enrollment.user,
            course=enrollment.course,
            status=CertificateStatus.VALID,
        )
        assert valid.count() == 1
    assert Certificate.objects.count() == 5
    assert len({r.pk for r in results}) == 5
