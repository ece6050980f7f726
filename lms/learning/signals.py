"""Signals the learning room sends.

``course_completed`` is sent once per enrollment, after the transaction that
recorded the completion commits (``transaction.on_commit``), with the keyword
argument ``enrollment`` (an ``lms.models.Enrollment`` whose ``completed_at`` is
set). ``sender`` is the ``Enrollment`` class. certificates subscribes to it to
issue certificates; receivers run outside the completing transaction, so they
must be idempotent and commit their own work.
"""

from django.dispatch import Signal

course_completed = Signal()
