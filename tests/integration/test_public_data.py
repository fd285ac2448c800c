"""Public monitoring (issue 7, steps 3 and 4): the communications
database and its permalinks, the State page's record of cooperation
checked against an independent computation over the base tables, and
the open data (CSV and JSON), which must never hold anything
confidential or not yet public and must import again."""
import csv
import io
import json
import os
import re
import unittest

from harness import request
from test_database import portal
from test_monitoring import FIX, imp, q

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
CANARIES = ["CANARY-CONFIDENTIAL-7f3a", "CANARY-FUTURE-2b9c"]
IMPORT_COLS = ["reference", "type", "sent_on", "state", "addressee",
               "mandates", "public_after", "summary_lang", "summary",
               "reply_date", "reply_confidential", "reply_classification",
               "reply_summary"]
ORDER = ["no_response", "immaterial", "rejected_unsubstantiated",
         "responsive_incomplete", "investigation_or_steps_announced",
         "steps_taken"]


def get(path, headers=None):
    r = request("GET", path, headers=headers)
    return r


def refs(html):
    return re.findall(r">((?:J?(?:AL|UA|OL)) [A-Z]{3} \d+/\d{4})</a>", html)


def comm_id(ref):
    return q("SELECT id FROM communications WHERE reference = '%s'" % ref)


def pct(n, total):
    t = (n * 1000 + total // 2) // total
    return "%d.%d%%" % (t // 10, t % 10)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class PublicData(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for kind in ("communications", "visits", "recommendations"):
            r = imp(kind, kind + ".csv")
            if r.returncode != 0:
                raise AssertionError(r.stdout + r.stderr)

    # --- the list --------------------------------------------------------
    def test_list_is_public_only_newest_first(self):
        r = get("/en/communications?state=NOR")
        self.assertEqual(r.status, 200)
        self.assertEqual(refs(r.text), ["AL NOR 6/2024", "OL NOR 5/2023",
                                        "JAL NOR 4/2023", "UA NOR 3/2023",
                                        "AL NOR 2/2023", "AL NOR 1/2023"])
        self.assertNotIn("AL NOR 8/2024", r.text)

    def test_order_is_stable_and_matches_sql(self):
        r = get("/en/communications")
        expected = q("SELECT string_agg(reference, ',' ORDER BY sent_on DESC, "
                     "id DESC) FROM (SELECT * FROM communications WHERE "
                     "public_after <= current_date ORDER BY sent_on DESC, "
                     "id DESC LIMIT 50) x").split(",")
        self.assertEqual(refs(r.text), expected)
        self.assertIn("AL OTH 7/2023", refs(r.text))

    def test_filters(self):
        cases = {
            "state=NOR&type=UA": ["UA NOR 3/2023"],
            "state=NOR&reply=no_response": ["OL NOR 5/2023", "AL NOR 2/2023"],
            "state=NOR&year=2024": ["AL NOR 6/2024"],
            "state=NOR&mandate=torture": ["AL NOR 6/2024", "JAL NOR 4/2023",
                                          "AL NOR 2/2023", "AL NOR 1/2023"],
            "state=NOR&reply=responsive_incomplete": ["JAL NOR 4/2023"],
            "state=NOR&type=JAL&year=2023&mandate=freedom-of-expression":
                ["JAL NOR 4/2023"],
            "state=NOR&year=1999": [],
        }
        for query, want in cases.items():
            r = get("/en/communications?" + query)
            self.assertEqual(r.status, 200, query)
            self.assertEqual(refs(r.text), want, query)
        # A selected filter comes back selected in the form.
        r = get("/en/communications?state=NOR&type=UA")
        self.assertRegex(r.text, r'<option value="UA" selected')

    def test_malformed_filters_mean_any(self):
        base = refs(get("/en/communications?state=NOR").text)
        for bad in ("type=XX", "year=20x4", "reply=bogus", "mandate=A%20B",
                    "page=0", "page=99999999999999999999"):
            r = get("/en/communications?state=NOR&" + bad)
            self.assertEqual(r.status, 200, bad)
            self.assertEqual(refs(r.text), base, bad)
        r = get("/en/communications?state=nor")
        self.assertEqual(r.status, 200)

    def test_pages_past_the_end_are_empty(self):
        r = get("/en/communications?state=NOR&page=2")
        self.assertEqual(r.status, 200)
        self.assertEqual(refs(r.text), [])
        self.assertIn('rel="prev"', r.text)

    # --- the permalink ----------------------------------------------------
    def test_permalink(self):
        r = get("/en/communications/" + comm_id("UA NOR 3/2023"))
        self.assertEqual(r.status, 200)
        t = text(r.text)
        self.assertIn("UA NOR 3/2023", t)
        self.assertIn("Urgent appeal", t)
        self.assertIn("10 March 2023", t)
        self.assertIn("Norway", t)
        self.assertIn("freedom of opinion and expression", t)
        self.assertIn("Detention of a journalist.", t)
        self.assertIn("1 April 2023", t)
        self.assertIn("Immaterial reply", t)
        self.assertIn("The allegations are denied.", t)
        self.assertIn("Allegations rejected without substantiation", t)
        r = get("/fr/communications/" + comm_id("UA NOR 3/2023"))
        self.assertIn("Norvège", r.text)
        self.assertIn("10 mars 2023", r.text)

    def test_confidential_reply_shows_only_that_it_was_received(self):
        r = get("/en/communications/" + comm_id("JAL NOR 4/2023"))
        self.assertEqual(r.status, 200)
        self.assertIn("confidential reply received", r.text)
        self.assertIn("Responsive but incomplete reply", r.text)
        self.assertNotIn("CANARY", r.text)

    def test_not_public_or_unknown_is_404(self):
        for path in ("/en/communications/" + comm_id("AL NOR 8/2024"),
                     "/en/communications/999999999", "/en/communications/0",
                     "/en/communications/abc", "/en/communications/1e3"):
            self.assertEqual(get(path).status, 404, path)

    def test_non_state_addressee(self):
        r = get("/en/communications/" + comm_id("AL OTH 7/2023"))
        self.assertEqual(r.status, 200)
        self.assertIn("Example Mining Ltd", r.text)

    # --- the State page ---------------------------------------------------
    def test_state_page_counts_match_an_independent_computation(self):
        # From the base tables only: the public letters to NOR and the
        # classification of each one's latest reply.
        rows = q("SELECT coalesce((SELECT r.classification FROM replies r "
                 "WHERE r.communication_id = c.id ORDER BY r.received_on DESC, "
                 "r.id DESC LIMIT 1), 'no_response') FROM communications c "
                 "WHERE c.state = 'NOR' AND c.public_after <= current_date"
                 ).splitlines()
        total = len(rows)
        self.assertEqual(total, 6)
        counts = {k: rows.count(k) for k in ORDER}
        conf = int(q("SELECT count(*) FROM communications c WHERE c.state = "
                     "'NOR' AND c.public_after <= current_date AND EXISTS "
                     "(SELECT 1 FROM replies r WHERE r.communication_id = c.id "
                     "AND r.confidential)"))
        replied = total - counts["no_response"]
        page = get("/en/states/NOR")
        self.assertEqual(page.status, 200)
        h = page.text
        t = text(h)
        self.assertIn("Public communications: %d" % total, t)
        self.assertIn("Reply rate: %s" % pct(replied, total), t)
        self.assertIn("66.7%", t)
        self.assertIn("communications answered: %d / %d" % (replied, total), t)
        for k in ORDER:
            m = re.search(r'<tr id="%s">(.*?)</tr>' % k, h)
            self.assertIsNotNone(m, k)
            cells = re.findall(r"<td>([^<]*)</td>", m.group(1))
            self.assertEqual(cells, [str(counts[k]), pct(counts[k], total)], k)
        self.assertRegex(t, r"never shown\): %d \( ?%s" % (conf, re.escape(
            pct(conf, replied))))
        # By year and type.
        by = q("SELECT extract(year FROM sent_on)::int, count(*) FROM "
               "communications WHERE state = 'NOR' AND public_after <= "
               "current_date GROUP BY 1 ORDER BY 1 DESC")
        for line in by.splitlines():
            year, n = line.split("|")
            self.assertRegex(h, r'<th scope="row">%s</th>(<td>\d+</td>)*'
                             r'<td>%s</td></tr>' % (year, n))
        self.assertIn("/en/communications?state=NOR", h)

    def test_state_page_visits_and_recommendations(self):
        h = get("/en/states/NOR").text
        t = text(h)
        self.assertIn("Visit completed", t)
        self.assertIn("Requested", t)
        waited = q("SELECT current_date - requested_on FROM visits WHERE "
                   "state = 'NOR' AND status = 'requested'")
        self.assertIn("{:,}".format(int(waited)), t)
        # The latest published update of each recommendation, else none.
        self.assertRegex(t, r"Partially implemented 1 50\.0%")
        self.assertRegex(t, r"No information 1 50\.0%")
        self.assertIn("Total 2", t)

    def test_state_without_data_has_no_section(self):
        r = get("/en/states/FRA")
        self.assertEqual(r.status, 200)
        self.assertNotIn("Cooperation with the Special Procedures", r.text)
        self.assertNotIn('id="coop-h"', r.text)

    def test_six_languages(self):
        paths = ["/communications", "/communications?state=NOR&reply=steps_taken",
                 "/communications/" + comm_id("JAL NOR 4/2023"), "/states/NOR"]
        for lang in LANGS:
            for p in paths:
                r = get("/" + lang + p)
                self.assertEqual(r.status, 200, lang + p)
                self.assertIn('lang="%s"' % lang, r.text)
        self.assertIn("66,7\u202f%", get("/fr/states/NOR").text)

    # --- nothing confidential anywhere --------------------------------------
    def test_canaries_appear_nowhere(self):
        ids = q("SELECT id FROM communications").split()
        paths = ["/data/communications.csv", "/data/communications.json"]
        for lang in LANGS:
            paths += ["/%s/communications" % lang, "/%s/states/NOR" % lang,
                      "/%s/communications?state=NOR&year=2024" % lang]
            paths += ["/%s/communications/%s" % (lang, i) for i in ids]
        for p in paths:
            body = get(p).text
            for c in CANARIES:
                self.assertNotIn(c, body, p)

    # --- open data ----------------------------------------------------------
    def public_rows(self):
        """The public set from SQL, one row per reply, as the CSV has it."""
        out = q("SELECT c.reference, c.type, c.sent_on, coalesce(c.state, ''), "
                "coalesce(c.addressee, ''), coalesce((SELECT string_agg("
                "m.mandate, ';' ORDER BY m.mandate COLLATE \"C\") FROM "
                "communication_mandates m WHERE m.communication_id = c.id), ''), "
                "c.public_after, c.summary_lang, "
                "replace(c.summary, E'\\n', '\\n'), "
                "coalesce(r.received_on::text, ''), "
                "coalesce(r.confidential::text, ''), "
                "coalesce(r.classification, ''), CASE WHEN r.confidential "
                "THEN '' ELSE coalesce(r.summary, '') END FROM communications c "
                "LEFT JOIN replies r ON r.communication_id = c.id WHERE "
                "c.public_after <= current_date ORDER BY c.id, r.received_on, "
                "r.id")
        return [[f.replace("\\n", "\n") for f in line.split("|")]
                for line in out.splitlines()]

    def test_csv_export(self):
        r = get("/data/communications.csv")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/csv"))
        self.assertIn("attachment", r.header("Content-Disposition"))
        self.assertIn("creativecommons.org/licenses/by/4.0", r.header("Link"))
        rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"),
                                           newline="")))
        self.assertEqual(rows[0], IMPORT_COLS)
        self.assertEqual(rows[1:], self.public_rows())
        conf = [x for x in rows[1:] if x[10] == "true"]
        self.assertEqual(len(conf), 1)
        self.assertEqual(conf[0][12], "")

    def test_csv_export_round_trip(self):
        body = get("/data/communications.csv").body
        path = "/tmp/pub-export.csv"
        with open(path, "wb") as f:
            f.write(body)
        # The importer reads the export, and finds every row equal to what
        # is stored: a confidential reply is matched on its key, date,
        # confidentiality and classification, its text being withheld.
        r = portal("import", "communications", path, timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(" 0 added, 0 changed", r.stdout)
        self.assertIn("replies: 0 added", r.stdout)

    def test_json_export(self):
        r = get("/data/communications.json")
        self.assertEqual(r.status, 200)
        d = json.loads(r.body)
        self.assertIn("CC BY 4.0", d["licence"])
        got = {c["reference"]: c for c in d["communications"]}
        want = q("SELECT string_agg(reference, ',' ORDER BY id) FROM "
                 "communications WHERE public_after <= current_date")
        self.assertEqual([c["reference"] for c in d["communications"]],
                         want.split(","))
        jal = got["JAL NOR 4/2023"]
        self.assertEqual(jal["mandates"], ["freedom-of-expression", "torture"])
        self.assertEqual(jal["replies"], [{"date": "2023-06-01",
                                           "classification":
                                           "responsive_incomplete",
                                           "confidential": True,
                                           "summary": ""}])
        self.assertEqual(len(got["UA NOR 3/2023"]["replies"]), 2)
        self.assertEqual(got["UA NOR 3/2023"]["category"],
                         "rejected_unsubstantiated")
        self.assertEqual(got["AL OTH 7/2023"]["addressee"], "Example Mining Ltd")
        self.assertEqual(got["AL NOR 2/2023"]["replies"], [])

    def test_visits_and_recommendations_csv_round_trip(self):
        for kind in ("visits", "recommendations"):
            r = get("/data/%s.csv" % kind)
            self.assertEqual(r.status, 200, kind)
            self.assertIn("creativecommons.org", r.header("Link"))
            path = "/tmp/pub-export-%s.csv" % kind
            with open(path, "wb") as f:
                f.write(r.body)
            res = portal("import", kind, path, timeout=120)
            self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
            self.assertIn(" 0 added, 0 changed", res.stdout)
        rows = list(csv.reader(io.StringIO(
            get("/data/visits.csv").body.decode("utf-8"), newline="")))
        self.assertEqual(len(rows) - 1, int(q("SELECT count(*) FROM visits")))
        body = get("/data/recommendations.csv").text
        # An update not yet published (checked by the secretariat) is not.
        self.assertIn("A bill was tabled.", body)
        self.assertNotIn("The bill stalled.", body)
        rows = list(csv.reader(io.StringIO(body, newline="")))
        self.assertEqual(len(rows) - 1, int(q(
            "SELECT count(*) FROM recommendations r LEFT JOIN "
            "recommendation_updates u ON u.recommendation_id = r.id "
            "AND u.published")))

    def test_exports_cross_chunk_boundaries(self):
        # 1,200 letters to Iceland: three queries of 500 (data/coop.c).
        q("INSERT INTO communications (reference, type, sent_on, state, "
          "summary) SELECT 'AL ISL ' || i || '/2020', 'AL', date '2020-01-01' "
          "+ (i % 300), 'ISL', 'Bulk letter ' || i FROM generate_series(1, "
          "1200) i ON CONFLICT (reference) DO NOTHING")
        want = int(q("SELECT count(*) FROM communications c LEFT JOIN "
                     "replies r ON r.communication_id = c.id WHERE "
                     "c.public_after <= current_date"))
        rows = list(csv.reader(io.StringIO(
            get("/data/communications.csv").body.decode("utf-8"),
            newline="")))
        self.assertEqual(len(rows) - 1, want)
        self.assertEqual(len({r[0] for r in rows[1:]}), int(q(
            "SELECT count(*) FROM communications WHERE public_after <= "
            "current_date")))
        d = json.loads(get("/data/communications.json").body)
        ids = [c["id"] for c in d["communications"]]
        self.assertEqual(ids, sorted(set(ids)))
        self.assertEqual(len(ids), len({r[0] for r in rows[1:]}))
        # The list pages through them: 50 a page, no overlap.
        p1 = refs(get("/en/communications?state=ISL").text)
        p2 = refs(get("/en/communications?state=ISL&page=2").text)
        self.assertEqual(len(p1), 50)
        self.assertEqual(len(p2), 50)
        self.assertFalse(set(p1) & set(p2))
        self.assertIn('rel="next"', get("/en/communications?state=ISL").text)

    def test_conditional_get(self):
        for p in ("/data/communications.csv", "/data/communications.json",
                  "/data/visits.csv"):
            r = get(p)
            etag = r.header("ETag")
            self.assertTrue(etag and etag.startswith('"'), p)
            self.assertRegex(r.header("Last-Modified"),
                             r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} "
                             r"\d\d:\d\d:\d\d GMT$")
            r2 = get(p, {"If-None-Match": etag})
            self.assertEqual(r2.status, 304, p)
            self.assertEqual(r2.body, b"")
            r3 = get(p, {"If-None-Match": '"other"'})
            self.assertEqual(r3.status, 200, p)


if __name__ == "__main__":
    unittest.main()
