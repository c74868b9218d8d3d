package io.libsql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqldServerTest {

    @Test
    void servesVersionAndHealthAndStopsCleanly() throws Exception {
        Path dataDir;
        try (SqldServer server = SqldServer.builder().start()) {
            assertEquals("http://127.0.0.1:" + server.httpPort(), server.httpUrl());
            assertEquals("ws://127.0.0.1:" + server.httpPort(), server.wsUrl());
            assertThrows(IllegalStateException.class, server::grpcPort);

            HttpResponse<String> version = Http.get(server.httpUrl() + "/version");
            assertEquals(200, version.statusCode());
            assertTrue(version.body().startsWith("sqld 0.24"), version.body());
            assertEquals(200, Http.get(server.httpUrl() + "/health").statusCode());

            dataDir = server.dataDir();
            assertTrue(Files.isDirectory(dataDir));
            ProcessHandle sqld = server.processHandle();
            assertTrue(sqld.isAlive());
            server.stop();
            assertFalse(sqld.isAlive());
            assertEquals(0, sqld.descendants().count());
            assertTrue(server.logTail().contains("shutdown gracefully"), server.logTail());
        }
        assertFalse(Files.exists(dataDir), "close() deletes the temporary data directory");
    }

    @Test
    void failedStartReportsSqldOutput() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SqldServer.builder().extraArgs("--no-such-flag").start());
        assertTrue(e.getMessage().contains("unexpected argument '--no-such-flag'"), e.getMessage());
    }

    @Test
    void startTimeoutKillsSqld() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SqldServer.builder().startTimeout(Duration.ofNanos(1)).start());
        assertTrue(e.getMessage().contains("did not answer GET /health with 200 within"), e.getMessage());
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no sqld left running");
    }

    @Test
    void givenDataDirSurvivesClose(@TempDir Path tempDir) throws Exception {
        Path dataDir = tempDir.resolve("db");
        try (SqldServer server = SqldServer.builder().dataDir(dataDir).start()) {
            assertEquals(dataDir.toAbsolutePath(), server.dataDir());
            Http.execute(server, "CREATE TABLE t (x)");
        }
        try (SqldServer server = SqldServer.builder().dataDir(dataDir).start()) {
            assertTrue(Http.execute(server, "SELECT count(*) FROM t").contains("{\"type\":\"integer\",\"value\":\"0\"}"));
        }
        assertTrue(Files.isDirectory(dataDir));
    }
}
