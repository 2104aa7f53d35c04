package org.autoknots.config;

/**
 * A position in a pipeline file, 1-based line and column, as users see it in an editor.
 *
 * @param file   the file name as given on the command line
 * @param line   1-based line
 * @param column 1-based column
 */
public record Mark(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
