package org.autoknots.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.autoknots.api.Spline;
import org.autoknots.config.KnotSpacing;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots made with XChart: each table's spline with its knots marked (log axes where the
 * knot scale is log and the values are positive), and the relative error along the abscissa of
 * each validation. Written atomically.
 */
public final class Plots {

    private static final int SAMPLES = 1500;

    private Plots() {
    }

    /** Plots a table; returns the PNG's path. */
    public static Path table(Path out, Outcomes.Table t) {
        Spline s = t.result().spline();
        double[] kx = s.knots();
        double[] ky = s.values();
        boolean logX = t.spacing() == KnotSpacing.LOG;
        boolean positive = true;
        for (double v : ky) {
            positive &= v > 0;
        }
        double[] x = new double[SAMPLES];
        double[] y = new double[SAMPLES];
        double a = s.lower();
        double b = s.upper();
        for (int i = 0; i < SAMPLES; i++) {
            double f = i / (SAMPLES - 1.0);
            x[i] = logX ? Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) : a + f * (b - a);
            x[i] = Math.min(b, Math.max(a, x[i]));
            y[i] = s.value(x[i]);
            positive &= y[i] > 0;
        }
        String name = t.quantity() == null ? t.stage() : t.stage() + "-" + t.quantity();
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title(name + ": " + t.result().knots() + " knots, " + t.result().evaluations() + " evaluations")
                .xAxisTitle(t.abscissa()).yAxisTitle(t.column()).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logX && positive);
        chart.getStyler().setMarkerSize(4);
        XYSeries line = chart.addSeries("spline", x, y);
        line.setMarker(SeriesMarkers.NONE);
        XYSeries knots = chart.addSeries("knots", kx, ky);
        knots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        knots.setMarker(SeriesMarkers.CIRCLE);
        Path png = out.resolve(name + ".png");
        write(png, chart);
        return png;
    }

    /** Plots a validation's relative errors; returns the PNG's path. */
    public static Path validation(Path out, String id, Outcomes.Validation v, boolean logX) {
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title(id + ": relative error of " + v.input() + " against " + (v.against().equals("analytic")
                        ? "analytic" : Path.of(v.against()).getFileName()) + (v.passed() ? " (passed)" : " (FAILED)"))
                .xAxisTitle("R").yAxisTitle("relative error").build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(3);
        double floor = 1e-18;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Outcomes.QuantityError> e : v.quantities().entrySet()) {
            double[] x = e.getValue().x();
            double[] r = e.getValue().relError();
            double[] y = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                y[i] = Double.isFinite(r[i]) ? Math.max(r[i], floor) : 1.0;
            }
            lo = Math.min(lo, x[0]);
            hi = Math.max(hi, x[x.length - 1]);
            XYSeries sr = chart.addSeries(e.getKey(), x, y);
            sr.setMarker(SeriesMarkers.NONE);
        }
        if (lo < hi) {
            XYSeries limit = chart.addSeries("max-rel-error", new double[] {lo, hi}, new double[] {v.maxAllowed(), v.maxAllowed()});
            limit.setMarker(SeriesMarkers.NONE);
        }
        Path png = out.resolve(id + ".png");
        write(png, chart);
        return png;
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
