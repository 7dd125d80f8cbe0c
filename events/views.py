import datetime
import hashlib

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oudersteunpunt.pagecache import part_version
from oudersteunpunt.spam import rate_limited
from oudersteunpunt.views import noindex

from .forms import SignupForm
from .ical import event_calendar
from .models import Event, EventType, Signup
from .services import signup_cancel, signup_create

SESSION_KEY = "events_last_signup"
EVENTS_PER_PAGE = 10  # each card costs about a millisecond to render; a parent scans ten easily
PAST_EVENTS_SHOWN = 5
TYPE_NEXT_DATES = 5  # a type page shows what is coming, not the whole year
# The feed: what is coming (at most this many) and what was on lately, so a calendar keeps recent history.
FEED_PAST = datetime.timedelta(days=30)
FEED_MAX_EVENTS = 50
# Short, like the page cache: a new release that writes the feed differently shows within minutes.
FEED_CACHE_SECONDS = 120


def published_events():
    return Event.objects.published().select_related("type").with_counts()


def page_of(request, queryset, per_page):
    """One page of ``queryset``; an unknown page number is a 404, so odd addresses fill no cache."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("pagina", 1))
    except InvalidPage as error:
        raise Http404 from error


def event_list(request):
    now = timezone.now()
    # Counted and paged without the sign-up totals (a join over every sign-up); only the events shown get them.
    page = page_of(request, Event.objects.published().upcoming(now).values_list("pk", flat=True), EVENTS_PER_PAGE)
    page.object_list = published_events().filter(pk__in=list(page.object_list)).order_by("starts_at")
    return render(
        request,
        "events/event_list.html",
        {
            "page_obj": page,
            "upcoming": page.object_list,
            # Without the sign-up totals: a past event shows no places left.
            "past": Event.objects.published().past(now).select_related("type")[:PAST_EVENTS_SHOWN]
            if page.number == 1
            else [],
            "types": EventType.objects.all(),
        },
    )


def event_type_detail(request, slug):
    event_type = get_object_or_404(EventType, slug=slug)
    pks = (
        Event.objects.published()
        .filter(type=event_type, cancelled_at__isnull=True)
        .upcoming()
        .values_list("pk", flat=True)[:TYPE_NEXT_DATES]
    )
    upcoming = published_events().filter(pk__in=list(pks)).order_by("starts_at")
    return render(request, "events/event_type_detail.html", {"event_type": event_type, "upcoming": upcoming})


def event_archive(request):
    page = page_of(request, Event.objects.published().past().select_related("type"), EVENTS_PER_PAGE)
    return render(request, "events/event_archive.html", {"page_obj": page, "past": page.object_list})


@rate_limited("signup")
def event_detail(request, slug):
    event = get_object_or_404(published_events(), slug=slug)
    closed = event.signup_closed_reason()
    form = None
    if not closed:
        form = SignupForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            result = signup_create(event=event, mail_language=request.LANGUAGE_CODE, **form.answers())
            # Only what the page shows: nothing that tells a second sign-up from a first.
            request.session[SESSION_KEY] = {"event": event.pk, "status": result.shown_status}
            return redirect("events:thanks", slug=event.slug)
    return render(request, "events/event_detail.html", {"event": event, "form": form, "closed": closed})


def signup_thanks(request, slug):
    sent = request.session.get(SESSION_KEY)
    event = Event.objects.filter(pk=sent.get("event"), slug=slug).first() if isinstance(sent, dict) else None
    if event is None:
        return redirect("events:detail", slug=slug)
    return render(request, "events/signup_thanks.html", {"status": sent["status"], "event": event})


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
    since = timezone.now() - FEED_PAST
    events = list(Event.objects.published().upcoming(since).select_related("type")[:FEED_MAX_EVENTS])
    # Writing iCalendar costs about a millisecond per event, and the same events make the same feed:
    # kept until an event or type is saved (the agenda's cache version) or other events are in the window.
    fingerprint = repr([(e.pk, e.updated_at, e.cancelled_at, e.starts_at, e.ends_at) for e in events])
    key = f"agenda-feed:{part_version('agenda')}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = event_calendar(events)
        cache.set(key, content, FEED_CACHE_SECONDS)
    return calendar_response(content, "agenda.ics")


@require_GET
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("type"), slug=slug)
    return ics_response([event], f"{event.slug}.ics")
