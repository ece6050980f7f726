"""URLs of the learner's actions, included under each language prefix in lms.urls."""

from django.urls import path

from lms import converters  # noqa: F401  (registers <pk:...>)
from lms.learning import views

urlpatterns = [
    path("courses/<pk:course_id>/enroll/", views.enroll, name="lms_enroll"),
    path("courses/<pk:course_id>/leave/", views.leave, name="lms_leave"),
    path("courses/<pk:course_id>/renew/", views.renew, name="lms_renew"),
    path(
        "courses/<pk:course_id>/content-note/",
        views.acknowledge_note,
        name="lms_acknowledge_note",
    ),
    path(
        "lessons/<pk:lesson_id>/complete/",
        views.lesson_complete,
        name="lms_lesson_complete",
    ),
    path("pages/<pk:page_id>/break/", views.take_a_break, name="lms_take_a_break"),
    path("break/", views.taking_a_break, name="lms_break"),
    path(
        "quizzes/<pk:quiz_id>/attempts/",
        views.start_quiz_attempt,
        name="lms_start_attempt",
    ),
    path("attempts/<pk:attempt_id>/", views.attempt_detail, name="lms_attempt"),
    path(
        "attempts/<pk:attempt_id>/submit/",
        views.submit_quiz,
        name="lms_submit_attempt",
    ),
    path(
        "attempts/<pk:attempt_id>/pause/",
        views.pause_attempt,
        name="lms_pause_attempt",
    ),
    path(
        "attempts/<pk:attempt_id>/result/",
        views.attempt_result,
        name="lms_attempt_result",
    ),
]
