from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oudersteunpunt.fragments import read
from oudersteunpunt.spam import rate_limited
from oudersteunpunt.views import noindex

from .forms import BuddyProfileForm, BuddyRequestForm, EndMatchForm, EvaluationForm
from .models import BuddyProfile, BuddyRequest, Match
from .services import (
    MatchError,
    buddy_request_create,
    evaluation_submit,
    match_accept,
    match_decline,
    match_end,
    match_start,
)

SESSION_KEY = "buddies_last_request"


def shown_buddies():
    shown = BuddyProfile.objects.available().filter(show_on_site=True).exclude(introduction="")
    return list(shown.only("first_name", "introduction"))


@rate_limited("buddy")
def index(request):
    form = BuddyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        buddy_request, _already = buddy_request_create(mail_language=request.LANGUAGE_CODE, **form.answers())
        # The page is the same whether or not this address asked before; only a request
        # without an address (nothing to look up) shows its reference, which no mail brings.
        request.session[SESSION_KEY] = {"by_mail": bool(form.cleaned_data["email"]), "pk": buddy_request.pk}
        return redirect("buddies:thanks")
    # Read once per version of the buddies (a profile saved) and per day (the training date counts).
    shown = read(["buddies"], f"buddies-shown:{timezone.localdate()}", shown_buddies)
    return render(request, "buddies/index.html", {"form": form, "buddies": shown.value, "data_key": shown.key})


def thanks(request):
    sent = request.session.get(SESSION_KEY)
    if not isinstance(sent, dict):
        return redirect("buddies:index")
    buddy_request = None if sent["by_mail"] else BuddyRequest.objects.filter(pk=sent["pk"]).first()
    # How we will reach the parent follows from what they just typed, never from the database.
    context = {"buddy_request": buddy_request, "by_mail": sent["by_mail"]}
    return render(
        request, "buddies/thanks.html", {**context, "contact_method": "email" if sent["by_mail"] else "phone"}
    )


def buddy_required(view):
    """Logged in, with a buddy profile; the view gets the profile as ``buddy``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        buddy = BuddyProfile.objects.filter(user=request.user).first()
        if buddy is None:
            return render(request, "buddies/portal_no_profile.html", status=403)
        return view(request, buddy, *args, **kwargs)

    return wrapper


@buddy_required
def portal(request, buddy):
    matches = (
        Match.objects.filter(buddy=buddy)
        .exclude(state=Match.State.DECLINED)
        .select_related("request__municipality", "request__school_type", "request__language")
        .prefetch_related("request__themes")
    )
    return render(
        request,
        "buddies/portal.html",
        {
            "buddy": buddy,
            "proposals": [m for m in matches if m.state == Match.State.PROPOSED],
            "current": [m for m in matches if m.state in (Match.State.ACCEPTED, Match.State.ACTIVE)],
            "ended": [m for m in matches if m.state == Match.State.ENDED][:10],
        },
    )


@buddy_required
def profile_edit(request, buddy):
    form = BuddyProfileForm(request.POST or None, instance=buddy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je profiel is opgeslagen."))
        return redirect("buddies:portal")
    return render(request, "buddies/profile_form.html", {"form": form, "buddy": buddy})


@buddy_required
@require_POST
def pause(request, buddy):
    buddy.active = request.POST.get("active") == "1"
    buddy.save(update_fields=["active"])
    messages.success(
        request,
        _("Je staat weer aan. Welkom terug!")
        if buddy.active
        else _("Je staat op pauze. Je krijgt geen nieuwe voorstellen."),
    )
    return redirect("buddies:portal")


def portal_action(done):
    """A button on the buddy portal: a POST-only view about one of the buddy's own matches (``pk``).

    The decorated function takes that one step; the view then goes back to the
    portal and says ``done``, or, when the step cannot be taken (not their match,
    already decided, a reason missing), the ``MatchError``'s message instead.
    """

    def decorator(step):
        @buddy_required
        @require_POST
        @wraps(step)
        def view(request, buddy, pk):
            try:
                step(request, buddy, pk)
            except MatchError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, done)
            return redirect("buddies:portal")

        return view

    return decorator


@portal_action(gettext_lazy("Fijn! Jullie krijgen allebei een mail met elkaars gegevens."))
def match_accept_view(request, buddy, pk):
    match_accept(match_pk=pk, buddy=buddy)


@portal_action(gettext_lazy("Dank je. De consulent zoekt een andere buddy."))
def match_decline_view(request, buddy, pk):
    match_decline(match_pk=pk, buddy=buddy, reason=request.POST.get("reason", ""))


@portal_action(gettext_lazy("Genoteerd: jullie hebben kennisgemaakt."))
def match_start_view(request, buddy, pk):
    match_start(match_pk=pk, buddy=buddy)


@portal_action(gettext_lazy("Het contact is afgesloten. Dank je wel voor je steun."))
def match_end_view(request, buddy, pk):
    match = Match.objects.filter(pk=pk, buddy=buddy).first()
    if match is None:
        raise MatchError(_("Deze koppeling is niet van jou."))
    form = EndMatchForm(request.POST)
    if not form.is_valid():
        raise MatchError(form.errors["reason"][0])
    match_end(match=match, reason=form.cleaned_data["reason"])


@noindex
def evaluation(request, token):
    if not Match.objects.filter(evaluation_token=token, state=Match.State.ENDED).exists():
        return render(request, "buddies/evaluation.html", {"used": True}, status=404)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation_submit(token=token, **form.cleaned_data)
        return render(request, "buddies/evaluation.html", {"done": True})
    return render(request, "buddies/evaluation.html", {"form": form})
