"""Fault scenarios against the real stack, each followed by the invariant
checker; a table of what was measured and "faults: N passed, N failed".

    STACK_PORT=P STACK_VAR=DIR python3 tests/faults/scenarios.py [name ...]

Thresholds are the issue's; the machine is shared, so each scenario is
short (about 20-40 s) and measures rather than assumes."""
import os
import random
import signal
import socket
import struct
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import common as c
from invariants import Checker

UNAVAILABLE = b"Temporarily unavailable"


class Result:
    def __init__(self, name):
        self.name, self.numbers, self.failures = name, {}, []

    def check(self, cond, msg):
        if not cond:
            self.failures.append(msg)

    def set(self, **kw):
        self.numbers.update(kw)


def pct(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def app_unchanged(res, master, workers):
    res.check(c.master_pid() == master, "the app was restarted")
    res.check(c.worker_pids() == workers, "workers changed: %s -> %s"
              % (workers, c.worker_pids()))


def time_to_health(limit):
    """Seconds until /healthz answers 200 (each probe may wait 5 s in the
    queue behind the load, as a user's request would)."""
    t0 = time.monotonic()
    ok = c.wait_until(lambda: c.healthy(timeout=5), limit, step=0.05)
    return (time.monotonic() - t0) if ok else None


# --- 1 ------------------------------------------------------------------
def pg_sigkill(rec):
    """SIGKILL of PostgreSQL under 32 submitting clients, restarted 5 s later."""
    res = Result("pg-sigkill")
    master, workers = c.master_pid(), c.worker_pids()
    with c.Load(rec, 32) as load:
        time.sleep(6)
        t_kill = time.monotonic()
        c.signal_pg(signal.SIGKILL)
        time.sleep(5)
        c.stack("pg-start")
        t_db = time.monotonic()
        back = time_to_health(15)
        time.sleep(6)
    st = load.statuses("submit")
    down = load.latencies(t_kill, t_db, "submit")
    first = min((t0 + d for k, s, d, t0 in load.results
                 if s == 201 and t0 >= t_db), default=None)
    res.set(requests=len(st), receipts=st.count(201), r503=st.count(503),
            max_s_503=round(max(down, default=0), 2),
            recovery_s=round(back, 2) if back is not None else "never",
            first_receipt_s=round(first - t_db, 2) if first else "never")
    res.check(set(st) <= {201, 503}, "statuses other than 201/503: %s"
              % sorted({s for s in st if s not in (201, 503)}, key=str))
    res.check(back is not None and back <= 5.0, "not back within 5 s")
    res.check(st.count(201) > 0, "no receipt at all")
    app_unchanged(res, master, workers)
    return res


# --- 2 ------------------------------------------------------------------
def pg_terminate(rec):
    """pg_terminate_backend of the portal's sessions every 2 s, 20 s, under
    4 submitting and 12 reading clients (pages, paced at 20/s each)."""
    res = Result("pg-terminate")
    master, workers = c.master_pid(), c.worker_pids()
    killed = 0
    with c.Load(rec, 4, pages=12) as load:
        t0 = time.monotonic()
        while time.monotonic() - t0 < 20:
            time.sleep(2)
            killed += int(c.psql("SELECT count(pg_terminate_backend(pid)) FROM "
                                 "pg_stat_activity WHERE usename = 'portal_app'"))
    st = load.statuses()
    ok = sum(1 for s in st if s in (200, 201))
    subs = load.statuses("submit")
    res.set(requests=len(st), success_pct=pct(ok, len(st)), r503=st.count(503),
            submit_success_pct=pct(subs.count(201), len(subs)),
            sessions_killed=killed)
    res.check(pct(ok, len(st)) >= 95.0, "success under 95%")
    res.check(set(st) <= {200, 201, 503}, "statuses other than 200/201/503: %s"
              % sorted({s for s in st if s not in (200, 201, 503)}, key=str))
    app_unchanged(res, master, workers)
    return res


# --- 3 ------------------------------------------------------------------
def answered_after(offset):
    """Worker PIDs that logged a request after this log offset."""
    return {int(l.split("pid=")[1].split()[0])
            for l in c.log_lines("http.request", offset)}


def pg_sigstop(rec):
    """PostgreSQL stopped (SIGSTOP) for 30 s under 8 submitting and 8
    reading clients: 503 within 5 s; every worker answers after SIGCONT."""
    res = Result("pg-sigstop")
    master, workers = c.master_pid(), c.worker_pids()
    with c.Load(rec, 8, pages=8) as load:
        time.sleep(3)
        t_stop = time.monotonic()
        c.signal_pg(signal.SIGSTOP)
        try:
            time.sleep(30)
        finally:
            c.signal_pg(signal.SIGCONT)
        t_cont = time.monotonic()
        back = time_to_health(20)
        time.sleep(3)
    during = [(s, d) for k, s, d, t0 in load.results if t_stop + 0.5 <= t0 < t_cont - 5]
    lat = [d for _, d in during]
    res.set(requests=len(during), r503=sum(1 for s, _ in during if s == 503),
            max_s_503=round(max(lat, default=0), 2),
            recovery_s=round(back, 2) if back is not None else "never")
    res.check(during and all(s == 503 for s, _ in during),
              "statuses while paused: %s" % sorted({s for s, _ in during}, key=str))
    res.check(lat and max(lat) < 5.0, "a request took 5 s or more")
    res.check(back is not None, "not back after SIGCONT")
    offset = c.log_size()
    with ThreadPoolExecutor(16) as ex:
        after = list(ex.map(lambda _: c.request("GET", "/en/states", timeout=5).status,
                            range(64)))
    served = answered_after(offset)
    res.set(after_ok=after.count(200), workers_answering="%d/%d" % (
        len(served & set(workers)), len(workers)))
    res.check(after == [200] * 64, "requests after SIGCONT failed")
    res.check(set(workers) <= served, "a worker did not answer after SIGCONT")
    app_unchanged(res, master, workers)
    return res


# --- 4 ------------------------------------------------------------------
def worker_sigkill(rec):
    """A random worker SIGKILLed every 5 s during 8 clients' uploads of
    300 KiB-1.2 MiB (2-5 sealed chunks each), 25 s; a busy one if any."""
    res = Result("worker-sigkill")
    master = c.master_pid()
    offset, killed, respawn = c.log_size(), [], []
    with c.Load(rec, 8, file_size=(300 << 10, 1200 << 10)) as load:
        for _ in range(5):
            time.sleep(5)
            before = c.worker_pids()
            # The worst moment: a worker on a CPU, mid-request (hashing,
            # sealing), when there is one.
            busy = [p for p in before if c.running(p)]
            victim = random.choice(busy or before)
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            t0 = time.monotonic()
            ok = c.wait_until(lambda: len(c.worker_pids()) == len(before)
                              and victim not in c.worker_pids(), 5, step=0.02)
            respawn.append(time.monotonic() - t0 if ok else None)
        time.sleep(3)
    st = load.statuses("submit")
    # Service, not only processes, must be back: a worker killed while
    # holding a shared resource (a lock, a semaphore) must not leak it.
    probe = c.Load(rec, 0).probe(3)
    died = c.log_lines("worker.died", offset)
    res.set(uploads=len(st), receipts=st.count(201),
            failed=len(st) - st.count(201), kills=len(killed),
            max_respawn_s=round(max(r for r in respawn if r is not None), 2)
            if any(r is not None for r in respawn) else "never")
    res.set(probe_after=",".join(map(str, probe)))
    res.check(probe == [201] * 3, "submissions after the kills failed: %s" % probe)
    res.check(None not in respawn, "a worker was not replaced within 5 s")
    res.check(len(died) == len(killed), "%d kills, %d worker.died lines"
              % (len(killed), len(died)))
    res.check(set(st) <= {201, 502, 503}, "statuses other than 201/502/503: %s"
              % sorted({s for s in st if s not in (201, 502, 503)}, key=str))
    res.check(c.master_pid() == master, "the master was restarted")
    return res


# --- 5 ------------------------------------------------------------------
def rst_socket():
    s = socket.create_connection(("127.0.0.1", c.PORT), timeout=10)
    # Close with a reset, as a client that vanishes does.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return s


def mid_response(i):
    s = rst_socket()
    try:
        path = ("/en/communications", "/en/states", "/en/", "/log/checkpoint")[i % 4]
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % path).encode())
        if i % 2:
            s.recv(64)
    finally:
        s.close()


def mid_upload(i, canary, complete=False):
    body, ctype = c.test_submit.multipart(
        c.test_submit.base_fields(summary=canary + " disconnect"),
        [("evidence", canary + ".pdf", c.pdf(1300 << 10, canary))])
    part = len(body) if complete else (0, 100, 10 << 10, 600 << 10, 1200 << 10)[i % 5]
    head = ("POST /en/submit HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json"
            "\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(body)))
    s = rst_socket()
    try:
        s.sendall(head.encode() + body[:part])
    finally:
        s.close()


def warm_up(workers):
    """Until every worker has served a page (and so holds its database
    connection, opened on first use): only then are fd counts comparable."""
    for _ in range(10):
        offset = c.log_size()
        with ThreadPoolExecutor(8) as ex:
            list(ex.map(lambda _: c.request("GET", "/en/states", timeout=10), range(32)))
        if set(workers) <= answered_after(offset):
            return


def fds(pids):
    return {p: c.fd_count(p) for p in pids}


def disconnects(rec):
    """2,000 clients that vanish: 1,000 mid-response, 950 mid-upload, 50
    right after sending a whole submission."""
    res = Result("disconnects")
    master, workers = c.master_pid(), c.worker_pids()
    warm_up(workers)
    offset = c.log_size()
    watched = [master] + workers + c.nginx_pids()
    before = fds(watched)
    jobs = ([lambda i=i: mid_response(i) for i in range(1000)] +
            [lambda i=i: mid_upload(i, rec.canary) for i in range(950)] +
            [lambda i=i: mid_upload(i, rec.canary, True) for i in range(50)])
    random.shuffle(jobs)
    errors = []

    def run(job):
        try:
            job()
        except OSError as e:
            errors.append(e)

    t0 = time.monotonic()
    with ThreadPoolExecutor(64) as ex:
        list(ex.map(run, jobs))
    took = time.monotonic() - t0
    settled = c.wait_until(lambda: all((fds([p])[p] or 0) <= n
                                       for p, n in before.items()), 15)
    after = fds(watched)
    res.set(clients=len(jobs), seconds=round(took, 1), connect_errors=len(errors),
            fd_workers="%d->%d" % (sum(before[p] for p in workers),
                                   sum(after[p] or 0 for p in workers)),
            fd_nginx="%d->%d" % (sum(before[p] for p in c.nginx_pids()),
                                 sum(after[p] or 0 for p in c.nginx_pids())))
    res.check(settled, "file descriptors leaked: %s -> %s" % (before, after))
    res.check(not c.log_lines("worker.died", offset), "a worker died")
    app_unchanged(res, master, workers)
    res.check(c.healthy(), "not healthy afterwards")
    return res


SCENARIOS = [pg_sigkill, pg_terminate, pg_sigstop, worker_sigkill, disconnects]


def show(results):
    print("\n%-15s %-6s %s" % ("scenario", "result", "measured"))
    for r, inv in results:
        ok = not r.failures and inv[0]
        nums = " ".join("%s=%s" % kv for kv in r.numbers.items())
        print("%-15s %-6s %s" % (r.name, "pass" if ok else "FAIL", nums))
        print("%-15s %-6s %s" % ("", "", "invariants: " + " ".join(
            "%s=%s" % kv for kv in inv[1].items())))
        for f in r.failures + inv[2]:
            print("%-15s %-6s ! %s" % ("", "", f))


def interrupted(signum, frame):
    """Ctrl-C reaches us twice (from the terminal and through timeout):
    raise once, so that the clean-up in finally clauses runs whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv):
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    chosen = [s for s in SCENARIOS if not argv or s.__name__ in argv]
    rec = c.Record()
    checker = Checker(rec)
    results = []
    for sc in chosen:
        t0 = time.monotonic()
        print("== %s: %s" % (sc.__name__, sc.__doc__.split("\n")[0]), flush=True)
        try:
            r = sc(rec)
        except Exception as e:
            r = Result(sc.__name__)
            r.failures.append("%s: %s" % (type(e).__name__, e))
        if not c.wait_until(c.healthy, 20):
            r.failures.append("the stack is not healthy after the scenario")
        inv = checker.run()
        r.set(s=round(time.monotonic() - t0))
        results.append((r, inv))
        show([(r, inv)])
    print("\n== summary")
    show(results)
    passed = sum(1 for r, inv in results if not r.failures and inv[0])
    failed = len(results) - passed
    print("faults: %d passed, %d failed" % (passed, failed))
    if os.environ.get("RESULTS"):
        with open(os.environ["RESULTS"], "a") as f:
            f.write("faults %d %d\n" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("faults: interrupted")
        sys.exit(130)
