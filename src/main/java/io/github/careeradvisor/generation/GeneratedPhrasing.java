package io.github.careeradvisor.generation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.careeradvisor.answer.Answer;
import io.github.careeradvisor.answer.Drafts;
import io.github.careeradvisor.config.LanguageModel;
import io.github.careeradvisor.profile.Profile;
import io.github.careeradvisor.retrieval.Retrieval;
import io.github.careeradvisor.retrieval.RetrievedPassage;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The language model behind an OpenAI-compatible chat API (langchain4j's {@link OpenAiChatModel} and
 * {@link OpenAiStreamingChatModel}): it rewrites follow-ups into questions of their own
 * ({@link Rewrite}), and phrases grounded answers, streamed and checked sentence by sentence
 * ({@link StreamedReply}) and as a whole ({@link ReplyCheck}). A reply that is late, refused, unreadable
 * or fails a check gives the extractive answer within the reply's time, and counts as a failure; after
 * {@value CircuitBreaker#FAILURES} in a row the model is left alone for a minute. Nothing the endpoint
 * sends reaches a log or the user unchecked, and the key is only ever in the request header.
 */
public final class GeneratedPhrasing implements Phrasing {

    /** The most of a reply's time a rewrite may take: the phrasing after it needs the rest. */
    static final double REWRITE_SHARE = 0.5;

    private final ChatModel rewriter;
    private final StreamingChatModel writer;
    private final Duration timeout;
    private final Consumer<String> log;
    private final CircuitBreaker breaker;
    private final LongSupplier nanoTime;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "generation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rewrites = new AtomicLong();

    /** @param log where a failure's reason and the breaker's pause are said, one line each */
    public GeneratedPhrasing(LanguageModel settings, Consumer<String> log) {
        this(settings, log, System::nanoTime);
    }

    GeneratedPhrasing(LanguageModel settings, Consumer<String> log, LongSupplier nanoTime) {
        this.timeout = Duration.ofSeconds(settings.timeoutSeconds());
        this.log = log;
        this.nanoTime = nanoTime;
        this.breaker = new CircuitBreaker(nanoTime);
        this.rewriter = OpenAiChatModel.builder()
                .baseUrl(settings.url().toString())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .timeout(timeout)
                // One try: a retry would outlast the time the person waits for.
                .maxRetries(0)
                .temperature(0.0)
                .maxTokens(Rewrite.MAX_TOKENS)
                .logRequests(false)
                .logResponses(false)
                .build();
        this.writer = OpenAiStreamingChatModel.builder()
                .baseUrl(settings.url().toString())
                .apiKey(settings.apiKey())
                .modelName(settings.model())
                .timeout(timeout)
                .temperature(0.2)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    @Override
    public Turn turn(List<String> recent, Drafts drafts) {
        return new ModelTurn(List.copyOf(recent), drafts, nanoTime.getAsLong() + timeout.toNanos());
    }

    @Override
    public Optional<Counts> counts() {
        return Optional.of(new Counts(generated.get(), failures.get(), rewrites.get()));
    }

    /** Replies the model phrased and the checks passed, since the start. */
    public long generated() {
        return generated.get();
    }

    /** Replies that gave the extractive answer instead (late, refused, unreadable, or failing a check). */
    public long failures() {
        return failures.get();
    }

    /** One message's calls, within one deadline. */
    private final class ModelTurn implements Turn {

        private final List<String> recent;
        private final Drafts drafts;
        private final long deadline;

        ModelTurn(List<String> recent, Drafts drafts, long deadline) {
            this.recent = recent;
            this.drafts = drafts;
            this.deadline = deadline;
        }

        private long leftNanos() {
            return deadline - nanoTime.getAsLong();
        }

        @Override
        public Optional<String> standalone(String followUp) {
            long left = Math.min(leftNanos(), (long) (timeout.toNanos() * REWRITE_SHARE));
            if (recent.isEmpty() || left <= 0 || !breaker.allows()) {
                return Optional.empty();
            }
            String failure;
            try {
                Future<@Nullable String> call = calls.submit(() -> rewriter.chat(SystemMessage.from(Rewrite.SYSTEM),
                        UserMessage.from(Rewrite.user(recent, followUp))).aiMessage().text());
                Optional<String> question = Rewrite.question(waitFor(call, left));
                if (question.isPresent()) {
                    breaker.succeeded();
                    rewrites.incrementAndGet();
                    return question;
                }
                failure = "an unusable rewrite of a follow-up";
            } catch (TimeoutException e) {
                failure = "no rewrite of a follow-up within " + TimeUnit.NANOSECONDS.toMillis(left) + " ms";
            } catch (ExecutionException e) {
                failure = reason(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            failed(failure, "the rules' reading of the follow-up was used");
            return Optional.empty();
        }

        @Override
        public Answer phrase(Retrieval found, String question, Profile profile, Answer extractive) {
            long left = leftNanos();
            if (!extractive.grounded() || !found.relevant() || found.passages().isEmpty() || left <= 0
                    || !breaker.allows()) {
                return extractive;
            }
            List<RetrievedPassage> numbered = GroundedPrompt.numbered(found.passages());
            String profileLine = GroundedPrompt.profileLine(profile);
            ChatRequest request = ChatRequest.builder().messages(SystemMessage.from(GroundedPrompt.SYSTEM),
                    UserMessage.from(GroundedPrompt.user(numbered, question, profileLine, recent))).build();
            StreamedReply stream = new StreamedReply(ReplyCheck.backed(numbered), Figures.stated(profileLine), drafts);
            CompletableFuture<@Nullable String> done = new CompletableFuture<>();
            AtomicReference<@Nullable StreamingHandle> handle = new AtomicReference<>();
            String failure;
            try {
                calls.submit(() -> writer.chat(request, new Reader(stream, done, handle)));
                String reply = waitFor(done, left);
                stream.close();
                failure = stream.failure();
                if (failure == null && (reply == null || reply.isBlank())) {
                    // A body that is not a stream of events reads as a stream of nothing.
                    failure = "an empty or unreadable reply from the model API";
                }
                if (failure == null) {
                    ReplyCheck.Outcome outcome = ReplyCheck.check(reply == null ? "" : reply, numbered,
                            Figures.stated(profileLine));
                    if (outcome instanceof ReplyCheck.Passed passed) {
                        breaker.succeeded();
                        generated.incrementAndGet();
                        return passed.answer();
                    }
                    failure = ((ReplyCheck.Failed) outcome).reason();
                }
            } catch (TimeoutException e) {
                failure = "no whole reply within " + timeout.toSeconds() + " s";
            } catch (ExecutionException e) {
                failure = reason(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return extractive;
            } finally {
                stream.close();
                StreamingHandle h = handle.get();
                if (h != null && !done.isDone()) {
                    h.cancel();
                }
            }
            failed(failure, "the extractive answer was used");
            return extractive;
        }
    }

    /** Feeds a streamed reply to its checker, and stops reading it as soon as it cannot pass. */
    private static final class Reader implements StreamingChatResponseHandler {

        private final StreamedReply stream;
        private final CompletableFuture<@Nullable String> done;
        private final AtomicReference<@Nullable StreamingHandle> handle;

        Reader(StreamedReply stream, CompletableFuture<@Nullable String> done,
                AtomicReference<@Nullable StreamingHandle> handle) {
            this.stream = stream;
            this.done = done;
            this.handle = handle;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle.set(context.streamingHandle());
            if (!stream.add(partial.text() == null ? "" : partial.text())) {
                context.streamingHandle().cancel();
                done.complete(null); // the checker's failure says why
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response.aiMessage() == null ? null : response.aiMessage().text());
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    private static <T> @Nullable T waitFor(Future<T> call, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return call.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private void failed(String reason, String instead) {
        failures.incrementAndGet();
        log.accept("generation: " + reason + "; " + instead);
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
