#!/usr/bin/env python3
"""Measures how well proxylint's directive rules agree with a real `nginx -t`.

    python3 tools/measure-nginx-refusals.py CONFIG_DIR WORK_DIR [--nginx /usr/sbin/nginx] [--version 1.22.1]

CONFIG_DIR holds real-world nginx configs (one nginx.conf per sub-directory, or *.conf files). Each
config that this nginx accepts as it is becomes a base; from each base the script makes a few
mutants of the kinds nginx refuses most (a misspelt directive name, a directive moved into a
context that does not allow it, an argument dropped or added, a flag value other than on/off, a directive written twice) and
runs `nginx -t` and proxylint on every mutant. It prints, per kind, how many mutants nginx refuses
and how many of those proxylint flags with an error on the line nginx names, and how many mutants
nginx accepts that proxylint flags (false errors). Run by hand; nothing here runs at build time.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys

TEMP = (" access_log off; client_body_temp_path t/b; proxy_temp_path t/p; fastcgi_temp_path t/f;"
        " uwsgi_temp_path t/u; scgi_temp_path t/s;")
EMERG = re.compile(r"\[emerg\] (.*?)(?: in (\S+):(\d+))?$", re.M)
RULES = "CFG110,CFG120,CFG121,CFG122,CFG123,CFG124,CFG125"


def nginx_t(nginx, conf, work):
    os.makedirs(os.path.join(work, "t"), exist_ok=True)
    os.makedirs(os.path.join(work, "logs"), exist_ok=True)
    p = subprocess.run([nginx, "-t", "-q", "-p", work + "/", "-c", conf, "-e", os.path.join(work, "e.log"),
                        "-g", "pid %s;" % os.path.join(work, "n.pid")], capture_output=True, text=True, timeout=20)
    out = p.stdout + p.stderr
    m = EMERG.search(out)
    if p.returncode == 0:
        return True, None, 0
    return False, m.group(1) if m else out.strip(), int(m.group(3)) if m and m.group(3) else 0


def kind_of(message):
    if message is None:
        return None
    if message.startswith("unknown directive"):
        return "unknown-directive"
    if message.endswith("is not allowed here"):
        return "not-allowed-here"
    if "invalid number of arguments" in message or "has no opening" in message or "is not terminated" in message:
        return "argument-count"
    if message.endswith("directive is duplicate"):
        return "duplicate"
    if message.startswith("invalid value") or "directive invalid" in message:
        return "invalid-value"
    return "other"


def directives(lines):
    """(line index, indent, name, rest) of simple one-line directives, with the block kind they stand in."""
    out = []
    stack = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = re.match(r"^([a-z_][a-z0-9_]*)\s*(.*?)\s*\{\s*$", s)
        if m:
            stack.append(m.group(1))
            continue
        if s == "}":
            if stack:
                stack.pop()
            continue
        m = re.match(r"^([a-z_][a-z0-9_]*)(\s+[^;{}#]*)?;\s*$", s)
        if m and stack and stack[-1] not in ("map", "geo", "types", "split_clients", "charset_map", "match"):
            out.append((i, line[:len(line) - len(line.lstrip())], m.group(1), (m.group(2) or "").strip(),
                        stack[-1]))
    return out


def mutants(text, rng):
    lines = text.split("\n")
    ds = directives(lines)
    if not ds:
        return []
    out = []
    i, ind, name, rest, ctx = rng.choice(ds)
    typo = name[:-1] if len(name) > 4 else name + "x"
    m = list(lines)
    m[i] = ind + typo + (" " + rest if rest else "") + ";"
    out.append(("unknown-directive", "\n".join(m), i + 1))
    others = [d for d in ds if d[4] != ctx]
    if others:
        j = rng.choice(others)[0]
        m = list(lines)
        m.insert(j + 1, ind + name + (" " + rest if rest else "") + ";")
        out.append(("not-allowed-here", "\n".join(m), j + 2))
    with_args = [d for d in ds if d[3]]
    if with_args:
        i, ind, name, rest, ctx = rng.choice(with_args)
        m = list(lines)
        if rng.random() < 0.5:
            m[i] = ind + name + ";"
        else:
            m[i] = ind + name + " " + rest + " " + rest.split()[-1] + " extra;"
        out.append(("argument-count", "\n".join(m), i + 1))
    i, ind, name, rest, ctx = rng.choice(ds)
    m = list(lines)
    m.insert(i + 1, ind + name + (" " + rest if rest else "") + ";")
    out.append(("duplicate", "\n".join(m), i + 2))
    flags = [d for d in ds if d[3] in ("on", "off")]
    if flags:
        i, ind, name, rest, ctx = rng.choice(flags)
        m = list(lines)
        m[i] = ind + name + " " + rng.choice(["yes", "no", "true", "1"]) + ";"
        out.append(("invalid-value", "\n".join(m), i + 1))
    return out


def main():
    args = sys.argv[1:]
    nginx = "/usr/sbin/nginx"
    version = "1.22.1"
    if "--nginx" in args:
        nginx = args[args.index("--nginx") + 1]
    if "--version" in args:
        version = args[args.index("--version") + 1]
    src, work = args[0], args[1]
    jar = os.path.join(os.path.dirname(__file__), "..", "target", "proxylint.jar")
    rng = random.Random(13)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    configs = []
    for root, _, files in os.walk(src):
        for f in sorted(files):
            if f.endswith(".conf"):
                configs.append(os.path.join(root, f))
    bases = 0
    cases = []  # (kind, dir, expected line, nginx ok, nginx kind, nginx line)
    for n, path in enumerate(sorted(configs)):
        text = open(path, encoding="utf-8", errors="replace").read()
        if not re.search(r"(?m)^http \{$", text):
            continue
        text = re.sub(r"(?m)^http \{$", "http {" + TEMP, text, count=1)
        d = os.path.join(work, "base%04d" % n)
        os.makedirs(d)
        conf = os.path.join(d, "nginx.conf")
        open(conf, "w").write(text)
        ok, _, _ = nginx_t(nginx, conf, d)
        if not ok:
            continue
        bases += 1
        for k, (kind, mtext, line) in enumerate(mutants(text, rng)):
            md = os.path.join(work, "m%04d-%d" % (n, k))
            os.makedirs(md)
            mconf = os.path.join(md, "nginx.conf")
            open(mconf, "w").write(mtext)
            ok, msg, nline = nginx_t(nginx, mconf, md)
            cases.append((kind, mconf, line, ok, kind_of(msg), nline))
    print("nginx accepts %d of %d configs as they are; %d mutants" % (bases, len(configs), len(cases)))
    res = subprocess.run(["java", "-jar", jar, "check", "--dialect", "nginx", "--nginx-version", version,
                          "--select", RULES, "--format", "json", "--fail-on", "none",
                          *[c[1] for c in cases]], capture_output=True, text=True)
    findings = json.loads(res.stdout)["findings"] if res.stdout.strip() else []
    by_file = {}
    for f in findings:
        if f["level"] == "error":
            by_file.setdefault(os.path.abspath(f["file"]), []).append(f)
    stats = {}
    false_errors = []
    misses = []
    for kind, mconf, line, ok, nkind, nline in cases:
        s = stats.setdefault(kind, {"mutants": 0, "refused": 0, "flagged": 0, "accepted": 0, "false": 0})
        s["mutants"] += 1
        fs = by_file.get(os.path.abspath(mconf), [])
        if ok:
            s["accepted"] += 1
            if fs:
                s["false"] += 1
                false_errors.append((mconf, fs[0]["message"]))
            continue
        s["refused"] += 1
        if any(f["startLine"] == nline or nline == 0 for f in fs):
            s["flagged"] += 1
        else:
            misses.append((mconf, nline, nkind, [(f["startLine"], f["rule"]) for f in fs]))
    for kind, s in sorted(stats.items()):
        print("%-18s mutants %4d  nginx refuses %4d  proxylint flags %4d (%.0f%%)  nginx accepts %4d  false errors %d"
              % (kind, s["mutants"], s["refused"], s["flagged"], 100.0 * s["flagged"] / max(1, s["refused"]),
                 s["accepted"], s["false"]))
    for path, nline, nkind, fs in misses[:40]:
        print("missed:", path, "line", nline, nkind, "proxylint:", fs)
    for path, msg in false_errors[:20]:
        print("false error:", path, msg[:120])


if __name__ == "__main__":
    main()
