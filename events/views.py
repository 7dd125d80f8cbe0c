import datetime
import time
from urllib.parse import urlencode

from django.core import signing
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import FormView, TemplateView

from oudersteunpunt.fragments import part_data, read
from oudersteunpunt.sharing import summary
from oudersteunpunt.spam import rate_limited
from oudersteunpunt.views import noindex

from .forms import SignupForm, SubscriptionForm
from .ical import event_calendar
from .jsonld import event_jsonld
from .models import SUBSCRIPTION_CONFIRM_DAYS, Event, EventType, Signup, Subscription, counted
from .services import (
    signup_cancel,
    signup_create,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)

AGENDA_SECONDS = 30
# The thank-you page's address carries what it shows, signed: the same for everyone with the same
# event and outcome (no time in it), so it tells nothing about who signed up or whether twice.
THANKS_SALT = "events.signup-thanks"
EVENTS_PER_PAGE = 10  # each card costs about a millisecond to render; a parent scans ten easily
PAST_EVENTS_SHOWN = 5
TYPE_NEXT_DATES = 5  # a type page shows what is coming, not the whole year
# The feed: what is coming (at most this many) and what was on lately, so a calendar keeps recent history.
FEED_PAST = datetime.timedelta(days=30)
FEED_MAX_EVENTS = 50
# At most this long in a process while Redis is down (each process then counts its own versions).
FEED_CACHE_SECONDS = 120


def page_number(request):
    """The ``?pagina=`` number; anything else is a 404, so odd addresses fill no cache."""
    try:
        return int(request.GET.get("pagina", 1))
    except ValueError:
        raise Http404 from None


def page_of_read(items, number, count):
    """A page for the pagination links, of items read (and kept) before."""
    return Page(items, number, Paginator(range(count), EVENTS_PER_PAGE))


def event_list(request):
    number = page_number(request)
    # Read once per version of the agenda (an event or type saved, a sign-up) and at least every
    # AGENDA_SECONDS, so an event that has ended moves to "geweest" on time.
    moment = int(time.time() // AGENDA_SECONDS)
    data = read(["agenda"], f"agenda:{number}:{moment}", lambda: agenda_page(number), paths=[request.path])
    count, upcoming, past, types = data.value
    page = page_of_read(upcoming, number, count)
    return render(
        request,
        "events/event_list.html",
        {"page_obj": page, "upcoming": upcoming, "past": past, "types": types, "data_key": data.key},
    )


def agenda_page(number):
    now = timezone.now()
    # Paged without the sign-up totals (a join over every sign-up); only the events shown are counted.
    paginator = Paginator(Event.objects.published().upcoming(now).select_related("type"), EVENTS_PER_PAGE)
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404 from error
    # Without the sign-up totals: a past event shows no places left.
    past = list(Event.objects.published().past(now).select_related("type")[:PAST_EVENTS_SHOWN]) if number == 1 else []
    return paginator.count, counted(page.object_list), past, list(EventType.objects.all())


def event_type_detail(request, slug):
    event_type = get_object_or_404(EventType, slug=slug)
    upcoming = Event.objects.published().filter(type=event_type, cancelled_at__isnull=True).upcoming()
    upcoming = counted(upcoming.select_related("type")[:TYPE_NEXT_DATES])
    return render(request, "events/event_type_detail.html", {"event_type": event_type, "upcoming": upcoming})


def event_archive(request):
    number = page_number(request)
    moment = int(time.time() // AGENDA_SECONDS)
    data = read(["agenda"], f"archive:{number}:{moment}", lambda: archive_page(number))
    count, past = data.value
    page = page_of_read(past, number, count)
    return render(request, "events/event_archive.html", {"page_obj": page, "past": past, "data_key": data.key})


def archive_page(number):
    paginator = Paginator(Event.objects.published().past().select_related("type"), EVENTS_PER_PAGE)
    try:
        return paginator.count, list(paginator.page(number).object_list)
    except InvalidPage as error:
        raise Http404 from error


def read_event(slug, *, with_counts=True):
    event = get_object_or_404(Event.objects.published().select_related("type"), slug=slug)
    # The totals by one small grouped query (counted), not a join with a GROUP BY over every column.
    return counted([event])[0] if with_counts else event


@rate_limited("signup")
def event_detail(request, slug):
    if request.method == "POST":
        # A sign-up is checked against the database itself, under a lock (services): the totals are
        # read only to show the form again.
        event, data_key = read_event(slug, with_counts=False), None
    else:
        # Read once per version of the agenda and of this address (a sign-up renews it) and half minute.
        moment = int(time.time() // AGENDA_SECONDS)
        data = read(["agenda"], f"event:{slug}:{moment}", lambda: read_event(slug), paths=[request.path])
        event, data_key = data.value, data.key
    closed = event.signup_closed_reason()
    form = None
    if not closed:
        form = SignupForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            result = signup_create(event=event, mail_language=request.LANGUAGE_CODE, **form.answers())
            # Only what the page shows: nothing that tells a second sign-up from a first. Signed in
            # the address, not kept in a session: no session row to write while parents sign up in
            # a rush, and no session cookie that keeps the page cache from this parent afterwards.
            sent = signing.Signer(salt=THANKS_SALT).sign_object({"event": event.pk, "status": result.shown_status})
            thanks = reverse("events:thanks", kwargs={"slug": event.slug})
            return redirect(f"{thanks}?{urlencode({'s': sent})}")
    if request.method == "POST":
        event = counted([event])[0]
    context = {
        "event": event,
        "form": form,
        "closed": closed,
        "summary": summary(event.description),
        "jsonld": event_jsonld(request, event),
        "data_key": data_key,
    }
    return render(request, "events/event_detail.html", context)


def signup_thanks(request, slug):
    try:
        sent = signing.Signer(salt=THANKS_SALT).unsign_object(request.GET.get("s", ""))
    except signing.BadSignature:
        sent = None
    event = Event.objects.filter(pk=sent.get("event"), slug=slug).first() if isinstance(sent, dict) else None
    if event is None:
        return redirect("events:detail", slug=slug)
    response = render(request, "events/signup_thanks.html", {"status": sent.get("status"), "event": event})
    patch_cache_control(response, private=True)  # one parent's page: never in the page cache
    return response


@noindex
def signup_cancel_view(request, token):
    """Mail scanners follow links, so a GET only asks; the POST cancels."""
    signup = Signup.objects.select_related("event").filter(token=token).first()
    if signup is None:
        return render(request, "events/cancel.html", {"unknown": True}, status=404)
    if request.method == "POST":
        cancelled = signup_cancel(token=token)
        return render(
            request,
            "events/cancel.html",
            {"signup": signup, "done": cancelled is not None, "already": cancelled is None},
        )
    return render(
        request, "events/cancel.html", {"signup": signup, "already": signup.status == Signup.Status.CANCELLED}
    )


def ics_response(events, filename):
    return calendar_response(event_calendar(events), filename)


def calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_feed(request):
    # Writing iCalendar costs about a millisecond per event: read and written once per version of the
    # agenda (an event or type saved) and half minute (what is in the window moves with the clock).
    moment = int(time.time() // AGENDA_SECONDS)
    content = part_data(["agenda"], f"feed:{moment}", calendar_feed_content, FEED_CACHE_SECONDS)
    return calendar_response(content, "agenda.ics")


def calendar_feed_content():
    since = timezone.now() - FEED_PAST
    return event_calendar(Event.objects.published().upcoming(since).select_related("type")[:FEED_MAX_EVENTS])


@require_GET
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("type"), slug=slug)
    return ics_response([event], f"{event.slug}.ics")


@rate_limited("subscribe")
class SubscribeView(FormView):
    """Houd me op de hoogte: an address and the types; the mail with the link does the rest."""

    form_class = SubscriptionForm
    template_name = "events/subscription_form.html"

    def get_initial(self):
        # From a type's page (?soort=oudercafe) that type is ticked already.
        wanted = self.request.GET.get("soort", "")[:50]
        return {"types": list(EventType.objects.filter(slug=wanted).values_list("pk", flat=True))}

    def form_valid(self, form):
        subscription_request(
            email=form.cleaned_data["email"],
            types=form.cleaned_data["types"],
            mail_language=self.request.LANGUAGE_CODE,
        )
        # The same page whether or not the address was known: nothing about it is kept for the page.
        return redirect("events:subscribe_sent")


class SubscribeSentView(TemplateView):
    template_name = "events/subscription_sent.html"
    extra_context = {"days": SUBSCRIPTION_CONFIRM_DAYS}


@never_cache
@noindex
@require_http_methods(["GET", "POST"])
def subscription_confirm_view(request, token):
    """Mail scanners follow links, so a GET only asks; the POST confirms."""
    subscription = Subscription.objects.filter(confirm_token=token).first()
    if subscription is None:
        return render(request, "events/subscription_confirm.html", {"unknown": True}, status=404)
    if request.method == "POST":
        subscription = subscription_confirm(confirm_token=token)
        if subscription is None:  # confirmed by another click a moment ago
            return render(request, "events/subscription_confirm.html", {"unknown": True}, status=404)
        return render(request, "events/subscription_confirm.html", {"subscription": subscription, "done": True})
    return render(
        request,
        "events/subscription_confirm.html",
        {"subscription": subscription, "types": subscription.pending_types()},
    )


@csrf_exempt  # RFC 8058: a mail program posts "List-Unsubscribe=One-Click" without a page, cookie or token
@never_cache
@noindex
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """One click unsubscribes, no login; a GET (a link scanner, a person) only asks.

    The token is the secret, so the POST needs no CSRF token: the worst a forged
    post can do is what the owner of the link asked for. Answering the same for a
    link that was used already keeps it idempotent, as RFC 8058 wants.
    """
    if request.method == "POST":
        subscription_cancel(token=token)
        return render(request, "events/unsubscribe.html", {"done": True})
    if not Subscription.objects.filter(token=token).exists():
        return render(request, "events/unsubscribe.html", {"unknown": True}, status=404)
    return render(request, "events/unsubscribe.html", {})
