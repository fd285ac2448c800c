"""The editor's desk: communications, replies, visits, standing
invitations, recommendations and implementation updates recorded in the
browser's way (real HTTP, CSRF token, Origin), each row in the database,
each action in the audit chain, and a communication public once its
publication date has passed. Reviewers and focal points may not record;
a missing, wrong or foreign token or a cross-site Origin changes nothing;
a wrong value shows the form again with the error and what was typed."""
import hashlib
import os
import re
import secrets
import subprocess
import tempfile
import unittest
import urllib.parse

from harness import ROOT, VAR, request
from test_desk import Browser, add_user, submit_with_canary
from test_progress import ELF, PDF, counts, post_update, receipt_of, verify_json
from test_submit import multipart, psql

MANDATE = None
ROUTES = ("/en/desk/communications", "/en/desk/visits",
          "/en/desk/invitations", "/en/desk/recommendations")


def mandate():
    global MANDATE
    if MANDATE is None:
        MANDATE = psql("SELECT slug FROM mandates WHERE active ORDER BY slug "
                       "LIMIT 1")
    return MANDATE


def unique_ref(state="IRN", kind="AL"):
    """A reference no other test uses: the import's fixtures number
    theirs below 100."""
    return "%s %s %d/%d" % (kind, state, 100 + secrets.randbelow(99899),
                            2000 + secrets.randbelow(25))


def audit_count(action):
    return int(psql("SELECT count(*) FROM audit WHERE action = '%s'" % action))


def editor(role="editor"):
    b = Browser()
    r = b.login(add_user(role))
    assert r.status == 303, r.text
    return b


def comm_fields(ref, **over):
    f = {"reference": ref, "type": ref.split(" ")[0], "sent_on": "2024-03-01",
         "state": ref.split(" ")[1], "mandate": mandate(),
         "summary": "Arbitrary detention of a journalist.",
         "summary_lang": "en", "submissions": ""}
    f.update(over)
    return f


class TestEditorRecords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.b = editor()

    def post(self, path, fields):
        self.b.go("GET", path)
        return self.b.form(path, fields)

    def test_communication_with_submission_and_reply_becomes_public(self):
        _, sub, _ = submit_with_canary()
        ref = unique_ref()
        before = audit_count("communication.record")
        r = self.post("/en/desk/communications",
                      comm_fields(ref, submissions=sub))
        self.assertEqual(r.status, 303, r.text)
        cid = re.search(r"/en/desk/communications/(\d+)$",
                        r.header("location")).group(1)
        self.assertEqual(psql("SELECT reference || '|' || type || '|' || "
                              "state || '|' || sent_on FROM communications "
                              "WHERE id = %s" % cid),
                         "%s|AL|IRN|2024-03-01" % ref)
        self.assertEqual(psql("SELECT mandate FROM communication_mandates "
                              "WHERE communication_id = %s" % cid), mandate())
        self.assertEqual(psql("SELECT s.ref FROM communication_submissions c "
                              "JOIN submissions s ON s.id = c.submission_id "
                              "WHERE c.communication_id = %s" % cid), sub)
        # The publication date is the trigger's: sent + delay.
        self.assertEqual(psql("SELECT public_after = sent_on + (SELECT "
                              "publication_delay FROM monitoring_config) "
                              "FROM communications WHERE id = %s" % cid), "t")
        self.assertEqual(audit_count("communication.record"), before + 1)
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE object = "
                              "'communication %s'" % cid), "1")
        page = self.b.go("GET", "/en/desk/communications/%s" % cid)
        self.assertEqual(page.status, 200)
        self.assertIn(ref, page.text)
        self.assertIn(sub, page.text)
        r = self.b.form("/en/desk/communications/%s" % cid, {
            "received_on": "2024-04-02", "confidential": "no",
            "classification": "responsive_incomplete",
            "summary": "The State denies the detention."})
        self.assertEqual(r.status, 303, r.text)
        self.assertEqual(psql("SELECT classification FROM replies WHERE "
                              "communication_id = %s" % cid),
                         "responsive_incomplete")
        self.assertEqual(psql("SELECT category FROM communication_outcomes "
                              "WHERE communication_id = %s" % cid),
                         "responsive_incomplete")
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE action = "
                              "'reply.record' AND object = 'communication %s'"
                              % cid), "1")
        # Sent in 2024 with a 60-day delay: public now, on the list and
        # counted on the State's page; the submission never shown.
        pub = request("GET", "/en/communications/%s" % cid)
        self.assertEqual(pub.status, 200)
        self.assertIn(ref, pub.text)
        self.assertNotIn(sub, pub.text)
        lst = request("GET", "/en/communications?state=IRN")
        self.assertIn(ref, lst.text)
        self.assertIn("Public communications", request("GET", "/en/states/IRN").text)

    def test_recent_communication_stays_private(self):
        ref = unique_ref()
        r = self.post("/en/desk/communications",
                      comm_fields(ref, sent_on=psql("SELECT current_date")))
        self.assertEqual(r.status, 303, r.text)
        cid = r.header("location").rsplit("/", 1)[1]
        self.assertEqual(request("GET", "/en/communications/%s" % cid).status, 404)
        self.assertNotIn(ref, request("GET", "/en/communications?state=IRN").text)

    def test_non_state_addressee(self):
        ref = unique_ref("OTH")
        r = self.post("/en/desk/communications", comm_fields(
            ref, state="", addressee="Acme Mining Ltd"))
        self.assertEqual(r.status, 303, r.text)
        self.assertEqual(psql("SELECT coalesce(state, '-') || addressee FROM "
                              "communications WHERE reference = '%s'" % ref),
                         "-Acme Mining Ltd")

    def test_invalid_reference_shows_form_again_with_what_was_typed(self):
        count = psql("SELECT count(*) FROM communications")
        summary = "Typed <b>summary</b> " + secrets.token_hex(4)
        for ref, words in (("AL IRN twelve", "OHCHR"),
                           ("UA IRN 3/2024", "type of letter"),
                           ("AL FRA 3/2024", "State addressed")):
            r = self.post("/en/desk/communications", comm_fields(
                ref, type="AL", state="IRN", summary=summary))
            self.assertEqual(r.status, 422, ref)
            self.assertIn(words, r.text)
            self.assertIn('value="%s"' % ref, r.text)
            self.assertIn(summary.replace("<", "&lt;").replace(">", "&gt;"),
                          r.text)
        self.assertEqual(psql("SELECT count(*) FROM communications"), count)

    def test_unknown_submission_and_missing_fields_are_refused(self):
        ref = unique_ref()
        r = self.post("/en/desk/communications",
                      comm_fields(ref, submissions="A-1999-999999"))
        self.assertEqual(r.status, 422)
        self.assertIn("No submission has this reference", r.text)
        r = self.post("/en/desk/communications",
                      comm_fields(ref, sent_on="", mandate=""))
        self.assertEqual(r.status, 422)
        self.assertIn("This field is required", r.text)
        r = self.post("/en/desk/communications",
                      comm_fields(ref, summary="x" * 20001))
        self.assertEqual(r.status, 422)
        self.assertIn("too long", r.text)
        self.assertEqual(psql("SELECT count(*) FROM communications WHERE "
                              "reference = '%s'" % ref), "0")

    def test_duplicate_reference_and_early_reply_are_refused(self):
        ref = unique_ref()
        r = self.post("/en/desk/communications", comm_fields(ref))
        cid = r.header("location").rsplit("/", 1)[1]
        r = self.post("/en/desk/communications", comm_fields(ref))
        self.assertEqual(r.status, 422)
        self.assertIn("already recorded", r.text)
        r = self.post("/en/desk/communications/%s" % cid, {
            "received_on": "2023-01-01", "confidential": "no",
            "classification": "immaterial"})
        self.assertEqual(r.status, 422)
        self.assertIn('value="2023-01-01"', r.text)
        self.assertEqual(psql("SELECT count(*) FROM replies WHERE "
                              "communication_id = %s" % cid), "0")

    def test_visit_recorded_then_status_updated_with_history(self):
        day = "2023-%02d-%02d" % (1 + secrets.randbelow(12),
                                  1 + secrets.randbelow(28))
        r = self.post("/en/desk/visits", {
            "mandate": mandate(), "state": "KEN", "requested_on": day,
            "status": "requested", "visit_start": "", "visit_end": "",
            "report_symbol": ""})
        if r.status == 422:     # the same random day drawn twice
            self.skipTest("visit already recorded for %s" % day)
        self.assertEqual(r.status, 303, r.text)
        vid = r.header("location").rsplit("/", 1)[1]
        r = self.post("/en/desk/visits/%s" % vid, {
            "status": "completed", "visit_start": "2024-05-02",
            "visit_end": "2024-05-01", "report_symbol": "A/HRC/58/1/Add.1"})
        self.assertEqual(r.status, 422)
        self.assertIn("cannot end before", r.text)
        r = self.b.form("/en/desk/visits/%s" % vid, {
            "status": "completed", "visit_start": "2024-05-01",
            "visit_end": "2024-05-10", "report_symbol": "A/HRC/58/1/Add.1"})
        self.assertEqual(r.status, 303, r.text)
        self.assertEqual(psql("SELECT string_agg(status, ',' ORDER BY id) "
                              "FROM visit_status_changes WHERE visit_id = %s"
                              % vid), "requested,completed")
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE object = "
                              "'visit %s'" % vid), "2")
        self.assertIn("A/HRC/58/1/Add.1",
                      self.b.go("GET", "/en/desk/visits/%s" % vid).text)

    def test_standing_invitation_recorded_and_updated(self):
        for since in ("2001-02-03", "2002-03-04"):
            r = self.post("/en/desk/invitations", {"state": "CHL",
                                                   "since": since})
            self.assertEqual(r.status, 303, r.text)
            self.assertEqual(psql("SELECT since FROM standing_invitations "
                                  "WHERE state = 'CHL'"), since)
        r = self.post("/en/desk/invitations", {"state": "CHL", "since": "2002-02-30"})
        self.assertEqual(r.status, 422)
        self.assertIn('value="2002-02-30"', r.text)
        self.assertGreaterEqual(int(psql(
            "SELECT count(*) FROM audit WHERE object = 'state CHL'")), 2)

    def test_recommendation_and_update(self):
        para = "%d(b)" % secrets.randbelow(10 ** 6)
        r = self.post("/en/desk/recommendations", {
            "document_symbol": "A/HRC/55/52/Add.1", "paragraph": para,
            "visit": "", "state": "BRA", "mandate": mandate(),
            "issued_on": "2024-02-01", "text": "Release all journalists.",
            "text_lang": "en", "themes": "detention; press freedom ;",
            "affected_groups": "journalists"})
        self.assertEqual(r.status, 303, r.text)
        rid = r.header("location").rsplit("/", 1)[1]
        self.assertEqual(psql("SELECT array_to_string(themes, '|') FROM "
                              "recommendations WHERE id = %s" % rid),
                         "detention|press freedom")
        r = post_update(self.b, "/en/desk/recommendations/%s" % rid, [
            ("reported_on", "2024-06-01"), ("status", "partially_implemented"),
            ("source", "state"), ("explanation", "x")])
        self.assertEqual(r.status, 422)   # States report elsewhere
        self.assertIn('id="source-err"', r.text)
        self.assertNotIn('id="status-err"', r.text)
        r = post_update(self.b, "/en/desk/recommendations/%s" % rid, [
            ("reported_on", "2024-06-01"), ("status", "partially_implemented"),
            ("source", "mandate_holder"), ("explanation", "Two were released.")])
        self.assertEqual(r.status, 200, r.text[:2000])
        self.assertIn("U-", receipt_of(r))
        self.assertEqual(psql("SELECT status || '|' || source || '|' || "
                              "reported_on FROM recommendation_updates WHERE "
                              "recommendation_id = %s" % rid),
                         "partially_implemented|mandate_holder|2024-06-01")
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE object = "
                              "'recommendation %s'" % rid), "2")

    def test_recommendation_bad_symbol_keeps_text(self):
        r = self.post("/en/desk/recommendations", {
            "document_symbol": "not a symbol", "paragraph": "1",
            "state": "BRA", "mandate": mandate(), "issued_on": "2024-02-01",
            "text": "Kept text " + "é" * 3, "text_lang": "en"})
        self.assertEqual(r.status, 422)
        self.assertIn("document symbol", r.text)
        self.assertIn("Kept text " + "é" * 3, r.text)

    def test_admin_may_record(self):
        b = editor("admin")
        path = "/en/desk/invitations"
        b.go("GET", path)
        r = b.form(path, {"state": "URY", "since": "2010-01-01"})
        self.assertEqual(r.status, 303, r.text)

    def test_pages_in_six_languages(self):
        for lang in ("ar", "en", "es", "fr", "ru", "zh"):
            for route in ROUTES:
                r = self.b.go("GET", route.replace("/en/", "/%s/" % lang))
                self.assertEqual(r.status, 200, (lang, route))
                self.assertIn('lang="%s"' % lang, r.text)
                for other in ROUTES:     # the desk bar links them all
                    self.assertIn('href="%s"' % other.replace(
                        "/en/", "/%s/" % lang), r.text)
            r = request("GET", "/%s/codebook" % lang)
            self.assertEqual(r.status, 200)
        self.assertIn('dir="rtl"', request("GET", "/ar/codebook").text)


class TestEditorRefusals(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.b = editor()
        cls.b.go("GET", "/en/desk/communications")
        ref = unique_ref()
        r = cls.b.form("/en/desk/communications", comm_fields(ref))
        assert r.status == 303, r.text
        cls.cid = r.header("location").rsplit("/", 1)[1]
        cls.b.go("GET", "/en/desk/visits")
        r = cls.b.form("/en/desk/visits", {
            "mandate": mandate(), "state": "PER",
            "requested_on": "19%02d-01-01" % (50 + secrets.randbelow(49)),
            "status": "requested"})
        cls.vid = r.header("location").rsplit("/", 1)[1] if r.status == 303 \
            else psql("SELECT min(id) FROM visits")
        cls.b.go("GET", "/en/desk/recommendations")
        r = cls.b.form("/en/desk/recommendations", {
            "document_symbol": "A/HRC/1/2", "paragraph":
            str(secrets.randbelow(10 ** 9)), "state": "PER",
            "mandate": mandate(), "issued_on": "2020-01-01", "text": "T",
            "text_lang": "en"})
        assert r.status == 303, r.text
        cls.rid = r.header("location").rsplit("/", 1)[1]

    def routes(self):
        return list(ROUTES) + [
            "/en/desk/communications/%s" % self.cid,
            "/en/desk/visits/%s" % self.vid,
            "/en/desk/recommendations/%s" % self.rid]

    def state(self):
        return psql("SELECT (SELECT count(*) FROM communications) || ',' || "
                    "(SELECT count(*) FROM replies) || ',' || "
                    "(SELECT count(*) FROM visit_status_changes) || ',' || "
                    "(SELECT count(*) FROM standing_invitations) || ',' || "
                    "(SELECT count(*) FROM recommendations) || ',' || "
                    "(SELECT count(*) FROM recommendation_updates) || ',' || "
                    "(SELECT count(*) FROM audit WHERE action NOT IN "
                    "('login', 'logout', 'staff.add'))")

    def valid_body(self, path):
        if "communications/" in path:
            return {"received_on": "2024-05-05", "confidential": "no",
                    "classification": "immaterial"}
        if "visits/" in path:
            return {"status": "accepted"}
        if "recommendations/" in path:
            return {"form_token": secrets.token_hex(24),
                    "reported_on": "2024-05-05", "status": "implemented",
                    "source": "secretariat", "explanation": "Done."}
        if path.endswith("communications"):
            return comm_fields(unique_ref())
        if path.endswith("visits"):
            return {"mandate": mandate(), "state": "PER",
                    "requested_on": "1949-01-01", "status": "requested"}
        if path.endswith("invitations"):
            return {"state": "PER", "since": "2011-11-11"}
        return {"document_symbol": "A/HRC/9/9", "paragraph":
                str(secrets.randbelow(10 ** 9)), "state": "PER",
                "mandate": mandate(), "issued_on": "2020-01-01", "text": "T",
                "text_lang": "en"}

    @staticmethod
    def send(b, path, body, headers=None, csrf=True):
        """The update form is multipart, its token first, with a file."""
        if "recommendations/" not in path:
            return b.form(path, body, headers=headers, csrf=csrf)
        f = dict(body)
        if csrf:
            f.setdefault("csrf", b.csrf)
        first = [("csrf", f.pop("csrf"))] if "csrf" in f else []
        data, ctype = multipart(first + list(f.items()),
                                [("evidence", "e.pdf", PDF)])
        return b.go("POST", path, data, ctype, headers)

    def test_reviewer_and_focal_point_get_403_everywhere(self):
        before = self.state()
        for role, st in (("reviewer", None), ("focal_point", "PER")):
            b = Browser()
            self.assertEqual(b.login(add_user(role, st)).status, 303)
            b.go("GET", "/en/desk/login")   # a valid CSRF token
            for path in self.routes():
                self.assertEqual(b.go("GET", path).status, 403, (role, path))
                r = self.send(b, path, self.valid_body(path))
                self.assertEqual(r.status, 403, (role, path))
        self.assertEqual(self.state(), before)

    def test_anonymous_is_sent_to_login(self):
        for path in self.routes():
            r = request("GET", path)
            self.assertEqual(r.status, 303, path)
            self.assertEqual(r.header("location"), "/en/desk/login")

    def test_bad_csrf_and_cross_site_origin_change_nothing(self):
        other = editor()
        other.go("GET", "/en/desk")
        foreign = other.csrf
        before = self.state()
        for path in self.routes():
            body = self.valid_body(path)
            self.b.go("GET", path)
            send = self.send
            cases = [send(self.b, path, body, csrf=False),
                     send(self.b, path, dict(body, csrf="A" * 43)),
                     send(self.b, path, dict(body, csrf=foreign)),
                     send(self.b, path, body,
                          headers={"Origin": "https://evil.example"}),
                     send(self.b, path, body,
                          headers={"Sec-Fetch-Site": "cross-site"})]
            for i, r in enumerate(cases):
                self.assertEqual(r.status, 403, (path, i))
        self.assertEqual(self.state(), before)
        # Control: the same update with the right token is recorded.
        path = "/en/desk/recommendations/%s" % self.rid
        self.b.go("GET", path)
        self.assertEqual(self.send(self.b, path, self.valid_body(path)).status,
                         200)

    def test_unknown_ids_are_404(self):
        for path in ("/en/desk/communications/999999999",
                     "/en/desk/visits/999999999",
                     "/en/desk/recommendations/999999999",
                     "/en/desk/visits/abc"):
            self.assertEqual(self.b.go("GET", path).status, 404, path)


class TestEditorUpdates(unittest.TestCase):
    """An editor's update goes through the intake of States' reports: a
    signed receipt in the transparency log, evidence files stored with
    their hash and size, the editor's staff id on both, published at once."""

    @classmethod
    def setUpClass(cls):
        login = add_user("editor")
        cls.b = Browser()
        assert cls.b.login(login).status == 303
        cls.staff_id = int(psql("SELECT id FROM staff WHERE login = '%s'"
                                % login))
        cls.b.go("GET", "/en/desk/recommendations")
        r = cls.b.form("/en/desk/recommendations", {
            "document_symbol": "A/HRC/57/3", "paragraph":
            str(secrets.randbelow(10 ** 9)), "state": "PER",
            "mandate": mandate(), "issued_on": "2021-01-01",
            "text": "Free them.", "text_lang": "en"})
        assert r.status == 303, r.text
        cls.rid = int(r.header("location").rsplit("/", 1)[1])
        cls.path = "/en/desk/recommendations/%d" % cls.rid

    def test_update_with_evidence_has_a_receipt_and_is_public(self):
        canary = "EDITOR-" + secrets.token_hex(6)
        evidence = PDF + canary.encode()
        audits = audit_count("recommendation.update")
        r = post_update(self.b, self.path, [
            ("reported_on", "2024-07-01"), ("status", "implemented"),
            ("source", "secretariat"), ("explanation", "Freed. " + canary)],
            [("evidence", "Report by the secretariat.pdf", evidence)])
        self.assertEqual(r.status, 200, r.text[:3000])
        receipt = receipt_of(r)
        lines = receipt.split("\n")
        self.assertIn("kind progress-report", lines)
        self.assertIn("parent R-%d" % self.rid, lines)
        sha = hashlib.sha256(evidence).hexdigest()
        self.assertIn("file sha256:%s %d" % (sha, len(evidence)), lines)
        self.assertNotIn(canary, receipt)
        ref = [l[4:] for l in lines if l.startswith("ref ")][0]

        row = psql("SELECT source, published, added_by, staff_id, status, "
                   "reported_on FROM recommendation_updates WHERE ref = '%s'"
                   % ref)
        self.assertEqual(row, "secretariat|t|staff|%d|implemented|2024-07-01"
                         % self.staff_id)
        f = psql("SELECT f.id, encode(f.sha256, 'hex'), f.size, f.added_by, "
                 "f.staff_id FROM update_files f JOIN recommendation_updates "
                 "u ON u.id = f.update_id WHERE u.ref = '%s'" % ref).split("|")
        self.assertEqual(f[1:], [sha, str(len(evidence)), "staff",
                                 str(self.staff_id)])
        self.assertEqual(audit_count("recommendation.update"), audits + 1)
        self.assertEqual(psql("SELECT count(*) FROM audit WHERE object LIKE "
                              "'%%%s%%' OR object LIKE '%%%s%%'"
                              % (ref, canary)), "0")

        d = verify_json(receipt)
        self.assertTrue(d["valid"], d)
        self.assertIsNotNone(d["log"]["index"], d)
        with tempfile.TemporaryDirectory(dir=VAR) as tmp:
            with open(os.path.join(tmp, "r.txt"), "w") as fh:
                fh.write(receipt)
            with open(os.path.join(tmp, "k.txt"), "w") as fh:
                fh.write(request("GET", "/.well-known/portal-keys").text)
            ok = subprocess.run([os.path.join(ROOT, "cgi", "portal"),
                                 "verify-receipt", os.path.join(tmp, "r.txt"),
                                 os.path.join(tmp, "k.txt")],
                                capture_output=True, text=True)
            self.assertEqual(ok.returncode, 0, ok.stderr)

        # Public at once: the receipt's reference and the evidence link.
        page = request("GET", "/en/recommendations/%d" % self.rid)
        self.assertEqual(page.status, 200)
        self.assertIn(ref, page.text)
        self.assertIn('href="/en/evidence/%s"' % f[0], page.text)
        dl = request("GET", "/en/evidence/%s" % f[0])
        self.assertEqual(dl.status, 200)
        self.assertEqual(dl.body, evidence)
        self.assertNotIn("secretariat.pdf", dl.header("content-disposition"))
        # And on the desk's list of updates.
        self.assertIn(canary, self.b.go("GET", self.path).text)

    def test_date_left_empty_is_today(self):
        canary = "TODAY-" + secrets.token_hex(6)
        r = post_update(self.b, self.path, [
            ("reported_on", ""), ("status", "no_information"),
            ("source", "mandate_holder"), ("explanation", canary)])
        self.assertEqual(r.status, 200, r.text[:2000])
        self.assertEqual(psql("SELECT reported_on = (now() AT TIME ZONE "
                              "'UTC')::date FROM recommendation_updates "
                              "WHERE explanation = '%s'" % canary), "t")

    def test_a_double_post_gives_one_update(self):
        token = secrets.token_hex(24)
        fields = [("status", "implemented"), ("source", "secretariat"),
                  ("explanation", "Posted twice")]
        before = counts()
        first = post_update(self.b, self.path, fields, token=token)
        again = post_update(self.b, self.path, fields, token=token)
        self.assertEqual((first.status, again.status), (200, 200))
        self.assertEqual(receipt_of(first), receipt_of(again))
        self.assertEqual(int(counts().split("|")[0]),
                         int(before.split("|")[0]) + 1)

    def refused(self, fields, files, status):
        before = counts()
        r = post_update(self.b, self.path, fields, files)
        self.assertEqual(r.status, status, r.text[:2000])
        self.assertEqual(counts(), before)
        return r

    def typed(self, canary, date="2023-03-03"):
        return [("reported_on", date), ("status", "partially_implemented"),
                ("source", "mandate_holder"), ("explanation", canary)]

    def assert_kept(self, r, canary, date="2023-03-03"):
        self.assertIn(canary, r.text)
        self.assertIn('value="%s"' % date, r.text)
        self.assertRegex(r.text, r'value="partially_implemented"\s+checked')
        self.assertRegex(r.text, r'value="mandate_holder"\s+checked')

    def test_bad_file_is_refused_and_the_text_kept(self):
        canary = "KEEP-" + secrets.token_hex(6)
        r = self.refused(self.typed(canary), [("evidence", "x.pdf", ELF)], 422)
        self.assertIn("This kind of file is not accepted", r.text)
        self.assertIn('id="evidence-err"', r.text)
        self.assert_kept(r, canary)

    def test_oversized_file_is_refused_and_the_text_kept(self):
        canary = "KEEP-" + secrets.token_hex(6)
        r = self.refused(self.typed(canary), [
            ("evidence", "big.pdf", PDF + b"\0" * (16 * 1024 * 1024))], 413)
        self.assertIn("16 MiB", r.text)
        self.assert_kept(r, canary)

    def test_invalid_date_is_shown_beside_its_field(self):
        canary = "KEEP-" + secrets.token_hex(6)
        r = self.refused(self.typed(canary, "2024-02-30"),
                         [("evidence", "e.pdf", PDF)], 422)
        self.assertIn('id="reported_on-err"', r.text)
        self.assert_kept(r, canary, "2024-02-30")


if __name__ == "__main__":
    unittest.main()
