package dev.webseed.view;

/** The pieces the HTML pages share: escaping and the head with its small style sheet. */
final class Html {
    /** The landing page's style: a table on a desktop, labelled blocks on a phone. */
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1d2330}
            h1{margin:.2rem 0;font-size:1.5rem}header p{margin:.2rem 0 1rem;color:#555}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e3e6ea}
            th{font-weight:600;color:#555;font-size:.85rem}td{overflow-wrap:anywhere}a{color:#0a58ca}
            footer{margin-top:2rem;color:#777;font-size:.85rem}nav{margin-top:1rem}
            @media (max-width:40rem){thead{display:none}
            tr{display:block;border-bottom:1px solid #e3e6ea;padding:.4rem 0}
            td{display:block;border:0;padding:.1rem 0}td[data-label]::before{content:attr(data-label) ": ";color:#777}}
            """;

    private Html() {
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head><body>\n";
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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
