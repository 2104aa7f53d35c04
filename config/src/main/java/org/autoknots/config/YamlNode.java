package org.autoknots.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it starts in the file. The loader keeps its own small tree
 * (rather than Jackson's {@code JsonNode}) because every error must point at file:line:column.
 */
public sealed interface YamlNode {

    /** @return where the node starts */
    Mark mark();

    /**
     * @return a short description of the node's kind for messages ("a list", "text 'abc'"),
     *         quoting at most {@link Excerpt#MAX} characters of the value
     */
    String describe();

    /** A mapping; keys in file order. */
    record MapNode(Mark mark, LinkedHashMap<String, Entry> entries) implements YamlNode {
        @Override
        public String describe() {
            return "a mapping";
        }

        public Map<String, Entry> asMap() {
            return entries;
        }
    }

    /** One key of a mapping with the key's own position. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    /** A sequence. */
    record ListNode(Mark mark, List<YamlNode> items) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** The kinds of scalar Jackson's YAML parser recognises. */
    enum ScalarKind { TEXT, INTEGER, FLOAT, BOOLEAN, NULL }

    /** A scalar with its text as written. */
    record Scalar(Mark mark, String text, ScalarKind kind) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing (an empty value)";
                case BOOLEAN -> "the boolean " + text;
                case INTEGER, FLOAT -> "the number " + Excerpt.of(text);
                case TEXT -> "text " + Excerpt.quoted(text);
            };
        }
    }
}
