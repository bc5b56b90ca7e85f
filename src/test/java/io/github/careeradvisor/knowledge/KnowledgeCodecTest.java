package io.github.careeradvisor.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsed guides written and read back by hand (README, "Performance"). */
class KnowledgeCodecTest {

    @Test
    void the_shipped_guides_come_back_equal_record_for_record() throws Exception {
        KnowledgeFiles parsed = KnowledgeFiles.read(Path.of("knowledge"));

        KnowledgeFiles read = KnowledgeCodec.read(KnowledgeCodec.write(parsed));

        assertEquals(parsed, read);
        assertTrue(read.knowledge().passages().size() > 100);
        assertTrue(read.certifications().certifications().stream().anyMatch(c -> c.statusDate() != null),
                "a retired certification's date, one of the values that may be absent");
    }

    /**
     * Every record the codec writes, with the components it writes in their order. A component added to a
     * record fails this test until the codec writes it too (and this list names it).
     */
    @Test
    void the_codec_knows_every_component_of_every_record() {
        Map<Class<?>, String> written = new LinkedHashMap<>();
        written.put(KnowledgeFiles.class, "knowledge roadmap certifications pay");
        written.put(KnowledgeBase.class, "guides passages problems");
        written.put(Guide.class, "file title topics sources asOf body bodyStartLine");
        written.put(SourceRef.class, "name year article");
        written.put(Passage.class, "id file title section topics units");
        written.put(Unit.class, "text kind block");
        written.put(Roadmap.class, "title note overview topics");
        written.put(Roadmap.Section.class, "file section");
        written.put(Roadmap.Topic.class, "id title why prerequisites question sections");
        written.put(CertificationCatalog.class, "asOf certifications");
        written.put(Certification.class, "id name provider cloud level examCode aliases priceUsd durationMinutes validity "
                + "recommendedExperience minExperienceYears status statusDate successor asOf focus source confidence");
        written.put(PayScale.class, "file bands");
        written.put(PayScale.Band.class, "title ranges");
        written.put(PayScale.Range.class, "source low high orMore");
        written.forEach((record, names) -> assertEquals(names, String.join(" ", Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName).toList()), record.getSimpleName()));
    }

    @Test
    void bytes_it_did_not_write_are_refused_by_name_without_allocating_what_they_claim() throws Exception {
        byte[] good = KnowledgeCodec.write(KnowledgeFiles.read(Path.of("knowledge")));
        byte[] huge = Arrays.copyOf(good, good.length);
        ByteBuffer.wrap(huge).putInt(0, Integer.MAX_VALUE); // the guides' count
        byte[] cut = Arrays.copyOf(good, good.length / 2);
        byte[] longer = Arrays.copyOf(good, good.length + 3);

        IOException claimed = assertThrows(IOException.class, () -> KnowledgeCodec.read(huge));
        assertTrue(claimed.getMessage().startsWith("a list of 2147483647 in "), claimed.getMessage());
        assertThrows(IOException.class, () -> KnowledgeCodec.read(cut));
        assertEquals("3 bytes left after the parsed guides",
                assertThrows(IOException.class, () -> KnowledgeCodec.read(longer)).getMessage());
    }
}
