package io.github.careeradvisor.advisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionLanguageTest {

    @Test
    void questions_in_other_languages_are_told_apart_from_english_ones() {
        for (String foreign : List.of("¿Cuánto gana un ingeniero de machine learning?",
                "Quanto ganha um engenheiro de machine learning?", "Combien gagne un ingénieur machine learning ?",
                "Wie viel verdient ein Machine Learning Engineer?", "Сколько зарабатывает ML инженер?",
                "मशीन लर्निंग इंजीनियर कितना कमाता है?", "机器学习工程师的工资是多少？")) {
            assertFalse(QuestionLanguage.looksEnglish(foreign), foreign);
        }
        for (String english : List.of("how much does a junior ML engineer earn?", "when did machien learning begin?",
                "MLOps?", "ML engineer salary in España", "is the AWS MLS-C01 still available", "what is el nino",
                "AI-102", "what does a die engineer do and is it ML?")) {
            assertTrue(QuestionLanguage.looksEnglish(english), english);
        }
    }
}
