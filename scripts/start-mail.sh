#!/usr/bin/env bash
# Starts a local mail system for the email channel's tests and benchmark: Debian's Dovecot for
# IMAP and Postfix for SMTP, delivering to mailboxes on this machine only. Idempotent: run it
# again and it leaves running servers running (restart: add `--restart`). Needs root.
#
#   IMAP  127.0.0.1:1143 (plain login allowed: nothing leaves the loopback)
#   SMTP  127.0.0.1:2525, accepting mail for calmdesk.test and customer.test, relaying nowhere
#
# Any address in those two domains has a mailbox (the tests make a fresh one each), and each
# signs in with the password "calmdesk-mail". Prints, one a line, the URLs to export:
#   CALMDESK_TEST_IMAP_URL=imap://127.0.0.1:1143
#   CALMDESK_TEST_SMTP_URL=smtp://127.0.0.1:2525
# Usage: bash scripts/start-mail.sh [--restart]
set -euo pipefail

ROOT=/var/lib/calmdesk-mail
IMAP_PORT=1143
LMTP_PORT=2424
SMTP_PORT=2525
DOVECOT_CONF="$ROOT/dovecot.conf"

if ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
  echo "start-mail: Dovecot or Postfix is missing:" >&2
  echo "  DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd dovecot-lmtpd postfix" >&2
  exit 1
fi

# One system user owns every test mailbox, so no mail user needs an account of its own.
if ! id vmail >/dev/null 2>&1; then
  useradd --system --home-dir "$ROOT" --shell /usr/sbin/nologin vmail
fi
mkdir -p "$ROOT/mail"
chown vmail:vmail "$ROOT/mail"

# Dovecot runs from its own configuration and base directory, so a system Dovecot (if any) is
# left alone.
cat >"$DOVECOT_CONF" <<EOF
protocols = imap lmtp
listen = 127.0.0.1
base_dir = /run/calmdesk-dovecot
state_dir = $ROOT/state
instance_name = calmdesk-dovecot
log_path = $ROOT/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$ROOT/mail/%d/%n/Maildir
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 1
# Every address signs in with one test password; a wrong one is refused.
passdb {
  driver = static
  args = password=calmdesk-mail
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$ROOT/mail/%d/%n allow_all_users=yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
namespace inbox {
  inbox = yes
}
EOF
mkdir -p "$ROOT/state"

# Postfix: the machine's own instance, told to deliver the two test domains to Dovecot over
# LMTP and to relay nothing (anything else bounces at once). Mail deferred while Dovecot
# restarts is tried again within seconds, not Postfix's default five minutes, so a test or the
# benchmark sees it arrive.
postconf -e \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mydestination = localhost" \
  "mynetworks = 127.0.0.0/8" \
  "virtual_mailbox_domains = calmdesk.test customer.test" \
  "virtual_mailbox_maps = static:ok" \
  "virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT" \
  "relay_domains =" \
  "relayhost =" \
  "default_transport = error:the Calmdesk test mail server relays nothing" \
  "relay_transport = error:the Calmdesk test mail server relays nothing" \
  "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination" \
  "message_size_limit = 20480000" \
  "maillog_file = $ROOT/postfix.log" \
  "queue_run_delay = 1s" \
  "minimal_backoff_time = 1s" \
  "maximal_backoff_time = 10s"
postconf -M "127.0.0.1:$SMTP_PORT/inet=127.0.0.1:$SMTP_PORT inet n - n - - smtpd"
newaliases >/dev/null 2>&1 || true

if [ "${1:-}" = "--restart" ]; then
  doveadm -c "$DOVECOT_CONF" stop >/dev/null 2>&1 || true
  postfix stop >/dev/null 2>&1 || true
  # Neither starts while its previous master is still shutting down.
  for _ in $(seq 1 100); do
    if ! postfix status >/dev/null 2>&1 &&
      ! doveadm -c "$DOVECOT_CONF" service status >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
fi

if ! doveadm -c "$DOVECOT_CONF" service status >/dev/null 2>&1; then
  dovecot -c "$DOVECOT_CONF"
fi
if postfix status >/dev/null 2>&1; then
  postfix reload >/dev/null 2>&1
else
  postfix start >/dev/null 2>&1
fi

# Both answer before the URLs are printed, so a test that reads them can connect at once.
wait_for_port() {
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "start-mail: nothing answers on 127.0.0.1:$1" >&2
  exit 1
}
wait_for_port "$IMAP_PORT"
wait_for_port "$SMTP_PORT"
echo "CALMDESK_TEST_IMAP_URL=imap://127.0.0.1:$IMAP_PORT"
echo "CALMDESK_TEST_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT"
