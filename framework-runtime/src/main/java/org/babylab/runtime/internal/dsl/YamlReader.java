package org.babylab.runtime.internal.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.runtime.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML text into {@link YamlNode}s, safely: SnakeYAML only composes the node graph (no Java
 * object is ever constructed from a tag), every explicit tag other than the standard
 * string/number/boolean/null/list/map ones is an error at the tag's location, aliases to
 * collections are bounded (the "billion laughs" attack), as are the document size and nesting
 * depth, recursive structures are refused, and duplicate keys are reported with both locations.
 *
 * <p>Problems go to the {@link Problems} given; reading carries on past them where it can, so one
 * file reports all its tag and key errors at once. Not thread-safe.
 */
final class YamlReader {
    /** Aliases to lists or maps per document; far more than any real experiment uses. */
    static final int MAX_COLLECTION_ALIASES = 50;
    /** 4 MiB of text per file. */
    static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    /** The largest experiment or included file read, in bytes: experiment files are kilobytes. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    /** The longest line read, in characters: SnakeYAML's scanner slows down sharply on very long lines. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    static final int MAX_NESTING_DEPTH = 64;
    /** A second line of defence against alias expansion below the alias limit. */
    static final int MAX_EXPANDED_NODES = 200_000;

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    /** Maps a 0-based SnakeYAML (line, column) to a location in the user's terms. */
    @FunctionalInterface
    interface Locator {
        SourceLocation at(int line0, int column0);
    }

    private final Problems problems;

    YamlReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads {@code file}, naming it {@code displayName} in locations; null if it cannot be read or
     * parsed. Only a regular file of at most {@link #MAX_FILE_BYTES} is read (never a device, pipe or
     * directory: {@code include: /dev/zero} must not exhaust memory), and at most that many bytes
     * even if it grows while being read. Invalid UTF-8 and characters YAML forbids are reported at
     * their line and column, naming the byte or character.
     */
    YamlNode readFile(Path file, String displayName, SourceLocation includedFrom) {
        SourceLocation start = new SourceLocation(displayName, 1, 1);
        SourceLocation blame = includedFrom.line() > 0 ? includedFrom : start;
        byte[] bytes;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                problems.error(
                        blame,
                        displayName + " is not a regular file ("
                                + (attrs.isDirectory() ? "a directory" : "a device, pipe or socket") + ")",
                        "experiment files and includes must be YAML text files");
                return null;
            }
            if (attrs.size() > MAX_FILE_BYTES) {
                problems.error(blame, tooLarge(displayName, attrs.size()), SIZE_HINT);
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                problems.error(blame, tooLarge(displayName, bytes.length), SIZE_HINT);
                return null;
            }
        } catch (NoSuchFileException e) {
            problems.error(blame, "file " + displayName + " does not exist", "");
            return null;
        } catch (IOException e) {
            problems.error(blame, "cannot read " + displayName + ": " + e.getMessage(), "");
            return null;
        }
        String text = decodeUtf8(bytes, displayName);
        if (text == null || !printable(text, (l, c) -> new SourceLocation(displayName, l + 1, c + 1))) {
            return null;
        }
        return read(new StringReader(text), (l, c) -> new SourceLocation(displayName, l + 1, c + 1), start);
    }

    private static final String SIZE_HINT =
            "an experiment file is a few kilobytes of YAML; put data in data files and refer to them by path";

    private static String tooLarge(String displayName, long bytes) {
        return displayName + " is " + (bytes > MAX_FILE_BYTES ? "larger than" : "") + " " + bytes
                + " bytes; the limit is " + MAX_FILE_BYTES + " bytes (" + (MAX_FILE_BYTES >> 20) + " MiB)";
    }

    /** The text of {@code bytes}, or null after reporting the first invalid UTF-8 byte at its line and column. */
    private String decodeUtf8(byte[] bytes, String displayName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            decoder.flush(out);
            int start = out.position() > 0 && out.get(0) == '\uFEFF' ? 1 : 0; // a byte-order mark is not content
            return out.flip().subSequence(start, out.limit()).toString();
        }
        int bad = in.position();
        String before = out.flip().toString();
        int line = (int) before.chars().filter(c -> c == '\n').count();
        int column = before.length() - (before.lastIndexOf('\n') + 1);
        problems.error(
                new SourceLocation(displayName, line + 1, column + 1),
                String.format("invalid UTF-8: byte 0x%02X at offset %d", bytes[bad] & 0xff, bad),
                "save the file as UTF-8 text");
        return null;
    }

    /**
     * Checks that {@code text} holds only characters YAML allows (printable ones, tab, line breaks);
     * reports the first few others at their location, by code point and name.
     */
    private boolean printable(String text, Locator locator) {
        int line = 0;
        int column = 0;
        int reported = 0;
        int lineStart = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (i - lineStart >= MAX_LINE_CHARS) {
                problems.error(
                        locator.at(line, 0),
                        "line " + (line + 1) + " is longer than " + MAX_LINE_CHARS + " characters",
                        "break it into several lines, or keep long data in a data file and refer to it by path");
                return false;
            }
            if (!allowedInYaml(cp)) {
                String name = Character.getName(cp);
                problems.error(
                        locator.at(line, column),
                        String.format(
                                "character U+%04X%s is not allowed in YAML",
                                cp, name == null ? "" : " (" + name.toLowerCase(java.util.Locale.ROOT) + ")"),
                        "remove it; YAML text may contain printable characters, tabs and line breaks only (write it as \"\\u%04X\" in a double-quoted string)"
                                .formatted(cp));
                if (++reported == 5) {
                    break;
                }
            }
            if (cp == '\n') {
                line++;
                column = 0;
                lineStart = i + 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return reported == 0;
    }

    /** YAML 1.1's printable set: tab, LF, CR, x20-x7E, NEL, xA0-xD7FF, xE000-xFFFD, x10000-x10FFFF. */
    private static boolean allowedInYaml(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0x7E)
                || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Reads one value written inline, e.g. the {@code [a, b]} of a command-line override; null after a problem. */
    YamlNode readText(String text, Locator locator, SourceLocation whole) {
        int before = problems.errorCount();
        if (!printable(text, locator)) {
            return null;
        }
        YamlNode node = read(new StringReader(text), locator, whole);
        if (node == null) {
            // No node and no error: the text was empty (or a comment), which YAML reads as null.
            return problems.errorCount() > before ? null : YamlScalar.ofNull(whole);
        }
        return node;
    }

    private YamlNode read(Reader in, Locator locator, SourceLocation whole) {
        LoaderOptions options = options();
        Node root;
        TrackingParser parser = new TrackingParser(new StreamReader(in), options);
        try {
            Composer composer = new Composer(parser, new Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourceLocation at = mark == null ? whole : locator.at(mark.getLine(), mark.getColumn());
            String text = "invalid YAML: " + (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem();
            // The usual cause: ${...} written unquoted inside [ ] or { }, where '{' opens a mapping.
            String hint = text.contains("flow")
                    ? "inside [ ] or { }, quote values that contain '{' or '}', e.g. \"${order}\""
                    : "";
            problems.error(at, text, hint);
            return null;
        } catch (YAMLException e) {
            // Limits (aliases, nesting, size) and reader errors carry no mark: locate them at the
            // last event the parser produced, which is where the limit was crossed.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Mark mark = parser.lastMark();
            SourceLocation at = mark == null ? whole : locator.at(mark.getLine(), mark.getColumn());
            String hint;
            if (message.contains("aliases")) {
                message = "more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings";
                hint = "a file may use at most " + MAX_COLLECTION_ALIASES
                        + " aliases to lists or mappings; this guards against"
                        + " documents that expand exponentially ('billion laughs')";
            } else if (message.contains("Nesting Depth")) {
                message = "lists and mappings nested more than " + MAX_NESTING_DEPTH + " deep";
                hint = "experiment files need a few levels; flatten the structure";
            } else if (message.contains("exceeds the limit")) {
                message = "the text is longer than " + MAX_CODE_POINTS + " characters";
                hint = SIZE_HINT;
            } else {
                hint = "";
            }
            problems.error(at, "YAML refused: " + message, hint);
            return null;
        }
        if (root == null) {
            return null;
        }
        return new Converter(locator).convert(root);
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        // Only composing happens here, never construction, so SnakeYAML's own global-tag refusal would
        // only stop at the first tag with a generic message; the Converter rejects every non-standard
        // tag itself, all of them, each at its own location.
        options.setTagInspector(tag -> true);
        return options;
    }

    /** A parser that remembers where its last event started, to locate errors SnakeYAML reports without a mark. */
    private static final class TrackingParser extends ParserImpl {
        private Mark last;

        TrackingParser(StreamReader reader, LoaderOptions options) {
            super(reader, options);
        }

        @Override
        public org.yaml.snakeyaml.events.Event getEvent() {
            org.yaml.snakeyaml.events.Event e = super.getEvent();
            if (e != null && e.getStartMark() != null) {
                last = e.getStartMark();
            }
            return e;
        }

        @Override
        public org.yaml.snakeyaml.events.Event peekEvent() {
            org.yaml.snakeyaml.events.Event e = super.peekEvent();
            if (e != null && e.getStartMark() != null) {
                last = e.getStartMark();
            }
            return e;
        }

        Mark lastMark() {
            return last;
        }
    }

    /** Types plain (unquoted) scalar text by YAML's implicit rules, e.g. for an environment variable's value. */
    static YamlScalar plainScalar(String text, SourceLocation at) {
        Tag tag = new Resolver().resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, text, true);
        if (!SCALAR_TAGS.contains(tag)) {
            return YamlScalar.ofString(text, at);
        }
        ScalarNode node = new ScalarNode(tag, text, null, null, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
        return new YamlScalar(ScalarValues.INSTANCE.valueOf(node), text, at);
    }

    /** Builds the typed values of standard scalars with SnakeYAML's own YAML 1.1 rules (0x1F, 1_000, .inf ...). */
    private static final class ScalarValues extends SafeConstructor {
        static final ScalarValues INSTANCE = new ScalarValues();

        private ScalarValues() {
            super(new LoaderOptions());
        }

        synchronized Object valueOf(ScalarNode node) {
            Object v = constructObject(node);
            if (v instanceof Integer i) {
                return i.longValue();
            }
            if (v instanceof Float f) {
                return f.doubleValue();
            }
            return v instanceof String
                            || v instanceof Long
                            || v instanceof BigInteger
                            || v instanceof Double
                            || v instanceof Boolean
                            || v == null
                    ? v
                    : String.valueOf(v);
        }
    }

    /** Walks SnakeYAML's node graph once, checking tags, keys and expansion size. */
    private final class Converter {
        private final Locator locator;
        private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
        private int expanded;
        private boolean expansionReported;

        Converter(Locator locator) {
            this.locator = locator;
        }

        private SourceLocation at(Node node) {
            Mark m = node.getStartMark();
            return m == null ? SourceLocation.UNKNOWN : locator.at(m.getLine(), m.getColumn());
        }

        YamlNode convert(Node node) {
            SourceLocation at = at(node);
            if (++expanded > MAX_EXPANDED_NODES) {
                if (!expansionReported) {
                    expansionReported = true;
                    problems.error(
                            at,
                            "the document expands to more than " + MAX_EXPANDED_NODES + " values through aliases",
                            "write the values out or use vars: instead of nested aliases");
                }
                return YamlScalar.ofNull(at);
            }
            if (onPath.put(node, Boolean.TRUE) != null) {
                problems.error(
                        at,
                        "a list or mapping contains itself through an alias",
                        "recursive YAML structures are not allowed");
                return YamlScalar.ofNull(at);
            }
            try {
                if (node instanceof ScalarNode s) {
                    return scalar(s, at);
                }
                if (node instanceof SequenceNode seq) {
                    checkCollectionTag(node, Tag.SEQ, at);
                    List<YamlNode> items = new ArrayList<>();
                    for (Node item : seq.getValue()) {
                        items.add(convert(item));
                    }
                    return new YamlSeq(items, at);
                }
                MappingNode map = (MappingNode) node;
                checkCollectionTag(node, Tag.MAP, at);
                return mapping(map, at);
            } finally {
                onPath.remove(node);
            }
        }

        private YamlNode mapping(MappingNode map, SourceLocation at) {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                SourceLocation keyAt = at(keyNode);
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.error(
                            keyAt,
                            "a mapping key must be a plain name, not "
                                    + (keyNode instanceof SequenceNode ? "a list" : "a mapping"),
                            "");
                    continue;
                }
                if (keyScalar.getTag().equals(Tag.MERGE)) {
                    problems.error(
                            keyAt,
                            "YAML merge keys ('<<') are not supported",
                            "use include: to share settings between files, or vars: with ${...} to reuse values");
                    continue;
                }
                if (!checkScalarTag(keyScalar, keyAt)) {
                    continue;
                }
                String key = keyScalar.getValue();
                YamlNode value = convert(tuple.getValueNode());
                YamlMap.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.error(
                            keyAt,
                            "duplicate key '" + key + "' (first at " + previous.keyLocation() + ")",
                            "a key may appear once per mapping; remove one of them");
                    continue;
                }
                entries.put(key, new YamlMap.Entry(key, keyAt, value));
            }
            return new YamlMap(entries, at);
        }

        private YamlNode scalar(ScalarNode s, SourceLocation at) {
            if (!checkScalarTag(s, at)) {
                return YamlScalar.ofNull(at);
            }
            Tag tag = s.getTag();
            if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
                // Dates stay text: no config component is a date, and text binds to String and Path.
                return YamlScalar.ofString(s.getValue(), at);
            }
            try {
                return new YamlScalar(ScalarValues.INSTANCE.valueOf(s), s.getValue(), at);
            } catch (YAMLException | NumberFormatException e) {
                problems.error(
                        at,
                        "cannot read '" + s.getValue() + "' as "
                                + tag.getValue().replace(Tag.PREFIX, "!!") + ": " + e.getMessage(),
                        "");
                return YamlScalar.ofNull(at);
            }
        }

        /** Plain {@code 2024-01-01} resolves to a timestamp implicitly; that is allowed, an explicit {@code !!timestamp} is treated alike. */
        private boolean checkScalarTag(ScalarNode s, SourceLocation at) {
            Tag tag = s.getTag();
            if (SCALAR_TAGS.contains(tag) || tag.equals(Tag.TIMESTAMP)) {
                return true;
            }
            reportTag(tag, at);
            return false;
        }

        private void checkCollectionTag(Node node, Tag expected, SourceLocation at) {
            if (!node.getTag().equals(expected)) {
                reportTag(node.getTag(), at);
            }
        }

        private void reportTag(Tag tag, SourceLocation at) {
            String written = tag.getValue().startsWith(Tag.PREFIX)
                    ? "!!" + tag.getValue().substring(Tag.PREFIX.length())
                    : tag.getValue();
            problems.error(
                    at,
                    "YAML tag '" + written + "' is not allowed",
                    "experiment files hold plain data: remove the tag; only strings, numbers, booleans, null, lists and mappings are allowed");
        }
    }
}
