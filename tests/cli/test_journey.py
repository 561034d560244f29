"""A new user's first day with pave, scripted: init -> edit -> validate with mistakes -> plan
-> apply -> change -> outputs -> destroy, with the built-in resource types only (no cloud, no
emulator). Every command's stdout and stderr go into one transcript, which is then checked for
what issue 12 ("Flow") asks: results on stdout and progress on stderr, one error per cause,
"did you mean" for commands and output names, --version, completion, --json diagnostics, the
starter and the full example, the no-credentials message, and small things (no "{false}" in
help, no "/./" in paths). Run by CTest with PAVE_BIN set to the pave binary."""

import http.server
import json
import os
import re
import subprocess
import tempfile
import threading
import unittest

PAVE = os.environ.get("PAVE_BIN", "pave")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A broken network section; the cluster and databases sections below it depend on it.
BROKEN_NETWORK = """
network:
  cidr: 10.0.0.0/33
  zones: 2
cluster:
  version: "1.31"
databases:
  postgres:
    - {name: app, version: "16", class: db.t4g.medium, storageGB: 20}
"""


class Journey:
    """A directory named like a user's project, and a transcript of every command."""

    def __init__(self, test):
        self.test = test
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "shop-dev")
        os.mkdir(self.dir)
        self.home = os.path.join(self.tmp.name, "home")
        os.mkdir(self.home)
        self.transcript = []
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("AWS_") and k not in ("PAVE_FILE", "PAVE_CLUSTER",
                                                              "KUBECONFIG", "NO_COLOR")}
        self.env.update(HOME=self.home, PWD=self.dir, AWS_EC2_METADATA_DISABLED="true",
                        AWS_CONFIG_FILE=os.path.join(self.home, "no-config"),
                        AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.home, "no-credentials"))

    def run(self, *args, check=0, env=None):
        p = subprocess.run([PAVE, *args], cwd=self.dir, capture_output=True, text=True,
                           timeout=120, stdin=subprocess.DEVNULL, env=dict(self.env, **(env or {})))
        self.transcript.append(f"$ pave {' '.join(args)}\n[stdout]\n{p.stdout}[stderr]\n{p.stderr}"
                               f"[exit {p.returncode}]\n")
        if check is not None and p.returncode != check:
            raise AssertionError(f"pave {' '.join(args)} exited {p.returncode}, wanted {check}\n"
                                 f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        return p

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def read(self, name="platform.yaml"):
        with open(self.path(name)) as f:
            return f.read()

    def write(self, text, name="platform.yaml"):
        with open(self.path(name), "w") as f:
            f.write(text)

    def text(self):
        return "\n".join(self.transcript)


class ImdsThatFails(http.server.BaseHTTPRequestHandler):
    """An instance-metadata address that answers every request with a server error."""

    def do_PUT(self):
        self.send_error(500)

    do_GET = do_PUT

    def log_message(self, *args):
        pass


class JourneyTest(unittest.TestCase):
    def test_first_day(self):
        j = Journey(self)

        # Finding one's way: --version, a typo, completion.
        self.assertRegex(j.run("--version").stdout, r"^pave \S+\n$")
        typo = j.run("plna", check=1)
        self.assertEqual(typo.stdout, "")
        self.assertIn('unknown command "plna" (did you mean "pave plan"?)', typo.stderr)
        self.assertIn('did you mean "pave state list"?', j.run("state", "lst", check=1).stderr)
        bash = j.run("completion", "bash").stdout
        self.assertIn("complete -F _pave pave", bash)
        self.assertIn("pave __complete addresses", bash)
        self.assertIn("pave __complete outputs", j.run("completion", "zsh").stdout)
        self.assertIn("pave __complete outputs", j.run("completion", "fish").stdout)
        self.assertIn("plan", j.run("__complete", "commands").stdout.split())
        self.assertNotIn("__complete", j.run("--help").stdout)

        # init: a starter that shows every section and needs no docs to read.
        init = j.run("init")
        self.assertIn('platform "shop-dev"', init.stdout)
        starter = j.read()
        for section in ("network", "cluster", "dns", "certificates", "secrets", "buckets",
                        "databases"):
            self.assertIn(f"\n# {section}:\n", starter)
        self.assertIn("\noutputs:\n", starter)
        self.assertIn("name: shop-dev", starter)
        self.assertNotIn("docs/", starter)
        self.assertIn("is valid", j.run("validate").stdout)

        # The full example, as built into the binary.
        j.run("init", "--example", "full", "-f", "full.yaml")
        with open(os.path.join(ROOT, "examples", "platform.yaml")) as f:
            self.assertEqual(j.read("full.yaml"), f.read())
        self.assertIn("is valid", j.run("validate", "-f", "full.yaml",
                                        env={"GITHUB_TOKEN": "x"}).stdout)

        # Mistakes: a typo in a resource, and a broken network section that the cluster and
        # the databases depend on. One error per cause.
        broken = starter.replace("      content:", "      contnet:") + BROKEN_NETWORK
        j.write(broken)
        bad = j.run("validate", check=1)
        errors = [line for line in bad.stderr.splitlines() if line.startswith("pave: error:")]
        self.assertTrue(any('did you mean "content"' in e for e in errors), bad.stderr)
        self.assertTrue(any("bad cidr" in e for e in errors), bad.stderr)
        for consequence in ("needs private subnets", "needs a network section",
                            "aws_vpc.main", "is not declared"):
            self.assertNotIn(consequence, bad.stderr)
        as_json = json.loads(j.run("--json", "validate", check=1).stdout)
        self.assertFalse(as_json["valid"])
        self.assertEqual(len(as_json["diagnostics"]), len(errors))
        typo_diag = [d for d in as_json["diagnostics"] if "content" in d.get("hint", "")]
        self.assertEqual(len(typo_diag), 1, as_json)
        self.assertEqual(typo_diag[0]["file"], "platform.yaml")
        self.assertGreater(typo_diag[0]["line"], 0)
        self.assertGreater(typo_diag[0]["column"], 0)
        self.assertEqual(typo_diag[0]["severity"], "error")
        j.write(starter)
        self.assertTrue(json.loads(j.run("validate", "--json").stdout)["valid"])

        # plan: the plan alone on stdout; help without CLI11's "{false}" and with -o.
        plan = j.run("plan")
        self.assertIn("+ random_id.suffix", plan.stdout)
        help_text = j.run("plan", "--help").stdout
        self.assertNotIn("{false}", help_text)
        self.assertIn("--no-refresh", help_text)
        self.assertIn("pave plan -o release.plan", help_text)

        # apply: plan on stdout; progress with a counter, and next steps, on stderr.
        applied = j.run("apply", "-y")
        self.assertIn("+ local_file.readme", applied.stdout)
        self.assertNotIn("created", applied.stdout)
        self.assertRegex(applied.stderr, r"\[1/3\] \S+: created")
        self.assertRegex(applied.stderr, r"\[3/3\] \S+: created")
        self.assertIn("Next steps: pave outputs\n", applied.stderr)
        self.assertNotIn("kubeconfig", applied.stderr)  # no cluster

        # A second plan reads what exists (stderr) and finds nothing to do (stdout).
        again = j.run("plan")
        self.assertIn("No changes", again.stdout)
        self.assertNotIn("read ", again.stdout)
        self.assertIn("read ", again.stderr)

        # Change the file, apply again.
        j.write(starter.replace('content: "platform', 'content: "the platform'))
        changed = j.run("apply", "-y")
        self.assertIn("local_file.readme", changed.stdout)
        self.assertIn("[1/1]", changed.stderr)

        # outputs: by name, did you mean, completion of names and addresses.
        suffix = j.run("outputs", "suffix").stdout.strip()
        self.assertRegex(suffix, r"^[0-9a-f]{8}$")
        self.assertIn('did you mean "suffix"', j.run("outputs", "sufix", check=1).stderr)
        self.assertEqual(j.run("__complete", "outputs").stdout, "suffix\n")
        self.assertEqual(j.run("__complete", "addresses").stdout.split(),
                         ["local_file.readme", "random_id.suffix", "random_password.admin"])

        # state show: text for people, --json for scripts, did you mean for a typo.
        shown = j.run("state", "show", "random_id.suffix").stdout
        self.assertTrue(shown.startswith("random_id.suffix\n"), shown)
        self.assertRegex(shown, r"\n  hex +\"" + suffix + "\"\n")
        shown_json = json.loads(j.run("state", "show", "random_id.suffix", "--json").stdout)
        self.assertEqual(shown_json["address"], "random_id.suffix")
        self.assertEqual(shown_json["attributes"]["hex"], suffix)
        self.assertIn('did you mean "random_id.suffix"',
                      j.run("state", "show", "random_id.sufix", check=1).stderr)

        # A rename: without moved: it is a delete and a create, and the plan says it looks
        # like a rename; with a moved: entry the state follows, nothing is made again.
        current = j.read()
        renamed = current.replace("name: suffix", "name: tag").replace(
            "${random_id.suffix.hex}", "${random_id.tag.hex}")
        j.write(renamed)
        guess = j.run("plan").stdout
        self.assertIn("- random_id.suffix", guess)
        self.assertIn("looks like a rename of random_id.suffix: add a moved: entry "
                      "{from: random_id.suffix, to: random_id.tag}", guess)
        j.write(renamed + "moved:\n  - {from: random_id.suffix, to: random_id.tag}\n")
        moved_plan = j.run("plan").stdout
        self.assertIn("> random_id.tag  (moved from random_id.suffix)", moved_plan)
        self.assertNotIn("- random_id.suffix", moved_plan)
        self.assertIn("1 moved", moved_plan)
        self.assertEqual(json.loads(j.run("plan", "--json").stdout)["summary"]["moved"], 1)
        j.run("apply", "-y")
        self.assertEqual(j.run("outputs", "suffix").stdout.strip(), suffix)  # not made again
        history = json.loads(j.run("history", "--json").stdout)
        self.assertEqual(history[-1]["operation"], "move")
        self.assertEqual(history[-1]["summary"], "moved random_id.suffix to random_id.tag")
        self.assertIn("No changes", j.run("plan").stdout)  # the entry can stay
        j.write(renamed + "moved:\n  - {from: random_id.tag, to: random_id.suffix}\n")
        self.assertIn("random_id.tag is still declared", j.run("validate", check=1).stderr)

        # state mv and state rm: the state alone, each a version in the history.
        moved_back = j.run("state", "mv", "random_id.tag", "random_id.suffix")
        self.assertIn("Moved random_id.tag to random_id.suffix", moved_back.stdout)
        forgot = j.run("state", "rm", "local_file.readme")
        self.assertIn("It still exists in the cloud", forgot.stdout)
        history = json.loads(j.run("history", "--json").stdout)
        self.assertEqual([h["operation"] for h in history[-2:]], ["state mv", "state rm"])
        self.assertEqual(history[-2]["serial"] + 1, history[-1]["serial"])
        j.write(current)
        back = j.run("plan").stdout
        self.assertIn("+ local_file.readme", back)
        self.assertNotIn("random_id.suffix", back)
        j.run("apply", "-y")
        self.assertEqual(j.run("outputs", "suffix").stdout.strip(), suffix)

        # Reaching AWS without credentials: one message with the fix, not the metadata
        # service's error.
        server = http.server.HTTPServer(("127.0.0.1", 0), ImdsThatFails)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            imds = {"AWS_EC2_METADATA_DISABLED": "false", "AWS_REGION": "eu-west-1",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT": f"http://127.0.0.1:{server.server_port}"}
            who = j.run("aws", "whoami", check=1, env=imds)
        finally:
            server.shutdown()
        self.assertEqual(len(who.stderr.strip().splitlines()), 1, who.stderr)
        for fix in ("no aws credentials found", "aws sso login", "AWS_PROFILE", "pave aws whoami"):
            self.assertIn(fix, who.stderr)
        self.assertNotIn("http 500", who.stderr)

        # pave eks token takes the cluster from PAVE_CLUSTER (a presigned URL: no call made).
        self.assertIn("PAVE_CLUSTER", j.run("eks", "token", check=1).stderr)
        keys = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret",
                "AWS_REGION": "eu-west-1", "PAVE_CLUSTER": "shop"}
        token = json.loads(j.run("eks", "token", env=keys).stdout)
        self.assertTrue(token["status"]["token"].startswith("k8s-aws-v1."))

        # destroy: everything goes, no next steps.
        gone = j.run("destroy", "-y")
        self.assertNotIn("Next steps", gone.stderr)
        self.assertEqual(j.run("__complete", "addresses").stdout, "")

        # The whole transcript: no doubled "./" in paths, no doubled punctuation.
        text = j.text()
        self.assertNotIn("/./", text)
        self.assertIsNone(re.search(r"\.\.\.:|\.\.\.\.|::", text.replace("http://", "")), text)

    def test_moved_with_a_saved_plan(self):
        j = Journey(self)
        j.run("init")
        j.run("apply", "-y")
        suffix = j.run("outputs", "suffix").stdout.strip()
        renamed = j.read().replace("name: suffix", "name: tag").replace(
            "${random_id.suffix.hex}", "${random_id.tag.hex}")
        moved = renamed + "moved:\n  - {from: random_id.suffix, to: random_id.tag}\n"
        j.write(moved)
        self.assertEqual(j.run("plan", "--detailed-exitcode", "-o", "rename.plan", check=2).returncode, 2)
        # The entries are not part of the resources: dropping one after the plan is noticed.
        j.write(renamed)
        refused = j.run("apply", "rename.plan", check=1)
        self.assertIn("the moved: entries of the platform file changed since this plan was made",
                      refused.stderr)
        self.assertEqual(json.loads(j.run("history", "--json").stdout)[-1]["operation"], "apply")
        j.write(moved)
        j.run("apply", "rename.plan")
        history = json.loads(j.run("history", "--json").stdout)
        self.assertEqual([h["operation"] for h in history[-2:]], ["move", "apply"])
        self.assertEqual(history[-2]["summary"], "moved random_id.suffix to random_id.tag")
        self.assertEqual(j.run("outputs", "suffix").stdout.strip(), suffix)
        self.assertIn("No changes", j.run("plan").stdout)


if __name__ == "__main__":
    unittest.main()
