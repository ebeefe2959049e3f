#!/usr/bin/env bash
# A throw-away Kannel SMS gateway on loopback, for the tests and the benchmark: Debian's bearerbox and smsbox, with
# the fake SMS centre (fakesmsc, from kannel-extras) standing in for a mobile network. Each text the gateway passes
# on arrives at fakesmsc, which writes it to DIR/fakesmsc.log ("Got message N: <from to text ...>"); it acknowledges
# each one, so the gateway reports it delivered.
#
#   tests/kannel/kannel.sh start DIR   starts one in DIR (created); prints the sendsms address on stdout
#   tests/kannel/kannel.sh stop DIR    stops it and deletes DIR
#   tests/kannel/kannel.sh down DIR    stops only smsbox, so its sendsms address refuses connections (a gateway that is down)
#   tests/kannel/kannel.sh up DIR      starts smsbox again on the same address
#   tests/kannel/kannel.sh pause DIR   stops bearerbox where it is (SIGSTOP): smsbox takes a sendsms request and waits
#                                      for bearerbox to take the text before it answers (a gateway slow to confirm)
#   tests/kannel/kannel.sh resume DIR  lets bearerbox go on (SIGCONT)
#
# The sendsms user is portal / portal-test-only (a loopback gateway with nothing behind it).
set -euo pipefail

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

fakesmsc=$(dpkg -L kannel-extras 2>/dev/null | grep '/fakesmsc$' | head -n 1 || true)
[ -x /usr/sbin/bearerbox ] && [ -x /usr/sbin/smsbox ] || { echo "Kannel is not installed (apt-get install kannel kannel-extras)" >&2; exit 1; }
[ -n "$fakesmsc" ] && [ -x "$fakesmsc" ] || { echo "Kannel's fake SMS centre is not installed (apt-get install kannel-extras)" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "Kannel did not open port $1; see $dir/*.log" >&2
  return 1
}

case "$command" in
  start)
    mkdir -p "$dir"
    admin=$(free_port); box=$(free_port); smsc=$(free_port); sendsms=$(free_port)
    cat > "$dir/kannel.conf" <<CONF
group = core
admin-port = $admin
admin-password = portal-test-only
smsbox-port = $box
box-allow-ip = 127.0.0.1
admin-allow-ip = 127.0.0.1
log-file = "$dir/bearerbox.log"
log-level = 1
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = $smsc
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
sendsms-port = $sendsms
log-file = "$dir/smsbox.log"
log-level = 1

group = sendsms-user
username = portal
password = portal-test-only
max-messages = 3
concatenation = true

group = sms-service
keyword = default
text = "This number does not take replies."
catch-all = true
max-messages = 0
CONF
    echo "$admin" > "$dir/admin.port"
    echo "$sendsms" > "$dir/sendsms.port"
    /usr/sbin/bearerbox "$dir/kannel.conf" > "$dir/bearerbox.out" 2>&1 &
    echo $! > "$dir/bearerbox.pid"
    wait_for_port "$smsc"
    "$fakesmsc" -H 127.0.0.1 -r "$smsc" -i 1 -m 0 "0 0 text nothing" > "$dir/fakesmsc.log" 2>&1 &
    echo $! > "$dir/fakesmsc.pid"
    /usr/sbin/smsbox "$dir/kannel.conf" > "$dir/smsbox.out" 2>&1 &
    echo $! > "$dir/smsbox.pid"
    wait_for_port "$sendsms"
    # Ready when the fake centre is connected: until then bearerbox queues what it is given.
    for _ in $(seq 1 100); do
      if /usr/bin/python3 -c 'import sys, urllib.request; sys.exit(0 if b"online" in urllib.request.urlopen(sys.argv[1], timeout=2).read().split(b"SMSC connections:")[1] else 1)' \
          "http://127.0.0.1:$admin/status.txt?password=portal-test-only" 2>/dev/null; then break; fi
      sleep 0.1
    done
    echo "http://127.0.0.1:$sendsms/cgi-bin/sendsms"
    ;;
  down)
    kill "$(cat "$dir/smsbox.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$(cat "$dir/sendsms.port")") 2>/dev/null || break
      sleep 0.1
    done
    ;;
  up)
    /usr/sbin/smsbox "$dir/kannel.conf" >> "$dir/smsbox.out" 2>&1 &
    echo $! > "$dir/smsbox.pid"
    wait_for_port "$(cat "$dir/sendsms.port")"
    ;;
  pause)
    kill -STOP "$(cat "$dir/bearerbox.pid")"
    ;;
  resume)
    kill -CONT "$(cat "$dir/bearerbox.pid")"
    ;;
  stop)
    kill -CONT "$(cat "$dir/bearerbox.pid" 2>/dev/null)" 2>/dev/null || true
    for box in smsbox fakesmsc bearerbox; do
      if [ -f "$dir/$box.pid" ]; then kill "$(cat "$dir/$box.pid")" 2>/dev/null || true; fi
    done
    sleep 0.2
    for box in smsbox fakesmsc bearerbox; do
      if [ -f "$dir/$box.pid" ]; then kill -9 "$(cat "$dir/$box.pid")" 2>/dev/null || true; fi
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2; exit 2
    ;;
esac
