#!/bin/sh
# Self-signed certificates for a trial of docker-compose.yml (HTTPS on the proxy, MQTT over TLS on 8883).
# Production: install certificates from your CA in deploy/certs/ instead (see deploy/certs/README.md).
set -eu
dir="$(dirname "$0")/certs"
host="${1:-localhost}"
mkdir -p "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem"
cp "$dir/fullchain.pem" "$dir/server.crt"
cp "$dir/privkey.pem" "$dir/server.key"
# Read by nginx (root) and Mosquitto (uid 1883) inside their containers.
chmod 644 "$dir"/*.pem "$dir/server.crt" "$dir/server.key"
echo "self-signed certificates for $host written to $dir"
