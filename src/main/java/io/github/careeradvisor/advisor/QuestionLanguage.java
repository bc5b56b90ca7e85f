package io.github.careeradvisor.advisor;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a question is written in English, the language of the guides. The embedding model is
 * English-only: a question in Spanish that happens to contain "machine learning" would otherwise be
 * answered with whatever English passage is nearest, which is a guess. The test is deliberately
 * cautious: mostly non-Latin letters, or more function words of other languages than of English.
 */
final class QuestionLanguage {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    /** Everyday English function words. */
    private static final Set<String> ENGLISH = Set.of("the", "a", "an", "is", "are", "do", "does", "what", "how",
            "which", "who", "why", "when", "where", "much", "many", "i", "you", "my", "to", "of", "in", "for", "and",
            "or", "should", "can", "need", "be", "become", "with", "get", "as", "it", "on", "at", "from", "earn");

    /** Function words of Spanish, Portuguese, French, German and Italian that are not English words too. */
    private static final Set<String> FOREIGN = Set.of(
            "el", "los", "las", "una", "es", "qué", "que", "cómo", "cuánto", "cuanto", "cuál", "por", "para", "del",
            "ingeniero", "gana", "puedo", "necesito", "ser", "um", "uma", "quanto", "ganha", "posso", "preciso",
            "não", "le", "les", "des", "est", "comment", "combien", "quel", "quelle", "une", "pour", "dans", "gagne",
            "ingénieur", "je", "der", "die", "das", "und", "ist", "wie", "viel", "ein", "eine", "verdient",
            "ich", "werden", "il", "che", "quale", "sono", "guadagna", "di", "della");

    private QuestionLanguage() {
    }

    static boolean looksEnglish(String text) {
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                latin += Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN ? 1 : 0;
            }
            i += Character.charCount(cp);
        }
        if (letters > 0 && latin * 2 < letters) {
            return false;
        }
        int english = 0;
        int foreign = 0;
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            english += ENGLISH.contains(words.group()) ? 1 : 0;
            foreign += FOREIGN.contains(words.group()) ? 1 : 0;
        }
        return foreign < 2 || foreign <= english;
    }
}
