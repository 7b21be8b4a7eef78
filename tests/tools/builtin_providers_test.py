#!/usr/bin/env python3
"""The built-in providers are constant data, never parsed at run time.

Tests the mechanism, not a time (issue 17):
- the object compiled from the generated builtin_providers.cpp has no
  start-up code (.init_array / .ctors): the catalog is not built when the
  program starts, it is in the file as it will be used;
- the binary does not hold data/providers.json as text: there is nothing
  to parse at run time (the JSON text of a provider, of the source block,
  and the file's key layout are all absent);
- a lookup through the built binary still finds a provider, so the data
  that is there is the catalog.
The same holds for data/services.json (its generated object, its JSON text).
Usage: builtin_providers_test.py BINARY PROVIDERS.json OBJECT...
"""
import json
import subprocess
import sys


def sections(obj):
    out = subprocess.run(["readelf", "-SW", obj], check=True, capture_output=True, text=True).stdout
    return out


def main():
    binary, providers_json, objects = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures = []
    generated = [o for o in objects if "builtin_providers" in o]
    if len(generated) != 1:
        failures.append(f"expected one builtin_providers object among {objects}")
    # data/services.json is packed the same way (issue 15, items 7-8).
    generated += [o for o in objects if "generated/builtin_services" in o]
    for obj in generated:
        table = sections(obj)
        for name in (".init_array", ".ctors"):
            if name in table:
                failures.append(f"{obj} has {name}: the built-in catalog runs code at start-up")
    with open(providers_json, encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(text)
    with open(binary, "rb") as f:
        image = f.read()
    # Fragments only the JSON text holds (the strings themselves are in the
    # binary as constants, their JSON spelling is not).
    first = doc["providers"][0]
    needles = ['"schema_version"', '"leave_messages_on_server"', '"username_rule": {',
               json.dumps({"id": first["id"]})[1:-1], '"providers": [']
    for needle in needles:
        if needle.encode() in image:
            failures.append(f"{binary} contains the JSON text {needle!r}: provider data embedded as JSON")
    domain = first["domains"][0]
    run = subprocess.run([binary, "recommend", "--domain", domain, "--json"],
                         capture_output=True, text=True, env={"LANG": "C.UTF-8"})
    if run.returncode != 0 or json.loads(run.stdout).get("provider", {}).get("id") != first["id"]:
        failures.append(f"recommend --domain {domain} did not find {first['id']}: {run.stderr}")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
