package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CertificationAdviceTest {

    @Test
    void a_catalogue_value_reads_well_mid_sentence_and_keeps_its_acronyms() {
        assertEquals("unconfirmed", CertificationAdvice.sentenceCase("Unconfirmed"));
        assertEquals("not applicable (course certificate)", CertificationAdvice.sentenceCase("Not applicable (course certificate)"));
        assertEquals("CAP/CAP-Expert: unconfirmed", CertificationAdvice.sentenceCase("CAP/CAP-Expert: unconfirmed"));
        assertEquals("2 years", CertificationAdvice.sentenceCase("2 years"));
        assertEquals("", CertificationAdvice.sentenceCase(""));
    }
}
