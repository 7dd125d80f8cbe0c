from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oudersteunpunt.spam import is_rate_limited

from .forms import SignupForm
from .ical import event_calendar
from .models import Event, Signup
from .services import signup_cancel, signup_create

SESSION_KEY = "events_last_signup"
PAST_EVENTS_SHOWN = 12


def published_events():
    return Event.objects.published().select_related("type").with_counts()


def event_list(request):
    now = timezone.now()
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": published_events().upcoming(now),
            "past": published_events().past(now)[:PAST_EVENTS_SHOWN],
        },
    )


def event_detail(request, slug):
    event = get_object_or_404(published_events(), slug=slug)
    closed = event.signup_closed_reason()
    form = None
    if not closed:
        form = SignupForm(request.POST or None, event=event)
        if request.method == "POST":
            if is_rate_limited(request, "signup"):
                return render(request, "429.html", status=429)
            if form.is_valid():
                result = signup_create(
                    event=event,
                    **{k: form.cleaned_data[k] for k in ("name", "email", "phone", "role", "people", "remarks")},
                )
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
    response = HttpResponse(event_calendar(events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def calendar_feed(request):
    return ics_response(Event.objects.published().upcoming().select_related("type"), "agenda.ics")


@require_GET
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("type"), slug=slug)
    return ics_response([event], f"{event.slug}.ics")
