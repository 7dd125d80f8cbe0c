from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.admin import RichTextAdminMixin
from oudersteunpunt.history import HistoryAdminMixin
from oudersteunpunt.pagecache import invalidate_model

from .models import MissedSearch, Phase, Question, Term, Theme


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


@admin.register(Question)
class QuestionAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "phase", "theme", "published", "last_reviewed", "review_ok", "helpful_yes", "helpful_no"]
    list_filter = [ReviewOverdueFilter, "published", "phase", "theme"]
    list_select_related = ["phase", "theme"]
    search_fields = ["title", "answer"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related"]
    readonly_fields = ["helpful_yes", "helpful_no", "updated_at"]
    date_hierarchy = "last_reviewed"
    actions = ["mark_reviewed", "publish", "unpublish"]
    history_keep_current = ["helpful_yes", "helpful_no"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "phase", "theme", "answer"]}),
        (_("Publiceren"), {"fields": ["published", "last_reviewed", "order"]}),
        (_("Verwante vragen"), {"fields": ["related"]}),
        (_("Heeft dit geholpen?"), {"fields": ["helpful_yes", "helpful_no", "updated_at"]}),
    ]

    @admin.display(description=_("controle ok"), boolean=True)
    def review_ok(self, obj):
        return not obj.review_overdue

    @admin.action(description=_("Markeer als vandaag gecontroleerd"))
    def mark_reviewed(self, request, queryset):
        count = queryset.update(last_reviewed=timezone.localdate())
        invalidate_model(Question)  # update() sends no post_save
        self.message_user(request, _("%(count)d vragen gemarkeerd als gecontroleerd.") % {"count": count})

    @admin.action(description=_("Publiceer"))
    def publish(self, request, queryset):
        queryset.update(published=True)
        invalidate_model(Question)

    @admin.action(description=_("Haal offline"))
    def unpublish(self, request, queryset):
        queryset.update(published=False)
        invalidate_model(Question)

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


@admin.register(MissedSearch)
class MissedSearchAdmin(admin.ModelAdmin):
    list_display = ["words", "count", "first_seen", "last_seen"]
    search_fields = ["words"]
    readonly_fields = ["words", "count", "first_seen", "last_seen"]
    date_hierarchy = "last_seen"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
