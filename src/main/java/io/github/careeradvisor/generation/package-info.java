/**
 * Optional generated answers (README, "Use a language model"): a language model behind an OpenAI-compatible
 * API phrases the reply from the retrieved passages, and the wording is checked against them before anyone
 * sees it; anything that fails gives the extractive answer. The only package that may import langchain4j's
 * OpenAI module and chat types; besides them it may import {@code answer}, {@code retrieval},
 * {@code knowledge}, {@code profile} and {@code config}.
 */
@NullMarked
package io.github.careeradvisor.generation;

import org.jspecify.annotations.NullMarked;
