#!/bin/sh
# Starts Mosquitto with credentials taken from the environment, never from files in the repository:
#   - the service account MQTT_USERNAME / MQTT_PASSWORD (ingest replicas, health check);
#   - station accounts from /mosquitto/config/stations.passwd when present: a Mosquitto password file
#     (hashed; create it with `mosquitto_passwd`, username = reservoir code), kept out of git.
# A TLS listener on 8883 is added when /mosquitto/certs/server.crt and server.key are mounted.
set -eu
: "${MQTT_USERNAME:?MQTT_USERNAME is required}"
: "${MQTT_PASSWORD:?MQTT_PASSWORD is required}"
prefix="${MQTT_TOPIC_PREFIX:-}"
# MOSQUITTO_ROOT and MOSQUITTO_PORT exist so that test/deploy can run this script outside the container.
root="${MOSQUITTO_ROOT:-/mosquitto}"
config="${MOSQUITTO_CONFIG_DIR:-$root/config}"
run="$root/data/run"
certs="$root/certs"

mkdir -p "$run"
umask 077
sed -e "s|/mosquitto/|$root/|g" -e "s|^listener 1883\$|listener ${MOSQUITTO_PORT:-1883}|" \
  "$config/mosquitto.conf" > "$run/mosquitto.conf"

if [ -f "$certs/server.crt" ] && [ -f "$certs/server.key" ]; then
  cat >> "$run/mosquitto.conf" <<CONF

# Stations over the internet: MQTT over TLS.
listener 8883
protocol mqtt
certfile $certs/server.crt
keyfile $certs/server.key
tls_version tlsv1.2
CONF
  if [ -f "$certs/ca.crt" ]; then
    # Optional: RTUs with client certificates. Passwords are still required (use_identity_as_username false).
    echo "cafile $certs/ca.crt" >> "$run/mosquitto.conf"
  fi
else
  echo "entrypoint: no $certs/server.crt, MQTT over TLS (8883) is off" >&2
fi

: > "$run/passwd"
if [ -f "$config/stations.passwd" ]; then
  grep -v '^[[:space:]]*\(#\|$\)' "$config/stations.passwd" >> "$run/passwd" || true
fi
mosquitto_passwd -b "$run/passwd" "$MQTT_USERNAME" "$MQTT_PASSWORD"

sed -e "s|@PREFIX@|$prefix|g" -e "s|@SERVICE_USER@|$MQTT_USERNAME|g" "$config/acl.template" > "$run/acl"

if [ "$(id -u)" = 0 ]; then
  chown -R mosquitto:mosquitto "$root/data"
fi
exec mosquitto -c "$run/mosquitto.conf"
