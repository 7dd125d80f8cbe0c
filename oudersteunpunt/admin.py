from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from js_asset import Media

from .history import HistoryAdminMixin
from .models import Page, QueuedMail, SiteSettings


class RichTextAdminMixin:
    """Lets the editor's import map and modules run under the strict CSP."""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(Page)
class PageAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title", "intro", "body"]
    readonly_fields = ["updated_at"]
    fields = ["title", "slug", "intro", "body", "image", "image_alt", "published", "updated_at"]
    actions = None


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phone", "email", "opening_hours"]

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
