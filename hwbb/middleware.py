"""A request carrying a null character is refused in words before any view
reads it: PostgreSQL cannot store or compare one, so a slug or a search
filter holding "%00" would otherwise end in a server error."""

from django.http import JsonResponse
from django.shortcuts import render

NULL = "\x00"
MESSAGE = "Null characters are not allowed in an address or its query."


def _has_null(request):
    if NULL in request.path:
        return True
    return any(
        NULL in key or any(NULL in value for value in values)
        for key, values in request.GET.lists()
    )


class RefuseNullCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _has_null(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGE}, status=400)
        return render(request, "400.html", {"message": MESSAGE}, status=400)
