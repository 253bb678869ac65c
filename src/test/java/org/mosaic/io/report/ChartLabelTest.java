package org.mosaic.io.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Labels never overlap: each chart's text boxes, estimated as a browser would lay them out at 12 px (7 px per
 * character, 14 px high, anchored as the SVG says), are pairwise disjoint. Read from the SVG text itself, not from
 * the placement code.
 */
class ChartLabelTest {
    private static final Pattern TEXT = Pattern.compile(
            "<text (?:class=\"[^\"]*\" )?x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"(?: text-anchor=\"(start|middle|end)\")?>([^<]*)</text>");

    /** Boxes (left, top, right, bottom) of every horizontal text of a chart except its title. */
    static List<double[]> boxes(String svg) {
        List<double[]> out = new ArrayList<>();
        Matcher m = TEXT.matcher(svg);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            String anchor = m.group(3) == null ? "start" : m.group(3);
            String text = m.group(4).replace("&amp;", "&").replace("&lt;", "<").replace("&#39;", "'");
            double w = 7.0 * text.length();
            double left = anchor.equals("end") ? x - w : anchor.equals("middle") ? x - w / 2 : x;
            out.add(new double[] {left, y - 11, left + w, y + 3});
        }
        return out;
    }

    static void assertDisjoint(List<double[]> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                assertThat(overlap).as("text %d [%.0f..%.0f, %.0f..%.0f] and %d [%.0f..%.0f, %.0f..%.0f]", i, a[0],
                        a[2], a[1], a[3], j, b[0], b[2], b[1], b[3]).isFalse();
            }
        }
    }

    @Test
    void negativeBarLabelsDoNotRunIntoTheRowLabels() {
        List<String> labels = List.of("E001, grade K", "M04, grade 6", "H05, grade 9", "CH01, grade K");
        List<Double> values = List.of(-31.5, 12.0, -0.4, 30.9);
        String svg = SvgChart.bars("FRL share minus the district's (percentage points)", labels, values, " pts");
        List<double[]> b = boxes(svg);
        // The first text is the chart's title, above every row.
        assertDisjoint(b.subList(1, b.size()));
    }

    @Test
    void frontierPointLabelsStayApartEvenWhenPointsCrowd() {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            // Dial values that barely move the classes pile their points up, as the middle of a real frontier does.
            double t = k / 10.0;
            points.add(new SvgChart.Point(14.8 - 10 * t * t * t, 0.013 + 0.08 * t * t * t, "t=" + t));
        }
        String svg = SvgChart.tradeoff("The tracking frontier", "mean within-class SD (points)",
                "classroom H by FRL", points);
        List<double[]> labels = new ArrayList<>();
        Matcher m = Pattern.compile("<text class=\"point-label\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\">([^<]*)</text>")
                .matcher(svg);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            labels.add(new double[] {x, y - 11, x + 7.0 * m.group(3).length(), y + 3});
        }
        assertThat(labels).hasSize(11);
        assertDisjoint(labels);
        assertThat(svg).contains("mean within-class SD (points)").contains("classroom H by FRL");
    }
}
