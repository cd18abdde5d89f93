#!/usr/bin/env bash
# Creates a development certificate authority and a gateway certificate signed by it, with openssl.
#
#   infra/certs/create-dev-certs.sh [output-directory]      (default: infra/certs/out)
#
# Environment:
#   CERT_HOSTS   extra DNS names or IP addresses for the gateway certificate, comma separated
#                (always included: localhost, *.localhost, 127.0.0.1, ::1)
#   CERT_FORCE=1 replace an existing CA too (otherwise it is kept, so clients that trust it keep working)
#
# Output: ca.crt / ca.key (the CA, 10 years), gateway.crt / gateway.key (825 days, serverAuth),
# gateway-chain.crt (certificate + CA). Keys are written mode 0600. Use with the gateway:
#   Kestrel__Certificates__Default__Path=<dir>/gateway-chain.crt
#   Kestrel__Certificates__Default__KeyPath=<dir>/gateway.key
# Trust the CA on a Debian machine:
#   cp <dir>/ca.crt /usr/local/share/ca-certificates/platform-dev-ca.crt && update-ca-certificates
set -euo pipefail

out="${1:-$(cd "$(dirname "$0")" && pwd)/out}"
mkdir -p "$out"
umask 077

command -v openssl >/dev/null || { echo "create-dev-certs: openssl not found (apt-get install openssl)" >&2; exit 1; }

if [[ "${CERT_FORCE:-0}" == 1 || ! -s "$out/ca.crt" || ! -s "$out/ca.key" ]]; then
  openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days 3650 \
    -subj "/O=Platform development/CN=Platform Development CA" \
    -addext "basicConstraints=critical,CA:true,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
  echo "create-dev-certs: new CA $out/ca.crt"
else
  echo "create-dev-certs: keeping the CA in $out/ca.crt"
fi

# Subject alternative names: the defaults, then CERT_HOSTS (an IP address becomes IP:, a name DNS:).
sans="DNS:localhost,DNS:*.localhost,IP:127.0.0.1,IP:::1"
IFS=',' read -r -a extra <<< "${CERT_HOSTS:-}"
for host in "${extra[@]}"; do
  host="${host// /}"
  [[ -z "$host" ]] && continue
  if [[ "$host" =~ ^[0-9.]+$ || "$host" == *:* ]]; then sans+=",IP:$host"; else sans+=",DNS:$host"; fi
done

extensions="$(mktemp)"
trap 'rm -f "$extensions" "$out/gateway.csr"' EXIT
cat > "$extensions" <<EXT
basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$sans
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT

openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/O=Platform development/CN=localhost" \
  -keyout "$out/gateway.key" -out "$out/gateway.csr" 2>/dev/null
openssl x509 -req -in "$out/gateway.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -days 825 -sha256 -extfile "$extensions" -out "$out/gateway.crt" 2>/dev/null
cat "$out/gateway.crt" "$out/ca.crt" > "$out/gateway-chain.crt"
chmod 0644 "$out/ca.crt" "$out/gateway.crt" "$out/gateway-chain.crt"

openssl verify -CAfile "$out/ca.crt" "$out/gateway.crt" >/dev/null
echo "create-dev-certs: gateway certificate $out/gateway.crt for $sans"
