"""The role x route matrix: every GET route of cgi/pages/routes.c (parsed,
so that routes added later are covered too), for anonymous, submitter A,
submitter B, reviewer, editor, admin and the focal points of two States.
Each cell has an expected status, defined by the route's class; a known
id and an unknown one are tried wherever the route takes one. Ids swapped
between identities (A's case with B's code, State X's recommendation as
Y's focal point, another submission's file, unpublished evidence) give 404
or the login page, never data.

The POST routes are the subject of test_csrf.py, which shares the
fixture and the route parser below."""
import hashlib
import json
import os
import re
import secrets
import tempfile
import unittest

from harness import ROOT, VAR, request
from test_desk import Browser, portal
from test_progress import PDF, X, Y, fixture, logged_in, post_update, receipt_of
from test_submit import base_fields, multipart, psql, submit_json

ROUTES_C = os.path.join(ROOT, "cgi", "pages", "routes.c")
ROUTE_RE = re.compile(r'\{\s*M_(GET|POST)\s*,\s*"([^"]+)"')
PUBLIC_IDS = ("anon", "subA", "subB")
STAFF_IDS = ("reviewer", "editor", "admin")
FOCAL_IDS = ("fx", "fy")
ALL_IDS = PUBLIC_IDS + STAFF_IDS + FOCAL_IDS
UNKNOWN_ID = "999999999"


def routes(method):
    with open(ROUTES_C) as f:
        src = f.read()
    return [p for m, p in ROUTE_RE.findall(src) if m == method]


def desk_class(pattern):
    """Which guard a desk route has: by its prefix."""
    rest = pattern[len("/{lang}/desk"):]
    if rest in ("/login", "/logout"):
        return "login"
    if rest.startswith("/progress"):
        return "focal"          # desk_progress.c: focal points, own State
    for p in ("/communications", "/visits", "/invitations", "/recommendations"):
        if rest.startswith(p):
            return "editor"     # desk/record_form.h: editor and admin
    for p in ("", "/submissions/", "/files/", "/assessments", "/evidence/"):
        if rest == p or (p and rest.startswith(p)):
            return "review"     # desk_guard: reviewer, editor, admin
    return "other"


class Fixture:
    """One set of data every cell can name."""

    def __init__(self):
        self.sym, (self.x1, self.x2, self.y1) = fixture()
        self.comm = self.import_comm()
        self.visit = self.import_visit()
        self.canary_a = "MATRIX-A-" + secrets.token_hex(6)
        self.canary_b = "MATRIX-B-" + secrets.token_hex(6)
        self.a_ref, self.a_code = self.submit(self.canary_a, True)
        self.b_ref, self.b_code = self.submit(self.canary_b, False)
        self.a_file = int(psql("SELECT f.id FROM submission_files f JOIN submissions s "
                               "ON s.id = f.submission_id WHERE s.ref = '%s'" % self.a_ref))
        self.ids = {"anon": Browser(), "subA": Browser(), "subB": Browser()}
        for who, code in (("subA", self.a_code), ("subB", self.b_code)):
            b = self.ids[who]
            b.go("GET", "/en/followup")
            b.case_page = b.form("/en/followup", {"code": code})
        for role in STAFF_IDS:
            self.ids[role] = logged_in(role)
        self.ids["fx"] = logged_in("focal_point", X)
        self.ids["fy"] = logged_in("focal_point", Y)
        self.pub_canary = "MATRIX-PUB-" + secrets.token_hex(6)
        r = post_update(self.ids["fx"], "/en/desk/progress/%d" % self.x1,
                        [("status", "implemented"), ("explanation", self.pub_canary)],
                        [("evidence", "p.pdf", PDF + self.pub_canary.encode())])
        assert r.status == 200, r.text[:500]
        self.pub_receipt = receipt_of(r)
        self.pub_fid = self.file_of(self.pub_receipt)
        self.pend_canary = "MATRIX-PEND-" + secrets.token_hex(6)
        r = post_update(Browser(), "/en/recommendations/%d/assess" % self.x1,
                        [("status", "not_implemented"), ("explanation", self.pend_canary)],
                        [("evidence", "q.pdf", PDF + self.pend_canary.encode())])
        assert r.status == 200, r.text[:500]
        receipt = receipt_of(r)
        self.pend_ref = re.search(r"^ref (\S+)$", receipt, re.M).group(1)
        self.pend_fid = self.file_of(receipt)
        self.tile = self.tile_path()

    @staticmethod
    def file_of(receipt):
        ref = re.search(r"^ref (\S+)$", receipt, re.M).group(1)
        return int(psql("SELECT f.id FROM update_files f JOIN recommendation_updates u "
                        "ON u.id = f.update_id WHERE u.ref = '%s'" % ref))

    @staticmethod
    def import_csv(kind, header, row):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, dir=VAR) as f:
            f.write(header + "\n" + row + "\n")
        r = portal("import", kind, f.name)
        os.unlink(f.name)
        assert r.returncode == 0, r.stderr

    def import_comm(self):
        ref = "AL %s %d/2020" % (X, secrets.randbelow(99999))
        self.import_csv("communications", "reference,type,sent_on,state,summary",
                        "%s,AL,2020-01-15,%s,A matrix letter" % (ref, X))
        return int(psql("SELECT id FROM communications WHERE reference = '%s'" % ref))

    def import_visit(self):
        day = "20%02d-%02d-%02d" % (secrets.randbelow(20), secrets.randbelow(12) + 1,
                                     secrets.randbelow(28) + 1)
        self.import_csv("visits", "mandate,state,requested_on,status",
                        "torture,%s,%s,requested" % (X, day))
        return int(psql("SELECT id FROM visits WHERE mandate = 'torture' AND state = '%s' "
                        "AND requested_on = '%s'" % (X, day)))

    @staticmethod
    def submit(canary, with_file):
        files = [("evidence", "a.pdf", PDF + canary.encode())] if with_file else []
        r = submit_json(base_fields(summary="Matrix " + canary), files)
        assert r.status == 201, r.text
        d = json.loads(r.text)
        return d["ref"], d["return_code"]

    @staticmethod
    def tile_path():
        size = int(request("GET", "/log/checkpoint").text.split("\n")[1])
        return "0/000" if size >= 256 else "0/000.p/%d" % size

    def value(self, pattern, name, known):
        """A value for a path parameter: one that exists, or one that cannot."""
        simple = {"lang": ("en", "en"), "iso3": (X, "ZZZ"),
                  "slug": ("torture", "no-such-mandate"), "rest*": (self.tile, "9/999"),
                  "file": (None, "no-such-file.csv"), "table": (None, "no-such-table")}
        if name in simple:
            return simple[name][0 if known else 1]
        if name == "ref":
            if "/assessments/" in pattern:
                return self.pend_ref if known else "U-2026-999999"
            return self.a_ref if known else "A-2026-999999"
        if name != "id":
            return None if known else UNKNOWN_ID
        prefix = pattern.split("{id}")[0]
        for end, v in (("/desk/files/", self.a_file), ("/desk/evidence/", self.pend_fid),
                       ("/evidence/", self.pub_fid), ("/communications/", self.comm),
                       ("/visits/", self.visit), ("/recommendations/", self.x1),
                       ("/desk/progress/", self.x1)):
            if prefix.endswith(end):
                return str(v) if known else UNKNOWN_ID
        return None if known else UNKNOWN_ID

    def path(self, pattern, known):
        """The concrete path, or None when no value of that kind is known."""
        out = pattern
        for name in re.findall(r"\{([^}]+)\}", pattern):
            v = self.value(pattern, name, known)
            if v is None:
                return None
            out = out.replace("{%s}" % name, v)
        return out


FIX = None


def setUpModule():
    global FIX
    psql("DELETE FROM code_attempts")
    FIX = Fixture()


def expected(pattern, who, known):
    """The statuses a cell may answer (a set, usually of one)."""
    has_param = "{" in pattern.replace("{lang}", "")
    miss = not known and has_param
    if pattern == "/":
        return {302}
    if pattern.startswith("/log/proof/"):
        return {400}            # asked without its query: the same for all
    if not pattern.startswith("/{lang}/desk"):
        return {404} if miss else {200}
    cls = desk_class(pattern)
    if cls == "login":
        return {200}
    if who in PUBLIC_IDS:
        return {303}            # to the login page, whatever the id
    if cls == "review":
        if who in FOCAL_IDS:
            return {404}
        return {404} if miss else {200}
    if cls == "editor":
        if who in ("reviewer",) + FOCAL_IDS:
            return {403}
        return {404} if miss else {200}
    if cls == "focal":
        if who != "fx" and (who != "fy" or has_param):
            return {404}        # another role, or State X's recommendation as Y
        return {404} if miss else {200}
    return {403, 404} if who in FOCAL_IDS else {200, 403, 404}


class TestMatrix(unittest.TestCase):
    def test_routes_are_parsed(self):
        gets = routes("GET")
        self.assertIn("/{lang}/desk/progress/{id}", gets)
        self.assertIn("/{lang}/recommendations/{id}/assess", routes("POST"))
        self.assertGreater(len(gets), 20)

    def test_every_get_route_for_every_identity(self):
        secrets_ = (FIX.canary_a, FIX.canary_b, FIX.pend_canary)
        cells = 0
        for pattern in routes("GET"):
            for known in (True, False):
                path = FIX.path(pattern, known)
                if path is None or (not known and path == FIX.path(pattern, True)):
                    continue
                for who in ALL_IDS:
                    want = expected(pattern, who, known)
                    r = FIX.ids[who].go("GET", path)
                    cells += 1
                    self.assertIn(r.status, want, "%s as %s: %d" % (path, who, r.status))
                    if r.status == 303:
                        self.assertTrue(r.header("location").endswith("/en/desk/login"), path)
                    if r.status != 200 or who not in STAFF_IDS:
                        for s in secrets_:
                            self.assertNotIn(s.encode(), r.body, "%s as %s" % (path, who))
        self.assertGreater(cells, 300)

    def test_head_answers_like_get(self):
        for pattern in ("/{lang}/recommendations/{id}/assess", "/{lang}/evidence/{id}"):
            path = FIX.path(pattern, True)
            r = request("HEAD", path)
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.body, b"")


class TestSwappedIds(unittest.TestCase):
    def test_a_code_opens_only_its_own_case(self):
        a, b = FIX.ids["subA"].case_page, FIX.ids["subB"].case_page
        self.assertEqual((a.status, b.status), (200, 200))
        self.assertIn(FIX.a_ref, a.text)
        self.assertNotIn(FIX.b_ref, a.text)
        self.assertIn(FIX.b_ref, b.text)
        self.assertNotIn(FIX.a_ref, b.text)

    def test_a_submissions_ref_or_file_is_no_data_to_others(self):
        for who in PUBLIC_IDS + FOCAL_IDS:
            for path in ("/en/desk/submissions/" + FIX.a_ref,
                         "/en/desk/files/%d" % FIX.a_file):
                r = FIX.ids[who].go("GET", path)
                self.assertIn(r.status, (303, 404), "%s as %s" % (path, who))
                self.assertNotIn(FIX.canary_a.encode(), r.body)
        # The public evidence route has ids of its own: the same number
        # names a published update's file there, never the submission's.
        r = request("GET", "/en/evidence/%d" % FIX.a_file)
        self.assertNotIn(FIX.canary_a.encode(), r.body)

    def test_state_x_recommendation_as_focal_point_of_y(self):
        fy = FIX.ids["fy"]
        r = fy.go("GET", "/en/desk/progress/%d" % FIX.x1)
        self.assertEqual(r.status, 404)
        self.assertNotIn(("Recommendation 1(a) to " + X).encode(), r.body)
        self.assertEqual(fy.go("GET", "/en/desk/progress/%d" % FIX.y1).status, 200)
        self.assertEqual(FIX.ids["fx"].go("GET", "/en/desk/progress/%d" % FIX.y1).status,
                         404)

    def test_unpublished_evidence_is_no_data_to_the_public(self):
        for who in PUBLIC_IDS + FOCAL_IDS:
            r = FIX.ids[who].go("GET", "/en/evidence/%d" % FIX.pend_fid)
            self.assertEqual(r.status, 404, who)
            self.assertNotIn(FIX.pend_canary.encode(), r.body)
        r = FIX.ids["reviewer"].go("GET", "/en/desk/evidence/%d" % FIX.pend_fid)
        self.assertEqual(r.status, 200)
        self.assertEqual(hashlib.sha256(r.body).hexdigest(),
                         hashlib.sha256(PDF + FIX.pend_canary.encode()).hexdigest())


if __name__ == "__main__":
    unittest.main()
