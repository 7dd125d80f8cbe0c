from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from oudersteunpunt.history import HistoryAdminMixin

from .models import Story
from .services import StoryError, story_reject, story_request_approval, story_start_editing

# The buttons above a story: (slug in the address, label, service, message after it, states it shows in).
STEPS = {
    "bewerken": (
        _("Neem in bewerking"),
        story_start_editing,
        _("Het verhaal staat op 'in bewerking'. Het staat niet (meer) op de website."),
        (Story.State.NEW, Story.State.AWAITING_APPROVAL, Story.State.PUBLISHED),
    ),
    "akkoord-vragen": (
        _("Stuur naar de ouder voor akkoord"),
        story_request_approval,
        _("De ouder krijgt een mail met een link naar de bewerkte versie. Na akkoord staat het verhaal online."),
        (Story.State.NEW, Story.State.EDITING, Story.State.AWAITING_APPROVAL),
    ),
    "afwijzen": (
        _("Wijs af"),
        story_reject,
        _("Het verhaal is afgewezen. De ouder krijgt daar een vriendelijke mail over."),
        (Story.State.NEW, Story.State.EDITING, Story.State.AWAITING_APPROVAL),
    ),
}


# What the parent sent, and where the story stands: shown, never edited (each list once).
SENT_FIELDS = ["original_happened", "original_helped", "original_proud", "name_shown", "created_at"]
STATE_FIELDS = [
    "state",
    "approval_requested_at",
    "approved_at",
    "published_at",
    "rejected_at",
    "withdrawn_at",
    "anonymised_at",
]


@admin.register(Story)
class StoryAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "phase", "state", "shown_name_display", "created_at", "published_at"]
    list_filter = ["state", "phase", "themes"]
    list_select_related = ["phase"]
    search_fields = ["title", "happened", "original_happened", "shown_name"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    readonly_fields = [*STATE_FIELDS, *SENT_FIELDS]
    fieldsets = [
        (
            _("Zoals het op de website komt"),
            {
                "description": _(
                    "Maak het korter of haal herkenbare details weg. De ouder leest deze versie en geeft eerst "
                    "akkoord. Verander je iets nadat de ouder akkoord gaf, dan gaat het verhaal offline tot de "
                    "ouder opnieuw akkoord geeft."
                ),
                "fields": ["title", "happened", "helped", "proud", "shown_name", "phase", "themes"],
            },
        ),
        (
            _("Zoals de ouder het stuurde"),
            {"fields": SENT_FIELDS},
        ),
        (
            _("Stand"),
            {"fields": STATE_FIELDS},
        ),
    ]
    # Only the public version: who sent it (name, address, the original) stays out of the history.
    history_fields = ["title", "happened", "helped", "proud", "shown_name", "phase", "themes"]
    # A deleted story may have been deleted for the parent's privacy: it does not come back.
    history_recover = False

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None  # only a published story has a page

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":
            # A dozen themes: tick boxes, simpler than the two-list widget and without its ARIA problems.
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # stories come from parents, through the form on the site

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state == Story.State.WITHDRAWN:
            return [*self.readonly_fields, "title", "happened", "helped", "proud", "shown_name", "phase", "themes"]
        return self.readonly_fields

    @admin.display(description=_("naam bij het verhaal"), ordering="shown_name")
    def shown_name_display(self, obj):
        return obj.shown_name or _("(anoniem)")

    def save_model(self, request, obj, form, change):
        was_published = Story.objects.filter(pk=obj.pk, state=Story.State.PUBLISHED).exists()
        super().save_model(request, obj, form, change)
        if was_published and obj.state != Story.State.PUBLISHED:
            self.message_user(
                request,
                _(
                    "Je hebt de tekst veranderd nadat de ouder akkoord gaf. Het verhaal staat nu niet op de website. "
                    "Stuur het opnieuw naar de ouder voor akkoord."
                ),
                messages.WARNING,
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        if story is not None and self.has_change_permission(request, story):
            steps = [(slug, label) for slug, (label, _step, _done, states) in STEPS.items() if story.state in states]
            extra_context = {**(extra_context or {}), "story_steps": steps}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/stap/<slug:step>/",
                self.admin_site.admin_view(require_POST(self.step_view)),
                name="stories_story_step",
            ),
            *super().get_urls(),
        ]

    def step_view(self, request, pk, step):
        story = get_object_or_404(Story, pk=pk)
        if step not in STEPS:
            raise PermissionDenied
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        _label, service, done, _states = STEPS[step]
        try:
            service(story=story)
            self.message_user(request, done, messages.SUCCESS)
        except StoryError as error:
            self.message_user(request, str(error), messages.ERROR)
        return redirect(reverse("admin:stories_story_change", args=[pk]))
