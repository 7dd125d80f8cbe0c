import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.admin import RichTextAdminMixin, email_link, phone_link
from oudersteunpunt.history import HistoryAdminMixin

from .models import Event, EventType, Signup, Subscription
from .services import event_announce_new_time, event_announce_to_subscribers, event_cancel, event_copy


@admin.register(EventType)
class EventTypeAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "for_whom", "frequency", "audience", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class WhenFilter(admin.SimpleListFilter):
    title = _("wanneer")
    parameter_name = "wanneer"

    def lookups(self, request, model_admin):
        return [("komend", _("binnenkort")), ("geweest", _("geweest"))]

    def queryset(self, request, queryset):
        if self.value() == "komend":
            return queryset.upcoming()
        if self.value() == "geweest":
            return queryset.past()
        return queryset


class EventCopyForm(forms.Form):
    day = forms.DateField(label=_("nieuwe datum"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("begint om"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label=_("eindigt om"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        data = super().clean()
        if {"day", "starts", "ends"} <= data.keys():
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.datetime.combine(data["day"], data["starts"], tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(data["day"], data["ends"], tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("Het einde moet na het begin liggen."))
            if data["starts_at"] < timezone.now():
                self.add_error("day", _("Deze datum ligt in het verleden."))
        return data


@admin.register(Event)
class EventAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "type",
        "starts_at",
        "confirmed",
        "waiting",
        "places",
        "professionals",
        "published",
        "cancelled",
    ]
    list_filter = [WhenFilter, "type", "audience", "published"]
    search_fields = ["title", "theme", "place_name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    actions = ["cancel_events", "export_csv", "copy_event"]
    readonly_fields = ["attendance_links", "cancelled_at", "announced"]
    fieldsets = [
        (None, {"fields": ["type", "title", "slug", "theme", "description"]}),
        (_("Wanneer en waar"), {"fields": ["starts_at", "ends_at", "place_name", "address", "online_url"]}),
        (_("Aanmelden"), {"fields": ["audience", "capacity", "max_professionals", "signup_deadline", "published"]}),
        (_("Deelnemers"), {"fields": ["attendance_links", "cancelled_at", "announced"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("type").with_counts()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"starts_at", "ends_at"} & set(form.changed_data):
            mailed = event_announce_new_time(event=obj)
            if mailed:
                self.message_user(
                    request,
                    _("De nieuwe tijd is gemaild naar %(count)d mensen.") % {"count": mailed},
                    messages.SUCCESS,
                )
        # The one place where a published event reaches the people who asked to hear of it (once).
        told = event_announce_to_subscribers(event=obj)
        if told:
            self.message_user(
                request,
                _("%(count)d mensen die op de hoogte willen blijven, krijgen een mail over deze activiteit.")
                % {"count": told},
                messages.SUCCESS,
            )

    @admin.display(description=_("aangemeld"), ordering="confirmed_people")
    def confirmed(self, obj):
        return obj.confirmed_people

    @admin.display(description=_("wachtlijst"), ordering="waiting_count")
    def waiting(self, obj):
        return obj.waiting_count

    @admin.display(description=_("plekken over"))
    def places(self, obj):
        return obj.places_left()

    @admin.display(description=_("professionals"))
    def professionals(self, obj):
        return obj.confirmed_professionals

    @admin.display(description=_("afgelast"), boolean=True)
    def cancelled(self, obj):
        return obj.is_cancelled

    @admin.display(description=_("mail aan wie op de hoogte wil blijven"))
    def announced(self, obj):
        announcement = getattr(obj, "announcement", None) if obj.pk else None
        if announcement is None:
            return _("Nog niet. Dit gebeurt één keer, als je de activiteit publiceert.")
        return _("%(count)d mails op %(date)s") % {
            "count": announcement.recipients,
            "date": formats.date_format(timezone.localtime(announcement.announced_at), "j F Y, H.i"),
        }

    @admin.display(description=_("deelnemerslijst"))
    def attendance_links(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:events_signup_changelist") + f"?event__id__exact={obj.pk}",
            _("aanmeldingen bekijken en wijzigen"),
            reverse("admin:events_event_attendance", args=[obj.pk]),
            _("printbare lijst"),
            reverse("admin:events_event_attendance_csv", args=[obj.pk]),
            _("download als CSV"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/deelnemers/", view(self.attendance_view), name="events_event_attendance"),
            path("<int:pk>/deelnemers.csv", view(self.attendance_csv_view), name="events_event_attendance_csv"),
            path("<int:pk>/kopieer/", view(self.copy_view), name="events_event_copy"),
            *super().get_urls(),
        ]

    def _event_for(self, request, pk):
        event = get_object_or_404(Event.objects.select_related("type").with_counts(), pk=pk)
        if not self.has_view_permission(request, event):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return event

    def attendance_view(self, request, pk):
        event = self._event_for(request, pk)
        signups = event.signups.exclude(status=Signup.Status.CANCELLED).order_by("status", "name")
        context = {**self.admin_site.each_context(request), "event": event, "signups": signups, "title": event.title}
        return render(request, "admin/events/attendance.html", context)

    def attendance_csv_view(self, request, pk):
        return self._csv([self._event_for(request, pk)])

    def _csv(self, events):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="deelnemers-{timezone.localdate():%Y%m%d}.csv"'
        response.write("\ufeff")  # so Excel reads the accents right
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            ["activiteit", "datum", "naam", "e-mail", "telefoon", "rol", "personen", "status", "opmerking"]
        )
        for event in events:
            for s in event.signups.exclude(status=Signup.Status.CANCELLED).order_by("status", "name"):
                writer.writerow(
                    [
                        event.title,
                        f"{timezone.localtime(event.starts_at):%d-%m-%Y %H:%M}",
                        s.name,
                        s.email,
                        s.phone,
                        s.get_role_display(),
                        s.people,
                        s.get_status_display(),
                        s.remarks,
                    ]
                )
        return response

    def copy_view(self, request, pk):
        original = self._event_for(request, pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        start, end = timezone.localtime(original.starts_at), timezone.localtime(original.ends_at)
        form = EventCopyForm(request.POST or None, initial={"starts": start.time(), "ends": end.time()})
        if form.is_valid():
            copy = event_copy(
                event=original, starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"]
            )
            self.message_user(
                request,
                _("Gekopieerd. Kijk de bijeenkomst na en zet “gepubliceerd” aan als alles klopt."),
                messages.SUCCESS,
            )
            return redirect(reverse("admin:events_event_change", args=[copy.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": original,
            "form": form,
            "title": _("Kopieer als nieuwe bijeenkomst"),
        }
        return render(request, "admin/events/event_copy.html", context)

    @admin.action(description=_("Kopieer als nieuwe bijeenkomst"), permissions=["add"])
    def copy_event(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Kies één bijeenkomst om te kopiëren."), messages.WARNING)
            return None
        return redirect(reverse("admin:events_event_copy", args=[queryset.get().pk]))

    @admin.action(description=_("Exporteer deelnemerslijst (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._csv(queryset)

    @admin.action(description=_("Gelast af en mail alle aangemelde mensen"), permissions=["change"])
    def cancel_events(self, request, queryset):
        mailed = sum(event_cancel(event=event) for event in queryset)
        self.message_user(
            request, _("Afgelast. %(count)d mensen krijgen een mail.") % {"count": mailed}, messages.SUCCESS
        )


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reach", "event", "role", "people", "status", "created_at"]
    list_filter = ["status", "role", "event__type"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]
    readonly_fields = ["reach", "created_at", "cancelled_at", "purged_at"]
    autocomplete_fields = ["event"]

    @admin.display(description=_("bellen of mailen"))
    def reach(self, obj):
        return format_html("{}<br>{}", phone_link(obj.phone), email_link(obj.email))


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Who asked for mail about new events: to look up and to delete, not to add or edit.

    Addresses only come in through the double opt-in on the site.
    """

    list_display = ["email", "type_names", "confirmed_at", "created_at"]
    list_filter = ["types", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "type_names", "mail_language", "requested_at", "confirmed_at", "created_at"]
    exclude = ["types"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("types")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("soorten activiteiten"))
    def type_names(self, obj):
        return ", ".join(t.name for t in obj.types.all()) or "—"
