package io.github.careeradvisor.advisor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The router's labelled example utterances, read from {@value #RESOURCE} in the jar: a new phrasing is
 * a line in that file, not a change to the code. Public so that the wiring can have the index build
 * embed them through the on-disk cache; which intent each belongs to stays inside this package.
 */
public final class IntentExamples {

    static final String RESOURCE = "/advisor/intents.json";
    /** Fewer than this and nearest neighbours cannot tell an intent from its neighbours. */
    static final int MIN_PER_INTENT = 15;

    private final Map<Intent, List<String>> byIntent;

    IntentExamples(Map<Intent, List<String>> byIntent) {
        Map<Intent, List<String>> copy = new EnumMap<>(Intent.class);
        byIntent.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.byIntent = Map.copyOf(copy);
        for (Intent intent : Intent.values()) {
            int n = this.byIntent.getOrDefault(intent, List.of()).size();
            if (n < MIN_PER_INTENT) {
                throw new IllegalArgumentException(RESOURCE + " has " + n + " examples of intent '" + intent.id()
                        + "'; it needs at least " + MIN_PER_INTENT);
            }
        }
    }

    /** The examples shipped with the program. */
    public static IntentExamples load() {
        return parse(JsonResource.read(RESOURCE));
    }

    static IntentExamples parse(Map<String, Object> root) {
        Map<Intent, List<String>> byIntent = new EnumMap<>(Intent.class);
        for (Map<String, Object> entry : JsonResource.objects(root, "intents")) {
            String id = String.valueOf(entry.getOrDefault("intent", ""));
            Intent intent = Intent.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    RESOURCE + " names the intent '" + id + "', which the advisor does not know"));
            List<String> examples = byIntent.computeIfAbsent(intent, k -> new ArrayList<>());
            examples.addAll(JsonResource.strings(entry, "examples"));
        }
        return new IntentExamples(byIntent);
    }

    /** The examples of each intent. */
    Map<Intent, List<String>> byIntent() {
        return byIntent;
    }

    /** Every example, in a fixed order, for embedding. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            all.addAll(byIntent.get(intent));
        }
        return all;
    }
}
