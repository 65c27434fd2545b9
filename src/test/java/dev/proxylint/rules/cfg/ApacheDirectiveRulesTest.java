package dev.proxylint.rules.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.apache.model.DirectiveTable;
import dev.proxylint.apache.model.DirectiveTable.Args;
import dev.proxylint.cases.CaseFile;
import dev.proxylint.engine.Input;
import dev.proxylint.engine.LintOptions;
import dev.proxylint.engine.Selection;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.RuleSettings;
import dev.proxylint.syntax.Dialect;
import dev.proxylint.syntax.ResolveOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CFG130–CFG134 beyond the testdata cases: .htaccess context, target versions, the table itself. */
class ApacheDirectiveRulesTest {
    @TempDir
    Path tmp;

    List<String> lint(String fileName, String text, String apacheVersion) throws IOException {
        Path f = tmp.resolve(fileName);
        Files.writeString(f, text);
        RuleSettings s = new RuleSettings(null, apacheVersion, "mozilla-intermediate", "auto",
                RuleSettings.DEFAULT_WEBSOCKET_PATHS, Map.of());
        ResolveOptions ro = new ResolveOptions(null, null, Map.of(), Set.of(), false, apacheVersion, null);
        return CaseFile.linter().run(List.of(new Input(f, null, true)), new LintOptions(Dialect.APACHE, ro, s,
                Selection.all(), Level.NOTE, List.of(), 1), null).findings().stream()
                .filter(x -> x.ruleId().startsWith("CFG13"))
                .map(x -> x.ruleId() + "@" + x.span().startLine() + (x.level() == Level.ERROR ? "" : ":" + x.level()))
                .toList();
    }

    @Test
    void htaccessIsDirectoryContextWithAllowOverrideAll() throws IOException {
        String text = "Options -Indexes\n" // OR_OPTIONS: fine
                + "RewriteEngine On\n" // OR_FILEINFO: fine
                + "Require all granted\n" // OR_AUTHCFG: fine in .htaccess
                + "ServerName www.example.com\n" // RSRC_CONF only: refused, 500
                + "AllowOverride All\n" // ACCESS_CONF only: refused
                + "<Directory /srv>\n</Directory>\n" // RSRC_CONF section: refused
                + "<Files secret.txt>\nRequire all denied\n</Files>\n" // fine
                + "Define X\n"; // NOT_IN_HTACCESS... but its mask already lacks OR_*: refused
        assertEquals(List.of("CFG131@4", "CFG131@5", "CFG131@6", "CFG131@11"), lint(".htaccess", text, null));
        // the same lines in a server config file: Require, and only Require, is refused at server level
        assertEquals(List.of("CFG131@3", "CFG131@5"), lint("site.conf", text, null));
    }

    @Test
    void htaccessMessagesSayRequestsFailWith500() throws IOException {
        Path f = tmp.resolve(".htaccess");
        Files.writeString(f, "ServerName www.example.com\nRewriteEngine yes\nAddType text/html\n");
        List<Finding> fs = CaseFile.linter().run(List.of(new Input(f, null, true)), new LintOptions(Dialect.APACHE,
                ResolveOptions.defaults(), RuleSettings.defaults(), Selection.all(), Level.NOTE, List.of(), 1), null)
                .findings().stream().filter(x -> x.ruleId().startsWith("CFG13")).toList();
        assertEquals(3, fs.size(), fs.toString());
        for (Finding x : fs) {
            assertTrue(x.message().contains("500"), x.message());
        }
    }

    @Test
    void aDirectiveNewerThanTheTargetVersionIsUnknown() throws IOException {
        String text = "<VirtualHost *:80>\nProxyWebsocketFallbackToProxyHttp Off\n</VirtualHost>\n";
        // ProxyWebsocketFallbackToProxyHttp appeared in 2.4.48
        assertEquals(List.of("CFG130@2"), lint("a.conf", text, "2.4.41"));
        assertEquals(List.of(), lint("b.conf", text, "2.4.48"));
        assertEquals(List.of(), lint("c.conf", text, null));
    }

    @Test
    void ifModuleNegationInASnippetExcludesTheModule() throws IOException {
        String text = "<IfModule !mod_rewrite.c>\nRewriteEngine On\n</IfModule>\n"
                + "<IfModule mod_rewrite.c>\nRewriteEngine On\n</IfModule>\n"
                + "<IfModule !mod_headers.c>\nRewriteEngine On\n</IfModule>\n";
        assertEquals(List.of("CFG130@2"), lint("snippet.conf", text, null));
    }

    @Test
    void aLoadedUnknownModuleTurnsUnknownNamesIntoWarnings() throws IOException {
        String text = "LoadModule mpm_event_module modules/mod_mpm_event.so\n"
                + "LoadModule fancy_module modules/mod_fancy.so\n"
                + "FancyEnable On\n";
        assertEquals(List.of("CFG134@3:WARNING"), lint("httpd.conf", text, null));
    }

    @Test
    void tableIsGeneratedFromHttpdAndCoversTheBundledModules() {
        DirectiveTable t = DirectiveTable.get();
        assertTrue(t.size() > 700, "directives: " + t.size());
        DirectiveTable.Entry rw = t.find("rewriteengine");
        assertNotNull(rw);
        assertEquals(Args.FLAG, rw.args());
        assertEquals(List.of("rewrite_module"), rw.modules());
        DirectiveTable.Entry listen = t.find("listen");
        assertEquals(DirectiveTable.GLOBAL_ONLY, listen.forbidden() & DirectiveTable.GLOBAL_ONLY);
        assertTrue(listen.modules().contains("mpm_event_module"), listen.modules().toString());
        DirectiveTable.Entry vh = t.find("<virtualhost");
        assertEquals(DirectiveTable.RSRC_CONF, vh.override());
        assertEquals(Args.TAKE1, t.find("servername").args());
        assertTrue(t.bundled("proxy_http_module"), "modules without directives are listed too");
        assertNotNull(t.prefix("php_admin_value"));
        assertTrue(t.find("wsgidaemonprocess").thirdParty());
    }
}
