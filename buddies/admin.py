from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from oudersteunpunt.admin import email_link, phone_link
from oudersteunpunt.history import HistoryAdminMixin

from .forms import BuddyProfileForm, BuddyRequestForm
from .matching import suggestions
from .models import (
    BuddyProfile,
    BuddyRequest,
    Evaluation,
    Language,
    Match,
    MeetingWay,
    Municipality,
    SchoolType,
    Theme,
)
from .services import MatchError, buddy_account_create, buddy_invite, match_end, match_propose


@admin.register(Theme, SchoolType, Municipality, Language)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class BuddyAdminForm(BuddyProfileForm):
    email = forms.EmailField(
        label=_("e-mailadres"), help_text=_("De buddy krijgt hier een uitnodiging om een wachtwoord te kiezen.")
    )

    class Meta(BuddyProfileForm.Meta):
        fields = [*BuddyProfileForm.Meta.fields, "trained_on", "active", "child_age_min", "child_age_max"]
        widgets = {}

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email


class BusyFilter(admin.SimpleListFilter):
    title = _("ruimte")
    parameter_name = "ruimte"

    def lookups(self, request, model_admin):
        return [("ja", _("heeft ruimte")), ("nee", _("vol"))]

    def queryset(self, request, queryset):
        from django.db.models import F

        queryset = queryset.with_load()
        if self.value() == "ja":
            return queryset.filter(busy__lt=F("capacity"))
        if self.value() == "nee":
            return queryset.filter(busy__gte=F("capacity"))
        return queryset


@admin.register(BuddyProfile)
class BuddyProfileAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["first_name", "email", "active", "trained_on", "load", "show_on_site"]
    list_filter = ["active", BusyFilter, "themes", "municipalities", "languages"]
    search_fields = ["first_name", "user__email", "introduction"]
    filter_horizontal = ["themes", "school_types", "municipalities", "languages"]
    actions = ["send_invitation"]
    # Only what the buddy tells about themselves; the account and the load stay out.
    history_fields = [
        "first_name",
        "introduction",
        "themes",
        "school_types",
        "municipalities",
        "languages",
        "meeting_ways",
        "show_on_site",
    ]
    # A profile belongs to an account: it comes back with the account, not from history.
    history_recover = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").with_load()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = BuddyAdminForm
            kwargs["fields"] = None
        else:
            kwargs["form"] = forms.ModelForm
        form = super().get_form(request, obj, **kwargs)
        if "meeting_ways" in form.base_fields:
            form.base_fields["meeting_ways"] = forms.MultipleChoiceField(
                label=_("hoe je graag afspreekt"),
                choices=MeetingWay.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        return form

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return ["email", *[f for f in fields if f not in ("email", "user")]]
        return [f for f in fields if f != "user"]

    @admin.display(description=_("e-mail"), ordering="user__email")
    def email(self, obj):
        return email_link(obj.user.email)

    @admin.display(description=_("ouders nu / max"))
    def load(self, obj):
        return f"{obj.busy} / {obj.capacity}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.user = buddy_account_create(email=form.cleaned_data["email"], first_name=obj.first_name)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Stuur opnieuw een uitnodiging om een wachtwoord te kiezen"))
    def send_invitation(self, request, queryset):
        for buddy in queryset.select_related("user"):
            buddy_invite(user=buddy.user)
        self.message_user(request, _("Uitnodiging verstuurd."))


def follow_up_due(matches):
    today = timezone.localdate()
    return matches.filter(state=Match.State.ACTIVE).filter(Q(follow_up_1__lte=today) | Q(follow_up_2__lte=today))


def waiting_for_buddy(requests):
    """Open requests without a buddy proposed, accepted or at work."""
    busy = Match.objects.filter(state__in=("proposed", "accepted", "active")).values("request")
    return requests.filter(closed_at__isnull=True).exclude(pk__in=busy)


class WaitingFilter(admin.SimpleListFilter):
    title = _("wacht op een buddy")
    parameter_name = "wacht"

    def lookups(self, request, model_admin):
        return [("ja", _("ja, nog geen buddy"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return waiting_for_buddy(queryset)
        return queryset


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    fields = ["buddy", "state", "proposed_at", "decided_at", "decline_reason", "started_at", "ended_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BuddyRequest)
class BuddyRequestAdmin(admin.ModelAdmin):
    list_display = ["reference", "name", "reach", "municipality", "child_age", "state_display", "created_at"]
    list_filter = [WaitingFilter, "municipality", "themes", "school_type", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "created_at"
    readonly_fields = ["reference", "created_at", "anonymised_at", "reach"]
    filter_horizontal = ["themes"]
    inlines = [MatchInline]
    fieldsets = [
        (
            _("Aanvraag"),
            {
                # How to reach the parent, then what they were asked on the site, in the form's order.
                "fields": [
                    "reference",
                    "created_at",
                    "reach",
                    *[f for f in BuddyRequestForm.Meta.fields if f != "consent"],
                ]
            },
        ),
        (_("Afsluiten"), {"fields": ["closed_at", "anonymised_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality").prefetch_related("matches")

    @admin.display(description=_("bellen of mailen"))
    def reach(self, obj):
        return format_html("{}<br>{}", phone_link(obj.phone), email_link(obj.email))

    @admin.display(description=_("stand"))
    def state_display(self, obj):
        return obj.state()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The ranked buddies, with a button each, above the request (forms of their own)."""
        buddy_request = self.get_object(request, object_id)
        if buddy_request is not None:
            extra_context = {
                **(extra_context or {}),
                "suggestions": suggestions(buddy_request),
                "open_match": buddy_request.matches.filter(state__in=("proposed", "accepted", "active"))
                .select_related("buddy")
                .first(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/voorstellen/<int:buddy_pk>/",
                self.admin_site.admin_view(require_POST(self.propose_view)),
                name="buddies_buddyrequest_propose",
            ),
            *super().get_urls(),
        ]

    def propose_view(self, request, pk, buddy_pk):
        buddy_request = get_object_or_404(BuddyRequest, pk=pk)
        if not self.has_change_permission(request, buddy_request):
            raise PermissionDenied
        buddy = get_object_or_404(BuddyProfile, pk=buddy_pk)
        try:
            match_propose(buddy_request=buddy_request, buddy=buddy)
            self.message_user(
                request, _("%(name)s krijgt een mail met het voorstel.") % {"name": buddy.first_name}, messages.SUCCESS
            )
        except MatchError as error:
            self.message_user(request, str(error), messages.ERROR)
        return redirect(reverse("admin:buddies_buddyrequest_change", args=[pk]))


class FollowUpFilter(admin.SimpleListFilter):
    title = _("opvolging")
    parameter_name = "opvolging"

    def lookups(self, request, model_admin):
        return [("nu", _("opvolging nodig"))]

    def queryset(self, request, queryset):
        if self.value() == "nu":
            return follow_up_due(queryset)
        return queryset


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "proposed_at", "started_at", "follow_up_1", "follow_up_2", "ended_at"]
    list_filter = [FollowUpFilter, "state"]
    list_select_related = ["buddy", "request"]
    search_fields = ["buddy__first_name", "request__reference", "request__name"]
    readonly_fields = [
        "request",
        "buddy",
        "state",
        "reasons",
        "proposed_at",
        "decided_at",
        "decline_reason",
        "started_at",
        "ended_at",
        "end_reason",
    ]
    fields = [*readonly_fields[:-2], "follow_up_1", "follow_up_2", "ended_at", "end_reason", "notes"]
    actions = ["end_matches"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Beëindig (de ouder krijgt een korte vragenlijst)"), permissions=["change"])
    def end_matches(self, request, queryset):
        ended = 0
        for match in queryset:
            try:
                match_end(match=match, reason=str(_("Afgesloten door de consulent")))
                ended += 1
            except MatchError as error:
                self.message_user(request, f"{match}: {error}", messages.WARNING)
        self.message_user(request, _("%(count)d koppelingen beëindigd.") % {"count": ended})


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "helped", "felt_heard", "would_recommend"]
    list_filter = ["helped", "would_recommend"]
    readonly_fields = ["helped", "felt_heard", "would_recommend", "remarks", "created_at"]

    def has_add_permission(self, request):
        return False
