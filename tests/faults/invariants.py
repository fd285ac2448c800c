"""The invariant checker: what must hold after any fault.

1. Every stored submission opens with the secretariat's private key (the
   test stack's, unwrapped with its operator passphrase): its sealed
   receipt is signed by the portal (PyNaCl, /.well-known/portal-keys),
   hashes to receipt_hash, and names the SHA-256 of the sealed body and of
   each file; each file decrypts chunk by chunk (256 KiB each, the last
   one tagged FINAL) to those bytes. Nothing half-stored can pass this.
2. Every receipt a client was given verifies (PyNaCl; the first few also
   with `portal verify-receipt`), is stored, and its files are the bytes
   the client sent.
3. No form token has two submissions, and a token's receipts are one.
4. The transparency log verifies (`portal log-monitor`, whose state file
   carries over between checks), holds every receipt issued, and every
   checkpoint seen during the run is a prefix of it.
5. The run's canary is in no file of the stack (database pages, WAL, logs,
   nginx temp files) nor in /tmp or /dev/shm.

Standalone, against a running stack (checks 1, 3, 4 and the database for
canaries named with --canary):
    STACK_PORT=P STACK_VAR=DIR python3 tests/faults/invariants.py [--canary S]
"""
import base64
import hashlib
import os
import stat
import subprocess
import sys
import time

import nacl.bindings as nb
import nacl.public
import nacl.pwhash
import nacl.secret

from common import (PORTAL, PORT, VAR, Record, psql, request, test_submit,
                    test_tlog, wait_until)

CHUNK = 256 * 1024


def secretariat_box():
    """The private key, unwrapped as `portal keys` wraps it."""
    with open(os.path.join(VAR, "keys", "secretariat.key")) as f:
        magic, ops, mem, salt, nonce, box = f.read().split()[:6]
    assert magic == "portal-wrapped-key-v1", magic
    with open(os.path.join(VAR, "secrets", "operator-passphrase"), "rb") as f:
        pw = f.read().split(b"\n")[0]
    k = nacl.pwhash.argon2id.kdf(32, pw, base64.b64decode(salt),
                                 opslimit=int(ops), memlimit=int(mem))
    sk = nacl.secret.SecretBox(k).decrypt(base64.b64decode(box),
                                          base64.b64decode(nonce))
    return nacl.public.SealedBox(nacl.public.PrivateKey(sk))


def rows(sql):
    out = psql(sql)
    return [l.split("|") for l in out.splitlines()] if out else []


def receipt_lines(receipt, key):
    return [l.split(" ", 1)[1] for l in receipt.split("\n\n")[0].splitlines()
            if l.startswith(key + " ")]


class Checker:
    def __init__(self, record=None):
        self.record = record or Record()
        self.sealed = secretariat_box()
        self.last_id = 0            # submissions already opened
        self.stored = {}            # receipt sha256 hex -> ref
        self.keys = None
        self.clean = {}             # path -> (mtime_ns, size) scanned clean
        self.errors = []
        self.counts = {}

    def fail(self, msg):
        if len(self.errors) < 20:
            self.errors.append(msg)

    # 1 -------------------------------------------------------------------
    def open_file(self, f, chunks, want):
        fid, sid, pos, size, skey, header, mnonce, meta, nchunks = f
        size, nchunks = int(size), int(nchunks)
        key = self.sealed.decrypt(bytes.fromhex(skey))
        meta = nacl.secret.SecretBox(key).decrypt(bytes.fromhex(meta),
                                                  bytes.fromhex(mnonce))
        if nchunks != size // CHUNK + 1 or len(chunks) != nchunks:
            return self.fail("file %s: %d chunks for %d bytes" % (fid, nchunks, size))
        st = nb.crypto_secretstream_xchacha20poly1305_state()
        nb.crypto_secretstream_xchacha20poly1305_init_pull(st, bytes.fromhex(header), key)
        h, tag, n = hashlib.sha256(), None, 0
        for c in chunks:
            plain, tag = nb.crypto_secretstream_xchacha20poly1305_pull(st, c)
            h.update(plain)
            n += len(plain)
        if tag != nb.crypto_secretstream_xchacha20poly1305_TAG_FINAL or n != size:
            return self.fail("file %s: stream cut short (%d of %d bytes)" % (fid, n, size))
        if ("sha256 %s\n" % h.hexdigest()).encode() not in meta:
            self.fail("file %s: sealed metadata names another hash" % fid)
        if want.get(int(pos)) != "sha256:%s %d" % (h.hexdigest(), size):
            self.fail("file %s: receipt names another file" % fid)

    def open_submissions(self):
        subs = rows("SELECT id, ref, encode(receipt_hash, 'hex'), encode(sealed_key, "
                    "'hex'), encode(body_nonce, 'hex'), encode(sealed_body, 'hex'), "
                    "encode(sealed_receipt, 'hex') FROM submissions WHERE id > %d "
                    "ORDER BY id" % self.last_id)
        files = {}
        for f in rows("SELECT f.id, f.submission_id, f.position, f.size, "
                      "encode(f.sealed_key, 'hex'), encode(stream_header, 'hex'), "
                      "encode(meta_nonce, 'hex'), encode(sealed_meta, 'hex'), "
                      "(SELECT count(*) FROM file_chunks c WHERE c.file_id = f.id) "
                      "FROM submission_files f WHERE submission_id > %d" % self.last_id):
            files.setdefault(int(f[1]), []).append(f)
        chunks = {}
        for fid, _, data in rows("SELECT c.file_id, c.seq, encode(c.data, 'hex') FROM "
                                 "file_chunks c JOIN submission_files f ON f.id = "
                                 "c.file_id WHERE f.submission_id > %d ORDER BY "
                                 "c.file_id, c.seq" % self.last_id):
            chunks.setdefault(fid, []).append(bytes.fromhex(data))
        for sid, ref, rhash, skey, nonce, body, sreceipt in subs:
            self.open_one(sid, ref, rhash, skey, nonce, body, sreceipt,
                          files.get(int(sid), []), chunks)
            self.last_id = max(self.last_id, int(sid))
        orphans = psql("SELECT count(*) FROM file_chunks c WHERE NOT EXISTS (SELECT "
                       "FROM submission_files f WHERE f.id = c.file_id)")
        if orphans != "0":
            self.fail("%s chunks without their file" % orphans)
        self.counts["stored"] = len(self.stored)

    def open_one(self, sid, ref, rhash, skey, nonce, body, sreceipt, files, chunks):
        box = nacl.secret.SecretBox(self.sealed.decrypt(bytes.fromhex(skey)))
        plain = box.decrypt(bytes.fromhex(body), bytes.fromhex(nonce))
        sr = bytes.fromhex(sreceipt)
        receipt = box.decrypt(sr[24:], sr[:24]).decode()
        if hashlib.sha256(receipt.encode()).hexdigest() != rhash:
            return self.fail("submission %s: receipt_hash is not its receipt" % sid)
        if not test_submit.verify_independently(receipt, self.portal_keys()):
            return self.fail("submission %s: stored receipt does not verify" % sid)
        if receipt_lines(receipt, "ref") != [ref]:
            self.fail("submission %s: receipt names another ref" % sid)
        if receipt_lines(receipt, "content") != ["sha256:" + hashlib.sha256(plain).hexdigest()]:
            self.fail("submission %s: body is not what the receipt attests" % sid)
        want = dict(enumerate(receipt_lines(receipt, "file")))
        if len(want) != len(files):
            self.fail("submission %s: %d files stored, receipt names %d"
                      % (sid, len(files), len(want)))
        for f in files:
            self.open_file(f, chunks.get(f[0], []), want)
        self.stored[rhash] = ref

    def portal_keys(self):
        if self.keys is None:
            r = request("GET", "/.well-known/portal-keys")
            assert r.status == 200, r.status
            self.keys = r.text
        return self.keys

    # 2 and 3 ---------------------------------------------------------------
    def issued_receipts(self):
        rec, n = self.record, 0
        claims = dict(rows("SELECT encode(c.token_hash, 'hex'), encode(s.receipt_hash, "
                           "'hex') FROM form_claims c JOIN submissions s ON s.id = "
                           "c.submission_id"))
        for token, receipts in list(rec.receipts.items()):
            if len(set(receipts)) != 1:
                self.fail("token with %d different receipts" % len(set(receipts)))
            receipt = receipts[0]
            h = hashlib.sha256(receipt.encode()).hexdigest()
            n += 1
            if not test_submit.verify_independently(receipt, self.portal_keys()):
                self.fail("issued receipt does not verify: %s" % receipt_lines(receipt, "ref"))
            if h not in self.stored:
                self.fail("issued receipt not stored: %s" % receipt_lines(receipt, "ref"))
            if claims.get(hashlib.sha256(token.encode()).hexdigest()) != h:
                self.fail("form token does not lead to its receipt")
            sent = ["sha256:%s %d" % s for s in rec.sent.get(token, [])]
            if receipt_lines(receipt, "file") != sent:
                self.fail("receipt names other files than were sent")
        self.counts["issued"] = n
        dup = psql("SELECT count(*) FROM (SELECT submission_id FROM form_claims GROUP "
                   "BY 1 HAVING count(*) > 1) d")
        if dup != "0":
            self.fail("%s submissions claimed by two tokens" % dup)
        self.cli_verify(list(rec.receipts.values())[:3])

    def cli_verify(self, sample):
        d = os.path.join(VAR, "faults")
        os.makedirs(d, exist_ok=True)
        kp = os.path.join(d, "keys.txt")
        with open(kp, "w") as f:
            f.write(self.portal_keys())
        for receipts in sample:
            p = os.path.join(d, "receipt.txt")
            with open(p, "w") as f:
                f.write(receipts[0])
            r = subprocess.run([PORTAL, "verify-receipt", p, kp], capture_output=True,
                               text=True, timeout=30)
            if r.returncode != 0:
                self.fail("portal verify-receipt refused an issued receipt")

    # 4 -----------------------------------------------------------------------
    def transparency_log(self):
        state = os.path.join(VAR, "faults", "monitor.state")
        os.makedirs(os.path.dirname(state), exist_ok=True)
        code, out = test_tlog.monitor(state, source="http://127.0.0.1:%d" % PORT)
        if code != 0:
            self.fail("log-monitor: exit %d: %s" % (code, out.strip()[-200:]))
        if not wait_until(lambda: psql("SELECT count(*) FROM tlog_queue") == "0", 15):
            self.fail("the log's queue did not drain")
        # One more integration step so that the checkpoint covers the queue.
        time.sleep(1.0)
        _, (_, size, root) = test_tlog.checkpoint()
        entries = test_tlog.all_entries(size)
        if test_tlog.mth(entries) != root:
            self.fail("the log's entries do not give the signed root")
        have = {e.hex() for e in entries}
        missing = [h for h in self.stored if h not in have]
        if missing:
            self.fail("%d stored receipts not in the log" % len(missing))
        seen = 0
        for note in sorted(self.record.checkpoints):
            _, s, r = test_tlog.open_checkpoint(note)
            seen += 1
            if s > size or test_tlog.mth(entries[:s]) != r:
                self.fail("checkpoint of size %d seen during the run is not a "
                          "prefix of the log" % s)
        self.counts.update(log_size=size, checkpoints=seen)

    # 5 -----------------------------------------------------------------------
    def canaries(self, extra_roots=("/tmp", "/dev/shm")):
        psql("CHECKPOINT")
        needle = self.record.canary.encode()
        since = self.record.started - 2
        hits, scanned = [], 0
        roots = [(VAR, True)] + [(r, False) for r in extra_roots]
        try:
            with open(os.path.join(VAR, "run", "bodytmp")) as f:
                roots.append((f.read().strip(), True))    # nginx's request bodies
        except OSError:
            pass
        for root, old_too in roots:
            for dirpath, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if d not in ("build", "node_modules", ".git")]
                for n in names:
                    p = os.path.join(dirpath, n)
                    try:
                        st = os.lstat(p)
                        # A file older than the canary cannot hold it.
                        if (not stat.S_ISREG(st.st_mode) or st.st_size > 256 << 20 or
                                (not old_too and st.st_mtime < since) or
                                self.clean.get(p) == (st.st_mtime_ns, st.st_size)):
                            continue
                        with open(p, "rb") as f:
                            data = f.read()
                    except OSError:
                        continue
                    scanned += len(data)
                    if needle in data:
                        hits.append(p)
                    else:
                        self.clean[p] = (st.st_mtime_ns, st.st_size)
        for p in hits[:5]:
            self.fail("canary in clear in " + p)
        self.counts["scanned_mib"] = scanned >> 20

    def run(self):
        """All checks; returns (ok, counts, errors)."""
        self.errors, self.counts = [], {}
        t0 = time.monotonic()
        for check in (self.open_submissions, self.issued_receipts,
                      self.transparency_log, self.canaries):
            try:
                check()
            except Exception as e:  # a check that cannot run is a failure
                self.fail("%s: %s: %s" % (check.__name__, type(e).__name__, e))
        self.counts["check_s"] = round(time.monotonic() - t0, 1)
        return not self.errors, dict(self.counts), list(self.errors)


def main(argv):
    rec = Record()
    if "--canary" in argv:
        rec.canary = argv[argv.index("--canary") + 1]
    checker = Checker(rec)
    # Alone, the canary is looked for in the stack's own files only.
    checker.canaries = lambda: Checker.canaries(checker, extra_roots=())
    ok, counts, errors = checker.run()
    print("invariants: %s %s" % ("ok" if ok else "FAILED", counts))
    for e in errors:
        print("  " + e)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
