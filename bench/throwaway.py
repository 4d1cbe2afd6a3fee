"""The benchmarks' throwaway PostgreSQL database."""

import os
from urllib.parse import urlparse

import psycopg

URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hwbb_bench"
)


def recreate_database(url=URL):
    """Drop the database and create it empty."""
    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
