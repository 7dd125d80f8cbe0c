from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django.views.static import serve

from . import registry
from .models import Page


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = [
            {"template": block.template, **block.get_context(self.request)} for block in registry.home_blocks
        ]
        return context


def page_detail(request, slug):
    pages = Page.objects.all() if request.user.has_perm("oudersteunpunt.view_page") else Page.objects.published()
    page = get_object_or_404(pages, slug=slug)
    return render(request, "pages/page_detail.html", {"page": page})


@require_GET
def media(request, path):
    """Uploaded files (page images), read from MEDIA_ROOT at request time."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@require_GET
def health(request):
    """For the load balancer: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /account/",
        "Disallow: /agenda/afmelden/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
