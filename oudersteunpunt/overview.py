"""What parents ask about, over time: counts only, never persons.

Each part registers a provider in its ``AppConfig.ready()`` (see registry). A
provider gets the start of the window and returns ``Series`` (moments with a
category, counted here per month or quarter) and ``Ranking`` (a top list).
"""

import csv
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry

MONTHS_SHOWN = 12


@dataclass
class Series:
    title: str
    items: list  # (aware datetime, category)


@dataclass
class Ranking:
    title: str
    rows: list  # (label, count)


@dataclass
class Table:
    title: str
    periods: list
    rows: list = field(default_factory=list)  # (category, [counts per period], total)
    totals: list = field(default_factory=list)


def period_of(moment, by):
    """'2026-03' or '2026-K1' for an aware datetime or a date."""
    local = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    if by == "quarter":
        return f"{local.year}-K{(local.month - 1) // 3 + 1}"
    return f"{local.year}-{local.month:02d}"


def window(today, by):
    """The periods shown, oldest first, and the first day of the window."""
    start = date(today.year - 1, today.month, 1)
    if start.month == 12:
        start = date(start.year + 1, 1, 1)
    else:
        start = date(start.year, start.month + 1, 1)
    periods = OrderedDict()
    year, month = start.year, start.month
    for _i in range(MONTHS_SHOWN):
        key = period_of(date(year, month, 1), by)
        periods[key] = True
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return list(periods), start


def build_table(series, periods):
    counts = Counter((period, category or _("onbekend")) for period, category in series)
    categories = sorted({category for _period, category in counts})
    table = Table(title="", periods=periods)
    for category in categories:
        row = [counts.get((period, category), 0) for period in periods]
        table.rows.append((category, row, sum(row)))
    table.totals = [sum(counts.get((p, c), 0) for c in categories) for p in periods]
    return table


def collect(by, today=None):
    today = today or timezone.localdate()
    periods, start = window(today, by)
    since = datetime(start.year, start.month, start.day, tzinfo=timezone.get_current_timezone())
    tables, rankings = [], []
    for provider in registry.overview_providers:
        for item in provider(since):
            if isinstance(item, Ranking):
                rankings.append(item)
            else:
                table = build_table(((period_of(moment, by), category) for moment, category in item.items), periods)
                table.title = item.title
                tables.append(table)
    return periods, tables, rankings


def chart_bars(table, width=640, height=160):
    """Bars for the totals per period, as numbers the SVG template draws."""
    top = max(table.totals or [0]) or 1
    step = width / max(len(table.totals), 1)
    bars = []
    for i, (period, total) in enumerate(zip(table.periods, table.totals, strict=True)):
        bar_height = round(total / top * (height - 40))
        bars.append(
            {
                "x": round(i * step + 4),
                "y": height - 20 - bar_height,
                "w": round(step - 8),
                "h": bar_height,
                "label": period[-3:].lstrip("-"),
                "total": total,
                "label_x": round(i * step + step / 2),
            }
        )
    return {"bars": bars, "width": width, "height": height}


def overview_view(request, admin_site):
    if not request.user.has_perm("oudersteunpunt.view_overview"):
        raise PermissionDenied
    by = "quarter" if request.GET.get("per") == "kwartaal" else "month"
    periods, tables, rankings = collect(by)
    if request.GET.get("formaat") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="overzicht-oudersteunpunt.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow([_("onderdeel"), _("categorie"), *periods, _("totaal")])
        for table in tables:
            for category, row, total in table.rows:
                writer.writerow([table.title, category, *row, total])
        for ranking in rankings:
            for label, count in ranking.rows:
                writer.writerow([ranking.title, label, *([""] * len(periods)), count])
        return response
    for table in tables:
        table.chart = chart_bars(table)
    context = {
        **admin_site.each_context(request),
        "title": _("Waar vragen ouders naar?"),
        "periods": periods,
        "tables": tables,
        "rankings": rankings,
        "by": by,
    }
    return TemplateResponse(request, "admin/overview.html", context)
