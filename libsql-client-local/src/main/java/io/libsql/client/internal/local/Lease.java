package io.libsql.client.internal.local;

/** Something holding a pooled connection: a transaction, cursor or session. */
interface Lease {
  /** Ends it because the client is closing: roll back and release the connection. */
  void forceClose();
}
