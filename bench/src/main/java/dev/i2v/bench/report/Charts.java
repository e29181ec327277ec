package dev.i2v.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line charts (XChart), drawn headless. */
public final class Charts {

    private Charts() {
    }

    /** A named line: x and y values of the same length. */
    public record Line(String name, List<? extends Number> x, List<? extends Number> y) {
    }

    /** Draws the lines on one chart and saves it as {@code file}, linear axes. */
    public static void save(Path file, String title, String xTitle, String yTitle, List<Line> lines) throws IOException {
        save(file, title, xTitle, yTitle, false, false, lines);
    }

    /** The same, with logarithmic axes where asked (rates that grow by a factor, latencies over decades). */
    public static void save(Path file, String title, String xTitle, String yTitle, boolean logX, boolean logY,
                            List<Line> lines) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (Line line : lines) {
            List<Number> x = new ArrayList<>();
            List<Number> y = new ArrayList<>();
            for (int i = 0; i < line.x().size(); i++) {
                double value = line.y().get(i).doubleValue();
                // a log axis cannot show zero, and a step without answers has no latency to show
                if (!Double.isNaN(value) && (!logY || value > 0) && (!logX || line.x().get(i).doubleValue() > 0)) {
                    x.add(line.x().get(i));
                    y.add(value);
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(line.name(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        Files.createDirectories(file.getParent());
        // XChart adds the extension itself
        BitmapEncoder.saveBitmap(chart, file.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }
}
