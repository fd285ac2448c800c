"""The HTTP surface through nginx: routing, redirects, error pages and the
security headers that every response must carry."""
import os
import unittest

import time

from harness import (PORT, VAR, children, fcgi, fcgi_status, pidfile, raw,
                     request, rss_kib)

SECURITY_HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    def assert_secure(self, r):
        for name, must_contain in SECURITY_HEADERS.items():
            v = r.header(name)
            self.assertIsNotNone(v, "%s missing on a %d" % (name, r.status))
            self.assertIn(must_contain, v)
        csp = r.header("content-security-policy")
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(r.header("server"), "nginx", "no version disclosed")


class Routing(unittest.TestCase, SecurityHeaders):
    def test_healthz_answers_200(self):
        r = request("GET", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"ok\n")
        self.assertEqual(r.header("cache-control"), "no-store")
        self.assert_secure(r)

    def test_head_has_headers_and_no_body(self):
        r = request("HEAD", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")
        self.assert_secure(r)

    def test_unknown_path_is_404_with_incident_id(self):
        r = request("GET", "/no/such/page")
        self.assertEqual(r.status, 404)
        self.assertRegex(r.text, r"<code>[0-9a-f]{16}</code>")
        self.assert_secure(r)

    def test_wrong_method_is_405_with_allow(self):
        for method in ("POST", "DELETE", "PUT"):
            r = request(method, "/healthz", body=b"" if method != "DELETE" else None)
            self.assertEqual(r.status, 405, method)
            self.assertEqual(r.header("allow"), "GET, HEAD")
            self.assert_secure(r)

    def test_root_redirects_by_accept_language(self):
        cases = {"fr-CH, fr;q=0.9, en;q=0.8": "/fr/", "ar": "/ar/",
                 "zh-CN,zh;q=0.9": "/zh/", "es-419": "/es/", "ru": "/ru/",
                 "de-DE, *;q=0.1": "/en/", "": "/en/",
                 "en;q=0, ru;q=0.5": "/ru/"}
        for al, where in cases.items():
            r = request("GET", "/", headers={"Accept-Language": al})
            self.assertEqual(r.status, 302, al)
            self.assertEqual(r.header("location"), where, al)
            self.assertIn("Accept-Language", r.header("vary"))

    def test_error_page_in_the_language_of_the_path(self):
        r = request("GET", "/fr/nope")
        self.assertEqual(r.status, 404)
        self.assertIn('lang="fr"', r.text)
        self.assertIn("Page introuvable", r.text)
        r = request("GET", "/ar/nope")
        self.assertIn('dir="rtl"', r.text)

    def test_error_page_never_echoes_the_request(self):
        canary = "zq<script>alert(7)</script>"
        r = request("GET", "/" + canary.replace("<", "%3C").replace(">", "%3E")
                    + "?q=" + "zqcanary")
        self.assertEqual(r.status, 404)
        self.assertNotIn("zq", r.text)
        self.assertNotIn("alert", r.text)
        self.assertNotIn("zqcanary", r.text)

    def test_json_errors_when_asked(self):
        r = request("GET", "/nope", headers={"Accept": "application/json"})
        self.assertEqual(r.status, 404)
        self.assertEqual(r.header("content-type"), "application/json")
        self.assertRegex(r.text, r'^\{"error":404,"incident":"[0-9a-f]{16}"\}')


class BadInput(unittest.TestCase, SecurityHeaders):
    def test_dot_dot_above_root_is_400(self):
        r = raw(b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertRegex(r, rb"^HTTP/1.1 400")

    def test_invalid_utf8_in_path_is_400(self):
        r = request("GET", "/en/%C0%AF")
        self.assertEqual(r.status, 400)
        self.assert_secure(r)

    def test_encoded_nul_is_400(self):
        self.assertEqual(request("GET", "/healthz%00").status, 400)

    def test_invalid_utf8_in_query_is_400(self):
        r = request("GET", "/healthz?x=%FF%FE")
        self.assertEqual(r.status, 400)
        self.assert_secure(r)

    def test_too_long_query_is_414(self):
        r = request("GET", "/healthz?x=" + "a" * 5000)
        self.assertEqual(r.status, 414)
        self.assert_secure(r)

    def test_huge_content_length_is_413_without_reading_the_body(self):
        # 1 GiB announced, nothing sent: nginx must answer at once.
        r = raw(b"POST /en/submit HTTP/1.1\r\nHost: x\r\n"
                b"Content-Length: 1073741824\r\nContent-Type: text/plain\r\n\r\n",
                timeout=5, read_all=False)
        self.assertRegex(r, rb"^HTTP/1.1 413")
        for name in SECURITY_HEADERS:
            self.assertIn(name.encode(), r.lower())

    def test_post_without_length_is_411(self):
        out = fcgi({"REQUEST_METHOD": "POST", "REQUEST_URI": "/en/verify",
                    "CONTENT_TYPE": "application/x-www-form-urlencoded"})
        self.assertEqual(fcgi_status(out), 411)

    def test_body_over_the_route_limit_is_413_before_reading(self):
        # Straight to the workers: 1 GiB announced against a 256 KiB route,
        # no byte sent; the answer comes at once and the worker does not grow.
        master = pidfile("portal.pid")
        before = {p: rss_kib(p) for p in children(master)}
        t0 = time.monotonic()
        out = fcgi({"REQUEST_METHOD": "POST", "REQUEST_URI": "/en/verify",
                    "CONTENT_TYPE": "application/x-www-form-urlencoded",
                    "CONTENT_LENGTH": str(1 << 30)}, close_stdin=False, timeout=5)
        self.assertEqual(fcgi_status(out), 413)
        self.assertLess(time.monotonic() - t0, 2.0)
        for p, kib in before.items():
            now = rss_kib(p)
            if kib is not None and now is not None:
                self.assertLess(now - kib, 4096, "worker %d grew" % p)

    def test_short_body_is_400(self):
        out = fcgi({"REQUEST_METHOD": "POST", "REQUEST_URI": "/en/verify",
                    "CONTENT_TYPE": "application/x-www-form-urlencoded",
                    "CONTENT_LENGTH": "100"}, stdin=b"receipt=" + b"x" * 40)
        self.assertEqual(fcgi_status(out), 400)

    def test_get_with_a_body_is_400(self):
        out = fcgi({"REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz",
                    "CONTENT_LENGTH": "5"}, stdin=b"hello")
        self.assertEqual(fcgi_status(out), 400)

    def test_malformed_content_length_is_400(self):
        for cl in ("-1", "1e3", "0x10", " 5", "99999999999999999999999"):
            out = fcgi({"REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz",
                        "CONTENT_LENGTH": cl})
            self.assertEqual(fcgi_status(out), 400, cl)

    def test_invalid_utf8_header_is_400(self):
        out = fcgi({"REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz",
                    "HTTP_ACCEPT_LANGUAGE": b"fr\xff"})
        self.assertEqual(fcgi_status(out), 400)


class NginxErrors(unittest.TestCase, SecurityHeaders):
    def test_static_file_has_security_headers_and_long_cache(self):
        r = request("GET", "/static/errors/503.html")
        self.assertEqual(r.status, 200)
        self.assert_secure(r)
        self.assertEqual(len(r.header_all("cache-control")), 1)
        self.assertIn("max-age=86400", r.header("cache-control"))


class Logs(unittest.TestCase):
    def test_no_client_address_or_query_in_any_log(self):
        request("GET", "/healthz?secretcanary=zzlogcanary",
                headers={"User-Agent": "zzagentcanary"})
        logdir = os.path.join(VAR, "log")
        # The portal's own origin (127.0.0.1:PORT, in key names) is not a
        # client's address; any other 127.0.0.1 would be.
        origin = ("127.0.0.1:%d" % PORT).encode()
        for name in os.listdir(logdir):
            with open(os.path.join(logdir, name), "rb") as f:
                data = f.read().replace(origin, b"")
            for canary in (b"127.0.0.1", b"zzlogcanary", b"zzagentcanary"):
                self.assertFalse(canary in data, "%s in %s" % (canary, name))


if __name__ == "__main__":
    unittest.main()
