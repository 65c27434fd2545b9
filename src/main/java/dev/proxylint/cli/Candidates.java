package dev.proxylint.cli;

import java.util.Iterator;
import java.util.List;

/** The values shell completion offers for options that take one of a few words. */
final class Candidates {
    private Candidates() {
    }

    abstract static class Words implements Iterable<String> {
        private final List<String> words;

        Words(String... words) {
            this.words = List.of(words);
        }

        @Override
        public Iterator<String> iterator() {
            return words.iterator();
        }
    }

    static final class Formats extends Words {
        Formats() {
            super("text", "concise", "json", "sarif", "github");
        }
    }

    static final class FailLevels extends Words {
        FailLevels() {
            super("note", "warning", "error", "none");
        }
    }

    static final class Levels extends Words {
        Levels() {
            super("note", "warning", "error");
        }
    }

    static final class Dialects extends Words {
        Dialects() {
            super("nginx", "apache");
        }
    }

    static final class OpenSsl extends Words {
        OpenSsl() {
            super("3.0", "1.1.1");
        }
    }

    static final class Profiles extends Words {
        Profiles() {
            super("mozilla-intermediate", "mozilla-modern", "mozilla-old");
        }
    }

    static final class Contexts extends Words {
        Contexts() {
            super("named", "all", "none");
        }
    }

    /** --color and --websocket: auto, always, never. */
    static final class AutoAlwaysNever extends Words {
        AutoAlwaysNever() {
            super("auto", "always", "never");
        }
    }

    static final class RuleFormats extends Words {
        RuleFormats() {
            super("text", "json");
        }
    }
}
