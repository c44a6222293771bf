"""The clinic deployment's files, filled in: the nginx site and the systemd unit for the guide's processes.

`python3 deploy/render.py nginx --server-name milia.clinic.example --certificate C --key K [--ports 8866 8867]`
`python3 deploy/render.py unit --folder /srv/milia-kit [--processes 2]`

Standard library only: it runs before anything is installed (deploy/setup-debian.sh), and the tests render
the same files with it (tests/deploy). A template names a setting as @NAME@ (nginx uses $ for its own).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NGINX_TEMPLATE = HERE / "nginx" / "milia-guide.conf.in"
UNIT_TEMPLATE = HERE / "systemd" / "milia-guide@.service.in"

# Measured with `make bench` on a 2-core machine (README, "Capacity"): a visitor's kernel is 57-60 MB, budgeted
# at 80 (milia_kit/front_door.PER_VISITOR_MB, kept equal by a test); the server, the handout printer and the two
# preheated kernels together stay under 400 MB.
PER_VISITOR_MB = 80
BASE_MB = 400
MEMORY_SHARE = 0.5  # of the machine, for all the guide's processes together (the OS and nginx keep the rest)
SETTING = re.compile(r"@([A-Z_]+)@")


def fill(template: str, values: dict) -> str:
    """`template` with each @NAME@ replaced; a name without a value is an error, never left in the file."""
    missing = sorted(set(SETTING.findall(template)) - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    return SETTING.sub(lambda found: str(values[found.group(1)]), template)


def nginx_site(server_name: str, certificate: str, key: str, ports=(8866,), https_port: int = 443,
               http_port: int = 80, staff_passwords: str | None = None, connections_per_address: int = 50,
               ipv6: bool = True) -> str:
    """The nginx site in front of guide processes on `ports` (on this machine). With `staff_passwords` (an
    htpasswd file), clinician mode asks for a staff password. `ipv6=False` for a machine without IPv6 (nginx
    would refuse to listen on [::])."""
    site = NGINX_TEMPLATE.read_text()
    if not ipv6:
        site = "".join(line for line in site.splitlines(keepends=True) if "listen [::]" not in line)
    return fill(site, {
        "SERVER_NAME": server_name, "TLS_CERTIFICATE": certificate, "TLS_KEY": key,
        "HTTPS_PORT": https_port, "HTTP_PORT": http_port,
        "HTTPS_PORT_SUFFIX": "" if https_port == 443 else f":{https_port}",
        "UPSTREAM_SERVERS": "\n".join(f"    server 127.0.0.1:{port};" for port in ports),
        "STAFF_REALM": "Clinic staff" if staff_passwords else "off",
        "STAFF_PASSWORDS": staff_passwords or "/etc/nginx/milia-guide-staff.htpasswd",
        "CONNECTIONS_PER_ADDRESS": connections_per_address,
    })


def memory_mb(meminfo: Path = Path("/proc/meminfo")) -> int:
    return int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1)) // 1024


def visitors_per_process(total_mb: int, processes: int) -> int:
    """Each process's kernel cap: its share of the guide's memory, less its base, over a visitor's budget."""
    share = total_mb * MEMORY_SHARE / processes
    return max(2, int((share - BASE_MB) // PER_VISITOR_MB))


def service_unit(folder: str, user: str = "milia", processes: int = 1, total_mb: int | None = None) -> str:
    """The systemd template unit (one instance per port), each process capped and given the memory it needs."""
    total_mb = memory_mb() if total_mb is None else total_mb
    visitors = visitors_per_process(total_mb, processes)
    memory_max = BASE_MB + visitors * PER_VISITOR_MB
    note = (f"{BASE_MB} MB (server, printer, 2 preheated kernels) + {visitors} visitors x {PER_VISITOR_MB} MB: "
            f"the kernel cap is reached before this limit")
    return fill(UNIT_TEMPLATE.read_text(), {"FOLDER": folder, "USER": user, "MAX_VISITORS": visitors,
                                            "MEMORY_MAX_MB": memory_max, "MEMORY_NOTE": note})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    site = kinds.add_parser("nginx", help="the nginx site")
    site.add_argument("--server-name", required=True)
    site.add_argument("--certificate", required=True)
    site.add_argument("--key", required=True)
    site.add_argument("--ports", type=int, nargs="+", default=[8866])
    site.add_argument("--staff-passwords", help="an htpasswd file: clinician mode asks for a staff password")
    unit = kinds.add_parser("unit", help="the systemd unit")
    unit.add_argument("--folder", required=True)
    unit.add_argument("--user", default="milia")
    unit.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    if args.kind == "nginx":
        sys.stdout.write(nginx_site(args.server_name, args.certificate, args.key, args.ports,
                                    staff_passwords=args.staff_passwords))
    else:
        sys.stdout.write(service_unit(args.folder, args.user, args.processes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
