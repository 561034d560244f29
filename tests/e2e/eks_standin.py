"""A loopback stand-in for the parts of the Amazon EKS API that moto does not implement
(CreateAddon, UpdateAddon, DeleteAddon, DescribeAddon, DescribeAddonVersions,
UpdateClusterVersion, UpdateNodegroupVersion, DescribeUpdate), plus the cluster and node-group
operations around them so one endpoint serves a whole cluster.

It answers as the EKS API reference documents (REST-JSON: paths, status codes, the
x-amzn-ErrorType header), and behaves asynchronously like EKS: a new cluster, node group or
add-on is CREATING for a few describes before it is ACTIVE, an update is InProgress for a few
DescribeUpdate calls before it is Successful, and deletions take a few describes too. It
records every operation in order (GET /_calls) so tests can check what pave called and when.

Run: python3 eks_standin.py PORT [REGION [EC2_ENDPOINT]]  (prints "ready" when listening).
Only 127.0.0.1. With EC2_ENDPOINT (moto), a new cluster gets a real cluster security group
there, in the VPC of its first subnet, as EKS makes one (so rules that admit the nodes by that
group work); without it the group id is a placeholder.
"""

import json
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

ACCOUNT = "123456789012"
SETTLE = 2  # describes before a change settles
# The add-on versions the stand-in knows; the default per Kubernetes version is marked.
ADDON_VERSIONS = {
    "coredns": [("v1.11.1-eksbuild.1", "1.30", True), ("v1.11.3-eksbuild.1", "1.31", True),
                ("v1.11.3-eksbuild.2", "1.31", False)],
    "kube-proxy": [("v1.30.0-eksbuild.3", "1.30", True), ("v1.31.0-eksbuild.5", "1.31", True)],
    "vpc-cni": [("v1.18.1-eksbuild.1", "1.30", True), ("v1.18.5-eksbuild.1", "1.31", True)],
}


class ApiError(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class Eks:
    def __init__(self, region, ec2_endpoint=None):
        self.region = region
        self.ec2 = None
        if ec2_endpoint:
            import botocore.session  # only for this optional part
            self.ec2 = botocore.session.get_session().create_client(
                "ec2", region_name=region, endpoint_url=ec2_endpoint,
                aws_access_key_id="standin", aws_secret_access_key="standin")
        self.lock = threading.Lock()
        self.clusters, self.nodegroups, self.addons, self.updates = {}, {}, {}, {}
        self.looks = {}
        self.calls = []

    # --- helpers ---
    def settle(self, key, item):
        """CREATING/UPDATING -> ACTIVE, DELETING -> gone, after SETTLE looks."""
        self.looks[key] = self.looks.get(key, 0) + 1
        if self.looks[key] < SETTLE:
            return item
        if item["status"] in ("CREATING", "UPDATING"):
            item["status"] = "ACTIVE"
        return item

    def cluster(self, name):
        c = self.clusters.get(name)
        if c is None:
            raise ApiError(404, "ResourceNotFoundException", f"No cluster found for name: {name}.")
        return c

    def start_update(self, kind, params, cluster, nodegroup=None, addon=None):
        uid = str(uuid.uuid4())
        u = {"id": uid, "status": "InProgress", "type": kind, "params": params, "errors": [],
             "createdAt": 1767323045.0}
        self.updates[uid] = (u, cluster, nodegroup, addon)
        self.looks["update:" + uid] = 0
        return {"update": dict(u)}

    def arn(self, kind, path):
        return f"arn:aws:eks:{self.region}:{ACCOUNT}:{kind}/{path}"

    # --- clusters ---
    def create_cluster(self, body):
        name = body["name"]
        if name in self.clusters:
            raise ApiError(409, "ResourceInUseException", f"Cluster already exists with name: {name}")
        logging = body.get("logging") or {"clusterLogging": [{"types": [], "enabled": False}]}
        vpc = dict(body["resourcesVpcConfig"])
        vpc.setdefault("securityGroupIds", [])
        vpc["clusterSecurityGroupId"] = self.cluster_security_group(name, vpc.get("subnetIds", []))
        vpc.setdefault("endpointPrivateAccess", False)
        vpc.setdefault("endpointPublicAccess", True)
        vpc.setdefault("publicAccessCidrs", ["0.0.0.0/0"])
        c = {"name": name, "arn": self.arn("cluster", name), "version": body.get("version", "1.31"),
             "roleArn": body["roleArn"], "resourcesVpcConfig": vpc, "logging": logging,
             "status": "CREATING", "endpoint": f"https://{name.upper()}.gr7.{self.region}.eks.amazonaws.com",
             "certificateAuthority": {"data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="},
             "identity": {"oidc": {"issuer": f"https://oidc.eks.{self.region}.amazonaws.com/id/{name.upper()}"}},
             "platformVersion": "eks.1", "tags": body.get("tags", {}),
             "encryptionConfig": body.get("encryptionConfig", [])}
        self.clusters[name] = c
        return {"cluster": c}

    def describe_cluster(self, name):
        c = self.cluster(name)
        if c["status"] == "DELETING":
            self.looks["del:" + name] = self.looks.get("del:" + name, 0) + 1
            if self.looks["del:" + name] >= SETTLE:
                del self.clusters[name]
                raise ApiError(404, "ResourceNotFoundException", f"No cluster found for name: {name}.")
            return {"cluster": c}
        return {"cluster": self.settle("cluster:" + name, c)}

    def cluster_security_group(self, name, subnets):
        if not self.ec2 or not subnets:
            return "sg-standin"
        subnet = self.ec2.describe_subnets(SubnetIds=subnets[:1])["Subnets"][0]
        group = self.ec2.create_security_group(
            GroupName=f"eks-cluster-sg-{name}-{uuid.uuid4().hex[:8]}", VpcId=subnet["VpcId"],
            Description="EKS created security group applied to ENI that is attached to EKS "
                        "Control Plane master nodes, as well as any managed workloads.")
        return group["GroupId"]

    def delete_cluster(self, name):
        c = self.cluster(name)
        if any(k[0] == name for k in self.nodegroups):
            raise ApiError(409, "ResourceInUseException", "Cluster has nodegroups attached")
        c["status"] = "DELETING"
        group = c["resourcesVpcConfig"].get("clusterSecurityGroupId", "")
        if self.ec2 and group.startswith("sg-") and group != "sg-standin":
            try:
                self.ec2.delete_security_group(GroupId=group)
            except Exception as e:  # still referenced: EKS would retry; report it
                raise ApiError(409, "ResourceInUseException", f"cluster security group: {e}")
        for k in [k for k in self.addons if k[0] == name]:
            del self.addons[k]
        return {"cluster": c}

    def update_cluster_version(self, name, body):
        c = self.cluster(name)
        if c["status"] != "ACTIVE":
            raise ApiError(409, "ResourceInUseException", "Cluster is not ACTIVE")
        c["version"] = body["version"]
        c["status"] = "UPDATING"
        self.looks["cluster:" + name] = 0
        return self.start_update("VersionUpdate", [{"type": "Version", "value": body["version"]}], name)

    def update_cluster_config(self, name, body):
        c = self.cluster(name)
        if "logging" in body:
            enabled = set()
            for entry in c["logging"]["clusterLogging"]:
                if entry.get("enabled"):
                    enabled |= set(entry["types"])
            for entry in body["logging"]["clusterLogging"]:
                enabled = enabled | set(entry["types"]) if entry.get("enabled") else enabled - set(entry["types"])
            c["logging"] = {"clusterLogging": [{"types": sorted(enabled), "enabled": True}]}
        if "resourcesVpcConfig" in body:
            c["resourcesVpcConfig"].update(body["resourcesVpcConfig"])
        return self.start_update("ConfigUpdate", [], name)

    # --- node groups ---
    def nodegroup(self, cluster, name):
        ng = self.nodegroups.get((cluster, name))
        if ng is None:
            raise ApiError(404, "ResourceNotFoundException", f"No node group found for name: {name}.")
        return ng

    def create_nodegroup(self, cluster, body):
        c = self.cluster(cluster)
        name = body["nodegroupName"]
        if (cluster, name) in self.nodegroups:
            raise ApiError(409, "ResourceInUseException", f"NodeGroup already exists with name {name}")
        ng = {"nodegroupName": name, "clusterName": cluster,
              "nodegroupArn": self.arn("nodegroup", f"{cluster}/{name}/{uuid.uuid4()}"),
              "version": body.get("version", c["version"]), "releaseVersion": "standin",
              "status": "CREATING", "capacityType": body.get("capacityType", "ON_DEMAND"),
              "scalingConfig": body.get("scalingConfig", {"minSize": 1, "maxSize": 2, "desiredSize": 2}),
              "instanceTypes": body.get("instanceTypes", ["t3.medium"]), "subnets": body["subnets"],
              "amiType": body.get("amiType", "AL2023_x86_64_STANDARD"), "nodeRole": body["nodeRole"],
              "labels": body.get("labels", {}), "diskSize": body.get("diskSize", 20),
              "tags": body.get("tags", {})}
        self.nodegroups[(cluster, name)] = ng
        return {"nodegroup": ng}

    def describe_nodegroup(self, cluster, name):
        ng = self.nodegroup(cluster, name)
        if ng["status"] == "DELETING":
            key = f"ngdel:{cluster}:{name}"
            self.looks[key] = self.looks.get(key, 0) + 1
            if self.looks[key] >= SETTLE:
                del self.nodegroups[(cluster, name)]
                raise ApiError(404, "ResourceNotFoundException", f"No node group found for name: {name}.")
            return {"nodegroup": ng}
        return {"nodegroup": self.settle(f"ng:{cluster}:{name}", ng)}

    def update_nodegroup_config(self, cluster, name, body):
        ng = self.nodegroup(cluster, name)
        if "scalingConfig" in body:
            ng["scalingConfig"] = body["scalingConfig"]
        labels = body.get("labels", {})
        ng["labels"].update(labels.get("addOrUpdateLabels", {}))
        for k in labels.get("removeLabels", []):
            ng["labels"].pop(k, None)
        return self.start_update("ConfigUpdate", [], cluster, nodegroup=name)

    def update_nodegroup_version(self, cluster, name, body):
        ng = self.nodegroup(cluster, name)
        c = self.cluster(cluster)
        version = body.get("version", c["version"])
        if version != c["version"]:
            raise ApiError(400, "InvalidParameterException",
                           f"Requested Nodegroup version {version} is not the cluster version {c['version']}")
        ng["version"] = version
        return self.start_update("VersionUpdate", [{"type": "Version", "value": version}], cluster, nodegroup=name)

    def delete_nodegroup(self, cluster, name):
        ng = self.nodegroup(cluster, name)
        ng["status"] = "DELETING"
        return {"nodegroup": ng}

    # --- add-ons ---
    def addon(self, cluster, name):
        a = self.addons.get((cluster, name))
        if a is None:
            raise ApiError(404, "ResourceNotFoundException", f"No addon: {name} found in cluster: {cluster}")
        return a

    def default_version(self, name, k8s):
        for version, cluster_version, default in ADDON_VERSIONS.get(name, []):
            if cluster_version == k8s and default:
                return version
        raise ApiError(400, "InvalidParameterException", f"Addon {name} has no version for {k8s}")

    def create_addon(self, cluster, body):
        c = self.cluster(cluster)
        name = body["addonName"]
        if (cluster, name) in self.addons:
            raise ApiError(409, "ResourceInUseException", f"Addon already exists with name: {name}")
        a = {"addonName": name, "clusterName": cluster, "status": "CREATING",
             "addonVersion": body.get("addonVersion") or self.default_version(name, c["version"]),
             "addonArn": self.arn("addon", f"{cluster}/{name}/{uuid.uuid4()}"),
             "serviceAccountRoleArn": body.get("serviceAccountRoleArn", ""), "tags": body.get("tags", {})}
        self.addons[(cluster, name)] = a
        return {"addon": a}

    def describe_addon(self, cluster, name):
        a = self.addon(cluster, name)
        if a["status"] == "DELETING":
            key = f"addel:{cluster}:{name}"
            self.looks[key] = self.looks.get(key, 0) + 1
            if self.looks[key] >= SETTLE:
                del self.addons[(cluster, name)]
                raise ApiError(404, "ResourceNotFoundException", f"No addon: {name} found in cluster: {cluster}")
            return {"addon": a}
        return {"addon": self.settle(f"addon:{cluster}:{name}", a)}

    def update_addon(self, cluster, name, body):
        a = self.addon(cluster, name)
        if "addonVersion" in body:
            a["addonVersion"] = body["addonVersion"]
        if "serviceAccountRoleArn" in body:
            a["serviceAccountRoleArn"] = body["serviceAccountRoleArn"]
        return self.start_update("AddonUpdate", [], cluster, addon=name)

    def delete_addon(self, cluster, name):
        a = self.addon(cluster, name)
        a["status"] = "DELETING"
        return {"addon": a}

    def describe_addon_versions(self, query):
        name = query.get("addonName", [""])[0]
        k8s = query.get("kubernetesVersion", [""])[0]
        versions = [{"addonVersion": v, "compatibilities": [{"clusterVersion": cv, "defaultVersion": d}]}
                    for v, cv, d in ADDON_VERSIONS.get(name, []) if not k8s or cv == k8s]
        return {"addons": [{"addonName": name, "addonVersions": versions}] if versions else []}

    def describe_update(self, cluster, uid):
        if uid not in self.updates:
            raise ApiError(404, "ResourceNotFoundException", f"No update found for ID: {uid}")
        u, c, _, _ = self.updates[uid]
        self.looks["update:" + uid] += 1
        if self.looks["update:" + uid] >= SETTLE:
            u["status"] = "Successful"
            if c in self.clusters and self.clusters[c]["status"] == "UPDATING":
                self.clusters[c]["status"] = "ACTIVE"
        return {"update": dict(u)}

    def find_tagged(self, arn):
        for item in list(self.clusters.values()) + list(self.nodegroups.values()) + list(self.addons.values()):
            if arn in (item.get("arn"), item.get("nodegroupArn"), item.get("addonArn")):
                return item
        raise ApiError(404, "ResourceNotFoundException", f"Resource not found: {arn}")

    # --- routing ---
    def route(self, method, path, query, body):
        parts = [unquote(p) for p in path.strip("/").split("/")]
        p = parts + [""] * (6 - len(parts))
        if p[0] == "tags":
            arn = unquote("/".join(path.strip("/").split("/")[1:]))
            item = self.find_tagged(arn)
            if method == "POST":
                item["tags"].update(body.get("tags", {}))
                return "TagResource", {}
            if method == "DELETE":
                for k in query.get("tagKeys", []):
                    item["tags"].pop(k, None)
                return "UntagResource", {}
            return "ListTagsForResource", {"tags": item["tags"]}
        if p[0] == "addons" and p[1] == "supported-versions":
            return "DescribeAddonVersions", self.describe_addon_versions(query)
        if p[0] != "clusters":
            raise ApiError(404, "NotFoundException", "unknown path " + path)
        table = {
            ("GET", 1, ""): ("ListClusters", lambda: {"clusters": sorted(self.clusters)}),
            ("POST", 1, ""): ("CreateCluster", lambda: self.create_cluster(body)),
            ("GET", 2, ""): ("DescribeCluster", lambda: self.describe_cluster(p[1])),
            ("DELETE", 2, ""): ("DeleteCluster", lambda: self.delete_cluster(p[1])),
            ("POST", 3, "updates"): ("UpdateClusterVersion", lambda: self.update_cluster_version(p[1], body)),
            ("POST", 3, "update-config"): ("UpdateClusterConfig", lambda: self.update_cluster_config(p[1], body)),
            ("GET", 4, "updates"): ("DescribeUpdate", lambda: self.describe_update(p[1], p[3])),
            ("GET", 3, "node-groups"): ("ListNodegroups", lambda: {"nodegroups": [
                k[1] for k in self.nodegroups if k[0] == p[1]]}),
            ("POST", 3, "node-groups"): ("CreateNodegroup", lambda: self.create_nodegroup(p[1], body)),
            ("GET", 4, "node-groups"): ("DescribeNodegroup", lambda: self.describe_nodegroup(p[1], p[3])),
            ("DELETE", 4, "node-groups"): ("DeleteNodegroup", lambda: self.delete_nodegroup(p[1], p[3])),
            ("GET", 3, "addons"): ("ListAddons", lambda: {"addons": [k[1] for k in self.addons if k[0] == p[1]]}),
            ("POST", 3, "addons"): ("CreateAddon", lambda: self.create_addon(p[1], body)),
            ("GET", 4, "addons"): ("DescribeAddon", lambda: self.describe_addon(p[1], p[3])),
            ("DELETE", 4, "addons"): ("DeleteAddon", lambda: self.delete_addon(p[1], p[3])),
            ("POST", 5, "addons"): ("UpdateAddon", lambda: self.update_addon(p[1], p[3], body)),
        }
        if p[2] == "node-groups" and len(parts) == 5:
            op = {"update-config": ("UpdateNodegroupConfig", self.update_nodegroup_config),
                  "update-version": ("UpdateNodegroupVersion", self.update_nodegroup_version)}.get(p[4])
            if op:
                return op[0], op[1](p[1], p[3], body)
        entry = table.get((method, len(parts), p[2]))
        if entry is None:
            raise ApiError(404, "NotFoundException", f"unknown operation {method} {path}")
        return entry[0], entry[1]()


def make_handler(eks):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, doc, error_type=None):
            data = json.dumps(doc).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            if error_type:
                self.send_header("x-amzn-ErrorType", error_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self):
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if url.path == "/_calls":
                with eks.lock:
                    return self.answer(200, {"calls": eks.calls})
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                return self.answer(400, {"message": "body is not JSON"}, "SerializationException")
            with eks.lock:
                try:
                    op, out = eks.route(self.command, url.path, parse_qs(url.query), body)
                    eks.calls.append(op)
                    return self.answer(200, out)
                except ApiError as e:
                    eks.calls.append(f"error:{e.code}")
                    return self.answer(e.status, {"message": e.message}, e.code)

        do_GET = do_POST = do_DELETE = do_PUT = handle_any

    return Handler


def main():
    port = int(sys.argv[1])
    region = sys.argv[2] if len(sys.argv) > 2 else "eu-west-1"
    ec2_endpoint = sys.argv[3] if len(sys.argv) > 3 else None
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Eks(region, ec2_endpoint)))
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
