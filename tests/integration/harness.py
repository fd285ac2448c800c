"""Integration test harness: real HTTP to the real nginx in front of the
real workers and PostgreSQL, started by scripts/stack.sh.

Environment (set by scripts/test.sh): PORTAL_URL, STACK_VAR, STACK_PORT.
Run: python3 tests/integration/harness.py [test_module ...]
Ends with the line "integration: N passed, N failed".
"""
import http.client
import importlib
import os
import socket
import struct
import subprocess
import sys
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PORT = int(os.environ.get("STACK_PORT", "8091"))
VAR = os.environ.get("STACK_VAR", os.path.join(ROOT, "var", "test"))
STACK = os.path.join(ROOT, "scripts", "stack.sh")


class Response:
    def __init__(self, status, headers, body, elapsed):
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body
        self.elapsed = elapsed

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def request(method, path, headers=None, body=None, timeout=10):
    """One HTTP/1.1 request on a new connection; returns a Response."""
    t0 = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return Response(r.status, r.getheaders(), data, time.monotonic() - t0)
    finally:
        conn.close()


def raw(data, timeout=10, read_all=True):
    """Send raw bytes to nginx and return the raw answer."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    try:
        s.sendall(data)
        chunks = []
        while True:
            try:
                c = s.recv(65536)
            except socket.timeout:
                break
            if not c:
                break
            chunks.append(c)
            if not read_all:
                break
        return b"".join(chunks)
    finally:
        s.close()


def stack(*args, env=None, check=True):
    e = dict(os.environ, VAR=VAR, PORT=str(PORT))
    if env:
        e.update(env)
    return subprocess.run([STACK] + list(args), env=e, check=check,
                          capture_output=True, text=True, timeout=120)


def pidfile(name):
    with open(os.path.join(VAR, "run", name)) as f:
        return int(f.read().split()[0])


def children(pid):
    """PIDs whose parent is pid (from /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    return sorted(out)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def wait_until(pred, timeout, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


def healthy():
    try:
        return request("GET", "/healthz", timeout=6).status == 200
    except OSError:
        return False


# --- FastCGI, straight to the application's socket --------------------
FCGI_BEGIN, FCGI_END, FCGI_PARAMS, FCGI_STDIN, FCGI_STDOUT = 1, 3, 4, 5, 6


def _record(rtype, content, req_id=1):
    return struct.pack(">BBHHBx", 1, rtype, req_id, len(content), 0) + content


def _nv(name, value):
    def ln(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    n = name.encode()
    v = value if isinstance(value, bytes) else value.encode()
    return ln(len(n)) + ln(len(v)) + n + v


def fcgi(params, stdin=b"", close_stdin=True, timeout=10):
    """One FastCGI request to the workers; returns the raw CGI response
    (headers and body) the application wrote on stdout."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(os.path.join(VAR, "run", "portal.sock"))
    try:
        out = _record(FCGI_BEGIN, struct.pack(">HB5x", 1, 0))
        body = b"".join(_nv(k, v) for k, v in params.items())
        out += _record(FCGI_PARAMS, body) + _record(FCGI_PARAMS, b"")
        for i in range(0, len(stdin), 32768):
            out += _record(FCGI_STDIN, stdin[i:i + 32768])
        if close_stdin:
            out += _record(FCGI_STDIN, b"")
        s.sendall(out)
        buf, stdout = b"", b""
        while True:
            c = s.recv(65536)
            if not c:
                break
            buf += c
            while len(buf) >= 8:
                _, rtype, _, clen, plen = struct.unpack(">BBHHB", buf[:7])
                if len(buf) < 8 + clen + plen:
                    break
                content = buf[8:8 + clen]
                buf = buf[8 + clen + plen:]
                if rtype == FCGI_STDOUT:
                    stdout += content
                elif rtype == FCGI_END:
                    return stdout
        return stdout
    finally:
        s.close()


def fcgi_status(raw_out):
    for line in raw_out.split(b"\r\n"):
        if line.startswith(b"Status: "):
            return int(line[8:11])
    return None


# --- the runner ---------------------------------------------------------
class CountingResult(unittest.TextTestResult):
    pass


def main(argv):
    names = argv or sorted(f[:-3] for f in os.listdir(os.path.dirname(__file__))
                           if f.startswith("test_") and f.endswith(".py"))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for n in names:
        suite.addTests(loader.loadTestsFromModule(importlib.import_module(n)))
    runner = unittest.TextTestRunner(verbosity=2, resultclass=CountingResult,
                                     stream=sys.stdout)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    line = "integration: %d passed, %d failed" % (passed, failed)
    if result.skipped:
        line += ", %d skipped" % len(result.skipped)
    print(line)
    results = os.environ.get("RESULTS")
    if results:
        with open(results, "a") as f:
            f.write("integration %d %d\n" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
