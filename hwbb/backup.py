"""Backups: the database and the media in one archive, and back again.

The archive is a gzipped tar of
    database/postgresql.dump   pg_dump --format=custom (or database/sqlite3.db,
                               a copy made with SQLite's online backup API)
    media/<path>               every file under MEDIA_ROOT
    manifest.json              what the rest must be: format, vendor, the
                               migrations applied, each table's rows, each
                               file's size and sha256, the tools' versions
The manifest comes last because a file's digest is taken while it is written
(a file read twice could change in between, and the archive would then refuse
to restore). A restore reads the whole archive into a staging directory
beside MEDIA_ROOT and checks all of it before it touches the database or the
media; the database is then replaced in one transaction and the media in one
rename, so a failure part way leaves things as they were.

Django's `dumpdata`/`loaddata` is not used: it loses the sequences (new rows
would collide with restored ids until `sqlsequencereset`), it reads each model
in its own query (no consistent snapshot of a running site), it sees only the
ORM's models (not the schema the migrations made with SQL, so it needs the
same code's `migrate` first) and it loads row by row through the ORM, far
slower than pg_restore's COPY.
"""

import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
KIND = "hwbb-backup"
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database/postgresql.dump", "sqlite": "database/sqlite3.db"}
MEDIA = "media"
# Tables that `migrate` fills by itself: a database whose rows are all in
# these counts as empty, so a fresh `migrate` does not call for --replace.
MIGRATE_WRITES = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
    }
)
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The archive cannot be written or must not be restored; says why."""


@dataclass
class Summary:
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float
    archive_bytes: int = 0

    def line(self, verb, path):
        return (
            f"{verb} {path}: {self.tables} tables, {self.rows:,} rows, "
            f"{self.files} files, {self.bytes:,} bytes of media, "
            f"archive {self.archive_bytes:,} bytes, {self.seconds:.1f} s"
        )


# Writing -----------------------------------------------------------------


def backup_create(*, path, using="default"):
    """Write the database and the media to one archive at `path` (written
    under a temporary name beside it, then renamed). Returns a Summary."""
    began = time.perf_counter()
    connection = connections[using]
    if connection.vendor not in DUMPS:
        raise BackupError(f"Cannot back up a {connection.vendor} database.")
    path = Path(path).absolute()
    if path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError("Write the archive outside MEDIA_ROOT, or it holds itself.")
    with tempfile.TemporaryDirectory(prefix=".hwbb-backup-", dir=path.parent) as tmp:
        dump = Path(tmp) / "database"
        if connection.vendor == "postgresql":
            state = _dump_postgresql(connection, dump)
        else:
            state = _dump_sqlite(connection, dump)
        partial = Path(tmp) / "archive.tar.gz"
        manifest = _write_archive(partial, connection.vendor, dump, state)
        os.replace(partial, path)
    return _summary(manifest, began, path.stat().st_size)


def _dump_postgresql(connection, target):
    """pg_dump in the snapshot of a transaction that also counts the rows and
    reads the migrations, so the manifest describes exactly the dump."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server = cursor.fetchone()
        state = _state(connection, cursor)
        pg_dump = _run(
            ["pg_dump", "--version"], pg_env(connection.settings_dict)
        ).strip()
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                "--compress=0",  # the archive's gzip compresses it once
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            pg_env(connection.settings_dict),
        )
    state["tools"].update(pg_dump=pg_dump, postgresql_server=server)
    return state


def _dump_sqlite(connection, target):
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        cursor = copy.cursor()
        tables = [
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%'"
            )
        ]
        state = _state(connection, cursor, tables)
    finally:
        source.close()
        copy.close()
    state["tools"]["sqlite"] = sqlite3.sqlite_version
    return state


def _state(connection, cursor, tables=None):
    if tables is None:
        tables = connection.introspection.table_names(cursor)
    qn = connection.ops.quote_name
    rows = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
        rows[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    tools = {"python": platform.python_version(), "django": django.get_version()}
    return {"rows": rows, "migrations": migrations, "tools": tools}


def _write_archive(target, vendor, dump, state):
    media = media_files()
    files = {}
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        database = _add(archive, DUMPS[vendor], dump)
        for relative, source in media:
            files[relative] = _add(archive, f"{MEDIA}/{relative}", source)
        manifest = {
            "kind": KIND,
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": vendor,
            "migrations": state["migrations"],
            "latest_migrations": {a: n[-1] for a, n in state["migrations"].items()},
            "tables": state["rows"],
            "database": {"member": DUMPS[vendor], **database},
            "files": files,
            "tools": state["tools"],
        }
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
        archive.addfile(info, io.BytesIO(data))
    return manifest


def media_files():
    """(path relative to MEDIA_ROOT, absolute path) of every regular file
    under MEDIA_ROOT, sorted. Symbolic links are not followed: the app never
    makes them, and one could point anywhere."""
    root = Path(settings.MEDIA_ROOT)
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            source = Path(folder) / name
            if source.is_file() and not source.is_symlink():
                found.append((source.relative_to(root).as_posix(), source))
    return sorted(found)


class _Hashing(io.RawIOBase):
    """A file that hashes what is read from it."""

    def __init__(self, raw):
        self.raw, self.sha256 = raw, hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add(archive, name, source):
    with open(source, "rb") as raw:
        info = archive.gettarinfo(fileobj=raw, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mode = 0o644
        reader = _Hashing(raw)
        archive.addfile(info, reader)
    return {"size": info.size, "sha256": reader.sha256.hexdigest()}


# Restoring ----------------------------------------------------------------


def backup_restore(*, path, using="default", replace=False, confirm=None):
    """Put an archive back: check it all, then the database, then the media.

    A database that holds more than `migrate` writes is replaced only with
    `replace` or when `confirm()` (asked on a terminal) says yes."""
    began = time.perf_counter()
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    staging = _staging_dir(media_root)
    try:
        manifest, seen = _extract(path, staging)
        _check(manifest, seen, connection)
        if not replace and not database_is_empty(connection):
            if confirm is None or not confirm():
                raise BackupError(
                    "The database is not empty: it holds data beyond what "
                    "`migrate` writes. Nothing was changed. Give --replace to "
                    "replace it with the archive."
                )
        dump = staging / manifest["database"]["member"]
        if connection.vendor == "postgresql":
            _restore_postgresql(connection, dump)
        else:
            _restore_sqlite(connection, dump)
        _swap_media(staging, media_root)
        ContentType.objects.clear_cache()
        _check_rows(manifest, connection)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _summary(manifest, began, Path(path).stat().st_size)


def _staging_dir(media_root):
    """Beside MEDIA_ROOT, on the same file system, so the swap is a rename;
    inside it when it is a mount point (a container's volume)."""
    if media_root.is_dir() and os.path.ismount(media_root):
        parent = media_root
    else:
        parent = media_root.parent
        parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".hwbb-restore-", dir=parent))


def safe_member_path(name):
    """The member's path, or BackupError when it could land outside the
    staging directory: absolute, with `..`, empty parts or backslashes."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        raise BackupError(f"Refusing the archive: unsafe member path {name!r}.")
    parts = PurePosixPath(name).parts
    if any(part in ("", ".", "..") for part in parts) or name.endswith("/"):
        raise BackupError(f"Refusing the archive: unsafe member path {name!r}.")
    return PurePosixPath(*parts)


def _extract(path, staging):
    """Every member into `staging`, each file written by us (never by
    tarfile's extract), with its digest taken on the way. Only regular files
    are accepted: a link or a device is refused."""
    manifest, seen = None, {}
    try:
        archive = tarfile.open(path, "r|gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read {path}: {error}") from error
    with archive:
        for member in archive:
            name = safe_member_path(member.name)
            if not member.isfile():
                raise BackupError(
                    f"Refusing the archive: {member.name!r} is not a regular file."
                )
            if str(name) in seen or (str(name) == MANIFEST and manifest):
                raise BackupError(f"Refusing the archive: {name} appears twice.")
            source = archive.extractfile(member)
            if str(name) == MANIFEST:
                manifest = _read_manifest(source)
                continue
            if name.parts[0] not in (MEDIA, "database"):
                raise BackupError(f"Refusing the archive: unexpected member {name}.")
            seen[str(name)] = _write_member(source, staging / name)
    if manifest is None:
        raise BackupError(f"{path} has no {MANIFEST}: not an HWBB backup.")
    return manifest, seen


def _read_manifest(source):
    try:
        manifest = json.loads(source.read(64 * CHUNK))
    except ValueError as error:
        raise BackupError(f"The manifest is not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise BackupError("The manifest is not an HWBB backup's.")
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Archive format {manifest.get('format')!r}; this code reads {FORMAT}."
        )
    return manifest


def _write_member(source, target):
    digest, size = hashlib.sha256(), 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except OSError as error:
        raise BackupError(
            f"Refusing the archive: cannot stage {target}: {error}"
        ) from error
    return {"size": size, "sha256": digest.hexdigest()}


def _check(manifest, seen, connection):
    """Everything that could make a restore wrong, before anything changes."""
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest['vendor']} database; this site uses "
            f"{connection.vendor}. Restore it onto a {manifest['vendor']} database."
        )
    _check_migrations(manifest["migrations"], connection)
    files = manifest["files"].items()
    expected = {f"{MEDIA}/{safe_member_path(n)}": d for n, d in files}
    database = manifest["database"]
    if database.get("member") != DUMPS[connection.vendor]:
        raise BackupError("The manifest names an unexpected database member.")
    expected[database["member"]] = {k: database[k] for k in ("size", "sha256")}
    for name, digest in sorted(expected.items()):
        if name not in seen:
            raise BackupError(f"Refusing the archive: {name} is missing from it.")
        if seen[name] != digest:
            raise BackupError(
                f"Refusing the archive: {name} does not match its digest in the "
                "manifest (the archive is damaged or was altered)."
            )
    extra = sorted(set(seen) - set(expected))
    if extra:
        raise BackupError(f"Refusing the archive: {extra[0]} is not in the manifest.")


def _check_migrations(archived, connection):
    """Refuse an archive from newer code: a migration it applied that this
    code does not have. An older archive is fine: `migrate` brings it up."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for app, names in sorted(archived.items()):
        for name in names:
            if (app, name) not in known:
                raise BackupError(
                    f"The archive's database has migration {app}.{name}, which "
                    "this code does not know: it was made by a newer version of "
                    "HWBB. Deploy that version (or newer), then restore."
                )


def database_is_empty(connection):
    """No row outside the tables `migrate` fills by itself."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in MIGRATE_WRITES:
                continue
            cursor.execute(f"SELECT 1 FROM {qn(table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


def _restore_postgresql(connection, dump):
    """Drop every table there is and load the dump, in one transaction: psql
    runs the drops and then pg_restore's script with --single-transaction
    and ON_ERROR_STOP, so on any error the database is left as it was. The
    drops come first because the site's tables may be newer than the dump's
    (an older archive), and pg_restore --clean drops only what it restores.
    The script is written out whole first: were it piped, a pg_restore that
    failed part way would leave psql a short script that commits."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    qn = connection.ops.quote_name
    drops, script = dump.parent / "drops.sql", dump.parent / "restore.sql"
    drops.write_text(
        "".join(f"DROP TABLE IF EXISTS {qn(t)} CASCADE;\n" for t in tables)
    )
    env = pg_env(connection.settings_dict)
    _run(["psql", "--version"], env)
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl",
         f"--file={script}", str(dump)],
        env,
    )  # fmt: skip
    connection.close()
    loaded = subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "--single-transaction",
         "--set=ON_ERROR_STOP=1", f"--file={drops}", f"--file={script}"],
        capture_output=True,
        text=True,
        env=env,
    )  # fmt: skip
    if loaded.returncode:
        raise BackupError(
            "The database restore failed and was rolled back; nothing changed.\n"
            + loaded.stderr
        )


def _restore_sqlite(connection, dump):
    """SQLite's backup API copies the archived database over the site's in
    one step, under the database's lock."""
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _swap_media(staging, media_root):
    """The staged media becomes MEDIA_ROOT by renames; the old media ends up
    in the staging directory, which the caller removes."""
    staged, old = staging / MEDIA, staging / "replaced"
    staged.mkdir(exist_ok=True)
    if staging.parent == media_root:  # a mount point: swap what is inside
        old.mkdir()
        for child in media_root.iterdir():
            if child != staging:
                child.rename(old / child.name)
        for child in staged.iterdir():
            child.rename(media_root / child.name)
        return
    if media_root.exists():
        media_root.rename(old)
    staged.rename(media_root)


def _check_rows(manifest, connection):
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, expected in manifest["tables"].items():
            cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")
            found = cursor.fetchone()[0]
            if found != expected:
                raise BackupError(
                    f"After the restore {table} has {found} rows; the archive "
                    f"says {expected}."
                )


# Both ---------------------------------------------------------------------


def pg_env(settings_dict):
    """The connection settings as libpq's environment variables, so that no
    password ever appears on a command line (where `ps` would show it)."""
    options = settings_dict.get("OPTIONS") or {}
    env = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
    }
    base = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return base | {k: v for k, v in env.items() if v}


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install "
            "postgresql-client, of the server's major version or newer)."
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")
    return done.stdout


def _summary(manifest, began, archive_bytes):
    return Summary(
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        files=len(manifest["files"]),
        bytes=sum(f["size"] for f in manifest["files"].values()),
        seconds=time.perf_counter() - began,
        archive_bytes=archive_bytes,
    )
