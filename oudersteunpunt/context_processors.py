from django.urls import NoReverseMatch, reverse

from . import registry, sharing
from .models import SiteSettings


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def site(request):
    menu = [(entry, _url(entry.url_name)) for entry in registry.menu_entries]
    site_settings = SiteSettings.load()
    return {
        "site_settings": site_settings,
        # Open Graph, Twitter card and canonical address of this page (base.html).
        "share_meta": sharing.meta(request, site_settings),
        "part_menu": [
            {"label": entry.label, "url": url, "mark_current": entry.mark_current} for entry, url in menu if url
        ],
        "part_footer_links": [
            {"label": entry.label, "url": url} for entry in registry.footer_links if (url := _url(entry.url_name))
        ],
        # The parts' named addresses ("search", "contact"): a template checks one is there before linking.
        "part_links": {role: url for role, name in registry.links.items() if (url := _url(name))},
    }
