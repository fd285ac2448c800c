"""The transparency log: entries queued by the application role are
integrated within a second or so; checkpoints are signed (verified here
with PyNaCl, independently of the portal's C); tiles, bundles and proofs
check out with an independent RFC 6962 / 9162 implementation in Python;
and the monitor names the first bad index whenever the database superuser
tampers with the log (then the log is restored)."""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

import nacl.exceptions
import nacl.signing

from harness import PORT, ROOT, VAR, request, wait_until

PORTAL = os.path.join(ROOT, "cgi", "portal")
ORIGIN = "http://127.0.0.1:%d" % PORT
LOG_ORIGIN = "127.0.0.1:%d/log" % PORT
LOCK = "SELECT pg_advisory_xact_lock(1953263463);"   # the integrator's
TRIGGERS = {"tlog_leaves": "tlog_leaves_append_only",
            "tlog_hashes": "tlog_hashes_append_only",
            "tlog_checkpoints": "tlog_checkpoints_append_only"}


# --- an independent RFC 6962 / RFC 9162 -----------------------------------
def sha(b):
    return hashlib.sha256(b).digest()


def leaf(e):
    return sha(b"\x00" + e)


def node(l, r):
    return sha(b"\x01" + l + r)


def mth(entries):
    if not entries:
        return sha(b"")
    if len(entries) == 1:
        return leaf(entries[0])
    k = 1
    while k * 2 < len(entries):
        k *= 2
    return node(mth(entries[:k]), mth(entries[k:]))


def verify_inclusion(index, size, lh, proof, root):
    if index >= size:
        return False
    fn, sn, r = index, size - 1, lh
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(size1, size2, proof, root1, root2):
    if size1 == size2:
        return not proof and root1 == root2
    if size1 == 0:
        return not proof
    if not proof:
        return False
    if size1 & (size1 - 1) == 0:
        proof = [root1] + proof
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == root1 and sr == root2


def tile_path(level, n, width=256):
    s = "%03d" % (n % 1000)
    n //= 1000
    while n:
        s = "x%03d/%s" % (n % 1000, s)
        n //= 1000
    p = "/log/tile/%s/%s" % (level, s)
    return p if width == 256 else p + ".p/%d" % width


# --- signed notes, with PyNaCl ---------------------------------------------
def log_vkey():
    """The log's verifier key, derived here from log.key with PyNaCl."""
    with open(os.path.join(VAR, "keys", "log.key")) as f:
        _, _, name, khash, b64 = f.read().strip().split("+", 4)
    raw = base64.b64decode(b64)
    pk = nacl.signing.SigningKey(raw[1:]).verify_key.encode()
    return name, pk, "%s+%s+%s" % (name, khash,
                                   base64.b64encode(b"\x01" + pk).decode())


def open_checkpoint(note):
    """Verify the note's Ed25519 signature by the log key; return
    (origin, size, root)."""
    name, pk, _ = log_vkey()
    text, sep, sigs = note.partition("\n\n")
    assert sep, "no blank line"
    text += "\n"
    khash = sha(name.encode() + b"\n\x01" + pk)[:4]
    ok = False
    for line in sigs.splitlines():
        m = re.fullmatch(r"\u2014 (\S+) (\S+)", line)
        assert m, line
        blob = base64.b64decode(m.group(2))
        if m.group(1) == name and blob[:4] == khash:
            nacl.signing.VerifyKey(pk).verify(text.encode(), blob[4:])
            ok = True
    assert ok, "no signature by the log key"
    origin, size, root = text.splitlines()[:3]
    return origin, int(size), base64.b64decode(root)


# --- the database and the portal -------------------------------------------
def psql(role, sql):
    env = dict(os.environ, PGPASSFILE=os.path.join(VAR, "secrets", "pgpass-" + role))
    return subprocess.run(["psql", "-X", "-q", "-At", "-h", os.path.join(VAR, "run"),
                           "-U", role, "-d", "portal", "-v", "ON_ERROR_STOP=1",
                           "-c", sql], env=env, capture_output=True, text=True,
                          timeout=60)


def su(sql):
    r = psql("postgres", sql)
    assert r.returncode == 0, r.stderr
    return r.stdout


def portal_env():
    out = subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "env"],
                         env=dict(os.environ, VAR=VAR, PORT=str(PORT)),
                         capture_output=True, text=True, check=True)
    env = dict(os.environ)
    for line in out.stdout.splitlines():
        k, _, v = line.partition("=")
        env[k] = v
    return env


def monitor(state, *extra, source=ORIGIN):
    r = subprocess.run([PORTAL, "log-monitor"] + list(extra) + [source, state],
                       env=portal_env(), capture_output=True, text=True, timeout=120)
    return r.returncode, r.stdout + r.stderr


def enqueue(n):
    entries = [os.urandom(32) for _ in range(n)]
    values = ",".join("(decode('%s', 'hex'))" % e.hex() for e in entries)
    r = psql("portal_app", "INSERT INTO tlog_queue (entry) VALUES " + values)
    assert r.returncode == 0, r.stderr
    return entries


def checkpoint():
    r = request("GET", "/log/checkpoint")
    assert r.status == 200, r.status
    return r, open_checkpoint(r.text)


def proof(entry):
    r = request("GET", "/log/proof/inclusion?entry=" + entry.hex())
    return r.status, (json.loads(r.body) if r.status in (200, 400, 404) else None)


def wait_logged(entries, timeout=10):
    return wait_until(lambda: all(proof(e)[0] == 200 for e in entries), timeout)


def wait_queue_empty():
    return wait_until(lambda: su("SELECT count(*) FROM tlog_queue").strip() == "0", 10)


def all_entries(size):
    out = []
    for n in range((size + 255) // 256):
        w = min(256, size - 256 * n)
        r = request("GET", tile_path("entries", n, w))
        assert r.status == 200, (n, w, r.status)
        b = r.body
        assert len(b) == 34 * w
        for i in range(w):
            assert b[34 * i:34 * i + 2] == b"\x00\x20"
            out.append(b[34 * i + 2:34 * (i + 1)])
    return out


class Log(unittest.TestCase):
    def test_checkpoint_is_signed_by_the_log_key_verified_with_pynacl(self):
        r, (origin, size, root) = checkpoint()
        self.assertEqual(origin, LOG_ORIGIN)
        self.assertEqual(r.header("content-type"), "text/plain; charset=utf-8")
        self.assertEqual(r.header("cache-control"), "no-cache")
        self.assertEqual(len(root), 32)
        # A flipped bit in the text breaks the signature.
        bad = r.text.replace("\n%d\n" % size, "\n%d\n" % (size + 1), 1)
        with self.assertRaises(nacl.exceptions.BadSignatureError):
            open_checkpoint(bad)

    def test_entries_are_integrated_within_a_second_or_so(self):
        t0 = time.monotonic()
        entries = enqueue(5)
        self.assertTrue(wait_logged(entries, 5), "not integrated")
        self.assertLess(time.monotonic() - t0, 3.0)
        idx = [proof(e)[1]["index"] for e in entries]
        self.assertEqual(idx, list(range(idx[0], idx[0] + 5)), "in order, no gaps")

    def test_inclusion_proofs_verify_against_the_signed_checkpoint(self):
        entries = enqueue(7)
        self.assertTrue(wait_logged(entries))
        for e in entries:
            st, p = proof(e)
            self.assertEqual(st, 200)
            origin, size, root = open_checkpoint(p["checkpoint"])
            self.assertEqual(size, p["tree_size"])
            self.assertEqual(base64.b64decode(p["root"]), root)
            hashes = [base64.b64decode(h) for h in p["proof"]]
            self.assertTrue(verify_inclusion(p["index"], size, leaf(e), hashes, root))
            self.assertFalse(verify_inclusion(p["index"], size, leaf(sha(e)), hashes, root))

    def test_consistency_proof_between_two_checkpoints(self):
        # From an empty tree every proof is trivially consistent: start
        # from a tree that has entries, whatever ran before.
        self.assertTrue(wait_logged(enqueue(2)))
        _, (_, size1, root1) = checkpoint()
        self.assertTrue(wait_logged(enqueue(3)))
        _, (_, size2, root2) = checkpoint()
        self.assertGreater(size2, size1)
        r = request("GET", "/log/proof/consistency?from=%d&to=%d" % (size1, size2))
        self.assertEqual(r.status, 200)
        p = json.loads(r.body)
        self.assertEqual((p["from"], p["to"]), (size1, size2))
        hashes = [base64.b64decode(h) for h in p["proof"]]
        self.assertTrue(verify_consistency(size1, size2, hashes, root1, root2))
        self.assertFalse(verify_consistency(size1, size2, hashes, sha(root1), root2))

    def test_tiles_and_bundles_recompute_the_signed_root(self):
        if checkpoint()[1][1] < 260:        # a full tile and a partial one
            self.assertTrue(wait_logged(enqueue(260)))
        _, (_, size, root) = checkpoint()
        entries = all_entries(size)
        self.assertEqual(mth(entries), root)
        r = request("GET", tile_path(0, 0))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "application/octet-stream")
        self.assertEqual(r.header("cache-control"), "public, max-age=31536000, immutable")
        self.assertEqual(r.body, b"".join(leaf(e) for e in entries[:256]))
        w = size % 256
        if w:
            r = request("GET", tile_path(0, size // 256, w))
            self.assertEqual(r.status, 200)
            self.assertEqual(r.header("cache-control"), "no-cache")
            self.assertEqual(r.body, b"".join(leaf(e) for e in entries[size - w:]))
            self.assertEqual(request("GET", tile_path(0, size // 256, w + 1)).status
                             if w < 255 else 404, 404)
        r = request("GET", tile_path(1, 0, size // 256))
        self.assertEqual(r.body, b"".join(mth(entries[256 * i:256 * (i + 1)])
                                          for i in range(size // 256)))
        self.assertEqual(request("GET", tile_path(0, size // 256 + 1)).status, 404)
        self.assertEqual(request("GET", tile_path("entries", size // 256 + 1)).status, 404)
        for bad in ("/log/tile/0/0", "/log/tile/0/000.p/256", "/log/tile/0/x000/000",
                    "/log/tile/64/000", "/log/tile/entries/000.p/0", "/log/tile/"):
            self.assertEqual(request("GET", bad).status, 404, bad)

    def test_proof_endpoints_refuse_bad_input_in_json(self):
        for q in ("", "?entry=zz", "?entry=" + "0" * 63, "?entry=" + "0" * 65):
            r = request("GET", "/log/proof/inclusion" + q)
            self.assertEqual(r.status, 400, q)
            self.assertIn("error", json.loads(r.body))
        st, p = proof(os.urandom(32))
        self.assertEqual(st, 404)
        self.assertEqual(p["error"], "not logged yet")
        for q in ("?from=2&to=1", "?from=01&to=2", "?from=1", "?from=-1&to=2"):
            self.assertEqual(request("GET", "/log/proof/consistency" + q).status, 400, q)
        self.assertEqual(request("GET", "/log/proof/consistency?from=0&to=99999999").status,
                         404)

    def test_application_role_cannot_rewrite_the_log(self):
        for sql in ("UPDATE tlog_leaves SET entry = entry WHERE idx = 0",
                    "DELETE FROM tlog_leaves WHERE idx = 0",
                    "DELETE FROM tlog_hashes WHERE level = 0 AND idx = 0",
                    "DELETE FROM tlog_checkpoints",
                    "UPDATE tlog_queue SET entry = entry",
                    "INSERT INTO tlog_queue (entry) VALUES ('short')"):
            r = psql("portal_app", sql)
            self.assertNotEqual(r.returncode, 0, sql)

    def test_monitor_accepts_an_honest_log_over_http_and_locally(self):
        _, _, vkey = log_vkey()
        with tempfile.TemporaryDirectory() as d:
            st = os.path.join(d, "state")
            rc, out = monitor(st, "--vkey", vkey)
            self.assertEqual(rc, 0, out)
            self.assertIn("first run", out)
            self.assertTrue(wait_logged(enqueue(4)))
            rc, out = monitor(st)
            self.assertEqual(rc, 0, out)
            self.assertIn("consistent with the last checkpoint seen", out)
            rc, out = monitor(os.path.join(d, "local"), source="local")
            self.assertEqual(rc, 0, out)
            rc, out = monitor(st, "--vkey", vkey.replace("+A", "+B", 1))
            self.assertEqual(rc, 2, "a different key than the pinned one")


class Tampering(unittest.TestCase):
    """Each test tampers as the database superuser, holding the
    integrator's lock, and restores the log afterwards."""

    def setUp(self):
        self.restored = False
        self.d = tempfile.mkdtemp()
        if checkpoint()[1][1] < 300:
            self.assertTrue(wait_logged(enqueue(300)))
        self.assertTrue(wait_queue_empty())
        su(LOCK.replace("SELECT", "BEGIN; SELECT", 1) +
           "DROP TABLE IF EXISTS tlog_bak_leaves, tlog_bak_hashes, tlog_bak_cps;"
           "CREATE TABLE tlog_bak_leaves AS SELECT * FROM tlog_leaves;"
           "CREATE TABLE tlog_bak_hashes AS SELECT * FROM tlog_hashes;"
           "CREATE TABLE tlog_bak_cps AS SELECT * FROM tlog_checkpoints; COMMIT;")
        self.size = int(su("SELECT max(size) FROM tlog_bak_cps"))
        self.entry = lambda i: su("SELECT encode(entry, 'hex') FROM tlog_leaves "
                                  "WHERE idx = %d" % i).strip()
        self.state = os.path.join(self.d, "state")
        rc, out = monitor(self.state, "--vkey", log_vkey()[2])
        self.assertEqual(rc, 0, out)

    def tearDown(self):
        if not self.restored:
            self.restore()
        shutil.rmtree(self.d)

    def restore(self):
        self.restored = True
        dis = "".join("ALTER TABLE %s DISABLE TRIGGER %s;" % kv for kv in TRIGGERS.items())
        ena = dis.replace("DISABLE", "ENABLE")
        su("BEGIN;" + LOCK + dis +
           "DELETE FROM tlog_leaves; INSERT INTO tlog_leaves SELECT * FROM tlog_bak_leaves;"
           "DELETE FROM tlog_hashes; INSERT INTO tlog_hashes SELECT * FROM tlog_bak_hashes;"
           "DELETE FROM tlog_checkpoints;"
           "INSERT INTO tlog_checkpoints SELECT * FROM tlog_bak_cps;" + ena +
           "DROP TABLE tlog_bak_leaves, tlog_bak_hashes, tlog_bak_cps; COMMIT;")
        rc, out = monitor(os.path.join(tempfile.gettempdir(), "tlog-restored-%d" % os.getpid()),
                          "--vkey", log_vkey()[2])
        for f in ("", ".entries"):
            p = os.path.join(tempfile.gettempdir(), "tlog-restored-%d%s" % (os.getpid(), f))
            if os.path.exists(p):
                os.unlink(p)
        self.assertEqual(rc, 0, "not restored: " + out)

    def tamper(self, sql):
        dis = "".join("ALTER TABLE %s DISABLE TRIGGER %s;" % kv for kv in TRIGGERS.items())
        su("BEGIN;" + LOCK + dis + sql + dis.replace("DISABLE", "ENABLE") + "COMMIT;")

    def assert_first_bad(self, index, fresh_too=True):
        states = [self.state]
        if fresh_too:
            states.append(os.path.join(self.d, "fresh"))
        for st in states:
            rc, out = monitor(st, "--vkey", log_vkey()[2])
            self.assertEqual(rc, 1, out)
            self.assertIn("tampering: first bad index %d:" % index, out)
        # The state a bad run saw is never saved.
        rc, out = monitor(self.state, "--vkey", log_vkey()[2])
        self.assertEqual(rc, 1, out)

    def test_changed_entry_is_named(self):
        i = self.size // 2
        self.tamper("UPDATE tlog_leaves SET entry = sha256(entry) WHERE idx = %d;" % i)
        self.assert_first_bad(i)

    def test_changed_entry_with_its_leaf_hash_is_named(self):
        i = 42
        self.tamper("UPDATE tlog_leaves SET entry = sha256(entry) WHERE idx = %d;"
                    "UPDATE tlog_hashes SET hash = sha256('\\x00'::bytea || "
                    "(SELECT entry FROM tlog_leaves WHERE idx = %d)) "
                    "WHERE level = 0 AND idx = %d;" % (i, i, i))
        self.assert_first_bad(i, fresh_too=False)   # only the old state knows

    def test_deleted_last_entries_are_named(self):
        k = 3
        self.tamper("DELETE FROM tlog_leaves WHERE idx >= %d;" % (self.size - k))
        self.assert_first_bad(self.size - k)

    def test_swapped_entries_are_named(self):
        i, j = 17, self.size - 5
        a, b = self.entry(i), self.entry(j)
        self.tamper("UPDATE tlog_leaves SET entry = decode('%s', 'hex') WHERE idx = %d;"
                    "UPDATE tlog_leaves SET entry = decode('%s', 'hex') WHERE idx = %d;"
                    % (b, i, a, j))
        self.assert_first_bad(i)

    def test_rolled_back_log_is_named(self):
        # A careful rewrite: the last entries, their hashes and every
        # checkpoint covering them go; an older signed checkpoint remains.
        older = int(su("SELECT max(size) FROM tlog_checkpoints WHERE size < %d"
                       % self.size))
        self.tamper("DELETE FROM tlog_leaves WHERE idx >= %d;"
                    "DELETE FROM tlog_hashes WHERE ((idx + 1) << level) > %d;"
                    "DELETE FROM tlog_checkpoints WHERE size > %d;" % (older, older, older))
        self.assert_first_bad(older, fresh_too=False)

    def test_monitor_detects_tampering_locally_too(self):
        i = 7
        self.tamper("UPDATE tlog_leaves SET entry = sha256(entry) WHERE idx = %d;" % i)
        rc, out = monitor(os.path.join(self.d, "local"), source="local")
        self.assertEqual(rc, 1, out)
        self.assertIn("tampering: first bad index %d:" % i, out)

    def test_integrator_refuses_to_sign_over_changed_hashes(self):
        log = os.path.join(VAR, "log", "portal.log")
        before = open(log, errors="replace").read().count("event=tlog.inconsistent")
        self.tamper("UPDATE tlog_hashes SET hash = sha256(hash) WHERE level > 0;")
        entries = enqueue(1)
        self.assertTrue(wait_until(lambda: open(log, errors="replace").read()
                                   .count("event=tlog.inconsistent") > before, 5),
                        "no tlog.inconsistent error logged")
        self.assertEqual(checkpoint()[1][1], self.size, "signed anyway")
        self.assertEqual(proof(entries[0])[0], 404)
        # Restored, the entry is integrated and the monitor is content.
        self.restore()
        self.assertTrue(wait_logged(entries))
        rc, out = monitor(self.state)
        self.assertEqual(rc, 0, out)


if __name__ == "__main__":
    unittest.main()
