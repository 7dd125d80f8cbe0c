import re

from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from js_asset import Media

from . import plainlanguage, registry
from .history import HistoryAdminMixin
from .models import Page, QueuedMail, SiteSettings
from .richtext import RichTextField


def person_name(user):
    """A person's name in lists, not their login name."""
    if user is None:
        return "—"
    return user.get_full_name() or user.first_name or user.email or user.get_username()


def email_link(address):
    return format_html('<a href="mailto:{}">{}</a>', address, address) if address else "—"


def phone_link(number):
    if not number:
        return "—"
    return format_html('<a href="tel:{}">{}</a>', re.sub(r"[^\d+]", "", number), number)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class PersonListFilter(admin.RelatedFieldListFilter):
    """Filter on a user by their name; only staff can be chosen."""

    def field_choices(self, field, request, model_admin):
        users = field.related_model._default_manager.filter(is_staff=True).order_by("first_name", "last_name")
        return [(user.pk, person_name(user)) for user in users]


class RichTextAdminMixin:
    """The rich-text editor under the strict CSP, with the Taalhulp (B1) beside it.

    The Taalhulp shows its advice on every rich-text field once the object is saved,
    without JavaScript; a small script refreshes it while the volunteer types.
    """

    class Media:
        # Dutch names for the editor's toolbar buttons; the Taalhulp's refresh while typing.
        js = ["js/editor-nl.js", "js/admin-taalhulp.js"]

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)

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
class PageAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "web_address", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title", "intro", "body"]
    readonly_fields = ["updated_at"]
    fields = ["title", "slug", "intro", "body", "image", "image_alt", "published", "updated_at"]
    actions = None

    @admin.display(description=_("webadres"), ordering="slug")
    def web_address(self, obj):
        return f"/{obj.slug}/"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name", "partnership_name", "phone_link", "email_link"]
    fieldsets = [
        (
            _("Organisatie"),
            {"fields": ["name", "partnership_name", "address", "kvk_number", "municipalities", "logo"]},
        ),
        (_("Contact"), {"fields": ["phone", "email", "opening_hours", "consulent_name", "consulent_title"]}),
        (_("Gedeelde links"), {"fields": ["share_image", "share_image_alt"]}),
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

    @admin.display(description=_("telefoon"))
    def phone_link(self, obj):
        return phone_link(obj.phone)

    @admin.display(description=_("e-mail"))
    def email_link(self, obj):
        return email_link(obj.email)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QueuedMail)
class QueuedMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "is_sent", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject"]
    # claimed_until is bookkeeping of the sending job, not for people.
    readonly_fields = [f.name for f in QueuedMail._meta.fields if f.name != "claimed_until"]
    exclude = ["claimed_until"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("verstuurd"), boolean=True)
    def is_sent(self, obj):
        return obj.is_sent


# allauth's list of second factors is in English and shows the TOTP secret on
# its change page; this one is Dutch, names people and hides the secret.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(mfa_admin.AuthenticatorAdmin):
    list_display = ["person", "type", "created", "last_used"]
    list_filter = ["type"]
    fields = ["person", "type", "created", "last_used"]
    readonly_fields = fields
    list_select_related = ["user"]

    @admin.display(description=_("persoon"), ordering="user__first_name")
    def person(self, obj):
        return f"{person_name(obj.user)} ({obj.user.email})"

    @admin.display(description=_("ingesteld op"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("laatst gebruikt"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at
