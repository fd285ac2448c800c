"""The public pages (issue 3): every page in every language, its language
and direction, links to itself in the other five languages, the reference
data against the database, 404s, inert XSS through the states filter,
and the weight of every page with its stylesheet."""
import gzip
import html.parser
import os
import re
import unittest
import urllib.parse

from harness import ROOT, VAR, request
from test_database import psql

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
PAGES = ["/", "/states", "/states/FRA", "/states/VAT", "/states/PSE",
         "/mandates", "/mandates/torture", "/privacy", "/submit", "/verify",
         "/analysis", "/visits", "/recommendations", "/codebook"]
WEIGHT_LIMIT = 50 * 1024


def path(lang, rest):
    return "/" + lang + rest


class Links(html.parser.HTMLParser):
    """Collects <html lang dir>, every a href (with hreflang) and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html = {}
        self.links = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        elif tag == "a" and "href" in a:
            self.links.append((a["href"], a.get("hreflang")))

    def handle_data(self, data):
        self.text.append(data)


class Tags(html.parser.HTMLParser):
    """Records any script/img/svg element, on* attribute or autofocus."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "svg", "iframe"):
            self.bad.append(tag)
        for k, v in attrs:
            if k.startswith("on") or k == "autofocus":
                self.bad.append(k)
            if k in ("href", "action", "src") and v and v.lower().startswith("javascript"):
                self.bad.append(v)


def parse(body):
    p = Links()
    p.feed(body)
    return p


def db(sql):
    r = psql("portal_app", sql)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return r.stdout


class EveryPage(unittest.TestCase):
    def test_every_page_in_every_language_is_200_with_lang_and_dir(self):
        for lang in LANGS:
            for rest in PAGES:
                r = request("GET", path(lang, rest))
                self.assertEqual(r.status, 200, path(lang, rest))
                p = parse(r.text)
                self.assertEqual(p.html.get("lang"), lang, path(lang, rest))
                self.assertEqual(p.html.get("dir"), "rtl" if lang == "ar" else "ltr")
                self.assertEqual(r.header("content-language"), lang)

    def test_every_page_links_to_itself_in_the_other_five_languages(self):
        for lang in LANGS:
            for rest in PAGES:
                p = parse(request("GET", path(lang, rest)).text)
                alts = {h for h, hl in p.links if hl in LANGS}
                want = {path(l, rest) for l in LANGS}
                self.assertTrue(want <= alts, (path(lang, rest), want - alts))

    def test_trailing_slash_home_and_no_slash_are_the_same_page(self):
        a = request("GET", "/fr/")
        b = request("GET", "/fr")
        self.assertEqual(a.status, 200)
        self.assertEqual(b.status, 200)
        self.assertIn("<h1>", a.text)

    def test_pages_have_no_untranslated_english_in_other_languages(self):
        # Sentences of the layout and the home page, in English, must not
        # appear on the French or Arabic pages.
        en = request("GET", "/en/").text
        for needle in ("How to submit safely", "What happens next",
                       "Skip to content"):
            self.assertIn(needle, en)
            for lang in ("fr", "ar", "zh"):
                self.assertNotIn(needle, request("GET", path(lang, "/")).text, lang)

    def test_dates_are_written_for_the_language(self):
        as_of = db("SELECT value FROM reference_meta WHERE key = 'mandates_as_of'").strip()
        self.assertRegex(as_of, r"^\d{4}-\d{2}-\d{2}$")
        y, m, d = (int(x) for x in as_of.split("-"))
        pages = {l: request("GET", path(l, "/")).text for l in LANGS}
        self.assertIn('datetime="%s"' % as_of, pages["en"])
        self.assertIn("%d年%d月%d日" % (y, m, d), pages["zh"])
        self.assertIn("%d" % y, pages["ar"])
        if (m, d) == (6, 30):
            self.assertIn("30 June %d" % y, pages["en"])
            self.assertIn("30 juin %d" % y, pages["fr"])
            self.assertIn("30 de junio de %d" % y, pages["es"])
            self.assertIn("30 июня %d" % y, pages["ru"])
            self.assertIn("30 حزيران/يونيه %d" % y, pages["ar"])


class ReferenceData(unittest.TestCase):
    def test_195_states_with_names_in_six_languages(self):
        rows = db("SELECT s.iso3, s.status, count(n.lang) FROM states s "
                  "JOIN state_names n ON n.iso3 = s.iso3 GROUP BY s.iso3, s.status")
        states = [l.split("|") for l in rows.split()]
        self.assertEqual(len(states), 195)
        self.assertEqual(sum(1 for s in states if s[1] == "member"), 193)
        self.assertEqual(sorted(s[0] for s in states if s[1] == "observer"), ["PSE", "VAT"])
        self.assertTrue(all(s[2] == "6" for s in states), "a State lacks a name")

    def test_states_index_lists_every_state_in_every_language(self):
        for lang in LANGS:
            names = set(db("SELECT short_name FROM state_names WHERE lang = '%s'" % lang)
                        .splitlines())
            self.assertEqual(len(names), 195)
            p = parse(request("GET", path(lang, "/states")).text)
            hrefs = {h for h, _ in p.links if re.match(r"^/%s/states/[A-Z]{3}$" % lang, h)}
            self.assertEqual(len(hrefs), 195, lang)
            text = "".join(p.text)
            missing = [n for n in names if n not in text]
            self.assertEqual(missing, [], lang)

    def test_every_state_page_names_it_in_six_languages(self):
        iso = db("SELECT iso3 FROM states ORDER BY iso3").split()
        self.assertEqual(len(iso), 195)
        names = {}
        for line in db("SELECT iso3, lang, short_name FROM state_names").splitlines():
            i, l, n = line.split("|", 2)
            names.setdefault(i, {})[l] = n
        for i in iso:
            r = request("GET", "/en/states/" + i)
            self.assertEqual(r.status, 200, i)
            text = "".join(parse(r.text).text)
            for l in LANGS:
                self.assertIn(names[i][l], text, (i, l))

    def test_every_active_mandate_is_listed_and_named_in_six_languages(self):
        rows = db("SELECT m.slug, count(n.lang) FROM mandates m JOIN mandate_names n "
                  "ON n.slug = m.slug WHERE m.active GROUP BY m.slug")
        mandates = dict(l.split("|") for l in rows.split())
        self.assertGreaterEqual(len(mandates), 1)
        self.assertTrue(all(c == "6" for c in mandates.values()))
        names = {}
        for line in db("SELECT n.slug, n.lang, n.name FROM mandate_names n "
                       "JOIN mandates m ON m.slug = n.slug WHERE m.active").splitlines():
            s, l, n = line.split("|", 2)
            names.setdefault(s, {})[l] = n
        for lang in LANGS:
            text = "".join(parse(request("GET", path(lang, "/mandates")).text).text)
            for s in mandates:
                self.assertIn(names[s][lang], text, (lang, s))
        for s in mandates:
            r = request("GET", "/fr/mandates/" + s)
            self.assertEqual(r.status, 200, s)
            text = "".join(parse(r.text).text)
            for l in LANGS:
                self.assertIn(names[s][l], text, (s, l))

    def test_home_counts_come_from_the_database(self):
        n = db("SELECT count(*) FROM mandates WHERE active AND kind = 'thematic'").strip()
        self.assertIn("<dd>%s</dd>" % n, request("GET", "/en/").text)


class NotFound(unittest.TestCase):
    def test_unknown_or_malformed_iso3_is_404(self):
        for code in ("XXX", "fra", "FR", "FRAN", "%3Cb%3E"):
            r = request("GET", "/en/states/" + code)
            self.assertEqual(r.status, 404, code)
            self.assertIn('lang="en"', r.text)

    def test_unknown_or_malformed_slug_is_404(self):
        for slug in ("no-such-mandate", "Torture", "-torture", "a--b", "x" * 80):
            r = request("GET", "/es/mandates/" + slug)
            self.assertEqual(r.status, 404, slug)
            self.assertIn("Página no encontrada", r.text)

    def test_error_page_is_translated_with_incident_and_language_links(self):
        r = request("GET", "/ru/states/ZZZ")
        self.assertEqual(r.status, 404)
        self.assertIn("Страница не найдена", r.text)
        self.assertRegex(r.text, r"<code>[0-9a-f]{16}</code>")
        self.assertIn('href="/zh/"', r.text)
        self.assertNotIn("ZZZ", r.text)


class Filter(unittest.TestCase):
    def test_filter_by_words_finds_in_any_language(self):
        r = request("GET", "/fr/states?q=" + urllib.parse.quote("Allemagne"))
        self.assertIn('href="/fr/states/DEU"', r.text)
        self.assertNotIn('href="/fr/states/FRA"', r.text)
        r = request("GET", "/fr/states?q=germany")
        self.assertIn('href="/fr/states/DEU"', r.text)
        r = request("GET", "/en/states?q=fra")
        self.assertIn('href="/en/states/FRA"', r.text)

    def test_filter_by_group(self):
        r = request("GET", "/en/states?group=observer")
        hrefs = set(re.findall(r'href="/en/states/([A-Z]{3})"', r.text))
        self.assertEqual(hrefs, {"PSE", "VAT"})
        r = request("GET", "/en/states?group=grulac")
        self.assertEqual(len(set(re.findall(r'href="/en/states/([A-Z]{3})"', r.text))), 33)

    def test_filter_with_no_match_says_so(self):
        r = request("GET", "/en/states?q=qqqqzzzz")
        self.assertEqual(r.status, 200)
        self.assertIn("No State matches your search.", r.text)

    def test_like_wildcards_are_not_patterns(self):
        for q in ("%", "_", "%%", "\\"):
            r = request("GET", "/en/states?q=" + urllib.parse.quote(q))
            self.assertEqual(r.status, 200)
            self.assertNotIn('href="/en/states/FRA"', r.text, q)

    def test_xss_in_the_filter_comes_out_inert(self):
        payloads = ['"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>",
                    "</title><svg onload=alert(1)>", "javascript:alert(1)",
                    '" autofocus onfocus="alert(1)']
        for p in payloads:
            for key in ("q", "group"):
                r = request("GET", "/en/states?%s=%s" % (key, urllib.parse.quote(p)))
                self.assertEqual(r.status, 200, p)
                tags = Tags()
                tags.feed(r.text)
                self.assertEqual(tags.bad, [], p)
        r = request("GET", "/en/states?q=" + urllib.parse.quote('"><b>x'))
        self.assertIn('value="&quot;&gt;&lt;b&gt;x"', r.text)

    def test_overlong_query_is_cut_not_refused(self):
        r = request("GET", "/en/states?q=" + urllib.parse.quote("é" * 300))
        self.assertEqual(r.status, 200)


class Weight(unittest.TestCase):
    def test_every_page_with_its_css_is_at_most_50_kb_gzipped(self):
        css = 0
        for sheet in ("/static/portal.css", "/static/print.css"):
            r = request("GET", sheet)
            self.assertEqual(r.status, 200, sheet)
            css += len(gzip.compress(r.body, 9))
        worst = (0, None)
        for lang in LANGS:
            for rest in PAGES:
                r = request("GET", path(lang, rest))
                total = len(gzip.compress(r.body, 6)) + css
                worst = max(worst, (total, path(lang, rest)))
                self.assertLessEqual(total, WEIGHT_LIMIT, (path(lang, rest), total))
        print("\n  heaviest page + CSS, gzip: %d bytes (%s)" % worst, end=" ")

    def test_no_external_resource_is_referenced(self):
        for lang in LANGS:
            for rest in PAGES:
                body = request("GET", path(lang, rest)).text
                self.assertNotRegex(body, r'(src|href)="(https?:)?//', path(lang, rest))
                self.assertNotIn("<script", body)
                self.assertNotIn(" style=", body)
        with open(os.path.join(ROOT, "static", "portal.css")) as f:
            css = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        self.assertNotIn("@import", css)
        self.assertNotRegex(css, r"url\(")
        for prop in ("margin-left", "margin-right", "padding-left", "padding-right",
                     "text-align: left", "text-align: right", "float: left",
                     "float: right", "border-left", "border-right"):
            self.assertNotIn(prop, css, "physical property " + prop)


if __name__ == "__main__":
    unittest.main()
