#!/usr/bin/env python3
"""Generates src/main/resources/dev/proxylint/apache/directives.tsv from Apache httpd's own
command_rec tables (AP_INIT_* entries in server/ and modules/), read from a git snapshot.

Run by hand (not at build or test time); the output is committed:

    tools/gen-apache-directives.py --git-dir /path/to/httpd.git --tag 2.4.62 \
        [--since-tags auto] [--third-party NAME=GITDIR:REF:GLOB ...] > directives.tsv

Facts recorded per directive: name, module identifier, module source file, argument kind,
req_override mask (symbolic), the ap_check_cmd_context() restrictions its handler applies, and the
first 2.4 release that has it. Help strings are not copied.
"""
import argparse
import datetime
import re
import subprocess
import sys

ALL_MODULES = {}  # module identifier -> source file, every module of the tree (with or without commands)


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args), check=True,
                          stdout=subprocess.PIPE).stdout


def read_tree(gitdir, ref, pattern):
    names = [n for n in git(gitdir, "ls-tree", "-r", "--name-only", ref).decode().splitlines()
             if re.search(pattern, n)]
    inp = "".join(f"{ref}:{n}\n" for n in names).encode()
    out = subprocess.run(["git", "--git-dir", gitdir, "cat-file", "--batch"], input=inp,
                         stdout=subprocess.PIPE, check=True).stdout
    files = {}
    pos = 0
    for n in names:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].split()
        size = int(header[2])
        body = out[nl + 1:nl + 1 + size]
        pos = nl + 1 + size + 1
        files[n] = body.decode("latin-1")
    return files


def strip_comments(text):
    # removes /* */ and // comments outside string literals
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(\([^)]*\))?[ \t]*(.*)$", re.M)


def macros_of(text):
    text = text.replace("\\\r\n", " ").replace("\\\n", " ")
    found = {}
    for m in DEFINE.finditer(text):
        params = None
        if m.group(2) is not None:
            params = [p.strip() for p in m.group(2)[1:-1].split(",") if p.strip()]
        found[m.group(1)] = (params, m.group(3).strip())
    return found


def split_args(s):
    """Splits a C argument list at top-level commas."""
    args, depth, cur, i = [], 0, [], 0
    while i < len(s):
        c = s[i]
        if c in "\"'":
            j = i + 1
            while j < len(s) and s[j] != c:
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        args.append("".join(cur).strip())
    return args


def closing(s, i, open_c, close_c):
    """Index of the bracket closing the one at s[i] (quoted text skipped), or -1."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c in "\"'":
            j = i + 1
            while j < len(s) and s[j] != c:
                j += 2 if s[j] == "\\" else 1
            i = j + 1
            continue
        if c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def matching(s, i):
    """Index of the parenthesis closing the one at s[i]."""
    return closing(s, i, "(", ")")


WORD = re.compile(r"[A-Za-z_]\w*")
# override and context flags stay as written (the table keeps them symbolic)
SYMBOLIC = re.compile(r"^(OR_[A-Z]+|ACCESS_CONF|RSRC_CONF|EXEC_ON_READ|PROXY_CONF|NONFATAL_[A-Z]+|NOT_IN_[A-Z_]+"
                      r"|GLOBAL_ONLY)$")


def expand(text, macros, depth=0):
    """A small C preprocessor for the macros command tables use (#, ## and function-like)."""
    if depth > 8:
        return text
    out, i, changed = [], 0, False
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
            continue
        m = WORD.match(text, i)
        if not m or (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
            out.append(c)
            i += 1
            continue
        name = m.group(0)
        if name in macros and not name.startswith("AP_INIT_") and not SYMBOLIC.match(name):
            params, body = macros[name]
            if params is None:
                out.append(body)
                i = m.end()
                changed = True
                continue
            k = m.end()
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == "(":
                e = matching(text, k)
                vals = split_args(text[k + 1:e])
                b = body
                for p, v in sorted(zip(params, vals), key=lambda x: -len(x[0])):
                    b = re.sub(r"\s*##\s*" + p + r"\b", lambda _: v, b)
                    b = re.sub(r"\b" + p + r"\s*##\s*", lambda _: v, b)
                    b = re.sub(r"(?<!#)#\s*" + p + r"\b", lambda _: '"' + v + '"', b)
                    b = re.sub(r"\b" + p + r"\b", lambda _: v, b)
                out.append(b)
                i = e + 1
                changed = True
                continue
        out.append(name)
        i = m.end()
    res = "".join(out)
    # "SSL" "Name" -> "SSLName"
    res = re.sub(r'("[^"\\]*)"\s*"', r"\1", res)
    return expand(res, macros, depth + 1) if changed else res


ARRAY = re.compile(r"command_rec\s+(\w+)\s*\[\s*\]\s*=\s*\{")
# AP_MODULE_DECLARE_DATA, or a module's own export macro (mod_dav: DAV_DECLARE_DATA)
MODDECL = re.compile(r"(?:module\s+(?:AP_MODULE|[A-Z]+)_DECLARE_DATA\s+(\w+)_module|AP_DECLARE_MODULE\s*\(\s*(\w+)\s*\))"
                     r"\s*=\s*\{")
ENTRY = re.compile(r"AP_INIT_(\w+)\s*\(")
CHECK = re.compile(r"ap_check_cmd_context\s*\(\s*\w+\s*,\s*([A-Z_|\s()]+?)\s*\)")


def block(text, start):
    """The text of a {...} starting at text[start] == '{'."""
    end = closing(text, start, "{", "}")
    return text[start + 1:end] if end >= 0 else text[start + 1:]


def function_body(text, name):
    m = re.search(r"\b" + re.escape(name) + r"\s*\(([^;{]*)\)\s*\{", text)
    if not m:
        return None
    return block(text, m.end() - 1)


def depth_at(text, pos):
    """Brace depth at pos (strings and chars skipped)."""
    depth, i = 0, 0
    while i < pos:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return depth


def pp_depth_at(text, pos):
    """Preprocessor #if nesting at pos: a call there is compiled only in some builds."""
    depth = 0
    for m in re.finditer(r"^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b", text[:pos], re.M):
        depth += -1 if m.group(1) == "endif" else 1
    return depth


def warning_only(body, call):
    """A call that is the whole condition of an if whose block only logs (core.c's "Useless use
    of AllowOverride" warning) refuses nothing: httpd reads on."""
    head = body[max(0, call.start() - 40):call.start()]
    if not re.search(r"\bif\s*\(\s*$", head):
        return False
    brace = body.find("{", call.end())
    if brace < 0 or body[call.end():brace].strip() != ")":
        return False
    inner = block(body, brace)
    return "return" not in inner and "APLOG_WARNING" in inner


def mask(expr):
    flags = [f for f in re.split(r"[|\s()]+", expr) if f]
    return "|".join(flags) if flags else "0"


def extract(files):
    """name -> row dict for one tree."""
    clean = {n: strip_comments(t) for n, t in files.items()}
    macros = {}
    for n, t in clean.items():
        if n.endswith(".h"):
            macros.update(macros_of(t))
    arrays = {}  # array name -> (file, entries)
    modules = {}  # array name -> (module id, source file)
    for n, t in clean.items():
        if not n.endswith(".c"):
            continue
        local = dict(macros)
        local.update(macros_of(t))
        for m in ARRAY.finditer(t):
            body = block(t, m.end() - 1)
            body = re.sub(r"^[ \t]*#.*$", "", body, flags=re.M)
            body = expand(body, local)
            entries = []
            for e in ENTRY.finditer(body):
                close = matching(body, e.end() - 1)
                args = split_args(body[e.end():close])
                if len(args) < 4 or not args[0].startswith('"'):
                    continue
                entries.append((args[0].strip('"'), e.group(1), args[1].strip(), mask(args[3])))
            arrays[(n, m.group(1))] = (n, entries)
        for m in MODDECL.finditer(t):
            mid = (m.group(1) or m.group(2)) + "_module"
            ALL_MODULES[mid] = n.rsplit("/", 1)[-1]
            fields = split_args(block(t, m.end() - 1))
            if not fields:
                continue
            # STANDARD20_MODULE_STUFF, dir create/merge, server create/merge, cmds, hooks;
            # MPM20_MODULE_STUFF has rewrite_args before them
            off = 5 if fields[0].startswith("STANDARD20") else 6 if fields[0].startswith("MPM20") else None
            if off is None or len(fields) <= off:
                continue
            cmds = fields[off].strip()
            modules[(n, cmds)] = (mid, n.rsplit("/", 1)[-1])
    rows = {}
    for (n, arr), (_, entries) in arrays.items():
        # the module declared in the same file, else the one file that declares a module with this table
        owner = modules.get((n, arr))
        if owner is None:
            others = [v for (f, c), v in modules.items() if c == arr]
            owner = others[0] if len(others) == 1 else None
        if owner is None:
            continue
        mid, src = owner
        moddir = n.rsplit("/", 1)[0]
        same_dir = [f for f in clean if f.endswith(".c") and f.rsplit("/", 1)[0] == moddir]
        for name, kind, handler, req in entries:
            checks = set()
            for f in [n] + [x for x in same_dir if x != n] + ["server/core.c", "server/listen.c",
                                                              "server/mpm_common.c"]:
                if f not in clean:
                    continue
                body = function_body(clean[f], handler)
                if body is not None:
                    for c in CHECK.finditer(body):
                        if warning_only(body, c):
                            continue
                        # a call at the top level of the handler always runs; one inside a block
                        # (an if, a loop) depends on the arguments, one inside #if on the build:
                        # those are recorded with a ?
                        nested = depth_at(body, c.start()) > 0 or pp_depth_at(body, c.start()) > 0
                        checks.add(("?" if nested else "") + mask(c.group(1)))
                    break
            key = name.lower()
            if key in rows and rows[key]["module"] != mid:
                # the same name in several modules (the MPMs): keep every module
                rows[key]["module"] += "," + mid
                rows[key]["source"] += "," + src
                continue
            rows[key] = {"name": name, "module": mid, "source": src, "kind": kind, "override": req,
                         "context": ",".join(sorted(checks)) or "-"}
    return rows


def extract_third_party(files, module, source):
    """Every command_rec array in a third-party module's files, all of them that module's."""
    clean = {n: strip_comments(t) for n, t in files.items()}
    macros = {}
    for n, t in clean.items():
        if n.endswith(".h"):
            macros.update(macros_of(t))
    rows = {}
    for n, t in clean.items():
        if n.endswith(".h"):
            continue
        local = dict(macros)
        local.update(macros_of(t))
        for m in ARRAY.finditer(t):
            body = block(t, m.end() - 1)
            body = re.sub(r"^[ \t]*#.*$", "", body, flags=re.M)
            body = expand(body, local)
            for e in ENTRY.finditer(body):
                close = matching(body, e.end() - 1)
                args = split_args(body[e.end():close])
                if len(args) < 4 or not args[0].startswith('"'):
                    continue
                name = args[0].strip('"')
                rows.setdefault(name.lower(), {"name": name, "module": module, "source": source,
                                               "kind": e.group(1), "override": mask(args[3]),
                                               "context": "-"})
    return rows


def release_tags(gitdir):
    tags = git(gitdir, "tag", "-l", "2.4.*").decode().split()
    rel = [t for t in tags if re.fullmatch(r"2\.4\.\d+", t)]
    return sorted(rel, key=lambda t: int(t.split(".")[2]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--repo", default="github:apache/httpd")
    ap.add_argument("--since", action="store_true", help="scan every 2.4.x release tag for 'since'")
    ap.add_argument("--third-party", action="append", default=[],
                    help="MODULE_ID,SOURCE.c,REPO,GITDIR,REF,PATH_REGEX: a third-party module's tables")
    a = ap.parse_args()
    pattern = r"^(server|modules|include|os)/.*\.(c|h)$"
    commit = git(a.git_dir, "rev-parse", a.tag + "^{commit}").decode().strip()
    rows = extract(read_tree(a.git_dir, a.tag, pattern))
    bundled = dict(ALL_MODULES)
    since = {}
    if a.since:
        for t in release_tags(a.git_dir):
            if int(t.split(".")[2]) > int(a.tag.split(".")[2]):
                continue
            for k in extract(read_tree(a.git_dir, t, pattern)):
                since.setdefault(k, t)
            print("scanned " + t, file=sys.stderr)
    third = []
    for spec in a.third_party:
        mid, src, repo, gd, ref, rx = spec.split(",", 5)
        c = git(gd, "rev-parse", ref + "^{commit}").decode().strip()
        tp = extract_third_party(read_tree(gd, c, rx), mid, src)
        third.append(f"{repo} {ref} (commit {c}): {len(tp)} names of {mid}")
        for k, r in tp.items():
            if k not in rows:
                r["since"] = "third-party"
                rows[k] = r
    w = sys.stdout.write
    w("# Apache httpd 2.4 directive table, generated by tools/gen-apache-directives.py (do not edit by hand).\n")
    w(f"# source: {a.repo} tag {a.tag} (commit {commit}); since: first 2.4.x release tag whose tables have the name\n")
    w(f"# generated: {datetime.date.today().isoformat()}\n")
    for t in third:
        w(f"# third-party: {t}; since column: third-party\n")
    w("# columns: name, module (identifier[,identifier]), source file, args (AP_INIT_ kind), req_override,\n")
    w("#          handler's ap_check_cmd_context restrictions (- none; ? marks a call inside a branch\n")
    w("#          of the handler, taken only for some arguments; several calls are separated by ,), since\n")
    w("# @module lines: every module the httpd tree declares (identifier, source file)\n")
    for k in sorted(rows):
        r = rows[k]
        w("\t".join([r["name"], r["module"], r["source"], r["kind"], r["override"], r["context"],
                     r.get("since") or since.get(k, "-")]) + "\n")
    # every module httpd's tree declares, also those without directives (mod_status, mod_proxy_http):
    # a LoadModule of any other module is a third-party module proxylint may not know
    for mid in sorted(bundled):
        w("@module\t" + mid + "\t" + bundled[mid] + "\n")


if __name__ == "__main__":
    main()
