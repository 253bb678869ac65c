package org.mosaic.io.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for reports: horizontal bars (one value per label), stacked bars (parts of a whole, e.g. between
 * and within segregation), and lines (a frontier or a trend). Deliberately small: axes, labels, a legend, no
 * interactivity, readable when printed in black and white thanks to distinct lightness.
 */
public final class SvgChart {
    public static final List<String> PALETTE = List.of("#2680c2", "#f0b429", "#3ebd93", "#ef4e4e", "#8662c7",
            "#52606d", "#f7c948", "#40c3f7");

    private SvgChart() {
    }

    public record Series(String name, List<Double> values) {
    }

    /** One bar per label; values may be negative. */
    public static String bars(String title, List<String> labels, List<Double> values, String unit) {
        int rowH = 22;
        int labelW = 260;
        int plotW = 520;
        int h = 40 + rowH * labels.size() + 20;
        double max = values.stream().mapToDouble(Math::abs).max().orElse(1);
        max = max == 0 ? 1 : max;
        boolean anyNegative = values.stream().anyMatch(v -> v < 0);
        int zeroX = labelW + (anyNegative ? plotW / 2 : 0);
        double scale = (anyNegative ? plotW / 2.0 : plotW) / max;
        StringBuilder sb = open(labelW + plotW + 90, h, title);
        for (int i = 0; i < labels.size(); i++) {
            double v = values.get(i);
            int y = 34 + i * rowH;
            double w = Math.abs(v) * scale;
            double x = v < 0 ? zeroX - w : zeroX;
            sb.append(text(labelW - 6, y + 14, "end", labels.get(i)));
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 2, w, rowH - 6,
                    PALETTE.get(0)));
            // A negative value's label sits right of the zero line, on the side its bar leaves empty: left of
            // the bar it would run into the row's label when the bar is long.
            sb.append(text((int) (v < 0 ? zeroX + 4 : x + w + 4), y + 14, "start", fmt(v) + unit));
        }
        sb.append(String.format("<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa5b1\"/>", zeroX, zeroX,
                h - 16));
        return sb.append("</svg>").toString();
    }

    /** Stacked horizontal bars: each label's bar is split into the series' parts, with a legend. */
    public static String stacked(String title, List<String> labels, List<Series> parts) {
        int rowH = 24;
        int labelW = 260;
        int plotW = 520;
        int h = 70 + rowH * labels.size() + 20;
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            double total = 0;
            for (Series s : parts) {
                total += Math.max(0, s.values().get(i));
            }
            max = Math.max(max, total);
        }
        max = max == 0 ? 1 : max;
        double scale = plotW / max;
        StringBuilder sb = open(labelW + plotW + 90, h, title);
        legend(sb, parts.stream().map(Series::name).toList(), labelW, 40);
        for (int i = 0; i < labels.size(); i++) {
            int y = 64 + i * rowH;
            double x = labelW;
            double total = 0;
            sb.append(text(labelW - 6, y + 15, "end", labels.get(i)));
            for (int k = 0; k < parts.size(); k++) {
                double v = Math.max(0, parts.get(k).values().get(i));
                total += v;
                sb.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 2, v * scale,
                        rowH - 6, PALETTE.get(k % PALETTE.size())));
                x += v * scale;
            }
            sb.append(text((int) x + 4, y + 15, "start", fmt(total)));
        }
        return sb.append("</svg>").toString();
    }

    /** Lines over a shared numeric x axis, e.g. the tracking dial 0..1 against spread and segregation. */
    public static String lines(String title, String xLabel, List<Double> xs, List<Series> series) {
        int w = 720;
        int h = 360;
        int left = 60;
        int right = 20;
        int top = 50;
        int bottom = 50;
        double xMin = xs.stream().mapToDouble(d -> d).min().orElse(0);
        double xMax = xs.stream().mapToDouble(d -> d).max().orElse(1);
        double yMin = 0;
        double yMax = series.stream().flatMap(s -> s.values().stream()).filter(v -> !v.isNaN())
                .mapToDouble(d -> d).max().orElse(1);
        double yLo = series.stream().flatMap(s -> s.values().stream()).filter(v -> !v.isNaN())
                .mapToDouble(d -> d).min().orElse(0);
        yMin = Math.min(yMin, yLo);
        if (yMax == yMin) {
            yMax = yMin + 1;
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        StringBuilder sb = open(w, h, title);
        legend(sb, series.stream().map(Series::name).toList(), left, 38);
        int pw = w - left - right;
        int ph = h - top - bottom;
        axes(sb, left, top, pw, ph, xMin, xMax, yMin, yMax);
        sb.append(text(left + pw / 2, h - 8, "middle", xLabel));
        for (int k = 0; k < series.size(); k++) {
            StringBuilder pts = new StringBuilder();
            List<Double> vs = series.get(k).values();
            String color = PALETTE.get(k % PALETTE.size());
            for (int i = 0; i < xs.size() && i < vs.size(); i++) {
                if (vs.get(i).isNaN()) {
                    continue;
                }
                double x = left + pw * (xs.get(i) - xMin) / (xMax - xMin);
                double y = top + ph - ph * (vs.get(i) - yMin) / (yMax - yMin);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                        color));
            }
            sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
        }
        return sb.append("</svg>").toString();
    }

    /** A point with its own label, e.g. one setting of the tracking dial. */
    public record Point(double x, double y, String label) {
    }

    /**
     * Labelled points joined in order: a tradeoff drawn as itself (what one gains on x against what one pays on y).
     * Each label goes to the first of eight places around its point that no other label or point takes, so labels
     * never overlap however close the points are.
     */
    public static String tradeoff(String title, String xLabel, String yLabel, List<Point> points) {
        int w = 720;
        int h = 420;
        int left = 70;
        int right = 30;
        int top = 40;
        int bottom = 56;
        double xMin = points.stream().mapToDouble(Point::x).min().orElse(0);
        double xMax = points.stream().mapToDouble(Point::x).max().orElse(1);
        double yMin = Math.min(0, points.stream().mapToDouble(Point::y).min().orElse(0));
        double yMax = points.stream().mapToDouble(Point::y).max().orElse(1);
        double xPad = (xMax - xMin) * 0.08 + 1e-9;
        xMin = Math.max(0, xMin - xPad);
        xMax = xMax + xPad;
        yMax = yMax + (yMax - yMin) * 0.08 + 1e-9;
        int pw = w - left - right;
        int ph = h - top - bottom;
        StringBuilder sb = open(w, h, title);
        axes(sb, left, top, pw, ph, xMin, xMax, yMin, yMax);
        sb.append(text(left + pw / 2, h - 12, "middle", xLabel));
        sb.append(String.format("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
                top + ph / 2, top + ph / 2, Html.escape(yLabel)));
        double[][] at = new double[points.size()][2];
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            at[i][0] = left + pw * (points.get(i).x() - xMin) / (xMax - xMin);
            at[i][1] = top + ph - ph * (points.get(i).y() - yMin) / (yMax - yMin);
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", at[i][0], at[i][1]));
        }
        sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(PALETTE.get(0))
                .append("\" points=\"").append(path.toString().trim()).append("\"/>");
        List<double[]> taken = new java.util.ArrayList<>();
        for (double[] p : at) {
            taken.add(new double[] {p[0] - 4, p[1] - 4, p[0] + 4, p[1] + 4});
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", p[0], p[1],
                    PALETTE.get(0)));
        }
        for (int i = 0; i < points.size(); i++) {
            double[] box = placeLabel(at[i][0], at[i][1], labelWidth(points.get(i).label()), taken, left, top,
                    left + pw, top + ph);
            taken.add(box);
            sb.append(String.format(Locale.ROOT, "<text class=\"point-label\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                    box[0], box[3] - 3, Html.escape(points.get(i).label())));
        }
        return sb.append("</svg>").toString();
    }

    /** A label's width in pixels at the charts' 12 px font: a generous 7 px per character. */
    static double labelWidth(String label) {
        return 7.0 * label.length();
    }

    static final double LABEL_HEIGHT = 14;

    /** The first free box (left, top, right, bottom) for a label around a point, farther out if all eight are taken. */
    static double[] placeLabel(double x, double y, double width, List<double[]> taken, double minX, double minY,
                               double maxX, double maxY) {
        double hgt = LABEL_HEIGHT;
        for (int ring = 1; ring <= 12; ring++) {
            double d = 6 * ring;
            double[][] candidates = {
                    {x + d, y - hgt / 2}, {x - d - width, y - hgt / 2}, {x - width / 2, y - d - hgt},
                    {x - width / 2, y + d}, {x + d, y - d - hgt}, {x + d, y + d}, {x - d - width, y - d - hgt},
                    {x - d - width, y + d}};
            for (double[] c : candidates) {
                double[] box = {c[0], c[1], c[0] + width, c[1] + hgt};
                if (box[0] < minX || box[2] > maxX + 30 || box[1] < minY - 20 || box[3] > maxY
                        || taken.stream().anyMatch(t -> overlaps(t, box))) {
                    continue;
                }
                return box;
            }
        }
        return new double[] {x + 6, y - hgt / 2, x + 6 + width, y + hgt / 2};
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    /** A value with its interval, for charts that must never show a bare point (Monte Carlo projections). */
    public record Ranged(String label, double mean, double low, double high) {
    }

    /**
     * One row per label: a dot at the mean and a whisker from low to high, with a zero line when the range spans
     * it. For effects whose uncertainty matters as much as their size.
     */
    public static String intervals(String title, List<Ranged> rows, String unit) {
        int rowH = 24;
        int labelW = 260;
        int plotW = 440;
        int h = 40 + rowH * rows.size() + 24;
        double lo = Math.min(0, rows.stream().mapToDouble(Ranged::low).min().orElse(0));
        double hi = Math.max(0, rows.stream().mapToDouble(Ranged::high).max().orElse(1));
        if (hi == lo) {
            hi = lo + 1;
        }
        double span = hi - lo;
        lo -= 0.05 * span;
        hi += 0.05 * span;
        StringBuilder sb = open(labelW + plotW + 200, h, title);
        double min = lo;
        double max = hi;
        java.util.function.DoubleUnaryOperator x = v -> labelW + plotW * (v - min) / (max - min);
        double zero = x.applyAsDouble(0);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"30\" x2=\"%.1f\" y2=\"%d\" "
                + "stroke=\"#9aa5b1\" stroke-dasharray=\"3,3\"/>", zero, zero, h - 20));
        for (int i = 0; i < rows.size(); i++) {
            Ranged r = rows.get(i);
            int y = 34 + i * rowH + rowH / 2;
            sb.append(text(labelW - 6, y + 4, "end", r.label()));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"%s\" stroke-width=\"2\"/>", x.applyAsDouble(r.low()), y, x.applyAsDouble(r.high()),
                    y, PALETTE.get(0)));
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\"/>",
                    x.applyAsDouble(r.mean()), y, PALETTE.get(0)));
            sb.append(text(labelW + plotW + 8, y + 4, "start", fmt(r.mean()) + unit + " [" + fmt(r.low()) + ", "
                    + fmt(r.high()) + "]"));
        }
        sb.append(text((int) zero, h - 6, "middle", "0"));
        return sb.append("</svg>").toString();
    }

    /**
     * One point per label at (x, y), each with horizontal and vertical whiskers for its intervals, labelled; for
     * scenarios compared on two outcomes (achievement against segregation).
     */
    public static String scatter(String title, String xLabel, String yLabel, List<Ranged> xs, List<Ranged> ys) {
        int w = 760;
        int h = 420;
        int left = 70;
        int right = 200;
        int top = 40;
        int bottom = 50;
        double x0 = xs.stream().mapToDouble(Ranged::low).min().orElse(0);
        double x1 = xs.stream().mapToDouble(Ranged::high).max().orElse(1);
        double y0 = ys.stream().mapToDouble(Ranged::low).min().orElse(0);
        double y1 = ys.stream().mapToDouble(Ranged::high).max().orElse(1);
        if (x1 - x0 < 1e-9) {
            x1 = x0 + 1e-3;
        }
        if (y1 - y0 < 1e-9) {
            y1 = y0 + 1e-3;
        }
        double xPad = 0.08 * (x1 - x0);
        double yPad = 0.08 * (y1 - y0);
        double xMin = x0 - xPad;
        double xMax = x1 + xPad;
        double yMin = y0 - yPad;
        double yMax = y1 + yPad;
        int pw = w - left - right;
        int ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator px = v -> left + pw * (v - xMin) / (xMax - xMin);
        java.util.function.DoubleUnaryOperator py = v -> top + ph - ph * (v - yMin) / (yMax - yMin);
        StringBuilder sb = open(w, h, title);
        axes(sb, left, top, pw, ph, xMin, xMax, yMin, yMax);
        sb.append(text(left + pw / 2, h - 8, "middle", xLabel));
        sb.append(String.format("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
                + "%s</text>", top + ph / 2, top + ph / 2, Html.escape(yLabel)));
        for (int i = 0; i < xs.size(); i++) {
            Ranged rx = xs.get(i);
            Ranged ry = ys.get(i);
            String color = PALETTE.get(i % PALETTE.size());
            double cx = px.applyAsDouble(rx.mean());
            double cy = py.applyAsDouble(ry.mean());
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\"/>", px.applyAsDouble(rx.low()), cy, px.applyAsDouble(rx.high()), cy, color));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\"/>", cx, py.applyAsDouble(ry.low()), cx, py.applyAsDouble(ry.high()), color));
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", cx, cy,
                    color));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
                    + "fill=\"%s\"/>", left + pw + 14, top + 4 + 16 * i, color));
            sb.append(text(left + pw + 28, top + 13 + 16 * i, "start", rx.label()));
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(int w, int h, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"system-ui,sans-serif\" font-size=\"12\">", w, h,
                w, h));
        sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append(String.format("<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"600\">%s</text>", 4,
                Html.escape(title)));
        return sb;
    }

    /**
     * Both axes with five ticks each. The x ticks sit a full line below the axis and the lowest y tick sits just
     * above it, so the two labels that meet at the origin corner never touch, whatever their widths.
     */
    private static void axes(StringBuilder sb, int left, int top, int pw, int ph, double xMin, double xMax,
                             double yMin, double yMax) {
        sb.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa5b1\"/>", left, top + ph,
                left + pw, top + ph));
        sb.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa5b1\"/>", left, top, left,
                top + ph));
        for (int t = 0; t <= 4; t++) {
            int y = top + ph - ph * t / 4;
            sb.append(text(left - 6, t == 0 ? y - 2 : y + 4, "end", fmt(yMin + (yMax - yMin) * t / 4)));
            sb.append(text(left + pw * t / 4, top + ph + 20, "middle", fmt(xMin + (xMax - xMin) * t / 4)));
        }
    }

    private static void legend(StringBuilder sb, List<String> names, int x0, int y) {
        int x = x0;
        for (int k = 0; k < names.size(); k++) {
            sb.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y - 10,
                    PALETTE.get(k % PALETTE.size())));
            sb.append(text(x + 16, y, "start", names.get(k)));
            x += 28 + 7 * names.get(k).length();
        }
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, Html.escape(s));
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
