"""A whole-page cache for anonymous visitors, with correct invalidation.

Most visitors are anonymous parents reading the same pages, so a rendered page
is stored (in Redis when there are several workers or servers) and served again
until public content changes.

Invalidation by version numbers ("tags"), so nothing has to be found and deleted:
each part registers the models whose changes show on public pages and the
addresses those pages live under (``registry.register_cache_dependency``). The
key of a page holds the versions of the parts it shows and of its own address;
saving or deleting a model bumps its part's version (or, for a model registered
as narrow, such as a sign-up, only the versions of the few addresses it changes).
So a sign-up renews that event's page, the agenda and the home page, and leaves
the cached answers to questions alone. The versions are read from the cache on
every request (one round trip for all of them), so a change made on one server
shows on every other server at once.

A page whose time is up is rebuilt by one worker while the others serve the
stale copy for a few more seconds (a short lock with ``cache.add``), so an
expired popular page does not send every worker to the database at once.

Pages with a form keep CSRF protection and the spam guard: while a cacheable
page is rendered the ``{% csrf_token %}`` value and the form's signed start time
are placeholders, replaced by the visitor's own token (and cookie) and a fresh
start time on every response, from the cache or not.
"""

import hashlib
import secrets
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token

from .cache import Memory
from .validators import request_has_control_characters

PLACEHOLDER = "osp-csrf-placeholder-6f1c"
START_PLACEHOLDER = "osp-started-placeholder-3b9e"
# True while a page that may be cached is rendered: the spam guard then writes
# START_PLACEHOLDER instead of a start time, so no two visitors share one.
rendering_for_cache = ContextVar("rendering_for_cache", default=False)
SKIP_PREFIXES = ("/beheer/", "/account/", "/en/beheer/", "/en/account/", "/health/", "/static/", "/media/")
CACHEABLE_TYPES = ("text/html", "text/calendar", "application/xml", "application/atom+xml", "text/plain")
STORED_HEADERS = ("Content-Type", "Content-Security-Policy", "Content-Language", "Vary", "Content-Disposition")
# Pages that show something of every part.
SHARED_PATHS = ("/", "/robots.txt")
SHARED_PREFIXES = ("/sitemap",)
# How long an expired page may still be served while one worker rebuilds it.
STALE_SECONDS = 10
# Pages this process served lately, under the same keys (which hold every version they depend on):
# a hit then needs no second round trip and no unpickling, only the versions from the shared cache.
served_here = Memory("osp-pages", {"OPTIONS": {"MAX_ENTRIES": 300, "CULL_FREQUENCY": 3}})


def neutral_path(path):
    """The address without its language prefix: /en/agenda/ and /agenda/ share their versions."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def tags_for(path):
    from . import registry

    path = neutral_path(path)
    shared = path in SHARED_PATHS or path.startswith(SHARED_PREFIXES)
    parts = {d.name for d in registry.cache_dependencies if shared or path.startswith(d.prefixes)}
    if not shared and parts <= {"site"}:
        # An address no part claims (a content page, a form) may show anything.
        parts = {d.name for d in registry.cache_dependencies}
    return [f"pagecache:part:{name}" for name in sorted(parts)] + [f"pagecache:path:{path}"]


def _fresh_version():
    # A random start, not 0 and not the clock (tests travel in time and stop it): a version lost
    # from the cache (evicted, or the cache emptied) never comes back to a number something was
    # kept under before, in the cache or in a process's own memory (oudersteunpunt/fragments.py).
    return secrets.randbits(56)


# The versions read during one request (PageCacheMiddleware): the first read fetches every part's
# version and the address's in one round trip, so the page cache, the site settings and each part's
# data (fragments.part_data) do not each ask Redis again. A bump in the request drops what it renews.
_read_in_request = ContextVar("pagecache_versions_read", default=None)


def _read(tags, also=()):
    """The versions of ``tags`` (a new one for each that has none yet), and of ``also`` those found."""
    found = cache.get_many([*tags, *also])
    for tag in tags:
        if tag not in found:
            value = _fresh_version()
            found[tag] = value if cache.add(tag, value, None) else cache.get(tag, value)
    return found


def versions(tags):
    known = _read_in_request.get()
    if known is None:
        found = _read(tags)
    else:
        missing = [tag for tag in tags if tag not in known]
        if missing:
            # Read along, never made: an address nobody keeps anything for gets no version in Redis.
            also = [tag for tag in known.first_tags() if tag not in missing] if not known else []
            known.update(_read(missing, also))
        found = known
    return ".".join(str(found[tag]) for tag in tags)


class _VersionsRead(dict):
    """What one request read, by tag; the first read takes every part's and the address's."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def first_tags(self):
        from . import registry

        parts = {d.name for d in registry.cache_dependencies}
        return [f"pagecache:part:{name}" for name in sorted(parts)] + [f"pagecache:path:{neutral_path(self.path)}"]


def bump(tags):
    known = _read_in_request.get()
    for tag in tags:
        if known is not None:
            known.pop(tag, None)
        # One round trip when the version exists (nearly always: a sign-up bumps three).
        try:
            cache.incr(tag)
            continue
        except ValueError:  # never set, or evicted
            pass
        if not cache.add(tag, _fresh_version(), None):
            try:
                cache.incr(tag)  # another worker added it just now
            except ValueError:  # and it was evicted again
                cache.set(tag, _fresh_version(), None)


def bump_version():
    """Renew every cached page (after demo content was bulk-created, which sends no signals)."""
    from . import registry

    bump([f"pagecache:part:{name}" for name in {d.name for d in registry.cache_dependencies}])


def bump_part(name):
    bump([f"pagecache:part:{name}"])


def bump_paths(paths):
    bump([f"pagecache:path:{neutral_path(path)}" for path in paths])


def invalidate_model(model, instance=None):
    """Renew the pages that show ``model``; for changes the signals do not see (``QuerySet.update``)."""
    from . import registry

    for dependency in registry.cache_dependencies:
        if model in dependency.narrow and instance is not None:
            bump_paths(dependency.narrow[model](instance))
        elif model in dependency.models:
            bump_part(dependency.name)


def _on_change(sender, instance=None, **kwargs):
    invalidate_model(sender, instance)
    # Again once the change is committed: another server may have rendered the page in between,
    # from data it could not see yet, and stored it under the new version.
    transaction.on_commit(lambda: invalidate_model(sender, instance))


def connect(dependency):
    for model in dependency.models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                lambda sender, model=model, **kwargs: invalidate_model(model),
                sender=through,
                weak=False,
                dispatch_uid=f"pagecache-m2m-{field}",
            )


def is_cacheable_request(request):
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    if request_has_control_characters(request):
        return False  # refused with 400 further in (ControlCharactersMiddleware); never a cache key
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
        reading = _read_in_request.set(_VersionsRead(request.path_info))
        try:
            return self._respond(request)
        finally:
            _read_in_request.reset(reading)

    def _respond(self, request):
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not is_cacheable_request(request):
            return self.get_response(request)
        request.page_cacheable = True
        # Host and scheme are part of the key: robots.txt and the sitemap contain absolute addresses.
        # Hashed, so a very long query string cannot make a very long key.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = f"pagecache:{versions(tags_for(request.path_info))}:{hashlib.sha256(address.encode()).hexdigest()}"
        entry = served_here.get(key)
        if entry is None or time.time() >= entry["fresh_until"]:
            entry = cache.get(key)  # another server or worker may have rebuilt it
            if entry is not None:
                served_here.set(key, entry, max(0, entry["fresh_until"] + STALE_SECONDS - time.time()))
        fresh = entry is not None and time.time() < entry["fresh_until"]
        # Expired: the worker that wins the lock rebuilds, the others serve the stale copy meanwhile.
        if fresh or (entry is not None and not cache.add(f"{key}:rebuild", 1, STALE_SECONDS)):
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit" if fresh else "stale"
            if entry["csrf"]:
                self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
            return self._personalise(request, response)
        marker = rendering_for_cache.set(True)
        try:
            response = self.get_response(request)
        finally:
            rendering_for_cache.reset(marker)
        if self._storable(response):
            entry = {
                "content": response.content,
                "headers": {h: response[h] for h in STORED_HEADERS if h in response},
                "csrf": PLACEHOLDER.encode() in response.content,
                "fresh_until": time.time() + settings.PAGE_CACHE_SECONDS,
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
            served_here.set(key, entry, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
            cache.delete(f"{key}:rebuild")
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
