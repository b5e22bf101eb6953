#!/usr/bin/env python3
"""Time from exec to the first whole answer:  first_answer.py PORT TARGET COMMAND...

Starts COMMAND (environment as given), tries to connect to 127.0.0.1:PORT every half millisecond,
sends GET TARGET as soon as the port accepts (as a cold-started function's first invocation is),
reads the whole answer and prints the milliseconds from exec to its last byte. Leaves the process
running and prints its pid on a second line (the caller stops it). A polling loop of curl processes
would take a core from the service it times on a 2-core machine: this loop sleeps between tries.
Exits 1, with the service's output, if the service exits first or the answer is not a 200.
With ACCEPT_ENCODING set (gzip, as the docker CLI and docker-py send), the request carries it.
"""
import os
import socket
import subprocess
import sys
import time


def main():
    port, target, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    log = open("/tmp/first-answer-%d.log" % port, "wb")
    begin = time.perf_counter_ns()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    encoding = os.environ.get("ACCEPT_ENCODING")
    request = ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n"
               % (target, "Accept-Encoding: %s\r\n" % encoding if encoding else "")).encode()
    while True:
        if process.poll() is not None:
            sys.stderr.write(open(log.name).read())
            sys.exit(1)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(request)
                # The head is kept; the rest is read into one buffer again and again (a 43 MB answer
                # copied into a growing bytearray would time the client, not the server).
                answer = connection.recv(65536)
                buffer = bytearray(1 << 20)
                while connection.recv_into(buffer) > 0:
                    pass
            end = time.perf_counter_ns()
            break
        except (ConnectionRefusedError, ConnectionResetError):
            time.sleep(0.0005)
    status = answer.split(b"\r\n", 1)[0]
    if b" 200 " not in status + b" ":
        process.kill()
        sys.stderr.write("first answer: %r\n" % status)
        sys.exit(1)
    print((end - begin) // 1_000_000)
    print(process.pid)


if __name__ == "__main__":
    main()
