from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from js_asset import Media

from . import plainlanguage, registry
from .models import Page, QueuedMail, SiteSettings
from .richtext import RichTextField


class RichTextAdminMixin:
    """The rich-text editor under the strict CSP, with the Taalhulp (B1) beside it.

    The Taalhulp shows its advice on every rich-text field once the object is saved,
    without JavaScript; a small script refreshes it while the volunteer types.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    @property
    def media(self):
        return super().media + Media(js=["js/admin-taalhulp.js"])

    def _rich_text_fields(self):
        return [f for f in self.model._meta.fields if isinstance(f, RichTextField)]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "taalhulp"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "taalhulp"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        description = _("Advies om je tekst makkelijker te maken. Het wordt bijgewerkt terwijl je typt.")
        return [*fieldsets, (_("Taalhulp (B1)"), {"fields": ["taalhulp"], "description": description})]

    @admin.display(description=_("advies"))
    def taalhulp(self, obj):
        panels = []
        for field in self._rich_text_fields():
            report = plainlanguage.analyse(getattr(obj, field.name, "") or "", jargon=registry.jargon())
            panels.append(
                format_html(
                    '<div data-taalhulp-url="{}" data-taalhulp-field="id_{}"><h3>{}</h3>{}</div>',
                    reverse("admin:taalhulp"),
                    field.name,
                    field.verbose_name.capitalize(),
                    render_to_string("admin/includes/plain_language.html", {"report": report}),
                )
            )
        return mark_safe("".join(panels)) if panels else "-"  # each panel was built by format_html


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title", "intro", "body"]
    readonly_fields = ["updated_at"]
    fields = ["title", "slug", "intro", "body", "image", "image_alt", "published", "updated_at"]
    actions = None


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name", "partnership_name", "phone", "email"]
    fieldsets = [
        (
            _("Organisatie"),
            {"fields": ["name", "partnership_name", "address", "kvk_number", "municipalities", "logo"]},
        ),
        (_("Contact"), {"fields": ["phone", "email", "opening_hours", "consulent_name", "consulent_title"]}),
        (_("Meldingen"), {"fields": ["consulent_email"]}),
        (
            _("Toegankelijkheidsverklaring"),
            {
                "fields": [
                    "accessibility_status",
                    "accessibility_date",
                    "accessibility_checks",
                    "accessibility_problems",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QueuedMail)
class QueuedMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "is_sent", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in QueuedMail._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("verstuurd"), boolean=True)
    def is_sent(self, obj):
        return obj.is_sent
