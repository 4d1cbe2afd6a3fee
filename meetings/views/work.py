from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from meetings import work


@login_required
def your_work(request):
    """A signed-in person's work, across their roles, most urgent first."""
    return render(
        request, "meetings/your_work.html", {"lines": work.your_work(request.user)}
    )
