package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.careeradvisor.answer.PlainText;
import io.github.careeradvisor.knowledge.Certification;
import io.github.careeradvisor.knowledge.CertificationCatalog;
import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import io.github.careeradvisor.profile.Profile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificationAdviceTest {

    private final CertificationCatalog catalog = CertificationCatalog.load(Path.of("knowledge"));
    private final LocalDate today = LocalDate.of(2026, 12, 7);

    @Test
    void a_catalogue_value_reads_well_mid_sentence_and_keeps_its_acronyms() {
        assertEquals("unconfirmed", CertificationAdvice.sentenceCase("Unconfirmed"));
        assertEquals("not applicable (course certificate)", CertificationAdvice.sentenceCase("Not applicable (course certificate)"));
        assertEquals("CAP/CAP-Expert: unconfirmed", CertificationAdvice.sentenceCase("CAP/CAP-Expert: unconfirmed"));
        assertEquals("2 years", CertificationAdvice.sentenceCase("2 years"));
        assertEquals("", CertificationAdvice.sentenceCase(""));
    }

    @Test
    void a_career_switchers_years_in_another_field_do_not_make_them_an_experienced_ml_engineer() {
        Profile switcher = new Profile(1, Level.CAREER_SWITCHER, "backend developer", 5, null, Cloud.AWS, null, Map.of());
        Profile senior = new Profile(2, Level.SENIOR, "ML engineer", 5, null, Cloud.AWS, null, Map.of());

        List<Certification> forSwitcher = CertificationAdvice.picks(catalog, switcher, null, today);
        List<Certification> forSenior = CertificationAdvice.picks(catalog, senior, null, today);

        assertTrue(forSwitcher.stream().noneMatch(c -> CertificationAdvice.tier(c) == 2), forSwitcher.toString());
        assertTrue(forSenior.stream().anyMatch(c -> CertificationAdvice.tier(c) == 2), forSenior.toString());
        String advice = PlainText.body(CertificationAdvice.advise(catalog, switcher, null, today));
        assertTrue(advice.contains("career switcher, 5 years of experience"), "the years said are still said: " + advice);
    }

    @Test
    void a_cloud_asked_for_with_nothing_left_to_book_is_said_to_have_none_before_the_others() {
        Profile nobody = Profile.empty(3);

        List<Certification> picked = CertificationAdvice.picks(catalog, nobody, Cloud.AZURE, today);
        String advice = PlainText.body(CertificationAdvice.advise(catalog, nobody, Cloud.AZURE, today));

        assertTrue(picked.stream().noneMatch(c -> "azure".equals(c.cloud())), picked.toString());
        assertTrue(advice.startsWith("None of Azure's ML certifications can be booked today"), advice);
        assertTrue(advice.contains("No longer available: AI-102"), advice);
    }
}
