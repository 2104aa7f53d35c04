package org.autoknots.config;

/**
 * One problem found in a pipeline file: where (file:line:column and the path inside the
 * document, e.g. {@code stages[1].knots}) and what (what was wrong and what would be valid).
 *
 * @param mark    the position of the offending node
 * @param path    the path of the offending node, "" for the document itself
 * @param message what was wrong and the valid choices
 */
public record ConfigProblem(Mark mark, String path, String message) {

    /** @return one line: {@code file:line:col: path: message} */
    @Override
    public String toString() {
        return mark + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
