"""The network end to end: apply the `network:` section against moto, read it back with the
AWS CLI, then an empty second plan, drift repair, nat single -> per-zone, and destroy.

The steps share one moto and one platform and run in order (their names sort that way).
"""

import json
import unittest

from e2e_support import REGION, Inventory, Moto, Workdir, aws, platform_yaml, run_pave, tag

PLATFORM = "e2enet"


def plan_json(workdir, endpoint):
    out = run_pave(["plan", "--json"], workdir, endpoint).stdout
    try:
        return json.loads(out)
    except ValueError:
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("{") and '"changes"' in line:
                return json.loads(line)
    raise AssertionError("no JSON plan in output:\n" + out[-2000:])


def changed(plan):
    return {c["address"]: c["action"] for c in plan["changes"] if c["action"] != "no-op"}


class NetworkTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()
        cls.work = Workdir(platform_yaml(PLATFORM, nat="single", zones=3))

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()
        cls.work.remove()

    def inventory(self):
        return Inventory(self.moto.url, PLATFORM)

    def test_1_apply_matches_the_file(self):
        run_pave(["apply", "-y"], self.work, self.moto.url)
        inv = self.inventory()
        self.assertEqual(len(inv.vpcs), 1)
        vpc = inv.vpcs[0]
        self.assertEqual(vpc["CidrBlock"], "10.0.0.0/16")
        self.assertEqual(tag(vpc, "team"), "net")
        self.assertEqual(tag(vpc, "pave:address"), "aws_vpc.main")
        for attr in ("enableDnsSupport", "enableDnsHostnames"):
            got = aws(self.moto.url, "ec2", "describe-vpc-attribute", "--vpc-id", vpc["VpcId"], "--attribute", attr)
            self.assertTrue(got[attr[0].upper() + attr[1:]]["Value"], attr)

        subnets = {tag(s, "pave:address"): s for s in inv.subnets}
        self.assertEqual(len(inv.subnets), 9)
        want = {}
        for tier, base in (("public", 0), ("private", 64), ("database", 128)):
            for i, z in enumerate("abc"):
                want["aws_subnet.%s_%s" % (tier, z)] = ("10.0.%d.0/21" % (base + 8 * i), REGION + z)
        self.assertEqual({a: (s["CidrBlock"], s["AvailabilityZone"]) for a, s in subnets.items()}, want)
        self.assertTrue(subnets["aws_subnet.public_a"]["MapPublicIpOnLaunch"])
        self.assertFalse(subnets["aws_subnet.private_a"]["MapPublicIpOnLaunch"])
        # Where Kubernetes load balancers go: internet-facing public, internal private subnets.
        roles = {a: (tag(s, "kubernetes.io/role/elb"), tag(s, "kubernetes.io/role/internal-elb"))
                 for a, s in subnets.items()}
        for z in "abc":
            self.assertEqual(roles["aws_subnet.public_" + z], ("1", None))
            self.assertEqual(roles["aws_subnet.private_" + z], (None, "1"))
            self.assertEqual(roles["aws_subnet.database_" + z], (None, None))

        self.assertEqual(len(inv.igws), 1)
        self.assertEqual([a["VpcId"] for a in inv.igws[0]["Attachments"]], [vpc["VpcId"]])
        igw = inv.igws[0]["InternetGatewayId"]

        self.assertEqual(len(inv.nats), 1)
        nat = inv.nats[0]
        self.assertEqual(nat["SubnetId"], subnets["aws_subnet.public_a"]["SubnetId"])
        self.assertEqual(len(inv.eips), 1)
        self.assertEqual(nat["NatGatewayAddresses"][0]["AllocationId"], inv.eips[0]["AllocationId"])

        tables = {tag(t, "pave:address"): t for t in inv.route_tables}
        self.assertEqual(set(tables), {"aws_route_table.public", "aws_route_table.private_a",
                                       "aws_route_table.private_b", "aws_route_table.private_c",
                                       "aws_route_table.database"})

        def default_target(table):
            for r in table["Routes"]:
                if r.get("DestinationCidrBlock") == "0.0.0.0/0":
                    return r.get("GatewayId") or r.get("NatGatewayId")
            return None

        self.assertEqual(default_target(tables["aws_route_table.public"]), igw)
        for z in "abc":
            self.assertEqual(default_target(tables["aws_route_table.private_" + z]), nat["NatGatewayId"])
        self.assertIsNone(default_target(tables["aws_route_table.database"]))
        associated = {a["SubnetId"] for t in inv.route_tables for a in t["Associations"] if not a.get("Main")}
        self.assertEqual(associated, {s["SubnetId"] for s in inv.subnets})

        self.assertEqual(len(inv.flow_logs), 1)
        self.assertEqual(inv.flow_logs[0]["ResourceId"], vpc["VpcId"])
        self.assertEqual(inv.flow_logs[0]["LogGroupName"], "/pave/%s/vpc-flow-logs" % PLATFORM)
        groups = aws(self.moto.url, "logs", "describe-log-groups", "--log-group-name-prefix", "/pave/" + PLATFORM)
        self.assertEqual([g.get("retentionInDays") for g in groups["logGroups"]], [90])
        self.assertEqual(len(inv.endpoints), 1)
        self.assertEqual(len(inv.endpoints[0]["RouteTableIds"]), 4)

    def test_2_second_plan_is_empty(self):
        proc = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr[-3000:])

    def test_3_drift_is_shown_and_repaired(self):
        inv = self.inventory()
        table = inv.by_address(inv.route_tables, "aws_route_table.private_a")[0]["RouteTableId"]
        subnet = inv.by_address(inv.subnets, "aws_subnet.public_b")[0]["SubnetId"]
        aws(self.moto.url, "ec2", "delete-route", "--route-table-id", table, "--destination-cidr-block", "0.0.0.0/0")
        aws(self.moto.url, "ec2", "create-tags", "--resources", subnet, "--tags", "Key=team,Value=someone-else")

        plan = changed(plan_json(self.work, self.moto.url))
        self.assertEqual(plan.get("aws_route.private_a_internet"), "create", plan)
        self.assertEqual(plan.get("aws_subnet.public_b"), "update", plan)
        self.assertEqual(len(plan), 2, plan)

        run_pave(["apply", "-y"], self.work, self.moto.url)
        inv = self.inventory()
        routes = inv.by_address(inv.route_tables, "aws_route_table.private_a")[0]["Routes"]
        self.assertIn("0.0.0.0/0", [r.get("DestinationCidrBlock") for r in routes])
        self.assertEqual(tag(inv.by_address(inv.subnets, "aws_subnet.public_b")[0], "team"), "net")
        proc = run_pave(["plan", "--detailed-exitcode"], self.work, self.moto.url, check=False)
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:])

    def test_4_nat_single_to_per_zone_touches_only_nat_and_routes(self):
        before = self.inventory()
        self.work.write(platform_yaml(PLATFORM, nat="per-zone", zones=3))
        plan = changed(plan_json(self.work, self.moto.url))
        self.assertEqual(plan, {"aws_eip.nat_b": "create", "aws_eip.nat_c": "create",
                                "aws_nat_gateway.b": "create", "aws_nat_gateway.c": "create",
                                "aws_route.private_b_internet": "update",
                                "aws_route.private_c_internet": "update"})
        run_pave(["apply", "-y"], self.work, self.moto.url)
        after = self.inventory()
        self.assertEqual(len(after.nats), 3)
        self.assertEqual(len(after.eips), 3)
        self.assertEqual(after.vpcs[0]["VpcId"], before.vpcs[0]["VpcId"])
        self.assertEqual(sorted(s["SubnetId"] for s in after.subnets), sorted(s["SubnetId"] for s in before.subnets))
        subnets = {s["SubnetId"]: tag(s, "pave:address") for s in after.subnets}
        nat_by_zone = {subnets[n["SubnetId"]][-1]: n["NatGatewayId"] for n in after.nats}
        for z in "abc":
            table = after.by_address(after.route_tables, "aws_route_table.private_" + z)[0]
            targets = [r.get("NatGatewayId") for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
            self.assertEqual(targets, [nat_by_zone[z]], z)

    def test_5_destroy_leaves_nothing_tagged(self):
        run_pave(["destroy", "-y"], self.work, self.moto.url)
        inv = self.inventory()
        self.assertEqual(inv.total(), 0, vars(inv))
        roles = aws(self.moto.url, "iam", "list-roles")["Roles"]
        self.assertEqual([r["RoleName"] for r in roles if r["RoleName"].startswith(PLATFORM + "-")], [])
        groups = aws(self.moto.url, "logs", "describe-log-groups", "--log-group-name-prefix", "/pave/" + PLATFORM)
        self.assertEqual(groups["logGroups"], [])


if __name__ == "__main__":
    unittest.main()
