"""The database contract: durable settings or no start, checked
migrations, and an application role that cannot change the schema."""
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import ROOT, VAR

PORTAL = os.path.join(ROOT, "cgi", "portal")


def psql(role, sql, db="portal"):
    env = dict(os.environ, PGPASSFILE=os.path.join(VAR, "secrets", "pgpass-" + role))
    return subprocess.run(["psql", "-X", "-q", "-At", "-h", os.path.join(VAR, "run"),
                           "-U", role, "-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql],
                          env=env, capture_output=True, text=True, timeout=30)


def portal(*args, root=ROOT, timeout=30):
    out = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "env"],
                         env=dict(os.environ, VAR=VAR), capture_output=True,
                         text=True, check=True)
    env = dict(os.environ)
    for line in out.stdout.splitlines():
        k, _, v = line.partition("=")
        env[k] = v
    env["PORTAL_ROOT"] = root
    env["PORTAL_SOCKET"] = os.path.join(VAR, "run", "refused.sock")
    return subprocess.run([PORTAL] + list(args), env=env, capture_output=True,
                          text=True, timeout=timeout)


class Roles(unittest.TestCase):
    def test_application_role_cannot_create_tables(self):
        r = psql("portal_app", "CREATE TABLE intruder (x int)")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("permission denied", r.stderr)

    def test_application_role_cannot_drop_reference_tables(self):
        r = psql("portal_app", "DROP TABLE schema_migrations")
        self.assertNotEqual(r.returncode, 0)

    def test_application_role_cannot_read_migration_records(self):
        r = psql("portal_app", "SELECT count(*) FROM schema_migrations")
        self.assertNotEqual(r.returncode, 0)


class Migrations(unittest.TestCase):
    def test_migrate_again_changes_nothing(self):
        before = psql("portal_owner", "SELECT count(*), max(version) FROM schema_migrations")
        r = portal("migrate")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("applied", r.stdout)
        after = psql("portal_owner", "SELECT count(*), max(version) FROM schema_migrations")
        self.assertEqual(before.stdout, after.stdout)

    def test_edited_migration_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            shutil.copytree(os.path.join(ROOT, "sql"), os.path.join(d, "sql"))
            path = os.path.join(d, "sql", "migrations", "0001_foundation.sql")
            with open(path, "a") as f:
                f.write("\n-- an innocent-looking edit\n")
            r = portal("migrate", root=d)
        self.assertEqual(r.returncode, 1)
        self.assertIn("0001_foundation.sql was edited after it was applied", r.stderr)

    def test_migration_recorded_with_checksum(self):
        r = psql("portal_owner", "SELECT name, length(sha256) FROM schema_migrations "
                 "WHERE version = 1")
        self.assertEqual(r.stdout.strip(), "0001_foundation.sql|64")


class Durability(unittest.TestCase):
    def set(self, name, value):
        r = psql("postgres", "ALTER SYSTEM SET %s = %s" % (name, value), db="postgres")
        self.assertEqual(r.returncode, 0, r.stderr)
        psql("postgres", "SELECT pg_reload_conf()", db="postgres")

    def tearDown(self):
        psql("postgres", "ALTER SYSTEM RESET ALL", db="postgres")
        psql("postgres", "SELECT pg_reload_conf()", db="postgres")

    def test_serve_refuses_to_start_without_fsync(self):
        self.set("fsync", "off")
        r = portal("serve")
        self.assertEqual(r.returncode, 1)
        self.assertIn("fsync is off", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(VAR, "run", "refused.sock")))

    def test_serve_refuses_to_start_without_synchronous_commit(self):
        self.set("synchronous_commit", "off")
        r = portal("serve")
        self.assertEqual(r.returncode, 1)
        self.assertIn("synchronous_commit is off", r.stderr)


if __name__ == "__main__":
    unittest.main()
