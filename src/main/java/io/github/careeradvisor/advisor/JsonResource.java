package io.github.careeradvisor.advisor;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON file shipped in the jar, read as maps (in the file's order), lists and strings with jackson-jr.
 * Jackson's data binding would give the same, but loading it costs a start about a third of a second of
 * one core (README, "Performance"). A key that is missing reads as empty, as Jackson's {@code path} does.
 */
final class JsonResource {

    private JsonResource() {
    }

    /** The object at the top of {@code resource}. */
    static Map<String, Object> read(String resource) {
        try (InputStream in = JsonResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return JSON.std.mapFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** The object under {@code key}, or an empty one. */
    static Map<String, Object> object(Map<String, Object> parent, String key) {
        return object(parent.get(key));
    }

    /** {@code value} if it is an object, or an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The objects in the list under {@code key}, or none. */
    static List<Map<String, Object>> objects(Map<String, Object> parent, String key) {
        List<Map<String, Object>> objects = new ArrayList<>();
        if (parent.get(key) instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).forEach(o -> objects.add(object(o)));
        }
        return objects;
    }

    /** The list under {@code key} as text, or none. */
    static List<String> strings(Map<String, Object> parent, String key) {
        return strings(parent.get(key));
    }

    /** {@code value} as a list of text: each of a list's items, or none if it is not a list. */
    static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
