package org.autoknots.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference values read from a CSV file: a header line, {@code #} comment lines and blank lines
 * allowed, a column for the abscissa ({@code R}, or {@code x} for a plain tabulation) and one
 * column per quantity; other columns are ignored. Rows outside the compared range are skipped
 * and counted. A byte order mark at the start is ignored; a column that is read (the abscissa's
 * or a quantity's) must appear once, and an abscissa given twice must have the same values.
 */
public final class ReferenceTable {

    /** The byte order mark, U+FEFF, that some programs write at the start of a UTF-8 file. */
    static final String BOM = "\uFEFF";

    private final double[] abscissae;
    private final Map<String, double[]> columns;
    private final int skipped;

    private ReferenceTable(double[] abscissae, Map<String, double[]> columns, int skipped) {
        this.abscissae = abscissae;
        this.columns = columns;
        this.skipped = skipped;
    }

    /**
     * Reads the file.
     *
     * @param file      the CSV file
     * @param xNames    accepted names of the abscissa column, first preferred
     * @param needed    the quantity columns that must be present
     * @param lower     rows with abscissa below it are skipped
     * @param upper     rows with abscissa above it are skipped
     * @throws IllegalArgumentException with a one-line message naming the file, line and column
     */
    public static ReferenceTable read(Path file, List<String> xNames, List<String> needed, double lower, double upper) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read reference file " + file + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read reference file " + file + ": " + e.getCause().getMessage());
        }
        if (!lines.isEmpty() && lines.get(0).startsWith(BOM)) {
            // a spreadsheet's "CSV UTF-8" starts with a byte order mark: not part of the first column's name
            lines = new ArrayList<>(lines);
            lines.set(0, lines.get(0).substring(1));
        }
        int headerLine = -1;
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            header = Arrays.stream(s.split(",", -1)).map(String::trim).toList();
            headerLine = i;
            break;
        }
        if (header == null) {
            throw new IllegalArgumentException("reference file " + file + " has no header line; expected columns "
                    + xNames.get(0) + "," + String.join(",", needed));
        }
        int xi = -1;
        for (String n : xNames) {
            xi = header.indexOf(n);
            if (xi >= 0) {
                break;
            }
        }
        List<String> missing = new ArrayList<>();
        if (xi < 0) {
            missing.add(String.join(" or ", xNames));
        }
        int[] qi = new int[needed.size()];
        for (int k = 0; k < needed.size(); k++) {
            qi[k] = header.indexOf(needed.get(k));
            if (qi[k] < 0) {
                missing.add(needed.get(k));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + ":" + (headerLine + 1) + ": reference file lacks column(s) "
                    + String.join(", ", missing) + "; its columns are " + Excerpt.of(String.join(", ", header)));
        }
        // a column read twice would leave the choice between them to chance: the first one
        List<String> used = new ArrayList<>();
        used.add(header.get(xi));
        used.addAll(needed);
        for (String name : used) {
            int first = header.indexOf(name);
            int second = header.subList(first + 1, header.size()).indexOf(name);
            if (second >= 0) {
                throw new IllegalArgumentException(file + ":" + (headerLine + 1) + ": reference file has two columns named "
                        + Excerpt.of(name) + " (columns " + (first + 1) + " and " + (first + 2 + second)
                        + "); give each column once");
            }
        }
        List<double[]> rows = new ArrayList<>();
        int skipped = 0;
        for (int i = headerLine + 1; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] cells = s.split(",", -1);
            double x = cell(file, i, cells, xi, header);
            if (!(x >= lower && x <= upper)) {
                skipped++;
                continue;
            }
            double[] row = new double[needed.size() + 2];
            row[0] = x;
            for (int k = 0; k < qi.length; k++) {
                row[k + 1] = cell(file, i, cells, qi[k], header);
            }
            row[needed.size() + 1] = i + 1; // the line, for messages
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("reference file " + file + " has no row with " + header.get(xi)
                    + " inside the stage's range [" + lower + ", " + upper + "] (" + skipped + " rows outside)");
        }
        rows.sort((p, q) -> Double.compare(p[0], q[0]) != 0 ? Double.compare(p[0], q[0]) : Double.compare(p[p.length - 1],
                q[q.length - 1]));
        // one abscissa twice is harmless with the same values, and two truths where they differ
        for (int j = 1; j < rows.size(); j++) {
            double[] p = rows.get(j - 1);
            double[] q = rows.get(j);
            if (p[0] != q[0]) {
                continue;
            }
            for (int k = 0; k < needed.size(); k++) {
                if (Double.compare(p[k + 1], q[k + 1]) != 0) {
                    throw new IllegalArgumentException(file + ":" + (long) q[q.length - 1] + ": " + header.get(xi) + " = "
                            + Excerpt.of(cells(lines, (int) q[q.length - 1] - 1, xi)) + " again (first at line "
                            + (long) p[p.length - 1] + "), with another " + needed.get(k) + " (" + p[k + 1] + " there, "
                            + q[k + 1] + " here); give each " + header.get(xi) + " once");
                }
            }
        }
        double[] xs = new double[rows.size()];
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int k = 0; k < needed.size(); k++) {
            cols.put(needed.get(k), new double[rows.size()]);
        }
        for (int j = 0; j < rows.size(); j++) {
            xs[j] = rows.get(j)[0];
            for (int k = 0; k < needed.size(); k++) {
                cols.get(needed.get(k))[j] = rows.get(j)[k + 1];
            }
        }
        return new ReferenceTable(xs, Collections.unmodifiableMap(cols), skipped);
    }

    /** @return the cell of a line as written */
    private static String cells(List<String> lines, int line, int col) {
        String[] c = lines.get(line).trim().split(",", -1);
        return col < c.length ? c[col].trim() : "";
    }

    private static double cell(Path file, int line, String[] cells, int col, List<String> header) {
        if (col >= cells.length) {
            throw new IllegalArgumentException(file + ":" + (line + 1) + ": row has " + cells.length
                    + " cells, no value for column " + header.get(col));
        }
        String c = cells[col].trim();
        try {
            double v = Double.parseDouble(c);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + (line + 1) + ": column " + header.get(col)
                    + " holds " + Excerpt.quoted(c) + ", expected a finite number");
        }
    }

    /** @return a copy of the abscissae of the kept rows, increasing */
    public double[] abscissae() {
        return abscissae.clone();
    }

    /** @return a copy of the column's values, aligned with {@link #abscissae()} */
    public double[] column(String quantity) {
        double[] c = columns.get(quantity);
        if (c == null) {
            throw new IllegalArgumentException("no column " + quantity + "; have " + columns.keySet());
        }
        return c.clone();
    }

    /** @return the number of kept rows */
    public int rows() {
        return abscissae.length;
    }

    /** @return the number of rows skipped because they lie outside the range */
    public int skipped() {
        return skipped;
    }
}
