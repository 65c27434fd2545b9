package dev.proxylint.report;

import com.contrastsecurity.sarif.ArtifactChange;
import com.contrastsecurity.sarif.ArtifactContent;
import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.Replacement;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.proxylint.rules.Finding;
import dev.proxylint.rules.Level;
import dev.proxylint.rules.Related;
import dev.proxylint.rules.RuleMeta;
import dev.proxylint.source.SourceFile;
import dev.proxylint.source.Span;
import dev.proxylint.source.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.Locale;
import java.text.SimpleDateFormat;
import java.util.TreeSet;

/**
 * SARIF 2.1.0 for GitHub code scanning, built with java-sarif: one run for all dialects.
 *
 * <p>{@code tool.driver.rules} lists every rule of the registry (in id order), followed by any rule
 * id that occurs in a result but is not documented. Listing all rules, not only those with
 * results, keeps {@code ruleIndex} stable between runs and tells viewers which checks ran clean.
 * The rules live in a {@link LinkedHashSet} because java-sarif types them as {@code Set}: insertion
 * order is the index order.
 *
 * <p>java-sarif annotates its classes with {@code @JsonInclude(NON_DEFAULT)}, which would drop
 * {@code level: "warning"} (the schema default) from results and rule configurations; mix-ins
 * force {@code level} and {@code columnKind} to always be written. Dates, should any be set, are
 * ISO-8601 strings, not numbers.
 */
public final class SarifReporter implements Reporter {
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String SRCROOT = "%SRCROOT%";
    /** The base of files included from outside the paths checked (their directories are not recorded). */
    public static final String OUTSIDE = "OUTSIDE";
    private boolean usedOutside;

    private static final ObjectMapper MAPPER = createMapper();

    private final ReportOptions options;

    public SarifReporter(ReportOptions options) {
        this.options = options;
    }

    /** The ObjectMapper configured for java-sarif's model (exposed for tests). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        ObjectMapper m = new ObjectMapper();
        m.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // SARIF §3.9: UTC, ISO 8601, e.g. 2016-02-08T16:08:25.943Z (Jackson clones the format per use)
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
        iso.setTimeZone(TimeZone.getTimeZone("UTC"));
        m.setDateFormat(iso);
        m.setTimeZone(TimeZone.getTimeZone("UTC"));
        m.addMixIn(Result.class, ResultMixin.class);
        m.addMixIn(ReportingConfiguration.class, ReportingConfigurationMixin.class);
        m.addMixIn(Run.class, RunMixin.class);
        m.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return m;
    }

    abstract static class ResultMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Result.Level getLevel();
    }

    abstract static class ReportingConfigurationMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract ReportingConfiguration.Level getLevel();
    }

    abstract static class RunMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract Run.ColumnKind getColumnKind();
    }

    @Override
    public void write(ReportInput input, Writer out) throws IOException {
        ObjectWriter w = MAPPER.writer(JsonStyle.printer());
        w.writeValue(out, build(input));
        out.write('\n');
        out.flush();
    }

    /** The SARIF log for a run (no suppressed findings: the input never contains them). */
    public SarifSchema210 build(ReportInput input) {
        List<RuleMeta> documented = options.registry() == null ? List.of() : options.registry().all();
        Map<String, Integer> ruleIndex = new HashMap<>();
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        for (RuleMeta m : documented) {
            ruleIndex.put(m.id(), rules.size());
            rules.add(descriptor(m));
        }
        TreeSet<String> undocumented = new TreeSet<>();
        for (Finding f : input.findings()) {
            if (!ruleIndex.containsKey(f.ruleId())) {
                undocumented.add(f.ruleId());
            }
        }
        for (String id : undocumented) {
            ruleIndex.put(id, rules.size());
            String doc = "Rule " + id + " has no documentation in this proxylint build.";
            rules.add(new ReportingDescriptor().withId(id)
                    .withShortDescription(new MultiformatMessageString().withText(id))
                    .withFullDescription(new MultiformatMessageString().withText(doc))
                    .withHelp(new MultiformatMessageString().withText(doc).withMarkdown(doc))
                    .withDefaultConfiguration(new ReportingConfiguration().withLevel(ReportingConfiguration.Level.WARNING)));
        }

        Map<SourceFile, String[]> hashes = new IdentityHashMap<>();
        List<Result> results = new ArrayList<>();
        for (Finding f : input.findings()) {
            results.add(result(f, ruleIndex.get(f.ruleId()), hashes));
        }

        ToolComponent driver = new ToolComponent()
                .withName(ReportOptions.TOOL_NAME)
                .withVersion(options.toolVersion())
                .withSemanticVersion(options.toolVersion())
                .withInformationUri(URI.create(ReportOptions.INFORMATION_URI))
                .withRules(rules);
        OriginalUriBaseIds bases = new OriginalUriBaseIds().withAdditionalProperty(SRCROOT,
                new ArtifactLocation().withUri(ReportPaths.fileUri(options.sourceRoot(), true)));
        if (usedOutside) {
            bases.withAdditionalProperty(OUTSIDE, new ArtifactLocation().withDescription(new Message().withText(
                    "Files included from outside the paths checked; only their names are recorded.")));
        }
        Run run = new Run()
                .withTool(new Tool().withDriver(driver))
                .withOriginalUriBaseIds(bases)
                .withColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS)
                .withResults(results);
        return new SarifSchema210()
                .with$schema(URI.create(SCHEMA_URI))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    private static ReportingDescriptor descriptor(RuleMeta m) {
        Set<String> tags = new LinkedHashSet<>(m.tags());
        for (String cwe : m.cwe()) {
            tags.add("external/cwe/" + cwe.toLowerCase(Locale.ROOT));
        }
        PropertyBag props = new PropertyBag().withTags(tags);
        props.setAdditionalProperty("precision", m.precision());
        props.setAdditionalProperty("problem.severity", switch (m.level()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "recommendation";
        });
        if (m.securitySeverity() != null) {
            props.setAdditionalProperty("security-severity", m.securitySeverity());
        }
        return new ReportingDescriptor()
                .withId(m.id())
                .withName(m.name())
                .withShortDescription(new MultiformatMessageString().withText(m.title()))
                .withFullDescription(new MultiformatMessageString().withText(m.summary().replace("`", ""))
                        .withMarkdown(m.summary()))
                .withHelp(new MultiformatMessageString().withText(m.text()).withMarkdown(m.markdown()))
                .withHelpUri(URI.create(m.helpUri()))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(level(m.level())))
                .withProperties(props);
    }

    private static ReportingConfiguration.Level level(Level l) {
        return switch (l) {
            case ERROR -> ReportingConfiguration.Level.ERROR;
            case WARNING -> ReportingConfiguration.Level.WARNING;
            case NOTE -> ReportingConfiguration.Level.NOTE;
        };
    }

    private Result result(Finding f, int index, Map<SourceFile, String[]> hashes) {
        Result r = new Result()
                .withRuleId(f.ruleId())
                .withRuleIndex(index)
                .withLevel(switch (f.level()) {
                    case ERROR -> Result.Level.ERROR;
                    case WARNING -> Result.Level.WARNING;
                    case NOTE -> Result.Level.NOTE;
                })
                .withMessage(new Message().withText(f.message()))
                .withLocations(List.of(new Location().withPhysicalLocation(physical(f.span()))));
        if (!f.related().isEmpty()) {
            Set<Location> related = new LinkedHashSet<>();
            int id = 1;
            for (Related rel : f.related()) {
                related.add(new Location().withId(id++).withPhysicalLocation(physical(rel.span()))
                        .withMessage(new Message().withText(rel.message())));
            }
            r.setRelatedLocations(related);
        }
        String[] h = hashes.computeIfAbsent(f.span().file(), LineHash::compute);
        int line = f.span().startLine();
        if (line <= h.length && h[line - 1] != null) {
            r.setPartialFingerprints(new PartialFingerprints().withAdditionalProperty("primaryLocationLineHash", h[line - 1]));
        }
        if (f.fix() != null && !f.fix().edits().isEmpty()) {
            Map<SourceFile, List<Replacement>> byFile = new LinkedHashMap<>();
            for (TextEdit e : f.fix().edits()) {
                byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(new Replacement()
                        .withDeletedRegion(region(e.span()))
                        .withInsertedContent(new ArtifactContent().withText(e.replacement())));
            }
            Set<ArtifactChange> changes = new LinkedHashSet<>();
            for (Map.Entry<SourceFile, List<Replacement>> en : byFile.entrySet()) {
                changes.add(new ArtifactChange().withArtifactLocation(artifact(en.getKey()))
                        .withReplacements(en.getValue()));
            }
            r.setFixes(Set.of(new com.contrastsecurity.sarif.Fix()
                    .withDescription(new Message().withText(f.fix().title()))
                    .withArtifactChanges(changes)));
        }
        return r;
    }

    private PhysicalLocation physical(Span s) {
        return new PhysicalLocation().withArtifactLocation(artifact(s.file())).withRegion(region(s));
    }

    private static Region region(Span s) {
        return new Region().withStartLine(s.startLine()).withStartColumn(s.startColumn())
                .withEndLine(s.endLine()).withEndColumn(s.endColumn());
    }

    /** Each file's location, made once: a fleet's report names the same file in 300,000 places. */
    private final Map<SourceFile, ArtifactLocation> artifacts = new IdentityHashMap<>();

    private ArtifactLocation artifact(SourceFile file) {
        return artifacts.computeIfAbsent(file, this::newArtifact);
    }

    private ArtifactLocation newArtifact(SourceFile file) {
        String rel = ReportPaths.relative(file, options.sourceRoot());
        if (rel != null) {
            return new ArtifactLocation().withUri(ReportPaths.encodePath(rel)).withUriBaseId(SRCROOT);
        }
        if (file.path() != null && !options.shown().test(file.path())) {
            // a file reached through an include from outside the paths checked: its name only, never the
            // machine's absolute path (which code scanning could not show anyway)
            usedOutside = true;
            Path name = file.path().getFileName();
            return new ArtifactLocation().withUri(ReportPaths.encodePath(name == null ? file.name() : name.toString()))
                    .withUriBaseId(OUTSIDE);
        }
        if (file.path() != null) {
            return new ArtifactLocation().withUri(ReportPaths.fileUri(file.path().toAbsolutePath().normalize(), false));
        }
        return new ArtifactLocation().withUri(ReportPaths.encodePath(file.name()));
    }
}
