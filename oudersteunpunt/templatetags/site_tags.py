from html import unescape

from django import template
from django.template.base import NodeList
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.urls import get_urlconf, translate_url
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


@register.simple_tag(takes_context=True)
def share_tags(context):
    """The page's canonical address, Open Graph and Twitter card tags (``share_meta``, sharing.py).

    Written here rather than in base.html: twenty tags through the template engine cost more
    than the rest of the page's head. A page names its kind and its shared title with the
    blocks ``og_type`` and ``og_title`` (else "website" and its ``title`` block).
    """
    share = context.get("share_meta")
    if not share:
        return ""
    site = context.get("site_settings")
    image = share["image"]
    tags = [
        ("link", "canonical", share["url"]),
        ("og:type", block_text(context, "og_type") or "website"),
        ("og:title", block_text(context, "og_title") or block_text(context, "title")),
        ("og:description", block_text(context, "description")),
        ("og:url", share["url"]),
        ("og:site_name", (site and site.name) or gettext("Oudersteunpunt")),
        ("og:locale", share["locale"]),
        *(("og:locale:alternate", locale) for locale in share["alternate_locales"]),
        ("og:image", image["url"]),
    ]
    if image["width"]:
        tags += [("og:image:width", image["width"]), ("og:image:height", image["height"])]
    tags.append(("og:image:alt", image["alt"]))
    lines = [format_html('<link rel="canonical" href="{}">', tags[0][2])]
    lines += [format_html('<meta property="{}" content="{}">', name, value) for name, value in tags[1:]]
    lines.append(mark_safe('<meta name="twitter:card" content="summary_large_image">'))
    return mark_safe("\n  ".join(lines))


@register.filter
def jsonld(data):
    """Structured data (a dict) as a ``<script type="application/ld+json">`` element; nothing when empty."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_for_script(data)))
