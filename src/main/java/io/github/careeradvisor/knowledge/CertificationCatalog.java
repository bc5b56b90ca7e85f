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
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The certifications the advisor knows, read from {@code certifications.json} in the knowledge folder:
 * provider, level, exam code, price, validity, experience, status and the date it is known as of.
 */
public record CertificationCatalog(LocalDate asOf, List<Certification> certifications) {

    public static final String FILE = "certifications.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public CertificationCatalog {
        certifications = List.copyOf(certifications);
        Set<String> ids = new HashSet<>();
        for (Certification c : certifications) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("certification id '" + c.id() + "' appears twice");
            }
        }
    }

    /** Reads the catalog from {@code knowledgeDir}; a broken file names itself and the problem. */
    public static CertificationCatalog load(Path knowledgeDir) {
        Path file = knowledgeDir.resolve(FILE);
        try {
            return JSON.readValue(Files.readAllBytes(file), CertificationCatalog.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException("knowledge dir '" + knowledgeDir + "' has no " + FILE + " (set "
                    + Settings.KNOWLEDGE_DIR + ")");
        } catch (JsonMappingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new ConfigException(file + where + ": " + (cause == e ? e.getOriginalMessage() : cause.getMessage()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }

    public Optional<Certification> byId(String id) {
        return certifications.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The certifications that can still be booked on {@code day}. */
    public List<Certification> availableOn(LocalDate day) {
        return certifications.stream().filter(c -> c.availableOn(day)).toList();
    }
}
