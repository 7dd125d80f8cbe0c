"""The language of parts (WCAG 3.1.2): what volunteers write exists only in Dutch.

On the English site an element that holds such text gets ``lang="nl"``, so a screen
reader reads it with a Dutch voice. Use it on the element itself:
``<h1{% lang_nl %}>{{ question.title }}</h1>``.
"""

from django import template
from django.forms import ModelChoiceField
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = "nl"


@register.simple_tag
def lang_nl():
    if (get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE:
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')


@register.filter
def has_content_choices(bound_field):
    """True when a field's choices come from the database (themes, places, phases): Dutch only."""
    return isinstance(getattr(bound_field, "field", None), ModelChoiceField)
