"""What the fault scenarios and the invariant checker share: the stack's
place (FAULT_PORT, VAR), processes by PID, and the load generators, which
record every receipt, form token and checkpoint they see.

The integration suite's helpers are reused, not copied: harness.py
(HTTP, stack.sh, /proc), test_submit.py (multipart, PyNaCl receipt
check) and test_tlog.py (RFC 6962 hashing, signed checkpoints)."""
import base64
import hashlib
import json
import os
import random
import secrets
import signal
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
os.environ.setdefault("STACK_PORT", os.environ.get("FAULT_PORT", "8093"))
os.environ.setdefault("STACK_VAR", os.environ.get(
    "VAR", os.path.join(ROOT, "var", "faults")))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

import harness  # noqa: E402
import test_submit  # noqa: E402
import test_tlog  # noqa: E402

PORT, VAR = harness.PORT, harness.VAR
# A copy made when the stack started (scripts/faults.sh): a rebuild in a
# shared tree must not take the binary away in the middle of a run.
PORTAL = os.environ.get("FAULT_PORTAL", os.path.join(ROOT, "cgi", "portal"))
test_tlog.PORTAL = PORTAL
request, stack, children, wait_until = (harness.request, harness.stack,
                                        harness.children, harness.wait_until)


def healthy(timeout=6):
    try:
        return request("GET", "/healthz", timeout=timeout).status == 200
    except OSError:
        return False


def psql(sql, role="postgres"):
    return test_submit.psql(sql, role)


# --- processes ---------------------------------------------------------
def master_pid():
    return harness.pidfile("portal.pid")


def integrator_pid():
    """The integrator is the master's child that logged tlog.start last."""
    kids = set(children(master_pid()))
    pid = None
    with open(os.path.join(VAR, "log", "portal.log"), errors="replace") as f:
        for line in f:
            if "event=tlog.start" in line:
                p = int(line.split("pid=")[1].split()[0])
                if p in kids:
                    pid = p
    return pid


def worker_pids():
    return sorted(set(children(master_pid())) - {integrator_pid()})


def nginx_pids():
    master = harness.pidfile("nginx.pid")
    return [master] + children(master)


def descendants(pid):
    """Every process under pid, from one pass over /proc."""
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def proc_state(pid):
    """R running, S sleeping, Z zombie...; None when gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def running(pid):
    """On a CPU now: for a worker, in the middle of a request."""
    return proc_state(pid) == "R"


def alive(pid):
    return proc_state(pid) not in (None, "Z")


def signal_pg(sig):
    """Signal the postmaster and every backend at once, as a crash or a
    hung machine would (stack.sh does the same, more slowly, in sh)."""
    with open(os.path.join(VAR, "pg", "postmaster.pid")) as f:
        pids = descendants(int(f.readline()))
    for p in pids:
        try:
            os.kill(p, sig)
        except ProcessLookupError:
            pass
    if sig == signal.SIGKILL:
        wait_until(lambda: not any(alive(p) for p in pids), 10, step=0.02)
    return len(pids)


def fd_count(pid):
    try:
        return len(os.listdir("/proc/%d/fd" % pid))
    except OSError:
        return None


def log_lines(event, since_offset=0):
    """Lines of portal.log with this event, after a byte offset."""
    with open(os.path.join(VAR, "log", "portal.log"), "rb") as f:
        f.seek(since_offset)
        return [l.decode("utf-8", "replace") for l in f
                if b"event=" + event.encode() + b" " in l]


def log_size():
    return os.path.getsize(os.path.join(VAR, "log", "portal.log"))


# --- the run's record ----------------------------------------------------
class Record:
    """Everything the clients saw, for the invariant checker. The canary
    is kept in memory only: no file of ours may hold it."""

    def __init__(self):
        self.canary = "zqfault" + secrets.token_hex(8)
        self.started = time.time()
        self.lock = threading.Lock()
        self.receipts = {}      # form token -> [receipt, ...] (201s)
        self.sent = {}          # form token -> [(sha256 hex, size), ...]
        self.checkpoints = set()

    def issued(self, token, receipt):
        with self.lock:
            self.receipts.setdefault(token, []).append(receipt)

    def to_json(self):
        return {"receipts": self.receipts, "sent": self.sent,
                "checkpoints": sorted(self.checkpoints),
                "started": self.started}


def pdf(size, canary):
    body = ("%%PDF-1.4\n%% %s\n" % canary).encode()
    return body + os.urandom(max(0, size - len(body)))


# --- load ------------------------------------------------------------------
class Load:
    """Threads that submit (retrying a 503 with the same form token, as a
    careful client would) and a poller that keeps every checkpoint.
    Each result: (kind, status, seconds, start time)."""

    def __init__(self, record, clients, file_size=(2000, 20000), pages=0):
        self.record, self.clients = record, clients
        self.file_size, self.pages = file_size, pages
        self.stop = threading.Event()
        self.results = []
        self.lock = threading.Lock()
        self.threads = []

    def note(self, kind, status, t0):
        with self.lock:
            self.results.append((kind, status, time.monotonic() - t0, t0))

    def submit_once(self, token, fields, files):
        t0 = time.monotonic()
        try:
            r = test_submit.submit_json(fields + [("form_token", token)], files)
            status = r.status
        except OSError:
            status, r = "error", None
        self.note("submit", status, t0)
        if status == 201:
            self.record.issued(token, json.loads(r.text)["receipt"])
        return status

    def new_submission(self):
        """A form token, fields and a file, with the canary in both."""
        c = self.record.canary
        token = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        files = [("evidence", "%s.pdf" % c, pdf(random.randint(*self.file_size), c))]
        fields = test_submit.base_fields(summary="%s summary" % c,
                                         victims="%s victim" % c)
        with self.record.lock:
            self.record.sent[token] = [(hashlib.sha256(d).hexdigest(), len(d))
                                       for _, _, d in files]
        return token, fields, files

    def probe(self, n):
        """n submissions one after the other, no retry: their statuses."""
        return [self.submit_once(*self.new_submission()) for _ in range(n)]

    def submitter(self):
        """Clients start and retry at random moments, as people do: nginx
        answers more than 21 POSTs from one address in the same
        millisecond with 429 (limit_req burst), which is not a fault."""
        self.stop.wait(random.uniform(0, 1.0))
        while not self.stop.is_set():
            token, fields, files = self.new_submission()
            while not self.stop.is_set():
                if self.submit_once(token, fields, files) == 201:
                    break
                self.stop.wait(random.uniform(0.3, 1.0))

    def reader(self):
        """Paced (20 requests a second at most), so that a fast 503 does
        not count more than a slower success."""
        paths = ["/healthz", "/en/", "/en/states", "/en/communications"]
        while not self.stop.is_set():
            t0 = time.monotonic()
            try:
                status = request("GET", random.choice(paths), timeout=30).status
            except OSError:
                status = "error"
            self.note("page", status, t0)
            self.stop.wait(max(0.0, 0.05 - (time.monotonic() - t0)))

    def poller(self):
        while not self.stop.is_set():
            try:
                r = request("GET", "/log/checkpoint", timeout=10)
                if r.status == 200:
                    with self.record.lock:
                        self.record.checkpoints.add(r.text)
            except OSError:
                pass
            self.stop.wait(1.0)

    def __enter__(self):
        targets = ([self.submitter] * self.clients + [self.reader] * self.pages +
                   [self.poller])
        for t in targets:
            th = threading.Thread(target=t, daemon=True)
            th.start()
            self.threads.append(th)
        return self

    def __exit__(self, etype, *exc):
        self.stop.set()
        # Interrupted: the clients are daemon threads, left to die.
        for th in self.threads:
            th.join(90 if etype is None else 0.1)

    def statuses(self, kind=None, since=None, until=None):
        with self.lock:
            return [s for k, s, _, t0 in self.results
                    if (kind is None or k == kind) and
                    (since is None or t0 >= since) and (until is None or t0 < until)]

    def latencies(self, since, until, kind=None):
        with self.lock:
            return [d for k, _, d, t0 in self.results
                    if since <= t0 < until and (kind is None or k == kind)]
