"""The API's paging, apart from hwbb/api.py: REST framework reads it while
its own viewsets module is still being imported."""

from rest_framework import pagination


class Pagination(pagination.PageNumberPagination):
    """Fifty rows a page; ?page_size= up to 200."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
