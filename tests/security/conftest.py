"""Security tests run with the staff two-factor gate on, as every real deployment."""

import pytest


@pytest.fixture(autouse=True)
def _staff_mfa_required(settings):
    settings.PUENTE_STAFF_MFA_REQUIRED = True
