"""End-to-end tests of the EKS part of pave (issue 5): the `cluster:` section applied against
moto and read back with the AWS CLI; add-ons and version upgrades against a loopback stand-in
(eks_standin.py), because moto implements neither CreateAddon/UpdateAddon/DescribeAddon nor
UpdateClusterVersion/UpdateNodegroupVersion/DescribeUpdate (moto answers 404 to them); and
`pave eks token` compared field by field with `aws eks get-token`.

Run by CTest with PAVE_BIN set; each class starts its servers on free loopback ports and stops
them by PID."""

import base64
import json
import urllib.parse
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from urllib.parse import parse_qs, urlparse

PAVE = os.environ.get("PAVE_BIN", "pave")
HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "eu-west-1"
CREDS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def start(args, port):
    # moto attaches AWS managed policies (AmazonEKSClusterPolicy...) only when it loads them.
    env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wait_port(port, proc)
    return proc


def stop(proc):
    if proc and proc.poll() is None:
        os.kill(proc.pid, 15)
        proc.wait(timeout=10)


def base_env(moto_port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(CREDS)
    env.update({"AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
                "AWS_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
                "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                "AWS_MAX_ATTEMPTS": "3"})
    return env


HEADER = """apiVersion: pave.dev/v1
kind: Platform
baseline: false
metadata:
  name: {name}
  region: eu-west-1
"""


class Platform:
    """A temporary directory with one platform file, and pave and the AWS CLI run against it."""

    def __init__(self, name, env):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.name = name
        self.env = env

    def write(self, body):
        with open(os.path.join(self.dir, "platform.yaml"), "w") as f:
            f.write(HEADER.format(name=self.name) + body)

    def pave(self, *args, ok=(0,), timeout=300):
        p = subprocess.run([PAVE, "--no-color", *args], cwd=self.dir, env=self.env, capture_output=True,
                           text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if p.returncode not in ok:
            raise AssertionError(f"pave {' '.join(args)} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
        return p

    def plan_json(self):
        p = self.pave("plan", "--json", "--detailed-exitcode", ok=(0, 2))
        return json.loads(p.stdout)

    def aws(self, *args, endpoint=None):
        cmd = ["aws", "--output", "json", *args]
        if endpoint:
            cmd[1:1] = ["--endpoint-url", endpoint]
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError(f"aws {' '.join(args)}: {p.stderr}")
        return json.loads(p.stdout) if p.stdout.strip() else {}


def actions(plan):
    return {c["address"]: c["action"] for c in plan["changes"]}


CLUSTER_MOTO = """cluster:
  version: "1.30"
  subnetIds: [subnet-0a000001, subnet-0b000002]
  endpoint: private
  logging: [api, audit]
  nodeGroups:
    - {{name: general, instanceTypes: [m6i.large], min: 1, max: {max}, desired: {desired}, diskGB: 40}}
  serviceAccounts:
    - {{namespace: kube-system, name: external-dns, policies: [route53-change]}}
    - {{namespace: kube-system, name: ebs-csi-controller-sa, policies: [ebs-csi]}}
"""


class AgainstMoto(unittest.TestCase):
    """One moto server for the tests of a class."""

    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.moto = start([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(cls.port)], cls.port)

    @classmethod
    def tearDownClass(cls):
        stop(cls.moto)


class EksAgainstMoto(AgainstMoto):
    """Cluster, node group, OIDC provider and service-account roles made by pave in moto."""

    def test_apply_read_back_resize_in_place_and_destroy(self):
        p = Platform("eksmoto", base_env(self.port))
        p.write(CLUSTER_MOTO.format(max=3, desired=2))
        p.pave("apply", "-y")

        cluster = p.aws("eks", "describe-cluster", "--name", "eksmoto")["cluster"]
        self.assertEqual(cluster["version"], "1.30")
        self.assertTrue(cluster["roleArn"].endswith(":role/eksmoto-eks-cluster"))
        self.assertEqual(sorted(cluster["resourcesVpcConfig"]["subnetIds"]), ["subnet-0a000001", "subnet-0b000002"])
        self.assertTrue(cluster["resourcesVpcConfig"]["endpointPrivateAccess"])
        self.assertFalse(cluster["resourcesVpcConfig"]["endpointPublicAccess"])
        enabled = sorted(t for e in cluster["logging"]["clusterLogging"] if e.get("enabled") for t in e["types"])
        self.assertEqual(enabled, ["api", "audit"])
        self.assertEqual(cluster["tags"]["pave:platform"], "eksmoto")
        self.assertEqual(cluster["tags"]["pave:address"], "aws_eks_cluster.main")
        key_arn = cluster["encryptionConfig"][0]["provider"]["keyArn"]
        key = p.aws("kms", "describe-key", "--key-id", key_arn)["KeyMetadata"]
        self.assertEqual(key["KeyState"], "Enabled")

        ng = p.aws("eks", "describe-nodegroup", "--cluster-name", "eksmoto", "--nodegroup-name", "general")["nodegroup"]
        self.assertEqual(ng["scalingConfig"], {"minSize": 1, "maxSize": 3, "desiredSize": 2})
        self.assertEqual(ng["diskSize"], 40)
        self.assertEqual(ng["instanceTypes"], ["m6i.large"])
        self.assertTrue(ng["nodeRole"].endswith(":role/eksmoto-eks-nodes"))

        attached = p.aws("iam", "list-attached-role-policies", "--role-name", "eksmoto-eks-nodes")
        self.assertEqual(sorted(a["PolicyName"] for a in attached["AttachedPolicies"]),
                         ["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy"])
        attached = p.aws("iam", "list-attached-role-policies", "--role-name", "eksmoto-eks-cluster")
        self.assertEqual([a["PolicyName"] for a in attached["AttachedPolicies"]], ["AmazonEKSClusterPolicy"])

        issuer = cluster["identity"]["oidc"]["issuer"]
        host = issuer[len("https://"):]
        providers = p.aws("iam", "list-open-id-connect-providers")["OpenIDConnectProviderList"]
        self.assertEqual(len(providers), 1)
        provider_arn = providers[0]["Arn"]
        self.assertTrue(provider_arn.endswith(":oidc-provider/" + host), provider_arn)
        provider = p.aws("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", provider_arn)
        self.assertEqual(provider["ClientIDList"], ["sts.amazonaws.com"])

        role = p.aws("iam", "get-role", "--role-name", "eksmoto-kube-system-external-dns")["Role"]
        trust = role["AssumeRolePolicyDocument"]
        if isinstance(trust, str):
            trust = json.loads(trust)
        statement = trust["Statement"][0]
        self.assertEqual(statement["Action"], "sts:AssumeRoleWithWebIdentity")
        self.assertEqual(statement["Principal"]["Federated"], provider_arn)
        self.assertEqual(statement["Condition"]["StringEquals"],
                         {host + ":sub": "system:serviceaccount:kube-system:external-dns",
                          host + ":aud": "sts.amazonaws.com"})
        policy = p.aws("iam", "get-role-policy", "--role-name", "eksmoto-kube-system-external-dns",
                       "--policy-name", "route53-change")["PolicyDocument"]
        actions_allowed = [a for s in policy["Statement"] for a in s["Action"]]
        self.assertIn("route53:ChangeResourceRecordSets", actions_allowed)

        # A second plan shows no change.
        self.assertEqual(p.pave("plan", "--detailed-exitcode", ok=(0, 2)).returncode, 0,
                         p.pave("plan", ok=(0, 2)).stdout)

        # Node group sizes change in place: same node group, new sizes.
        p.write(CLUSTER_MOTO.format(max=5, desired=3))
        plan = p.plan_json()
        self.assertEqual(actions(plan), {"aws_eks_node_group.eks_general": "update"})
        p.pave("apply", "-y")
        after = p.aws("eks", "describe-nodegroup", "--cluster-name", "eksmoto", "--nodegroup-name", "general")["nodegroup"]
        self.assertEqual(after["scalingConfig"], {"minSize": 1, "maxSize": 5, "desiredSize": 3})
        self.assertEqual(after["nodegroupArn"], ng["nodegroupArn"])
        self.assertEqual(p.pave("plan", "--detailed-exitcode", ok=(0, 2)).returncode, 0)

        # `pave kubeconfig` and `pave credentials` describe this cluster.
        kube = p.pave("kubeconfig")
        self.assertIn(cluster["endpoint"], kube.stdout)
        self.assertIn("- --cluster\n", kube.stdout)
        creds = p.pave("credentials").stdout
        self.assertIn("export AWS_REGION='eu-west-1'", creds)
        self.assertIn("export PAVE_CLUSTER='eksmoto'", creds)

        # `pave outputs` shows what the cluster section declares, as AWS reports it.
        outputs = json.loads(p.pave("outputs", "--json").stdout)
        self.assertEqual(outputs["cluster.name"], "eksmoto")
        self.assertEqual(outputs["cluster.endpoint"], cluster["endpoint"])
        self.assertEqual(outputs["cluster.oidc_issuer"], issuer)
        self.assertEqual(outputs["cluster.service_accounts.kube-system.external-dns.role_arn"], role["Arn"])
        self.assertEqual(p.pave("outputs", "cluster.endpoint").stdout, cluster["endpoint"] + "\n")

        # Destroy: node group before cluster (moto refuses DeleteCluster with node groups).
        p.pave("destroy", "-y", "--allow-data-loss")
        self.assertEqual(p.aws("eks", "list-clusters")["clusters"], [])
        self.assertEqual(p.aws("iam", "list-open-id-connect-providers")["OpenIDConnectProviderList"], [])
        roles = [r["RoleName"] for r in p.aws("iam", "list-roles")["Roles"]]
        self.assertFalse([r for r in roles if r.startswith("eksmoto-")], roles)


CLUSTER_STANDIN = """cluster:
  version: "{version}"
  subnetIds: [subnet-0a000001, subnet-0b000002]
  endpoint: private+public
  nodeGroups:
    - {{name: general, min: 1, max: 3, desired: 1}}
  addons: [coredns, kube-proxy]
"""


class EksUpgradeAgainstStandIn(unittest.TestCase):
    """Add-ons and version upgrades. EKS calls go to eks_standin.py (AWS_ENDPOINT_URL_EKS),
    which implements CreateAddon/UpdateAddon/DeleteAddon/DescribeAddon/DescribeAddonVersions,
    UpdateClusterVersion, UpdateNodegroupVersion and DescribeUpdate as the EKS API reference
    documents them, with CREATING/UPDATING/DELETING states lasting a few polls; IAM and KMS
    go to moto."""

    @classmethod
    def setUpClass(cls):
        cls.moto_port, cls.eks_port = free_port(), free_port()
        cls.moto = start([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(cls.moto_port)],
                         cls.moto_port)
        cls.standin = start([sys.executable, os.path.join(HERE, "eks_standin.py"), str(cls.eks_port), REGION],
                            cls.eks_port)

    @classmethod
    def tearDownClass(cls):
        stop(cls.standin)
        stop(cls.moto)

    def calls(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.eks_port}/_calls", timeout=10) as r:
            return json.load(r)["calls"]

    def test_upgrade_is_in_place_control_plane_then_nodes_then_addons(self):
        env = base_env(self.moto_port)
        env["AWS_ENDPOINT_URL_EKS"] = f"http://127.0.0.1:{self.eks_port}"
        eks = env["AWS_ENDPOINT_URL_EKS"]
        p = Platform("eksup", env)
        p.write(CLUSTER_STANDIN.format(version="1.30"))
        p.pave("apply", "-y")
        addon = p.aws("eks", "describe-addon", "--cluster-name", "eksup", "--addon-name", "coredns", endpoint=eks)
        self.assertEqual(addon["addon"]["addonVersion"], "v1.11.1-eksbuild.1")
        self.assertEqual(addon["addon"]["tags"]["pave:address"], "aws_eks_addon.eks_coredns")
        self.assertEqual(p.pave("plan", "--detailed-exitcode", ok=(0, 2)).returncode, 0)

        p.write(CLUSTER_STANDIN.format(version="1.31"))
        plan = actions(p.plan_json())
        self.assertNotIn("replace", plan.values(), plan)
        self.assertNotIn("delete", plan.values(), plan)
        for address in ("aws_eks_cluster.main", "aws_eks_node_group.eks_general",
                        "aws_eks_addon.eks_coredns", "aws_eks_addon.eks_kube-proxy"):
            self.assertEqual(plan.get(address), "update", plan)
        # The cluster's endpoint and issuer survive an upgrade: the OIDC provider and the
        # roles that trust it are not part of the plan.
        changing = sorted(a for a, action in plan.items() if action != "no-op")
        self.assertEqual(changing, ["aws_eks_addon.eks_coredns", "aws_eks_addon.eks_kube-proxy",
                                    "aws_eks_cluster.main", "aws_eks_node_group.eks_general"], plan)
        before = len(self.calls())
        upgraded = p.pave("apply", "-y")
        # Checked first (DescribeAddonVersions for the target), and the order said.
        self.assertIn("upgrade of aws_eks_cluster.main from 1.30 to 1.31: control plane first, then node "
                      "groups (aws_eks_node_group.eks_general), then add-ons (aws_eks_addon.eks_coredns, "
                      "aws_eks_addon.eks_kube-proxy)", upgraded.stderr)
        calls = self.calls()[before:]
        self.assertLess(calls.index("DescribeAddonVersions"), calls.index("UpdateClusterVersion"), calls)
        self.assertEqual(calls.count("UpdateClusterVersion"), 1, calls)
        self.assertNotIn("CreateCluster", calls)
        self.assertNotIn("DeleteCluster", calls)
        last_cluster = calls.index("UpdateClusterVersion")
        first_nodes = calls.index("UpdateNodegroupVersion")
        addon_updates = [i for i, c in enumerate(calls) if c == "UpdateAddon"]
        self.assertEqual(len(addon_updates), 2, calls)
        self.assertLess(last_cluster, first_nodes)
        self.assertLess(first_nodes, min(addon_updates))
        cluster = p.aws("eks", "describe-cluster", "--name", "eksup", endpoint=eks)["cluster"]
        self.assertEqual(cluster["version"], "1.31")
        ng = p.aws("eks", "describe-nodegroup", "--cluster-name", "eksup", "--nodegroup-name", "general",
                   endpoint=eks)["nodegroup"]
        self.assertEqual(ng["version"], "1.31")
        addon = p.aws("eks", "describe-addon", "--cluster-name", "eksup", "--addon-name", "coredns", endpoint=eks)
        self.assertEqual(addon["addon"]["addonVersion"], "v1.11.3-eksbuild.1")
        self.assertEqual(p.pave("plan", "--detailed-exitcode", ok=(0, 2)).returncode, 0)

        # An upgrade to a version the add-ons have none for: plan warns, apply refuses before
        # any change (the stand-in, like EKS, lists no add-on version for 1.32 here).
        p.write(CLUSTER_STANDIN.format(version="1.32"))
        warned = p.pave("plan", ok=(0, 2))
        self.assertIn("add-on coredns has no version for Kubernetes 1.32", warned.stderr)
        before = len(self.calls())
        refused = p.pave("apply", "-y", ok=(1,))
        self.assertIn("aws_eks_addon.eks_coredns: add-on coredns has no version for Kubernetes 1.32",
                      refused.stderr)
        self.assertNotIn("UpdateClusterVersion", self.calls()[before:])
        cluster = p.aws("eks", "describe-cluster", "--name", "eksup", endpoint=eks)["cluster"]
        self.assertEqual(cluster["version"], "1.31")
        p.write(CLUSTER_STANDIN.format(version="1.31"))

        before = len(self.calls())
        p.pave("destroy", "-y", "--allow-data-loss")
        calls = self.calls()[before:]
        delete_cluster = calls.index("DeleteCluster")
        self.assertLess(calls.index("DeleteNodegroup"), delete_cluster, calls)
        self.assertLess(max(i for i, c in enumerate(calls) if c == "DeleteAddon"), delete_cluster, calls)
        self.assertEqual(p.aws("eks", "list-clusters", endpoint=eks).get("clusters", []), [])


class EksToken(unittest.TestCase):
    """`pave eks token` against `aws eks get-token` for the same keys, cluster and region.
    Neither calls the network: both presign an STS GetCallerIdentity URL."""

    def decode(self, doc):
        token = doc["status"]["token"]
        self.assertTrue(token.startswith("k8s-aws-v1."))
        body = token[len("k8s-aws-v1."):]
        self.assertNotIn("=", body)
        url = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
        u = urlparse(url)
        return u, {k: v[0] for k, v in parse_qs(u.query).items()}

    def test_same_fields_as_aws_eks_get_token(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(CREDS)
        env.update({"AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLE/+=", "AWS_CONFIG_FILE": os.devnull,
                    "AWS_SHARED_CREDENTIALS_FILE": os.devnull})
        with tempfile.TemporaryDirectory() as d:
            mine = subprocess.run([PAVE, "eks", "token", "--cluster", "prod", "--region", REGION], cwd=d, env=env,
                                  capture_output=True, text=True, timeout=60)
        if mine.returncode != 0 and "not expected" in mine.stderr:
            self.skipTest("pave eks token is not wired into this build's command line: " + mine.stderr.strip())
        self.assertEqual(mine.returncode, 0, mine.stderr)
        theirs = subprocess.run(["aws", "eks", "get-token", "--cluster-name", "prod", "--region", REGION], env=env,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(theirs.returncode, 0, theirs.stderr)
        a, b = json.loads(mine.stdout), json.loads(theirs.stdout)
        self.assertEqual(a["kind"], b["kind"])
        self.assertEqual(a["apiVersion"], b["apiVersion"])
        self.assertEqual(a["spec"], b["spec"])
        # Expiry: 14 minutes from now in both; allow the seconds between the two runs.
        fmt = "%Y-%m-%dT%H:%M:%SZ"
        ta = time.mktime(time.strptime(a["status"]["expirationTimestamp"], fmt))
        tb = time.mktime(time.strptime(b["status"]["expirationTimestamp"], fmt))
        self.assertLessEqual(abs(ta - tb), 120)
        ua, qa = self.decode(a)
        ub, qb = self.decode(b)
        self.assertEqual((ua.scheme, ua.netloc, ua.path), (ub.scheme, ub.netloc, ub.path))
        self.assertEqual(sorted(qa), sorted(qb))
        for name in qa:
            if name in ("X-Amz-Date", "X-Amz-Signature"):
                continue
            if name == "X-Amz-Credential":  # key/date/region/service/aws4_request: the date may differ
                pa, pb = qa[name].split("/"), qb[name].split("/")
                self.assertEqual(pa[0], pb[0])
                self.assertEqual(pa[2:], pb[2:])
                continue
            self.assertEqual(qa[name], qb[name], name)
        self.assertEqual(len(qa["X-Amz-Signature"]), 64)



def git(*args):
    p = subprocess.run(["git", *args], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("git %s: %s" % (" ".join(args), p.stderr))
    return p.stdout


def kustomize(directory):
    """The documents `kubectl kustomize` builds from `directory` (Debian's kubectl, an independent client)."""
    import yaml
    p = subprocess.run(["kubectl", "kustomize", directory], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("kubectl kustomize %s: %s" % (directory, p.stderr))
    return [d for d in yaml.safe_load_all(p.stdout) if d]


ADDONS = CLUSTER_MOTO.format(max=2, desired=1) + """dns:
  domain: addons.example.org
kubernetes:
  addons:
ADDONS_LIST"""

ALL_ADDONS = ["aws-load-balancer-controller", "external-dns", "cluster-autoscaler", "external-secrets",
              "metrics-server", "argocd", "{name: ingress-nginx, version: \"4.11.3\"}"]

# add-on -> (namespace, service account); the others call no AWS API and get no role.
ADDON_ACCOUNTS = {"aws-load-balancer-controller": ("kube-system", "aws-load-balancer-controller"),
                  "external-dns": ("external-dns", "external-dns"),
                  "cluster-autoscaler": ("kube-system", "cluster-autoscaler"),
                  "external-secrets": ("external-secrets", "external-secrets")}


class AddonRolesAgainstMoto(AgainstMoto):
    """The `kubernetes.addons` section's AWS half (issue 17): one role per add-on that calls AWS,
    trusted only by its service account through the cluster's OIDC provider, with a policy
    scoped to the platform; read back with the AWS CLI."""

    def test_roles_for_service_accounts_outputs_and_removal(self):
        p = Platform("addons", base_env(self.port))
        self.addCleanup(p.tmp.cleanup)
        p.write(ADDONS.replace("ADDONS_LIST", "".join("    - %s\n" % a for a in ALL_ADDONS)))
        p.pave("apply", "-y")
        provider = p.aws("iam", "list-open-id-connect-providers")["OpenIDConnectProviderList"][0]["Arn"]
        host = provider.split(":oidc-provider/", 1)[1]
        for addon, (namespace, account) in ADDON_ACCOUNTS.items():
            role = p.aws("iam", "get-role", "--role-name", "addons-" + addon)["Role"]
            trust = role["AssumeRolePolicyDocument"]
            if isinstance(trust, str):
                trust = json.loads(urllib.parse.unquote(trust))
            [statement] = trust["Statement"]
            self.assertEqual(statement["Principal"], {"Federated": provider}, addon)
            self.assertEqual(statement["Action"], "sts:AssumeRoleWithWebIdentity")
            self.assertEqual(statement["Condition"]["StringEquals"],
                             {host + ":sub": "system:serviceaccount:%s:%s" % (namespace, account),
                              host + ":aud": "sts.amazonaws.com"}, addon)
            shown = p.pave("outputs", "kubernetes.addons.%s.role_arn" % addon).stdout.strip()
            self.assertEqual(shown, role["Arn"], addon)
            self.assertEqual(p.aws("iam", "list-role-policies", "--role-name", "addons-" + addon)["PolicyNames"],
                             [addon])
        for addon in ["metrics-server", "argocd", "ingress-nginx"]:
            with self.assertRaises(AssertionError):
                p.aws("iam", "get-role", "--role-name", "addons-" + addon)
        # external-dns may change records only in the platform's zone.
        zone = p.aws("route53", "list-hosted-zones-by-name", "--dns-name", "addons.example.org")["HostedZones"][0]
        zone_id = zone["Id"].split("/")[-1]
        policy = p.aws("iam", "get-role-policy", "--role-name", "addons-external-dns", "--policy-name",
                       "external-dns")["PolicyDocument"]
        if isinstance(policy, str):
            policy = json.loads(urllib.parse.unquote(policy))
        self.assertEqual(policy["Statement"][0]["Resource"], ["arn:aws:route53:::hostedzone/" + zone_id])
        second = p.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)

        # Removing an add-on deletes its role and policy, and nothing else.
        p.write(ADDONS.replace("ADDONS_LIST", "".join("    - %s\n" % a for a in ALL_ADDONS if a != "external-dns")))
        self.assertEqual(actions(p.plan_json()), {"aws_iam_role.addon_external_dns": "delete",
                                                  "aws_iam_role_policy.addon_external_dns": "delete"})
        p.pave("apply", "-y")
        with self.assertRaises(AssertionError):
            p.aws("iam", "get-role", "--role-name", "addons-external-dns")
        p.pave("destroy", "-y", "--allow-data-loss")
        self.assertEqual(p.aws("eks", "list-clusters")["clusters"], [])
        self.assertEqual([r["RoleName"] for r in p.aws("iam", "list-roles")["Roles"] if r["RoleName"].startswith("addons-")], [])

    def test_rendered_into_git_kustomize_builds_values_carry_the_roles(self):
        p = Platform("gitshop", base_env(self.port))
        self.addCleanup(p.tmp.cleanup)
        remote = os.path.join(p.dir, "remote.git")   # a bare repository on this machine stands in for the team's
        git("init", "--quiet", "--bare", "--initial-branch=main", remote)
        gitops = "gitops:\n  repository: %s\n  path: clusters/shop\n" % remote
        body = ADDONS.replace("addons.example.org", "gitshop.example.org")
        p.write(body.replace("ADDONS_LIST", "".join("    - %s\n" % a for a in ALL_ADDONS)) + gitops)
        p.pave("apply", "-y")
        self.assertEqual(git("--git-dir", remote, "rev-list", "--count", "main").strip(), "1")
        checkout = os.path.join(p.dir, "checkout")
        git("clone", "--quiet", remote, checkout)
        shop = os.path.join(checkout, "clusters", "shop")
        # Every entry point builds with kustomize; the root syncs the add-ons' directory.
        root = kustomize(shop)
        self.assertEqual([(d["kind"], d["metadata"]["name"]) for d in root], [("Application", "gitshop-addons")])
        self.assertEqual(root[0]["spec"]["source"], {"repoURL": remote, "targetRevision": "main",
                                                     "path": "clusters/shop/addons"})
        apps = {d["metadata"]["name"]: d for d in kustomize(os.path.join(shop, "addons"))}
        self.assertEqual(sorted(apps), sorted(["aws-load-balancer-controller", "external-dns", "cluster-autoscaler",
                                               "external-secrets", "metrics-server", "argocd", "ingress-nginx"]))
        self.assertEqual(apps["ingress-nginx"]["spec"]["source"]["targetRevision"], "4.11.3")
        for addon, (namespace, account) in ADDON_ACCOUNTS.items():
            role = p.aws("iam", "get-role", "--role-name", "gitshop-" + addon)["Role"]
            spec = apps[addon]["spec"]
            self.assertEqual(spec["destination"]["namespace"], namespace)
            values = spec["source"]["helm"]["valuesObject"]
            sa = values["rbac"]["serviceAccount"] if addon == "cluster-autoscaler" else values["serviceAccount"]
            self.assertEqual(sa["name"], account)
            self.assertEqual(sa["annotations"]["eks.amazonaws.com/role-arn"], role["Arn"], addon)
        self.assertEqual(apps["external-dns"]["spec"]["source"]["helm"]["valuesObject"]["domainFilters"],
                         ["gitshop.example.org"])
        shown = p.pave("outputs", "gitops.commit").stdout.strip()
        self.assertEqual(shown, git("--git-dir", remote, "rev-parse", "main").strip())
        message = git("--git-dir", remote, "log", "-1", "--format=%B", "main")
        self.assertTrue(message.startswith("pave 0."), message)
        with open(os.path.join(p.dir, ".pave", "state.json")) as f:
            serial = json.load(f)["serial"]
        self.assertIn("state serial %d," % serial, message)  # the version this apply saved

        # Nothing changed: no commit. Others' commits elsewhere in the repository stay.
        git("-C", checkout, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "--quiet", "--allow-empty",
            "-m", "theirs")
        git("-C", checkout, "push", "--quiet", "origin", "main")
        p.pave("apply", "-y")
        self.assertEqual(git("--git-dir", remote, "rev-list", "--count", "main").strip(), "2")
        plan = p.plan_json()
        self.assertEqual(actions(plan), {})

        # Removing an add-on: one commit that removes its Application, and its role deleted.
        p.write(body.replace("ADDONS_LIST", "".join("    - %s\n" % a for a in ALL_ADDONS if a != "external-dns"))
                + gitops)
        self.assertEqual(actions(p.plan_json()), {"aws_iam_role.addon_external_dns": "delete",
                                                  "aws_iam_role_policy.addon_external_dns": "delete",
                                                  "git_repository_files.gitops": "update"})
        p.pave("apply", "-y")
        self.assertEqual(git("--git-dir", remote, "rev-list", "--count", "main").strip(), "3")
        tree = git("--git-dir", remote, "ls-tree", "-r", "--name-only", "main").split()
        self.assertNotIn("clusters/shop/addons/external-dns.yaml", tree)
        self.assertIn("clusters/shop/addons/argocd.yaml", tree)
        with self.assertRaises(AssertionError):
            p.aws("iam", "get-role", "--role-name", "gitshop-external-dns")
        p.pave("destroy", "-y", "--allow-data-loss")
        self.assertEqual(git("--git-dir", remote, "ls-tree", "-r", "--name-only", "main").split(), [])


    def test_deploy_key_private_half_only_in_ssm_registered_on_github(self):
        from github_standin import GithubStandIn
        token = "ghp_canary_token_%d" % os.getpid()
        github = GithubStandIn(token)
        self.addCleanup(github.stop)
        env = dict(base_env(self.port), GITHUB_TOKEN=token, GITHUB_API_URL=github.url)
        p = Platform("keyshop", env)
        self.addCleanup(p.tmp.cleanup)
        remote = os.path.join(p.dir, "remote.git")
        git("init", "--quiet", "--bare", "--initial-branch=main", remote)
        body = ADDONS.replace("addons.example.org", "keyshop.example.org").replace(
            "ADDONS_LIST", "    - metrics-server\n    - external-secrets\n")
        p.write(body + "gitops:\n  repository: %s\n  deployKey: {github: acme/shop-platform}\n" % remote)
        applied = p.pave("apply", "-y")

        # The private half is in SSM only, as a SecureString; its public half is what GitHub got.
        parameter = p.aws("ssm", "get-parameter", "--name", "/keyshop/gitops/deploy-key",
                          "--with-decryption")["Parameter"]
        self.assertEqual(parameter["Type"], "SecureString")
        private = parameter["Value"]
        self.assertTrue(private.startswith("-----BEGIN OPENSSH PRIVATE KEY-----"), private[:40])
        key_file = os.path.join(p.dir, "id")
        with open(key_file, "w") as f:
            f.write(private)
        os.chmod(key_file, 0o600)
        derived = subprocess.run(["ssh-keygen", "-y", "-f", key_file], capture_output=True, text=True, check=True)
        os.remove(key_file)
        [key] = github.keys.values()
        self.assertEqual(key["repository"], "acme/shop-platform")
        self.assertTrue(key["read_only"])
        self.assertEqual(key["title"], "pave keyshop (ArgoCD, read-only)")
        self.assertEqual(key["key"].split()[:2], derived.stdout.split()[:2])
        posts = [r for r in github.requests if r[0] == "POST"]
        self.assertEqual(len(posts), 1)
        self.assertEqual(posts[0][2]["Authorization"], "Bearer " + token)
        self.assertEqual(posts[0][2]["X-GitHub-Api-Version"], "2022-11-28")
        shown = p.pave("outputs", "gitops.deploy_key").stdout.strip()
        self.assertEqual(shown.split()[:2], derived.stdout.split()[:2])
        # ArgoCD reads the repository with it through External Secrets: no secret in git.
        checkout = os.path.join(p.dir, "checkout")
        git("clone", "--quiet", remote, checkout)
        docs = kustomize(os.path.join(checkout, "clusters", "keyshop", "addons"))
        [external] = [d for d in docs if d["kind"] == "ExternalSecret"]
        self.assertEqual(external["spec"]["data"][0]["remoteRef"]["key"], "/keyshop/gitops/deploy-key")
        self.assertEqual(external["spec"]["target"]["template"]["data"]["url"], remote)
        self.assertEqual([d["metadata"]["name"] for d in docs if d["kind"] == "ClusterSecretStore"],
                         ["keyshop-parameter-store"])
        for root, _, names in os.walk(checkout):
            for name in names:
                if ".git" not in root.split(os.sep):
                    with open(os.path.join(root, name)) as f:
                        self.assertNotIn(private.splitlines()[1], f.read(), name)

        # Canary: neither the private key nor the token in state, journal, history or output.
        secret_line = private.splitlines()[1]
        outputs = p.pave("outputs", "--json").stdout
        for text, where in [(applied.stdout + applied.stderr, "apply output"), (outputs, "outputs")]:
            self.assertNotIn(secret_line, text, where)
            self.assertNotIn(token, text, where)
        for root, _, names in os.walk(os.path.join(p.dir, ".pave")):
            for name in names:
                with open(os.path.join(root, name), "rb") as f:
                    data = f.read()
                self.assertNotIn(secret_line.encode(), data, name)
                self.assertNotIn(token.encode(), data, name)

        second = p.pave("plan", "--detailed-exitcode", ok=(0, 2))
        self.assertEqual(second.returncode, 0, second.stdout)
        p.pave("destroy", "-y", "--allow-data-loss")
        self.assertEqual(github.keys, {})
        with self.assertRaises(AssertionError):
            p.aws("ssm", "get-parameter", "--name", "/keyshop/gitops/deploy-key")


if __name__ == "__main__":
    unittest.main()
