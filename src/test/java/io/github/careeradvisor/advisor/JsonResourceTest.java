package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped JSON files read as Jackson's data binding reads them, in the file's order. */
class JsonResourceTest {

    @Test
    void the_shipped_files_read_as_jacksons_data_binding_reads_them_keys_in_the_files_order() throws Exception {
        for (String resource : List.of(Entities.RESOURCE, IntentExamples.RESOURCE)) {
            Map<String, Object> expected;
            try (InputStream in = JsonResourceTest.class.getResourceAsStream(resource)) {
                expected = new ObjectMapper().readValue(in, new TypeReference<Map<String, Object>>() { });
            }
            Map<String, Object> read = JsonResource.read(resource);

            assertEquals(expected, read, resource);
            assertEquals(keysInOrder(expected), keysInOrder(read), resource);
        }
    }

    @Test
    void a_missing_key_or_a_value_of_another_kind_reads_as_empty() {
        Map<String, Object> root = Map.of("text", "a", "list", List.of("x", 2, true), "object", Map.of("k", List.of()));

        assertEquals(Map.of(), JsonResource.object(root, "missing"));
        assertEquals(Map.of(), JsonResource.object(root, "text"));
        assertEquals(List.of(), JsonResource.strings(root, "object"));
        assertEquals(List.of("x", "2", "true"), JsonResource.strings(root, "list"));
        assertEquals(List.of(), JsonResource.objects(root, "list"));
        assertTrue(JsonResource.object(root, "object").containsKey("k"));
    }

    /** Every object's keys, depth first, as they come. */
    private static List<String> keysInOrder(Object value) {
        List<String> keys = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                keys.add(String.valueOf(k));
                keys.addAll(keysInOrder(v));
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> keys.addAll(keysInOrder(v)));
        }
        return keys;
    }
}
