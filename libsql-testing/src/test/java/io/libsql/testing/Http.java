package io.libsql.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Minimal Hrana-over-HTTP requests for the tests (HTTP/1.1: the JDK's default HTTP/2 hangs on sqld). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private Http() {}

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs one {@code /v2/pipeline} that executes each statement, then closes the stream. */
    static HttpResponse<String> pipeline(SqldServer server, String bearerToken, String... sqls)
            throws IOException, InterruptedException {
        String requests = Arrays.stream(sqls)
                .map(sql -> "{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}")
                .collect(Collectors.joining(","));
        String body = "{\"baton\":null,\"requests\":[" + requests + ",{\"type\":\"close\"}]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.httpUrl() + "/v2/pipeline"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #pipeline} without auth, and fails unless every statement succeeded. */
    static String execute(SqldServer server, String... sqls) throws IOException, InterruptedException {
        HttpResponse<String> response = pipeline(server, null, sqls);
        if (response.statusCode() != 200 || response.body().contains("\"type\":\"error\"")) {
            throw new AssertionError("pipeline failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
