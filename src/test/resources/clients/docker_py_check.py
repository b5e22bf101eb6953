"""Drives docker-py (the Docker SDK for Python) against an image-catalog server.

Usage: python3 docker_py_check.py BASE_URL [ID_PREFIX]

BASE_URL is a Docker host such as tcp://127.0.0.1:8081; ID_PREFIX is the image-id prefix
for images.get() (default: the first 12 hex digits of the first listed image's Id).

Runs a fixed set of operations and prints ONE JSON object on standard output, for
DockerPyClientTest to assert on:

  {"python": ..., "docker_py": ..., "api_version": ...,
   "client": {"ok": true, "requests": [...]},
   "operations": {NAME: {"ok": true, "value": ..., "requests": [...]}
                      or {"ok": false, "error": {...}, "requests": [...]}}}

Every operation catches its own exception and reports it ("class", "module", "message",
"image_not_found", "status", "explanation"), so one failing call neither hides the others
nor crashes the script. "requests" lists what went on the wire during the operation
("method", "path", "query" as a dict of lists, "status"). Exit status 0 whenever the JSON
was printed, 2 on a usage error.
"""

import json
import os
import sys
import time
import urllib.parse

# requests honours the proxy variables even for 127.0.0.1: talk to the server directly.
for _key in list(os.environ):
    if _key.lower() in ("http_proxy", "https_proxy", "all_proxy"):
        del os.environ[_key]

import docker  # noqa: E402
import docker.errors  # noqa: E402
import requests  # noqa: E402

_wire = []
_send = requests.Session.send


def _logging_send(self, request, **kwargs):
    """Records every request docker-py sends (redirects included) with its answer's status."""
    response = _send(self, request, **kwargs)
    url = urllib.parse.urlsplit(request.url)
    _wire.append({
        "method": request.method,
        "path": url.path,
        "query": urllib.parse.parse_qs(url.query, keep_blank_values=True),
        "status": response.status_code,
    })
    return response


requests.Session.send = _logging_send


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _error(e):
    return {
        "class": type(e).__name__,
        "module": type(e).__module__,
        "message": str(e),
        "image_not_found": isinstance(e, docker.errors.ImageNotFound),
        "status": getattr(e, "status_code", None),
        "explanation": _text(getattr(e, "explanation", None)),
    }


def _run(action):
    """Runs one operation: its value or its error, and the requests it made."""
    start = len(_wire)
    try:
        result = {"ok": True, "value": action()}
    except Exception as e:  # report, never crash: the Java side names the failing call
        result = {"ok": False, "error": _error(e)}
    result["requests"] = _wire[start:]
    return result


def _summary(image):
    return {"id": image.id, "short_id": image.short_id, "tags": image.tags}


def _detail(image):
    return {
        "id": image.id,
        "tags": image.tags,
        "labels": image.labels,
        "config_labels": image.attrs["Config"]["Labels"],
        "created": image.attrs["Created"],
        "repo_digests": image.attrs.get("RepoDigests"),
        "attrs": image.attrs,
    }


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: docker_py_check.py BASE_URL [ID_PREFIX]", file=sys.stderr)
        return 2
    base_url = argv[1]
    report = {
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "docker_py": docker.__version__,
        "base_url": base_url,
        "api_version": None,
    }

    holder = {}

    def connect():
        # version="auto": GET /version (unversioned) and use its ApiVersion as the path prefix.
        holder["client"] = docker.DockerClient(base_url=base_url, version="auto", timeout=30)
        return holder["client"].api.api_version

    report["client"] = _run(connect)
    client = holder.get("client")
    if client is None:
        report["operations"] = {}
        print(json.dumps(report))
        return 0
    report["api_version"] = client.api.api_version

    operations = {}
    operations["list"] = _run(lambda: [_summary(i) for i in client.images.list()])
    operations["list_all"] = _run(lambda: [_summary(i) for i in client.images.list(all=True)])
    operations["list_name"] = _run(lambda: [_summary(i) for i in client.images.list(name="ubuntu")])
    operations["get_tag"] = _run(lambda: _detail(client.images.get("ubuntu:14.04")))

    prefix = argv[2] if len(argv) == 3 else None
    if prefix is None and operations["list"]["ok"] and operations["list"]["value"]:
        prefix = operations["list"]["value"][0]["id"].split(":")[-1][:12]
    report["id_prefix"] = prefix
    if prefix is None:
        operations["get_short_id"] = {"ok": False, "requests": [], "error": {
            "class": "NoPrefix", "module": __name__, "message": "no ID_PREFIX given and list() gave no id",
            "image_not_found": False, "status": None, "explanation": None}}
    else:
        operations["get_short_id"] = _run(lambda: _detail(client.images.get(prefix)))

    operations["get_missing"] = _run(lambda: _detail(client.images.get("zzz")))

    def inspect():
        attrs = client.api.inspect_image("ubuntu:14.04")
        config = attrs.get("Config")
        return {
            "keys": list(attrs),
            "config_keys": list(config) if isinstance(config, dict) else None,
            "attrs": attrs,
        }

    operations["inspect_keys"] = _run(inspect)

    def info():
        answer = client.info()
        return {key: answer.get(key) for key in ("Images", "Containers", "ServerVersion", "OSType", "NCPU", "Swarm")}

    operations["info"] = _run(info)

    def df():
        answer = client.df()
        return {
            "layers_size": answer.get("LayersSize"),
            "image_ids": [image["Id"] for image in answer.get("Images") or []],
            "image_containers": [image.get("Containers") for image in answer.get("Images") or []],
            "containers": answer.get("Containers"),
            "volumes": answer.get("Volumes"),
            "build_cache": answer.get("BuildCache"),
        }

    operations["df"] = _run(df)


    # A whole read-only daemon (issue 24).
    operations["containers"] = _run(lambda: [c.id for c in client.containers.list(all=True)])
    operations["volumes"] = _run(lambda: [v.name for v in client.volumes.list()])
    operations["networks"] = _run(lambda: sorted(n.name for n in client.networks.list()))

    def events():
        # until a second or two ahead: the server streams what it kept since 0, then ends at until.
        return list(client.events(since=0, until=int(time.time()) + 2, filters={"type": "image"}, decode=True))

    operations["events"] = _run(events)
    operations["remove"] = _run(lambda: client.images.remove("ubuntu:14.04"))
    operations["pull"] = _run(lambda: client.images.pull("busybox", tag="latest"))
    operations["run"] = _run(lambda: client.containers.run("ubuntu:14.04", "true"))

    report["operations"] = operations
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
