from html import unescape

from django import template
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.urls import get_urlconf, translate_url
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from oudersteunpunt import fragments
from oudersteunpunt.sharing import json_for_script

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page's address in another language (``/vragen/`` <-> ``/en/vragen/``)."""
    # Resolving the address and reversing it in the other language: once per address in each process.
    address = context["request"].get_full_path()
    key = f"url-in-language:{fragments.key(address, language, get_urlconf())}"
    found = fragments.store.get(key)
    if found is None:
        found = translate_url(address, language)
        fragments.store.set(key, found)
    return found


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """A block of this page once more, as plain text: ``og:title`` repeats the ``title`` block.

    Django shows a block only once; this renders the page's own version of it
    (or the base's) again, the way ``{% block %}`` itself does.
    """
    if context.render_context.get(BLOCK_CONTEXT_KEY) is None:
        return ""
    html = BlockNode(name, NodeList()).render(context)
    return " ".join(unescape(strip_tags(html)).split())


@register.filter
def jsonld(data):
    """Structured data (a dict) as a ``<script type="application/ld+json">`` element; nothing when empty."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data)))
