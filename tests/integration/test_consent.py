"""Consent (public monitoring): a victim's name sent with consent "no" to
publication appears in no public page, export or feed, even once a
communication made from that allegation, and its reply, are public."""
import json
import re
import secrets
import unittest

from harness import request
from test_desk_editor import comm_fields, editor, mandate, unique_ref
from test_submit import base_fields, submit_json

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
KINDS = ("states", "mandates", "communications", "replies", "visits",
         "recommendations", "updates")


class Consent(unittest.TestCase):
    def test_a_name_without_consent_is_in_nothing_public(self):
        canary = "zqvictim" + secrets.token_hex(5)
        r = submit_json(base_fields(state="IRN", victims=canary + " Ali",
                                    consent_disclose_name="yes",
                                    consent_public_name="no"))
        self.assertEqual(r.status, 201, r.text)
        sub = json.loads(r.text)["ref"]
        b = editor()
        ref = unique_ref()
        b.go("GET", "/en/desk/communications")
        r = b.form("/en/desk/communications", comm_fields(ref, submissions=sub))
        self.assertEqual(r.status, 303, r.text)
        cid = re.search(r"/communications/(\d+)$", r.header("location")).group(1)
        r = b.form("/en/desk/communications/%s" % cid, {
            "received_on": "2024-04-02", "confidential": "no",
            "classification": "steps_taken", "summary": "An inquiry opened."})
        self.assertEqual(r.status, 303, r.text)
        # The communication is public (sent in 2024): the views below do
        # show it, so a leak of the name would be seen there.
        self.assertIn(ref, request("GET", "/en/communications/%s" % cid).text)
        self.assertIn(ref, request("GET", "/data/communications.csv").text)
        urls = ["/%s/communications/%s" % (l, cid) for l in LANGS]
        urls += ["/en/communications", "/en/communications?state=IRN",
                 "/en/states/IRN", "/en/analysis", "/en/visits",
                 "/en/recommendations", "/en/codebook"]
        urls += ["/data/%s.%s" % (k, f) for k in KINDS
                 for f in ("csv", "json", "xml")]
        urls += ["/feeds/all.atom", "/feeds/communications.atom",
                 "/feeds/replies.atom", "/feeds/states/IRN.atom",
                 "/feeds/mandates/%s.atom" % mandate()]
        for u in urls:
            resp = request("GET", u, timeout=60)
            self.assertEqual(resp.status, 200, u)
            self.assertNotIn(canary, resp.text, u)
            self.assertNotIn(sub, resp.text, u)


if __name__ == "__main__":
    unittest.main()
