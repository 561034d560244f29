"""End-to-end tests of the pave command line with the built-in resource types only
(no cloud): the whole plan / apply / destroy cycle, saved plans, locking, failure isolation
and recovery after kill -9. Run by CTest with PAVE_BIN set to the pave binary."""

import json
import os
import random
import signal
import stat
import subprocess
import tempfile
import time
import unittest

PAVE = os.environ.get("PAVE_BIN", "pave")

HEADER = """apiVersion: pave.dev/v1
kind: Platform
metadata:
  name: offline
  region: eu-west-1
resources:
"""


def file_resource(name, content, deps=None, path=None):
    text = f"""  - type: local_file
    name: {name}
    properties:
      path: {path or 'out/' + name + '.txt'}
      content: "{content}"
"""
    if deps:
        text += "    dependsOn: [" + ", ".join(deps) + "]\n"
    return text


def read(path):
    with open(path) as f:
        return f.read()


def sleep_resource(name, duration):
    return f"""  - type: time_sleep
    name: {name}
    properties:
      create_duration: {duration}
"""


class PaveDir:
    """A temporary directory holding one platform file."""

    def __init__(self, body):
        self.tmp = tempfile.TemporaryDirectory()  # removed when the test's PaveDir goes
        self.dir = self.tmp.name
        self.write(body)

    def write(self, body):
        with open(os.path.join(self.dir, "platform.yaml"), "w") as f:
            f.write(HEADER + body)

    def run(self, *args, check=None, timeout=120, stdin=subprocess.DEVNULL):
        p = subprocess.run([PAVE, "--no-color", *args], cwd=self.dir, capture_output=True,
                           text=True, timeout=timeout, stdin=stdin)
        if check is not None and p.returncode != check:
            raise AssertionError(f"pave {' '.join(args)} exited {p.returncode}, wanted {check}\n"
                                 f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        return p

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def state(self):
        with open(self.path(".pave", "state.json")) as f:
            return json.load(f)

    def addresses(self):
        return sorted(r["address"] for r in self.state()["resources"])


class LifecycleTest(unittest.TestCase):
    def test_init_validate_plan_apply_plan_destroy(self):
        d = PaveDir("")
        os.remove(d.path("platform.yaml"))
        d.run("init", "--name", "demo", check=0)
        self.assertIn("demo", read(d.path("platform.yaml")))
        refused = d.run("init", check=1)
        self.assertIn("already exists", refused.stderr)
        d.run("validate", check=0)

        d.write(file_resource("a", "alpha") + file_resource("b", "beta", ["local_file.a"]))
        plan = d.run("plan", "--detailed-exitcode", check=2)
        self.assertIn("+ local_file.a", plan.stdout)
        self.assertIn("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.", plan.stdout)
        d.run("apply", "-y", check=0)
        self.assertEqual(read(d.path("out", "a.txt")), "alpha")
        self.assertEqual(d.addresses(), ["local_file.a", "local_file.b"])
        again = d.run("plan", "--detailed-exitcode", check=0)
        self.assertIn("No changes", again.stdout)

        mode = stat.S_IMODE(os.stat(d.path(".pave", "state.json")).st_mode)
        self.assertEqual(mode, 0o600)
        listing = d.run("state", "list", check=0)
        self.assertEqual(listing.stdout.split(), ["local_file.a", "local_file.b"])
        shown = json.loads(d.run("state", "show", "local_file.b", "--json", check=0).stdout)
        self.assertEqual(shown["dependencies"], ["local_file.a"])
        self.assertRegex(d.run("state", "show", "local_file.b", check=0).stdout,
                         r"\n  depends on +local_file\.a\n")

        d.write(file_resource("a", "alpha2") + file_resource("b", "beta", ["local_file.a"]))
        changed = d.run("plan", check=0)
        self.assertIn("-/+ local_file.a", changed.stdout)
        self.assertIn("forces replacement", changed.stdout)
        d.run("apply", "-y", check=0)
        self.assertEqual(read(d.path("out", "a.txt")), "alpha2")

        history = json.loads(d.run("history", "--json", check=0).stdout)
        self.assertGreaterEqual(len(history), 2)
        self.assertEqual([h["operation"] for h in history][-2:], ["apply", "apply"])

        d.run("destroy", "-y", check=0)
        self.assertFalse(os.path.exists(d.path("out", "a.txt")))
        self.assertEqual(d.addresses(), [])
        self.assertIn("No changes", d.run("plan", "--destroy", check=0).stdout)

    def test_apply_without_terminal_needs_yes(self):
        d = PaveDir(file_resource("a", "alpha"))
        p = d.run("apply", check=1)
        self.assertIn("-y", p.stderr)
        self.assertFalse(os.path.exists(d.path("out", "a.txt")))

    def test_json_plan(self):
        d = PaveDir(file_resource("a", "alpha"))
        plan = json.loads(d.run("plan", "--json", check=0).stdout)
        self.assertEqual(plan["summary"]["create"], 1)
        self.assertEqual(plan["changes"][0]["address"], "local_file.a")

    def test_graph_renders_with_graphviz_and_colours_the_plan(self):
        d = PaveDir(file_resource("a", "alpha") + file_resource("b", "beta", deps=["local_file.a"]))
        dot = d.run("graph", check=0).stdout
        self.assertIn('label="local_file.a"', dot)
        self.assertIn("n0 -> n1;", dot)
        svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60)
        self.assertEqual(svg.returncode, 0, svg.stderr)
        self.assertIn("local_file.b", svg.stdout)
        d.run("apply", "-y", check=0)
        d.write(file_resource("a", "alpha") + file_resource("c", "gamma"))
        planned = d.run("graph", "--plan", "--format", "mermaid", check=0).stdout
        self.assertTrue(planned.startswith("flowchart LR"), planned)
        self.assertIn("class n0 noop", planned)
        self.assertIn("class n1 create", planned)   # local_file.c
        self.assertIn('n2["local_file.b"]', planned)  # deleted: not in the file any more
        self.assertIn("class n2 delete", planned)
        self.assertIn("n0 --> n2", planned)
        bad = d.run("graph", "--format", "svg", check=None)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("svg", bad.stderr)

    def test_validation_error_points_at_line_and_column(self):
        d = PaveDir("""  - type: local_file
    name: a
    properties:
      path: out/a.txt
      contnet: "x"
""")
        p = d.run("validate", check=1)
        self.assertIn("platform.yaml:11:7", p.stderr)
        self.assertIn('did you mean "content"', p.stderr)

    def test_builtin_limits_are_refused_at_validate_all_at_once(self):
        d = PaveDir("""  - {type: random_id, name: r, properties: {byte_length: 0}}
  - {type: time_sleep, name: t, properties: {create_duration: -5s}}
""")
        p = d.run("validate", check=1)
        self.assertIn("platform.yaml:7:58: random_id.r: byte_length must be between 1 and 1024, found 0", p.stderr)
        self.assertIn('platform.yaml:8:63: time_sleep.t: create_duration: "-5s" is not a duration', p.stderr)
        self.assertEqual(d.run("plan", check=1).stdout, "")  # nothing planned, nothing called


BAD_DATABASE = """  - type: aws_db_instance
    name: orders
    properties:
      identifier: orders
      engine: postgres
      engine_version: "16"
      instance_class: db.m7g.large
      allocated_storage: 20
      db_subnet_group_name: dbs
      username: pave
      multi_az: false
      backup_retention_period: 0
"""


class CheckTest(unittest.TestCase):
    """pave check: the Well-Architected findings of the platform as declared, offline."""

    def test_the_full_example_has_no_high_finding(self):
        example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "platform.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            with open(example) as src, open(os.path.join(tmp, "platform.yaml"), "w") as dst:
                dst.write(src.read())
            env = dict(os.environ, GITHUB_TOKEN="example-token")
            p = subprocess.run([PAVE, "--no-color", "check", "--fail-on", "high", "--json"], cwd=tmp, env=env,
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
            found = json.loads(p.stdout)
            self.assertEqual(found["summary"]["high"], 0, found)
            self.assertNotIn("high", [f["severity"] for f in found["findings"]])

    def test_single_az_database_without_backups_fails_ci_with_rule_and_place(self):
        d = PaveDir(BAD_DATABASE)
        p = d.run("check", "--fail-on", "high", check=1)
        self.assertIn("HIGH  WA-REL-002  reliability  aws_db_instance.orders  platform.yaml:7:5", p.stdout)
        self.assertIn("MEDIUM  WA-REL-001", p.stdout)  # single zone
        self.assertIn("findings at or above high", p.stderr)
        self.assertEqual(d.run("check", check=0).returncode, 0)  # without --fail-on: a report
        found = json.loads(d.run("check", "--json", "--fail-on", "high", check=1).stdout)
        rel = [f for f in found["findings"] if f["rule"] == "WA-REL-002"][0]
        self.assertEqual((rel["address"], rel["file"], rel["line"], rel["severity"]),
                         ("aws_db_instance.orders", "platform.yaml", 7, "high"))
        # The plan shows it too, offline (nothing in the state to refresh).
        plan = d.run("plan", check=0)
        self.assertIn("HIGH WA-REL-002 aws_db_instance.orders", plan.stdout)
        planned = json.loads(d.run("plan", "--json", check=0).stdout)
        self.assertIn("WA-REL-002", [f["rule"] for f in planned["findings"]])

    def test_a_silenced_finding_needs_a_reason_and_keeps_it(self):
        d = PaveDir(BAD_DATABASE)
        with open(d.path("platform.yaml"), "a") as f:
            f.write("checks:\n  ignore:\n"
                    "    - {rule: WA-REL-002, resource: aws_db_instance.orders, reason: \"restored nightly\"}\n")
        p = d.run("check", "--fail-on", "high", check=0)
        self.assertIn("silenced  WA-REL-002", p.stdout)
        self.assertIn("reason: restored nightly", p.stdout)
        d.write(BAD_DATABASE + "checks:\n  ignore:\n    - {rule: WA-REL-02, resource: aws_db_instance.orders}\n")
        bad = d.run("validate", check=1)
        self.assertIn("platform.yaml:21:7: checks.ignore: reason is required", bad.stderr)
        self.assertIn("reason is required", bad.stderr)
        d.write(BAD_DATABASE + "checks:\n  ignore:\n    - {rule: WA-REL-02, resource: x, reason: y}\n")
        self.assertIn('no rule WA-REL-02 (did you mean "WA-REL-002"?', d.run("validate", check=1).stderr)

    def test_the_rules_are_listed(self):
        rules = json.loads(PaveDir("").run("check", "--rules", "--json", check=0).stdout)["rules"]
        self.assertGreaterEqual(len(rules), 25)
        self.assertEqual({r["pillar"] for r in rules}, {"security", "reliability", "cost", "operational-excellence",
                                                        "performance", "sustainability"})


class CostTest(unittest.TestCase):
    """pave cost and the cost line of a plan, offline, against the shipped price table."""

    def test_cost_per_resource_sums_to_the_total_and_the_plan_shows_it(self):
        d = PaveDir(BAD_DATABASE + "baseline: false\n")  # the database alone (the baseline has alarms)
        table = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src",
                                            "platform", "cost", "prices.json")))
        eu = table["regions"]["eu-west-1"]
        want = (eu["rds_hour"]["db.m7g.large"] * 730 + 20 * eu["rds_storage_gb_month"])  # single-AZ
        cost = json.loads(d.run("cost", "--json", check=0).stdout)
        self.assertEqual((cost["currency"], cost["region"], cost["as_of"]), ("USD", "eu-west-1", table["as_of"]))
        [db] = cost["resources"]
        self.assertEqual((db["address"], db["kind"]), ("aws_db_instance.orders", "priced"))
        self.assertAlmostEqual(db["monthly"], round(want, 2), places=2)
        self.assertAlmostEqual(cost["monthly_total"], round(want, 2), places=2)
        text = d.run("cost", check=0).stdout
        self.assertIn("aws_db_instance.orders", text)
        self.assertIn("Total: %.2f USD/month" % want, text)
        plan = d.run("plan", check=0).stdout
        self.assertIn("Cost: 0.00 -> %.2f USD/month (+%.2f" % (want, want), plan)
        planned = json.loads(d.run("plan", "--json", check=0).stdout)
        self.assertAlmostEqual(planned["cost"]["after"], round(want, 2), places=2)
        self.assertEqual(planned["cost"]["changes"][0]["address"], "aws_db_instance.orders")
        other = json.loads(d.run("cost", "--json", "--region", "us-east-1", check=0).stdout)
        self.assertLess(other["monthly_total"], cost["monthly_total"])  # us-east-1 is cheaper
        bad = d.run("cost", "--region", "mars-north-1", check=1)
        self.assertIn("has no prices for mars-north-1", bad.stderr)


class OutputsTest(unittest.TestCase):
    def test_outputs_resolve_against_the_state(self):
        d = PaveDir(file_resource("a", "alpha") + """  - type: random_id
    name: suffix
    properties: {byte_length: 4}
outputs:
  path: ${local_file.a.path}
  both:
    value: ["${random_id.suffix.hex}", "${local_file.a.sha256}"]
    description: the suffix and the file's digest
""")
        before = d.run("outputs", check=0)
        self.assertEqual(before.stdout.split("\n")[0].split(), ["path", "(known", "after", "apply)"])
        self.assertIn("known after apply", before.stderr)
        self.assertEqual(json.loads(d.run("outputs", "--json", check=0).stdout),
                         {"path": None, "both": None})
        self.assertIn("not known yet", d.run("outputs", "path", check=1).stderr)

        d.run("apply", "-y", check=0)
        hexid = d.state()["resources"][1]["attributes"]["hex"] \
            if d.state()["resources"][1]["address"] == "random_id.suffix" \
            else d.state()["resources"][0]["attributes"]["hex"]
        shown = json.loads(d.run("outputs", "--json", check=0).stdout)
        self.assertEqual(shown["path"], "out/a.txt")
        self.assertEqual(shown["both"][0], hexid)
        self.assertRegex(shown["both"][1], "^[0-9a-f]{64}$")
        self.assertEqual(d.run("outputs", "path", check=0).stdout, "out/a.txt\n")
        table = d.run("outputs", check=0).stdout
        self.assertIn(f"both    {hexid}, {shown['both'][1]}", table)
        missing = d.run("outputs", "pth", check=1)
        self.assertIn('did you mean "path"', missing.stderr)

    def test_outputs_refuse_secrets_at_their_line(self):
        d = PaveDir("""  - type: random_password
    name: admin
    properties: {length: 16}
outputs:
  password: ${random_password.admin.result}
""")
        p = d.run("validate", check=1)
        self.assertIn("platform.yaml:11:13", p.stderr)
        self.assertIn("is secret", p.stderr)


class SavedPlanTest(unittest.TestCase):
    def test_saved_plan_applies_exactly_and_goes_stale(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("plan", "-out", "first.plan", check=0)
        self.assertEqual(stat.S_IMODE(os.stat(d.path("first.plan")).st_mode), 0o600)
        d.run("apply", "first.plan", check=0)
        self.assertEqual(d.addresses(), ["local_file.a"])
        stale = d.run("apply", "first.plan", check=1)
        self.assertIn("state changed since this plan was made", stale.stderr)

        d.run("plan", "-out", "second.plan", check=0)
        d.write(file_resource("a", "alpha") + file_resource("b", "beta"))
        edited = d.run("apply", "second.plan", check=1)
        self.assertIn("platform file", edited.stderr)
        self.assertEqual(d.addresses(), ["local_file.a"])


class FailureTest(unittest.TestCase):
    def test_failure_skips_dependents_and_keeps_the_rest(self):
        body = (file_resource("bad", "x", path="/proc/pave-cannot-write/x.txt")
                + file_resource("child", "y", ["local_file.bad"])
                + file_resource("good", "z"))
        d = PaveDir(body)
        p = d.run("apply", "-y", check=1)
        self.assertIn("local_file.bad", p.stderr)
        self.assertIn("skipped", p.stderr)
        self.assertEqual(d.addresses(), ["local_file.good"])
        self.assertTrue(os.path.exists(d.path("out", "good.txt")))


class LockTest(unittest.TestCase):
    def test_second_run_names_the_lock_owner(self):
        d = PaveDir(sleep_resource("wait", "4s"))
        first = subprocess.Popen([PAVE, "--no-color", "apply", "-y"], cwd=d.dir,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 20
            while not os.path.exists(d.path(".pave", "lock")) and time.time() < deadline:
                time.sleep(0.05)
            second = d.run("plan", check=1)
            self.assertIn("locked", second.stderr)
            self.assertIn(f"pid {first.pid}", second.stderr)
        finally:
            first.communicate(timeout=60)
        self.assertEqual(first.returncode, 0)

    def test_lock_of_a_killed_run_does_not_block(self):
        d = PaveDir(sleep_resource("wait", "30s"))
        first = subprocess.Popen([PAVE, "--no-color", "apply", "-y"], cwd=d.dir,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not os.path.exists(d.path(".pave", "lock")) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        first.send_signal(signal.SIGKILL)
        first.wait()
        # the dead run's record is left behind, but its kernel lock died with it
        self.assertEqual(json.loads(read(d.path(".pave", "lock")))["pid"], first.pid)
        d.run("plan", check=0)
        d.write("")
        d.run("apply", "-y", check=0)
        self.assertFalse(os.path.exists(d.path(".pave", "lock")))

    def test_stale_lock_file_of_a_dead_pid_does_not_block(self):
        d = PaveDir(file_resource("a", "alpha"))
        os.makedirs(d.path(".pave"), mode=0o700)
        dead = subprocess.Popen(["true"])
        dead.wait()
        with open(d.path(".pave", "lock"), "w") as f:
            json.dump({"id": "ab" * 16, "user": "someone", "host": os.uname().nodename,
                       "pid": dead.pid, "operation": "apply", "created": "2026-11-23T15:40:02Z",
                       "pave_version": "0.1.0"}, f)
        d.run("plan", check=0)
        d.run("apply", "-y", check=0)
        self.assertEqual(d.addresses(), ["local_file.a"])

    def test_pipe_closed_early_leaves_no_blocking_lock(self):
        d = PaveDir(file_resource("a", "alpha") + file_resource("b", "beta"))
        p = subprocess.run(f"'{PAVE}' --no-color plan | head -2", shell=True, cwd=d.dir,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(len(p.stdout.splitlines()), 2)
        d.run("apply", "-y", check=0)
        self.assertEqual(d.addresses(), ["local_file.a", "local_file.b"])

    def test_unlock_refuses_a_live_holder(self):
        d = PaveDir(sleep_resource("wait", "30s"))
        first = subprocess.Popen([PAVE, "--no-color", "apply", "-y"], cwd=d.dir,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            lock_id = None
            while lock_id is None and time.time() < deadline:
                try:
                    lock_id = json.loads(read(d.path(".pave", "lock")))["id"]
                except (OSError, ValueError):
                    time.sleep(0.05)
            refused = d.run("state", "unlock", lock_id, check=1)
            self.assertIn("still running", refused.stderr)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        d.run("state", "unlock", lock_id, check=0)  # a dead run's record can still be removed
        self.assertFalse(os.path.exists(d.path(".pave", "lock")))


class CrashTest(unittest.TestCase):
    def test_kill_9_at_random_moments_then_apply_converges(self):
        body = ""
        for i in range(6):
            body += sleep_resource(f"s{i}", "0.3s")
            body += file_resource(f"f{i}", f"content {i}", [f"time_sleep.s{i}"])
        rng = random.Random(20261123)
        for run in range(8):
            d = PaveDir(body)
            p = subprocess.Popen([PAVE, "--no-color", "--parallelism", "3", "apply", "-y"],
                                 cwd=d.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, 1.2))
            p.send_signal(signal.SIGKILL)
            p.wait()
            d.run("apply", "-y", check=0)  # no `pave state unlock`: the lock died with p
            want = sorted([f"local_file.f{i}" for i in range(6)] + [f"time_sleep.s{i}" for i in range(6)])
            self.assertEqual(d.addresses(), want, f"run {run}")
            for i in range(6):
                self.assertEqual(read(d.path("out", f"f{i}.txt")), f"content {i}")
            d.run("plan", "--detailed-exitcode", check=0)


class PlanWritesNothingTest(unittest.TestCase):
    def test_plan_alone_leaves_no_history(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("plan", check=0)
        d.run("plan", "-out", "first.plan", check=0)
        self.assertFalse(os.path.exists(d.path(".pave", "state.json")))
        self.assertEqual(json.loads(d.run("history", "--json", check=0).stdout), [])
        # a plan saved against the never-saved state still applies
        d.run("apply", "first.plan", check=0)
        history = json.loads(d.run("history", "--json", check=0).stdout)
        self.assertEqual([h["operation"] for h in history], ["apply"])
        self.assertEqual(d.addresses(), ["local_file.a"])

    def test_plan_after_an_interrupted_run_recovers_in_memory_only(self):
        body = ""
        for i in range(4):
            body += sleep_resource(f"s{i}", "3s")
            body += file_resource(f"f{i}", f"content {i}", [f"time_sleep.s{i}"])
        d = PaveDir(body)
        p = subprocess.Popen([PAVE, "--no-color", "--parallelism", "4", "apply", "-y"],
                             cwd=d.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Killed while the sleeps are in flight: once the journal holds their begins (a loaded
        # machine may take seconds to get there), well before the 3 s sleeps end.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and p.poll() is None:
            if os.path.exists(d.path(".pave", "journal")) and read(d.path(".pave", "journal")).count('"op":"begin"') >= 4:
                break
            time.sleep(0.05)
        time.sleep(0.3)
        p.send_signal(signal.SIGKILL)
        p.wait()
        before = json.loads(d.run("history", "--json", check=0).stdout)
        journal = read(d.path(".pave", "journal"))
        self.assertIn('"op":"begin"', journal)  # the sleeps were in flight
        d.run("plan", check=0)
        d.run("plan", check=0)
        self.assertEqual(json.loads(d.run("history", "--json", check=0).stdout), before)
        self.assertEqual(read(d.path(".pave", "journal")), journal)
        self.assertNotIn("recover", [h["operation"] for h in before])
        d.run("apply", "-y", check=0)
        self.assertEqual(len(d.addresses()), 8)
        d.run("plan", "--detailed-exitcode", check=0)


class RestoreTest(unittest.TestCase):
    def test_restore_brings_a_version_back_as_a_new_serial(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("apply", "-y", check=0)
        d.write(file_resource("a", "alpha") + file_resource("b", "beta"))
        d.run("apply", "-y", check=0)
        history = json.loads(d.run("history", "--json", check=0).stdout)
        first_apply = [h for h in history if h["resources"] == 1][-1]["serial"]
        last = history[-1]["serial"]
        p = d.run("state", "restore", str(first_apply), check=0)
        self.assertIn(f"Restored version {first_apply} as version {last + 1}", p.stdout)
        self.assertEqual(d.addresses(), ["local_file.a"])
        after = json.loads(d.run("history", "--json", check=0).stdout)
        self.assertEqual([h["serial"] for h in after], [h["serial"] for h in history] + [last + 1])
        self.assertEqual(after[-1]["operation"], "restore")
        self.assertEqual(d.state()["serial"], last + 1)
        # the version it replaced is still there to go back to
        d.run("state", "restore", str(last), check=0)
        self.assertEqual(d.addresses(), ["local_file.a", "local_file.b"])

    def test_restore_errors(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("apply", "-y", check=0)
        missing = d.run("state", "restore", "999", check=1)
        self.assertIn("no version 999 in the history", missing.stderr)
        self.assertIn("the history holds versions 1 to 2", missing.stderr)
        self.assertIn("pave: error:", missing.stderr)
        self.assertIn("restore", d.run("state", "restore", "--help", check=0).stdout)
        self.assertNotEqual(d.run("state", "restore", "0").returncode, 0)

    def test_restore_refuses_while_a_live_run_holds_the_lock(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("apply", "-y", check=0)
        d.write(file_resource("a", "alpha") + sleep_resource("wait", "30s"))
        first = subprocess.Popen([PAVE, "--no-color", "apply", "-y"], cwd=d.dir,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            while not os.path.exists(d.path(".pave", "lock")) and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            refused = d.run("state", "restore", "1", check=1)
            self.assertIn("locked", refused.stderr)
            self.assertIn(f"pid {first.pid}", refused.stderr)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()


class TornJournalTest(unittest.TestCase):
    def test_torn_last_record_is_dropped_with_a_warning(self):
        d = PaveDir(file_resource("a", "alpha"))
        d.run("apply", "-y", check=0)
        with open(d.path(".pave", "journal"), "a") as f:
            f.write("0000012f 1a2b3c4d {\"address\":\"local_file.b\",\"er")
        p = d.run("plan", check=0)
        self.assertIn("warning", p.stderr)
        self.assertIn("incomplete last record", p.stderr)
        listed = d.run("state", "list", check=0)
        self.assertIn("incomplete last record", listed.stderr)
        self.assertEqual(listed.stdout.split(), ["local_file.a"])
        d.run("apply", "-y", check=0)  # the next writer cuts the torn tail off
        self.assertNotIn("incomplete", d.run("plan", check=0).stderr)


class NetworkAccountsTest(unittest.TestCase):
    """One network per account: a cluster in one account on the network of another is refused
    at validate (pave does not share subnets through AWS RAM yet), at the cluster's line."""

    FILE = """apiVersion: pave.dev/v1
kind: Platform
metadata: {name: split, region: eu-west-1}
organization:
  accounts:
    - {name: shared, email: shared@example.org}
    - {name: apps-prd, email: apps@example.org}
network:
  account: shared
  cidr: 10.0.0.0/16
cluster:
  account: %s
  name: shop
baseline: false
"""

    def test_cluster_on_another_accounts_network_is_refused(self):
        d = tempfile.TemporaryDirectory()
        self.addCleanup(d.cleanup)
        path = os.path.join(d.name, "platform.yaml")
        with open(path, "w") as f:
            f.write(self.FILE % "apps-prd")
        p = subprocess.run([PAVE, "--no-color", "validate", "-f", path], capture_output=True, text=True, timeout=60)
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assertIn("(in account apps-prd) uses aws_", p.stderr)
        self.assertIn("of account shared: pave makes one network per account", p.stderr)
        self.assertIn("platform.yaml:11:", p.stderr)
        with open(path, "w") as f:
            f.write(self.FILE % "shared")
        p = subprocess.run([PAVE, "--no-color", "validate", "-f", path], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)


if __name__ == "__main__":
    unittest.main()
