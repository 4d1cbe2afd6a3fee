from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, When
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from hwbb import audit, licence, notify
from hwbb.pagecache import public_page
from hwbb.permissions import OFFICER, role_required
from indicators import charts, fingertips, summary, tasks
from indicators.forms import FingertipsUploadForm, LocalValueForm, ValueFilterForm
from indicators.models import (
    ImportJob,
    Indicator,
    IndicatorValue,
    judgement_slug,
)


@public_page
def indicator_list(request):
    rows = summary.comparisons()
    return render(request, "indicators/indicator_list.html", {"rows": rows})


CHART_PERIODS = 10  # the newest ten periods: a decade of yearly values
VALUES_PER_PAGE = 30


@public_page
def indicator_detail(request, slug):
    """The headline value, the local area against England and the region over
    the newest periods, every area for the newest period, and every value in a
    filtered, paged table: the page's size does not grow with the years held
    (the CSV and JSON downloads hold them all)."""
    indicator = get_object_or_404(Indicator, slug=slug)
    values = indicator.values.select_related("area")
    head = _headline(values)
    areas = _areas_compared(indicator, values, head)
    form = ValueFilterForm(request.GET or None, indicator=indicator)
    page = Paginator(form.filter(values), VALUES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "over_time": _over_time(indicator, values, head),
            "latest": head,
            "latest_judgement": head.compare_with(
                areas["comparator"], indicator.polarity
            )
            if head
            else "",
            **areas,
        },
    )


def _breakdown(value):
    return {
        "sex": value.sex,
        "age": value.age,
        "category_type": value.category_type,
        "category": value.category,
    }


def _headline(values):
    """The newest local value: persons of all ages, uncategorised, if given."""
    return (
        values.filter(area__code=settings.HOME_AREA_CODE)
        .annotate(
            breakdown_rank=Case(
                When(sex="Persons", age="All ages", category="", then=0),
                When(sex="Persons", then=1),
                default=2,
            )
        )
        .order_by("-period_key", "breakdown_rank", "sex", "age", "category")
        .first()
    )


def _areas_compared(indicator, values, head):
    """Every area's value for the newest local period and breakdown, England
    first, each judged against England as the dashboard judges Coventry."""
    if not head:
        return {"compared": [], "areas_chart": "", "comparator": None}
    same = list(values.filter(period_key=head.period_key, **_breakdown(head)))
    england = next(
        (v for v in same if v.area.code == settings.COMPARATOR_AREA_CODE), None
    )
    order = {"country": 0, "region": 1, "local_authority": 2, "ward": 3}
    same.sort(key=lambda v: (order.get(v.area.area_type, 9), v.area.name))
    compared = []
    for v in same:
        words = "" if v is england else v.compare_with(england, indicator.polarity)
        compared.append((v, words, judgement_slug(words)))
    unit = f" ({indicator.unit})" if indicator.unit else ""
    chart = ""
    if len(same) > 1:
        chart = charts.area_bars(
            f"{indicator.name}{unit}, {head.period_label}, by area",
            f"One bar per area: {', '.join(v.area.name for v in same)}. Lines across "
            "the bars are 95% confidence intervals. The table below gives each value.",
            [(v.area.name, v.value, v.lower_ci_95, v.upper_ci_95) for v in same],
        )
    return {
        "compared": compared,
        "areas_chart": chart,
        "compared_period": head,
        "comparator": england,
    }


def _over_time(indicator, values, head):
    """The headline breakdown over the newest periods for the local area,
    England and the region, as a chart and the table beside it."""
    if not head:
        return {}
    same = values.filter(**_breakdown(head))
    newest = (
        same.filter(area=head.area)
        .order_by("-period_key")
        .values("period_key")[:CHART_PERIODS]
    )
    codes = [
        settings.HOME_AREA_CODE,
        settings.COMPARATOR_AREA_CODE,
        settings.REGION_AREA_CODE,
    ]
    rows = same.filter(area__code__in=codes, period_key__in=newest)
    areas, periods = {}, {}
    for v in rows.order_by("period_key"):
        areas.setdefault(v.area, {})[v.period_key] = v
        periods[v.period_key] = v.period_label
    ordered = sorted(areas, key=lambda a: codes.index(a.code))
    series = [
        charts.Series(
            area.name,
            [
                (v.period_label, v.value, v.lower_ci_95, v.upper_ci_95)
                for v in areas[area].values()
            ],
        )
        for area in ordered
    ]
    unit = f" ({indicator.unit})" if indicator.unit else ""
    description = (
        f"{indicator.name}{unit} over the newest {len(periods)} periods for "
        f"{', '.join(s.name for s in series)}. Vertical bars are 95% confidence "
        "intervals. The table below the chart gives every value in it."
    )
    return {
        "chart": charts.time_series(
            f"{indicator.name}{unit}", description, series, chart_id="over-time"
        ),
        "areas": ordered,
        "rows": [
            (label, [areas[a].get(key) for a in ordered])
            for key, label in reversed(periods.items())
        ],
    }


def indicator_export(request, fmt):
    """All values (or one indicator's) in Fingertips' CSV shape, or as JSON."""
    values = IndicatorValue.objects.select_related(
        "indicator", "area__parent"
    ).order_by("indicator__fingertips_id", "area__code", "period_key")
    if slug := request.GET.get("indicator"):
        values = values.filter(indicator__slug=slug)
    audit.exported(request, f"indicators.{fmt}" + (f" ({slug})" if slug else ""))
    if fmt == "json":
        rows = list(fingertips.export_rows(values))
        return licence.add_link(
            JsonResponse({"values": rows, "license": licence.LICENSE})
        )
    response = HttpResponse(
        fingertips.export_csv(values), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="indicators.csv"'
    return licence.add_link(response)


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def indicator_import(request):
    """Upload a Fingertips CSV; a Celery worker imports it while the job's page
    shows its progress. The same file sent again while it is still being
    imported (a double submit) goes to the import already under way."""
    form = FingertipsUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        upload = request.FILES["file"]
        job = ImportJob.objects.filter(
            sha256=form.sha256,
            status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
        ).first()
        if job:
            messages.info(request, "This file is already being imported.")
        else:
            job = ImportJob(
                original_name=upload.name[:255],
                sha256=form.sha256,
                uploaded_by=request.user,
            )
            job.file.save(
                "fingertips.csv",
                ContentFile(form.cleaned_data["file"].encode()),
                save=False,
            )
            job.save()
            handed = []
            transaction.on_commit(
                lambda: handed.append(notify.to_queue(tasks.run_import, job.pk))
            )
            if handed == [False]:
                messages.warning(
                    request,
                    "The import queue cannot be reached just now. The file is "
                    "saved, and it will be imported automatically once the queue "
                    "is back.",
                )
        return redirect("indicators:import_job", job.pk)
    jobs = ImportJob.objects.select_related("uploaded_by")[:10]
    return render(
        request, "indicators/indicator_import.html", {"form": form, "jobs": jobs}
    )


@role_required(OFFICER)
def import_job(request, pk):
    job = get_object_or_404(ImportJob, pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "status_text": job.get_status_display(),
                "rows_read": job.rows_read,
                "rows_total": job.rows_total,
                "percent": job.percent,
                "summary": job.summary,
                "finished": not job.is_active,
            }
        )
    return render(request, "indicators/import_job.html", {"job": job})


@role_required(OFFICER)
@require_http_methods(["GET", "POST"])
def value_add(request):
    form = LocalValueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        value = form.save(commit=False)
        value.source = f"Entered by {request.user.get_full_name() or request.user}"
        existing = IndicatorValue.objects.filter(
            indicator=value.indicator,
            area=value.area,
            period_key=value.period_key,
            sex=value.sex,
            age=value.age,
            category_type=value.category_type,
            category=value.category,
        ).first()
        if existing:
            form.add_error(
                "period_label",
                "There is already a value for this period: change it in the admin",
            )
        else:
            value.save()
            messages.success(request, f"Saved: {value}")
            return redirect("indicators:detail", value.indicator.slug)
    return render(
        request,
        "meetings/form_page.html",
        {"form": form, "heading": "Enter a local value"},
    )


@public_page
def watchlist(request):
    """Red-red indicators: significantly worse than England and getting worse."""
    rows = [row for row in summary.comparisons() if row.red_red]
    return render(request, "indicators/watchlist.html", {"rows": rows})
