package io.github.careeradvisor.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a guide: strict UTF-8, then a YAML front matter block between two {@code ---} lines, then the
 * Markdown body. Every problem is reported with the file and the line it is on.
 */
final class GuideParser {

    private static final String FENCE = "---";
    private static final String STARTS_WITH = "a guide must start with a front matter block: a '---' line, "
            + "then title, topics and sources, then '---' (see knowledge/FORMAT.md)";
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    Guide parse(String file, byte[] bytes) throws GuideException {
        rejectBinary(file, bytes);
        String text = decodeUtf8(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new GuideException(file, 1, "the file is empty; " + STARTS_WITH);
        }
        List<String> lines = text.lines().toList();
        if (!lines.get(0).strip().equals(FENCE)) {
            throw new GuideException(file, 1, STARTS_WITH);
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(FENCE)) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new GuideException(file, 1, "the front matter block opened on line 1 is never closed with '---'");
        }
        String frontMatter = String.join("\n", lines.subList(1, end));
        JsonNode node = readYaml(file, frontMatter);
        String body = String.join("\n", lines.subList(end + 1, lines.size()));
        return new Guide(
                file,
                requiredText(file, node, "title"),
                topics(file, node),
                sources(file, node),
                optionalText(node, "as_of"),
                body,
                end + 2);
    }

    /** Text never holds a NUL byte; a file that does is an image, an archive or a document saved as .md. */
    private static void rejectBinary(String file, byte[] bytes) throws GuideException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new GuideException(file, lineOf(bytes, i), "a binary file (a NUL byte at offset " + i
                        + "), not a Markdown guide; a guide is UTF-8 text (see knowledge/FORMAT.md)");
            }
        }
    }

    private static String decodeUtf8(String file, byte[] bytes) throws GuideException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new GuideException(file, lineOf(bytes, offset), String.format(
                    "not valid UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8",
                    bytes[offset] & 0xFF, offset));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private JsonNode readYaml(String file, String frontMatter) throws GuideException {
        try {
            JsonNode node = yaml.readTree(frontMatter);
            if (node == null || !node.isObject()) {
                throw new GuideException(file, 2, "the front matter must be YAML 'key: value' lines "
                        + "with title, topics and sources");
            }
            return node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 2 : e.getLocation().getLineNr() + 1;
            throw new GuideException(file, line, "malformed front matter: " + e.getOriginalMessage());
        }
    }

    private static String requiredText(String file, JsonNode node, String key) throws GuideException {
        String value = optionalText(node, key);
        if (value == null || value.isBlank()) {
            throw new GuideException(file, 2, "the front matter has no '" + key + ":'");
        }
        return value.strip();
    }

    private static @Nullable String optionalText(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static List<String> topics(String file, JsonNode node) throws GuideException {
        JsonNode topics = node.get("topics");
        List<String> result = new ArrayList<>();
        if (topics != null && topics.isArray()) {
            topics.forEach(t -> result.add(t.asText().strip()));
        } else if (topics != null && topics.isTextual()) {
            for (String t : topics.asText().split(",")) {
                result.add(t.strip());
            }
        }
        result.removeIf(String::isEmpty);
        if (result.isEmpty()) {
            throw new GuideException(file, 2, "the front matter needs 'topics:' with at least one keyword");
        }
        return result;
    }

    private static List<SourceRef> sources(String file, JsonNode node) throws GuideException {
        JsonNode sources = node.get("sources");
        if (sources == null || !sources.isArray() || sources.isEmpty()) {
            throw new GuideException(file, 2, "the front matter needs 'sources:', a list of entries with "
                    + "a name (and year where the article gives one)");
        }
        List<SourceRef> result = new ArrayList<>();
        for (JsonNode source : sources) {
            String name = source.isTextual() ? source.asText() : optionalText(source, "name");
            if (name == null || name.isBlank()) {
                throw new GuideException(file, 2, "source #" + (result.size() + 1) + " has no name");
            }
            JsonNode year = source.get("year");
            Integer parsedYear = year != null && year.canConvertToInt() ? year.asInt() : null;
            result.add(new SourceRef(name.strip(), parsedYear, source.isObject() ? optionalText(source, "article") : null));
        }
        return result;
    }
}
