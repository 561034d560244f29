"""End-to-end tests of pave's `dns:` and `certificates:` sections against moto, read back with
the AWS CLI: a Route53 zone delegated from its parent zone (made beforehand with the AWS CLI),
a wildcard ACM certificate validated through the zone, and a platform whose parent zone is out
of reach (not delegated; the NS records to add are an output; once the parent appears, the next
apply delegates).

moto issues a DNS-validated certificate MOTO_ACM_VALIDATION_WAIT seconds after the request
(whether or not the record exists; it does not resolve DNS): the server here runs with 6 s so
the apply really waits, with adaptive polling, for ISSUED.

Run by CTest with PAVE_BIN set; moto runs on a free loopback port and is stopped by its PID."""

import json
import os
import random
import re
import signal
import subprocess
import time
import unittest

from e2e_support import Moto, Workdir, aws, aws_env, pave_bin, run_pave
from test_network import changed, plan_json

VALIDATION_WAIT = 6

DELEGATED = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: dnsshop
  region: eu-west-1
  tags: {team: web}
dns:
  domain: prod.example.org
  parentZone: example.org
certificates:
  - {domain: "*.prod.example.org"}
"""

UNREACHABLE = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: dnslonely
  region: eu-west-1
dns:
  domain: dev.nowhere.net
  parentZone: nowhere.net
"""


CRASHING = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: dnscrash
  region: eu-west-1
dns:
  domain: crash.example.org
  parentZone: example.org
certificates:
  - {domain: "*.crash.example.org"}
"""


def zone_named(endpoint, name):
    """The hosted zone named `name` (without the final dot), or None."""
    for z in aws(endpoint, "route53", "list-hosted-zones")["HostedZones"]:
        if z["Name"] == name + ".":
            return z
    return None


class DnsAgainstMoto(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pave_bin()
        cls.moto = Moto(env={"MOTO_ACM_VALIDATION_WAIT": str(VALIDATION_WAIT)})

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.workdir = None

    def tearDown(self):
        if self.workdir:
            self.workdir.remove()

    def pave(self, *args, ok=(0,)):
        proc = run_pave(list(args), self.workdir, self.moto.url, check=False)
        if proc.returncode not in ok:
            raise AssertionError("pave %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return proc

    def aws(self, *args):
        return aws(self.moto.url, *args)

    def records(self, zone_id):
        return self.aws("route53", "list-resource-record-sets", "--hosted-zone-id", zone_id)["ResourceRecordSets"]

    def ns_of(self, zone_id, name):
        for r in self.records(zone_id):
            if r["Name"] == name + "." and r["Type"] == "NS":
                return sorted(v["Value"].rstrip(".") for v in r["ResourceRecords"])
        return None

    def outputs(self):
        return json.loads(self.pave("outputs", "--json").stdout)

    def test_delegated_zone_and_issued_wildcard_certificate(self):
        parent = self.aws("route53", "create-hosted-zone", "--name", "example.org",
                          "--caller-reference", "parent-%d" % time.time())["HostedZone"]["Id"].split("/")[-1]
        self.workdir = Workdir(DELEGATED)

        started = time.monotonic()
        applied = self.pave("apply", "-y")
        took = time.monotonic() - started
        # The validation waited for moto to issue the certificate.
        self.assertGreaterEqual(took, VALIDATION_WAIT, applied.stdout)

        # The zone, with pave's tags, and its name servers delegated from the parent.
        zone = zone_named(self.moto.url, "prod.example.org")
        self.assertIsNotNone(zone)
        zone_id = zone["Id"].split("/")[-1]
        self.assertFalse(zone["Config"]["PrivateZone"])
        servers = sorted(s.rstrip(".") for s in
                         self.aws("route53", "get-hosted-zone", "--id", zone_id)["DelegationSet"]["NameServers"])
        self.assertEqual(len(servers), 4)
        self.assertEqual(self.ns_of(parent, "prod.example.org"), servers)
        tags = {t["Key"]: t["Value"] for t in self.aws("route53", "list-tags-for-resource", "--resource-type",
                                                      "hostedzone", "--resource-id", zone_id)["ResourceTagSet"]["Tags"]}
        self.assertEqual(tags["pave:address"], "aws_route53_zone.main")
        self.assertEqual(tags["team"], "web")

        # The certificate: issued, and its validation record in the zone.
        certs = self.aws("acm", "list-certificates", "--certificate-statuses", "ISSUED",
                         "PENDING_VALIDATION")["CertificateSummaryList"]
        cert = next(c for c in certs if c["DomainName"] == "*.prod.example.org")
        described = self.aws("acm", "describe-certificate", "--certificate-arn", cert["CertificateArn"])["Certificate"]
        self.assertEqual(described["Status"], "ISSUED")
        record = described["DomainValidationOptions"][0]["ResourceRecord"]
        cname = [r for r in self.records(zone_id) if r["Name"] == record["Name"] and r["Type"] == "CNAME"]
        self.assertEqual(len(cname), 1, self.records(zone_id))
        self.assertEqual(cname[0]["ResourceRecords"][0]["Value"], record["Value"])
        cert_tags = {t["Key"]: t["Value"] for t in
                     self.aws("acm", "list-tags-for-certificate", "--certificate-arn", cert["CertificateArn"])["Tags"]}
        self.assertEqual(cert_tags["pave:address"], "aws_acm_certificate.wildcard-prod-example-org")

        # Outputs: what the user needs.
        out = self.outputs()
        self.assertEqual(out["dns.zone_id"], zone_id)
        self.assertEqual(sorted(s.rstrip(".") for s in out["dns.name_servers"]), servers)
        self.assertIs(out["dns.delegated"], True)
        self.assertEqual(out["certificates.wildcard-prod-example-org.arn"], cert["CertificateArn"])

        # A second plan is empty.
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # A tag change updates the zone and the certificate in place, and nothing else: the ids,
        # name servers and validation record are stable through an update.
        self.workdir.write(DELEGATED.replace("tags: {team: web}", "tags: {team: shop}"))
        actions = changed(plan_json(self.workdir, self.moto.url))
        self.assertEqual(actions, {"aws_route53_zone.main": "update",
                                   "aws_acm_certificate.wildcard-prod-example-org": "update"})
        self.pave("apply", "-y")
        tags = {t["Key"]: t["Value"] for t in self.aws("route53", "list-tags-for-resource", "--resource-type",
                                                      "hostedzone", "--resource-id", zone_id)["ResourceTagSet"]["Tags"]}
        self.assertEqual(tags["team"], "shop")
        cert_tags = {t["Key"]: t["Value"] for t in
                     self.aws("acm", "list-tags-for-certificate", "--certificate-arn", cert["CertificateArn"])["Tags"]}
        self.assertEqual(cert_tags["team"], "shop")
        self.assertEqual(self.pave("plan", "--detailed-exitcode", ok=(0, 2)).returncode, 0)

        # A record pave did not make is data: destroy refuses to delete the zone without
        # --allow-data-loss, and deletes it (with the record) with it.
        change = {"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.prod.example.org", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.10"}]}}]}
        self.aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone_id,
                 "--change-batch", json.dumps(change))
        refused = self.pave("destroy", "-y", ok=(1,))
        self.assertIn("--allow-data-loss", refused.stdout + refused.stderr)
        self.assertIn("www.prod.example.org", refused.stdout + refused.stderr)
        self.assertIsNotNone(zone_named(self.moto.url, "prod.example.org"))
        self.pave("destroy", "-y", "--allow-data-loss")

        # Everything pave made is gone; the parent zone stays, without the delegation.
        self.assertIsNone(zone_named(self.moto.url, "prod.example.org"))
        self.assertIsNone(self.ns_of(parent, "prod.example.org"))
        self.assertIsNotNone(zone_named(self.moto.url, "example.org"))
        left = [c for c in self.aws("acm", "list-certificates")["CertificateSummaryList"]
                if c["DomainName"] == "*.prod.example.org"]
        self.assertEqual(left, [])

    def test_unreachable_parent_is_reported_then_delegated_once_it_appears(self):
        self.workdir = Workdir(UNREACHABLE)
        self.pave("apply", "-y")
        zone = zone_named(self.moto.url, "dev.nowhere.net")
        self.assertIsNotNone(zone)
        zone_id = zone["Id"].split("/")[-1]
        servers = self.aws("route53", "get-hosted-zone", "--id", zone_id)["DelegationSet"]["NameServers"]
        self.assertIsNone(zone_named(self.moto.url, "nowhere.net"))

        # Not delegated: the outputs say so and give the NS records to add, one per server.
        out = self.outputs()
        self.assertIs(out["dns.delegated"], False)
        lines = out["dns.delegation_records"].splitlines()
        self.assertEqual(len(lines), len(servers))
        for s in servers:
            self.assertIn("dev.nowhere.net. 3600 IN NS %s." % s.rstrip("."), lines)
        shown = self.pave("outputs", "dns.delegation_records").stdout
        self.assertIn("IN NS", shown)
        second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # Once the parent zone is in this account, the next apply delegates.
        parent = self.aws("route53", "create-hosted-zone", "--name", "nowhere.net",
                          "--caller-reference", "nowhere-%d" % time.time())["HostedZone"]["Id"].split("/")[-1]
        plan = self.pave("plan", "--detailed-exitcode", ok=(2,))
        self.assertIn("aws_route53_delegation.main", plan.stdout)
        self.pave("apply", "-y")
        self.assertEqual(self.ns_of(parent, "dev.nowhere.net"), sorted(s.rstrip(".") for s in servers))
        self.assertIs(self.outputs()["dns.delegated"], True)

        self.pave("destroy", "-y")
        self.assertIsNone(zone_named(self.moto.url, "dev.nowhere.net"))
        self.assertIsNone(self.ns_of(parent, "dev.nowhere.net"))

    def test_kill_nine_during_apply_then_resume_makes_everything_once(self):
        """kill -9 while the zone, certificate and records are being made; the next apply adopts
        what the killed one made (the zone by its CallerReference, the certificate by its token
        tag, the record by its values) instead of making it twice."""
        rng = random.Random(20261123)
        for round_no in range(3):
            self.moto.reset()
            self.aws("route53", "create-hosted-zone", "--name", "example.org", "--caller-reference", "p%d" % round_no)
            if self.workdir:
                self.workdir.remove()
            self.workdir = Workdir(CRASHING)
            proc = subprocess.Popen([pave_bin(), "apply", "-y", "-f", self.workdir.file], cwd=self.workdir.path,
                                    env=aws_env(self.moto.url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.15, 0.7))  # the creates happen in the first half second
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            held = self.pave("plan", ok=(0, 1))
            m = re.search(r"pave state unlock ([0-9a-zA-Z-]+)", held.stderr)
            if m:
                self.pave("state", "unlock", m.group(1))
            self.pave("apply", "-y")

            zones = [z for z in self.aws("route53", "list-hosted-zones")["HostedZones"]
                     if z["Name"] == "crash.example.org."]
            self.assertEqual(len(zones), 1, "round %d: %s" % (round_no, zones))
            certs = [c for c in self.aws("acm", "list-certificates", "--certificate-statuses", "ISSUED",
                                         "PENDING_VALIDATION")["CertificateSummaryList"]
                     if c["DomainName"] == "*.crash.example.org"]
            self.assertEqual(len(certs), 1, "round %d: %s" % (round_no, certs))
            types = sorted(r["Type"] for r in self.records(zones[0]["Id"].split("/")[-1]))
            self.assertEqual(types, ["CNAME", "NS", "SOA"], "round %d" % round_no)
            second = self.pave("plan", "--detailed-exitcode", ok=(0, 2))
            self.assertEqual(second.returncode, 0, "round %d\n%s" % (round_no, second.stdout))
        self.pave("destroy", "-y")


if __name__ == "__main__":
    unittest.main()
