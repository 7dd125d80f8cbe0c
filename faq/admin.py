from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oudersteunpunt import plainlanguage
from oudersteunpunt.admin import RichTextAdminMixin
from oudersteunpunt.history import HistoryAdminMixin
from oudersteunpunt.pagecache import invalidate_model

from .models import MissedSearch, Phase, Question, Synonym, Term, Theme
from .services import missed_search_resolve


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["name", "order"]


@admin.register(Phase)
class PhaseAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order", "question_count"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]
    inlines = [ThemeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("questions"))

    @admin.display(description=_("vragen"), ordering="n")
    def question_count(self, obj):
        return obj.n


@admin.register(Theme)
class ThemeAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "phase", "order"]
    list_filter = ["phase"]
    search_fields = ["name"]
    list_select_related = ["phase"]


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("controle")
    parameter_name = "controle"

    def lookups(self, request, model_admin):
        return [("nodig", _("langer dan een jaar niet gecontroleerd")), ("ok", _("recent gecontroleerd"))]

    def queryset(self, request, queryset):
        if self.value() == "nodig":
            return queryset.review_overdue()
        if self.value() == "ok":
            return queryset.exclude(pk__in=queryset.review_overdue().values("pk"))
        return queryset


class PlainLanguageFilter(admin.SimpleListFilter):
    title = _("taalhulp")
    parameter_name = "taal"

    def lookups(self, request, model_admin):
        return [("moeilijk", _("moeilijke teksten")), ("goed", _("goed te lezen"))]

    def queryset(self, request, queryset):
        if self.value() == "moeilijk":
            return queryset.filter(plain_language_score__lt=plainlanguage.HARD_SCORE)
        if self.value() == "goed":
            return queryset.filter(plain_language_score__gte=plainlanguage.HARD_SCORE)
        return queryset


@admin.register(Question)
class QuestionAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "phase",
        "theme",
        "published",
        "last_reviewed",
        "review_ok",
        "readability",
        "helpful_yes",
        "helpful_no",
    ]
    list_filter = [ReviewOverdueFilter, PlainLanguageFilter, "published", "phase", "theme"]
    list_select_related = ["phase", "theme"]
    search_fields = ["title", "answer"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    readonly_fields = ["helpful_yes", "helpful_no", "updated_at"]
    date_hierarchy = "last_reviewed"
    actions = ["mark_reviewed", "publish", "unpublish"]
    history_keep_current = ["helpful_yes", "helpful_no"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "phase", "theme", "answer", "sources", "search_words"]}),
        (_("Publiceren"), {"fields": ["published", "last_reviewed", "order"]}),
        (_("Verwante vragen"), {"fields": ["related"]}),
        (_("Heeft dit geholpen?"), {"fields": ["helpful_yes", "helpful_no", "updated_at"]}),
    ]

    @admin.display(description=_("controle ok"), boolean=True)
    def review_ok(self, obj):
        return not obj.review_overdue

    @admin.display(description=_("leesbaarheid"), ordering="plain_language_score")
    def readability(self, obj):
        if obj.plain_language_score is None:
            return "—"
        if obj.plain_language_score < plainlanguage.HARD_SCORE:
            return _("%(score)d (moeilijk)") % {"score": obj.plain_language_score}
        return str(obj.plain_language_score)

    @admin.action(description=_("Markeer als vandaag gecontroleerd"))
    def mark_reviewed(self, request, queryset):
        count = queryset.update(last_reviewed=timezone.localdate())
        invalidate_model(Question)  # update() sends no post_save
        self.message_user(request, _("%(count)d vragen gemarkeerd als gecontroleerd.") % {"count": count})

    # Saved one by one, not with update(): the signals refresh the page cache, and updated_at
    # moves so that the search index of every app server follows.
    @admin.action(description=_("Publiceer"))
    def publish(self, request, queryset):
        self._set_published(queryset, True)

    @admin.action(description=_("Haal offline"))
    def unpublish(self, request, queryset):
        self._set_published(queryset, False)

    def _set_published(self, queryset, published):
        for question in queryset.exclude(published=published):
            question.published = published
            question.save(update_fields=["published", "updated_at"])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            kwargs["queryset"] = Theme.objects.select_related("phase")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Term)
class TermAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["term", "meaning", "variants"]
    search_fields = ["term", "meaning", "variants", "explanation"]
    prepopulated_fields = {"slug": ["term"]}
    fields = ["term", "slug", "meaning", "explanation", "variants"]


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["phrase", "expansions", "updated_at"]
    search_fields = ["phrase", "expansions"]
    fields = ["phrase", "expansions"]


class ResolveMissedSearchForm(forms.Form):
    SYNONYM, SEARCH_WORD = "synoniem", "zoekwoord"
    words = forms.CharField(
        label=_("Woord of zin van ouders"),
        max_length=100,
        help_text=_("Haal weg wat er niet bij hoort: vaak is één woord genoeg."),
    )
    kind = forms.ChoiceField(
        label=_("Wat wil je doen?"),
        widget=forms.RadioSelect,
        choices=[
            (SYNONYM, _("Maak er een synoniem van: zoek ook naar andere woorden")),
            (SEARCH_WORD, _("Voeg het als extra zoekwoord toe aan één vraag")),
        ],
        initial=SYNONYM,
    )
    expansions = forms.CharField(
        label=_("Zoek ook naar"),
        max_length=300,
        required=False,
        help_text=_("Woorden uit de vragen en antwoorden, met komma's ertussen. Bijv. arrangement, extra hulp."),
    )
    question = forms.ModelChoiceField(
        label=_("Vraag"), queryset=Question.objects.select_related("phase"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == self.SYNONYM and not data.get("expansions"):
            self.add_error("expansions", _("Vul in naar welke woorden de zoekfunctie ook moet zoeken."))
        if data.get("kind") == self.SEARCH_WORD and not data.get("question"):
            self.add_error("question", _("Kies de vraag die bij deze woorden hoort."))
        return data


@admin.register(MissedSearch)
class MissedSearchAdmin(admin.ModelAdmin):
    list_display = ["words", "count", "first_seen", "last_seen", "resolve_link"]
    search_fields = ["words"]
    readonly_fields = ["words", "count", "first_seen", "last_seen"]
    date_hierarchy = "last_seen"
    actions = ["resolve"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resolve_permission(self, request):
        return request.user.has_perm("faq.add_synonym") or request.user.has_perm("faq.change_question")

    def get_urls(self):
        resolve = self.admin_site.admin_view(self.resolve_view)
        return [path("<int:pk>/oplossen/", resolve, name="faq_missedsearch_resolve"), *super().get_urls()]

    @admin.display(description=_("oplossen"))
    def resolve_link(self, obj):
        url = reverse("admin:faq_missedsearch_resolve", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Maak synoniem of zoekwoord"))

    @admin.action(description=_("Maak een synoniem of zoekwoord van de gekozen zoekopdracht"), permissions=["resolve"])
    def resolve(self, request, queryset):
        first = queryset.order_by("-count", "pk").first()
        if queryset.count() > 1:
            self.message_user(request, _("Je kunt één zoekopdracht tegelijk oplossen; dit is de meest gezochte."))
        return redirect("admin:faq_missedsearch_resolve", pk=first.pk)

    def resolve_view(self, request, pk):
        if not self.has_resolve_permission(request):
            raise PermissionDenied
        missed = get_object_or_404(MissedSearch, pk=pk)
        form = ResolveMissedSearchForm(request.POST or None, initial={"words": missed.words})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            synonym = data["kind"] == form.SYNONYM
            if not request.user.has_perm("faq.add_synonym" if synonym else "faq.change_question"):
                raise PermissionDenied
            missed_search_resolve(
                missed=missed,
                words=data["words"],
                expansions=data["expansions"] if synonym else "",
                question=None if synonym else data["question"],
            )
            self.message_user(
                request,
                _("Gelukt: wie '%(words)s' zoekt, vindt nu een antwoord.") % {"words": data["words"]},
                messages.SUCCESS,
            )
            return redirect("admin:faq_missedsearch_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Zoekopdracht oplossen: %(words)s") % {"words": missed.words},
            "opts": self.model._meta,
            "missed": missed,
            "form": form,
        }
        return TemplateResponse(request, "admin/faq/missedsearch/resolve.html", context)
