package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  @Test
  void readsRfc4180() throws IOException {
    CsvReader r = new CsvReader(new StringReader("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\n\"multi\r\nline\",,\"\"\nlast,row,\"end\""), "t.csv");
    assertEquals(List.of("a", "b", "c"), r.next());
    assertEquals(1, r.recordLine());
    assertEquals(List.of("x, y", "say \"hi\"", ""), r.next());
    assertEquals(2, r.recordLine());
    assertEquals(List.of("multi\r\nline", "", ""), r.next());
    assertEquals(4, r.recordLine());
    assertEquals(List.of("last", "row", "end"), r.next());
    assertEquals(6, r.recordLine());
    assertNull(r.next());
  }

  @Test
  void lenientAfterClosingQuoteAndLoneCr() throws IOException {
    CsvReader r = new CsvReader(new StringReader("\"a\"b,c\rd,e"), "t.csv");
    assertEquals(List.of("ab", "c"), r.next());
    assertEquals(List.of("d", "e"), r.next());
    assertNull(r.next());
  }

  @Test
  void unclosedQuoteIsAnError() {
    CsvReader r = new CsvReader(new StringReader("a\n\"open,\nstill open"), "t.csv");
    ShellException e = assertThrows(ShellException.class, () -> {
      r.next();
      r.next();
    });
    assertEquals(ShellException.CSV_INVALID, e.code());
    assertTrue(e.getMessage().startsWith("t.csv:2: "), e.getMessage());
  }
}
