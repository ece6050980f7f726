"""``{% stacked_labels "table-id" _("Heading") ... %}``: the names of a report table's
data columns, written before each cell when the table is stacked on a phone
(``.puente-stack`` in static/css/back_office.css). The labels live in a small style
element rather than on the cells, so the cells stay plain ``<td>value</td>``.
Arguments may be strings or lists of strings (the courses of a cohort).
"""

from django import template
from django.utils.html import format_html, mark_safe

register = template.Library()


def css_string(text: str) -> str:
    """``text`` as a CSS string body: every character but letters, digits and
    spaces written as a hex escape, so no text can end the string or the rule."""
    return "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):x} " for char in text
    )


@register.simple_tag
def stacked_labels(table_id: str, *headings) -> str:
    labels: list[str] = []
    for heading in headings:
        if isinstance(heading, list | tuple):
            labels += [str(item) for item in heading]
        else:
            labels.append(str(heading))
    rules = "".join(
        f"#{css_string(table_id)} td:nth-of-type({index})::before"
        f'{{content:"{css_string(label)}: "}}'
        for index, label in enumerate(labels, start=1)
    )
    # Safe: css_string leaves only letters, digits and spaces unescaped.
    safe_rules = mark_safe(rules)  # noqa: S308
    return format_html("<style>@media (max-width: 40rem) {{ {} }}</style>", safe_rules)
