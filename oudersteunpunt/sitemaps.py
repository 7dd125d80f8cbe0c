"""The sitemap: an index of sections, each section in pages, written without the template engine.

A section is a Django ``Sitemap``. Sections with many rows (questions, events)
subclass ``RowSitemap``: one query of plain values per page (no model
instances), ``reverse()`` once per page instead of once per address, and one
aggregate query (count and latest change) for the index. The views below write
the XML as plain strings: a thousand addresses through a template loop cost
more than the query that found them.

Costs, so they stay bounded: the index runs one query per section with rows
(and the queries of the list sections' ``lists()``), whatever the amount of
content; a section page runs one query and holds at most
``ITEMS_PER_SITEMAP_PAGE`` addresses (``tests/perf/test_sitemaps.py``).
"""

import datetime
import math
import re
from operator import itemgetter
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.db.models import CharField, Count, Max
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date

from . import registry
from .fragments import part_data
from .models import Page

# Each sitemap page stays small enough to build in a few milliseconds (about 2 microseconds an address
# on top of the request itself); the index lists the pages.
ITEMS_PER_SITEMAP_PAGE = 500

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SAFE_VALUE = re.compile(r"[-a-zA-Z0-9_]+\Z").match
UNSAFE_CHAR = re.compile(r"[^-a-zA-Z0-9_\x00]")
SLOT = "osp-sitemap-slot-{}"
# How long the counts behind the index and the list pages are kept (see ``_content_cached``).
SUMMARY_SECONDS = 60


def xml_escape(text):
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class StaticSitemap(Sitemap):
    i18n = False

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class ListSitemap(Sitemap):
    """The list pages of a part, each page of a paginated list included.

    ``lists()`` returns ``(url name, kwargs, number of items, items per page)``
    for every list (the last two 0 for a page without pages); a part's
    sitemaps.py subclasses this.
    """

    def lists(self):
        return []

    def items(self):
        addresses = []
        for name, kwargs, count, per_page in self.lists():
            url = reverse(name, kwargs=kwargs)
            addresses.append(url)
            pages = math.ceil(count / per_page) if per_page else 1
            addresses += [f"{url}?pagina={number}" for number in range(2, pages + 1)]
        return addresses

    def location(self, item):
        return item


class RowSitemap(Sitemap):
    """A section of many addresses of one model, read as plain values.

    ``url_name`` is the address's URL name and ``url_fields`` maps each of its
    keyword arguments to the field that holds it (``{"slug": "slug"}``);
    ``queryset()`` says which rows are in the sitemap. ``lastmod_field`` is the
    field with the last change, or None.
    """

    limit = ITEMS_PER_SITEMAP_PAGE
    url_name = ""
    url_fields: dict = {}
    lastmod_field = "updated_at"

    def queryset(self):
        raise NotImplementedError

    # Django's Sitemap interface, so Django's own sitemap views would work too.

    def items(self):
        fields = [*self.url_fields.values(), *([self.lastmod_field] if self.lastmod_field else [])]
        # By primary key: a stable order for the pages, and no joins for the model's default ordering.
        return self.queryset().order_by("pk").values_list(*fields)

    def location(self, row):
        return self.pattern() % tuple(
            value if SAFE_VALUE(value) else quote(value, safe="") for value in row[: len(self.url_fields)]
        )

    def lastmod(self, row):
        return row[-1] if self.lastmod_field else None

    def get_latest_lastmod(self):
        return self.summary()[1]

    # What the views below use.

    def pattern(self):
        """The address with ``%s`` for each keyword argument: one ``reverse()`` for a whole page."""
        if not hasattr(self, "_pattern"):
            slots = {name: SLOT.format(i) for i, name in enumerate(self.url_fields)}
            url = reverse(self.url_name, kwargs=slots).replace("%", "%%")
            for slot in slots.values():
                url = url.replace(slot, "%s", 1)
            self._pattern = url
        return self._pattern

    def summary(self):
        """(number of addresses, latest change) in one query, for the index."""
        if not hasattr(self, "_summary"):
            aggregates = {"count": Count("pk")}
            if self.lastmod_field:
                aggregates["latest"] = Max(self.lastmod_field)
            found = self.queryset().order_by().aggregate(**aggregates)
            self._summary = (found["count"], found.get("latest"))
        return self._summary

    def rows(self, page):
        """One page as tuples: the URL's values, then the last change as text (``YYYY-MM-DD hh:mm:ss``, UTC).

        As text because turning a thousand values into datetimes and back into dates costs more
        than the query; both databases store UTC, so the first ten characters are the UTC date.
        """
        start = (page - 1) * self.limit
        queryset = self.queryset().order_by("pk")
        fields = list(self.url_fields.values())
        if self.lastmod_field:
            queryset = queryset.annotate(sitemap_lastmod=Cast(self.lastmod_field, CharField()))
            fields.append("sitemap_lastmod")
        return list(queryset.values_list(*fields)[start : start + self.limit])


class PageSitemap(RowSitemap):
    url_name = "page"
    url_fields = {"slug": "slug"}

    def queryset(self):
        return Page.objects.published()


# --- the views ---------------------------------------------------------------------------------


def _base(request):
    # As Django's sitemap views without the sites framework: the address this request came in on.
    return f"{request.scheme}://{request.get_host()}"


def _section(sitemaps, name):
    if name not in sitemaps:
        raise Http404(f"No sitemap section {name!r}")
    site = sitemaps[name]
    return site() if callable(site) else site


def _content_cached(name, compute):
    """``compute()``, kept for ``SUMMARY_SECONDS`` or until any public content changes.

    For what needs counting (the index, the list pages): the same versions as the page cache
    (every part's, as for any sitemap address), so saving a question or an event renews it at
    once on every server, and a sign-up (which changes no address in the sitemap) does not.
    The short time covers what changes by itself: an event that ends leaves the agenda.
    """
    from .pagecache import tags_for, versions

    key = f"sitemap:{name}:{versions(tags_for('/sitemap.xml'))}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SUMMARY_SECONDS)
    return value


def _summary(site):
    """(number of pages, latest change) of a section."""
    if isinstance(site, RowSitemap):
        count, latest = site.summary()
    else:
        count, latest = site.paginator.count, site.get_latest_lastmod()
    return max(1, math.ceil(count / site.limit)), latest


def _row_lines(site, page, base):
    """The ``<url>`` lines of one page of a ``RowSitemap``, and its newest change as text (or None).

    Written in a few list comprehensions, not a loop with a branch per address: a page holds
    hundreds of addresses and each microsecond per address shows in the page's time.
    """
    rows = site.rows(page)
    if not rows and page > 1:
        raise Http404("No such sitemap page")
    n = len(site.url_fields)
    pattern = base.replace("%", "%%") + xml_escape(site.pattern())
    values = list(map(itemgetter(*range(n)), rows))  # a value, or a tuple of values when n > 1
    try:
        unsafe = bool(UNSAFE_CHAR.search("\x00".join(values if n == 1 else map("\x00".join, values))))
    except TypeError:  # not text (a number): quoted below like anything that is not a slug
        unsafe = True
    if unsafe:
        values = [
            quote(str(value), safe="") if n == 1 else tuple(quote(str(part), safe="") for part in value)
            for value in values
        ]
    if not site.lastmod_field:
        return [f"<url><loc>{pattern % value}</loc></url>\n" for value in values], None
    stamps = [row[n] or "" for row in rows]
    lines = [
        f"<url><loc>{pattern % value}</loc><lastmod>{stamp[:10]}</lastmod></url>\n"
        if stamp
        else f"<url><loc>{pattern % value}</loc></url>\n"
        for value, stamp in zip(values, stamps, strict=True)
    ]
    return lines, (max(stamps) if stamps and all(stamps) else None)


def _other_entries(site, page):
    """The same for any other Django sitemap (the list pages): few addresses, kept a short while."""
    paginator = site.paginator
    if page > paginator.num_pages:
        raise Http404("No such sitemap page")
    entries = []
    for item in paginator.page(page).object_list:
        lastmod = site.lastmod(item) if hasattr(site, "lastmod") else None
        if isinstance(lastmod, datetime.datetime):
            lastmod = lastmod.astimezone(datetime.UTC) if timezone.is_aware(lastmod) else lastmod
            stamp = lastmod.strftime("%Y-%m-%d %H:%M:%S")
        else:
            stamp = lastmod.isoformat() if lastmod else ""
        entries.append((xml_escape(site.location(item)), stamp[:10], stamp))
    return entries


def _page_number(request):
    value = request.GET.get("p", "1")
    if not value.isdigit() or int(value) < 1:
        raise Http404("No such sitemap page")
    return int(value)


def _response(body, latest):
    response = HttpResponse(body, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if latest is not None:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response


def index(request, sitemaps, sitemap_url_name):
    # The addresses in the site's own language, whatever the crawler's Accept-Language says:
    # the page cache keeps one copy per address.
    with translation.override(settings.LANGUAGE_CODE):
        return _index(request, sitemaps, sitemap_url_name)


def section(request, sitemaps, section):
    with translation.override(settings.LANGUAGE_CODE):
        return _section_page(request, sitemaps, section)


def _index(request, sitemaps, sitemap_url_name):
    base = _base(request)

    def summaries():
        return [(name, *_summary(_section(sitemaps, name))) for name in sitemaps]

    parts, latest_all, all_dated = [], None, True
    for name, pages, latest in _content_cached("index", summaries):
        location = base + reverse(sitemap_url_name, kwargs={"section": name})
        lastmod = f"<lastmod>{timezone.localtime(latest).isoformat()}</lastmod>" if latest else ""
        for page in range(1, pages + 1):
            address = location if page == 1 else f"{location}?p={page}"
            parts.append(f"<sitemap><loc>{xml_escape(address)}</loc>{lastmod}</sitemap>\n")
        if latest is None:
            all_dated = False
        elif latest_all is None or latest > latest_all:
            latest_all = latest
    body = f'{XML_HEAD}<sitemapindex xmlns="{NAMESPACE}">\n{"".join(parts)}</sitemapindex>\n'
    return _response(body, latest_all if all_dated else None)


def _section_page(request, sitemaps, section):
    site = _section(sitemaps, section)
    page = _page_number(request)
    base = xml_escape(_base(request))
    if isinstance(site, RowSitemap):
        # Read and written once per version of the content in each process (every part's, as for
        # every sitemap address): a crawler walking the pages costs one query per page and change.
        parts = sorted({dependency.name for dependency in registry.cache_dependencies})
        lines, latest = part_data(
            parts, f"sitemap:{section}:{page}:{base}", lambda: _row_lines(site, page, base), SUMMARY_SECONDS
        )
    else:
        entries = _content_cached(f"{section}:{page}", lambda: _other_entries(site, page))
        lines = [
            f"<url><loc>{base}{location}</loc><lastmod>{day}</lastmod></url>\n"
            if day
            else f"<url><loc>{base}{location}</loc></url>\n"
            for location, day, _stamp in entries
        ]
        stamps = [stamp for _location, _day, stamp in entries]
        latest = max(stamps) if stamps and all(stamps) else None
    body = f'{XML_HEAD}<urlset xmlns="{NAMESPACE}">\n{"".join(lines)}</urlset>\n'
    if latest:
        # The newest change on the page, for Last-Modified (UTC, to the second).
        latest = datetime.datetime.fromisoformat(latest[:19]).replace(tzinfo=datetime.UTC)
    return _response(body, latest)
