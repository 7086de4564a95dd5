#!/usr/bin/env python3
"""Writes a vars directory of N environments x S services, all in parity, for timing `parity check`. Every
environment gets its own port offset and every service a block of 1000 ports, so no two nodes of any environment
would listen on one port (parity check refuses that): up to 1000 environments of up to 55 services."""
import os
import sys


def main(envs, services, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "common.yml"), "w") as f:
        f.write("schema: parity/v1\nproject: bench\nservices:\n")
        for s in range(services):
            f.write('  svc%d: { version: "1.%d.%d", role: r%d, port: %d, settings: { a: %d, b: x%d } }\n'
                    % (s, s % 10, s % 7, s % 5, 2000 + s * 1000, s, s))
        f.write("topology: {%s}\n" % ", ".join("r%d: 1" % r for r in range(5)))
        f.write("parity: { max_patch_lag: 2 }\n")
    for e in range(envs):
        with open(os.path.join(out, "env%d.yml" % e), "w") as f:
            f.write("environment: env%d\nnetwork: { port_offset: %d }\nsizing: { r0: { cpus: %d } }\n"
                    % (e, e, 1 + e % 8))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
