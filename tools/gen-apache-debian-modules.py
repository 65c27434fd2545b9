#!/usr/bin/env python3
"""Generates src/main/resources/dev/proxylint/apache/debian-modules.tsv: the directives of the
third-party Apache modules Debian packages (libapache2-mod-*), as the modules' own command tables
report them through `apache2 -L`.

Run by hand on a Debian machine with the module packages installed (never at build or test time);
the output is committed:

    tools/gen-apache-debian-modules.py > src/main/resources/dev/proxylint/apache/debian-modules.tsv

For each module of /etc/apache2/mods-available/*.load that httpd's own tree does not declare (the
@module lines of directives.tsv), httpd is started with `-L` twice on a scratch config: once with
the module's dependencies ("# Depends:" of its .load file, recursively) and once with the module
added; the names the second run lists and the first does not are that module's. Facts recorded per
directive: name, module identifier, source file (as -L prints it), and where httpd allows it, read
back from the "Allowed in *.conf ..." line that httpd's show_overrides() prints (server/config.c).
The argument kind is not printed, so it is RAW_ARGS (proxylint does not count arguments of these
directives); the handler's own context checks are not visible either ("-"). Help strings are not
copied. Names directives.tsv already has (from source) are left out; the loader keeps those.
"""
import datetime
import os
import re
import subprocess
import sys
import tempfile

MODS = "/etc/apache2/mods-available"
LIBDIR = "/usr/lib/apache2/modules"
HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.path.join(HERE, "..", "src", "main", "resources", "dev", "proxylint", "apache", "directives.tsv")
BASE = ["mpm_prefork", "authz_core"]  # prefork: mod_php refuses a threaded MPM


def load_files():
    """mods-available name -> (LoadModule lines, dependency names)."""
    out = {}
    for f in sorted(os.listdir(MODS)):
        if not f.endswith(".load"):
            continue
        text = open(os.path.join(MODS, f), encoding="utf-8").read()
        loads = re.findall(r"^\s*LoadModule\s+(\S+)\s+(\S+)", text, re.M)
        deps = []
        for m in re.finditer(r"^#\s*Depends:\s*(.*)$", text, re.M):
            deps += m.group(1).split()
        out[f[:-5]] = (loads, deps)
    return out


def bundled_ids():
    ids, names = set(), set()
    for line in open(TABLE, encoding="utf-8"):
        if line.startswith("@module\t"):
            ids.add(line.split("\t")[1])
        elif line.strip() and not line.startswith("#"):
            names.add(line.split("\t")[0].lower())
    return ids, names


def closure(name, files, seen):
    """Appends name after its dependencies (httpd needs a module's dependencies loaded first)."""
    if name in seen or name not in files:
        return
    for d in files[name][1]:
        closure(d, files, seen)
    if name not in seen:
        seen.append(name)


def listing(mods, files, work):
    """apache2 -L with these mods-available names loaded: name -> (source file, override text)."""
    lines = []
    for m in mods:
        for mid, so in files[m][0]:
            lines.append(f"<IfModule !{mid}>\nLoadModule {mid} {so}\n</IfModule>\n")
    conf = os.path.join(work, "httpd.conf")
    with open(conf, "w", encoding="utf-8") as c:
        c.write("".join(lines))
        c.write(f"ServerName localhost\nErrorLog {work}/error.log\nPidFile {work}/httpd.pid\n")
        c.write(f"DefaultRuntimeDir {work}\n")
    p = subprocess.run(["apache2", "-L", "-f", conf, "-d", work], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"apache2 -L failed for {mods}: {p.stderr.strip()}")
    out = {}
    cur = None
    for line in p.stdout.splitlines():
        m = re.match(r"^(\S+) \((\S+)\)$", line)
        if m:
            cur = m.group(1)
            out[cur] = [m.group(2), "", ""]
        elif cur and line.startswith("\tAllowed in *.conf "):
            out[cur][1] = line
        elif cur and line.startswith("\twhen AllowOverride"):
            out[cur][2] = line
    return out


def override(allowed, htaccess):
    """req_override flags that print these lines (server/config.c, show_overrides)."""
    flags = []
    if " anywhere" in allowed:
        flags += ["RSRC_CONF", "ACCESS_CONF"]
    elif "only outside" in allowed:
        flags += ["RSRC_CONF"]
    elif "only inside" in allowed:
        flags += ["ACCESS_CONF"]
    else:
        raise RuntimeError("unexpected: " + allowed)
    if "isn't None" in htaccess:
        flags.append("OR_ALL")
    else:
        for word, flag in (("AuthConfig", "OR_AUTHCFG"), ("Limit", "OR_LIMIT"), ("Options", "OR_OPTIONS"),
                           ("FileInfo", "OR_FILEINFO"), ("Indexes", "OR_INDEXES")):
            if re.search(r"\b" + word + r"\b", htaccess):
                flags.append(flag)
    return "|".join(flags)


def package_of(so):
    p = subprocess.run(["dpkg-query", "-S", so], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    pkg = p.stdout.split(":")[0].strip() if p.returncode == 0 else "?"
    v = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True).stdout.strip()
    return f"{pkg}={v}"


def main():
    files = load_files()
    ids, known = bundled_ids()
    rows = {}
    sources = []
    with tempfile.TemporaryDirectory() as work:
        for name in sorted(files):
            loads, _ = files[name]
            if not loads or all(mid in ids for mid, _ in loads):
                continue
            deps = []
            for d in files[name][1]:
                closure(d, files, deps)
            base = [m for m in BASE if m in files] + [d for d in deps if d not in BASE]
            before = listing(base, files, work)
            after = listing(base + [name], files, work)
            mid = ",".join(m for m, _ in loads if m not in ids)
            added = 0
            for k in sorted(set(after) - set(before)):
                if k.lower() in known or k.lower() in rows:
                    continue
                src, allowed, ht = after[k]
                rows[k.lower()] = [k, mid, src, "RAW_ARGS", override(allowed, ht), "-", "third-party"]
                added += 1
            sources.append(f"{mid} ({package_of(loads[0][1])}): {added} names")
            print(f"{name}: {added}", file=sys.stderr)
    version = subprocess.run(["apache2", "-v"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    w = sys.stdout.write
    w("# Directives of the third-party Apache modules Debian packages, generated by\n")
    w("# tools/gen-apache-debian-modules.py (do not edit by hand) from `apache2 -L` with each module loaded.\n")
    w(f"# httpd: {version}; debian: {open('/etc/debian_version').read().strip()}\n")
    w(f"# generated: {datetime.date.today().isoformat()}\n")
    for s in sources:
        w(f"# module: {s}\n")
    w("# columns as directives.tsv; args RAW_ARGS (apache2 -L does not print the kind), contexts '-'.\n")
    for k in sorted(rows):
        w("\t".join(rows[k]) + "\n")


if __name__ == "__main__":
    main()
