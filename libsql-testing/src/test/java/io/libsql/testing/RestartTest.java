package io.libsql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    void killAndRestartKeepDataPortAndDirectory() throws Exception {
        try (SqldServer server = SqldServer.builder().start()) {
            Http.execute(server, "CREATE TABLE t (x TEXT)", "INSERT INTO t VALUES ('survives')");
            String url = server.httpUrl();
            ProcessHandle first = server.processHandle();

            server.kill();
            assertFalse(first.isAlive());
            server.restart();

            assertEquals(url, server.httpUrl());
            assertNotEquals(first.pid(), server.processHandle().pid());
            String body = Http.execute(server, "SELECT x FROM t");
            assertTrue(body.contains("{\"type\":\"text\",\"value\":\"survives\"}"), body);
        }
    }

    @Test
    void restartFailsClearlyWhileThePortIsTaken() throws Exception {
        try (SqldServer server = SqldServer.builder().start()) {
            server.kill();
            try (ServerSocket squatter = new ServerSocket(server.httpPort(), 1, InetAddress.getByName("127.0.0.1"))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, server::restart);
                assertTrue(e.getMessage().contains("is taken by another process"), e.getMessage());
            }
            server.restart();
            assertEquals(200, Http.get(server.httpUrl() + "/health").statusCode());
        }
    }

    @Test
    void restartOfRunningServerStopsItFirst() throws Exception {
        try (SqldServer server = SqldServer.builder().start()) {
            ProcessHandle first = server.processHandle();
            server.restart();
            assertFalse(first.isAlive());
            assertEquals(200, Http.get(server.httpUrl() + "/health").statusCode());
        }
    }
}
