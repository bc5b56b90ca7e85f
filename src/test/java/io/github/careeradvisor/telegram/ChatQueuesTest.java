package io.github.careeradvisor.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatQueuesTest {

    @Test
    void a_slow_chat_does_not_hold_up_another_and_each_chat_keeps_its_order() throws Exception {
        ChatQueues queues = new ChatQueues(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();

        queues.submit(1, () -> {
            await(release);
            done.add("1a");
        });
        queues.submit(1, () -> done.add("1b"));
        queues.submit(2, () -> {
            done.add("2a");
            otherDone.countDown();
        });

        assertTrue(otherDone.await(5, TimeUnit.SECONDS), "chat 2 waited for chat 1");
        assertEquals(List.of("2a"), done);
        release.countDown();
        assertTrue(queues.drain(5, TimeUnit.SECONDS));
        assertEquals(List.of("2a", "1a", "1b"), done);
    }

    @Test
    void a_failing_task_does_not_stop_the_chats_queue() throws Exception {
        ChatQueues queues = new ChatQueues(1);
        List<String> done = new CopyOnWriteArrayList<>();

        queues.submit(1, () -> {
            throw new IllegalStateException("boom");
        });
        queues.submit(1, () -> done.add("after"));

        assertTrue(queues.drain(5, TimeUnit.SECONDS));
        assertEquals(List.of("after"), done);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
