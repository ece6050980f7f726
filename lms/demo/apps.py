"""Demo and benchmark data, installed by the dev, test and bench settings only."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lms.demo"
    label = "puente_demo"
    verbose_name = "Puente demo data"
