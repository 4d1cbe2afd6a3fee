"""The load bench's bare views exist only when the bench turns them on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parent.parent


def _root_urlconf(**env):
    """ROOT_URLCONF as a fresh process's settings read it from `env`."""
    clean = {k: v for k, v in os.environ.items() if k != "BENCH_BARE_VIEWS"}
    result = subprocess.run(
        [sys.executable, "-c", "import hwbb.settings as s; print(s.ROOT_URLCONF)"],
        env={**clean, "DEBUG": "1", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_bare_views_are_not_routed_by_default(client, db):
    assert settings.ROOT_URLCONF == "hwbb.urls"
    for url in ("/bench/bare/", "/bench/bare-query/"):
        with pytest.raises(Resolver404):
            resolve(url)
        assert client.get(url).status_code == 404


def test_settings_route_them_only_when_the_bench_asks():
    assert _root_urlconf() == "hwbb.urls"
    assert _root_urlconf(BENCH_BARE_VIEWS="0") == "hwbb.urls"
    assert _root_urlconf(BENCH_BARE_VIEWS="1") == "hwbb.bench_urls"


@override_settings(ROOT_URLCONF="hwbb.bench_urls")
def test_the_bench_urls_serve_the_bare_views_beside_the_site(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert client.get("/bench/bare/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/bench/bare-query/").status_code == 200
    assert client.get("/search/").status_code == 200
