package io.libsql.client;

import io.libsql.testing.SqldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Timeouts, cancellation, statistics and events over HTTP against a real sqld. */
class HttpControlsTest extends ControlsSuite {
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @Override
  protected Config.Builder builder() {
    return Config.builder(sqld.httpUrl());
  }

  @Override
  protected boolean local() {
    return false;
  }
}
