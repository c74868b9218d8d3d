package io.libsql.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Creates the workloads' tables on sqld with plain {@code POST /v2/pipeline} requests, so that
 * setup depends on none of the contestants.
 */
final class SqldAdmin {
  private static final JsonFactory JSON = new JsonFactory();
  /** Generous: one pipeline of 100 inserts into a 768-dim vector index takes 5-10 s on sqld here. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final String baseUrl;
  /** HTTP/1.1: the JDK's default h2c upgrade hangs on sqld. */
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  SqldAdmin(String httpUrl) {
    this.baseUrl = httpUrl;
  }

  /** Runs the statements in order on one stream and closes it; throws if any failed. */
  void execute(List<String> statements) {
    String body;
    try (StringWriter out = new StringWriter(); JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("requests");
      for (String sql : statements) {
        g.writeStartObject();
        g.writeStringField("type", "execute");
        g.writeObjectFieldStart("stmt");
        g.writeStringField("sql", sql);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeStartObject();
      g.writeStringField("type", "close");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
      body = out.toString();
    } catch (IOException e) {
      throw new BenchException("cannot build a pipeline request", e);
    }
    String answer = post("/v2/pipeline", body);
    if (answer.contains("\"type\":\"error\"")) {
      throw new BenchException("sqld refused the setup " + statements + ": " + answer);
    }
  }

  /** sqld's {@code GET /version} answer, for the report. */
  String version() {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/version")).timeout(TIMEOUT).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private String post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new BenchException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new BenchException("POST " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }
}
