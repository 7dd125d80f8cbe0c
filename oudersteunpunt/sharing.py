"""What a shared link and a search engine read about a page.

Every page built on base.html gets Open Graph and Twitter card tags and its
canonical address from ``meta(request, site)`` (through the context processor)
and from the page's own ``title`` and ``description`` blocks. A page sets
``og_type`` to "article" where it is one piece of content (a question, an
event).

Structured data (schema.org JSON-LD) is built by a part's view as plain dicts
and written with ``{{ data|jsonld }}``: inside ``<script
type="application/ld+json">`` with the escapes of Django's ``json_script``, so
no text can end the element. A browser never runs such a script, so the
content security policy does not need to allow it (it has no nonce).
"""

import json
from html import unescape

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

DEFAULT_IMAGE = "img/delen.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
# The only query parameter that makes a page of its own: a later page of a list (the sitemap lists them).
PAGE_PARAMETER = "pagina"
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# About what a search engine shows under a title.
SUMMARY_WORDS = 30
# Like django.utils.html.json_script.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data):
    """``data`` as JSON that cannot close the ``<script>`` element it stands in."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)


def plain_text(html):
    """Rich text as one line of plain text (for a description or structured data)."""
    return " ".join(unescape(strip_tags(html)).split())


def summary(html):
    """The first words of rich text: a page's description."""
    return summary_of_text(plain_text(html))


def summary_of_text(text):
    return Truncator(text).words(SUMMARY_WORDS)


def canonical_url(request):
    """The page's own absolute address, with its language prefix and without tracking or search words."""
    query = ""
    number = request.GET.get(PAGE_PARAMETER, "")
    if number.isdecimal() and int(number) > 1:
        query = f"?{PAGE_PARAMETER}={int(number)}"
    return request.build_absolute_uri(request.path + query)


def image(request, site):
    """The picture of a shared link: the one from the site settings, or the site's own default."""
    if site.share_image:
        return {
            "url": request.build_absolute_uri(site.share_image.url),
            "alt": site.share_image_alt,
            "width": site.share_image_width,
            "height": site.share_image_height,
        }
    width, height = DEFAULT_IMAGE_SIZE
    return {
        "url": request.build_absolute_uri(static(DEFAULT_IMAGE)),
        "alt": gettext("Twee getekende mensen naast elkaar, in warme kleuren."),
        "width": width,
        "height": height,
    }


def meta(request, site):
    language = (get_language() or "nl").split("-")[0]
    return {
        "url": canonical_url(request),
        "locale": LOCALES.get(language, LOCALES["nl"]),
        "alternate_locales": [locale for code, locale in LOCALES.items() if code != language],
        "image": image(request, site),
    }


def organization(request, site):
    """The organisation behind the site, as the organizer of an event or the publisher of a page."""
    return {"@type": "Organization", "name": site.name, "url": request.build_absolute_uri("/")}


def breadcrumb_list(request, items):
    """``items``: (name, path) from the home page down to the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": str(name), "item": request.build_absolute_uri(path)}
            for number, (name, path) in enumerate(items, 1)
        ],
    }
