"""A loopback stand-in for GitHub's REST API "Deploy keys" endpoints, answering as GitHub's REST
API reference documents them (docs.github.com/en/rest/deploy-keys/deploy-keys):

    GET    /repos/{owner}/{repo}/keys          200, a JSON list (per_page, page)
    POST   /repos/{owner}/{repo}/keys          201, the key; 422 "key is already in use"
    GET    /repos/{owner}/{repo}/keys/{id}     200, the key; 404 {"message": "Not Found"}
    DELETE /repos/{owner}/{repo}/keys/{id}     204; 404

Every call needs "Authorization: Bearer <token>" (401 {"message": "Bad credentials"}). It is a
stand-in for the tests, not GitHub: it keeps keys in memory and records the requests it got.
"""

import http.server
import json
import re
import threading

KEYS = re.compile(r"^/repos/([^/]+)/([^/]+)/keys(?:/(\d+))?(?:\?.*)?$")


class GithubStandIn:
    def __init__(self, token):
        self.token = token
        self.keys = {}       # id -> key object (with "repository")
        self.requests = []   # (method, path, headers, body)
        self.next_id = 1000
        standin = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body=None):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def handle_any(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                standin.requests.append((method, self.path, dict(self.headers), body))
                if self.headers.get("Authorization") != "Bearer " + standin.token:
                    return self.answer(401, {"message": "Bad credentials",
                                             "documentation_url": "https://docs.github.com/rest"})
                m = KEYS.match(self.path)
                if not m:
                    return self.answer(404, {"message": "Not Found"})
                repo = m.group(1) + "/" + m.group(2)
                key_id = int(m.group(3)) if m.group(3) else None
                mine = {i: k for i, k in standin.keys.items() if k["repository"] == repo}
                if method == "GET" and key_id is None:
                    return self.answer(200, [public(k) for k in mine.values()])
                if method == "POST" and key_id is None:
                    given = json.loads(body)
                    if any(k["key"] == given["key"] for k in mine.values()):
                        return self.answer(422, {"message": "Validation Failed", "errors": [
                            {"resource": "PublicKey", "code": "custom", "field": "key",
                             "message": "key is already in use"}]})
                    standin.next_id += 1
                    key = {"id": standin.next_id, "key": given["key"], "title": given["title"],
                           "read_only": given.get("read_only", True), "verified": True,
                           "created_at": "2026-12-06T00:00:00Z", "added_by": "standin", "last_used": None,
                           "url": "https://api.github.com/repos/%s/keys/%d" % (repo, standin.next_id),
                           "repository": repo}
                    standin.keys[standin.next_id] = key
                    return self.answer(201, public(key))
                if key_id is None or key_id not in mine:
                    return self.answer(404, {"message": "Not Found"})
                if method == "GET":
                    return self.answer(200, public(mine[key_id]))
                if method == "DELETE":
                    del standin.keys[key_id]
                    return self.answer(204)
                return self.answer(404, {"message": "Not Found"})

            def do_GET(self):
                self.handle_any("GET")

            def do_POST(self):
                self.handle_any("POST")

            def do_DELETE(self):
                self.handle_any("DELETE")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def public(key):
    return {k: v for k, v in key.items() if k != "repository"}
