#!/usr/bin/env python3
# Captures the seed corpus of fuzz_dns_answer: real replies from dnsmasq
# serving the zones of the DNS unit tests (tests/unit/mailports/net/dnsmasq.hpp,
# plus a CNAME and a TXT record), one raw message per file, the large SRV set
# both truncated over UDP and whole over TCP. Run by hand:
#   tests/fuzz/capture_dns_corpus.py tests/fuzz/corpus/fuzz_dns_answer
import socket, struct, subprocess, sys, time, os, random
out = sys.argv[1]
port = 15377
args = ["dnsmasq","--keep-in-foreground","--conf-file=/dev/null","--no-resolv","--no-hosts","--log-facility=/dev/null",
 "--listen-address=127.0.0.1","--bind-interfaces",f"--port={port}","--pid-file=",
 "--local=/example.test/","--local=/hoster.test/",
 "--srv-host=_submissions._tcp.example.test,mail.example.test,465,0,1",
 "--srv-host=_submission._tcp.example.test,mail.example.test,465,0,1",
 "--srv-host=_imaps._tcp.example.test,imap-b.example.test,993,10,5",
 "--srv-host=_imaps._tcp.example.test,imap-a.example.test,993,10,60",
 "--srv-host=_imaps._tcp.example.test,IMAP-Z.example.test,9993,0,1",
 "--srv-host=_imaps._tcp.example.test,imap-c.example.test,993,20,100",
 "--srv-host=_pop3._tcp.example.test",
 "--mx-host=example.test,mx2.hoster.test,20","--mx-host=example.test,mx1.eu.hoster.test,10","--mx-host=example.test,mx0.hoster.test,30",
 "--host-record=mail.example.test,127.0.0.1,::1","--host-record=v4only.example.test,127.0.0.2",
 "--txt-record=text.example.test,v=spf1 -all", "--cname=alias.example.test,mail.example.test"]
args += [f"--srv-host=_big._tcp.example.test,host-{i}-with-a-rather-long-label-for-size.example.test,993,1,{i}" for i in range(40)]
if os.geteuid() == 0:
    args += ["--user=nobody", "--group=nogroup"]
p = subprocess.Popen(args)
time.sleep(0.5)
def query(name, qtype):
    q = struct.pack(">HHHHHH", random.randrange(65536), 0x0100, 1, 0, 0, 0)
    for l in name.split("."):
        q += bytes([len(l)]) + l.encode()
    return q + b"\0" + struct.pack(">HH", qtype, 1)
cases = [("srv-imaps-4-records", "_imaps._tcp.example.test", 33, False),
         ("srv-submission-465", "_submission._tcp.example.test", 33, False),
         ("srv-target-dot", "_pop3._tcp.example.test", 33, False),
         ("srv-big-udp-truncated", "_big._tcp.example.test", 33, False),
         ("srv-big-tcp", "_big._tcp.example.test", 33, True),
         ("mx-3-records", "example.test", 15, False),
         ("a-record", "mail.example.test", 1, False),
         ("aaaa-record", "mail.example.test", 28, False),
         ("cname-then-a", "alias.example.test", 1, False),
         ("nxdomain", "_imap._tcp.example.test", 33, False),
         ("no-data", "mail.example.test", 33, False),
         ("refused", "example.org", 15, False),
         ("txt-record", "text.example.test", 16, False)]
try:
    for fname, name, qtype, tcp in cases:
        q = query(name, qtype)
        if tcp:
            s = socket.create_connection(("127.0.0.1", port)); s.sendall(struct.pack(">H", len(q)) + q)
            data = b""
            while True:
                c = s.recv(65536)
                if not c: break
                data += c
                if len(data) >= 2 and len(data) >= 2 + struct.unpack(">H", data[:2])[0]: break
            r = data[2:]
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(q, ("127.0.0.1", port)); r = s.recv(65536)
        s.close()
        open(os.path.join(out, fname), "wb").write(r)
        print(fname, len(r), hex(r[2]), hex(r[3]))
finally:
    p.terminate(); p.wait()
