package org.autoknots.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.autoknots.api.Spline;
import org.autoknots.config.KnotSpacing;
import org.autoknots.config.OutputFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots made with XChart: each table's spline with its knots marked (log axes where the
 * knot scale is log and the values are positive), and the relative error along the abscissa of
 * each validation. Written atomically.
 *
 * <p>The plots stay small and fast for any table or grid size: a spline is drawn from
 * {@value #SAMPLES} samples, at most {@value #MAX_KNOT_MARKERS} knots are marked (evenly
 * thinned, said in the legend), and a validation's errors are reduced to the largest error in
 * each of {@value #BINS} bins along the axis (so the worst point always remains, and is marked).
 * Log axes carry decade ticks only.
 */
public final class Plots {

    private static final int SAMPLES = 1500;
    /** At most this many knots are marked on a table's plot. */
    static final int MAX_KNOT_MARKERS = 150;
    /** A validation's errors are reduced to the maximum in each of this many bins. */
    static final int BINS = 200;

    private static final Color LINE = new Color(20, 80, 190);
    private static final Color KNOT = new Color(240, 140, 0);
    private static final Color LIMIT = new Color(200, 30, 30);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color[] QUANTITY = {new Color(20, 80, 190), new Color(230, 120, 0), new Color(120, 40, 170),
        new Color(0, 140, 90), new Color(150, 100, 30)};

    private Plots() {
    }

    /** Plots a table; returns the PNG's path. */
    public static Path table(Path out, Outcomes.Table t) {
        Spline s = t.result().spline();
        double[] kx = s.knots();
        double[] ky = s.values();
        boolean logX = t.spacing() == KnotSpacing.LOG && s.lower() > 0;
        boolean positive = true;
        for (double v : ky) {
            positive &= v > 0;
        }
        double a = s.lower();
        double b = s.upper();
        int stride = Math.max(1, (kx.length + MAX_KNOT_MARKERS - 1) / MAX_KNOT_MARKERS);
        double[][] shown = thinKnots(kx, ky, stride);
        // the line: even samples plus the marked knots, so that it passes through every marker
        java.util.TreeSet<Double> at = new java.util.TreeSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            double f = i / (SAMPLES - 1.0);
            double xi = logX ? Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) : a + f * (b - a);
            at.add(Math.min(b, Math.max(a, xi)));
        }
        for (double k : shown[0]) {
            at.add(k);
        }
        double[] x = new double[at.size()];
        double[] y = new double[at.size()];
        int j = 0;
        for (double xi : at) {
            x[j] = xi;
            y[j] = s.value(xi);
            positive &= y[j] > 0;
            j++;
        }
        String name = t.quantity() == null ? t.stage() : t.stage() + "-" + t.quantity();
        XYChart chart = chart(tableTitle(name, t.result().knots(), t.result().evaluations(), t.result().converged()),
                t.abscissa(), t.column(), logX, logX && positive);
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (double[] arr : new double[][] {y, ky}) {
            for (double v : arr) {
                ylo = Math.min(ylo, v);
                yhi = Math.max(yhi, v);
            }
        }
        decadeGrid(chart, logX, logX && positive, a, b, ylo, yhi);
        // knots before the line, so that the spline line is drawn over the markers
        XYSeries knots = chart.addSeries(stride == 1 ? "knots (" + kx.length + ")"
                : "knots (every " + ordinal(stride) + " of " + kx.length + ", and the extremes)", shown[0], shown[1]);
        knots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        knots.setMarker(SeriesMarkers.CIRCLE);
        knots.setMarkerColor(KNOT);
        XYSeries line = chart.addSeries("spline", x, y);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(LINE);
        line.setLineStyle(solid(1.6f));
        chart.getStyler().setMarkerSize(kx.length > 60 ? 5 : 7);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        Path png = out.resolve(OutputFiles.tablePlot(t.stage(), t.quantity()));
        write(png, chart);
        return png;
    }

    /**
     * Plots a validation's relative errors; returns the PNG's path. The abscissa is named
     * {@code x} for a tabulate stage's validation (its only quantity is {@code value}), else
     * {@code R}.
     */
    public static Path validation(Path out, String id, Outcomes.Validation v, boolean logX) {
        return validation(out, id, v, logX, abscissa(v.quantities().keySet()));
    }

    /** {@code x} for a tabulate stage's validation (its only quantity is {@code value}), else {@code R}. */
    static String abscissa(Set<String> quantities) {
        return quantities.equals(Set.of("value")) ? "x" : "R";
    }

    /** A table plot's title; says "NOT converged" when the table did not converge. */
    static String tableTitle(String name, int knots, long evaluations, boolean converged) {
        return name + ": " + knots + " knots, " + evaluations + " evaluations" + (converged ? "" : " - NOT converged");
    }

    /** Plots a validation's relative errors against the named abscissa; returns the PNG's path. */
    public static Path validation(Path out, String id, Outcomes.Validation v, boolean logX, String abscissa) {
        boolean positiveX = true;
        for (Outcomes.QuantityError q : v.quantities().values()) {
            positiveX &= q.x().length == 0 || q.x()[0] > 0;
        }
        boolean log = logX && positiveX;
        int most = 0;
        for (Outcomes.QuantityError q : v.quantities().values()) {
            most = Math.max(most, q.x().length);
        }
        boolean binned = most > BINS;
        XYChart chart = chart(id + ": relative error of " + v.input() + " against " + (v.against().equals("analytic")
                ? "analytic" : Path.of(v.against()).getFileName()) + (v.passed() ? " (passed)" : " (FAILED)"),
                abscissa, binned ? "relative error (largest in each of " + BINS + " bins)" : "relative error", log, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double ylo = v.maxAllowed();
        double yhi = v.maxAllowed();
        Map<String, double[][]> curves = new java.util.LinkedHashMap<>();
        double floor = floor(v.quantities().values().stream().map(Outcomes.QuantityError::relError).toList(),
                v.maxAllowed());
        for (Map.Entry<String, Outcomes.QuantityError> e : v.quantities().entrySet()) {
            Outcomes.QuantityError q = e.getValue();
            if (q.x().length == 0) {
                continue;
            }
            double[][] env = binned ? envelope(q.x(), q.relError(), log, BINS, floor)
                    : floored(q.x(), q.relError(), floor);
            curves.put(e.getKey(), env);
            lo = Math.min(lo, q.x()[0]);
            hi = Math.max(hi, q.x()[q.x().length - 1]);
            for (double r : env[1]) {
                ylo = Math.min(ylo, r);
                yhi = Math.max(yhi, r);
            }
        }
        decadeGrid(chart, log, true, lo, hi, ylo, yhi);
        int k = 0;
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            Outcomes.QuantityError q = v.quantities().get(e.getKey());
            Color c = QUANTITY[k++ % QUANTITY.length];
            XYSeries sr = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            sr.setMarker(SeriesMarkers.NONE);
            sr.setLineColor(c);
            sr.setLineStyle(solid(1.2f));
            if (Double.isFinite(q.at())) {
                XYSeries w = chart.addSeries(e.getKey() + " worst " + String.format(Locale.ROOT, "%.2e", q.maxRelError()),
                        new double[] {q.at()}, new double[] {shownError(q.maxRelError(), floor)});
                w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                w.setMarker(SeriesMarkers.DIAMOND);
                w.setMarkerColor(c);
            }
        }
        if (lo < hi) {
            XYSeries limit = chart.addSeries("allowed " + String.format(Locale.ROOT, "%.1e", v.maxAllowed()),
                    new double[] {lo, hi}, new double[] {v.maxAllowed(), v.maxAllowed()});
            limit.setMarker(SeriesMarkers.NONE);
            limit.setLineColor(LIMIT);
            limit.setLineStyle(SeriesLines.DASH_DASH);
        }
        chart.getStyler().setMarkerSize(8);
        Path png = out.resolve(OutputFiles.validationPlot(id));
        write(png, chart);
        return png;
    }

    /** A chart with a quiet style: light decade-only grid on log axes, legend below. */
    private static XYChart chart(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setPlotGridLinesColor(GRID);
        st.setPlotGridLinesStroke(new BasicStroke(0.8f));
        st.setXAxisLogarithmic(logX);
        st.setYAxisLogarithmic(logY);
        st.setXAxisLogarithmicDecadeOnly(true);
        st.setYAxisLogarithmicDecadeOnly(true);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendBorderColor(Color.WHITE);
        st.setAxisTickPadding(4);
        return chart;
    }

    /**
     * XChart draws a grid line at every 1..9 multiple of each decade on a log axis: too dense.
     * On a log axis those lines are switched off and one light line per decade is drawn instead
     * (as series added before the data, hidden from the legend).
     */
    private static void decadeGrid(XYChart chart, boolean logX, boolean logY, double xlo, double xhi, double ylo,
            double yhi) {
        XYStyler st = chart.getStyler();
        st.setPlotGridVerticalLinesVisible(!logX);
        st.setPlotGridHorizontalLinesVisible(!logY);
        if (!(xlo < xhi) || !(ylo <= yhi) || !Double.isFinite(xlo + xhi + ylo + yhi)) {
            return;
        }
        int n = 0;
        if (logX && xlo > 0) {
            for (int d = (int) Math.ceil(Math.log10(xlo) - 1e-9); d <= Math.floor(Math.log10(xhi) + 1e-9); d++) {
                double at = Math.min(xhi, Math.max(xlo, Math.pow(10, d)));
                gridLine(chart, "grid-x" + n++, new double[] {at, at}, new double[] {ylo, yhi});
            }
        }
        if (logY && ylo > 0) {
            for (int d = (int) Math.ceil(Math.log10(ylo) - 1e-9); d <= Math.floor(Math.log10(yhi) + 1e-9); d++) {
                double at = Math.min(yhi, Math.max(ylo, Math.pow(10, d)));
                gridLine(chart, "grid-y" + n++, new double[] {xlo, xhi}, new double[] {at, at});
            }
        }
    }

    private static BasicStroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static void gridLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries g = chart.addSeries(name, x, y);
        g.setMarker(SeriesMarkers.NONE);
        g.setLineColor(GRID);
        g.setLineStyle(solid(0.8f));
        g.setShowInLegend(false);
    }

    /** Every {@code stride}-th knot, the last one, and the knots of the largest and smallest value. */
    static double[][] thinKnots(double[] x, double[] y, int stride) {
        if (stride <= 1) {
            return new double[][] {x.clone(), y.clone()};
        }
        int lo = 0;
        int hi = 0;
        for (int i = 1; i < y.length; i++) {
            lo = y[i] < y[lo] ? i : lo;
            hi = y[i] > y[hi] ? i : hi;
        }
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>(List.of(lo, hi, x.length - 1));
        for (int i = 0; i < x.length; i += stride) {
            keep.add(i);
        }
        double[][] r = new double[2][keep.size()];
        int j = 0;
        for (int i : keep) {
            r[0][j] = x[i];
            r[1][j++] = y[i];
        }
        return r;
    }

    /** Errors as plotted on a log axis: a non-finite error shows as 1, a smaller one as {@code floor}. */
    private static double shownError(double e, double floor) {
        return Double.isFinite(e) ? Math.max(e, floor) : 1.0;
    }

    /**
     * Where zero errors are drawn on the log axis: a tenth of the smallest positive error (a
     * reference row on a knot compares exactly), at least 1e-18, or 1e-3 of the threshold when
     * no error is positive.
     */
    static double floor(Iterable<double[]> errors, double maxAllowed) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] r : errors) {
            for (double e : r) {
                if (e > 0 && e < min) {
                    min = e;
                }
            }
        }
        return Double.isFinite(min) ? Math.max(1e-18, min / 10) : Math.max(1e-18, maxAllowed * 1e-3);
    }

    private static double[][] floored(double[] x, double[] r, double floor) {
        double[] y = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            y[i] = shownError(r[i], floor);
        }
        return new double[][] {x.clone(), y};
    }

    /**
     * The upper envelope of errors given at increasing abscissae: the largest error (and its
     * abscissa) in each of {@code bins} equal bins of the axis (of log x when {@code log}); empty
     * bins are skipped. The overall maximum is always one of the points.
     */
    static double[][] envelope(double[] x, double[] r, boolean log, int bins) {
        return envelope(x, r, log, bins, 1e-18);
    }

    static double[][] envelope(double[] x, double[] r, boolean log, int bins, double floor) {
        int n = x.length;
        double a = log ? Math.log(x[0]) : x[0];
        double b = log ? Math.log(x[n - 1]) : x[n - 1];
        double width = (b - a) / bins;
        double[] ex = new double[bins];
        double[] ey = new double[bins];
        int m = 0;
        int current = -1;
        for (int i = 0; i < n; i++) {
            double u = log ? Math.log(x[i]) : x[i];
            int bin = width > 0 ? (int) Math.min(bins - 1, Math.max(0, Math.floor((u - a) / width))) : 0;
            double e = shownError(r[i], floor);
            if (bin != current || m == 0) {
                ex[m] = x[i];
                ey[m] = e;
                m++;
                current = bin;
            } else if (e > ey[m - 1]) {
                ex[m - 1] = x[i];
                ey[m - 1] = e;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(ex, m), java.util.Arrays.copyOf(ey, m)};
    }

    private static String ordinal(int k) {
        int mod100 = k % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }

    private static void write(Path png, XYChart chart) {
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + png + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(png, bytes);
    }
}
