"""CSRF on every POST route of cgi/pages/routes.c (parsed, so that routes
added later are covered too), logout and login included: a missing token,
a wrong one, a foreign one (valid for another browser's cookie), and a
valid token sent cross-site (Origin, Sec-Fetch-Site) are each refused with
403, and the database does not change: every table of the schema is
compared, row count and checksum, before and after each route's attempts.

The one column left out is staff_sessions.last_seen: a desk page that
reads the session before the body (the focal point's progress form, whose
CSRF token is inside a multipart body) marks the session as seen; that is
not a change of state. Each route is tried as the identity that could
otherwise act on it (admin on the desk, State X's focal point on its
progress pages, a plain browser elsewhere), with fields that would pass,
so that only the token stands in the way; a control at the end shows
that the same posts with the right token do act."""
import os
import re
import secrets
import time
import unittest

import test_matrix
from harness import ROOT
from test_desk import PASSWORD, Browser
from test_matrix import desk_class
from test_submit import base_fields, multipart, psql

ENTRY_RE = re.compile(r'\{\s*M_POST\s*,\s*"([^"]+)"\s*,\s*\w+\s*,([^}]*)\}', re.S)


def post_routes():
    """(pattern, multipart?) of every POST route: a route that takes more
    than a form's body takes files, hence multipart/form-data."""
    with open(os.path.join(ROOT, "cgi", "pages", "routes.c")) as f:
        return [(p, lim.strip() != "BODY_FORM_MAX_BYTES")
                for p, lim in ENTRY_RE.findall(f.read())]


def snapshot():
    """{table: (rows, checksum)} of every table of the schema."""
    wait_for_log()
    tables = psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                  "ORDER BY 1").split()
    parts = []
    for t in tables:
        row = "(t.token_hash, t.staff_id, t.created_at)::text" \
            if t == "staff_sessions" else "t::text"
        parts.append("SELECT '%s', count(*), coalesce(md5(string_agg(md5(%s), '' "
                     "ORDER BY md5(%s))), '') FROM %s t" % (t, row, row, t))
    out = psql(" UNION ALL ".join(parts))
    return {line.split("|")[0]: line.split("|")[1:] for line in out.splitlines()}


def wait_for_log():
    """The integrator empties tlog_queue on its own: let it finish first."""
    for _ in range(100):
        if psql("SELECT count(*) FROM tlog_queue") == "0":
            time.sleep(0.3)
            if psql("SELECT count(*) FROM tlog_queue") == "0":
                return
        time.sleep(0.1)


def fields_for(pattern, fix):
    """Fields with which the route would act if the token were right."""
    token = secrets.token_hex(24)
    table = [
        ("/submit", list(base_fields()) + [("form_token", token)]),
        ("/verify", [("receipt", fix.pub_receipt)]),
        ("/receipt.txt", [("receipt", fix.pub_receipt)]),
        ("/desk/login", [("login", fix.admin_login), ("password", PASSWORD)]),
        ("/status", [("status", "admissible")]),
        ("/message", [("message", "hello")]),
        ("/followup", [("code", fix.a_code)]),
        ("/followup/add", [("code", fix.a_code), ("information", "more")]),
        ("/assess", [("form_token", token), ("status", "implemented"),
                     ("explanation", "csrf")]),
        ("/desk/progress/{id}", [("form_token", token), ("status", "implemented"),
                                 ("explanation", "csrf")]),
        ("/desk/assessments/{ref}", [("decision", "publish")]),
    ]
    for end, f in table:
        if pattern.endswith(end):
            return f
    return [("summary", "csrf"), ("text", "csrf"), ("status", "requested")]


def body_of(fields, is_multipart):
    if is_multipart:
        return multipart(fields)
    import urllib.parse
    return urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"


def actor(pattern, fix):
    if not pattern.startswith("/{lang}/desk") or desk_class(pattern) == "login":
        return fix.fresh() if pattern.endswith("/login") else fix.admin
    return fix.ids["fx"] if desk_class(pattern) == "focal" else fix.admin


class Csrf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        fix = test_matrix.FIX
        fix.admin = fix.ids["admin"]
        fix.admin_login = psql("SELECT login FROM staff WHERE id = %d" % fix.admin.staff_id)

        def fresh():
            b = Browser()
            b.go("GET", "/en/desk/login")
            return b
        fix.fresh = fresh
        cls.fix = fix
        # Another browser's real token: valid, but for another cookie.
        cls.foreign = fresh().csrf

    def attempts(self, b, path, fields, is_mp):
        """(why, response) for each kind of bad request."""
        b.go("GET", "/en/submit")          # a page with a form: b.csrf is ours
        good = b.csrf
        without = [kv for kv in fields]
        cases = [("missing", without, {}),
                 ("wrong", [("csrf", "A" * 43)] + without, {}),
                 ("foreign", [("csrf", self.foreign)] + without, {}),
                 ("origin", [("csrf", good)] + without,
                  {"Origin": "https://evil.example"}),
                 ("site", [("csrf", good)] + without,
                  {"Sec-Fetch-Site": "cross-site"})]
        for why, f, headers in cases:
            body, ctype = body_of(f, is_mp)
            yield why, b.go("POST", path, body, ctype, headers)

    def test_every_post_route_refuses_bad_tokens_and_changes_nothing(self):
        routes = post_routes()
        self.assertIn(("/{lang}/desk/logout", False), routes)
        self.assertIn(("/{lang}/recommendations/{id}/assess", True), routes)
        for pattern, is_mp in routes:
            path = self.fix.path(pattern, True) or self.fix.path(pattern, False)
            b = actor(pattern, self.fix)
            before = snapshot()
            for why, r in self.attempts(b, path, fields_for(pattern, self.fix), is_mp):
                self.assertEqual(r.status, 403, "%s %s: %d" % (path, why, r.status))
            after = snapshot()
            changed = [t for t in before if before[t] != after.get(t)]
            self.assertEqual(changed, [], path)
        # Logout was refused every time: the sessions still work.
        self.assertEqual(self.fix.admin.go("GET", "/en/desk").status, 200)
        self.assertEqual(self.fix.ids["fx"].go("GET", "/en/desk/progress").status, 200)

    def test_the_same_posts_with_the_right_token_do_act(self):
        """Control: the fields above are enough, only the token was missing."""
        fix = self.fix
        before = snapshot()["recommendation_updates"][0]
        b = Browser()
        page = b.go("GET", "/en/recommendations/%d/assess" % fix.x2)
        f = [("csrf", b.csrf)] + fields_for("/{lang}/recommendations/{id}/assess", fix)
        body, ctype = multipart(f)
        self.assertEqual(page.status, 200)
        self.assertEqual(b.go("POST", "/en/recommendations/%d/assess" % fix.x2,
                              body, ctype).status, 200)
        self.assertEqual(int(snapshot()["recommendation_updates"][0]), int(before) + 1)
        fresh = fix.fresh()
        r = fresh.form("/en/desk/login", fields_for("/{lang}/desk/login", fix))
        self.assertEqual(r.status, 303)
        self.assertEqual(fresh.go("GET", "/en/desk").status, 200)
        self.assertEqual(fresh.form("/en/desk/logout", {}).status, 303)
        self.assertEqual(fresh.go("GET", "/en/desk").status, 303)


def setUpModule():
    test_matrix.setUpModule()


if __name__ == "__main__":
    unittest.main()
