"""The secretariat's desk and the submitter's return: staff accounts made
with `portal user add`, logins and sessions (fixation, logout, CSRF),
reading a sealed submission decrypted, triage, messages that only the
code holder can read, follow-ups with receipts naming their parent, a
role matrix, and the audit chain catching a superuser's edits."""
import json
import os
import re
import secrets
import subprocess
import unittest
import urllib.parse

from harness import PORT, ROOT, VAR, request
from test_submit import base_fields, multipart, psql, submit_json

ORIGIN = "http://127.0.0.1:%d" % PORT
PASSWORD = "correct horse battery staple"
PORTAL = os.path.join(ROOT, "cgi", "portal")


def portal_env():
    out = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "env"],
                         env=dict(os.environ, VAR=VAR, PORT=str(PORT)),
                         capture_output=True, text=True, check=True).stdout
    env = dict(os.environ)
    for line in out.splitlines():
        k, _, v = line.partition("=")
        env[k] = v
    return env


def portal(*args, stdin=""):
    return subprocess.run([PORTAL] + list(args), env=portal_env(),
                          input=stdin, capture_output=True, text=True,
                          timeout=60)


def passphrase():
    with open(os.path.join(VAR, "secrets", "operator-passphrase")) as f:
        return f.read().strip()


def add_user(role, state=None, password=PASSWORD):
    login = "t%s" % secrets.token_hex(5)
    args = ["user", "add", login, role] + ([state] if state else [])
    r = portal(*args, stdin="%s\n%s\n" % (password, passphrase()))
    assert r.returncode == 0, r.stderr
    return login


def cookies_of(resp):
    out = {}
    for v in resp.header_all("set-cookie"):
        name, _, rest = v.partition("=")
        out[name] = rest.split(";")[0]
    return out


class Browser:
    """A cookie jar and the CSRF token of the last form seen."""

    def __init__(self):
        self.jar = {}
        self.csrf = None

    def header(self):
        return "; ".join("%s=%s" % kv for kv in self.jar.items() if kv[1])

    def go(self, method, path, body=None, ctype=None, headers=None):
        h = {"Cookie": self.header()} if self.jar else {}
        if method == "POST":
            h["Origin"] = ORIGIN
        if ctype:
            h["Content-Type"] = ctype
        h.update(headers or {})
        r = request(method, path, headers=h, body=body, timeout=60)
        for k, v in cookies_of(r).items():
            self.jar[k] = v
        m = re.search(r'name="csrf" value="([^"]+)"', r.text)
        if m:
            self.csrf = m.group(1)
        return r

    def form(self, path, fields, headers=None, csrf=True):
        f = dict(fields)
        if csrf:
            f.setdefault("csrf", self.csrf)
        return self.go("POST", path, urllib.parse.urlencode(f),
                       "application/x-www-form-urlencoded", headers)

    def login(self, login, password=PASSWORD):
        self.go("GET", "/en/desk/login")
        return self.form("/en/desk/login", {"login": login,
                                             "password": password})


def submit_with_canary():
    canary = "CANARY-" + secrets.token_hex(8)
    r = submit_json(base_fields(summary="Detained at dawn " + canary))
    assert r.status == 201, r.text
    d = json.loads(r.text)
    return canary, d["ref"], d["return_code"]


class TestDeskAccounts(unittest.TestCase):
    def test_user_add_refuses_short_password(self):
        r = portal("user", "add", "tshort", "reviewer",
                   stdin="short\n%s\n" % passphrase())
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(psql("SELECT count(*) FROM staff WHERE login = 'tshort'"), "0")

    def test_user_add_refuses_overlong_password(self):
        r = portal("user", "add", "tlong", "reviewer",
                   stdin="%s\n%s\n" % ("x" * 129, passphrase()))
        self.assertNotEqual(r.returncode, 0)

    def test_user_add_refuses_wrong_passphrase(self):
        r = portal("user", "add", "twrongpp", "reviewer",
                   stdin="%s\nnot the passphrase\n" % PASSWORD)
        self.assertNotEqual(r.returncode, 0)

    def test_password_is_hashed_with_argon2id(self):
        login = add_user("reviewer")
        h = psql("SELECT password_hash FROM staff WHERE login = '%s'" % login)
        self.assertTrue(h.startswith("$argon2id$"), h)


class TestDeskSessions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.login = add_user("reviewer")

    def test_anonymous_desk_redirects_to_login(self):
        for path in ("/en/desk", "/en/desk/submissions/A-2026-000001",
                     "/en/desk/files/1"):
            r = request("GET", path)
            self.assertEqual(r.status, 303, path)
            self.assertEqual(r.header("location"), "/en/desk/login")

    def test_login_and_logout(self):
        b = Browser()
        r = b.login(self.login)
        self.assertEqual(r.status, 303, r.text)
        self.assertEqual(r.header("location"), "/en/desk")
        sc = [v for v in r.header_all("set-cookie") if v.startswith("session=")][0]
        self.assertIn("HttpOnly", sc)
        self.assertIn("SameSite=Strict", sc)
        self.assertNotIn("Max-Age", sc)
        self.assertEqual(b.go("GET", "/en/desk").status, 200)
        r = b.form("/en/desk/logout", {})
        self.assertEqual(r.status, 303)
        self.assertEqual(b.go("GET", "/en/desk").status, 303)

    def test_wrong_password_opens_no_session(self):
        b = Browser()
        before = psql("SELECT count(*) FROM staff_sessions")
        r = b.login(self.login, "wrong password, long enough")
        self.assertEqual(r.status, 422)
        self.assertNotIn("session", b.jar)
        self.assertIn("wrong", r.text)
        self.assertEqual(b.go("GET", "/en/desk").status, 303)
        self.assertEqual(psql("SELECT count(*) FROM staff_sessions"), before)

    def test_unknown_login_answers_like_a_wrong_password(self):
        r = Browser().login("nobody-" + secrets.token_hex(4))
        self.assertEqual(r.status, 422)

    def test_token_is_stored_only_as_a_hash(self):
        b = Browser()
        b.login(self.login)
        raw = b.jar["session"]
        self.assertEqual(len(raw), 86)
        hexes = psql("SELECT encode(token_hash, 'hex') || encode(sk_box, 'hex') "
                     "FROM staff_sessions")
        import base64
        blob = base64.urlsafe_b64decode(raw + "==")
        self.assertNotIn(blob[:32].hex(), hexes)
        self.assertNotIn(blob[32:].hex(), hexes)

    def test_session_fixation_impossible(self):
        b = Browser()
        b.go("GET", "/en/desk/login")
        planted = "A" * 86
        b.jar["session"] = planted
        r = b.login(self.login)
        self.assertEqual(r.status, 303)
        self.assertNotEqual(b.jar["session"], planted)
        # A second login from a logged-in browser replaces the token too.
        old = b.jar["session"]
        b.login(self.login)
        self.assertNotEqual(b.jar["session"], old)
        other = Browser()
        other.jar = dict(b.jar, session=old)
        self.assertEqual(other.go("GET", "/en/desk").status, 303)

    def test_logout_kills_the_session_server_side(self):
        b = Browser()
        b.login(self.login)
        stolen = dict(b.jar)
        b.form("/en/desk/logout", {})
        thief = Browser()
        thief.jar = stolen
        r = thief.go("GET", "/en/desk")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("location"), "/en/desk/login")

    def test_idle_and_absolute_timeouts(self):
        b = Browser()
        b.login(self.login)
        # Age every session of this account: idle, then absolute.
        sid = psql("SELECT id FROM staff WHERE login = '%s'" % self.login)
        psql("UPDATE staff_sessions SET last_seen = now() - interval '31 minutes' "
             "WHERE staff_id = %s" % sid)
        self.assertEqual(b.go("GET", "/en/desk").status, 303)
        b.login(self.login)
        psql("UPDATE staff_sessions SET created_at = now() - interval '13 hours' "
             "WHERE staff_id = %s" % sid)
        self.assertEqual(b.go("GET", "/en/desk").status, 303)

    def test_focal_point_sees_no_review_queue(self):
        fp = add_user("focal_point", "FRA")
        b = Browser()
        self.assertEqual(b.login(fp).status, 303)
        self.assertEqual(b.go("GET", "/en/desk").status, 404)


class TestDeskCsrf(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.login = add_user("reviewer")
        _, cls.ref, _ = submit_with_canary()

    def counts(self):
        return psql("SELECT (SELECT count(*) FROM staff_sessions), "
                    "(SELECT count(*) FROM submission_status), "
                    "(SELECT count(*) FROM submission_messages), "
                    "(SELECT count(*) FROM audit)")

    def attempts(self, b, path, fields):
        yield "missing", b.form(path, fields, csrf=False)
        yield "wrong", b.form(path, dict(fields, csrf="A" * 43))
        yield "foreign", b.form(path, dict(fields, csrf=Browser().go(
            "GET", "/en/desk/login") and "B" * 43))
        yield "origin", b.form(path, fields,
                               headers={"Origin": "https://evil.example"})
        yield "site", b.form(path, fields,
                             headers={"Sec-Fetch-Site": "cross-site"})

    def test_every_state_changing_desk_route_refuses_bad_csrf(self):
        b = Browser()
        self.assertEqual(b.login(self.login).status, 303)
        b.go("GET", "/en/desk/submissions/" + self.ref)
        routes = [
            ("/en/desk/submissions/%s/status" % self.ref, {"status": "admissible"}),
            ("/en/desk/submissions/%s/message" % self.ref, {"message": "hello"}),
            ("/en/desk/logout", {}),
            ("/en/desk/login", {"login": self.login, "password": PASSWORD}),
        ]
        for path, fields in routes:
            before = self.counts()
            for why, r in self.attempts(b, path, fields):
                self.assertEqual(r.status, 403, "%s %s" % (path, why))
            self.assertEqual(self.counts(), before, path)
        # The session is still alive: logout was refused every time.
        self.assertEqual(b.go("GET", "/en/desk").status, 200)


class TestJourney(unittest.TestCase):
    def setUp(self):
        # Wrong codes of earlier runs from 127.0.0.1 must not rate-limit this one.
        psql("DELETE FROM code_attempts")

    def test_review_message_followup(self):
        canary, ref, code = submit_with_canary()
        body, ctype = multipart(base_fields(summary="with a file"),
                                [("evidence", "proof.pdf",
                                  b"%PDF-1.4\n" + canary.encode() + b"\n%%EOF\n")])
        r = request("POST", "/en/submit", body=body, timeout=60,
                    headers={"Content-Type": ctype, "Accept": "application/json"})
        self.assertEqual(r.status, 201, r.text)
        fref = json.loads(r.text)["ref"]

        reviewer = add_user("reviewer")
        b = Browser()
        self.assertEqual(b.login(reviewer).status, 303)
        q = b.go("GET", "/en/desk")
        self.assertEqual(q.status, 200)
        self.assertIn(ref, q.text)
        self.assertNotIn(canary, q.text)       # the queue shows metadata only
        page = b.go("GET", "/en/desk/submissions/" + ref)
        self.assertEqual(page.status, 200, page.text)
        self.assertIn(canary, page.text)       # read decrypted

        # The file: decrypted, as an attachment that nothing may render.
        page = b.go("GET", "/en/desk/submissions/" + fref)
        m = re.search(r'href="(/en/desk/files/\d+)"', page.text)
        self.assertIsNotNone(m, page.text)
        f = b.go("GET", m.group(1))
        self.assertEqual(f.status, 200)
        self.assertIn(canary.encode(), f.body)
        self.assertTrue(f.body.startswith(b"%PDF-1.4"))
        self.assertTrue(f.header("content-disposition").startswith("attachment"))
        self.assertEqual(f.header("x-content-type-options"), "nosniff")
        self.assertIn("sandbox", f.header("content-security-policy"))
        self.assertEqual(f.header("content-type"), "application/octet-stream")

        # Triage and a question to the submitter.
        r = b.form("/en/desk/submissions/%s/status" % ref,
                   {"status": "more_information"})
        self.assertEqual(r.status, 303)
        question = "Q-" + secrets.token_hex(6) + " Which prison?"
        r = b.form("/en/desk/submissions/%s/message" % ref,
                   {"message": question})
        self.assertEqual(r.status, 303)
        self.assertEqual(psql("SELECT count(*) FROM submission_messages m "
                              "JOIN submissions s ON s.id = m.submission_id "
                              "WHERE s.ref = '%s' AND position('%s' in "
                              "encode(m.box, 'escape')) > 0" % (ref, question[:8])),
                         "0")   # sealed at rest

        # The submitter comes back with the code.
        s = Browser()
        s.go("GET", "/en/followup")
        r = s.form("/en/followup", {"code": code})
        self.assertEqual(r.status, 200, r.text)
        self.assertIn(ref, r.text)
        self.assertIn(question, r.text)
        self.assertIn("More information requested", r.text)
        token = re.search(r'name="form_token" value="([^"]+)"', r.text).group(1)
        hidden = re.search(r'name="code" value="([^"]+)"', r.text).group(1)
        body, ctype = multipart([("csrf", s.csrf), ("form_token", token),
                                 ("code", hidden),
                                 ("information", "The prison is Evin.")],
                                [("evidence", "more.pdf", b"%PDF-1.4\nmore\n")])
        r = s.go("POST", "/en/followup/add", body, ctype)
        self.assertEqual(r.status, 200, re.findall(r'role="alert">([^<]*)', r.text))
        receipt = re.search(r"(127\.0\.0\.1:%d/receipt/v1\n.*?)</" % PORT,
                            r.text, re.S)
        self.assertIsNotNone(receipt, r.text)
        text = receipt.group(1)
        self.assertIn("kind followup", text)
        self.assertIn("parent " + ref, text)
        fu = re.search(r"ref (F-\d{4}-\d+)", text).group(1)
        self.assertEqual(psql("SELECT p.ref FROM submissions s JOIN submissions p "
                              "ON p.id = s.parent_id WHERE s.ref = '%s'" % fu), ref)
        self.assertEqual(psql("SELECT count(*) FROM tlog_queue") != "", True)
        # The reviewer sees the follow-up and its file.
        page = b.go("GET", "/en/desk/submissions/" + ref)
        self.assertIn(fu, page.text)

    def test_code_of_a_never_shows_b(self):
        _, ref_a, code_a = submit_with_canary()
        canary_b, ref_b, _ = submit_with_canary()
        s = Browser()
        s.go("GET", "/en/followup")
        r = s.form("/en/followup", {"code": code_a})
        self.assertIn(ref_a, r.text)
        self.assertNotIn(ref_b, r.text)
        self.assertNotIn(canary_b, r.text)

    def test_wrong_code_is_refused(self):
        s = Browser()
        s.go("GET", "/en/followup")
        r = s.form("/en/followup", {"code": "0000-0000-0000-0000-0000-0000-0000-0000"})
        self.assertEqual(r.status, 422)
        self.assertIn("not recognised", r.text)

    def test_code_never_in_a_url(self):
        r = request("GET", "/en/followup?code=ABCD")
        self.assertEqual(r.status, 200)
        self.assertNotIn("ABCD", r.text)


class TestAudit(unittest.TestCase):
    """Each test puts the chain back as it was, so that the suite can run
    again on the same database."""

    SUPER = "SET session_replication_role = replica; "

    def verify(self):
        return portal("audit", "verify")

    def test_chain_detects_a_superuser_update(self):
        add_user("reviewer")
        add_user("reviewer")
        r = self.verify()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        ids = psql("SELECT id FROM audit ORDER BY id").split()
        victim = ids[len(ids) // 2]
        # The application's role cannot rewrite it.
        with self.assertRaises(AssertionError):
            psql("UPDATE audit SET action = 'x' WHERE id = %s" % victim,
                 role="portal_app")
        with self.assertRaises(AssertionError):
            psql("DELETE FROM audit WHERE id = %s" % victim, role="portal_app")
        # A superuser can, with the trigger off; the chain says where.
        old = psql("SELECT object FROM audit WHERE id = %s" % victim)
        psql(self.SUPER + "UPDATE audit SET object = 'staff 999' "
             "WHERE id = %s" % victim)
        try:
            r = self.verify()
            self.assertEqual(r.returncode, 1)
            self.assertIn("broken at link %s: altered" % victim, r.stdout)
        finally:
            psql(self.SUPER + "UPDATE audit SET object = '%s' WHERE id = %s"
                 % (old, victim))
        self.assertEqual(self.verify().returncode, 0)

    def test_chain_detects_a_superuser_delete(self):
        add_user("reviewer")
        add_user("reviewer")
        self.assertEqual(self.verify().returncode, 0)
        victim = psql("SELECT id FROM audit ORDER BY id DESC OFFSET 1 LIMIT 1")
        saved = psql("SELECT row_to_json(a)::text FROM audit a WHERE id = %s"
                     % victim)
        psql(self.SUPER + "DELETE FROM audit WHERE id = %s" % victim)
        try:
            r = self.verify()
            self.assertEqual(r.returncode, 1)
            self.assertIn("broken at link %s: missing" % victim, r.stdout)
        finally:
            psql(self.SUPER + "INSERT INTO audit SELECT * FROM "
                 "json_populate_record(NULL::audit, '%s'::json)" % saved)
        self.assertEqual(self.verify().returncode, 0)


if __name__ == "__main__":
    unittest.main()
