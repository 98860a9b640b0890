"""Report tables on the staff pages."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def report_cells(row, texts) -> SafeString:
    """A report row's cells: the first as the row's header (a link when the
    row has one, e.g. to the learner), the others as data cells, escaped.

    Written in Python rather than with a template loop: a class of 40
    learners × 40 lessons has some 1,800 cells, and looping over them in the
    template language took most of the page's time."""
    if not texts:
        return mark_safe("")
    first, *rest = texts
    if row.url:
        head = format_html('<a href="{}">{}</a>', row.url, first)
    else:
        head = conditional_escape(first)
    cells = "".join(f"<td>{conditional_escape(text)}</td>" for text in rest)
    return mark_safe(f'<th scope="row">{head}</th>{cells}')  # noqa: S308 - every part escaped above
