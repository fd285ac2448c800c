"""The trackers of the public record (issue 7, items 3 and 4): the visits
tracker and the recommendations tracker with their filters, counts,
stable pagination and permalinks (a visit's status history, a
recommendation's timeline of published updates), and the full-text
search of the communications database (0008_search.sql).

Every list is checked against an independent SQL over the base tables
of the imported fixtures (trackers_*.csv, States PRY and MNG, which no
other suite uses); unpublished updates carry a canary that must never
come out; the fixtures carry markup that must come out inert."""
import html
import re
import unittest
import urllib.parse

from harness import request
from test_monitoring import imp, q

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
# The configurations of 0008_search.sql, written here independently.
CONFIG = {"en": "english", "fr": "french", "es": "spanish",
          "ru": "russian", "ar": "arabic", "zh": "simple"}


def get(path):
    return request("GET", path)


def lit(s):
    """A SQL string literal (the fixtures' values and our own queries)."""
    return "'" + s.replace("'", "''") + "'"


def ids(html_text, kind):
    return [int(x) for x in re.findall(r'href="/[a-z]{2}/%s/(\d+)"' % kind,
                                       html_text)]


def total(html_text):
    m = re.search(r'id="total">([\d,]+)<', html_text)
    return int(m.group(1).replace(",", "")) if m else None


def refs(html_text):
    return re.findall(r">(J?(?:AL|UA|OL) [A-Z]{3} \d+/\d{4})</a>", html_text)


def walk(path, kind):
    """Every row of a list, page after page, following rel=next."""
    seen, pages = [], 0
    while path:
        r = get(path)
        if r.status != 200:
            raise AssertionError("%s: %d" % (path, r.status))
        seen += ids(r.text, kind)
        m = re.search(r'<a rel="next" href="([^"]+)"', r.text)
        path = html.unescape(m.group(1)) if m else None
        pages += 1
        if pages > 50:
            raise AssertionError("no end to the pages")
    return seen, pages


def sql_ids(sql):
    out = q(sql)
    return [int(x) for x in out.split(",")] if out else []


VISIT_SQL = ("SELECT coalesce(string_agg(id::text, ',' ORDER BY requested_on "
             "DESC, id DESC), '') FROM visits v WHERE true")
REC_STATUS = ("coalesce((SELECT u.status FROM recommendation_updates u "
              "WHERE u.recommendation_id = r.id AND u.published ORDER BY "
              "u.reported_on DESC, u.id DESC LIMIT 1), 'no_information')")
REC_SQL = ("SELECT coalesce(string_agg(id::text, ',' ORDER BY issued_on "
           "DESC, id DESC), '') FROM recommendations r WHERE true")


def visit_where(f):
    c = ""
    for k, col in (("state", "state"), ("mandate", "mandate"),
                   ("status", "status")):
        if k in f:
            c += " AND v.%s = %s" % (col, lit(f[k]))
    return c


def rec_where(f):
    c = ""
    if "state" in f:
        c += " AND r.state = " + lit(f["state"])
    if "mandate" in f:
        c += " AND r.mandate = " + lit(f["mandate"])
    if "theme" in f:
        c += " AND %s = ANY (r.themes)" % lit(f["theme"])
    if "status" in f:
        c += " AND %s = %s" % (REC_STATUS, lit(f["status"]))
    if "source" in f:
        c += (" AND EXISTS (SELECT 1 FROM recommendation_updates s WHERE "
              "s.recommendation_id = r.id AND s.published AND s.source = %s)"
              % lit(f["source"]))
    return c


def rec_id(symbol, para):
    return q("SELECT id FROM recommendations WHERE document_symbol = %s AND "
             "paragraph = %s" % (lit(symbol), lit(para)))


def comm_search_sql(text, extra=""):
    """The public letters matching text, parsed in each row's language,
    against a vector made here from the summary (not the stored one)."""
    cases = " ".join("WHEN %s THEN %s" % (lit(k), lit(v))
                     for k, v in CONFIG.items())
    cfg = "(CASE summary_lang %s END)::regconfig" % cases
    return q("SELECT coalesce(string_agg(reference, ',' ORDER BY sent_on DESC, "
             "id DESC), '') FROM communications c WHERE public_after <= "
             "current_date AND to_tsvector(%s, summary) @@ "
             "websearch_to_tsquery(%s, %s)%s" % (cfg, cfg, lit(text), extra))


class Trackers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for kind in ("communications", "visits", "recommendations"):
            r = imp(kind, "trackers_%s.csv" % kind)
            if r.returncode != 0:
                raise AssertionError(r.stdout + r.stderr)
        # A request that moves on: imported as requested (once), then
        # accepted, so that its history has two entries.
        if q("SELECT count(*) FROM visits WHERE state = 'PRY' AND "
             "requested_on = '2008-02-02'") == "0":
            r = imp("visits", "trackers_visits2.csv")
            if r.returncode != 0:
                raise AssertionError(r.stdout + r.stderr)
        r = imp("visits", "trackers_visits3.csv")
        if r.returncode != 0:
            raise AssertionError(r.stdout + r.stderr)

    # --- visits ------------------------------------------------------------
    def test_visit_filters_narrow_to_the_matching_rows(self):
        cases = [{"state": "PRY"}, {"state": "MNG"},
                 {"state": "PRY", "mandate": "albinism"},
                 {"state": "PRY", "status": "completed"},
                 {"status": "reminder_sent", "mandate": "arbitrary-detention"},
                 {"state": "MNG", "status": "declined",
                  "mandate": "albinism"}]
        for f in cases:
            path = "/en/visits?" + urllib.parse.urlencode(f)
            got, _ = walk(path, "visits")
            want = sql_ids(VISIT_SQL + visit_where(f))
            self.assertEqual(got, want, f)
            self.assertEqual(total(get(path).text), len(want), f)
        narrower = sql_ids(VISIT_SQL + visit_where({"state": "MNG"}))
        self.assertLess(len(narrower), len(sql_ids(VISIT_SQL)))

    def test_visit_pagination_covers_every_row_once_in_a_stable_order(self):
        got, pages = walk("/en/visits?state=PRY", "visits")
        want = sql_ids(VISIT_SQL + " AND state = 'PRY'")
        self.assertGreater(len(want), 50)
        self.assertEqual(pages, 2)
        self.assertEqual(got, want)
        self.assertEqual(len(set(got)), len(got))
        # Three requests share a day: their order rests on the id.
        self.assertGreater(int(q("SELECT count(*) FROM (SELECT requested_on "
                                 "FROM visits WHERE state = 'PRY' GROUP BY 1 "
                                 "HAVING count(*) > 1) x")), 0)
        again, _ = walk("/en/visits?state=PRY", "visits")
        self.assertEqual(again, got)

    def test_visit_filters_are_kept_and_nothing_matches_is_said(self):
        r = get("/en/visits?state=PRY&status=completed&mandate=albinism")
        self.assertRegex(r.text, r'<option value="PRY" selected')
        self.assertRegex(r.text, r'<option value="completed" selected')
        self.assertRegex(r.text, r'<option value="albinism" selected')
        f = {"state": "MNG", "status": "invited", "mandate": "albinism"}
        self.assertEqual(sql_ids(VISIT_SQL + visit_where(f)), [])
        r = get("/en/visits?" + urllib.parse.urlencode(f))
        self.assertEqual(total(r.text), 0)
        self.assertIn("No visit request matches these filters.", r.text)

    def test_malformed_visit_filters_mean_any(self):
        base = total(get("/en/visits").text)
        for bad in ("state=pry", "status=bogus", "mandate=A%20B", "page=0",
                    "page=99999999999999999999"):
            r = get("/en/visits?" + bad)
            self.assertEqual(r.status, 200, bad)
            self.assertEqual(total(r.text), base, bad)

    def test_pending_visits_show_the_days_waited(self):
        vid, days = q("SELECT id, current_date - requested_on FROM visits "
                      "WHERE state = 'PRY' AND status = 'requested' "
                      "ORDER BY id LIMIT 1").split("|")
        r = get("/en/visits/" + vid)
        self.assertEqual(r.status, 200)
        self.assertRegex(r.text, r"Days waiting</dt><dd>%s<"
                         % "{:,}".format(int(days)))
        done = q("SELECT id FROM visits WHERE state = 'PRY' AND status = "
                 "'completed' ORDER BY id LIMIT 1")
        r = get("/en/visits/" + done)
        self.assertNotIn("Days waiting</dt>", r.text)
        self.assertIn("Dates of the visit</dt>", r.text)

    def test_visit_permalink_shows_its_status_history(self):
        vid = q("SELECT id FROM visits WHERE state = 'PRY' AND "
                "requested_on = '2008-02-02'")
        statuses = q("SELECT string_agg(status, ',' ORDER BY id) FROM "
                     "visit_status_changes WHERE visit_id = %s" % vid)
        self.assertTrue(statuses.startswith("requested,accepted"), statuses)
        r = get("/en/visits/" + vid)
        self.assertEqual(r.status, 200)
        hist = r.text.split('id="history-h"')[1]
        names = {"requested": "Requested", "accepted": "Accepted"}
        got = re.findall(r'<th scope="row">[^<]*</th><td>([^<]*)</td>', hist)
        self.assertEqual(got, [names[s] for s in statuses.split(",")])
        self.assertIn("1 October 2008", hist)

    def test_unknown_or_malformed_visit_is_404(self):
        for p in ("/en/visits/999999999", "/en/visits/0", "/en/visits/abc",
                  "/en/visits/99999999999999999999"):
            self.assertEqual(get(p).status, 404, p)

    # --- recommendations ---------------------------------------------------
    def test_recommendation_filters_narrow_to_the_matching_rows(self):
        cases = [{"state": "PRY"}, {"state": "MNG"},
                 {"state": "PRY", "mandate": "albinism"},
                 {"theme": "health"}, {"theme": "women & girls #1"},
                 {"status": "implemented", "state": "PRY"},
                 {"status": "no_information", "state": "PRY"},
                 {"status": "partially_implemented"},
                 {"source": "civil_society", "state": "PRY"},
                 {"source": "state", "status": "implemented"},
                 {"source": "mandate_holder", "state": "MNG"}]
        for f in cases:
            path = "/en/recommendations?" + urllib.parse.urlencode(f)
            got, _ = walk(path, "recommendations")
            want = sql_ids(REC_SQL + rec_where(f))
            self.assertEqual(got, want, f)
            self.assertEqual(total(get(path).text), len(want), f)
            self.assertTrue(want or f.get("state") == "MNG", f)

    def test_recommendation_pagination_covers_every_row_once(self):
        got, pages = walk("/en/recommendations?state=PRY", "recommendations")
        want = sql_ids(REC_SQL + " AND state = 'PRY'")
        self.assertGreater(len(want), 50)
        self.assertEqual(pages, 2)
        self.assertEqual(got, want)
        self.assertEqual(len(set(got)), len(got))

    def test_status_is_the_latest_published_update(self):
        # i=2 of the fixture: a published State claim "implemented", then
        # an unpublished assessment "not implemented" (later).
        r = get("/en/recommendations/" + rec_id("A/HRC/20/92/Add.3", "12(c)"))
        self.assertIn("Implementation status</dt><dd>Implemented<", r.text)
        # i=4: only an unpublished update: no information.
        r = get("/en/recommendations/" + rec_id("A/HRC/20/94/Add.2", "14(b)"))
        self.assertIn("Implementation status</dt><dd>No information<", r.text)
        self.assertIn("No update has been published.", r.text)
        # i=5: two published; the later one (mandate holder) wins.
        r = get("/en/recommendations/" + rec_id("A/HRC/20/95/Add.3", "15(c)"))
        self.assertIn("Implementation status</dt><dd>Implemented<", r.text)
        tl = r.text.split('id="updates-h"')[1]
        self.assertLess(tl.index("1 February 2013"), tl.index("1 August 2013"))
        self.assertIn("Secretariat of the Special Procedures", tl)
        self.assertIn("Mandate holder", tl)

    def test_unpublished_updates_never_appear(self):
        self.assertGreater(int(q("SELECT count(*) FROM recommendation_updates "
                                 "WHERE NOT published AND explanation LIKE "
                                 "'CANARY-UNPUBLISHED%'")), 0)
        pages = ["/en/recommendations?state=PRY",
                 "/en/recommendations?state=PRY&page=2",
                 "/en/recommendations?state=MNG",
                 "/en/recommendations?source=civil_society"]
        pages += ["/%s/recommendations/%d" % (l, i) for l in ("en", "fr")
                  for i in sql_ids(REC_SQL + " AND state IN ('PRY', 'MNG')")]
        for p in pages:
            r = get(p)
            self.assertEqual(r.status, 200, p)
            self.assertNotIn("CANARY-UNPUBLISHED", r.text, p)
        # A source filter counts published updates only: i=10's State
        # update is unpublished, so it is not a State-sourced row.
        i10 = int(rec_id("A/HRC/20/90/Add.2", "20(b)"))
        got, _ = walk("/en/recommendations?source=state&state=PRY",
                      "recommendations")
        self.assertNotIn(i10, got)
        self.assertIn(i10, walk("/en/recommendations?state=PRY&status="
                                "no_information", "recommendations")[0])

    def test_claims_and_assessments_are_labelled_by_source(self):
        r = get("/en/recommendations/" + rec_id("A/HRC/20/92/Add.3", "12(c)"))
        self.assertRegex(r.text, r"Source:</span> <strong>State \(its claim\)<")
        r = get("/en/recommendations/" + rec_id("A/HRC/20/93/Add.1", "13(a)"))
        self.assertRegex(r.text, r"Source:</span> <strong>Civil society "
                         r"\(its assessment\)<")
        self.assertIn("NGOs assess only part was done.", r.text)
        r = get("/en/recommendations?state=PRY&source=civil_society")
        self.assertIn("(<span>Civil society (its assessment)</span>)", r.text)

    def test_recommendation_permalink_has_text_symbol_themes_groups(self):
        rid = rec_id("A/HRC/20/91/Add.2", "11(b)")
        r = get("/en/recommendations/" + rid)
        self.assertEqual(r.status, 200)
        self.assertIn("<span>A/HRC/20/91/Add.2</span>, <span>para.</span> "
                      "<span>11(b)</span>", r.text)
        self.assertIn("Recommendation 1 to the authorities", r.text)
        self.assertIn('href="/en/recommendations?theme=detention"', r.text)
        self.assertIn("<li>detainees</li>", r.text)
        self.assertEqual(get("/en/recommendations/999999999").status, 404)
        self.assertEqual(get("/en/recommendations/x1").status, 404)

    def test_theme_links_are_percent_encoded_and_work(self):
        rid = rec_id("A/HRC/19/99/Add.9", "5(x)")
        r = get("/en/recommendations/" + rid)
        self.assertIn('href="/en/recommendations?theme=a%26b%3Dc%23d"', r.text)
        r = get("/en/recommendations?theme=a%26b%3Dc%23d")
        self.assertEqual(ids(r.text, "recommendations"), [int(rid)])
        self.assertRegex(r.text, r'<option value="a&amp;b=c#d" selected')
        # An unknown theme means any.
        r = get("/en/recommendations?theme=no-such-theme")
        self.assertEqual(total(r.text), int(q("SELECT count(*) FROM "
                                              "recommendations")))

    def test_receipt_reference_shown_when_an_update_has_one(self):
        has = q("SELECT count(*) FROM information_schema.columns WHERE "
                "table_name = 'recommendation_updates' AND column_name = "
                "'ref'")
        if has == "0":
            self.skipTest("no receipts on updates in this schema")
        rid = rec_id("A/HRC/20/90/Add.1", "10(a)")
        ref = "U-2015-%06d" % int(rid)
        q("INSERT INTO recommendation_updates (recommendation_id, "
          "reported_on, status, source, explanation, published, ref, "
          "receipt, receipt_hash, added_by) SELECT %s, "
          "'2015-01-01', 'not_implemented', 'civil_society', 'Received.', "
          "true, %s, 'note', sha256(%s::bytea), 'public' WHERE NOT "
          "EXISTS (SELECT 1 FROM recommendation_updates WHERE ref = %s)"
          % (rid, lit(ref), lit(ref), lit(ref)))
        r = get("/en/recommendations/" + rid)
        self.assertIn("Receipt:</span> <code>%s</code>" % ref, r.text)

    # --- search --------------------------------------------------------------
    def test_search_finds_french_by_an_inflected_french_word(self):
        r = get("/en/communications?q=emprisonnement")
        self.assertEqual(r.status, 200)
        self.assertIn("AL PRY 1/2015", refs(r.text))
        self.assertEqual(refs(r.text), comm_search_sql("emprisonnement")
                         .split(","))

    def test_search_finds_english_by_an_english_word(self):
        for lang in ("en", "fr", "zh"):
            r = get("/%s/communications?q=detaining" % lang)
            got = refs(r.text)
            self.assertIn("AL PRY 2/2015", got)
            # Not yet public: never found.
            self.assertNotIn("AL PRY 5/2015", got)
            self.assertEqual(got, comm_search_sql("detaining").split(","))
        self.assertNotIn("AL PRY 5/2015",
                         refs(get("/en/communications?q=zebrafishconspiracy")
                              .text))

    def test_search_in_other_languages(self):
        for text, ref in (("журналист", "OL MNG 1/2016"),
                          ("المدافعين", "AL MNG 2/2016"),
                          ("记者", "AL MNG 3/2016"),
                          ("desaparición", "UA PRY 3/2015")):
            r = get("/en/communications?q=" + urllib.parse.quote(text))
            self.assertIn(ref, refs(r.text), text)
            self.assertEqual(refs(r.text), comm_search_sql(text).split(","),
                             text)

    def test_search_is_narrowed_by_the_other_filters(self):
        cases = {"q=detained&state=MNG": " AND state = 'MNG'",
                 "q=detained&state=PRY": " AND state = 'PRY'",
                 "q=estudiantes&type=UA": " AND type = 'UA'",
                 "q=estudiantes&type=AL": " AND type = 'AL'",
                 "q=journalists&year=2015": " AND extract(year FROM sent_on)"
                                            " = 2015",
                 "q=journalists&reply=immaterial": " AND EXISTS (SELECT 1 "
                 "FROM communication_outcomes o WHERE o.communication_id = "
                 "c.id AND o.category = 'immaterial')",
                 "q=albinism&mandate=albinism": " AND EXISTS (SELECT 1 FROM "
                 "communication_mandates m WHERE m.communication_id = c.id "
                 "AND m.mandate = 'albinism')"}
        text = {k: urllib.parse.parse_qs(k)["q"][0] for k in cases}
        for query, extra in cases.items():
            want = comm_search_sql(text[query], extra)
            got = refs(get("/en/communications?" + query).text)
            self.assertEqual(got, want.split(",") if want else [], query)
        self.assertEqual(refs(get("/en/communications?q=estudiantes&type=AL")
                              .text), [])

    def test_search_text_is_kept_and_nothing_matches_is_said(self):
        r = get("/en/communications?q=%22a+b%22+%3Cx%3E&state=PRY")
        self.assertIn('value="&quot;a b&quot; &lt;x&gt;"', r.text)
        self.assertRegex(r.text, r'<option value="PRY" selected')
        self.assertIn("No public communication matches these filters.", r.text)
        # The pager carries the search, percent-encoded.
        r = get("/en/communications?q=a%26b+detained&page=2")
        self.assertIn('rel="prev" href="/en/communications?q=a%26b%20detained"',
                      r.text)

    def test_hostile_or_overlong_search_is_no_error(self):
        hostile = ["'; DROP TABLE communications; --", "!(&|:*)", "\"",
                   "a:* & !b", "\\", "%", "or or -", "<->", "'", "((((",
                   "a" * 200, "é" * 200, "-", "\u202e\u200f", "NULL",
                   "$1", "%s%n"]
        for text in hostile:
            r = get("/en/communications?q=" + urllib.parse.quote(text))
            self.assertEqual(r.status, 200, text)
            self.assertNotIn('id="q-err"', r.text, text)
        for text in ("a" * 201, "é" * 201, "x " * 600):
            r = get("/en/communications?q=" + urllib.parse.quote(text))
            self.assertEqual(r.status, 200)
            self.assertIn("The search is too long: at most 200 characters.",
                          r.text)
            self.assertIn('aria-invalid="true"', r.text)
            # What was typed stays in the field.
            self.assertIn('value="%s"' % html.escape(text.strip(), quote=True)
                          .replace("&#x27;", "&#39;"), r.text)
        r = get("/en/communications?q=" + "a" * 5000)
        self.assertLess(r.status, 500)
        self.assertEqual(q("SELECT count(*) FROM communications WHERE "
                           "reference = 'AL PRY 1/2015'"), "1")

    # --- escaping, languages ----------------------------------------------
    def test_markup_in_the_data_comes_out_inert(self):
        rid = rec_id("A/HRC/19/99/Add.9", "5(x)")
        vid = q("SELECT id FROM visits WHERE report_symbol LIKE '<script>%'")
        cid = q("SELECT id FROM communications WHERE reference = "
                "'AL PRY 4/2015'")
        pages = ["/en/visits?state=PRY&mandate=albinism", "/en/visits/" + vid,
                 "/en/recommendations?state=PRY&mandate=albinism",
                 "/en/recommendations/" + rid,
                 "/en/communications?q=pollution",
                 "/en/communications/" + cid]
        for p in pages:
            r = get(p)
            self.assertEqual(r.status, 200, p)
            low = r.text.lower()
            self.assertNotIn("<script>alert", low, p)
            self.assertNotIn("<img src=x", low, p)
            self.assertNotIn("<b>bold", low, p)
            self.assertNotIn("<i>group", low, p)
            self.assertIn("&lt;script&gt;alert(", r.text, p)

    def test_every_language_and_arabic_right_to_left(self):
        rid = rec_id("A/HRC/20/92/Add.3", "12(c)")
        vid = q("SELECT id FROM visits WHERE state = 'PRY' ORDER BY id "
                "LIMIT 1")
        for lang in LANGS:
            for p in ("/visits", "/visits/" + vid, "/recommendations",
                      "/recommendations/" + rid,
                      "/communications?q=detained"):
                r = get("/" + lang + p)
                self.assertEqual(r.status, 200, lang + p)
                m = re.search(r"<html[^>]*>", r.text)
                self.assertIn('lang="%s"' % lang, m.group(0))
                self.assertIn('dir="%s"' % ("rtl" if lang == "ar" else "ltr"),
                              m.group(0), lang + p)


if __name__ == "__main__":
    unittest.main()
