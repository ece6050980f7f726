"""Demo data of the lms side, loaded by ``manage.py load_demo_data``; every function
is idempotent.

This module: the demo accounts, one per role (development passwords listed in
README.md). The trainer and the program administrator get an authenticator app with
the fixed development secret ``DEMO_TOTP_SECRET``; ``manage.py demo_totp`` prints its
code. ``learners`` holds the fictional learners of the demo activity and what each
did; ``activity`` makes it happen through lms's services.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from lms.accounts.mfa import ensure_totp
from lms.accounts.roles import LEARNERS, PROGRAM_ADMINS, TRAINERS, sync_roles
from lms.models import User

# Development only (README.md): add it to an authenticator app, or run
# ``manage.py demo_totp``. load_demo_data refuses to run with production settings.
DEMO_TOTP_SECRET = "PUENTEDEMOTOTPDEVSECRETNOTFORPRD"  # noqa: S105
DEMO_TOTP_ROLES = (TRAINERS, PROGRAM_ADMINS)

DEMO_ACCOUNTS = [
    {
        "email": "learner@puente.test",
        "password": "learner-demo-2026",
        "full_name": "José Núñez Peña",
        "agency": "Policía Municipal de Tijuana",
        "agency_type": "police",
        "country": "MX",
        "state": "Baja California",
        "job_title": "Agente",
        "preferred_language": "es",
        "role": LEARNERS,
        "is_staff": False,
    },
    {
        "email": "trainer@puente.test",
        "password": "trainer-demo-2026",
        "full_name": "Dana Whitfield",
        "agency": "San Diego County Child Welfare Services",
        "agency_type": "child_protection",
        "country": "US",
        "state": "California",
        "job_title": "Training coordinator",
        "preferred_language": "en",
        "role": TRAINERS,
        "is_staff": False,
    },
    {
        "email": "admin@puente.test",
        "password": "admin-demo-2026",
        "full_name": "María Fernanda Solís",
        "agency": "Southern Border Training Program",
        "agency_type": "government",
        "country": "MX",
        "state": "Chihuahua",
        "job_title": "Program administrator",
        "preferred_language": "es",
        "role": PROGRAM_ADMINS,
        "is_staff": False,
    },
]


@transaction.atomic
def ensure_demo_accounts() -> list[User]:
    sync_roles()
    users = []
    for spec in DEMO_ACCOUNTS:
        spec = dict(spec)
        password, role = spec.pop("password"), spec.pop("role")
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User(**spec)
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        if role in DEMO_TOTP_ROLES:
            ensure_totp(user, DEMO_TOTP_SECRET)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        users.append(user)
    return users
