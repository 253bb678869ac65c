package org.mosaic.io.report;

import java.util.List;

/**
 * A self-contained HTML page (no scripts, no external assets) so that a report opens from a file:// URL, prints, and
 * can be mailed to a principal. Build with {@link #page}, then {@link #h2}, {@link #table}, {@link #raw} for charts.
 */
public final class Html {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
            color:#1f2933;padding:0 1rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9e2ec}
            p.note{color:#52606d;font-size:.9rem}
            table{border-collapse:collapse;margin:.6rem 0;font-size:.88rem}
            th,td{border:1px solid #d9e2ec;padding:.25rem .55rem;text-align:right}
            th{background:#f0f4f8}td.l,th.l{text-align:left}
            figure{margin:1rem 0}figcaption{color:#52606d;font-size:.85rem}
            a{color:#2680c2}nav.back{font-size:.9rem;margin-bottom:1rem}
            pre{background:#f5f7fa;padding:.6rem;overflow-x:auto;font-size:.8rem}
            @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:avoid}
            .pagebreak{page-break-before:always}}
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    private Html(String title) {
        this.title = title;
    }

    public static Html page(String title) {
        Html h = new Html(title);
        h.body.append("<h1>").append(escape(title)).append("</h1>\n");
        return h;
    }

    public Html h2(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public Html p(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    public Html note(String text) {
        body.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
        return this;
    }

    public Html link(String href, String text) {
        body.append("<p><a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a></p>\n");
        return this;
    }

    /** Lines of terminal output as they were printed (aligned columns stay aligned). */
    public Html pre(List<String> lines) {
        body.append("<pre>").append(escape(String.join("\n", lines))).append("</pre>\n");
        return this;
    }

    /** A page with a navigation link at its top, e.g. back to the report index that lists it. */
    public static String withBackLink(String page, String href, String text) {
        return withBackLink(page, href, text, null);
    }

    /** As {@link #withBackLink(String, String, String)}, with a second link beside it (e.g. the glossary). */
    public static String withBackLink(String page, String href, String text, String[] also) {
        String nav = "<nav class=\"back\"><a href=\"" + escape(href) + "\">&larr; " + escape(text) + "</a>"
                + (also == null ? "" : " &middot; <a href=\"" + escape(also[0]) + "\">" + escape(also[1]) + "</a>")
                + "</nav>\n";
        if (page.contains(nav)) {
            return page;
        }
        return page.replaceFirst("<body>\n", java.util.regex.Matcher.quoteReplacement("<body>\n" + nav));
    }

    /** Raw markup: SVG charts from {@link SvgChart}, or a page break div. */
    public Html raw(String markup) {
        body.append(markup).append('\n');
        return this;
    }

    public Html figure(String svg, String caption) {
        body.append("<figure>").append(svg).append("<figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** A table; the first column is left-aligned (labels), the others right-aligned (numbers). */
    public Html table(List<String> header, List<List<?>> rows) {
        body.append("<table><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            body.append(i == 0 ? "<th class=\"l\">" : "<th>").append(escape(header.get(i))).append("</th>");
        }
        body.append("</tr></thead><tbody>\n");
        for (List<?> row : rows) {
            body.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                body.append(i == 0 ? "<td class=\"l\">" : "<td>").append(escape(String.valueOf(row.get(i))))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body>\n" + body + "</body></html>\n";
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
