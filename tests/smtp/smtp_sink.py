#!/usr/bin/python3
"""A loopback SMTP server for the notice tests and benchmark, built on Debian's aiosmtpd.

It accepts every message and appends one line per message to --log: the recipient and the Message-ID,
tab-separated, flushed at once so a test can read what has arrived while sending goes on. --reject and
--defer are regular expressions over the recipient address: matching addresses get a permanent 550 or a
temporary 450 at RCPT. A message to an address matching --slow is recorded at once and answered two seconds
later, as a relay that is slow to confirm a message it already has. Prints "ready <port>" once listening. Run it with Debian's /usr/bin/python3.
"""
import argparse
import asyncio
import re
import signal
import sys

try:
    from aiosmtpd.smtp import SMTP
except ImportError as error:
    print("aiosmtpd is missing (apt-get install python3-aiosmtpd, and run Debian's /usr/bin/python3): %s" % error, file=sys.stderr)
    sys.exit(2)

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, log, reject, defer, slow):
        self.log = log
        self.reject = re.compile(reject) if reject else None
        self.defer = re.compile(defer) if defer else None
        self.slow = re.compile(slow) if slow else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject.search(address):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if self.defer and self.defer.search(address):
            return "450 4.2.1 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = found.group(1).decode("ascii", "replace") if found else "-"
        for rcpt in envelope.rcpt_tos:
            self.log.write("%s\t%s\n" % (rcpt, message_id))
        self.log.flush()
        if self.slow and any(self.slow.search(rcpt) for rcpt in envelope.rcpt_tos):
            await asyncio.sleep(2)
        return "250 2.0.0 Queued"


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    parser.add_argument("--reject")
    parser.add_argument("--defer")
    parser.add_argument("--slow")
    args = parser.parse_args()

    log = open(args.log, "a", encoding="utf-8")
    sink = Sink(log, args.reject, args.defer, args.slow)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="localhost", ident="portal-test-sink", enable_SMTPUTF8=True),
        host="127.0.0.1", port=args.port)
    port = server.sockets[0].getsockname()[1]
    print("ready %d" % port, flush=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    log.close()


if __name__ == "__main__":
    asyncio.run(main())
