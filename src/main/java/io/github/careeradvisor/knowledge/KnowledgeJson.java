package io.github.careeradvisor.knowledge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON data files of the knowledge folder; a broken file names itself, the line, the field
 * and the problem. The advisor cannot answer without them, so a broken one stops the program (see
 * "Broken knowledge files" in the README).
 */
final class KnowledgeJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Jackson's note of where an object opened; the line is given already. */
    private static final Pattern SOURCE_NOTE = Pattern.compile(" \\(start marker at \\[Source: [^\\]]*\\]\\)");

    private KnowledgeJson() {
    }

    static <T extends Record> T read(Path knowledgeDir, String fileName, Class<T> type) {
        Path file = knowledgeDir.resolve(fileName);
        try {
            String tooLarge = KnowledgeLoader.tooLarge(file);
            if (tooLarge != null) {
                throw new ConfigException(file + ": " + tooLarge);
            }
            byte[] bytes = Files.readAllBytes(file);
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new ConfigException(file + ": the file is empty");
            }
            // A record's constructor would fail on a missing field with a NullPointerException, or keep the null.
            String missing = missingField(tree, type, "");
            if (missing != null) {
                throw new ConfigException(file + ": " + missing);
            }
            return JSON.readValue(bytes, type);
        } catch (NoSuchFileException e) {
            throw new ConfigException("knowledge dir '" + knowledgeDir + "' has no " + fileName + " (set "
                    + Settings.KNOWLEDGE_DIR + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(file + line(e.getLocation()) + ": " + path(e) + problem(e));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String column = at == null || at.getColumnNr() < 1 ? "" : ":" + at.getColumnNr();
            throw new ConfigException(file + line(at) + column + ": not valid JSON: "
                    + SOURCE_NOTE.matcher(e.getOriginalMessage()).replaceAll(""));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * The first field, as {@code 'topics[2].why' is missing}, that a record needs and the JSON leaves out
     * or sets to null, or null if there is none. Fields marked {@code @Nullable} may be left out.
     */
    private static @Nullable String missingField(JsonNode node, Class<?> type, String path) {
        if (!type.isRecord() || !node.isObject()) {
            return null; // a wrong shape is Jackson's to report
        }
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            String at = path.isEmpty() ? component.getName() : path + "." + component.getName();
            JsonNode value = node.get(component.getName());
            if (value == null || value.isNull()) {
                if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    return "'" + at + "' is missing" + misspelt(node, components);
                }
                continue;
            }
            String missing = null;
            Class<?> element = listElement(component.getGenericType());
            if (element != null && value.isArray()) {
                for (int i = 0; i < value.size() && missing == null; i++) {
                    missing = missingField(value.get(i), element, at + "[" + i + "]");
                }
            } else {
                missing = missingField(value, component.getType(), at);
            }
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    /** A field left out is often one misspelt: name the ones that are not fields, and the fields. */
    private static String misspelt(JsonNode node, RecordComponent[] components) {
        List<String> fields = Arrays.stream(components).map(RecordComponent::getName).sorted().toList();
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add("'" + name + "'");
            }
        });
        return unknown.isEmpty() ? "" : " (" + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
                + " not a field here; the fields here are " + String.join(", ", fields) + ")";
    }

    private static @Nullable Class<?> listElement(Type type) {
        if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    private static String line(@Nullable JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

    /** Where in the file, as {@code certifications[3].minExperienceYears: }, or nothing at the top. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "not a field this file has (the fields here are "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return "must be " + expected(format.getTargetType()) + ", not '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + expected(mismatch.getTargetType());
        }
        // A record's own check (IllegalArgumentException) says best what is wrong.
        return e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list [...]";
        }
        if (type.isRecord()) {
            return "an object {...}";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date such as \"2026-11-21\"";
        }
        return type == String.class ? "text in quotes" : "a " + type.getSimpleName();
    }
}
