package org.autoknots.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a YAML document into a {@link YamlNode} tree that keeps the position of every node,
 * using Jackson's streaming {@link YAMLParser} (token locations come from
 * {@link YAMLParser#currentTokenLocation()}).
 *
 * <p>Features the pipeline format does not support are reported, not silently resolved:
 * anchors ({@code &a}), aliases ({@code *a}), merge keys ({@code <<}), duplicate keys, the
 * special floats {@code .inf}/{@code .nan} and several documents in one file.
 */
final class YamlTreeReader {

    /** An empty value ({@code key:} with nothing after it) is null, as YAML says; a quoted {@code ""} stays text. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");

    private static final Pattern SNAKE_MARK = Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):.*?\\^");

    private final String fileName;
    private final List<ConfigProblem> problems;
    private YAMLParser parser;

    YamlTreeReader(String fileName, List<ConfigProblem> problems) {
        this.fileName = fileName;
        this.problems = problems;
    }

    /**
     * @return the document's root, or {@code null} after a syntax error (reported in the problems)
     */
    YamlNode read(Reader reader) {
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(reader)) {
            this.parser = p;
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(new ConfigProblem(new Mark(fileName, 1, 1), "", "the file is empty; expected a pipeline mapping with name, function, stages and output"));
                return null;
            }
            YamlNode root = node(t, "");
            JsonToken extra = p.nextToken();
            if (extra != null) {
                problems.add(new ConfigProblem(mark(), "", "a second YAML document starts here; a pipeline file holds exactly one document"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            Mark m = loc == null ? new Mark(fileName, 1, 1) : new Mark(fileName, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
            String msg = oneLine(e.getOriginalMessage());
            // SnakeYAML names the offending position last ("in 'reader', line 3, column 1: <excerpt> ^")
            java.util.regex.Matcher at = SNAKE_MARK.matcher(msg);
            while (at.find()) {
                m = new Mark(fileName, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
            }
            msg = SNAKE_MARK.matcher(msg).replaceAll("").replaceAll("\\s+", " ").trim();
            problems.add(new ConfigProblem(m, "", "YAML syntax error: " + msg));
            return null;
        } catch (IOException e) {
            problems.add(new ConfigProblem(new Mark(fileName, 1, 1), "", "cannot read the file: " + e.getMessage()));
            return null;
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private Mark mark() {
        JsonLocation loc = parser.currentTokenLocation();
        return new Mark(fileName, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }

    private void checkAnchor(Mark m, String path) throws IOException {
        if (parser.isCurrentAlias()) {
            problems.add(new ConfigProblem(m, path, "YAML aliases (*" + Excerpt.of(parser.getText()) + ") are not supported: write the value out"));
        } else if (parser.getObjectId() != null) {
            problems.add(new ConfigProblem(m, path, "YAML anchors (&" + parser.getObjectId() + ") are not supported: write each value out"));
        }
    }

    private YamlNode node(JsonToken t, String path) throws IOException {
        Mark m = mark();
        checkAnchor(m, path);
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                JsonToken k;
                while ((k = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Mark km = mark();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if ("<<".equals(key)) {
                        problems.add(new ConfigProblem(km, path, "YAML merge keys (<<) are not supported: write the keys out"));
                    }
                    YamlNode value = node(parser.nextToken(), childPath);
                    if (entries.containsKey(key)) {
                        problems.add(new ConfigProblem(km, childPath, "duplicate key " + Excerpt.quoted(key) + " (first at line "
                                + entries.get(key).keyMark().line() + ")"));
                    } else {
                        entries.put(key, new YamlNode.Entry(key, km, value));
                    }
                }
                return new YamlNode.MapNode(m, entries);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                JsonToken k;
                int i = 0;
                while ((k = parser.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(node(k, path + "[" + i++ + "]"));
                }
                return new YamlNode.ListNode(m, items);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(m, parser.getText(), YamlNode.ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT: {
                String text = parser.getText();
                if (SPECIAL_FLOAT.matcher(text.trim()).matches()) {
                    problems.add(new ConfigProblem(m, path, Excerpt.quoted(text) + " is not supported: give a finite number"));
                }
                return new YamlNode.Scalar(m, text, YamlNode.ScalarKind.FLOAT);
            }
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(m, parser.getText(), YamlNode.ScalarKind.BOOLEAN);
            case VALUE_NULL:
                return new YamlNode.Scalar(m, "null", YamlNode.ScalarKind.NULL);
            case VALUE_STRING:
            default: {
                String text = parser.getText();
                if (!parser.isCurrentAlias() && SPECIAL_FLOAT.matcher(text.trim()).matches()) {
                    problems.add(new ConfigProblem(m, path, Excerpt.quoted(text) + " is not supported: give a finite number"));
                }
                return new YamlNode.Scalar(m, text, YamlNode.ScalarKind.TEXT);
            }
        }
    }
}
