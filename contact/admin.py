from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.admin import PersonChoiceField, PersonListFilter, email_link, person_name, phone_link

from .models import ContactNote, ContactRequest, Topic

# What the parent sent, shown as it came and never edited.
SENT_FIELDS = [
    "reference",
    "created_at",
    "name",
    "contact_method",
    "phone_link",
    "email_link",
    "good_times",
    "may_leave_message",
    "about_question",
    "message",
]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class NoteInline(admin.StackedInline):
    model = ContactNote
    extra = 1
    fields = ["text", "author_name", "created_at"]
    readonly_fields = ["author_name", "created_at"]
    verbose_name_plural = _("interne notities (nooit zichtbaar voor de ouder)")

    @admin.display(description=_("geschreven door"))
    def author_name(self, obj):
        return person_name(obj.author) if obj.pk else "—"

    def has_change_permission(self, request, obj=None):
        # Notes are a log: add new ones, do not rewrite old ones.
        return False


class OpenFilter(admin.SimpleListFilter):
    title = _("open of afgerond")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("ja", _("nog open")), ("nee", _("afgerond"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.open()
        if self.value() == "nee":
            return queryset.filter(status=ContactRequest.Status.CLOSED)
        return queryset


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "name",
        "reach",
        "status",
        "assigned_name",
        "topic",
        "phase",
        "created_at",
        "waiting_time",
    ]
    list_filter = [OpenFilter, "status", ("assigned_to", PersonListFilter), "topic", "phase", "contact_method"]
    list_select_related = ["assigned_to", "topic", "phase"]
    search_fields = ["reference", "name", "email", "phone"]
    date_hierarchy = "created_at"
    inlines = [NoteInline]
    readonly_fields = [*SENT_FIELDS, "closed_at", "anonymised_at", "waiting_time"]
    fieldsets = [
        (_("Afhandeling"), {"fields": ["status", "assigned_to", "waiting_time"]}),
        (
            _("Wat de ouder stuurde"),
            {"fields": SENT_FIELDS},
        ),
        (_("Voor het overzicht"), {"fields": ["phase", "topic"]}),
        (_("Privacy"), {"fields": ["closed_at", "anonymised_at"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["css/admin-extra.css"]}

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["form_class"] = PersonChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("behandeld door"), ordering="assigned_to__first_name")
    def assigned_name(self, obj):
        return person_name(obj.assigned_to)

    @admin.display(description=_("bellen of mailen"))
    def reach(self, obj):
        return format_html("{}<br>{}", phone_link(obj.phone), email_link(obj.email))

    @admin.display(description=_("telefoonnummer"))
    def phone_link(self, obj):
        return phone_link(obj.phone)

    @admin.display(description=_("e-mailadres"))
    def email_link(self, obj):
        return email_link(obj.email)

    @admin.display(description=_("werkdagen"))
    def waiting_time(self, obj):
        days = obj.working_days_open()
        if obj.is_overdue():
            return format_html(
                '<span class="overdue">{} — {}</span>',
                days,
                _("langer dan %(n)s werkdagen") % {"n": settings.OSP_RESPONSE_TARGET_WORKING_DAYS},
            )
        return days

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if not note.author_id:
                note.author = request.user
            note.save()
        formset.save_m2m()
