#!/usr/bin/env python3
"""A native AWS Lambda function's cold start, here:  bench/lambda_coldstart.py BOOTSTRAP [STARTS] [TARGET]

Runs BOOTSTRAP (the native function: `bootstrap` from target/function.zip of `./mvnw package -Plambda
-Dnative`, or that runner) STARTS times (default 9) against a Runtime API served by this script, as
AWS Lambda runs a provided.al2023 function: the function polls GET /runtime/invocation/next, gets one
HTTP API (payload 2.0) event for GET TARGET (default /images/json) with the headers the docker CLI
sends (gzip), and posts its answer. Prints the milliseconds from exec to the posted answer for each
start, then their median: the cold start the issue's goal speaks of (40 ms), without AWS's own part.
The answer must be a 200. Catalog and settings come from the environment, as in the function.
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime/"


def event(target):
    path, _, query = target.partition("?")
    return json.dumps({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
        "headers": {"accept": "*/*", "host": "abc123.execute-api.us-east-1.amazonaws.com",
                    "user-agent": "Docker-Client/28.2.2 (linux)", "accept-encoding": "gzip"},
        "requestContext": {"accountId": "123456789012", "apiId": "abc123", "stage": "$default",
                           "domainName": "abc123.execute-api.us-east-1.amazonaws.com", "domainPrefix": "abc123",
                           "requestId": "JKJaXmPLvHcESHA=", "routeKey": "$default",
                           "time": "07/Dec/2026:12:00:00 +0000", "timeEpoch": 1796644800000,
                           "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1",
                                    "sourceIp": "192.0.2.1", "userAgent": "Docker-Client/28.2.2 (linux)"}},
        "isBase64Encoded": False}).encode()


def one_start(bootstrap, target):
    answered = threading.Event()
    outcome = {}
    body = event(target)

    class Runtime(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path != PREFIX + "invocation/next" or answered.is_set():
                time.sleep(5)  # a second poll waits (the function is stopped by then)
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
            self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                             "arn:aws:lambda:us-east-1:123456789012:function:image-catalog")
            self.send_header("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0")
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            data = self.rfile.read(length)
            outcome["end"] = time.perf_counter_ns()
            outcome["path"] = self.path
            outcome["answer"] = data
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            answered.set()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Runtime)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.server_address[1],
               _HANDLER="io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
               AWS_LAMBDA_FUNCTION_NAME="image-catalog", AWS_LAMBDA_FUNCTION_MEMORY_SIZE="512",
               AWS_LAMBDA_FUNCTION_VERSION="$LATEST", AWS_REGION="us-east-1",
               LAMBDA_TASK_ROOT=os.path.dirname(os.path.abspath(bootstrap)))
    log = open("/tmp/lambda-coldstart.log", "wb")
    begin = time.perf_counter_ns()
    process = subprocess.Popen([bootstrap], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        if not answered.wait(30):
            sys.exit("no answer in 30 s; see /tmp/lambda-coldstart.log")
    finally:
        process.kill()
        process.wait()
        server.shutdown()
    answer = json.loads(outcome["answer"])
    if not outcome["path"].endswith("/response") or answer.get("statusCode") != 200:
        sys.exit("not a 200: %s %s" % (outcome["path"], outcome["answer"][:300]))
    return (outcome["end"] - begin) / 1e6


def main():
    bootstrap = sys.argv[1]
    starts = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    target = sys.argv[3] if len(sys.argv) > 3 else "/images/json"
    times = [one_start(bootstrap, target) for _ in range(starts)]
    print(" ".join("%.0f" % t for t in times))
    print("median %.0f ms (%d starts, %s)" % (statistics.median(times), starts, target))


if __name__ == "__main__":
    main()
