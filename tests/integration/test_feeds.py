"""Atom feeds (issue 7, step 6; README, "Feeds"): well-formed Atom 1.0
with the required elements, the right entries for everyone, one State and
one mandate, nothing confidential or not yet public, and conditional GET."""
import random
import re
import unittest
import xml.etree.ElementTree as ET

from harness import request
from test_monitoring import q
from test_public_data import import_fixtures

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
SECRETS = ["CANARY-CONFIDENTIAL-7f3a", "CANARY-FUTURE-2b9c",
           "The bill stalled."]
GLOBAL = ["communications", "replies", "updates", "all"]


def get(path, headers=None):
    return request("GET", path, headers=headers)


def ids(sql):
    return set(q(sql).split())


class Feeds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import_fixtures()

    def feed(self, path):
        r = get(path)
        self.assertEqual(r.status, 200, path)
        self.assertTrue(r.header("Content-Type").startswith(
            "application/atom+xml"), path)
        root = ET.fromstring(r.body)
        self.check_atom(root, path)
        return r, root

    def check_atom(self, root, path):
        self.assertEqual(root.tag, A + "feed", path)
        for el in ("id", "title", "updated"):
            self.assertTrue(root.findtext(A + el), path + " " + el)
        self.assertRegex(root.findtext(A + "updated"), RFC3339)
        self.assertTrue(root.find(A + "author/" + A + "name").text)
        selfs = [l for l in root.findall(A + "link") if l.get("rel") == "self"]
        self.assertEqual(len(selfs), 1, path)
        self.assertTrue(selfs[0].get("href").endswith(path), path)
        entries = root.findall(A + "entry")
        self.assertLessEqual(len(entries), 50)
        seen = set()
        for e in entries:
            for el in ("id", "title", "updated", "summary"):
                self.assertTrue(e.findtext(A + el), path + " entry " + el)
            self.assertRegex(e.findtext(A + "updated"), RFC3339)
            self.assertRegex(e.findtext(A + "id"), r"^https?://")
            self.assertTrue(e.find(A + "link").get("href"))
            seen.add(e.findtext(A + "id"))
        self.assertEqual(len(seen), len(entries), path + ": ids unique")
        times = [e.findtext(A + "updated") for e in entries]
        self.assertEqual(times, sorted(times, reverse=True), path)

    def entry_ids(self, root, kind):
        """The ids of one kind's entries, from their stable URLs."""
        out = set()
        for e in root.findall(A + "entry"):
            i = e.findtext(A + "id")
            if kind == "c":
                m = re.search(r"/communications/(\d+)$", i)
            elif kind == "r":
                m = re.search(r"/communications/\d+#reply-(\d+)$", i)
            else:
                m = re.search(r"/recommendations/\d+#update-(\d+)$", i)
            if m:
                out.add(m.group(1))
        return out

    def test_global_feeds_are_well_formed(self):
        for name in GLOBAL:
            self.feed("/feeds/%s.atom" % name)

    def test_state_feed_has_every_public_item_of_the_state(self):
        _, root = self.feed("/feeds/states/NOR.atom")
        self.assertEqual(self.entry_ids(root, "c"), ids(
            "SELECT id FROM communications WHERE state = 'NOR' AND "
            "public_after <= current_date"))
        self.assertEqual(self.entry_ids(root, "r"), ids(
            "SELECT r.id FROM replies r JOIN communications c ON c.id = "
            "r.communication_id WHERE c.state = 'NOR' AND c.public_after "
            "<= current_date"))
        self.assertEqual(self.entry_ids(root, "u"), ids(
            "SELECT u.id FROM recommendation_updates u JOIN recommendations "
            "r ON r.id = u.recommendation_id WHERE r.state = 'NOR' AND "
            "u.published"))
        self.assertTrue(self.entry_ids(root, "u"))

    def test_mandate_feed(self):
        _, root = self.feed("/feeds/mandates/freedom-of-expression.atom")
        self.assertEqual(self.entry_ids(root, "c"), ids(
            "SELECT c.id FROM communications c JOIN communication_mandates m "
            "ON m.communication_id = c.id WHERE m.mandate = "
            "'freedom-of-expression' AND c.public_after <= current_date"))
        self.assertEqual(self.entry_ids(root, "u"), ids(
            "SELECT u.id FROM recommendation_updates u JOIN recommendations "
            "r ON r.id = u.recommendation_id WHERE r.mandate = "
            "'freedom-of-expression' AND u.published"))
        _, root = self.feed("/feeds/mandates/torture.atom")
        self.assertTrue(self.entry_ids(root, "u"))

    def test_kind_feeds_hold_one_kind(self):
        _, root = self.feed("/feeds/replies.atom")
        self.assertTrue(self.entry_ids(root, "r"))
        self.assertFalse(self.entry_ids(root, "c") | self.entry_ids(root, "u"))
        _, root = self.feed("/feeds/updates.atom")
        self.assertEqual(self.entry_ids(root, "u"), ids(
            "SELECT id FROM recommendation_updates WHERE published "
            "ORDER BY id DESC LIMIT 50"))

    def test_nothing_confidential_or_unpublished(self):
        future = q("SELECT id FROM communications WHERE reference = "
                   "'AL NOR 8/2024'")
        paths = ["/feeds/%s.atom" % n for n in GLOBAL] + [
            "/feeds/states/NOR.atom", "/feeds/mandates/torture.atom"]
        for p in paths:
            r, root = self.feed(p)
            for s in SECRETS:
                self.assertNotIn(s, r.text, p)
            self.assertNotIn(future, self.entry_ids(root, "c"), p)
        # The confidential reply is announced, without its text.
        _, root = self.feed("/feeds/states/NOR.atom")
        conf = [e for e in root.findall(A + "entry")
                if "confidential" in e.findtext(A + "title")]
        self.assertEqual(len(conf), 1)
        self.assertIn("not published", conf[0].findtext(A + "summary"))

    def test_unknown_scope_is_404(self):
        for p in ("/feeds/states/XXX.atom", "/feeds/states/nor.atom",
                  "/feeds/states/NOR.rss", "/feeds/mandates/nope.atom",
                  "/feeds/mandates/A_B.atom", "/feeds/other.atom",
                  "/feeds/all.xml"):
            self.assertEqual(get(p).status, 404, p)

    def test_conditional_get_and_new_data(self):
        p = "/feeds/states/ISL.atom"
        r = get(p)
        etag = r.header("ETag")
        self.assertTrue(etag)
        self.assertEqual(r.header("Cache-Control"), "no-cache")
        r2 = get(p, {"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.body, b"")
        # A new reference each run: the test holds on a used database too.
        ref = "UA ISL %d/2021" % random.randint(10000, 99999)
        q("INSERT INTO communications (reference, type, sent_on, state, "
          "summary, public_after) VALUES ('%s', 'UA', '2021-01-05', 'ISL', "
          "'Feed letter.', '2021-03-01')" % ref)
        r3 = get(p, {"If-None-Match": etag})
        self.assertEqual(r3.status, 200)
        self.assertNotEqual(r3.header("ETag"), etag)
        self.assertIn(ref, r3.text)
        lm = r3.header("Last-Modified")
        self.assertRegex(lm, r"GMT$")
        self.assertEqual(get(p, {"If-Modified-Since": lm}).status, 304)


if __name__ == "__main__":
    unittest.main()
