from django.conf import settings
from django.shortcuts import get_object_or_404, render

from indicators.models import Indicator


def indicator_list(request):
    rows = Indicator.objects.comparisons(
        settings.HOME_AREA_CODE, settings.COMPARATOR_AREA_CODE
    )
    return render(request, "indicators/indicator_list.html", {"rows": rows})


def indicator_detail(request, slug):
    indicator = get_object_or_404(Indicator, slug=slug)
    values = indicator.values.select_related("area").order_by(
        "period_key", "area__area_type", "area__name"
    )
    return render(
        request,
        "indicators/indicator_detail.html",
        {"indicator": indicator, "values": values},
    )
