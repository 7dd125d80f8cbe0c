"""The admin start page's to-dos, from whatever parts are installed."""

from django import template

from oudersteunpunt import registry

register = template.Library()


@register.simple_tag
def admin_todos(request):
    return [todo for _order, provider in registry.admin_todo_providers for todo in provider(request)]
