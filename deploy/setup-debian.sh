#!/usr/bin/env bash
# Sets the guide up on a Debian 12 machine as a clinic would run it: a service user, the guide in its own folder
# with its venv, one or more guide processes under systemd, and nginx with TLS in front. Run as root from a copy
# of the repository:
#
#   deploy/setup-debian.sh --name milia.clinic.example --certificate /etc/ssl/milia/fullchain.pem \
#                          --key /etc/ssl/milia/privkey.pem [--processes 2] [--staff-password]
#
# The certificate and key are the clinic's (from its IT or Let's Encrypt's certbot); this script never makes
# one. Run it again after an update: it copies the new files and restarts the processes.
set -euo pipefail

NAME="" CERT="" KEY="" PROCESSES=1 STAFF=0
FOLDER=/srv/milia-kit USER_NAME=milia FIRST_PORT=8866
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME="$2"; shift 2 ;;
    --certificate) CERT="$2"; shift 2 ;;
    --key) KEY="$2"; shift 2 ;;
    --processes) PROCESSES="$2"; shift 2 ;;
    --staff-password) STAFF=1; shift ;;
    --folder) FOLDER="$2"; shift 2 ;;
    *) echo "unknown option: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "run as root (it installs packages, a user and services)" >&2; exit 2; }
[ -n "$NAME" ] && [ -r "$CERT" ] && [ -r "$KEY" ] || {
  echo "give --name, and a readable --certificate and --key (the clinic's TLS certificate)" >&2; exit 2; }
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq nginx python3-venv make rsync apache2-utils >/dev/null

# The service user owns the guide's folder and nothing else; it cannot log in.
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --home-dir "$FOLDER" --shell /usr/sbin/nologin "$USER_NAME"
mkdir -p "$FOLDER"
rsync -a --delete --exclude .venv --exclude .git "$SOURCE/" "$FOLDER/"
chown -R "$USER_NAME:$USER_NAME" "$FOLDER"
runuser -u "$USER_NAME" -- make -C "$FOLDER" install
# The clinic's settings are checked now, not when the first parent opens the guide.
runuser -u "$USER_NAME" -- "$FOLDER/.venv/bin/python" -c "from milia_kit import preflight; preflight.require_ready()"

PORTS=$(seq "$FIRST_PORT" $((FIRST_PORT + PROCESSES - 1)))
STAFF_FILE=""
if [ "$STAFF" -eq 1 ]; then
  STAFF_FILE=/etc/nginx/milia-guide-staff.htpasswd
  [ -f "$STAFF_FILE" ] || htpasswd -c "$STAFF_FILE" staff
fi
python3 "$FOLDER/deploy/render.py" unit --folder "$FOLDER" --user "$USER_NAME" --processes "$PROCESSES" \
  > /etc/systemd/system/milia-guide@.service
python3 "$FOLDER/deploy/render.py" nginx --server-name "$NAME" --certificate "$CERT" --key "$KEY" \
  --ports $PORTS ${STAFF_FILE:+--staff-passwords "$STAFF_FILE"} > /etc/nginx/sites-available/milia-guide
ln -sf /etc/nginx/sites-available/milia-guide /etc/nginx/sites-enabled/milia-guide

systemctl daemon-reload
for port in $PORTS; do systemctl enable "milia-guide@$port" >/dev/null; systemctl restart "milia-guide@$port"; done
nginx -t
systemctl reload nginx
echo "The guide is at https://$NAME/ (processes on ports $(echo $PORTS))."
echo "Set guide_address in $FOLDER/assets/clinic.yml to that address for the handouts' QR code, then run this again."
