from django.shortcuts import render

from meetings.models import Meeting
from strategy.models import Pillar, Priority, ProgressReport


def home(request):
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    return render(
        request,
        "home.html",
        {
            "upcoming": meetings.upcoming()[:5],
            "recent": meetings.filter(status=Meeting.Status.HELD)[:3],
            "pillars": Pillar.objects.kings_fund(),
            "priorities": Priority.objects.current().select_related("version"),
            "returns_asked": ProgressReport.objects.filter(
                requested_of__user=request.user.pk,
                status__in=ProgressReport.AWAITED,
            ).count()
            if request.user.is_authenticated
            else 0,
        },
    )
