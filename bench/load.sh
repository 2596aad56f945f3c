#!/usr/bin/env bash
# Load run of the packaged server (target/clusterca.jar) with wrk on the same machine, over HTTPS on loopback:
# POST /v1/sign (P-384 CA, a P-256 kubelet client CSR, bootstrap token), GET /healthz and POST /validate
# (a Deployment AdmissionReview), 32 connections each, after a warm-up. Prints one JSON line per run, with the
# cores the server and wrk used. Usage: bench/load.sh [seconds per run, default 30] [extra JVM options...];
# WARMUP=seconds (default 40) sets the sign warm-up, half of it the webhook's.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || {
  echo "load.sh: needs wrk (apt-get install wrk)" >&2; exit 3; }
[ -f target/clusterca.jar ] || mvn -B -q package -DskipTests
port=18443
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
token=$(java -jar target/clusterca.jar token create --data-dir "$work/data" | tail -1)
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" \
  -subj "/O=system:nodes/CN=system:node:worker-1" -out "$work/csr.pem" 2>/dev/null
printf '{"signerName":"kubernetes.io/kube-apiserver-client-kubelet","request":"%s"}' \
  "$(awk '{printf "%s\\n", $0}' "$work/csr.pem")" > "$work/sign.json"
java "$@" -jar target/clusterca.jar serve --data-dir "$work/data" --port $port > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do grep -q "serving on" "$work/server.log" && break; sleep 0.5; done
grep -q "serving on" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run NAME SECONDS PATH METHOD BODY TOKEN: one wrk run; prints its JSON line with the cores each side used.
run() {
  local name=$1 secs=$2 path=$3 before after start end wrk_cpu line
  before=$(cpu_ticks "$server"); start=$(date +%s%N)
  line=$( (WRK_METHOD=$4 WRK_BODY_FILE=$5 WRK_TOKEN=$6 wrk -t1 -c32 -d"${secs}s" -s bench/wrk.lua \
      "https://localhost:$port$path" | grep '^{'; times) )
  after=$(cpu_ticks "$server"); end=$(date +%s%N)
  wrk_cpu=$(echo "$line" | tail -1 | awk '{split($1,u,"m");split($2,s,"m");sub("s","",u[2]);sub("s","",s[2]);print u[1]*60+u[2]+s[1]*60+s[2]}')
  echo "$line" | head -1 | sed "s|}\$|,\"name\":\"$name\",\"cores\":$(nproc),\"serverCores\":$(awk "BEGIN{printf \"%.2f\", ($after-$before)/100/(($end-$start)/1e9)}"),\"wrkCores\":$(awk "BEGIN{printf \"%.2f\", $wrk_cpu/$secs}")}|"
}
# Compact, as kube-apiserver sends it; the fixture is pretty-printed for people.
review=$work/review.json
python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin), separators=(",", ":")), end="")' \
  < webhook/src/test/resources/admission/workloads/deployment-create-allowed.json > "$review"
# Warm-ups, long enough for C2 to finish with the hot paths; not counted.
run warmup-sign "${WARMUP:-40}" /v1/sign POST "$work/sign.json" "$token" >/dev/null
run warmup-validate "$(( ${WARMUP:-40} / 2 ))" "/validate?timeout=5s" POST "$review" "" >/dev/null
run "POST /v1/sign" "$seconds" /v1/sign POST "$work/sign.json" "$token"
run "GET /healthz" "$seconds" /healthz GET "" ""
run "POST /validate" "$seconds" "/validate?timeout=5s" POST "$review" ""
