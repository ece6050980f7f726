"""URLs of interview practice, included under each language's /learn/ in lms.urls."""

from django.urls import path

from lms import converters  # noqa: F401  (registers <pk:...>)
from lms.practice import views

urlpatterns = [
    path(
        "practices/<pk:practice_id>/rounds/",
        views.start_practice_round,
        name="lms_start_practice_round",
    ),
    path(
        "practice-rounds/<pk:round_id>/",
        views.practice_round,
        name="lms_practice_round",
    ),
    path(
        "practice-rounds/<pk:round_id>/moves/",
        views.practice_move,
        name="lms_practice_move",
    ),
    path(
        "practice-rounds/<pk:round_id>/debrief/",
        views.practice_debrief,
        name="lms_practice_debrief",
    ),
]
