"""Report charts and wording staff can read: bar labels on their own line, whole or
shortened at a word (the full text in the bar's <title> and the data table), values
that always fit, a narrow drawing for phones beside the wide one, each with a title
and a description; the count under a report names its rows ("3 courses", not "3
enrollments"); the grouping and the learner report's course/cohort choice are on
the page, not only behind the filters' icon. In English and Spanish."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from lms.models import Cohort, CohortMember, Enrollment
from lms.reports.charts import CHAR_WIDTH, bar_chart, column_chart, fit_label
from tests.builders import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_AGENCY = (
    "Procuraduría de Protección de Niñas, Niños y Adolescentes de Baja California"
)
AGENCIES = ["Policía Municipal de Tijuana", LONG_AGENCY, "Chula Vista PD"]


def test_a_long_label_is_shortened_at_a_word_and_kept_whole_elsewhere():
    assert (
        fit_label("Policía Municipal de Tijuana", 300) == "Policía Municipal de Tijuana"
    )
    short = fit_label(LONG_AGENCY, 300)
    assert short.endswith("…") and len(short) * CHAR_WIDTH <= 300
    assert LONG_AGENCY.startswith(short[:-1])
    # Cut between words (a comma left behind goes too), never inside one.
    assert LONG_AGENCY[len(short) - 1] in " ,"


@pytest.mark.parametrize("shown", ["100 % (20 of 20)", "72 % (18 of 25)", "5 %"])
def test_values_and_labels_fit_both_drawings(shown):
    items = [
        (label, value, shown)
        for label, value in zip(AGENCIES, (100, 72, 5), strict=True)
    ]
    chart = bar_chart("Completion rate", items, description="d", key="k")
    assert [layout.name for layout in chart.layouts] == ["wide", "narrow"]
    for layout in chart.layouts:
        for bar in layout.bars:
            assert bar.value_x + len(bar.display) * CHAR_WIDTH <= layout.width, bar
            assert len(bar.short_label) * CHAR_WIDTH <= layout.width
            assert bar.label_y < bar.y  # the label's own line, above its bar
    wide, narrow = chart.layouts
    assert wide.bars[0].width > narrow.bars[0].width  # the largest value is longest
    assert narrow.bars[1].short_label != LONG_AGENCY


def test_column_labels_at_the_edges_are_not_cut_off():
    items = [(f"Month {n}", f"Sep 202{n % 10}", n, str(n)) for n in range(24)]
    for layout in column_chart("t", "d", items, key="k").layouts:
        for column in layout.columns:
            if not column.short_label:
                continue
            half = len(column.short_label) * 7 / 2
            left = {"start": column.label_x, "end": column.label_x - 2 * half}.get(
                column.label_anchor, column.label_x - half
            )
            assert left >= 0 and left + 2 * half <= layout.width + 1, column


@pytest.fixture
def admin_client(client, program_admin):
    client.force_login(program_admin)
    return client


def in_language(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return client


@pytest.fixture
def three_courses(home_page):
    courses = [
        make_course(home_page, modules=1, lessons_per_module=1, quiz=False).course
        for _ in range(3)
    ]
    cohort = Cohort.objects.create(name="Tijuana 2026")
    cohort.courses.set(courses[:1])
    for index, agency in enumerate(AGENCIES):
        person = UserFactory(agency=agency, country="MX")
        CohortMember.objects.create(cohort=cohort, user=person)
        for course in courses:
            Enrollment.objects.create(
                user=person,
                course=course,
                completed_at=timezone.now() if index else None,
            )
    return courses, cohort


def figure(html, title):
    start = html.index(f"<h3>{title}</h3>")
    return html[start : html.index("</figure>", start)]


def test_the_agency_chart_writes_whole_names_with_a_title_and_description(
    admin_client, three_courses
):
    html = admin_client.get(reverse("puente_reports:enrollments")).content.decode()
    chart = figure(html, "Completion rate by agency (10 largest)")
    assert chart.count("<svg") == 2
    assert 'class="puente-chart__svg puente-chart__svg--wide"' in chart
    assert 'aria-labelledby="rate-by-agency-title rate-by-agency-desc"' in chart
    assert (
        'aria-labelledby="rate-by-agency-narrow-title rate-by-agency-narrow-desc"'
        in (chart)
    )
    assert '<desc id="rate-by-agency-desc">Share of the enrollments' in chart
    wide = chart[: chart.index("puente-chart__svg--narrow")]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", wide)
    assert "Policía Municipal de Tijuana" in texts  # not "olicía Municipal de…"
    assert LONG_AGENCY in texts  # fits the wide line
    assert "100 % (3 of 3)" in texts and "0 % (0 of 3)" in texts
    assert f"<title>{LONG_AGENCY}: 100 % (3 of 3)</title>" in wide
    assert f'<th scope="row">{LONG_AGENCY}</th><td>100 % (3 of 3)</td>' in chart


@pytest.mark.parametrize(
    ("language", "group", "count", "heading"),
    [
        ("en", "course", "3 courses", "Course"),
        ("en", "agency", "3 agencies", "Agency"),
        ("en", "country", "1 country", "Country"),
        ("es", "course", "3 cursos", "Curso"),
        ("es", "agency", "3 instituciones", "Institución"),
    ],
)
def test_the_count_names_the_rows(
    admin_client, program_admin, three_courses, language, group, count, heading
):
    in_language(admin_client, program_admin, language)
    html = admin_client.get(
        reverse("puente_reports:enrollments"), {"group": group}
    ).content.decode()
    footer = html[html.index('class="pagination__end"') :]
    assert count in footer[: footer.index("</div>")]
    assert "enrollments</div>" not in html.replace("\n", "").replace(" ", "")
    assert f'<th scope="col">{heading}</th>' in html
    nav = html[html.index('class="puente-choices"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.count("<a ") == 4
    assert re.search(rf'group={group}[^"]*" aria-current="true"', nav)


def test_final_scores_and_cohort_progress_count_their_rows(admin_client, three_courses):
    _courses, cohort = three_courses
    scores = admin_client.get(reverse("puente_reports:scores")).content.decode()
    assert re.search(r'pagination__end">\s*3 courses', scores)
    progress = admin_client.get(
        reverse("cohorts_admin:progress", args=[cohort.pk])
    ).content.decode()
    assert re.search(r'pagination__end">\s*3 learners', progress)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Choose a course", "Choose a cohort", "Show the learners")),
        ("es", ("Elija un curso", "Elija un grupo", "Mostrar los participantes")),
    ],
)
def test_the_learner_report_offers_its_choice_on_the_page(
    admin_client, program_admin, three_courses, language, words
):
    courses, cohort = three_courses
    in_language(admin_client, program_admin, language)
    html = admin_client.get(reverse("puente_reports:learners")).content.decode()
    form = html[html.index('class="puente-picker"') :]
    form = form[: form.index("</form>")]
    assert '<select name="course"' in form and '<select name="cohort"' in form
    assert 'id="choose-course"' in form and 'id="choose-cohort"' in form
    for word in words:
        assert word in form
    assert f'value="{cohort.pk}"' in form
    chosen = admin_client.get(
        reverse("puente_reports:learners"), {"course": courses[0].pk}
    ).content.decode()
    assert 'class="puente-picker"' not in chosen
    expected = {
        "en": "3 learners in this course",
        "es": "3 participantes en este curso",
    }
    assert expected[language] in chosen
    assert 'class="puente-table-scroll" tabindex="0" role="region"' in chosen


def test_stacked_tables_name_each_cell_and_escape_what_they_write():
    from lms.reports.templatetags.report_tags import stacked_labels

    css = stacked_labels("t", "Agencia", ['Curso "A" }</style><b>'])
    assert css.startswith("<style>@media (max-width: 40rem)")
    assert '#t td:nth-of-type(1)::before{content:"Agencia: "}' in css
    second = css.split("nth-of-type(2)::before")[1]
    assert "</style><b>" not in second and '"A"' not in second
    assert css.count("</style>") == 1


def test_report_tables_stack_on_a_phone_with_their_column_names(
    admin_client, three_courses
):
    html = admin_client.get(reverse("puente_reports:enrollments")).content.decode()
    assert '<table class="listing puente-stack" id="enrollments-table">' in html
    assert 'td:nth-of-type(3)::before{content:"Completion rate: "}' in html
    _courses, cohort = three_courses
    progress = admin_client.get(
        reverse("cohorts_admin:progress", args=[cohort.pk])
    ).content.decode()
    title = cohort.courses.get().title
    assert f'td:nth-of-type(3)::before{{content:"{title}: "}}' in progress
