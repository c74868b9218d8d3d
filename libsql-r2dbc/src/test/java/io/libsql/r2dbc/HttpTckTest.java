package io.libsql.r2dbc;

/** The R2DBC TCK over Hrana on HTTP against a real sqld. */
class HttpTckTest extends TckSupport {
  HttpTckTest() {
    super("r2dbc:libsql:" + Sqld.get().httpUrl() + Sqld.LIMITS, "jdbc:libsql:" + Sqld.get().httpUrl());
  }
}
