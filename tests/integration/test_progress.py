"""Implementation updates with receipts and evidence: a State focal point's
progress reports (/{lang}/desk/progress), civil society's assessments
(/{lang}/recommendations/{id}/assess) published only after the
secretariat's check (/{lang}/desk/assessments), and the evidence files
(/{lang}/evidence/{id}, /{lang}/desk/evidence/{id})."""
import hashlib
import html
import json
import os
import re
import secrets
import subprocess
import tempfile
import time
import unittest

from harness import ROOT, VAR, request
from test_desk import Browser, add_user
from test_submit import multipart, psql

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
X, Y = "TUV", "NRU"     # the States of the two focal points


def import_recs(rows):
    """Import recommendations (state, symbol, paragraph); return their ids."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False,
                                     dir=VAR) as f:
        f.write("document_symbol,paragraph,state,mandate,issued_on,text\n")
        for state, symbol, para in rows:
            f.write("%s,%s,%s,torture,2024-03-01,Recommendation %s to %s\n"
                    % (symbol, para, state, para, state))
    from test_desk import portal
    r = portal("import", "recommendations", f.name)
    os.unlink(f.name)
    assert r.returncode == 0, r.stderr
    return [int(psql("SELECT id FROM recommendations WHERE document_symbol"
                     " = '%s' AND paragraph = '%s'" % (s, p)))
            for _, s, p in rows]


def fixture():
    """Two recommendations to State X, one to State Y: States no other
    suite's fixture uses, so that their aggregates stay theirs."""
    sym = "A/HRC/99/%d/Add.1" % secrets.randbelow(10 ** 8)
    return sym, import_recs([(X, sym, "1(a)"), (X, sym, "2"),
                             (Y, sym, "3")])


def logged_in(role, state=None):
    b = Browser()
    login = add_user(role, state)
    assert b.login(login).status == 303
    b.staff_id = int(psql("SELECT id FROM staff WHERE login = '%s'" % login))
    return b


def post_update(b, path, fields, files=(), token=None):
    """Open the form like a browser, then post it with its tokens."""
    page = b.go("GET", path)
    assert page.status == 200, (path, page.status)
    m = re.search(r'name="form_token" value="([^"]+)"', page.text)
    f = [("csrf", b.csrf), ("form_token", token or m.group(1))] + list(fields)
    body, ctype = multipart(f, files)
    return b.go("POST", path, body, ctype)


def receipt_of(page):
    m = re.search(r'<pre class="note">(.*?)</pre>', page.text, re.S)
    assert m, page.text[:2000]
    text = html.unescape(m.group(1))
    # HTML drops a line break right after <pre>, and so does a browser.
    return text[1:] if text.startswith("\n") else text


def counts():
    return psql("SELECT (SELECT count(*) FROM recommendation_updates), "
                "(SELECT count(*) FROM update_files), "
                "(SELECT count(*) FROM update_file_chunks), "
                "(SELECT count(*) FROM tlog_queue) + "
                "(SELECT count(*) FROM tlog_leaves)")


def verify_json(receipt):
    body, ctype = multipart([("receipt", receipt)])
    for _ in range(50):
        r = request("POST", "/en/verify", body=body, headers={
            "Content-Type": ctype, "Accept": "application/json"})
        d = json.loads(r.text)
        if d.get("log", {}).get("index") is not None:
            return d
        time.sleep(0.2)
    return d


def recs_csv_rows(symbol):
    r = request("GET", "/data/recommendations.csv")
    assert r.status == 200
    return [line for line in r.text.splitlines() if symbol in line]


class TestFocalPoint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sym, (cls.x1, cls.x2, cls.y1) = fixture()
        cls.fx = logged_in("focal_point", X)
        cls.fy = logged_in("focal_point", Y)

    def test_lists_only_its_own_states_recommendations(self):
        r = self.fx.go("GET", "/en/desk/progress")
        self.assertEqual(r.status, 200)
        self.assertIn('href="/en/desk/progress/%d"' % self.x1, r.text)
        self.assertIn('href="/en/desk/progress/%d"' % self.x2, r.text)
        self.assertNotIn('href="/en/desk/progress/%d"' % self.y1, r.text)
        r = self.fy.go("GET", "/en/desk/progress")
        self.assertIn('href="/en/desk/progress/%d"' % self.y1, r.text)
        self.assertNotIn('href="/en/desk/progress/%d"' % self.x1, r.text)

    def test_another_states_recommendation_is_404_and_stores_nothing(self):
        r = self.fy.go("GET", "/en/desk/progress/%d" % self.x1)
        self.assertEqual(r.status, 404)
        self.assertNotIn("Recommendation 1(a) to " + X, r.text)
        before = counts()
        body, ctype = multipart([("csrf", self.fy.csrf), ("status", "implemented"),
                                 ("explanation", "not ours")], [("evidence", "a.pdf", PDF)])
        r = self.fy.go("POST", "/en/desk/progress/%d" % self.x1, body, ctype)
        self.assertEqual(r.status, 404)
        self.assertEqual(counts(), before)
        self.assertEqual(self.fy.go("GET", "/en/desk/progress/999999999").status, 404)

    def test_other_roles_get_404_and_anonymous_the_login(self):
        self.assertEqual(logged_in("reviewer").go("GET", "/en/desk/progress").status, 404)
        r = Browser().go("GET", "/en/desk/progress/%d" % self.x1)
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("location").endswith("/en/desk/login"))

    def test_report_with_evidence_gets_a_logged_receipt_and_is_public(self):
        canary = "STATE-CLAIM-" + secrets.token_hex(6)
        evidence = PDF + canary.encode()
        r = post_update(self.fx, "/en/desk/progress/%d" % self.x2,
                        [("status", "partially_implemented"),
                         ("explanation", "A law was passed. " + canary)],
                        [("evidence", "Minister's letter.pdf", evidence)])
        self.assertEqual(r.status, 200, r.text[:3000])
        receipt = receipt_of(r)
        lines = receipt.split("\n")
        self.assertIn("kind progress-report", lines)
        self.assertIn("parent R-%d" % self.x2, lines)
        self.assertIn("file sha256:%s %d" % (hashlib.sha256(evidence).hexdigest(),
                                            len(evidence)), lines)
        self.assertNotIn(canary, receipt)             # hashes only
        self.assertNotIn("Minister", receipt)
        ref = [l[4:] for l in lines if l.startswith("ref ")][0]
        self.assertRegex(ref, r"^U-\d{4}-\d{6,}$")

        # The row: the State's claim, published at once, who added it.
        row = psql("SELECT source, published, added_by, staff_id, status "
                   "FROM recommendation_updates WHERE ref = '%s'" % ref)
        self.assertEqual(row, "state|t|staff|%d|partially_implemented" % self.fx.staff_id)
        f = psql("SELECT f.id, encode(f.sha256, 'hex'), f.size, f.added_by, "
                 "f.staff_id FROM update_files f JOIN recommendation_updates u "
                 "ON u.id = f.update_id WHERE u.ref = '%s'" % ref).split("|")
        self.assertEqual(f[1:], [hashlib.sha256(evidence).hexdigest(), str(len(evidence)),
                                 "staff", str(self.fx.staff_id)])
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE action = "
                              "'update.report' AND object = 'update %s'" % ref), "1")

        # The receipt verifies on /verify, with its log entry, and offline.
        d = verify_json(receipt)
        self.assertTrue(d["valid"], d)
        self.assertEqual(d["kind"], "progress-report")
        self.assertIsNotNone(d["log"]["index"], d)
        self.assertTrue(d["log"]["proof_verified"])
        with tempfile.TemporaryDirectory(dir=VAR) as tmp:
            with open(os.path.join(tmp, "r.txt"), "w") as fh:
                fh.write(receipt)
            with open(os.path.join(tmp, "k.txt"), "w") as fh:
                fh.write(request("GET", "/.well-known/portal-keys").text)
            ok = subprocess.run([os.path.join(ROOT, "cgi", "portal"), "verify-receipt",
                                 os.path.join(tmp, "r.txt"), os.path.join(tmp, "k.txt")],
                                capture_output=True, text=True)
            self.assertEqual(ok.returncode, 0, ok.stderr)

        # Public: in the open data as the State's claim, evidence downloadable.
        rows = [l for l in recs_csv_rows(self.sym) if canary in l]
        self.assertEqual(len(rows), 1)
        self.assertIn(",state,", rows[0])
        dl = request("GET", "/en/evidence/%s" % f[0])
        self.assertEqual(dl.status, 200)
        self.assertEqual(dl.body, evidence)
        self.assertEqual(dl.header("content-type"), "application/octet-stream")
        self.assertTrue(dl.header("content-disposition").startswith("attachment"))
        self.assertNotIn("Minister", dl.header("content-disposition"))
        self.assertEqual(dl.header("x-content-type-options"), "nosniff")
        self.assertIn("sandbox", dl.header("content-security-policy"))

        # The report is listed on the focal point's page.
        page = self.fx.go("GET", "/en/desk/progress/%d" % self.x2)
        self.assertIn(ref, page.text)
        self.assertIn(canary, page.text)

    def test_a_double_post_of_one_form_gives_one_update(self):
        token = secrets.token_hex(24)
        fields = [("status", "implemented"), ("explanation", "Done, twice posted")]
        before = int(psql("SELECT count(*) FROM recommendation_updates"))
        first = post_update(self.fx, "/en/desk/progress/%d" % self.x1, fields, token=token)
        again = post_update(self.fx, "/en/desk/progress/%d" % self.x1, fields, token=token)
        self.assertEqual((first.status, again.status), (200, 200))
        self.assertEqual(receipt_of(first), receipt_of(again))
        self.assertEqual(int(psql("SELECT count(*) FROM recommendation_updates")), before + 1)

    def test_oversized_file_is_refused_and_the_text_kept(self):
        canary = "KEEP-" + secrets.token_hex(6)
        before = counts()
        r = post_update(self.fx, "/en/desk/progress/%d" % self.x1,
                        [("status", "implemented"), ("explanation", canary)],
                        [("evidence", "big.pdf", PDF + b"\0" * (16 * 1024 * 1024))])
        self.assertEqual(r.status, 413)
        self.assertIn(canary, r.text)
        self.assertIn("16 MiB", r.text)
        self.assertRegex(r.text, r'value="implemented"\s+checked')
        self.assertEqual(counts(), before)

    def test_disallowed_file_type_is_refused_and_the_text_kept(self):
        canary = "KEEP-" + secrets.token_hex(6)
        before = counts()
        r = post_update(self.fx, "/en/desk/progress/%d" % self.x1,
                        [("status", "implemented"), ("explanation", canary)],
                        [("evidence", "photo.jpg", ELF)])
        self.assertEqual(r.status, 422)
        self.assertIn(canary, r.text)
        self.assertIn("This kind of file is not accepted", r.text)
        self.assertEqual(counts(), before)

    def test_missing_explanation_is_shown_beside_its_field(self):
        before = counts()
        r = post_update(self.fx, "/en/desk/progress/%d" % self.x1,
                        [("status", "implemented"), ("explanation", "")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="explanation-err"', r.text)
        self.assertEqual(counts(), before)


class TestAssessment(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sym, (cls.x1, _, _) = fixture()
        cls.reviewer = logged_in("reviewer")

    def assess(self, canary, files=()):
        b = Browser()
        return post_update(b, "/en/recommendations/%d/assess" % self.x1,
                           [("status", "not_implemented"),
                            ("explanation", "Nothing changed. " + canary),
                            ("organisation", "Friends of " + canary)], files)

    def test_published_only_after_the_secretariats_check(self):
        canary = "CS-" + secrets.token_hex(6)
        evidence = PDF + canary.encode()
        r = self.assess(canary, [("evidence", "report.pdf", evidence)])
        self.assertEqual(r.status, 200, r.text[:3000])
        receipt = receipt_of(r)
        ref = re.search(r"^ref (U-\S+)$", receipt, re.M).group(1)
        self.assertTrue(verify_json(receipt)["valid"])
        row = psql("SELECT source, published, added_by, staff_id IS NULL, organisation "
                   "FROM recommendation_updates WHERE ref = '%s'" % ref)
        self.assertEqual(row, "civil_society|f|public|t|Friends of " + canary)
        fid = psql("SELECT f.id FROM update_files f JOIN recommendation_updates u "
                   "ON u.id = f.update_id WHERE u.ref = '%s'" % ref)

        # Not public yet: not in the open data, not on the page, no evidence.
        self.assertEqual([l for l in recs_csv_rows(self.sym) if canary in l], [])
        page = request("GET", "/en/recommendations/%d" % self.x1)
        self.assertNotIn(canary, page.text)
        self.assertEqual(request("GET", "/en/evidence/" + fid).status, 404)

        # The secretariat sees it, with its evidence, and publishes it.
        q = self.reviewer.go("GET", "/en/desk/assessments")
        self.assertEqual(q.status, 200)
        self.assertIn(canary, q.text)
        dl = self.reviewer.go("GET", "/en/desk/evidence/" + fid)
        self.assertEqual((dl.status, dl.body), (200, evidence))
        d = self.reviewer.form("/en/desk/assessments/" + ref, {"decision": "publish"})
        self.assertEqual(d.status, 303)
        self.assertEqual(psql("SELECT published FROM recommendation_updates "
                              "WHERE ref = '%s'" % ref), "t")
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE action = 'update.review' "
                              "AND object = 'update %s published'" % ref), "1")
        self.assertNotIn(canary, self.reviewer.go("GET", "/en/desk/assessments").text)

        # Public now, labelled as civil society's.
        rows = [l for l in recs_csv_rows(self.sym) if canary in l]
        self.assertEqual(len(rows), 1)
        self.assertIn(",civil_society,", rows[0])
        page = request("GET", "/en/recommendations/%d" % self.x1)
        if page.status == 200:
            self.assertIn(canary, page.text)
        dl = request("GET", "/en/evidence/" + fid)
        self.assertEqual((dl.status, dl.body), (200, evidence))
        # A decision is final.
        again = self.reviewer.form("/en/desk/assessments/" + ref, {"decision": "reject"})
        self.assertIn(again.status, (400, 404, 409))  # 409 is shown as 400
        self.assertEqual(psql("SELECT published FROM recommendation_updates "
                              "WHERE ref = '%s'" % ref), "t")

    def test_rejected_assessment_never_becomes_public(self):
        canary = "CSREJ-" + secrets.token_hex(6)
        r = self.assess(canary)
        ref = re.search(r"^ref (U-\S+)$", receipt_of(r), re.M).group(1)
        d = self.reviewer.form("/en/desk/assessments/" + ref, {"decision": "reject"})
        self.assertEqual(d.status, 303)
        self.assertEqual(psql("SELECT decision FROM update_reviews v JOIN "
                              "recommendation_updates u ON u.id = v.update_id "
                              "WHERE u.ref = '%s'" % ref), "rejected")
        self.assertNotIn(canary, self.reviewer.go("GET", "/en/desk/assessments").text)
        self.assertEqual([l for l in recs_csv_rows(self.sym) if canary in l], [])
        # A decision is final (409, which the error pages answer as 400).
        self.assertEqual(self.reviewer.form("/en/desk/assessments/" + ref,
                                            {"decision": "publish"}).status, 400)
        self.assertEqual(psql("SELECT published FROM recommendation_updates "
                              "WHERE ref = '%s'" % ref), "f")

    def test_focal_point_cannot_decide(self):
        canary = "CSFP-" + secrets.token_hex(6)
        ref = re.search(r"^ref (U-\S+)$", receipt_of(self.assess(canary)), re.M).group(1)
        fp = logged_in("focal_point", X)
        fp.go("GET", "/en/desk/progress")
        self.assertEqual(fp.go("GET", "/en/desk/assessments").status, 404)
        self.assertEqual(fp.form("/en/desk/assessments/" + ref,
                                 {"decision": "publish"}).status, 404)
        self.assertEqual(psql("SELECT published FROM recommendation_updates "
                              "WHERE ref = '%s'" % ref), "f")

    def test_unknown_recommendation_is_404(self):
        self.assertEqual(request("GET", "/en/recommendations/999999999/assess").status, 404)
        self.assertEqual(request("GET", "/en/recommendations/x1/assess").status, 404)

    def test_every_language_renders_the_form(self):
        for lang in ("ar", "en", "es", "fr", "ru", "zh"):
            r = request("GET", "/%s/recommendations/%d/assess" % (lang, self.x1))
            self.assertEqual(r.status, 200, lang)
            self.assertIn('lang="%s"' % lang, r.text)


if __name__ == "__main__":
    unittest.main()
