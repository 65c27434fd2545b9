package dev.proxylint.engine;

import dev.proxylint.source.SourceFile;
import dev.proxylint.syntax.Dialect;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a file is nginx or Apache configuration (or neither), first from its name and
 * place, then from its content. Cheap: looks at line starts only.
 */
public final class DialectDetector {
    private static final Set<String> APACHE_WORDS = Set.of(
            "servername", "serveralias", "serverroot", "documentroot", "proxypass", "proxypassreverse",
            "proxypassmatch", "proxyrequests", "proxypreservehost", "proxytimeout", "rewriteengine",
            "rewriterule", "rewritecond", "loadmodule", "sslengine", "sslprotocol", "sslciphersuite",
            "sslcertificatefile", "sslcertificatekeyfile", "header", "requestheader", "errorlog", "customlog",
            "options", "allowoverride", "require", "directoryindex", "define", "include", "includeoptional",
            "timeout", "keepalive", "listen", "user", "group", "serveradmin", "loglevel", "mutex", "pidfile",
            "use", "redirect", "alias", "setenvif", "addtype", "protocols", "balancermember", "proxyset",
            "authtype", "authname", "authuserfile", "order", "allow", "deny", "sslproxyengine",
            "sslproxyverify", "sslhonorcipherorder", "sslsessiontickets", "sslcompression", "adddefaultcharset");
    private static final Set<String> APACHE_SECTIONS = Set.of(
            "virtualhost", "directory", "directorymatch", "location", "locationmatch", "files", "filesmatch",
            "ifmodule", "ifdefine", "ifversion", "proxy", "proxymatch", "macro", "limit", "limitexcept",
            "if", "elseif", "else", "requireall", "requireany", "requirenone", "iffile", "ifdirective",
            "ifsection");
    private static final Set<String> NGINX_WORDS = Set.of(
            "server", "location", "http", "events", "upstream", "map", "listen", "server_name", "proxy_pass",
            "proxy_set_header", "proxy_http_version", "root", "index", "include", "ssl_certificate",
            "ssl_certificate_key", "ssl_protocols", "ssl_ciphers", "add_header", "return", "rewrite", "worker_processes",
            "error_log", "access_log", "user", "pid", "try_files", "proxy_read_timeout", "if", "set", "stream",
            "types", "default_type", "sendfile", "keepalive_timeout", "gzip", "client_max_body_size",
            "fastcgi_pass", "uwsgi_pass", "grpc_pass", "limit_req_zone", "resolver", "proxy_redirect");

    private DialectDetector() {
    }

    /** By file name and place alone; null when the name does not tell. */
    public static Dialect byName(Path path) {
        if (path == null) {
            return null;
        }
        Path fn = path.getFileName();
        if (fn == null) {
            return null;
        }
        String name = fn.toString().toLowerCase(Locale.ROOT);
        if (name.equals("nginx.conf") || name.endsWith(".nginx") || name.equals("nginx.conf.default")) {
            return Dialect.NGINX;
        }
        if (name.equals("httpd.conf") || name.equals("apache2.conf") || name.equals("apache.conf")
                || name.equals(".htaccess") || name.equals("httpd-ssl.conf") || name.endsWith(".htaccess")) {
            return Dialect.APACHE;
        }
        return null;
    }

    /** A weaker hint from the directories a file sits in ({@code /etc/nginx/…}, {@code …/apache2/…}). */
    public static Dialect byPlace(Path path) {
        if (path == null) {
            return null;
        }
        String p = "/" + path.toAbsolutePath().normalize().toString().replace('\\', '/').toLowerCase(Locale.ROOT);
        if (p.contains("/nginx/")) {
            return Dialect.NGINX;
        }
        if (p.contains("/apache2/") || p.contains("/httpd/") || p.contains("/apache/")) {
            return Dialect.APACHE;
        }
        return null;
    }

    /** By content: a score of line starts that only one dialect writes; null when neither. */
    public static Dialect byContent(SourceFile file) {
        String t = file.text();
        int apache = 0;
        int nginx = 0;
        int n = t.length();
        int lines = 0;
        java.util.List<String> capitalised = null; // Apache-looking names outside APACHE_WORDS, asked last
        int i = 0;
        while (i < n && lines < 4000) {
            int eol = t.indexOf('\n', i);
            if (eol < 0) {
                eol = n;
            }
            int s = i;
            while (s < eol && (t.charAt(s) == ' ' || t.charAt(s) == '\t')) {
                s++;
            }
            int e = eol;
            while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
                e--;
            }
            if (s < e && t.charAt(s) != '#') {
                lines++;
                char last = t.charAt(e - 1);
                if (t.charAt(s) == '<') {
                    int w = s + 1;
                    if (w < e && t.charAt(w) == '/') {
                        w++;
                    }
                    int we = w;
                    while (we < e && (Character.isLetterOrDigit(t.charAt(we)))) {
                        we++;
                    }
                    if (APACHE_SECTIONS.contains(t.substring(w, we).toLowerCase(Locale.ROOT)) && last == '>') {
                        apache += 3;
                    }
                } else {
                    int we = s;
                    while (we < e && !Character.isWhitespace(t.charAt(we)) && t.charAt(we) != ';'
                            && t.charAt(we) != '{') {
                        we++;
                    }
                    String word = t.substring(s, we);
                    boolean hasUpper = !word.equals(word.toLowerCase(Locale.ROOT));
                    // "ServerName www.${SITE}" ends in the brace of an Apache variable, not of an nginx block
                    int brace = last == '}' ? t.lastIndexOf('{', e - 1) : -1;
                    int semi = brace > s ? t.indexOf(';', brace) : -1;
                    boolean variableEnd = brace > s && t.charAt(brace - 1) == '$' && (semi < 0 || semi >= e);
                    if ((last == ';' || last == '{' || last == '}') && !variableEnd) {
                        nginx += NGINX_WORDS.contains(word) ? 2 : 1;
                    } else if (hasUpper && APACHE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                        apache += 2;
                    } else if (last == '\\') {
                        apache += 1;
                    } else if (hasUpper && word.length() > 2 && (capitalised == null || capitalised.size() < 64)) {
                        if (capitalised == null) {
                            capitalised = new java.util.ArrayList<>();
                        }
                        capitalised.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
            i = eol + 1;
        }
        if (apache == 0 && nginx == 0 && capitalised != null) {
            // Nothing common told: a file of rarer directives alone (RedirectMatch, ExpiresByType,
            // AddOutputFilterByType ...). httpd's directive table decides; it is read only here, so
            // the usual file never loads it.
            dev.proxylint.apache.model.DirectiveTable table = dev.proxylint.apache.model.DirectiveTable.get();
            for (String w : capitalised) {
                if (table.find(w) != null) {
                    apache += 2;
                }
            }
        }
        if (apache == 0 && nginx == 0) {
            return null;
        }
        return apache > nginx ? Dialect.APACHE : Dialect.NGINX;
    }

    /**
     * Why a file is some other program's configuration and neither nginx nor Apache would read it
     * as its own syntax, or null when it may be one of theirs. Recognised: ModSecurity rule files
     * ({@code SecRule}, {@code SecAction} ... lines, read by the ModSecurity module, not by nginx),
     * INI-style files ({@code [section]} and {@code key = value} lines: php-fpm pools, supervisord,
     * sysctl, systemd units), and files whose lines mostly end in none of nginx's {@code ; { }}
     * while nothing in them is Apache's (logrotate, redis, Markdown). A file named like an nginx or
     * Apache main config is never set aside.
     */
    public static String foreign(SourceFile file) {
        if (byName(file.path()) != null
                || (file.name() != null && byName(Path.of(file.name()).getFileName()) != null)) {
            return null;
        }
        String t = file.text();
        int n = t.length();
        int lines = 0;
        int shaped = 0; // nginx-shaped: ends in ; { or }
        int known = 0; // starts with a directive name nginx or Apache knows
        int modsec = 0;
        int ini = 0;
        int apache = 0;
        int bareIncludes = 0;
        int i = 0;
        while (i < n && lines < 4000) {
            int eol = t.indexOf('\n', i);
            if (eol < 0) {
                eol = n;
            }
            String line = t.substring(i, eol).strip();
            i = eol + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            lines++;
            char last = line.charAt(line.length() - 1);
            if (last == ';' || last == '{' || last == '}') {
                shaped++;
            }
            int we = 0;
            while (we < line.length() && !Character.isWhitespace(line.charAt(we)) && line.charAt(we) != ';'
                    && line.charAt(we) != '{' && line.charAt(we) != '=') {
                we++;
            }
            String word = line.substring(0, we);
            String lower = word.toLowerCase(Locale.ROOT);
            if (NGINX_WORDS.contains(word) || (!word.equals(lower) && APACHE_WORDS.contains(lower))) {
                known++;
            } else if (APACHE_DIRECTIVE.matcher(word).matches() && we < line.length()
                    && Character.isWhitespace(line.charAt(we)) && last != '.' && last != ','
                    && last != ':' && last != '!' && last != '?') {
                apache++; // a capitalised directive name with arguments, as Apache writes them (StartServers 2)
            }
            if (line.startsWith("<") && last == '>') {
                int w = line.startsWith("</") ? 2 : 1;
                int e = w;
                while (e < line.length() && Character.isLetterOrDigit(line.charAt(e))) {
                    e++;
                }
                if (APACHE_SECTIONS.contains(line.substring(w, e).toLowerCase(Locale.ROOT))) {
                    apache++;
                }
            }
            if (word.length() > 3 && word.startsWith("Sec") && Character.isUpperCase(word.charAt(3))) {
                modsec++;
            } else if (word.equals("include") && last != ';') {
                bareIncludes++; // ModSecurity's include list (Debian's modsecurity_includes.conf); nginx needs ';'
            }
            if ((line.startsWith("[") && last == ']') || INI_LINE.matcher(line).matches()) {
                ini++;
            }
        }
        if (lines == 0) {
            return null;
        }
        if ((modsec > 0 && modsec * 2 >= lines - ini) || (bareIncludes > 0 && shaped == 0 && apache == 0
                && modsec + bareIncludes == lines)) {
            return "a ModSecurity rules file (read by the ModSecurity module, not as server configuration)";
        }
        if (ini * 2 >= lines && shaped * 10 < lines && apache == 0) {
            return "an INI-style key = value file (php-fpm, supervisord, sysctl, systemd ...), not nginx or Apache";
        }
        if (apache == 0 && known == 0 && shaped * 2 < lines && !nginxStatements(t)) {
            return "most of its lines end in none of nginx's ';', '{' or '}' and none is Apache's: another program's file";
        }
        return null;
    }

    /**
     * Whether the text reads as whole nginx statements: each ends in {@code ;}, {@code {} or
     * {@code }}, starts with a directive nginx knows, and nothing is left after the last one. This
     * keeps a file of a few directives whose values run over many lines ({@code charset_types} with
     * one MIME type per line) from being set aside, while a redis or logrotate file, whose lines end
     * in no terminator, still is.
     */
    static boolean nginxStatements(String t) {
        var table = dev.proxylint.nginx.model.NginxDirectives.builtin();
        int n = t.length();
        int statements = 0;
        StringBuilder first = new StringBuilder();
        boolean inWord = false;
        boolean firstDone = false;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == '#') {
                while (i < n && t.charAt(i) != '\n') {
                    i++;
                }
                inWord = false;
                continue;
            }
            if (c == '"' || c == '\'') {
                char q = c;
                for (i++; i < n && t.charAt(i) != q; i++) {
                    if (t.charAt(i) == '\\') {
                        i++;
                    }
                }
                if (i >= n) {
                    return false; // an unterminated quote
                }
                firstDone = firstDone || first.length() > 0;
                inWord = false;
                continue;
            }
            if (c == ';' || c == '{' || c == '}') {
                if (c != '}' || first.length() > 0) {
                    if (first.length() == 0 || table.rows(first.toString()).isEmpty()) {
                        return false;
                    }
                    statements++;
                }
                first.setLength(0);
                firstDone = false;
                inWord = false;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    firstDone = true;
                }
                inWord = false;
                continue;
            }
            inWord = true;
            if (!firstDone) {
                first.append(c);
            }
        }
        return statements > 0 && first.length() == 0 && !inWord;
    }

    private static final java.util.regex.Pattern APACHE_DIRECTIVE = java.util.regex.Pattern.compile(
            "[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");
    private static final java.util.regex.Pattern INI_LINE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_.\\-]+(\\[[^\\]]*\\])?\\s*=.*");

    /** A telling file name first, then content, then the directories the file sits in; null: neither. */
    public static Dialect detect(SourceFile file) {
        Dialect d = byName(file.path());
        if (d == null) {
            d = byName(file.name() == null ? null : Path.of(file.name()).getFileName());
        }
        if (d == null) {
            d = byContent(file);
        }
        if (d == null) {
            d = byPlace(file.path());
        }
        return d;
    }
}
