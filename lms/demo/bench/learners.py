"""Bench learners: names, agencies and verified addresses drawn from the seed, with
one known password. Called by ``lms.demo.bench.seed``; ``bench_email`` also by
scripts/bench/measure.py (it signs in as learner 1)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.accounts.roles import LEARNERS
from lms.models import User

EMAIL_DOMAIN = "bench.puente.test"
# Every bench learner signs in with this password (throw-away bench databases only).
BENCH_PASSWORD = "bench-learner-2026"  # noqa: S105
# A fixed "now" keeps dates (and so everything derived from them) reproducible.
EPOCH = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(0))

GIVEN = [
    "José", "María", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Miguel", "Sofía",
    "Daniel", "Emily", "James", "Sarah", "Michael", "Jessica", "David", "Ashley",
    "Rosa", "Héctor", "Ximena", "Raúl", "Guadalupe", "Kevin", "Brianna",
]  # fmt: skip
FAMILY = [
    "Núñez", "García", "Hernández", "López", "Martínez", "Peña", "Ramírez", "Solís",
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Ortiz",
    "Castañeda", "Ibáñez", "Wilson", "Moore", "Taylor", "Anderson", "Vázquez",
]  # fmt: skip
AGENCIES = [
    ("Policía Municipal de Tijuana", "police", "MX", "Baja California"),
    ("Fiscalía General del Estado de Chihuahua", "prosecutor", "MX", "Chihuahua"),
    ("DIF Sonora", "child_protection", "MX", "Sonora"),
    ("San Diego Police Department", "police", "US", "California"),
    ("El Paso County Sheriff's Office", "police", "US", "Texas"),
    ("Arizona Department of Child Safety", "child_protection", "US", "Arizona"),
    ("Homeland Security Investigations", "government", "US", "Texas"),
    ("Casa de Refugio Esperanza", "advocate", "MX", "Nuevo León"),
]


def bench_email(index: int) -> str:
    return f"learner-{index:05d}@{EMAIL_DOMAIN}"


def build_learners(count: int, rng: random.Random) -> list[User]:
    password = make_password(BENCH_PASSWORD, salt="benchsalt")
    users = []
    for index in range(1, count + 1):
        agency, kind, country, state = rng.choice(AGENCIES)
        name = " ".join([rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(FAMILY)])
        users.append(
            User(
                email=bench_email(index),
                full_name=name,
                agency=agency,
                agency_type=kind,
                country=country,
                state=state,
                job_title="Agente" if country == "MX" else "Officer",
                preferred_language="es" if country == "MX" else "en",
                password=password,
                date_joined=EPOCH - timedelta(days=rng.randint(30, 400)),
            )
        )
    User.objects.bulk_create(users, batch_size=1000)
    users = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("email")
    )
    group = Group.objects.get(name=LEARNERS)
    through = User.groups.through
    through.objects.bulk_create(
        [through(user_id=u.pk, group_id=group.pk) for u in users], batch_size=1000
    )
    # allauth's mandatory verification: bench learners have verified addresses.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        batch_size=1000,
    )
    return users
