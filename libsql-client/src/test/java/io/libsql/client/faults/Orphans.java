package io.libsql.client.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closes the HTTP streams a cut left behind on sqld. When a response is lost on its way back, the
 * client never learns the stream's new baton, so the server keeps the stream, and the write lock
 * of its open transaction, until it expires it (sqld lets another writer take over after about
 * 5 s). Tests that cut hundreds of transactions read the batons in the recorded downstream bytes
 * (JSON encoding) and close those streams themselves, so the next case does not wait.
 */
final class Orphans {
  private static final Pattern BATON = Pattern.compile("\"baton\":\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private Orphans() {}

  /** Sends {@code close} for every baton in {@code recorded}; returns how many streams that closed. */
  static int release(byte[] recorded, String sqldHttpUrl) {
    Set<String> batons = new LinkedHashSet<>();
    Matcher m = BATON.matcher(new String(recorded, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      batons.add(m.group(1));
    }
    int closed = 0;
    for (String baton : batons) {
      String body = "{\"baton\":\"" + baton + "\",\"requests\":[{\"type\":\"close\"}]}";
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sqldHttpUrl + "/v3/pipeline"))
            .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          closed++;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return closed;
      }
    }
    return closed;
  }
}
