"""Test PKI for the probe's server tests, made with the openssl command.

make(directory) writes:
    ca.crt                 the CA the tests pass to --ca-file ("CN=mailports test CA")
    good.crt, good.key     CN=localhost, SAN DNS:localhost + IP:127.0.0.1 (+ the MX name of the
                           discover tests' DANE-TA case, which needs a name match), valid for a year
    good.pem, expired.pem  key + certificate in one file (Postfix smtpd_tls_chain_files)
    expired.crt            same key and names, but notAfter is two days in the past
    rsa.pem                an RSA key (2048 bits) and its certificate, names and dates as good:
                           RSA key exchange (no forward secrecy) needs an RSA certificate
and returns the notAfter of each leaf, so tests can check the probe's dates exactly.
"""

import datetime
import os
import subprocess

CA_NAME = "CN=mailports test CA"
LEAF_NAME = "CN=localhost"
SANS = ["localhost", "mx.relay-daneta.test", "127.0.0.1"]

# `openssl ca` is the only CLI command of OpenSSL 3.0 that takes arbitrary
# start and end dates, which an expired certificate needs. It wants a
# database, a serial file and a policy; this is the minimum.
_CONFIG = """\
[ca]
default_ca = test_ca

[test_ca]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
certificate = $dir/ca.crt
private_key = $dir/ca.key
default_md = sha256
policy = any_name
unique_subject = no
email_in_dn = no
copy_extensions = none

[any_name]
commonName = supplied

[req]
distinguished_name = req_dn
prompt = no

[req_dn]
CN = unused

[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[leaf_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:mx.relay-daneta.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _openssl(directory, *args):
    proc = subprocess.run(["openssl", *args], cwd=directory, timeout=60,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise RuntimeError("openssl %s failed:\n%s" % (" ".join(args), proc.stdout))


def _asn1(when):
    return when.strftime("%Y%m%d%H%M%SZ")


def make(directory):
    """Create the files listed above in `directory`; return
    {"good": datetime, "expired": datetime}, the leaves' notAfter (UTC)."""
    os.makedirs(os.path.join(directory, "issued"), exist_ok=True)
    with open(os.path.join(directory, "openssl.cnf"), "w") as f:
        f.write(_CONFIG.format(dir=directory))
    open(os.path.join(directory, "index.txt"), "w").close()
    with open(os.path.join(directory, "serial"), "w") as f:
        f.write("1000\n")

    cnf = ["-config", "openssl.cnf"]
    # EC keys: generated instantly, and both Postfix and Dovecot serve them.
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl(directory, "req", "-x509", *cnf, *ec, "-keyout", "ca.key", "-out", "ca.crt",
             "-subj", "/" + CA_NAME, "-days", "3650", "-extensions", "ca_ext")
    _openssl(directory, "req", "-new", *cnf, *ec, "-keyout", "good.key", "-out", "leaf.csr",
             "-subj", "/" + LEAF_NAME)

    # Whole seconds, so the notAfter written equals the one returned.
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    not_after = {"good": now + datetime.timedelta(days=365),
                 "expired": now - datetime.timedelta(days=2)}
    not_before = {"good": now - datetime.timedelta(hours=1),
                  "expired": now - datetime.timedelta(days=30)}
    for name in ("good", "expired"):
        _openssl(directory, "ca", "-batch", *cnf, "-extensions", "leaf_ext", "-notext",
                 "-in", "leaf.csr", "-out", name + ".crt",
                 "-startdate", _asn1(not_before[name]), "-enddate", _asn1(not_after[name]))
        with open(os.path.join(directory, name + ".pem"), "w") as out:
            for part in ("good.key", name + ".crt"):
                with open(os.path.join(directory, part)) as f:
                    out.write(f.read())
    # RSA: the only key with which a server can agree to RSA key exchange.
    rsa = ["-newkey", "rsa:2048", "-nodes"]
    _openssl(directory, "req", "-new", *cnf, *rsa, "-keyout", "rsa.key", "-out", "rsa.csr",
             "-subj", "/" + LEAF_NAME)
    _openssl(directory, "ca", "-batch", *cnf, "-extensions", "leaf_ext", "-notext",
             "-in", "rsa.csr", "-out", "rsa.crt",
             "-startdate", _asn1(not_before["good"]), "-enddate", _asn1(not_after["good"]))
    with open(os.path.join(directory, "rsa.pem"), "w") as out:
        for part in ("rsa.key", "rsa.crt"):
            with open(os.path.join(directory, part)) as f:
                out.write(f.read())
    return not_after
