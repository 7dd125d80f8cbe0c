from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oudersteunpunt.spam import is_rate_limited

from .forms import BuddyProfileForm, BuddyRequestForm, DeclineForm, EndMatchForm, EvaluationForm
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


def index(request):
    form = BuddyRequestForm(request.POST or None)
    if request.method == "POST":
        if is_rate_limited(request, "buddy"):
            return render(request, "429.html", status=429)
        if form.is_valid():
            fields = {
                k: v for k, v in form.cleaned_data.items() if k not in ("consent", "website", "started", "themes")
            }
            buddy_request, already = buddy_request_create(themes=form.cleaned_data["themes"], **fields)
            request.session[SESSION_KEY] = [buddy_request.pk, already]
            # The thank-you page says how we will reach the parent from what they just chose, not from the database.
            # Only a parent who typed an address gets the introduction mail (buddies/services.py).
            request.session[SESSION_KEY + "_method"] = "email" if form.cleaned_data.get("email") else "phone"
            return redirect("buddies:thanks")
    shown = (
        BuddyProfile.objects.available()
        .filter(show_on_site=True)
        .exclude(introduction="")
        .only("first_name", "introduction")
    )
    return render(request, "buddies/index.html", {"form": form, "buddies": shown})


def thanks(request):
    pk, already = request.session.get(SESSION_KEY, [None, False])
    buddy_request = BuddyRequest.objects.filter(pk=pk).first()
    if buddy_request is None:
        return redirect("buddies:index")
    return render(
        request,
        "buddies/thanks.html",
        {
            "buddy_request": buddy_request,
            "already": already,
            "contact_method": request.session.get(SESSION_KEY + "_method", "email"),
        },
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
            "decline_form": DeclineForm(),
            "end_form": EndMatchForm(),
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


@buddy_required
@require_POST
def match_action(request, buddy, pk, action):
    try:
        if action == "accepteren":
            match_accept(match_pk=pk, buddy=buddy)
            messages.success(request, _("Fijn! Jullie krijgen allebei een mail met elkaars gegevens."))
        elif action == "afwijzen":
            form = DeclineForm(request.POST)
            match_decline(match_pk=pk, buddy=buddy, reason=form.data.get("reason", "")[:300])
            messages.success(request, _("Dank je. De consulent zoekt een andere buddy."))
        elif action == "gestart":
            match_start(match_pk=pk, buddy=buddy)
            messages.success(request, _("Genoteerd: jullie hebben kennisgemaakt."))
        elif action == "stoppen":
            match = Match.objects.filter(pk=pk, buddy=buddy).first()
            form = EndMatchForm(request.POST)
            if match is None:
                raise MatchError(_("Deze koppeling is niet van jou."))
            if not form.is_valid():
                raise MatchError(form.errors["reason"][0])
            match_end(match=match, reason=form.cleaned_data["reason"])
            messages.success(request, _("Het contact is afgesloten. Dank je wel voor je steun."))
        else:
            raise MatchError(_("Dat kan hier niet."))
    except MatchError as error:
        messages.error(request, str(error))
    return redirect("buddies:portal")


def evaluation(request, token):
    if not Match.objects.filter(evaluation_token=token, state=Match.State.ENDED).exists():
        return render(request, "buddies/evaluation.html", {"used": True}, status=404)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation_submit(token=token, **form.cleaned_data)
        return render(request, "buddies/evaluation.html", {"done": True})
    return render(request, "buddies/evaluation.html", {"form": form})
