package io.github.careeradvisor.knowledge;

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
        return KnowledgeJson.read(knowledgeDir, FILE, CertificationCatalog.class);
    }

    public Optional<Certification> byId(String id) {
        return certifications.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The certifications that can still be booked on {@code day}. */
    public List<Certification> availableOn(LocalDate day) {
        return certifications.stream().filter(c -> c.availableOn(day)).toList();
    }
}
