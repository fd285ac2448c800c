"""`make run` as an operator uses it: the portal answers /healthz through
nginx, and Ctrl-C (SIGINT to the terminal's process group) leaves no
process and no socket behind."""
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from harness import ROOT, wait_until

RUN_PORT = int(os.environ.get("RUN_TEST_PORT", "8097"))


def healthz(port):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class MakeRun(unittest.TestCase):
    def test_make_run_serves_and_ctrl_c_leaves_nothing(self):
        var = tempfile.mkdtemp(prefix="portal-run-")
        env = dict(os.environ, PORT=str(RUN_PORT), VAR=var)
        env.pop("MAKEFLAGS", None)
        # make test raises the rate limit for its own stack; this one keeps
        # the default, which is what is checked below.
        env.pop("POST_RATE", None)
        log = open(os.path.join(var, "make-run.out"), "w")
        p = subprocess.Popen(["make", "-s", "run", "PORT=%d" % RUN_PORT],
                             cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        try:
            self.assertTrue(wait_until(lambda: healthz(RUN_PORT), 90),
                            "no /healthz 200 on port %d" % RUN_PORT)
            # The default POST rate limit: a burst past it gets 429, with
            # nginx's page in the six languages and the security headers.
            statuses = []
            for _ in range(40):
                req = urllib.request.Request(
                    "http://127.0.0.1:%d/en/verify" % RUN_PORT, data=b"receipt=x",
                    headers={"Accept": "application/json"}, method="POST")
                try:
                    with urllib.request.urlopen(req, timeout=5) as r:
                        statuses.append(r.status)
                except urllib.error.HTTPError as e:
                    statuses.append(e.code)
                    if e.code == 429:
                        page = e.read().decode()
                        headers = e.headers
            self.assertIn(429, statuses)
            self.assertIn("Too many requests", page)
            self.assertIn("Trop de requêtes", page)
            self.assertIn('dir="rtl"', page)
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
            pids = []
            for name in ("portal.pid", "nginx.pid.launcher"):
                with open(os.path.join(var, "run", name)) as f:
                    pids.append(int(f.read()))
            with open(os.path.join(var, "pg", "postmaster.pid")) as f:
                pids.append(int(f.readline()))
            os.killpg(p.pid, signal.SIGINT)      # what Ctrl-C does
            p.wait(timeout=90)
            for pid in pids:
                self.assertTrue(wait_until(lambda: not alive(pid), 10),
                                "process %d still running" % pid)
            sockets = [f for f in os.listdir(os.path.join(var, "run"))
                       if f.endswith(".sock") or f.startswith(".s.PGSQL")]
            self.assertEqual(sockets, [])
            self.assertFalse(healthz(RUN_PORT))
        finally:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            subprocess.run([os.path.join(ROOT, "scripts", "stack.sh"), "down"],
                           env=env, capture_output=True)
            log.close()
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
