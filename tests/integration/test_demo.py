"""portal demo-data: counts, distribution, determinism, refusals, banner.

Runs against databases of its own on the test stack's cluster (created from
a migrated template, dropped at the end): the stack's own database stays
empty of demo data for the other tests.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import unittest

import harness
from harness import ROOT, VAR, request, wait_until
from test_database import psql

PORTAL = os.path.join(ROOT, "cgi", "portal")
TEMPLATE, DB1, DB2, DB3 = "demo_tpl", "demo_one", "demo_two", "demo_real"
N = {"communications": 2000, "visits": 300, "recommendations": 400,
     "submissions": 200}
BANNER = "Demonstration data — not real communications"


def su(sql, db="postgres"):
    r = psql("postgres", sql, db=db)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return r.stdout.strip()


def q(db, sql):
    return su(sql, db=db)


def portal_env(db):
    out = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "env"],
                         env=dict(os.environ, VAR=VAR), capture_output=True,
                         text=True, check=True)
    env = dict(os.environ)
    for line in out.stdout.splitlines():
        k, _, v = line.partition("=")
        env[k] = v.replace("dbname=portal ", "dbname=%s " % db)
    env["PORTAL_ROOT"] = ROOT
    return env


def demo(db, *args, counts=None):
    argv = [PORTAL, "demo-data"]
    for k, v in (counts or N).items():
        argv += ["--" + k, str(v)]
    return subprocess.run(argv + list(args), env=portal_env(db),
                          capture_output=True, text=True, timeout=600)


def create_db(name, template=None):
    su("DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)
    sql = "CREATE DATABASE %s OWNER portal_owner%s" % (
        name, " TEMPLATE " + template if template else "")
    # A copy fails while anyone (autovacuum) is connected to the template.
    r = wait_until(lambda: psql("postgres", sql, db="postgres").returncode == 0, 20,
                   step=0.5)
    if not r:
        su(sql)
    su("GRANT CONNECT ON DATABASE %s TO portal_app" % name)
    if template is None:
        su("ALTER SCHEMA public OWNER TO portal_owner; "
           "REVOKE ALL ON SCHEMA public FROM PUBLIC; "
           "GRANT USAGE ON SCHEMA public TO portal_app", db=name)


# Every demo row by its natural key (serial ids and recording times left
# out), and the summaries the triggers keep: one digest per database.
CHECKSUM = """
SELECT md5(string_agg(t, E'\\n' ORDER BY t)) FROM (
  SELECT 'c|' || concat_ws('|', reference, type, sent_on, state, addressee,
      summary, summary_lang, public_after) FROM communications
  UNION ALL SELECT 'm|' || c.reference || '|' || m.mandate
      FROM communication_mandates m JOIN communications c ON c.id = m.communication_id
  UNION ALL SELECT 'r|' || concat_ws('|', c.reference, r.received_on,
      r.confidential, r.classification, r.summary)
      FROM replies r JOIN communications c ON c.id = r.communication_id
  UNION ALL SELECT 'o|' || concat_ws('|', c.reference, o.category,
      o.confidential, o.first_reply_on, o.replies)
      FROM communication_outcomes o JOIN communications c ON c.id = o.communication_id
  UNION ALL SELECT 's|' || concat_ws('|', state, public_after, year, type,
      category, confidential, n) FROM communication_stats
  UNION ALL SELECT 'v|' || concat_ws('|', mandate, state, requested_on, status,
      visit_start, visit_end, report_symbol) FROM visits
  UNION ALL SELECT 'i|' || state || '|' || since FROM standing_invitations
  UNION ALL SELECT 'rec|' || concat_ws('|', document_symbol, paragraph, state,
      mandate, issued_on, text, themes, affected_groups) FROM recommendations
  UNION ALL SELECT 'u|' || concat_ws('|', c.document_symbol, c.paragraph,
      u.reported_on, u.status, u.source, u.explanation, u.published)
      FROM recommendation_updates u JOIN recommendations c ON c.id = u.recommendation_id
  UNION ALL SELECT 'sub|' || concat_ws('|', id, ref, state, received_at,
      encode(sealed_key, 'hex'), encode(sealed_body, 'hex'),
      encode(receipt_hash, 'hex'), encode(code_hash, 'hex')) FROM submissions
) x (t)
"""


class DemoData(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # One migrated database with reference data, copied for each case.
        create_db(TEMPLATE)
        env = portal_env(TEMPLATE)
        for cmd in ("migrate", "load-reference"):
            r = subprocess.run([PORTAL, cmd], env=env, capture_output=True,
                               text=True, timeout=300)
            if r.returncode != 0:
                raise AssertionError(r.stderr)
        su("ALTER DATABASE %s ALLOW_CONNECTIONS false" % TEMPLATE)
        for db in (DB1, DB2, DB3):
            create_db(db, TEMPLATE)
        cls.first = demo(DB1)
        cls.first_sum = q(DB1, CHECKSUM)

    @classmethod
    def tearDownClass(cls):
        # The demo portal first: its connections would hold DB1.
        if cls._demo_proc is not None:
            stop(cls._demo_proc)
            shutil.rmtree(os.path.dirname(os.path.dirname(cls._demo_portal)),
                          ignore_errors=True)
        for db in (DB1, DB2, DB3, TEMPLATE):
            su("DROP DATABASE IF EXISTS %s WITH (FORCE)" % db)

    def test_counts_are_those_asked_and_recorded(self):
        self.assertEqual(self.first.returncode, 0, self.first.stderr)
        got = q(DB1, "SELECT (SELECT count(*) FROM communications), "
                "(SELECT count(*) FROM visits), "
                "(SELECT count(*) FROM recommendations), "
                "(SELECT count(*) FROM submissions WHERE id >= 1000000000000)")
        want = "|".join(str(N[k]) for k in ("communications", "visits",
                                             "recommendations", "submissions"))
        self.assertEqual(got, want)
        self.assertEqual(q(DB1, "SELECT concat_ws('|', seed, communications, "
                           "visits, recommendations, submissions) FROM demo_data"),
                         "1|" + want)

    def test_every_kind_of_row_is_there(self):
        n = q(DB1, "SELECT (SELECT count(DISTINCT state) FROM communications), "
              "(SELECT count(*) FROM states), "
              "(SELECT count(*) FROM communications WHERE state IS NULL), "
              "(SELECT count(*) FROM replies), "
              "(SELECT count(*) FROM standing_invitations), "
              "(SELECT count(*) FROM recommendation_updates), "
              "(SELECT count(DISTINCT status) FROM visits), "
              "(SELECT count(*) FROM communications c WHERE NOT EXISTS "
              "(SELECT FROM communication_mandates m WHERE m.communication_id = c.id))")
        letters_states, states, others, replies, inv, updates, statuses, no_mandate = \
            map(int, n.split("|"))
        self.assertGreater(letters_states, states * 0.8)
        self.assertGreater(others, 0)
        self.assertGreater(replies, N["communications"] * 0.4)
        self.assertGreater(inv, states * 0.4)
        self.assertGreater(updates, N["recommendations"])
        self.assertEqual(statuses, 8)
        self.assertEqual(no_mandate, 0)

    def test_reply_categories_are_distributed_as_designed(self):
        rows = q(DB1, "SELECT category, count(*) FROM communication_outcomes "
                 "GROUP BY 1 ORDER BY 2 DESC").splitlines()
        share = {c: int(n) / N["communications"] for c, n in
                 (r.split("|") for r in rows)}
        designed = {"no_response": .52, "immaterial": .06,
                    "rejected_unsubstantiated": .21, "responsive_incomplete": .08,
                    "investigation_or_steps_announced": .09, "steps_taken": .04}
        self.assertEqual(set(share), set(designed))
        for c, p in designed.items():
            self.assertAlmostEqual(share[c], p, delta=0.03, msg=c)
        self.assertEqual(rows[0].split("|")[0], "no_response")
        self.assertEqual(rows[-1].split("|")[0], "steps_taken")

    def test_text_is_synthetic(self):
        bad = q(DB1, "SELECT count(*) FROM communications WHERE summary "
                "!~ '^Alleged [a-z -]+ of [A-Za-z -]+\\.$'")
        self.assertEqual(bad, "0")

    def test_second_run_changes_nothing(self):
        r = demo(DB1)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("nothing to do", r.stdout)
        self.assertEqual(q(DB1, CHECKSUM), self.first_sum)

    def test_same_seed_same_rows_even_in_two_steps(self):
        half = {k: v // 3 for k, v in N.items()}
        r = demo(DB2, counts=half)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotEqual(q(DB2, CHECKSUM), self.first_sum)
        r = demo(DB2)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(q(DB2, CHECKSUM), self.first_sum)

    def test_another_seed_is_refused(self):
        r = demo(DB1, "--seed", "2")
        self.assertEqual(r.returncode, 1)
        self.assertIn("seed 1, not 2", r.stderr)
        self.assertEqual(q(DB1, CHECKSUM), self.first_sum)

    def test_real_data_is_refused(self):
        q(DB3, "INSERT INTO communications (reference, type, sent_on, state) "
          "VALUES ('AL FRA 1/2024', 'AL', '2024-01-02', 'FRA')")
        r = demo(DB3, counts={"communications": 10})
        self.assertEqual(r.returncode, 1)
        self.assertIn("not demonstration data", r.stderr)
        self.assertEqual(q(DB3, "SELECT (SELECT count(*) FROM communications) "
                         "+ (SELECT count(*) FROM demo_data)"), "1")

    def test_bad_count_is_a_usage_error(self):
        for args in (["--communications", "-1"], ["--visits", "x"],
                     ["--communications", "1000001"], ["--colour", "1"]):
            r = subprocess.run([PORTAL, "demo-data"] + args, env=portal_env(DB3),
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2, args)
        self.assertEqual(q(DB3, "SELECT count(*) FROM demo_data"), "0")

    def test_banner_only_with_demo_data(self):
        # The stack's own database has no demo data: no banner.
        self.assertEqual(psql("portal_owner", "SELECT count(*) FROM demo_data")
                         .stdout.strip(), "0")
        page = request("GET", "/en/states")
        self.assertEqual(page.status, 200)
        self.assertNotIn(BANNER, page.text)
        # A portal serving the demo database: the banner on every page.
        for path in ("/en/", "/en/states", "/en/states/FRA", "/fr/communications"):
            body = self.served_by_demo_portal(path)
            self.assertIn("Status: 200", body[:200], path)
            self.assertIn('<p class="notice demo" role="note">', body, path)
        self.assertIn(BANNER, self.served_by_demo_portal("/en/states"))

    _demo_portal = None
    _demo_proc = None

    def served_by_demo_portal(self, path):
        cls = type(self)
        if cls._demo_portal is None:
            d = tempfile.mkdtemp(prefix="demo-portal-")
            os.mkdir(os.path.join(d, "run"))
            env = portal_env(DB1)
            env.update(PORTAL_SOCKET=os.path.join(d, "run", "portal.sock"),
                       PORTAL_WORKERS="1")
            p = subprocess.Popen([PORTAL, "serve"], env=env,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            cls._demo_proc = p
            cls._demo_portal = env["PORTAL_SOCKET"]
            if not wait_until(lambda: os.path.exists(cls._demo_portal), 10):
                raise AssertionError("the demo portal did not start")
        return fcgi_get(cls._demo_portal, path)


def stop(p):
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    try:
        s.connect(path)
        return s
    except OSError:
        s.close()
        return None


def fcgi_get(sock_path, path):
    """GET path from the FastCGI socket at VAR/run/portal.sock of another
    VAR, through the harness; the application's output as text."""
    # The socket file appears at bind(), a moment before listen().
    s = wait_until(lambda: connect(sock_path), 10)
    if s is None:
        raise AssertionError("the demo portal does not accept")
    s.close()
    saved, harness.VAR = harness.VAR, os.path.dirname(os.path.dirname(sock_path))
    try:
        return harness.fcgi({"REQUEST_METHOD": "GET", "REQUEST_URI": path}).decode(
            "utf-8", "replace")
    finally:
        harness.VAR = saved


if __name__ == "__main__":
    unittest.main()
