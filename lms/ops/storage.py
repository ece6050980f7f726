"""Media storages whose refused writes become ``MediaUnavailable``.

A full or read-only disk raises ``OSError``, a bucket that refuses a write raises
botocore's errors; either would be a bare 500. Raised from ``save()``, before the
model's row is inserted (Django stores a file field's file first), so the upload
leaves no row behind; ``lms.ops.unavailable`` tells the person in their language.
``STORAGES["default"]`` in lms/settings/production.py.
"""

from __future__ import annotations

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

from lms.ops.errors import MediaUnavailable

S3_ERRORS = (Boto3Error, BotoCoreError, ClientError, OSError)


class GuardedFileSystemStorage(FileSystemStorage):
    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except OSError as error:
            raise MediaUnavailable() from error


class GuardedS3Storage(S3Storage):
    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except S3_ERRORS as error:
            raise MediaUnavailable() from error
