package io.github.careeradvisor.knowledge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.careeradvisor.config.ConfigException;
import io.github.careeradvisor.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the JSON data files of the knowledge folder; a broken file names itself, the line and the problem. */
final class KnowledgeJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private KnowledgeJson() {
    }

    static <T> T read(Path knowledgeDir, String fileName, Class<T> type) {
        Path file = knowledgeDir.resolve(fileName);
        try {
            return JSON.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new ConfigException("knowledge dir '" + knowledgeDir + "' has no " + fileName + " (set "
                    + Settings.KNOWLEDGE_DIR + ")");
        } catch (JsonMappingException e) {
            // A record's own check (IllegalArgumentException) says best what is wrong.
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            String problem = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            throw new ConfigException(file + where + ": " + problem);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
