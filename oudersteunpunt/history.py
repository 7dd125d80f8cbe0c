"""History and undo for what volunteers edit in the admin (django-reversion).

Every part registers its own content models by giving their admin the
``HistoryAdminMixin``. Only the admin's own model is put under version control,
never the models of its inlines: an inline can hold personal data of parents
(sign-ups under an event), and that must never be copied into the history
tables. ``history_fields`` narrows a model to its public fields (a buddy's
profile).

A restore sets the stored values on the live object and saves it through the
model, so ``post_save`` fires and the public page cache is renewed, the model's
own ``save()`` runs (search index), and fields that are not in the history
(a buddy's account, "heeft dit geholpen?" counts) keep their current value.
"""

import difflib
import re
from contextlib import nullcontext
from html import unescape

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion import add_to_revision, create_revision, is_registered, register, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _get_options
from reversion.utils import mute_signals

FIRST_VERSION_COMMENT = gettext_lazy("Eerste versie (zoals het was voordat de geschiedenis werd bijgehouden)")


class _RollBack(Exception):
    def __init__(self, response):
        self.response = response


def ensure_first_version(obj):
    """Keep the current state before the first change, so that change can be undone."""
    if obj is None or Version.objects.get_for_object(obj).exists():
        return
    with create_revision():
        set_comment(str(FIRST_VERSION_COMMENT))
        add_to_revision(obj)


@transaction.atomic
def version_restore(*, obj, version, keep=()):
    """Put the values of ``version`` on ``obj`` and save it through the model.

    Fields named in ``keep`` hold live data (counts), not content: they stay.
    """
    model = type(obj)
    stored = version.field_dict
    many = []
    for name in _get_options(model).fields:
        field = model._meta.get_field(name)
        if field.primary_key or name in keep:
            continue
        if isinstance(field, models.ManyToManyField):
            if field.attname in stored:
                many.append((name, stored[field.attname]))
        elif field.attname in stored:
            setattr(obj, field.attname, stored[field.attname])
    obj.save()
    for name, pks in many:
        getattr(obj, name).set(pks)
    return obj


def _readable(field, value):
    """A field's stored value as text a volunteer recognises."""
    if value in (None, ""):
        return ""
    if isinstance(field, models.ManyToManyField):
        objects = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(o) for o in objects))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else _("(verwijderd)")
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nee")
    text = str(value)
    if "<" in text:  # rich text: compare what a reader sees, one block per line
        text = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", text)
        text = unescape(re.sub(r"<[^>]+>", "", text))
    # Spaces and line breaks the editor adds or drops are no change a reader sees.
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def word_diff(old, new):
    """Old and new text as HTML, removed words in <del>, added words in <ins>."""
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))


def versions_compare(model, old, new, keep=()):
    """The fields that differ between two versions: label, old text, new text, difference."""
    rows = []
    for name in _get_options(model).fields:
        field = model._meta.get_field(name)
        if field.primary_key or name in keep or not field.editable:
            continue
        before = _readable(field, old.field_dict.get(field.attname))
        after = _readable(field, new.field_dict.get(field.attname))
        if before != after:
            rows.append(
                {"label": field.verbose_name, "before": before, "after": after, "diff": word_diff(before, after)}
            )
    return rows


class HistoryAdminMixin(VersionAdmin):
    """Versions with who and when, a difference between two, restore and recover.

    Put it first among the bases of a part's ``ModelAdmin``.
    """

    object_history_template = "admin/history/object_history.html"
    change_list_template = "admin/history/change_list.html"
    revision_form_template = "admin/history/revision_form.html"
    recover_list_template = "admin/history/recover_list.html"
    recover_form_template = "admin/history/revision_form.html"
    history_latest_first = True
    # None: all fields. A list: only these are kept (the public part of a profile).
    history_fields = None
    # Live data, not content: a restore leaves these as they are.
    history_keep_current = ()
    # Whether a deleted object can be brought back from its last version.
    history_recover = True

    def reversion_register(self, model, **kwargs):
        # Only the admin's own model, never an inline's, and without following
        # relations: what another model holds stays out of the history.
        if model is self.model and not is_registered(model):
            options = {"fields": self.history_fields} if self.history_fields else {}
            register(model, **options)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Every content model has a slug; "adres" next to a place's address confused people.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.SlugField) and formfield is not None:
            formfield.label = _("Webadres (slug)")
            formfield.help_text = formfield.help_text or _(
                "Het laatste stuk van het webadres: kleine letters, cijfers en streepjes."
            )
        return formfield

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_compare"
        view = self.admin_site.admin_view(self.compare_view)
        return [path("<path:object_id>/history/vergelijk/", view, name=name), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            ensure_first_version(self.get_object(request, unquote(object_id)))
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        ensure_first_version(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            ensure_first_version(obj)
        super().delete_queryset(request, queryset)

    def recoverlist_view(self, request, extra_context=None):
        if not self.history_recover:
            raise Http404
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.history_recover:
            raise Http404
        return super().recover_view(request, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"history_recover": self.history_recover, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def _versions(self, object_id):
        return Version.objects.get_for_object_reference(self.model, object_id).select_related(
            "revision", "revision__user"
        )

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        versions = list(self._versions(unquote(object_id)).order_by("-pk"))
        extra_context = {
            "versions": versions,
            "compare_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[object_id]),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        versions = self._versions(unquote(object_id))
        old = get_object_or_404(versions, pk=request.GET.get("van") or 0)
        new = get_object_or_404(versions, pk=request.GET.get("naar") or 0)
        if old.pk > new.pk:
            old, new = new, old
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "old": old,
            "new": new,
            "rows": versions_compare(self.model, old, new, self.history_keep_current),
            "title": _("Verschil tussen twee versies van %(name)s") % {"name": obj},
        }
        return render(request, "admin/history/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version in the form; saving it makes it the current one."""
        object_id = unquote(object_id)
        version = get_object_or_404(self._versions(object_id), pk=version_id)
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        moment = localize(template_localtime(version.revision.date_created))
        context = {
            "title": _("Versie van %(moment)s terugzetten") % {"moment": moment},
            "revert": True,
            **(extra_context or {}),
        }
        # Looking must change nothing: no signals, and everything is rolled back.
        silence = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        try:
            with transaction.atomic(), silence if request.method != "POST" else nullcontext():
                version_restore(obj=obj, version=version, keep=self.history_keep_current)
                with self.create_revision(request):
                    response = self.changeform_view(request, quote(object_id), request.path, context)
                    if request.method == "POST" and response.status_code == 302:
                        set_comment(_("Teruggezet naar de versie van %(moment)s") % {"moment": moment})
                        return response
                    response.template_name = self.revision_form_template
                    response.render()
                    raise _RollBack(response)
        except _RollBack as rollback:
            return rollback.response
        except IntegrityError:
            messages.error(request, _("Deze versie kan niet terug: iets waar hij naar verwijst bestaat niet meer."))
            opts = self.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[quote(object_id)]))


def create_initial_versions(sender, **kwargs):
    """After ``migrate``: a first version of every registered object that has none."""
    if sender.name == "reversion":
        call_command("createinitialrevisions", comment=str(FIRST_VERSION_COMMENT), verbosity=0)
