"""The API's paging, apart from hwbb/api.py: REST framework reads it while
its own viewsets module is still being imported."""

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from hwbb.paging import KeysFirstPaginator


class Pagination(pagination.PageNumberPagination):
    """Fifty rows a page; ?page_size= from 1 to 200, anything else an error.
    A page is found by its keys first (hwbb/paging.py)."""

    django_paginator_class = KeysFirstPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None or asked == "":
            return self.page_size
        if not (asked.isascii() and asked.isdigit()) or not (
            1 <= int(asked) <= self.max_page_size
        ):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return int(asked)

    def get_paginated_response_schema(self, schema):
        """REST framework's, with the examples on this site, not its
        placeholder api.example.org."""
        paged = super().get_paginated_response_schema(schema)
        site = settings.SITE_URL.rstrip("/")
        for name, page in (("next", 4), ("previous", 2)):
            paged["properties"][name]["example"] = f"{site}/api/meetings/?page={page}"
        return paged
