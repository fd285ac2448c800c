"""Hostile uploads through nginx (issue: proof under attack): file names
with ../, NUL, CR/LF and 4,096 characters; a GIF that is also a script; a
zip bomb, stored opaque and never expanded; 10,000 parts. Each gets its
designed answer, and a refused request stores nothing."""
import hashlib
import io
import json
import unittest
import zipfile

from harness import request
from test_submit import base_fields, psql, submit_json

POLYGLOT = (b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=1;"
            b"alert('zqpoly')//<script>alert('zqpoly')</script>")


def receipt_files(resp):
    """The (sha256, size) of each file line of a JSON submission answer."""
    receipt = json.loads(resp.text)["receipt"]
    out = []
    for line in receipt.split("\n"):
        if line.startswith("file sha256:"):
            digest, size = line[len("file sha256:"):].split(" ")[:2]
            out.append((digest, int(size)))
    return out


def zip_bomb(expanded_mib):
    """A zip of one member of expanded_mib MiB of zeros (about 1 KiB a MiB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("zeros.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(expanded_mib):
                f.write(chunk)
    return buf.getvalue()


def submissions():
    return int(psql("SELECT count(*) FROM submissions"))


class RefusedNames(unittest.TestCase):
    """A name no browser sends (browsers escape NUL, CR and LF) breaks the
    multipart framing: the request is refused whole and nothing stored."""

    def refused(self, filename):
        before = submissions()
        r = submit_json(base_fields(), [("evidence", filename, b"%PDF-1.4 x")])
        self.assertEqual(r.status, 400)
        self.assertEqual(submissions(), before)
        return r

    def test_nul_in_the_name(self):
        self.refused(b"report\x00.pdf")

    def test_cr_lf_in_the_name_injects_no_header(self):
        r = self.refused(b"a\r\nX-Injected: 1\r\n.pdf")
        self.assertNotIn("x-injected", {k.lower() for k, _ in r.headers})

    def test_name_of_4096_characters(self):
        self.refused("a" * 4092 + ".pdf")


class OpaqueFiles(unittest.TestCase):
    def test_polyglot_is_stored_sealed_as_received(self):
        r = submit_json(base_fields(), [("evidence", "photo.gif", POLYGLOT)])
        self.assertEqual(r.status, 201)
        self.assertEqual(receipt_files(r),
                         [(hashlib.sha256(POLYGLOT).hexdigest(), len(POLYGLOT))])
        self.assertEqual(psql("SELECT count(*) FROM file_chunks WHERE "
                              "position('zqpoly' in encode(data, 'escape')) > 0"), "0")

    def test_zip_bomb_is_stored_opaque_never_expanded(self):
        bomb = zip_bomb(512)
        r = submit_json(base_fields(), [("evidence", "archive.zip", bomb)])
        self.assertEqual(r.status, 201)
        self.assertEqual(receipt_files(r), [(hashlib.sha256(bomb).hexdigest(), len(bomb))])
        ref = json.loads(r.text)["ref"]
        stored = int(psql("SELECT sum(length(c.data)) FROM file_chunks c "
                          "JOIN submission_files f ON f.id = c.file_id "
                          "JOIN submissions s ON s.id = f.submission_id "
                          "WHERE s.ref = '%s'" % ref))
        # What is stored is the archive as received plus the stream's
        # overhead (17 bytes a chunk), not its 512 MiB of content.
        self.assertGreaterEqual(stored, len(bomb))
        self.assertLess(stored, len(bomb) + 64 * 1024)


class ManyParts(unittest.TestCase):
    def test_10000_parts_are_refused_before_anything_is_stored(self):
        before = submissions()
        r = submit_json(base_fields() + [("x%d" % i, "v") for i in range(10000)])
        self.assertEqual(r.status, 413)
        self.assertEqual(submissions(), before)
        self.assertEqual(request("GET", "/healthz").status, 200)

    def test_10000_files_are_refused_before_anything_is_stored(self):
        before = submissions()
        r = submit_json(base_fields(),
                        [("evidence", "f%d.pdf" % i, b"%PDF-1.4") for i in range(10000)])
        self.assertEqual(r.status, 413)
        self.assertIn("evidence", json.loads(r.text)["errors"])
        self.assertEqual(submissions(), before)


if __name__ == "__main__":
    unittest.main()
