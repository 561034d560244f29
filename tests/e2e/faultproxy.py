#!/usr/bin/env python3
"""faultproxy: a loopback HTTP proxy between pave and moto that injects AWS-shaped faults.

Every request is either forwarded to the upstream (moto) unchanged, or answered with a fault
drawn from a seeded random generator, so a run is reproducible:

  throttle  the protocol's own throttling error:
              EC2 (query, ec2 protocol)  503  <Response><Errors><Error><Code>RequestLimitExceeded
              IAM/STS (query protocol)   400  <ErrorResponse><Error><Code>Throttling
              JSON protocols (logs ...)  400  {"__type": "ThrottlingException"}
  500, 503  a bare server error
  reset     the connection is closed without an answer
  lost      the request IS forwarded (the change is made), then the connection is closed
            without the answer: drawn separately, at --lost-rate, only for requests whose
            operation name starts with one of --lost-ops (e.g. Create,Allocate); an operation
            is the query/ec2 Action, the JSON X-Amz-Target's name, or "REST:METHOD" for REST
  after     the step after a create fails: once a request whose operation starts with one of
            --after-ops has been forwarded and answered, the NEXT request the proxy receives
            (on any connection: pave sends creates on a connection of their own) is answered,
            at --after-rate, with a 400 error no client retries (code InjectedFailure). With
            one request at a time (pave --parallelism 1) that next request is the same
            resource's next step: tags, attributes, wait, read-back. With --after-once, only
            after the first call of each operation (for REST: method and path), so that one
            run covers every kind of create once

Usage: faultproxy.py --upstream http://127.0.0.1:PORT [--port 0] [--rate 0.2] [--seed 1]
                     [--faults throttle,500,503] [--lost-rate 0.25 --lost-ops Create,Allocate]
                     [--after-rate 0.5 --after-ops Create,Allocate [--after-once]]
It prints "listening on PORT" once ready. GET /__faultproxy/stats answers the counts as JSON.
"""

import argparse
import http.client
import http.server
import json
import random
import sys
import threading
import urllib.parse
import uuid

EC2_THROTTLE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code>'
    "<Message>Request limit exceeded.</Message></Error></Errors><RequestID>{rid}</RequestID></Response>"
)
QUERY_THROTTLE = (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
    "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>{rid}</RequestId></ErrorResponse>"
)
JSON_THROTTLE = '{{"__type": "ThrottlingException", "message": "Rate exceeded"}}'
EC2_INJECTED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InjectedFailure</Code>'
    "<Message>the step after a create failed (faultproxy)</Message></Error></Errors><RequestID>{rid}</RequestID>"
    "</Response>"
)
XML_INJECTED = (
    "<ErrorResponse><Error><Type>Sender</Type><Code>InjectedFailure</Code>"
    "<Message>the step after a create failed (faultproxy)</Message></Error><RequestId>{rid}</RequestId></ErrorResponse>"
)
JSON_INJECTED = '{"__type": "InjectedFailure", "message": "the step after a create failed (faultproxy)"}'

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade", "te", "trailer"}


def signing_service(headers):
    """The service name in the SigV4 credential scope (".../ec2/aws4_request")."""
    auth = headers.get("Authorization", "")
    marker = "Credential="
    if marker not in auth:
        return ""
    scope = auth.split(marker, 1)[1].split(",", 1)[0].split("/")
    return scope[3] if len(scope) > 3 else ""


def protocol_of(headers):
    if headers.get("X-Amz-Target"):
        return "json"
    service = signing_service(headers)
    if service == "ec2":
        return "ec2"
    if service in ("iam", "sts", "sns", "sqs", "rds", "elasticloadbalancing", "cloudformation"):
        return "query"
    return "other"


def operation_of(headers, body):
    """The AWS operation a request calls, as far as the wire tells it."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    if body:
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in fields:
            return fields["Action"][0]
    return ""


class Injector:
    def __init__(self, rate, seed, faults, lost_rate=0.0, lost_ops=(), after_rate=0.0, after_ops=(),
                 after_once=False):
        self.after_once = after_once
        self.after_seen = set()
        self.rate = rate
        self.after_rate = after_rate
        self.after_ops = tuple(after_ops)
        self.after_by_op = {}
        self.fail_next_after = None
        self.random = random.Random(seed)
        self.faults = faults
        self.lost_rate = lost_rate
        self.lost_ops = tuple(lost_ops)
        self.lock = threading.Lock()
        self.stats = {"forwarded": 0, "throttle": 0, "500": 0, "503": 0, "reset": 0, "lost": 0, "after": 0}
        self.lost_by_op = {}

    def draw(self, operation):
        with self.lock:
            if self.lost_ops and operation.startswith(self.lost_ops) and self.random.random() < self.lost_rate:
                self.lost_by_op[operation] = self.lost_by_op.get(operation, 0) + 1
                return "lost"
            if self.faults and self.random.random() < self.rate:
                return self.random.choice(self.faults)
            return None

    def draw_after(self, operation, kind):
        """After `operation` (of `kind`: the operation, for REST with its path) was answered:
        whether the next request fails."""
        with self.lock:
            if not self.after_ops or not operation.startswith(self.after_ops):
                return
            if self.after_once:
                if kind in self.after_seen:
                    return
                self.after_seen.add(kind)
            if self.random.random() < self.after_rate:
                self.fail_next_after = kind

    def take_after(self, operation):
        """Whether this request is to fail as the one after a create; counts it."""
        with self.lock:
            created, self.fail_next_after = self.fail_next_after, None
            if not created:
                return False
            self.stats["after"] += 1
            key = created + " -> " + operation
            self.after_by_op[key] = self.after_by_op.get(key, 0) + 1
            return True

    def count(self, what):
        with self.lock:
            self.stats[what] = self.stats.get(what, 0) + 1


def make_handler(upstream, injector):
    target = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet
            pass

        def _body(self):
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _answer(self, status, body, content_type):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            self.end_headers()
            self.wfile.write(data)

        def _fault(self, kind):
            rid = str(uuid.uuid4())
            if kind == "reset":
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if kind == "throttle":
                proto = protocol_of(self.headers)
                if proto == "ec2":
                    return self._answer(503, EC2_THROTTLE.format(rid=rid), "text/xml")
                if proto == "json":
                    return self._answer(400, JSON_THROTTLE.format(), "application/x-amz-json-1.1")
                return self._answer(400, QUERY_THROTTLE.format(rid=rid), "text/xml")
            return self._answer(int(kind), "<html><body>injected %s</body></html>" % kind, "text/html")

        def _injected(self):
            rid = str(uuid.uuid4())
            proto = protocol_of(self.headers)
            if proto == "ec2":
                return self._answer(400, EC2_INJECTED.format(rid=rid), "text/xml")
            if proto == "json":
                return self._answer(400, JSON_INJECTED, "application/x-amz-json-1.1")
            return self._answer(400, XML_INJECTED.format(rid=rid), "text/xml")

        def _forward_and_drop(self, body):
            """Forwards the request, waits for the upstream's answer (the change is made), and
            closes the connection without passing it on."""
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            conn.request(self.command, self.path, body=body, headers=headers)
            conn.getresponse().read()
            conn.close()
            self.close_connection = True
            self.connection.shutdown(2)

        def _forward(self, body):
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in HOP_HEADERS and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            conn.close()

        def _handle(self):
            body = self._body()
            if self.path.startswith("/__faultproxy/stats"):
                with injector.lock:
                    stats = dict(injector.stats, lost_by_op=dict(injector.lost_by_op),
                                 after_by_op=dict(injector.after_by_op))
                return self._answer(200, json.dumps(stats), "application/json")
            if self.path.startswith("/moto-api"):
                return self._forward(body)  # test control traffic is never faulted
            operation = operation_of(self.headers, body) or "REST:" + self.command
            if injector.take_after(operation):
                return self._injected()
            kind = injector.draw(operation)
            if kind == "lost":
                injector.count(kind)
                return self._forward_and_drop(body)
            if kind:
                injector.count(kind)
                return self._fault(kind)
            injector.count("forwarded")
            self._forward(body)
            injector.draw_after(operation, operation + " " + self.path.split("?")[0] if operation.startswith("REST:")
                                else operation)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--upstream", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--rate", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--faults", default="throttle,500,503")
    p.add_argument("--lost-rate", type=float, default=0.0)
    p.add_argument("--lost-ops", default="")
    p.add_argument("--after-rate", type=float, default=0.0)
    p.add_argument("--after-ops", default="")
    p.add_argument("--after-once", action="store_true")
    args = p.parse_args()
    faults = [f for f in args.faults.split(",") if f]
    for f in faults:
        if f not in ("throttle", "500", "503", "reset"):
            p.error("unknown fault %r" % f)
    lost_ops = [o for o in args.lost_ops.split(",") if o]
    after_ops = [o for o in args.after_ops.split(",") if o]
    injector = Injector(args.rate, args.seed, faults, args.lost_rate, lost_ops, args.after_rate, after_ops,
                        args.after_once)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.upstream, injector))
    server.daemon_threads = True
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
