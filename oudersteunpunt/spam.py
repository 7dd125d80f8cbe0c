"""Protection of public forms without third-party captchas.

Three guards: a honeypot field that people never see, a signed start time so a
form sent faster than a person can type is refused, and a limit per address
per form that holds across workers when the cache is shared (Redis).

A public form gets all three with two lines, the mixin on the form and the
decorator on its view (a function view or a class-based view alike)::

    class StoryForm(GuardedFormMixin, forms.ModelForm): ...

    @rate_limited("stories")
    class StoryView(FormView):
        form_class = StoryForm

        def form_valid(self, form):
            story_create(**form.answers())  # the typed data, without the guards and consent
            ...

The start time is made per response, also for a page served from the page cache
(``pagecache`` fills it in like the CSRF token), and carries a random part, so
each one is unique and is accepted once: a replayed form is refused.
"""

import hashlib
import ipaddress
import math
import secrets
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import ConsentField
from .pagecache import START_PLACEHOLDER, rendering_for_cache

SIGNER_SALT = "oudersteunpunt.spam.started"
START_MAX_AGE = 86400
PURGE_SECONDS = 600

# The rate limit of the POST being handled, set by @rate_limited and read by the guarded form.
current_rate_limit = ContextVar("current_rate_limit", default=None)


def start_token():
    """A signed, unique start time for one form shown to one visitor."""
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(f"{int(time.time())}-{secrets.token_hex(6)}")


def start_token_spend(token) -> bool:
    """Accept a start time once; False when it was used before.

    Kept in the database, not the cache: it must hold across workers and also
    while the cache is down. Rows older than a start time can live are removed.
    """
    from .models import SpentFormStart

    now = timezone.now()
    # Old rows are cleared now and then (once in PURGE_SECONDS across the workers sharing the cache),
    # not on every form sent: one write less while parents sign up in a rush.
    if cache.add("spam:spent-purge", 1, PURGE_SECONDS):
        SpentFormStart.objects.filter(spent_at__lt=now - timedelta(seconds=START_MAX_AGE)).delete()
    try:
        with transaction.atomic():
            SpentFormStart.objects.create(digest=hashlib.sha256(token.encode()).hexdigest(), spent_at=now)
    except IntegrityError:
        return False
    return True


class StartTimeField(forms.CharField):
    """Validates the posted start time, but a re-shown form gets a fresh one."""

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial


class GuardedFormMixin(forms.Form):
    """The honeypot and the start time; in a ``@rate_limited`` view, the limit's message too."""

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = StartTimeField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["started"] = START_PLACEHOLDER if rendering_for_cache.get() else start_token()
        self.fields["website"].widget.attrs["class"] = "visually-hidden-field"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Je bericht kon niet worden verstuurd. Probeer het nog eens."), code="honeypot"
            )
        token = cleaned.get("started") or ""
        try:
            started = int(
                signing.TimestampSigner(salt=SIGNER_SALT).unsign(token, max_age=START_MAX_AGE).partition("-")[0]
            )
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(
                _("Het formulier was verlopen. Kijk je gegevens na en verstuur het nog een keer."), code="expired"
            ) from None
        if time.time() - started < settings.OSP_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("Dat ging erg snel. Kijk je gegevens na en verstuur het nog een keer."), code="too_fast"
            )
        # Spent only by a form that is otherwise complete: a parent who fixes a typo
        # gets a fresh start time with the form shown again anyway.
        if not self.errors and not start_token_spend(token):
            raise forms.ValidationError(
                _("Dit formulier is al verstuurd. Wil je nog iets sturen? Verstuur het dan nog een keer."),
                code="replayed",
            )
        return cleaned

    def answers(self):
        """What the visitor filled in, to pass to a service as keyword arguments.

        The cleaned data without the guards and the consent tick box: a service
        stores the consent itself, as it only runs once consent is given.
        """
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("website", "started") and not isinstance(self.fields[name], ConsentField)
        }

    def full_clean(self):
        super().full_clean()
        # Last, so the limit's message comes after any other; the fields keep what was typed.
        limit = current_rate_limit.get()
        if self.is_bound and limit is not None and (message := limit.check()):
            self.add_error(None, message)


def parse_rate(rate):
    count, _sep, period = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[-1]] * int(period[:-1] or 1)
    return int(count), seconds


def client_address(request):
    """The address of the visitor's device, as far as the site can trust it.

    Each of the ``TRUSTED_PROXY_COUNT`` proxies in front of the site appends the
    address it got the request from to ``X-Forwarded-For``; everything to the
    left of those entries was written by the visitor and is ignored. Without
    trusted proxies the header is ignored altogether. Rate limits, the vote
    counter and allauth's limits (``accounts.AccountAdapter``) all use this.
    """
    address = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return address
    hops = [hop.strip() for hop in forwarded.split(",")]
    candidate = hops[-min(count, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not written by a proxy of ours
        return address


def is_rate_limited(request, scope, rate=None):
    """Count one attempt for this address and scope; True once over the limit.

    With Redis the count is shared by all workers; while Redis is down the
    cache (oudersteunpunt.cache) counts in this process alone and says so in the log.
    """
    limit, period = parse_rate(rate or settings.OSP_FORM_RATE_LIMIT)
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    try:
        count = cache.incr(key)  # one round trip once this window has a counter
    except ValueError:  # the first attempt in this window
        if cache.add(key, 1, period):
            count = 1
        else:  # another worker started the counter just now
            try:
                count = cache.incr(key)
            except ValueError:  # and it expired in between
                cache.set(key, 1, period)
                count = 1
    return count > limit


@dataclass
class RateLimit:
    """One POST's place in the count of its address and scope; counted once, when its form is checked."""

    request: object
    scope: str
    rate: str | None = None
    message: str | None = None
    counted: bool = False

    def check(self):
        """Count this POST (once); over the limit, the message for above the form."""
        if self.counted:
            return self.message
        self.counted = True
        if not is_rate_limited(self.request, self.scope, self.rate):
            return None
        _limit, period = parse_rate(self.rate or settings.OSP_FORM_RATE_LIMIT)
        minutes = max(1, math.ceil((period - time.time() % period) / 60))
        self.message = ngettext(
            "Er zijn vanaf jouw verbinding kort na elkaar veel berichten verstuurd. "
            "Over %(minutes)d minuut kun je dit formulier weer versturen; wat je hebt ingevuld, staat er nog.",
            "Er zijn vanaf jouw verbinding kort na elkaar veel berichten verstuurd. "
            "Over %(minutes)d minuten kun je dit formulier weer versturen; wat je hebt ingevuld, staat er nog.",
            minutes,
        ) % {"minutes": minutes}
        return self.message


def rate_limited(scope, rate=None):
    """Limit the posts of a view's public form per visitor's address (``OSP_FORM_RATE_LIMIT`` by default).

    Put it on a function view or on a class-based view (its ``dispatch``); the
    form must use ``GuardedFormMixin``. Each POST counts once, when the form is
    checked (``is_valid()``); a POST that shows no form (an event that is over)
    does not count. Over the limit the view runs as usual, but the form is
    invalid with a message above it that says when it can be sent again, what
    was typed stays, nothing is stored and the page answers 429. ``scope``
    names the counter: views that share one share the limit.
    """

    def decorator(view):
        if isinstance(view, type):
            return method_decorator(decorator, name="dispatch")(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            limit = RateLimit(request=request, scope=scope, rate=rate)
            marker = current_rate_limit.set(limit)
            try:
                response = view(request, *args, **kwargs)
            finally:
                current_rate_limit.reset(marker)
            if limit.message and response.status_code == 200:
                response.status_code = 429
            return response

        return wrapper

    return decorator
