package org.autoknots.cli;

/**
 * PF4J's own log. PF4J logs through slf4j, bound here to slf4j-simple, which reads its levels
 * from system properties when a logger is first created: everything is off by default (the
 * command reports plugin problems itself, one line per file), and {@code --debug} turns PF4J's
 * log on at debug level, on stderr, e.g. to see the stack trace behind a plugin that cannot be
 * loaded. A level set with {@code -D} (e.g. in {@code AUTOKNOTS_JAVA_OPTS}) is kept.
 */
final class PluginLog {

    /** slf4j-simple's level for every logger without a level of its own. */
    static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** slf4j-simple's level for PF4J's loggers (package {@code org.pf4j}). */
    static final String PF4J_LEVEL = "org.slf4j.simpleLogger.log.org.pf4j";

    private static final boolean PF4J_LEVEL_GIVEN = System.getProperty(PF4J_LEVEL) != null;

    private PluginLog() {
    }

    /** Turns logging off unless a level was given; call before anything logs. */
    static void quiet() {
        if (System.getProperty(DEFAULT_LEVEL) == null) {
            System.setProperty(DEFAULT_LEVEL, "off");
        }
    }

    /**
     * Shows PF4J's log on stderr (debug level) or not; it takes effect for the loggers PF4J
     * creates afterwards, i.e. when the plugins of this process are first loaded.
     */
    static void debug(boolean on) {
        quiet();
        if (PF4J_LEVEL_GIVEN) {
            return;
        }
        if (on) {
            System.setProperty(PF4J_LEVEL, "debug");
        } else {
            System.clearProperty(PF4J_LEVEL);
        }
    }
}
