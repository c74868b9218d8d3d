package io.libsql.client.internal.codec.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.internal.codec.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JsonFuzzTest {
  private static final String[] SEEDS = {
      "{\"type\":\"hello_ok\"}",
      "{\"type\":\"hello_error\",\"error\":{\"message\":\"bad\",\"code\":\"X\"}}",
      "{\"type\":\"response_error\",\"request_id\":4,\"error\":{\"message\":\"m\",\"code\":null}}",
      "{\"type\":\"response_ok\",\"request_id\":3,\"response\":{\"type\":\"execute\",\"result\":{"
          + "\"cols\":[{\"name\":\"id\",\"decltype\":\"INTEGER\"},{\"name\":\"x\",\"decltype\":null}],"
          + "\"rows\":[[{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"text\",\"value\":\"a\\u00e9\"}],"
          + "[{\"type\":\"float\",\"value\":-0.0},{\"type\":\"null\"}],[{\"type\":\"blob\",\"base64\":\"AP8\"},"
          + "{\"value\":\"9\",\"type\":\"integer\"}]],\"affected_row_count\":0,\"last_insert_rowid\":\"5\","
          + "\"replication_index\":\"12\",\"rows_read\":2,\"query_duration_ms\":0.05}}}",
      "{\"response\":{\"result\":{\"rows\":[[{\"type\":\"float\",\"value\":null}]]},\"type\":\"execute\"},"
          + "\"request_id\":9,\"type\":\"response_ok\"}",
      "{\"type\":\"response_ok\",\"request_id\":2,\"response\":{\"type\":\"batch\",\"result\":{"
          + "\"step_results\":[{\"cols\":[],\"rows\":[],\"affected_row_count\":1,\"last_insert_rowid\":null},null],"
          + "\"step_errors\":[null,{\"message\":\"e\",\"code\":\"SQLITE_CONSTRAINT\"}]}}}",
      "{\"type\":\"response_ok\",\"request_id\":4,\"response\":{\"type\":\"describe\",\"result\":{"
          + "\"params\":[{\"name\":\":a\"},{\"name\":null}],\"cols\":[{\"name\":\"x\",\"decltype\":\"TEXT\"}],"
          + "\"is_explain\":false,\"is_readonly\":true}}}",
      "{\"type\":\"response_ok\",\"request_id\":5,\"response\":{\"type\":\"fetch_cursor\",\"entries\":["
          + "{\"type\":\"step_begin\",\"step\":0,\"cols\":[{\"name\":\"a\",\"decltype\":null}]},"
          + "{\"type\":\"row\",\"row\":[{\"type\":\"integer\",\"value\":\"1\"}]},"
          + "{\"type\":\"step_end\",\"affected_row_count\":0,\"last_insert_rowid\":null},"
          + "{\"type\":\"step_error\",\"step\":1,\"error\":{\"message\":\"m\"}},"
          + "{\"type\":\"error\",\"error\":{\"message\":\"boom\"}}],\"done\":true}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"get_autocommit\",\"is_autocommit\":true}}",
      "{\"baton\":\"b1\",\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\","
          + "\"result\":{\"cols\":[],\"rows\":[[{\"type\":\"integer\",\"value\":-3}]],\"affected_row_count\":0,"
          + "\"last_insert_rowid\":null}}},{\"type\":\"error\",\"error\":{\"message\":\"x\",\"code\":\"E\"}},"
          + "{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}",
      "{\"baton\":\"bt\",\"base_url\":\"http://h\"}\n"
          + "{\"type\":\"step_begin\",\"step\":0,\"cols\":[{\"name\":\"a\",\"decltype\":\"INT\"}]}\n"
          + "{\"type\":\"row\",\"row\":[{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"blob\",\"base64\":\"AA==\"}]}\n"
          + "{\"type\":\"step_end\",\"affected_row_count\":0,\"last_insert_rowid\":\"4\"}\n"
          + "{\"type\":\"replication_index\",\"replication_index\":3}\n",
  };

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (String s : SEEDS) {
      seeds.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  private static final byte[] INTERESTING = "{}[]\":,\\ \n0-9.eE+tfnu\u00ff\u0080".getBytes(StandardCharsets.ISO_8859_1);

  /** The 100,000-case run of {@code -Pstress} (another seed than the default run's). */
  @Test
  @Tag("stress")
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void hundredThousandCasesStress() {
    long start = System.nanoTime();
    int decoded = Fuzz.run(JsonCodec.INSTANCE, seeds(), INTERESTING, 100_000, 20251125L);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("json fuzz: 100000 cases (3 decoders each), " + decoded + " decodes succeeded, " + millis + " ms");
    assertTrue(millis < 300_000, "fuzzing took " + millis + " ms");
  }

  @Test
  void onlyProtoErrorsEscape() {
    List<byte[]> seeds = seeds();
    byte[] interesting = INTERESTING;
    long start = System.nanoTime();
    int decoded = Fuzz.run(JsonCodec.INSTANCE, seeds, interesting, 20_000, 20240917L);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(decoded > 100, "mutations too destructive: only " + decoded + " inputs decoded");
    assertTrue(millis < 30_000, "fuzzing took " + millis + " ms");
  }
}
