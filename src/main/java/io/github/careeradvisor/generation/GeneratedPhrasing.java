package io.github.careeradvisor.generation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.config.LanguageModel;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Phrases a grounded answer with a language model behind an OpenAI-compatible chat API (langchain4j's
 * {@link OpenAiChatModel}), then checks the wording ({@link ReplyCheck}). A reply that is late, refused,
 * unreadable or fails the check gives the extractive answer, within the timeout and counted as a
 * failure; after {@value CircuitBreaker#FAILURES} in a row the model is left alone for a minute. Nothing
 * the endpoint sends reaches a log or the user unchecked, and the key is only ever in the request header.
 */
public final class GeneratedPhrasing implements Phrasing {

    private final ChatModel model;
    private final Duration timeout;
    private final Consumer<String> log;
    private final CircuitBreaker breaker;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "generation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param log where a failure's reason and the breaker's pause are said, one line each */
    public GeneratedPhrasing(LanguageModel settings, Consumer<String> log) {
        this(settings, log, System::nanoTime);
    }

    GeneratedPhrasing(LanguageModel settings, Consumer<String> log, LongSupplier nanoTime) {
        this.timeout = Duration.ofSeconds(settings.timeoutSeconds());
        this.log = log;
        this.breaker = new CircuitBreaker(nanoTime);
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.url().toString())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .timeout(timeout)
                // One try: a retry would outlast the timeout the person waits for.
                .maxRetries(0)
                .temperature(0.2)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public Answer phrase(Retrieval found, String question, Profile profile, List<String> recent, Answer extractive) {
        if (!extractive.grounded() || !found.relevant() || found.passages().isEmpty() || !breaker.allows()) {
            return extractive;
        }
        List<RetrievedPassage> numbered = GroundedPrompt.numbered(found.passages());
        String profileLine = GroundedPrompt.profileLine(profile);
        String user = GroundedPrompt.user(numbered, question, profileLine, recent);
        String failure;
        try {
            Future<@Nullable String> call = calls.submit(() -> model.chat(SystemMessage.from(GroundedPrompt.SYSTEM),
                    UserMessage.from(user)).aiMessage().text());
            String reply = waitFor(call);
            ReplyCheck.Outcome outcome = ReplyCheck.check(reply == null ? "" : reply, numbered,
                    Figures.stated(profileLine));
            if (outcome instanceof ReplyCheck.Passed passed) {
                breaker.succeeded();
                generated.incrementAndGet();
                return passed.answer();
            }
            failure = ((ReplyCheck.Failed) outcome).reason();
        } catch (TimeoutException e) {
            failure = "no reply within " + timeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            failure = reason(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return extractive;
        }
        failed(failure);
        return extractive;
    }

    /** Replies the model phrased and the checks passed, since the start. */
    public long generated() {
        return generated.get();
    }

    /** Replies that gave the extractive answer instead (late, refused, unreadable, or failing a check). */
    public long failures() {
        return failures.get();
    }

    private @Nullable String waitFor(Future<@Nullable String> call)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private void failed(String reason) {
        failures.incrementAndGet();
        log.accept("generation: " + reason + "; the extractive answer was used");
        if (breaker.failed()) {
            log.accept("generation: " + CircuitBreaker.FAILURES + " failures in a row; paused for "
                    + CircuitBreaker.PAUSE.toSeconds() + " s, answers are extractive meanwhile");
        }
    }

    /** What went wrong, in words of our own: the endpoint's message may quote the request or echo a key. */
    private static String reason(@Nullable Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return "HTTP " + http.statusCode() + " from the model API";
            }
            if (t instanceof HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException) {
                return "no reply within the timeout";
            }
            if (t instanceof ConnectException) {
                return "the model API refused the connection";
            }
        }
        return "an unreadable reply from the model API"
                + (e == null ? "" : " (" + e.getClass().getSimpleName() + ")");
    }
}
