import sys
import time
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django.views.static import serve

from . import privacy, registry
from .models import Page, SiteSettings


def organisation_jsonld(request):
    """schema.org data about who runs the site, for search engines; from the site settings."""
    site = SiteSettings.load()
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site.name,
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(site.logo.url if site.logo else static("img/logo.svg")),
    }
    if site.partnership_name:
        data["parentOrganization"] = {"@type": "Organization", "name": site.partnership_name}
    if site.address:
        data["address"] = ", ".join(site.address_lines())
    if site.phone:
        data["telephone"] = site.phone
    if site.email:
        data["email"] = site.email
    if site.municipality_list():
        data["areaServed"] = site.municipality_list()
    return data


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Called by the template only when the piece is not kept yet (home.html).
        context["organisation_jsonld"] = partial(organisation_jsonld, self.request)
        context["blocks"] = [
            {"template": block.template, **block.get_context(self.request)} for block in registry.home_blocks
        ]
        context["cards"] = [template for _order, template in registry.home_cards]
        return context


def page_detail(request, slug):
    pages = Page.objects.all() if request.user.has_perm("oudersteunpunt.view_page") else Page.objects.published()
    page = get_object_or_404(pages, slug=slug)
    context = {"page": page}
    if slug == "privacy":
        context["data_facts"] = privacy.all_facts()
    elif slug == "toegankelijkheid":
        context["response_days"] = settings.OSP_RESPONSE_TARGET_WORKING_DAYS
    # A page may add a part the site writes itself (privacy, accessibility) to the admin's text.
    return render(request, [f"pages/{slug}.html", "pages/page_detail.html"], context)


@require_GET
def media(request, path):
    """Uploaded files (page images), read from MEDIA_ROOT at request time."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@require_GET
@never_cache
def health(request):
    """For the load balancer: 503 when a form cannot be stored, "degraded" when only the cache is down.

    Without the cache the site still serves (slower) and stores forms, so the
    load balancer must keep sending visitors; without the database it must not.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "down", "database": "down"}, status=503)
    if not cache_reachable():
        return JsonResponse({"status": "degraded", "cache": "down"})
    return JsonResponse({"status": "ok"})


# Private addresses of the core; the parts add theirs through the registry.
ROBOTS_DISALLOW = ["beheer/", "account/"]


def noindex(view):
    """Pages behind a private link (a token in the address): never in a search engine."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def cache_reachable():
    reachable = getattr(cache, "reachable", None)  # Redis answers for itself, not for its stand-in
    if reachable is not None:
        return reachable()
    key = f"health:{time.time_ns()}"
    cache.set(key, "ok", 10)
    return cache.get(key) == "ok"


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    # Every language has its own prefix (none for Dutch, /en/ for English).
    prefixes = ["/" if code == settings.LANGUAGE_CODE else f"/{code}/" for code, _name in settings.LANGUAGES]
    paths = [*ROBOTS_DISALLOW, *registry.robots_disallow]
    lines = ["User-agent: *", *(f"Disallow: {prefix}{path}" for prefix in prefixes for path in paths)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """A database outage gets a calm 503; any other failure the 500 page.

    Both are rendered without context processors (they read the database) and
    say, after a form was sent, that it was not stored and how to reach us.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    context = {"after_post": request.method == "POST", "phone": phone_number()}
    response = HttpResponse(
        loader.get_template("503.html" if unavailable else "500.html").render(context),
        status=503 if unavailable else 500,
    )
    if unavailable:
        response["Retry-After"] = "60"
    return response


def phone_number():
    # The site settings come from the cache or the database; either may be what failed.
    try:
        return SiteSettings.load().phone
    except Exception:  # the error page must render whatever went wrong
        return ""
