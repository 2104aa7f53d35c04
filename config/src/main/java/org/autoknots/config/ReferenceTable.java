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
 * and counted.
 */
public final class ReferenceTable {

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
                    + String.join(", ", missing) + "; its columns are " + String.join(", ", header));
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
            double[] row = new double[needed.size() + 1];
            row[0] = x;
            for (int k = 0; k < qi.length; k++) {
                row[k + 1] = cell(file, i, cells, qi[k], header);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("reference file " + file + " has no row with " + header.get(xi)
                    + " inside the stage's range [" + lower + ", " + upper + "] (" + skipped + " rows outside)");
        }
        rows.sort((p, q) -> Double.compare(p[0], q[0]));
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
                    + " holds '" + c + "', expected a finite number");
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
