package io.libsql.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicaTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String ROW = "{\"type\":\"text\",\"value\":\"replicated\"}";

    @Test
    void replicaForwardsWritesAndServesThem() throws Exception {
        try (SqldServer primary = SqldServer.builder().grpcListen(true).start();
                SqldServer replica = SqldServer.builder().replicaOf(primary).start()) {
            // Idempotent write, retried while the replica connects to the primary.
            retryUntil(() -> Http.execute(replica,
                    "CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT)",
                    "INSERT OR REPLACE INTO kv VALUES ('k', 'replicated')"));
            assertTrue(Http.execute(primary, "SELECT v FROM kv").contains(ROW), "the write reached the primary");
            retryUntil(() -> {
                String body = Http.execute(replica, "SELECT v FROM kv");
                if (!body.contains(ROW)) {
                    throw new AssertionError("replica does not show the row yet: " + body);
                }
                return body;
            });
        }
    }

    private interface Attempt {
        String run() throws Exception;
    }

    /** Runs {@code attempt} until it succeeds, at most every 100 ms for {@link #PATIENCE}. */
    private static void retryUntil(Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Throwable last = null;
        for (int i = 0; i < PATIENCE.toMillis() / 100 && System.nanoTime() < deadline; i++) {
            try {
                attempt.run();
                return;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("no success within " + PATIENCE, last);
    }
}
