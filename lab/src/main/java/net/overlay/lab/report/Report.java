package net.overlay.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The self-contained HTML report of one run: a title, an opening that says what the charts show,
 * then sections of paragraphs, notes, inline SVG charts and tables, and a footer the runner fills
 * with the command that reproduces the run and its inputs. Nothing is loaded from elsewhere, so
 * the file can be mailed or archived alone.
 *
 * <p>Scenarios add content in reading order; the runner calls {@link #render}. Not thread-safe.
 */
public final class Report {
    private final List<String> lead = new ArrayList<>();
    private final List<String> body = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();

    /** A paragraph of the opening, shown before any section: what the charts show. */
    public Report lead(String text) {
        lead.add("<p class=\"lead\">" + escape(text) + "</p>");
        return this;
    }

    public Report section(String title) {
        body.add("<h2>" + escape(title) + "</h2>");
        return this;
    }

    public Report paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A highlighted caveat: what the run does not measure. */
    public Report note(String text) {
        body.add("<p class=\"note\">" + escape(text) + "</p>");
        return this;
    }

    /** A chart as inline SVG (the document from {@link Outputs#chart}), with a caption. */
    public Report chart(String svgDocument, String caption) {
        String svg = svgDocument.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "");
        body.add("<figure>" + svg + "<figcaption>" + escape(caption) + "</figcaption></figure>");
        return this;
    }

    /** A table; {@code id} lets tests and readers find it. Cells are formatted by {@link Outputs#format}. */
    public Report table(String id, List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder("<table id=\"").append(escape(id)).append("\"><thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (List<?> row : rows) {
            sb.append("<tr>");
            for (Object cell : row) {
                sb.append("<td>").append(escape(Outputs.format(cell))).append("</td>");
            }
            sb.append("</tr>");
        }
        body.add(sb.append("</tbody></table>").toString());
        return this;
    }

    /** A preformatted block in the footer (the reproducing command, the inputs). */
    public Report footer(String title, String preformatted) {
        footer.add("<h2>" + escape(title) + "</h2><pre>" + escape(preformatted) + "</pre>");
        return this;
    }

    /** The whole document. */
    public String render(String title, String subtitle) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n<p class=\"sub\">").append(escape(subtitle))
                .append("</p>\n");
        lead.forEach(s -> sb.append(s).append('\n'));
        body.forEach(s -> sb.append(s).append('\n'));
        footer.forEach(s -> sb.append(s).append('\n'));
        return sb.append("</body></html>\n").toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
            h1{margin-bottom:0}.sub{color:#666;margin-top:.3em}.lead{font-size:1.08em}
            .note{background:#fff6d6;border-left:4px solid #e0b000;padding:.6em 1em}
            figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:.92em}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f0f0f0}
            td:first-child,td:nth-child(2){text-align:left}pre{background:#f6f6f6;padding:.8em;overflow-x:auto}
            """;
}
