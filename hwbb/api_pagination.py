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


class OcdPagination(Pagination):
    """Twenty events a page, with the `pagination` object the Open Civic Data
    (Open States) API answers with beside REST framework's count and links:
    an event carries its whole agenda, so a page of fifty ran to hundreds of
    kilobytes."""

    page_size = 20
    max_page_size = 100

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["pagination"] = self._pagination()
        return response

    def _pagination(self):
        paginator = self.page.paginator
        return {
            "page": self.page.number,
            "max_page": paginator.num_pages,
            "per_page": paginator.per_page,
            "total_items": paginator.count,
        }

    def get_paginated_response_schema(self, schema):
        paged = super().get_paginated_response_schema(schema)
        number = {"type": "integer", "minimum": 0}
        paged["properties"]["pagination"] = {
            "type": "object",
            "required": ["page", "max_page", "per_page", "total_items"],
            "properties": {
                "page": {**number, "example": 1},
                "max_page": {**number, "example": 4},
                "per_page": {**number, "example": self.page_size},
                "total_items": {**number, "example": 72},
            },
        }
        paged["required"] = [*paged.get("required", []), "pagination"]
        return paged
