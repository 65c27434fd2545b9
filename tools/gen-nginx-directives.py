#!/usr/bin/env python3
"""Generates proxylint's nginx directive and variable tables from nginx's own command tables.

Run by hand, never at build or test time; the output is committed:

    python3 tools/gen-nginx-directives.py NGINX_GIT_DIR [THIRD_PARTY_GIT_DIR=module-name[@REV,...] ...]

NGINX_GIT_DIR is a git directory of nginx's source (bare is fine). Every tag release-X.Y.Z from
1.0.0 on is read: the ngx_command_t arrays (directive name, context and argument flags, set
handler) and the ngx_http_variable_t / ngx_stream_variable_t arrays (variable names, prefix
families). A directive whose signature (contexts, arguments, value type) stays the same over a run
of releases becomes one row with the first release that has it (since) and the first release that
no longer has it (until). Third-party modules are read at their HEAD (no since/until); module-name@REV
also reads the tag or commit REV (say the release a distribution ships) and keeps the rows of both.
A third-party command array may #include its entries from another file of the module (ngx_devel_kit),
and may stand in a file that another file #includes (nchan): the module is then the includer's.
Third-party files under t/ (tests) and examples/ are not read: they are not part of the module.

Writes src/main/resources/dev/proxylint/nginx/directives.tsv and variables.tsv.
"""
import datetime
import os
import re
import subprocess
import sys

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "proxylint", "nginx")

CONTEXT_FLAGS = {
    "NGX_MAIN_CONF": "main", "NGX_DIRECT_CONF": None, "NGX_ANY_CONF": "any",
    "NGX_EVENT_CONF": "events",
    "NGX_HTTP_MAIN_CONF": "http", "NGX_HTTP_SRV_CONF": "server", "NGX_HTTP_LOC_CONF": "location",
    "NGX_HTTP_UPS_CONF": "upstream", "NGX_HTTP_SIF_CONF": "sif", "NGX_HTTP_LIF_CONF": "lif",
    "NGX_HTTP_LMT_CONF": "limit_except",
    "NGX_STREAM_MAIN_CONF": "stream", "NGX_STREAM_SRV_CONF": "stream_server",
    "NGX_STREAM_UPS_CONF": "stream_upstream",
    "NGX_MAIL_MAIN_CONF": "mail", "NGX_MAIL_SRV_CONF": "mail_server",
    # nginx-rtmp-module's own top-level block: rtmp { server { application x { recorder y { } } } }
    "NGX_RTMP_MAIN_CONF": "rtmp", "NGX_RTMP_SRV_CONF": "rtmp_server", "NGX_RTMP_APP_CONF": "rtmp_application",
    "NGX_RTMP_REC_CONF": "rtmp_recorder",
}
ARG_FLAGS = {
    "NGX_CONF_NOARGS": ["NOARGS"], "NGX_CONF_TAKE1": ["TAKE1"], "NGX_CONF_TAKE2": ["TAKE2"],
    "NGX_CONF_TAKE3": ["TAKE3"], "NGX_CONF_TAKE4": ["TAKE4"], "NGX_CONF_TAKE5": ["TAKE5"],
    "NGX_CONF_TAKE6": ["TAKE6"], "NGX_CONF_TAKE7": ["TAKE7"],
    "NGX_CONF_TAKE12": ["TAKE1", "TAKE2"], "NGX_CONF_TAKE13": ["TAKE1", "TAKE3"],
    "NGX_CONF_TAKE23": ["TAKE2", "TAKE3"], "NGX_CONF_TAKE123": ["TAKE1", "TAKE2", "TAKE3"],
    "NGX_CONF_TAKE1234": ["TAKE1", "TAKE2", "TAKE3", "TAKE4"],
    "NGX_CONF_BLOCK": ["BLOCK"], "NGX_CONF_FLAG": ["FLAG"], "NGX_CONF_ANY": ["ANY"],
    "NGX_CONF_1MORE": ["1MORE"], "NGX_CONF_2MORE": ["2MORE"],
}
ARG_ORDER = ["NOARGS", "TAKE1", "TAKE2", "TAKE3", "TAKE4", "TAKE5", "TAKE6", "TAKE7", "FLAG", "1MORE", "2MORE",
             "ANY", "BLOCK"]
# set handlers whose value nginx parses itself, and the value type they accept
SLOTS = {
    "ngx_conf_set_flag_slot": "flag", "ngx_conf_set_size_slot": "size", "ngx_conf_set_off_slot": "offset",
    "ngx_conf_set_msec_slot": "time", "ngx_conf_set_sec_slot": "time", "ngx_conf_set_num_slot": "num",
    "ngx_conf_set_enum_slot": "enum", "ngx_conf_set_bitmask_slot": "bitmask",
}

# set handlers that refuse a second directive of the same name in one block ("is duplicate")
ONCE_SLOTS = {"ngx_conf_set_flag_slot", "ngx_conf_set_str_slot", "ngx_conf_set_num_slot", "ngx_conf_set_size_slot",
              "ngx_conf_set_off_slot", "ngx_conf_set_msec_slot", "ngx_conf_set_sec_slot", "ngx_conf_set_bufs_slot",
              "ngx_conf_set_enum_slot", "ngx_conf_set_path_slot", "ngx_conf_set_access_slot",
              "ngx_http_set_complex_value_slot", "ngx_http_set_complex_value_zero_slot",
              "ngx_stream_set_complex_value_slot", "ngx_stream_set_complex_value_zero_slot",
              "ngx_http_upstream_bind_set_slot"}
# nginx's own handlers whose duplicate check depends on the arguments (the same zone, "off" ...)
CONDITIONAL_DUPLICATE = {"limit_conn", "limit_req", "proxy_redirect", "proxy_cookie_domain", "proxy_cookie_flags",
                         "proxy_cookie_path", "mirror"}

COMMAND_ARRAY = re.compile(r"ngx_command_t\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\n\s*ngx_null_command", re.S)
MODULE_DEF = re.compile(r"^ngx_module_t\s+(\w+)\s*=\s*\{", re.M)
ENTRY = re.compile(r"\{\s*ngx_string\s*\(\s*\"([^\"]+)\"\s*\)\s*,(.*?)\}", re.S)
FUNC_DEF = re.compile(r"^(?:static\s+)?(?:char|ngx_int_t)\s*\*?\s*\n?(\w+)\(ngx_conf_t \*cf.*?\n\{(.*?)\n\}", re.S | re.M)
ENUM_ARRAY = re.compile(r"ngx_conf_(?:enum|bitmask)_t\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\n\s*\{\s*ngx_null_string", re.S)
VAR_ARRAY = re.compile(r"(?:ngx_(http|stream)|[a-z]\w*)_variable_t\s+\w+\s*\[\s*\]\s*=\s*\{(.*?)\n\s*(?:ngx_\w*null_variable|\{\s*ngx_null_string)", re.S)
VAR_ENTRY = re.compile(r"\{\s*ngx_string\s*\(\s*\"([^\"]+)\"\s*\)\s*,([^}]*)\}", re.S)
NAMED_VAR = re.compile(r"ngx_str_t\s+(\w+)\s*=\s*ngx_string\(\s*\"([A-Za-z0-9_]+)\"\s*\)")
COMMENT = re.compile(r"/\*.*?\*/|^[ \t]*//[^\n]*", re.S | re.M)
# a macro that makes one entry of a variable array: #define M(x) { ngx_string("prefix_"#x), ... }
# or #define M(name, field) { ngx_string("prefix_" name), ... } (nchan's stub status variables)
VAR_MACRO = re.compile(r"#define[ \t]+(\w+)\(([^)]*)\)[ \t]*\\?\s*\{\s*ngx_string\(\s*\"([^\"]*)\"\s*(#?\w+)\s*\)")
INCLUDE = re.compile(r"^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]", re.M)


def git(gitdir, *args, binary=False):
    out = subprocess.run(["git", "--git-dir=" + gitdir, *args], check=True, capture_output=True).stdout
    return out if binary else out.decode("utf-8", "replace")


class Blobs:
    """Reads blobs through one git cat-file --batch process; parses each blob once."""

    def __init__(self, gitdir):
        self.p = subprocess.Popen(["git", "--git-dir=" + gitdir, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        self.cache = {}

    def text(self, sha):
        self.p.stdin.write((sha + "\n").encode())
        self.p.stdin.flush()
        header = self.p.stdout.readline().split()
        size = int(header[2])
        data = self.p.stdout.read(size)
        self.p.stdout.read(1)
        return data.decode("utf-8", "replace")

    def parsed(self, sha):
        if sha not in self.cache:
            self.cache[sha] = parse_file(COMMENT.sub(" ", self.text(sha)))
        return self.cache[sha]


def parse_file(text):
    """(commands, functions, enums, variables) of one C file."""
    commands = []
    modules = MODULE_DEF.findall(text)
    if "ngx_command_t" in text:
        for arr_name, body in COMMAND_ARRAY.findall(text):
            module = modules[0] if modules else arr_name.replace("_commands", "_module")
            for name, rest in ENTRY.findall(body):
                fields = [f.strip() for f in rest.split(",")]
                flags = re.findall(r"NGX_[A-Z0-9_]+", fields[0]) if fields else []
                handler = fields[1] if len(fields) > 1 else ""
                post = fields[-1] if fields else ""
                commands.append((name, module, flags, handler, post))
    functions = {}
    for fname, body in FUNC_DEF.findall(text):
        functions[fname] = body
    enums = {}
    for ename, body in ENUM_ARRAY.findall(text):
        enums[ename] = re.findall(r"ngx_string\(\s*\"([^\"]*)\"\s*\)", body)
    variables = []
    # variables added one by one: static ngx_str_t x_name = ngx_string("x"); ... add_variable(cf, &x_name, ...)
    for sname, vname in NAMED_VAR.findall(text):
        if re.search(r"_add_variable\(\s*cf\s*,\s*&" + sname + r"\b", text):
            family = "stream" if "ngx_stream_add_variable" in text else "http"
            variables.append((vname, family, modules[0] if modules else "", False))
    macros = {}
    for mname, params, prefix, param in VAR_MACRO.findall(text):
        params = [x.strip() for x in params.split(",")]
        if param.lstrip("#") in params:
            macros[mname] = (params.index(param.lstrip("#")), prefix)
    for family, body in VAR_ARRAY.findall(text):
        # a module's own array type (nchan_variable_t) whose entries it adds with ngx_http_add_variable
        family = family or ("stream" if "ngx_stream_add_variable" in text else "http")
        module = modules[0] if modules else ""
        for name, rest in VAR_ENTRY.findall(body):
            variables.append((name, family, module, "VAR_PREFIX" in rest))
        for mname, (i, prefix) in macros.items():
            for args in re.findall(r"\b" + mname + r"\(([^)]*)\)", body):
                arg = [x.strip() for x in args.split(",")][i]
                variables.append((prefix + arg.strip('"'), family, module, False))
    return commands, functions, enums, variables


def rows_of(files, nginx=True):
    """Directive rows and variables of one source tree (list of parsed files)."""
    functions, enums = {}, {}
    for _, f, e, _ in files:
        functions.update(f)
        enums.update(e)
    rows, variables = set(), set()
    for commands, _, _, vs in files:
        for name, module, flags, handler, post in commands:
            contexts = []
            args = []
            for fl in flags:
                if fl in CONTEXT_FLAGS and CONTEXT_FLAGS[fl] and CONTEXT_FLAGS[fl] not in contexts:
                    contexts.append(CONTEXT_FLAGS[fl])
                for a in ARG_FLAGS.get(fl, []):
                    if a not in args:
                        args.append(a)
            args.sort(key=ARG_ORDER.index)
            value = SLOTS.get(handler, "")
            if value in ("enum", "bitmask"):
                ename = post.lstrip("&").split("[")[0].strip()
                if ename in enums:
                    value += ":" + "/".join(enums[ename])
            block = ""
            body = functions.get(handler, "")
            if "BLOCK" in args:
                if "lua_block_parse" in body or "_by_lua_block" in name:
                    block = "raw"
                elif "cf->handler =" in body or "cf->handler=" in body:
                    block = "data"
                else:
                    block = "directives"
            defines = ""
            if name in ("map", "geo", "split_clients"):
                defines = "last"
            elif name == "geoip2":
                defines = "block"
            elif name.startswith("set_by_lua"):
                defines = "first"
            elif re.search(r"add_variable|ndk_set_var|set_var_value", body) or handler.startswith("ndk_set_var"):
                defines = "first"
            repeat = ""
            if handler in ONCE_SLOTS:
                repeat = "once"
            elif nginx and name not in CONDITIONAL_DUPLICATE and "is duplicate" in body:
                repeat = "once"
            rows.add((name, module, ",".join(contexts), "|".join(args), value, block, defines, repeat))
        for v in vs:
            variables.add(v)
    return rows, variables


def version_key(tag):
    return tuple(int(x) for x in tag[len("release-"):].split("."))


def spans(present_by_tag, tags):
    """{item: [(since, until)]} from which tags (in version order) hold each item."""
    out = {}
    prev = set()
    open_since = {}
    for tag in tags:
        cur = present_by_tag[tag]
        v = tag[len("release-"):]
        for item in cur - prev:
            open_since[item] = v
        for item in prev - cur:
            out.setdefault(item, []).append((open_since.pop(item), v))
        prev = cur
    for item, since in open_since.items():
        out.setdefault(item, []).append((since, ""))
    return out


def nginx_tables(gitdir):
    tags = sorted((t for t in git(gitdir, "tag").split() if re.fullmatch(r"release-\d+\.\d+\.\d+", t)
                   and version_key(t) >= (1, 0, 0)), key=version_key)
    blobs = Blobs(gitdir)
    rows_by_tag, vars_by_tag = {}, {}
    for tag in tags:
        files = []
        for line in git(gitdir, "ls-tree", "-r", tag, "src").splitlines():
            meta, path = line.split("\t", 1)
            if path.endswith(".c"):
                files.append(blobs.parsed(meta.split()[2]))
        rows_by_tag[tag], vars_by_tag[tag] = rows_of(files)
    return tags, spans(rows_by_tag, tags), spans(vars_by_tag, tags)


def third_party(gitdir, revs=("HEAD",)):
    """Directive rows and variables of a third-party module: the union over the given revisions."""
    blobs = Blobs(gitdir)
    rows, variables = set(), set()
    for rev in revs:
        r, v = third_party_at(gitdir, blobs, rev)
        rows |= r
        variables |= v
    return rows, variables


def third_party_at(gitdir, blobs, rev):
    texts = {}
    for line in git(gitdir, "ls-tree", "-r", rev).splitlines():
        meta, path = line.split("\t", 1)
        if path.endswith((".c", ".h")) and not re.search(r"(^|/)(t|examples)/", path):
            texts[path] = blobs.text(meta.split()[2])
    by_base = {}
    for path in texts:
        by_base.setdefault(os.path.basename(path), path)

    def inline(match):
        # an #include inside a command array: its entries stand in the included file
        path = by_base.get(os.path.basename(match.group(1)))
        return texts[path] if path else match.group(0)

    owner = {}  # included .c file -> the module of the file that includes it
    for path, text in texts.items():
        modules = MODULE_DEF.findall(COMMENT.sub(" ", text))
        if modules:
            for inc in INCLUDE.findall(text):
                if inc.endswith(".c"):
                    owner.setdefault(os.path.basename(inc), modules[0])
    files = []
    for path, text in texts.items():
        if not path.endswith(".c"):
            continue
        if "ngx_command_t" in text and "#include" in text:
            text = COMMAND_ARRAY.sub(lambda m: INCLUDE.sub(inline, m.group(0)), text)
        text = COMMENT.sub(" ", text)
        parsed = parse_file(text)
        base = os.path.basename(path)
        if base in owner and not MODULE_DEF.search(text):
            commands = [(name, owner[base], flags, handler, post) for name, _, flags, handler, post in parsed[0]]
            variables = [(name, family, module or owner[base], prefix) for name, family, module, prefix in parsed[3]]
            parsed = (commands, parsed[1], parsed[2], variables)
        files.append(parsed)
    return rows_of(files, nginx=False)


def remote_name(gitdir):
    # the mirror directories are named owner+repo
    parent = os.path.basename(os.path.dirname(os.path.abspath(gitdir)))
    return parent.replace("+", "/")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    nginx_dir = sys.argv[1]
    today = datetime.date.today().isoformat()
    tags, rows, variables = nginx_tables(nginx_dir)
    newest = tags[-1]
    head = git(nginx_dir, "rev-parse", newest + "^{commit}").strip()
    sources = ["# nginx: %s, tags release-%s .. %s (%d releases), %s at %s" % (
        remote_name(nginx_dir), tags[0][8:], newest[8:], len(tags), newest, head)]
    out_rows = []
    for (name, module, contexts, args, value, block, defines, repeat), sp in rows.items():
        for since, until in sp:
            out_rows.append((name, module, "nginx", contexts, args, value, block, defines, repeat, since, until))
    out_vars = []
    for (name, family, module, prefix), sp in variables.items():
        for since, until in sp:
            out_vars.append((name + ("*" if prefix else ""), family, module, "nginx", since, until))
    for arg in sys.argv[2:]:
        gitdir, label = arg.split("=", 1)
        label, _, extra = label.partition("@")
        revs = ["HEAD"] + [r for r in extra.split(",") if r]
        commit = git(gitdir, "rev-parse", "HEAD").strip()
        also = "".join(", %s at %s" % (r, git(gitdir, "rev-parse", r + "^{commit}").strip()) for r in revs[1:])
        sources.append("# %s: %s at %s (HEAD)%s" % (label, remote_name(gitdir), commit, also))
        trows, tvars = third_party(gitdir, revs)
        for (name, module, contexts, args, value, block, defines, repeat) in trows:
            out_rows.append((name, module, label, contexts, args, value, block, defines, repeat, "", ""))
        for (name, family, module, prefix) in tvars:
            out_vars.append((name + ("*" if prefix else ""), family, module, label, "", ""))
    out_rows.sort(key=lambda r: (r[0], r[2] != "nginx", r[1], version_key("release-" + r[9]) if r[9] else ()))
    out_vars.sort(key=lambda r: (r[0], r[1], r[3] != "nginx", version_key("release-" + r[4]) if r[4] else ()))
    header = ["# proxylint nginx directive table, generated by tools/gen-nginx-directives.py on %s" % today,
              "# from the ngx_command_t arrays of:"] + sources + [
        "# Facts only (names, flags); regenerate by hand, never at build time.",
        "# source: 'nginx' or the third-party module's name (needs that module built in or loaded).",
        "# contexts: main events http server location sif (if in server) lif (if in location) limit_except",
        "#   upstream stream stream_server stream_upstream mail mail_server any",
        "#   rtmp rtmp_server rtmp_application rtmp_recorder (nginx-rtmp-module's rtmp block)",
        "# args: nginx's NGX_CONF_* argument flags (TAKE12 is TAKE1|TAKE2).",
        "# value: what the set handler parses (flag, size, offset, time, num, enum:a/b, bitmask:a/b), empty: own parser.",
        "# block: directives (nested directives), data (free content: map, types ...), raw (lua code).",
        "# defines: which argument is a variable the directive defines (first, last, block entries).",
        "# repeat: once (nginx refuses a second one in the same block: \"x\" directive is duplicate).",
        "# since: first release that has this row (1.0.0: 1.0.0 or earlier); until: first release without it.",
        "name\tmodule\tsource\tcontexts\targs\tvalue\tblock\tdefines\trepeat\tsince\tuntil"]
    with open(os.path.join(OUT_DIR, "directives.tsv"), "w") as f:
        f.write("\n".join(header) + "\n")
        for r in out_rows:
            f.write("\t".join(r) + "\n")
    vheader = ["# proxylint nginx variable table, generated by tools/gen-nginx-directives.py on %s" % today,
               "# from the ngx_http_variable_t / ngx_stream_variable_t arrays of:"] + sources + [
        "# name ending in *: a prefix family ($http_*, $arg_* ...). family: http or stream.",
        "# since/until as in directives.tsv.",
        "name\tfamily\tmodule\tsource\tsince\tuntil"]
    with open(os.path.join(OUT_DIR, "variables.tsv"), "w") as f:
        f.write("\n".join(vheader) + "\n")
        for r in out_vars:
            f.write("\t".join(r) + "\n")
    print("%d directive rows, %d variable rows" % (len(out_rows), len(out_vars)))


if __name__ == "__main__":
    main()
