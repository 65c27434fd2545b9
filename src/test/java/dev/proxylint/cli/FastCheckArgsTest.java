package dev.proxylint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** FastCheckArgs reads what picocli reads, or hands the command line to picocli. */
class FastCheckArgsTest {
    @Test
    void tableHoldsEveryOptionOfPicocliModelWithItsKind() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new CheckCommand()).getCommandSpec();
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            FastCheckArgs.Kind kind = o.arity().max() == 0 ? FastCheckArgs.Kind.FLAG
                    : !o.isMultiValue() ? FastCheckArgs.Kind.VALUE
                    : ",".equals(o.splitRegex()) ? FastCheckArgs.Kind.SPLIT_LIST : FastCheckArgs.Kind.LIST;
            for (String n : o.names()) {
                names.add(n);
                FastCheckArgs.Opt f = FastCheckArgs.OPTIONS.get(n);
                assertNotNull(f, "FastCheckArgs lacks " + n);
                assertEquals(kind, f.kind(), n);
            }
        }
        assertEquals(names, new TreeSet<>(FastCheckArgs.OPTIONS.keySet()));
    }

    static final List<List<String>> TOKENS = List.of(
            List.of("--format", "json"), List.of("--format=sarif"), List.of("-o", "out.txt"), List.of("--output=r.json"),
            List.of("--sarif-output", "s.sarif"), List.of("--fail-on", "error"), List.of("--exit-zero"),
            List.of("--min-level", "warning"), List.of("--select", "WS,TLS101"), List.of("--select=CFG"),
            List.of("--ignore", "SEC"), List.of("--dialect", "apache"), List.of("--stdin-filename", "x.conf"),
            List.of("--nginx-version", "1.22.1"), List.of("--apache-version=2.4.62"), List.of("--openssl-version", "1.1.1"),
            List.of("--tls-profile", "mozilla-modern"), List.of("--websocket", "always"), List.of("--prefix", "/etc/nginx"),
            List.of("--server-root", "srv"), List.of("-D", "SSL"), List.of("--define=X=1"), List.of("--module", "proxy_module"),
            List.of("--path-map", "/etc/nginx=docker/nginx"), List.of("--context", "all"), List.of("--config", "p.yml"),
            List.of("--baseline", "b.json"), List.of("--write-baseline", "w.json"), List.of("--fix"), List.of("--diff"),
            List.of("--color", "never"), List.of("-q"), List.of("--quiet"), List.of("--statistics"),
            List.of("--threads", "3"), List.of("--max-file-size", "1m"), List.of("--max-read=2g"), List.of("--debug"),
            List.of("nginx.conf"), List.of("-"), List.of("sites-enabled/"));

    @Test
    void sameFieldsAsPicocliOrPicocliReads() throws Exception {
        Random r = new Random(12);
        int fast = 0;
        for (int run = 0; run < 3000; run++) {
            List<String> args = new ArrayList<>(List.of("check"));
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                args.addAll(TOKENS.get(r.nextInt(TOKENS.size())));
            }
            String[] a = args.toArray(String[]::new);
            CheckCommand f = FastCheckArgs.parse(a);
            CheckCommand p = new CheckCommand();
            boolean picocliOk;
            try {
                new CommandLine(p).parseArgs(Arrays.copyOfRange(a, 1, a.length));
                picocliOk = true;
            } catch (CommandLine.ParameterException e) {
                picocliOk = false;
            }
            if (f == null) {
                continue;
            }
            fast++;
            assertTrue(picocliOk, "picocli refuses what FastCheckArgs read: " + args);
            assertEquals(fields(p), fields(f), String.join(" ", args));
            assertEquals(args.contains("--format") || args.stream().anyMatch(x -> x.startsWith("--format=")),
                    f.fastFormatGiven, String.join(" ", args));
        }
        assertTrue(fast > 500, "command lines read without picocli: " + fast);
    }

    @Test
    void unusualCommandLinesGoToPicocli() {
        for (String line : List.of("check", "check --help", "check -h x", "check -V", "check --format",
                "check --format --quiet x", "check --fix --fix x", "check -qo out x", "check @args", "check -- -x",
                "check --format=json --format text x", "check --threads many x", "check --threads=-1 x",
                "check --select , x", "check --select WS,,TLS x", "check --bogus x", "check -Dfoo x",
                "check --output - x", "check --quiet=true x", "dump x", "check --format \"json\" x", "check --prefix=")) {
            assertNull(FastCheckArgs.parse(line.split(" ")), line);
        }
        assertNotNull(FastCheckArgs.parse(new String[] {"check", "--format", "concise", "a.conf", "-"}));
    }

    /** The values of every option and parameter field picocli sets (the mixin's included). */
    private static Map<String, Object> fields(CheckCommand c) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object o : List.of(c, c.resolveArgs)) {
            for (Field fd : o.getClass().getDeclaredFields()) {
                if (fd.isAnnotationPresent(CommandLine.Option.class) || fd.isAnnotationPresent(CommandLine.Parameters.class)) {
                    fd.setAccessible(true);
                    Object v = fd.get(o);
                    out.put(fd.getName(), v instanceof List<?> l ? List.copyOf(l) : v);
                }
            }
        }
        assertTrue(out.size() >= 30, "fields: " + out.keySet());
        return out;
    }
}
