"""What the end-to-end tests share: moto on a free loopback port, the fault proxy, running
pave and the AWS CLI against them, and reading back what a platform made.

Environment: PAVE_BIN is the pave binary (CTest passes it); moto and the AWS CLI must be
installed. Nothing leaves 127.0.0.1.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "eu-west-1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.1)
    raise RuntimeError("no answer from %s within %.0fs" % (url, timeout))


# Service principals that AWS documents as taking a delegated administrator but that moto's
# list (moto.organizations.models.FakeDelegatedAdministrator.SUPPORTED_SERVICES, 5.x) lacks:
# Config's organization aggregator is administered by the account registered for
# config.amazonaws.com (AWS Config Developer Guide, "Register a Delegated Administrator").
MOTO_MISSING_DELEGATED_ADMIN_SERVICES = ["config.amazonaws.com"]


class Moto:
    """python3 -m moto.server on a free loopback port; stopped by its PID. `env` adds variables
    to the server's environment (moto settings such as MOTO_ACM_VALIDATION_WAIT).
    `delegated_admin_services` adds service principals to moto's list of those that take a
    delegated administrator (see MOTO_MISSING_DELEGATED_ADMIN_SERVICES) before it serves."""

    def __init__(self, env=None, delegated_admin_services=()):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = tempfile.TemporaryFile()
        server = ["-m", "moto.server"]
        if delegated_admin_services:
            server = ["-c", "import sys; import moto.organizations.models as m; "
                            "m.FakeDelegatedAdministrator.SUPPORTED_SERVICES.extend(%r); "
                            "from moto.server import main; main(sys.argv[1:])" % list(delegated_admin_services)]
        self.proc = subprocess.Popen([sys.executable] + server + ["-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
        wait_http(self.url + "/moto-api/")

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST"), timeout=10).read()

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class FaultProxy:
    """tests/e2e/faultproxy.py in front of `upstream`."""

    def __init__(self, upstream, rate, seed, faults="throttle,500,503", lost_rate=0.0, lost_ops="",
                 after_rate=0.0, after_ops="", after_once=False):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "faultproxy.py"), "--upstream", upstream,
                                      "--rate", str(rate), "--seed", str(seed), "--faults", faults,
                                      "--lost-rate", str(lost_rate), "--lost-ops", lost_ops,
                                      "--after-rate", str(after_rate), "--after-ops", after_ops] +
                                     (["--after-once"] if after_once else []),
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError("faultproxy did not start: %r" % line)
        self.url = "http://127.0.0.1:%d" % int(line.split()[-1])

    def stats(self):
        return json.loads(urllib.request.urlopen(self.url + "/__faultproxy/stats", timeout=5).read())

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)


def aws_env(endpoint):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_COLOR": "1",
        # moto on a loaded machine sometimes refuses a connection: ride through it like AWS
        # throttling (the standard retry mode, more attempts).
        "AWS_RETRY_MODE": "standard",
        "AWS_MAX_ATTEMPTS": "8",
    })
    return env


def pave_bin():
    path = os.environ.get("PAVE_BIN")
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("PAVE_BIN is not set to a built pave binary")
    return path


class Workdir:
    """A temporary directory holding a platform file (state lands in its .pave/)."""

    def __init__(self, text):
        self.path = tempfile.mkdtemp(prefix="pave-e2e-")
        self.file = os.path.join(self.path, "platform.yaml")
        self.write(text)

    def write(self, text):
        with open(self.file, "w") as f:
            f.write(text)

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


def platform_yaml(name, nat="single", zones=3, flow_logs=True, tags=None):
    tag_lines = "".join("    %s: %s\n" % kv for kv in (tags or {"team": "net"}).items())
    return ("apiVersion: pave.dev/v1\nkind: Platform\nbaseline: false\nmetadata:\n  name: %s\n  region: %s\n"
            "network:\n  cidr: 10.0.0.0/16\n  zones: %d\n  nat: %s\n  tiers: [public, private, database]\n"
            "  flowLogs: %s\n  tags:\n%s" % (name, REGION, zones, nat, "true" if flow_logs else "false", tag_lines))


def run_pave(args, workdir, endpoint, timeout=300, check=True, pave_retry_defaults=False):
    """pave_retry_defaults: without the suite's AWS_RETRY_MODE/AWS_MAX_ATTEMPTS, so pave's own
    retry budget applies (5 minutes of throttling, the adaptive rate limiter)."""
    cmd = [pave_bin()] + args + ["-f", workdir.file]
    env = aws_env(endpoint)
    if pave_retry_defaults:
        env.pop("AWS_RETRY_MODE")
        env.pop("AWS_MAX_ATTEMPTS")
    proc = subprocess.run(cmd, env=env, cwd=workdir.path, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (" ".join(cmd), proc.returncode,
                                                                         proc.stdout[-4000:], proc.stderr[-4000:]))
    return proc


def aws(endpoint, *args, region=REGION):
    """The AWS CLI (an independent client) against moto; parsed JSON output."""
    proc = subprocess.run(["aws", "--endpoint-url", endpoint, "--region", region, "--output", "json"] + list(args),
                          env=aws_env(endpoint), capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError("aws %s failed: %s" % (" ".join(args), proc.stderr))
    return json.loads(proc.stdout) if proc.stdout.strip() else {}


def aws_in(endpoint, account, *args, region=REGION):
    """The AWS CLI acting in member `account` (and `region`): with credentials of its
    OrganizationAccountAccessRole from `aws sts assume-role` (moto acts in the assumed role's
    account); parsed JSON output."""
    creds = aws(endpoint, "sts", "assume-role", "--role-arn",
                "arn:aws:iam::%s:role/OrganizationAccountAccessRole" % account,
                "--role-session-name", "e2e-check")["Credentials"]
    env = aws_env(endpoint)
    env.update({"AWS_ACCESS_KEY_ID": creds["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"],
                "AWS_SESSION_TOKEN": creds["SessionToken"]})
    proc = subprocess.run(["aws", "--endpoint-url", endpoint, "--region", region, "--output", "json"] + list(args),
                          env=env, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError("aws %s in account %s failed: %s" % (" ".join(args), account, proc.stderr))
    return json.loads(proc.stdout) if proc.stdout.strip() else {}


def boto3_reader(endpoint, service, command, *args):
    """Like aws() but in-process with boto3 (another independent client): cheap enough to run
    after every crash round. Understands the "--filters Name=...,Values=..." form used here."""
    import boto3  # moto depends on it, so it is there wherever moto is

    kwargs = {}
    if "--filters" in args:
        name, values = args[args.index("--filters") + 1].split(",", 1)
        kwargs["Filters"] = [{"Name": name.split("=", 1)[1], "Values": [values.split("=", 1)[1]]}]
    client = boto3.client(service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    return getattr(client, command.replace("-", "_"))(**kwargs)


def platform_filter(platform):
    return ["--filters", "Name=tag:pave:platform,Values=%s" % platform]


class Inventory:
    """What exists in moto for one platform, read back with the AWS CLI."""

    def __init__(self, endpoint, platform, reader=aws):
        f = platform_filter(platform)
        aws = reader  # noqa: N806 - the AWS CLI unless a test passes boto3_reader
        self.vpcs = aws(endpoint, "ec2", "describe-vpcs", *f)["Vpcs"]
        self.subnets = aws(endpoint, "ec2", "describe-subnets", *f)["Subnets"]
        self.igws = aws(endpoint, "ec2", "describe-internet-gateways", *f)["InternetGateways"]
        self.route_tables = aws(endpoint, "ec2", "describe-route-tables", *f)["RouteTables"]
        self.eips = aws(endpoint, "ec2", "describe-addresses", *f)["Addresses"]
        self.security_groups = aws(endpoint, "ec2", "describe-security-groups", *f)["SecurityGroups"]
        # moto does not filter NAT gateways, endpoints and flow logs by tag: match here.
        self.nats = [n for n in aws(endpoint, "ec2", "describe-nat-gateways")["NatGateways"]
                     if tag(n, "pave:platform") == platform and n["State"] not in ("deleted", "deleting")]
        self.endpoints = [e for e in aws(endpoint, "ec2", "describe-vpc-endpoints")["VpcEndpoints"]
                          if tag(e, "pave:platform") == platform and e["State"].lower() not in ("deleted", "deleting")]
        self.flow_logs = [fl for fl in aws(endpoint, "ec2", "describe-flow-logs")["FlowLogs"]
                          if tag(fl, "pave:platform") == platform]

    def total(self):
        return sum(len(x) for x in (self.vpcs, self.subnets, self.igws, self.route_tables, self.eips,
                                    self.security_groups, self.nats, self.endpoints, self.flow_logs))

    def by_address(self, items, address):
        return [i for i in items if tag(i, "pave:address") == address]


def tag(item, key):
    for t in item.get("Tags") or item.get("TagSet") or []:
        if t.get("Key") == key:
            return t.get("Value")
    return None
