from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from . import registry, sharing
from .models import SiteSettings

# The menu and the parts' links per language (and URL configuration): the same on every request.
_links = {}


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _menu_and_links():
    key = (get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    key += (len(registry.menu_entries), len(registry.links), len(registry.footer_links))
    found = _links.get(key)
    if found is None:
        menu = [(entry, _url(entry.url_name)) for entry in registry.menu_entries]
        found = _links[key] = (
            # Names these links: pieces of pages that show them are kept under it.
            repr(key),
            [{"label": entry.label, "url": url, "mark_current": entry.mark_current} for entry, url in menu if url],
            # The parts' named addresses ("search", "contact"): a template checks one is there before linking.
            {role: url for role, name in registry.links.items() if (url := _url(name))},
            [{"label": entry.label, "url": url} for entry in registry.footer_links if (url := _url(entry.url_name))],
        )
    return found


def site(request):
    links_key, menu, links, footer_links = _menu_and_links()
    site_settings, site_key = SiteSettings.read()
    return {
        "site_settings": site_settings,
        # The header and footer are kept under these (base.html): renewed with the settings or links.
        "site_key": site_key,
        "part_links_key": links_key,
        # Open Graph, Twitter card and canonical address of this page (base.html).
        "share_meta": sharing.meta(request, site_settings),
        "part_menu": menu,
        "part_links": links,
        "part_footer_links": footer_links,
    }
