package org.autoknots.config;

/**
 * What a one-line message quotes of the user's own content (a YAML value, a CSV cell or header,
 * a line of a points file): at most {@link #MAX} characters, the rest replaced by "…", and line
 * breaks written as {@code \n} so that the message stays one line. A whole file given in the
 * wrong place (a CSV file to {@code validate}) is then not printed back in full.
 */
public final class Excerpt {

    /** The most characters of user content a message quotes, "…" included. */
    public static final int MAX = 80;

    private Excerpt() {
    }

    /** @return {@code s} with line breaks escaped, cut to {@link #MAX} characters ending in "…" if longer */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
        if (t.codePointCount(0, t.length()) <= MAX) {
            return t;
        }
        return t.substring(0, t.offsetByCodePoints(0, MAX - 1)) + "…";
    }

    /** @return {@code 's'} with {@code s} cut as by {@link #of} */
    public static String quoted(String s) {
        return "'" + of(s) + "'";
    }
}
