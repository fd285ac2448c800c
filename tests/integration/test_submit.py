"""Submitting an allegation through nginx: receipts that anyone can verify,
return codes, idempotent form tokens, CSRF, limits, sealing (no canary in
clear anywhere), and durability when PostgreSQL is killed mid-batch."""
import base64
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import secrets
import stat
import subprocess
import time
import unittest
import uuid

from harness import PORT, ROOT, VAR, request, stack, wait_until, healthy

ORIGIN = "http://127.0.0.1:%d" % PORT


def multipart(fields, files=()):
    """fields: list of (name, value); files: list of (name, filename, bytes)."""
    boundary = "----portaltest" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n"
                    % (boundary, name)).encode() +
                   (value if isinstance(value, bytes) else value.encode()) + b"\r\n")
    for name, filename, data in files:
        fn = filename if isinstance(filename, bytes) else filename.encode()
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\""
                    % (boundary, name)).encode() + fn +
                   b"\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


def base_fields(**over):
    f = {"state": "IRN", "summary": "An allegation for the tests.",
         "consent_disclose_name": "yes", "consent_public_name": "no"}
    f.update(over)
    return list(f.items())


def submit_json(fields, files=(), headers=None):
    body, ctype = multipart(fields, files)
    h = {"Content-Type": ctype, "Accept": "application/json"}
    h.update(headers or {})
    return request("POST", "/en/submit", headers=h, body=body, timeout=60)


def psql(sql, role="postgres"):
    env = dict(os.environ, PGPASSFILE=os.path.join(VAR, "secrets", "pgpass-" + role))
    r = subprocess.run(["psql", "-X", "-q", "-At", "-h", os.path.join(VAR, "run"),
                        "-U", role, "-d", "portal", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError(r.stderr)
    return r.stdout.strip()


def browser_session(lang="en"):
    """GET the form like a browser: the CSRF cookie, and the form's tokens."""
    r = request("GET", "/%s/submit" % lang)
    assert r.status == 200, r.status
    cookie = r.header("set-cookie").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', r.text).group(1)
    return cookie, csrf, token


def verify_independently(receipt, keys_text):
    """Check a C2SP signed note with PyNaCl alone: no portal code involved."""
    import nacl.signing
    import nacl.exceptions
    text, sep, sigs = receipt.rpartition("\n\n")
    if not sep:
        return False
    text += "\n"
    for vkey in keys_text.strip().splitlines():
        name, khash, kb64 = vkey.split("+", 2)
        raw = base64.b64decode(kb64)
        if raw[0] != 1:
            continue
        want = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
        for line in sigs.splitlines():
            if not line.startswith("\u2014 " + name + " "):
                continue
            sig = base64.b64decode(line.split(" ")[2])
            if sig[:4] != want or want.hex() != khash:
                continue
            try:
                nacl.signing.VerifyKey(raw[1:]).verify(text.encode(), sig[4:])
                return True
            except nacl.exceptions.BadSignatureError:
                return False
    return False


class Receipts(unittest.TestCase):
    def test_program_submits_and_gets_receipt_and_code(self):
        pdf = b"%PDF-1.4\n" + secrets.token_bytes(1000)
        r = submit_json(base_fields(mandate="torture"), [("evidence", "a.pdf", pdf)])
        self.assertEqual(r.status, 201, r.text)
        d = json.loads(r.text)
        self.assertRegex(d["ref"], r"^A-\d{4}-\d{6}$")
        self.assertRegex(d["return_code"], r"^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$")
        lines = d["receipt"].split("\n")
        self.assertEqual(lines[0], "127.0.0.1:%d/receipt/v1" % PORT)
        self.assertEqual(lines[1], "ref " + d["ref"])
        self.assertEqual(lines[2], "kind allegation")
        self.assertIn("file sha256:%s %d" % (hashlib.sha256(pdf).hexdigest(), len(pdf)),
                      lines)
        self.assertRegex(d["receipt"], r"\nnonce [A-Za-z0-9+/]{22}==\n\n\u2014 ")
        self.assertNotIn(d["return_code"], d["receipt"])
        self.assertNotIn("Iran", d["receipt"])

    def test_receipt_verifies_with_pynacl_and_any_byte_change_breaks_it(self):
        r = submit_json(base_fields())
        receipt = json.loads(r.text)["receipt"]
        keys = request("GET", "/.well-known/portal-keys").text
        self.assertTrue(verify_independently(receipt, keys))
        data = receipt.encode()
        text_end = data.rindex(b"\n\n") + 1
        for i in range(text_end):
            changed = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]
            try:
                ok = verify_independently(changed.decode(), keys)
            except (UnicodeDecodeError, ValueError, IndexError):
                ok = False
            self.assertFalse(ok, "byte %d changed and still valid" % i)

    def test_verify_page_checks_signature_and_log(self):
        receipt = json.loads(submit_json(base_fields()).text)["receipt"]
        body, ctype = multipart([("receipt", receipt.replace("\n", "\r\n"))])
        for _ in range(30):
            r = request("POST", "/en/verify", headers={"Content-Type": ctype,
                        "Accept": "application/json"}, body=body)
            d = json.loads(r.text)
            if d.get("log", {}).get("index") is not None:
                break
            time.sleep(0.2)
        self.assertTrue(d["valid"])
        self.assertIsNotNone(d["log"]["index"])
        self.assertTrue(d["log"]["proof_verified"])
        bad = receipt.replace("kind allegation", "kind followup")
        body, ctype = multipart([("receipt", bad)])
        r = request("POST", "/en/verify", headers={"Content-Type": ctype,
                    "Accept": "application/json"}, body=body)
        self.assertFalse(json.loads(r.text)["valid"])

    def test_verify_receipt_offline_command(self):
        receipt = json.loads(submit_json(base_fields()).text)["receipt"]
        keys = request("GET", "/.well-known/portal-keys").text
        d = os.path.join(VAR, "offline")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "receipt.txt"), "w") as f:
            f.write(receipt)
        with open(os.path.join(d, "keys.txt"), "w") as f:
            f.write(keys)
        portal = os.path.join(ROOT, "cgi", "portal")
        ok = subprocess.run([portal, "verify-receipt", os.path.join(d, "receipt.txt"),
                             os.path.join(d, "keys.txt")], capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("valid receipt", ok.stdout)
        with open(os.path.join(d, "receipt.txt"), "w") as f:
            f.write(receipt.replace("ref A-", "ref B-"))
        bad = subprocess.run([portal, "verify-receipt", os.path.join(d, "receipt.txt"),
                              os.path.join(d, "keys.txt")], capture_output=True, text=True)
        self.assertEqual(bad.returncode, 1)


class Idempotency(unittest.TestCase):
    def test_fifty_parallel_posts_of_one_token_make_one_submission(self):
        token = secrets.token_urlsafe(32)
        before = int(psql("SELECT count(*) FROM submissions"))
        body, ctype = multipart([("form_token", token)] + base_fields(summary="once " + token))

        def post(_):
            return request("POST", "/en/submit", headers={"Content-Type": ctype,
                           "Accept": "application/json"}, body=body, timeout=60)
        with concurrent.futures.ThreadPoolExecutor(16) as ex:
            rs = list(ex.map(post, range(50)))
        answers = [json.loads(r.text) for r in rs if r.status == 201]
        self.assertEqual([r.status for r in rs if r.status not in (201, 503)], [])
        self.assertGreater(len(answers), 40)
        self.assertEqual(len({a["receipt"] for a in answers}), 1)
        self.assertEqual(len({a["return_code"] for a in answers}), 1)
        self.assertEqual(int(psql("SELECT count(*) FROM submissions")), before + 1)

    def test_reload_after_success_shows_the_same_receipt(self):
        token = secrets.token_urlsafe(32)
        body, ctype = multipart([("form_token", token)] + base_fields())
        h = {"Content-Type": ctype, "Accept": "application/json"}
        a = json.loads(request("POST", "/en/submit", headers=h, body=body).text)
        b = json.loads(request("POST", "/en/submit", headers=h, body=body).text)
        self.assertEqual(a, b)


class Csrf(unittest.TestCase):
    def count(self):
        return int(psql("SELECT count(*) FROM submissions"))

    def test_browser_post_with_valid_token_succeeds(self):
        cookie, csrf, token = browser_session()
        body, ctype = multipart([("csrf", csrf), ("form_token", token)] + base_fields())
        r = request("POST", "/en/submit", headers={"Content-Type": ctype,
                    "Cookie": cookie, "Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"},
                    body=body)
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn("A-", r.text)

    def test_missing_wrong_or_foreign_token_is_403_and_stores_nothing(self):
        cookie, csrf, token = browser_session()
        other_cookie, other_csrf, _ = browser_session()
        cases = [
            ("missing", [], cookie, {}),
            ("wrong", [("csrf", "A" * 43)], cookie, {}),
            ("foreign", [("csrf", other_csrf)], cookie, {}),
            ("no cookie", [("csrf", csrf)], None, {}),
            ("cross-site origin", [("csrf", csrf)], cookie, {"Origin": "https://evil.example"}),
            ("cross-site fetch", [("csrf", csrf)], cookie, {"Sec-Fetch-Site": "cross-site"}),
            ("tossed cookie", [("csrf", other_csrf)], other_cookie + "; " + cookie, {}),
        ]
        for name, extra, c, hdrs in cases:
            before = self.count()
            body, ctype = multipart(extra + [("form_token", secrets.token_urlsafe(32))]
                                    + base_fields(), [("evidence", "x.pdf", b"%PDF-1.4 x")])
            h = {"Content-Type": ctype}
            if c:
                h["Cookie"] = c
            h.update(hdrs)
            r = request("POST", "/en/submit", headers=h, body=body)
            self.assertEqual(r.status, 403, name)
            self.assertEqual(self.count(), before, name)
        self.assertNotEqual(other_cookie, cookie)


class Limits(unittest.TestCase):
    def test_oversize_file_gives_413_page_with_the_typed_text(self):
        cookie, csrf, token = browser_session()
        big = b"%PDF-1.4\n" + b"0" * (64 * 1024 * 1024 + 1)
        body, ctype = multipart([("csrf", csrf), ("form_token", token)] +
                                base_fields(summary="zq typed text kept"),
                                [("evidence", "big.pdf", big)])
        r = request("POST", "/en/submit", headers={"Content-Type": ctype, "Cookie": cookie},
                    body=body, timeout=120)
        self.assertEqual(r.status, 413)
        self.assertIn("zq typed text kept", r.text)
        self.assertIn("64 MiB", r.text)

    def test_invalid_utf8_field_is_400(self):
        body, ctype = multipart(base_fields(summary=b"bad \xff\xfe utf-8"))
        r = request("POST", "/en/submit", headers={"Content-Type": ctype,
                    "Accept": "application/json"}, body=body)
        self.assertEqual(r.status, 400)

    def test_missing_required_fields_are_named(self):
        r = submit_json([("summary", "")])
        self.assertEqual(r.status, 422)
        errors = json.loads(r.text)["errors"]
        for f in ("state", "summary", "consent_disclose_name", "consent_public_name"):
            self.assertIn(f, errors)

    def test_unknown_state_or_mandate_is_invalid(self):
        self.assertIn("state", json.loads(submit_json(base_fields(state="XYZ")).text)["errors"])
        self.assertIn("mandate", json.loads(
            submit_json(base_fields(mandate="no-such-mandate")).text)["errors"])

    def test_executable_is_refused_by_content(self):
        r = submit_json(base_fields(), [("evidence", "photo.jpg", b"\x7fELF\x02\x01\x01" + b"\0" * 200)])
        self.assertEqual(r.status, 422)
        self.assertIn("evidence", json.loads(r.text)["errors"])

    def test_hostile_file_name_is_stored_sealed_and_harmless(self):
        r = submit_json(base_fields(), [("evidence", "../../etc/passwd", b"%PDF-1.4 passwd")])
        self.assertEqual(r.status, 201)
        self.assertFalse(os.path.exists(os.path.join(VAR, "etc", "passwd")))
        dump = psql("SELECT count(*) FROM submission_files WHERE "
                    "position('passwd' in encode(sealed_meta, 'escape')) > 0")
        self.assertEqual(dump, "0")


class Sealing(unittest.TestCase):
    def test_canaries_never_appear_in_clear(self):
        canary = "zqcan" + secrets.token_hex(6)
        fields = base_fields(summary=canary + " summary", victims=canary + " victim",
                             perpetrators=canary + " perp", domestic_remedies=canary,
                             submitter_name=canary + " name", submitter_org=canary,
                             submitter_email=canary + "@example.org",
                             relationship=canary, incident_place=canary)
        files = [("evidence", canary + ".txt", ("%s file content\n" % canary).encode()),
                 ("evidence", "b.pdf", ("%%PDF-1.4 %s" % canary).encode())]
        r = submit_json(fields, files)
        self.assertEqual(r.status, 201)
        psql("CHECKPOINT")
        needle = canary.encode()
        places = [os.path.join(VAR, "pg"), os.path.join(VAR, "log"), "/tmp", "/dev/shm"]
        try:
            with open(os.path.join(VAR, "run", "bodytmp")) as f:
                places.append(f.read().strip())
        except OSError:
            pass
        for place in places:
            for dirpath, dirs, names in os.walk(place):
                # Other checkouts' builds and packages are not ours to search.
                dirs[:] = [d for d in dirs if d not in ("build", "node_modules", ".git")]
                for n in names:
                    p = os.path.join(dirpath, n)
                    try:
                        st = os.lstat(p)
                        # Only regular files: a FIFO would block the read.
                        if not stat.S_ISREG(st.st_mode) or st.st_size > 64 * 1024 * 1024:
                            continue
                        with open(p, "rb") as f:
                            data = f.read()
                    except OSError:
                        continue
                    self.assertFalse(needle in data, "canary in clear in " + p)
        env = dict(os.environ, PGPASSFILE=os.path.join(VAR, "secrets", "pgpass-postgres"))
        dump = subprocess.run(["pg_dump", "-h", os.path.join(VAR, "run"), "-U", "postgres",
                               "portal"], env=env, capture_output=True, timeout=120)
        self.assertEqual(dump.returncode, 0)
        self.assertNotIn(needle, dump.stdout)


class Durability(unittest.TestCase):
    def test_killed_database_loses_no_receipt(self):
        def post(i):
            try:
                r = submit_json(base_fields(summary="durability %d" % i),
                                [("evidence", "d.pdf", b"%PDF-1.4 " + os.urandom(20000))])
                return r.status, r.text
            except OSError as e:
                return "error", str(e)

        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            futures = [ex.submit(post, i) for i in range(60)]
            time.sleep(0.5)
            stack("pg-kill")
            results = [f.result() for f in futures]
        stack("pg-start")
        self.assertTrue(wait_until(healthy, 10))
        receipts = [json.loads(t)["receipt"] for s, t in results if s == 201]
        self.assertGreater(len(receipts), 0)
        for s, t in results:
            self.assertIn(s, (201, 503), t[:200])
        for rc in receipts:
            h = hashlib.sha256(rc.encode()).hexdigest()
            n = psql("SELECT count(f.id) FROM submissions s JOIN submission_files f "
                     "ON f.submission_id = s.id WHERE s.receipt_hash = '\\x%s'" % h)
            self.assertEqual(n, "1", "receipt without its stored submission")


if __name__ == "__main__":
    unittest.main()
