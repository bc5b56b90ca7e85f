package io.github.careeradvisor.telegram;

/** The text of a message in our HTML subset, with tags dropped and entities decoded. */
final class PlainFromHtml {

    private PlainFromHtml() {
    }

    static String text(String html) {
        return html.replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
