package io.libsql.r2dbc;

/** The R2DBC TCK over Hrana on WebSocket against a real sqld. */
class WsTckTest extends TckSupport {
  WsTckTest() {
    super("r2dbc:libsql:" + Sqld.get().wsUrl() + Sqld.LIMITS, "jdbc:libsql:" + Sqld.get().wsUrl());
  }
}
