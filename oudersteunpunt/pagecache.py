"""A whole-page cache for anonymous visitors, with correct invalidation.

Most visitors are anonymous parents reading the same pages, so a rendered page
is stored (in Redis when there are several workers) and served again until
public content changes. Each part registers the models whose changes show on
public pages (``registry.register_public_models``); saving or deleting one of
them bumps a version number that is part of every key, so all cached pages are
replaced at once. A short lifetime covers what changes with time alone (an
event that has started).

Pages with a form keep CSRF protection and the spam guard: while a cacheable
page is rendered the ``{% csrf_token %}`` value and the form's signed start time
are placeholders, replaced by the visitor's own token (and cookie) and a fresh
start time on every response, from the cache or not.
"""

import hashlib
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token

VERSION_KEY = "pagecache:version"
PLACEHOLDER = "osp-csrf-placeholder-6f1c"
START_PLACEHOLDER = "osp-started-placeholder-3b9e"
# True while a page that may be cached is rendered: the spam guard then writes
# START_PLACEHOLDER instead of a start time, so no two visitors share one.
rendering_for_cache = ContextVar("rendering_for_cache", default=False)
SKIP_PREFIXES = ("/beheer/", "/account/", "/en/beheer/", "/en/account/", "/health/", "/static/", "/media/")
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/xml", "text/plain")
STORED_HEADERS = ("Content-Type", "Content-Security-Policy", "Content-Language", "Vary", "Content-Disposition")


# Each worker remembers the version for a second: one cache round trip fewer per
# page. A change made in another worker shows here at most a second later.
VERSION_MEMO_SECONDS = 1.0
_memo = {"version": None, "until": 0.0}


def content_version():
    now = time.monotonic()
    if _memo["version"] is not None and now < _memo["until"]:
        return _memo["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    _memo.update(version=version, until=now + VERSION_MEMO_SECONDS)
    return version


def bump_version(**kwargs):
    _memo["version"] = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def connect(models):
    for model in models:
        post_save.connect(bump_version, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(bump_version, sender=field.remote_field.through, dispatch_uid=f"pagecache-m2m-{field}")


def is_cacheable_request(request):
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    return not path.startswith(SKIP_PREFIXES) and "/mijn/" not in path and "/afmelden/" not in path


def csrf_token_context(request):
    """Context processor: a placeholder token on pages that may be cached."""
    if getattr(request, "page_cacheable", False):
        return {"csrf_token": PLACEHOLDER}
    return {}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not is_cacheable_request(request):
            return self.get_response(request)
        request.page_cacheable = True
        # Host and scheme are part of the key: robots.txt and the sitemap contain absolute addresses.
        # Hashed, so a very long query string cannot make a very long key.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = f"pagecache:{content_version()}:{hashlib.sha256(address.encode()).hexdigest()}"
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            if entry["csrf"]:
                self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
            return self._personalise(request, response)
        marker = rendering_for_cache.set(True)
        try:
            response = self.get_response(request)
        finally:
            rendering_for_cache.reset(marker)
        if self._storable(response):
            cache.set(
                key,
                {
                    "content": response.content,
                    "headers": {h: response[h] for h in STORED_HEADERS if h in response},
                    "csrf": PLACEHOLDER.encode() in response.content,
                },
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return self._personalise(request, response)

    @staticmethod
    def _storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
            and "private" not in response.get("Cache-Control", "")
        )

    def _personalise(self, request, response):
        if response.streaming:
            return response
        from .spam import start_token

        content = response.content
        if START_PLACEHOLDER.encode() in content:
            content = content.replace(START_PLACEHOLDER.encode(), start_token().encode())
        has_csrf = PLACEHOLDER.encode() in content
        if has_csrf:
            content = content.replace(PLACEHOLDER.encode(), get_token(request).encode())
        response.content = content
        # CommonMiddleware (inside) measured the page with its placeholders, and a page
        # from the cache has no length yet: a wrong length makes browsers cut the page.
        response["Content-Length"] = str(len(content))
        if has_csrf:
            # get_token marked the cookie for sending; the CSRF middleware sets it.
            return self.csrf.process_response(request, response)
        return response
