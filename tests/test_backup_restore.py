"""`manage.py backup` and `restore` round-trip the database and the media, and
restore refuses an archive it cannot trust before it changes anything.

pg_restore runs in a connection of its own, so these tests commit their data
(transaction=True)."""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from meetings import demo
from tests import factories
from tests.conftest import service_missing

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pg_tools():
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            service_missing(
                f"{tool} not found (make system-deps installs postgresql-client)"
            )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def table_digests():
    """Each table's row count and a digest of all its rows (sorted, so the
    order rows come back in does not matter), and each sequence's position."""
    qn = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {qn(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            found[table] = (len(rows), digest)
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences"
            " WHERE schemaname = 'public'"
        )
        found.update({f"sequence {name}": value for name, value in cursor})
    return found


def file_digests(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def state(media):
    return table_digests(), file_digests(media)


def wipe(media):
    """Drop every table and delete every file: a new, empty server."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {qn(table)} CASCADE")
    shutil.rmtree(media)
    media.mkdir()


def backup(path):
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def restore(path, *args):
    out = io.StringIO()
    call_command("restore", str(path), "--noinput", *args, stdout=out)
    return out.getvalue()


def rewrite(source, target, change=lambda name, data: data, extra=()):
    """A copy of an archive with some members' bytes changed and `extra`
    (TarInfo, bytes) members added, as someone altering it would."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
        for member, data in extra:
            new.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def with_manifest(source, target, edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return rewrite(source, target, change)


@pytest.fixture
def archived(pg_tools, media, tmp_path):
    """A small board with Part 2 business and its paper, a nested file, and
    the archive of it all; returns (archive, state at the backup)."""
    factories.exempt_business(factories.BodyFactory())
    (media / "imports" / "2026").mkdir(parents=True)
    (media / "imports" / "2026" / "values.csv").write_text("area,value\nE08,1\n")
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    return archive, state(media)


def test_demo_round_trips_every_row_and_file(pg_tools, media, tmp_path):
    demo.load(papers=True)
    before = state(media)
    assert len(before[1]) >= 10, "the demo's papers are files under MEDIA_ROOT"
    archive = tmp_path / "demo.tar.gz"

    summary = backup(archive)
    wipe(media)
    assert state(media) == ({}, {})
    restored = restore(archive)

    assert state(media) == before
    counts = [v[0] for k, v in before[0].items() if not k.startswith("sequence ")]
    tables, rows = len(counts), sum(counts)
    for line in (summary, restored):
        assert f"{tables} tables, {rows:,} rows, {len(before[1])} files" in line


def test_archive_holds_a_manifest_of_rows_digests_and_migrations(archived):
    archive, (tables, files) = archived
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        names = opened.getnames()
    assert manifest["vendor"] == "postgresql"
    assert (
        manifest["latest_migrations"]["meetings"]
        == (manifest["migrations"]["meetings"][-1])
    )
    assert manifest["tables"]["meetings_document"] == 1
    assert manifest["tables"] == {
        k: v[0] for k, v in tables.items() if not k.startswith("sequence ")
    }
    assert {n: bytes.fromhex(f["sha256"]) for n, f in manifest["files"].items()} == (
        files
    )
    assert "database/postgresql.dump" in names
    assert "pg_dump (PostgreSQL)" in manifest["tools"]["pg_dump"]


def test_restore_onto_data_refuses_without_replace_and_changes_nothing(archived, media):
    archive, at_backup = archived
    factories.BodyFactory(name="Added after the backup")
    (media / "later.txt").write_text("written after the backup")
    now = state(media)

    with pytest.raises(CommandError, match="database is not empty"):
        restore(archive)
    assert state(media) == now

    restore(archive, "--replace")
    assert state(media) == at_backup


def test_a_restore_that_fails_part_way_changes_nothing(archived, media):
    """The drops and the dump's script run in one transaction: here the
    script's own DROP TABLE fails (a sequence has taken the table's name)
    after every table was dropped, and all of it must be rolled back."""
    archive, at_backup = archived
    factories.BodyFactory(name="Added after the backup")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE django_session")
        cursor.execute("CREATE SEQUENCE django_session")
    now = state(media)

    with pytest.raises(CommandError, match="rolled back; nothing changed"):
        restore(archive, "--replace")
    assert state(media) == now

    with connection.cursor() as cursor:  # the later tests need the table
        cursor.execute("DROP SEQUENCE django_session")
    restore(archive, "--replace")
    assert state(media) == at_backup


def test_restore_refuses_a_file_that_does_not_match_its_digest(
    archived, media, tmp_path
):
    archive, _ = archived
    now = state(media)
    tampered = rewrite(
        archive,
        tmp_path / "tampered.tar.gz",
        lambda name, data: data + b"\n,E09,2" if name.endswith(".csv") else data,
    )
    with pytest.raises(CommandError, match="values.csv does not match its digest"):
        restore(tampered, "--replace")
    assert state(media) == now


def _member(name, kind=tarfile.REGTYPE, link=""):
    member = tarfile.TarInfo(name)
    member.type, member.linkname = kind, link
    member.size = 5 if kind == tarfile.REGTYPE else 0
    return member, b"owned" if kind == tarfile.REGTYPE else None


@pytest.mark.parametrize(
    "hostile",
    [
        _member("media/../../owned.txt"),
        _member("../owned.txt"),
        _member("/tmp/hwbb-backup-owned.txt"),
        _member("media/owned.txt", tarfile.SYMTYPE, "/etc/passwd"),
        _member("media/owned.txt", tarfile.LNKTYPE, "../../owned.txt"),
        _member("media/dev", tarfile.CHRTYPE),
    ],
    ids=["dot-dot", "parent", "absolute", "symlink", "hardlink", "device"],
)
def test_restore_refuses_a_member_that_could_land_outside(
    archived, media, tmp_path, hostile
):
    archive, _ = archived
    now = state(media)
    evil = rewrite(archive, tmp_path / "evil.tar.gz", extra=[hostile])
    with pytest.raises(CommandError, match="Refusing the archive"):
        restore(evil, "--replace")
    assert state(media) == now
    assert not (tmp_path / "owned.txt").exists()
    assert not Path("/tmp/hwbb-backup-owned.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backup.tar.gz",
        "evil.tar.gz",
        "media",
    ], "the staging directory is removed"


def test_restore_refuses_an_archive_from_newer_code(archived, media, tmp_path):
    archive, _ = archived
    newer = with_manifest(
        archive,
        tmp_path / "newer.tar.gz",
        lambda m: m["migrations"]["meetings"].append("9999_from_the_future"),
    )
    now = state(media)
    with pytest.raises(CommandError, match="meetings.9999_from_the_future"):
        restore(newer, "--replace")
    assert state(media) == now


def test_restore_refuses_another_database_vendor(archived, media, tmp_path):
    archive, _ = archived
    other = with_manifest(
        archive, tmp_path / "sqlite.tar.gz", lambda m: m.update(vendor="sqlite")
    )
    with pytest.raises(CommandError, match="holds a sqlite database"):
        restore(other, "--replace")


def _manage(*args, env, fails=False):
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert bool(done.returncode) == fails, done.stderr
    return done.stderr if fails else done.stdout


def test_sqlite_round_trip_in_its_own_process(tmp_path):
    """The embedded default: the online backup API, and back."""
    database, media = tmp_path / "site.sqlite3", tmp_path / "media"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "hwbb.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
    }
    _manage("migrate", "--noinput", "-v0", env=env)
    _manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "User.objects.create_user('kept', password='a-long-passphrase')",
        env=env,
    )
    (media / "packs").mkdir(parents=True)
    (media / "packs" / "pack.pdf").write_bytes(b"%PDF-1.4 pack")

    def sqlite_state():
        with sqlite3.connect(database) as db:
            users = db.execute("SELECT username, password FROM auth_user").fetchall()
            migrations = db.execute("SELECT COUNT(*) FROM django_migrations")
            return users, migrations.fetchone(), file_digests(media)

    before = sqlite_state()
    _manage("backup", str(tmp_path / "site.tar.gz"), env=env)
    database.unlink()
    shutil.rmtree(media)
    out = _manage("restore", str(tmp_path / "site.tar.gz"), "--noinput", env=env)
    assert "1 files" in out
    assert sqlite_state() == before

    # Not on a terminal, so nobody can be asked: a database with data stays.
    refused = _manage("restore", str(tmp_path / "site.tar.gz"), env=env, fails=True)
    assert "The database is not empty" in refused


def test_backup_refuses_to_write_into_media(pg_tools, media):
    with pytest.raises(CommandError, match="outside MEDIA_ROOT"):
        backup(media / "nightly.tar.gz")
    assert file_digests(media) == {}
