"""Public monitoring (issue 7, steps 3 and 4): the communications
database and its permalinks, the State page's record of cooperation
checked against an independent computation over the base tables, and
the open data (CSV and JSON), which must never hold anything
confidential or not yet public and must import again."""
import csv
import http.client
import io
import json
import os
import random
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET

from harness import PORT, request
from test_database import VAR, portal
from test_monitoring import FIX, imp, q

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
CANARIES = ["CANARY-CONFIDENTIAL-7f3a", "CANARY-FUTURE-2b9c"]
IMPORT_COLS = ["reference", "type", "sent_on", "state", "addressee",
               "mandates", "public_after", "summary_lang", "summary",
               "reply_date", "reply_confidential", "reply_classification",
               "reply_summary"]
KINDS = ["states", "mandates", "communications", "replies", "visits",
         "recommendations", "updates"]
FORMATS = ["csv", "json", "xml"]
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


def import_fixtures():
    """The three fixtures; importing again changes nothing."""
    for kind in ("communications", "visits", "recommendations"):
        r = imp(kind, kind + ".csv")
        if r.returncode != 0:
            raise AssertionError(r.stdout + r.stderr)


class PublicData(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import_fixtures()

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
        # The latest published update of each recommendation, else none,
        # computed from the base table (other tests add recommendations).
        rows = q("SELECT coalesce((SELECT u.status FROM "
                 "recommendation_updates u WHERE u.recommendation_id = r.id "
                 "AND u.published ORDER BY u.reported_on DESC, u.id DESC "
                 "LIMIT 1), 'no_information') FROM recommendations r "
                 "WHERE r.state = 'NOR'").splitlines()
        names = {"partially_implemented": "Partially implemented",
                 "no_information": "No information"}
        self.assertTrue(set(names) <= set(rows))
        for k, name in names.items():
            self.assertRegex(t, r"%s %d %s" % (name, rows.count(k), re.escape(
                pct(rows.count(k), len(rows)))))
        self.assertIn("Total %d" % len(rows), t)

    def test_state_without_data_has_no_section(self):
        iso3 = q("SELECT min(iso3) FROM states s WHERE NOT EXISTS (SELECT 1 "
                 "FROM communications c WHERE c.state = s.iso3) AND NOT "
                 "EXISTS (SELECT 1 FROM visits v WHERE v.state = s.iso3) AND "
                 "NOT EXISTS (SELECT 1 FROM recommendations r WHERE r.state = "
                 "s.iso3) AND NOT EXISTS (SELECT 1 FROM standing_invitations "
                 "i WHERE i.state = s.iso3)")
        r = get("/en/states/" + iso3)
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
        paths = ["/data/%s.%s" % (k, f) for k in KINDS for f in FORMATS]
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
        self.assertEqual(len(conf), int(q(
            "SELECT count(*) FROM replies r JOIN communications c ON "
            "c.id = r.communication_id WHERE r.confidential AND "
            "c.public_after <= current_date")))
        self.assertTrue(conf)
        self.assertTrue(all(x[12] == "" for x in conf))

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
        self.assertIn("creativecommons.org", d["licence_url"])
        got = {c["reference"]: c for c in d["communications"]}
        want = q("SELECT string_agg(reference, ',' ORDER BY id) FROM "
                 "communications WHERE public_after <= current_date")
        self.assertEqual([c["reference"] for c in d["communications"]],
                         want.split(","))
        jal = got["JAL NOR 4/2023"]
        self.assertEqual(jal["id"], int(comm_id("JAL NOR 4/2023")))
        self.assertEqual(jal["mandates"], ["freedom-of-expression", "torture"])
        self.assertEqual((jal["replies"], jal["confidential_replies"]), (1, 1))
        self.assertEqual(jal["category"], "responsive_incomplete")
        self.assertEqual(got["UA NOR 3/2023"]["replies"], 2)
        self.assertEqual(got["UA NOR 3/2023"]["category"],
                         "rejected_unsubstantiated")
        self.assertEqual(got["AL OTH 7/2023"]["addressee"], "Example Mining Ltd")
        self.assertIsNone(got["AL OTH 7/2023"]["state"])
        self.assertIsNone(got["AL NOR 2/2023"]["addressee"])
        self.assertEqual(got["AL NOR 2/2023"]["replies"], 0)
        # Replies, one record each, the confidential one without its text.
        d = json.loads(get("/data/replies.json").body)
        mine = [x for x in d["replies"] if x["reference"] == "JAL NOR 4/2023"]
        self.assertEqual(mine, [{"id": mine[0]["id"],
                                 "communication_id": jal["id"],
                                 "reference": "JAL NOR 4/2023",
                                 "received_on": "2023-06-01",
                                 "classification": "responsive_incomplete",
                                 "confidential": True, "summary": ""}])

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


# --- open data: every kind in every format (README, "Open data") -------------
NAMES = ["name_" + l for l in LANGS]
HEADERS = {
    "states": ["iso3", "iso2", "m49", "status", "regional_group",
               "m49_region", "m49_subregion", "m49_intermediate_region",
               "ldc", "lldc", "sids", "standing_invitation_since"] + NAMES +
              ["formal_" + n for n in NAMES],
    "mandates": ["slug", "kind", "holder", "established", "country_iso3",
                 "short_name", "active"] + NAMES,
    "communications": IMPORT_COLS,
    "replies": ["id", "communication_id", "reference", "received_on",
                "classification", "confidential", "summary"],
    "visits": ["mandate", "state", "requested_on", "status", "visit_start",
               "visit_end", "report_symbol"],
    "recommendations": ["document_symbol", "paragraph", "state", "mandate",
                        "issued_on", "text_lang", "text", "themes",
                        "affected_groups", "update_date", "update_status",
                        "update_source", "update_explanation",
                        "update_published"],
    "updates": ["id", "recommendation_id", "document_symbol", "paragraph",
                "reported_on", "status", "source", "explanation"],
}
# Each kind's records as SQL counts them, and its key.
COUNTS = {
    "states": ("SELECT count(*) FROM states", "iso3"),
    "mandates": ("SELECT count(*) FROM mandates", "slug"),
    "communications": ("SELECT count(*) FROM communications WHERE "
                       "public_after <= current_date", "id"),
    "replies": ("SELECT count(*) FROM replies r JOIN communications c ON "
                "c.id = r.communication_id WHERE c.public_after <= "
                "current_date", "id"),
    "visits": ("SELECT count(*) FROM visits", "id"),
    "recommendations": ("SELECT count(*) FROM recommendations", "id"),
    "updates": ("SELECT count(*) FROM recommendation_updates WHERE "
                "published", "id"),
}
TYPES = {"csv": "text/csv", "json": "application/json",
         "xml": "application/xml"}
XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "static", "portal.xsd")
# Never public: a confidential reply's text, a letter not yet public, an
# update not yet published.
SECRETS = CANARIES + ["The bill stalled."]


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))


class OpenDataFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import_fixtures()

    def test_every_kind_in_every_format(self):
        for k in KINDS:
            for f in FORMATS:
                p = "/data/%s.%s" % (k, f)
                r = get(p)
                self.assertEqual(r.status, 200, p)
                self.assertTrue(r.header("Content-Type").startswith(
                    TYPES[f]), p)
                self.assertIn('filename="%s.%s"' % (k, f),
                              r.header("Content-Disposition"))
                self.assertIn("creativecommons.org/licenses/by/4.0",
                              r.header("Link"), p)
                self.assertTrue(r.header("ETag").startswith('"'), p)
        for bad in ("/data/submissions.csv", "/data/states.txt",
                    "/data/states", "/data/.csv", "/data/states.csv.xml"):
            self.assertEqual(get(bad).status, 404, bad)

    def test_csv_has_the_documented_header(self):
        for k in KINDS:
            rows = csv_rows(get("/data/%s.csv" % k).body)
            self.assertEqual(rows[0], HEADERS[k], k)
            self.assertTrue(all(len(x) == len(rows[0]) for x in rows), k)

    def test_json_parses_with_licence_and_stable_ids(self):
        for k in KINDS:
            d = json.loads(get("/data/%s.json" % k).body)
            self.assertIn("CC BY 4.0", d["licence"], k)
            self.assertTrue(d["sources"], k)
            sql, key = COUNTS[k]
            recs = d[k]
            self.assertEqual(len(recs), int(q(sql)), k)
            ids = [x[key] for x in recs]
            self.assertEqual(ids, sorted(set(ids)), k)

    def test_xml_validates_against_the_xsd(self):
        served = get("/data/portal.xsd")
        self.assertEqual(served.status, 200)
        self.assertTrue(served.header("Content-Type").startswith(
            "application/xml"))
        with open(XSD, "rb") as f:
            self.assertEqual(served.body, f.read(),
                             "static/portal.xsd differs from /data/portal.xsd")
        for k in KINDS:
            body = get("/data/%s.xml" % k).body
            path = "/tmp/pub-export-%s.xml" % k
            with open(path, "wb") as f:
                f.write(body)
            res = subprocess.run(["xmllint", "--noout", "--schema", XSD, path],
                                 capture_output=True, text=True)
            self.assertEqual(res.returncode, 0, k + ": " + res.stderr)
            root = ET.fromstring(body)
            self.assertEqual(root.tag, k)
            self.assertIn("CC BY 4.0", root.get("licence"))
            self.assertEqual(len(root), int(q(COUNTS[k][0])), k)
        # An invalid document is refused: the check can fail.
        with open("/tmp/pub-export-bad.xml", "w") as f:
            f.write("<states licence='x' licence-url='y' sources='z'>"
                    "<state><iso3>NOR</iso3></state></states>")
        res = subprocess.run(["xmllint", "--noout", "--schema", XSD,
                              "/tmp/pub-export-bad.xml"], capture_output=True)
        self.assertNotEqual(res.returncode, 0)

    def test_xml_and_json_hold_the_same_records(self):
        d = json.loads(get("/data/communications.json").body)
        root = ET.fromstring(get("/data/communications.xml").body)
        self.assertEqual([str(c["id"]) for c in d["communications"]],
                         [e.findtext("id") for e in root])
        jal = [e for e in root if e.findtext("reference") == "JAL NOR 4/2023"]
        self.assertEqual([m.text for m in jal[0].find("mandates")],
                         ["freedom-of-expression", "torture"])
        oth = [e for e in root if e.findtext("reference") == "AL OTH 7/2023"]
        self.assertIsNone(oth[0].find("state"))

    def test_replies_and_updates_match_the_database(self):
        want = q("SELECT r.id, c.id, c.reference, r.received_on, "
                 "r.classification, r.confidential::text, CASE WHEN "
                 "r.confidential "
                 "THEN '' ELSE r.summary END FROM replies r JOIN "
                 "communications c ON c.id = r.communication_id WHERE "
                 "c.public_after <= current_date ORDER BY r.id")
        got = csv_rows(get("/data/replies.csv").body)[1:]
        self.assertEqual(["|".join(x) for x in got], want.splitlines())
        want = q("SELECT u.id, r.id, r.document_symbol, r.paragraph, "
                 "u.reported_on, u.status, u.source, u.explanation FROM "
                 "recommendation_updates u JOIN recommendations r ON r.id = "
                 "u.recommendation_id WHERE u.published ORDER BY u.id")
        got = csv_rows(get("/data/updates.csv").body)[1:]
        self.assertEqual(["|".join(x) for x in got], want.splitlines())
        nor = [x for x in csv_rows(get("/data/states.csv").body)
               if x[0] == "NOR"][0]
        self.assertEqual(nor[1:4], ["NO", "578", "member"])
        self.assertEqual(nor[12 + LANGS.index("fr")], "Norvège")

    def test_nothing_unpublished_in_any_export(self):
        future = comm_id("AL NOR 8/2024")
        for k in KINDS:
            for f in FORMATS:
                body = get("/data/%s.%s" % (k, f)).text
                for c in SECRETS:
                    self.assertNotIn(c, body, "%s.%s" % (k, f))
                self.assertNotIn("AL NOR 8/2024", body, k)
        d = json.loads(get("/data/communications.json").body)
        self.assertNotIn(int(future), [c["id"] for c in d["communications"]])

    def test_conditional_get_every_export(self):
        for k in KINDS:
            for f in FORMATS:
                p = "/data/%s.%s" % (k, f)
                etag = get(p).header("ETag")
                for inm in (etag, "W/" + etag, '"a", ' + etag, "*"):
                    r = get(p, {"If-None-Match": inm})
                    self.assertEqual(r.status, 304, p + " " + inm)
                    self.assertEqual(r.body, b"")
                    self.assertEqual(r.header("ETag"), etag)
                self.assertEqual(get(p, {"If-None-Match": '"x"'}).status, 200)
        # If-Modified-Since, where there is a Last-Modified.
        r = get("/data/replies.json")
        lm = r.header("Last-Modified")
        self.assertEqual(get("/data/replies.json",
                             {"If-Modified-Since": lm}).status, 304)
        self.assertEqual(get("/data/replies.json", {
            "If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status, 200)
        # If-None-Match wins over If-Modified-Since.
        self.assertEqual(get("/data/replies.json", {
            "If-Modified-Since": lm, "If-None-Match": '"x"'}).status, 200)

    def test_validators_change_with_the_data(self):
        paths = ["/data/%s.%s" % (k, f) for k in KINDS for f in FORMATS]
        paths += ["/en/states/DNK", "/en/communications"]
        before = {p: get(p).header("ETag") for p in paths}
        for p, e in before.items():
            self.assertTrue(e, p)
        # New rows each run, so that the test also holds on a used database.
        n = random.randint(1, 99999)
        day = "date '1950-01-01' + %d" % (n % 18000)
        ref = "AL DNK %d/2022" % n
        q("INSERT INTO communications (reference, type, sent_on, state, "
          "summary, public_after) VALUES ('%s', 'AL', '2022-01-05', 'DNK', "
          "'A letter to Denmark.', '2022-03-01')" % ref)
        q("INSERT INTO replies (communication_id, received_on, "
          "classification, summary) SELECT id, '2022-02-01', 'steps_taken', "
          "'Steps were taken.' FROM communications WHERE reference = '%s'"
          % ref)
        q("INSERT INTO visits (mandate, state, requested_on, status) VALUES "
          "('torture', 'DNK', %s, 'requested')" % day)
        q("INSERT INTO recommendations (document_symbol, paragraph, state, "
          "mandate, issued_on, text) VALUES ('A/HRC/50/1/Add.9', '%d', "
          "'DNK', 'torture', '2022-01-01', 'Do it.')" % n)
        q("INSERT INTO recommendation_updates (recommendation_id, "
          "reported_on, status, source, published) SELECT id, '2022-06-01', "
          "'implemented', 'state', true FROM recommendations WHERE "
          "document_symbol = 'A/HRC/50/1/Add.9' AND paragraph = '%d'" % n)
        q("INSERT INTO standing_invitations (state, since) VALUES ('DNK', "
          "%s) ON CONFLICT (state) DO UPDATE SET since = EXCLUDED.since"
          % day)
        for p in paths:
            if p.startswith("/data/mandates."):
                continue
            r = get(p)
            self.assertNotEqual(r.header("ETag"), before[p], p)
            self.assertEqual(get(p, {"If-None-Match": before[p]}).status,
                             200, p)
        self.assertIn("A letter to Denmark.",
                      get("/data/communications.csv").text)


class PageCaching(unittest.TestCase):
    def public_paths(self):
        return ["/en/", "/en/states", "/en/states/NOR", "/en/mandates",
                "/en/mandates/torture", "/en/privacy", "/en/communications",
                "/en/communications?state=NOR",
                "/en/communications/" + comm_id("UA NOR 3/2023")]

    def test_public_pages_answer_304(self):
        import_fixtures()
        for p in self.public_paths():
            r = get(p)
            self.assertEqual(r.status, 200, p)
            etag = r.header("ETag")
            self.assertRegex(etag or "", r'^"[0-9a-f]{32}"$', p)
            self.assertEqual(r.header("Cache-Control"), "no-cache", p)
            self.assertIsNone(r.header("Last-Modified"), p)
            self.assertEqual(r.header("Content-Length"), str(len(r.body)), p)
            r2 = get(p, {"If-None-Match": etag})
            self.assertEqual(r2.status, 304, p)
            self.assertEqual(r2.body, b"", p)
            self.assertEqual(r2.header("ETag"), etag, p)
            self.assertEqual(get(p, {"If-None-Match": '"0"'}).status, 200, p)
        h = request("HEAD", "/en/states")
        self.assertEqual(h.status, 200)
        self.assertEqual(h.header("ETag"), get("/en/states").header("ETag"))

    def test_each_language_its_own_tag(self):
        tags = {get("/%s/states" % l).header("ETag") for l in LANGS}
        self.assertEqual(len(tags), len(LANGS))

    def test_private_pages_are_never_cached(self):
        for p in ("/en/desk/login", "/en/desk", "/en/submit", "/en/verify",
                  "/en/followup", "/en/nowhere"):
            r = get(p, {"If-None-Match": "*"})
            self.assertNotEqual(r.status, 304, p)
            self.assertIsNone(r.header("ETag"), p)
            self.assertNotEqual(r.header("Cache-Control"), "no-cache", p)
        # A POST is never answered 304 either.
        r = request("POST", "/en/verify", headers={
            "If-None-Match": "*",
            "Content-Type": "application/x-www-form-urlencoded"}, body=b"x=1")
        self.assertNotEqual(r.status, 304)


def big(sql):
    """q() for a long statement: the machine may be busy."""
    env = dict(os.environ, PGPASSFILE=os.path.join(
        VAR, "secrets", "pgpass-portal_owner"))
    r = subprocess.run(["psql", "-X", "-q", "-At", "-h", os.path.join(
        VAR, "run"), "-U", "portal_owner", "-d", "portal", "-v",
        "ON_ERROR_STOP=1", "-c", sql], env=env, capture_output=True,
        text=True, timeout=600)
    if r.returncode != 0:
        raise AssertionError(r.stderr)


def worker_peaks():
    """The peak resident size (kB) of each portal worker."""
    with open(os.path.join(VAR, "run", "portal.pid")) as f:
        master = f.read().strip()
    peaks = {}
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/status" % pid) as f:
                st = dict(l.split(":", 1) for l in f if ":" in l)
        except (OSError, ValueError):
            continue
        if st.get("PPid", "").strip() == master:
            peaks[pid] = int(st["VmHWM"].split()[0])
    return peaks


def drain(path):
    """Read a response to the end without keeping it; its size."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request("GET", path)
    r = conn.getresponse()
    n = 0
    while True:
        b = r.read(1 << 16)
        if not b:
            break
        n += len(b)
    conn.close()
    return r.status, n


class StreamedInConstantMemory(unittest.TestCase):
    MEMO = "Memory Test Ltd"

    def tearDown(self):
        # The rows are removed again (as the owner, the append-only
        # triggers set aside for this): other tests count letters.
        big("ALTER TABLE communications DISABLE TRIGGER "
            "communications_append_only; ALTER TABLE replies DISABLE TRIGGER "
            "replies_append_only; CREATE TEMP TABLE m AS SELECT id FROM "
            "communications WHERE addressee = '%s'; DELETE FROM replies WHERE "
            "communication_id IN (SELECT id FROM m); DELETE FROM "
            "communication_outcomes WHERE communication_id IN (SELECT id FROM "
            "m); DELETE FROM communications WHERE id IN (SELECT id FROM m); "
            "ALTER TABLE replies ENABLE TRIGGER replies_append_only; "
            "ALTER TABLE communications ENABLE TRIGGER "
            "communications_append_only" % self.MEMO)

    def test_worker_memory_does_not_grow_with_the_export(self):
        # 4,000 replies of 10 kB (to letters with no text of their own,
        # which the search index would have to read): over 40 MB.
        big("INSERT INTO communications (reference, type, sent_on, "
            "addressee, public_after) SELECT 'OL OTH ' || (80000 + i) || "
            "'/2019', 'OL', '2019-01-01', '%s', '2019-01-02' FROM "
            "generate_series(1, 4000) i; INSERT INTO replies "
            "(communication_id, received_on, classification, summary) SELECT "
            "id, '2019-02-01', 'immaterial', repeat('memory ', 1430) FROM "
            "communications WHERE addressee = '%s'" % (self.MEMO, self.MEMO))
        before = worker_peaks()
        self.assertTrue(before)
        for f in FORMATS:
            status, n = drain("/data/replies." + f)
            self.assertEqual(status, 200, f)
            self.assertGreater(n, 40 * 1000 * 1000, f)
        after = worker_peaks()
        grew = max(after[p] - before.get(p, 0) for p in after)
        # A chunk of 500 letters is ~5 MB in libpq; the export is 40 MB.
        self.assertLess(grew, 20 * 1024, "a worker's peak RSS grew by %d kB"
                        % grew)


if __name__ == "__main__":
    unittest.main()
