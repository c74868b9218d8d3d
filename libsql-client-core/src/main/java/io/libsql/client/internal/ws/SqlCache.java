package io.libsql.client.internal.ws;

import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored SQL texts of one connection (Hrana 2+ {@code store_sql}): a SQL text seen a second time is
 * stored once and then referenced by id. Bounded LRU; an entry is evicted (and {@code close_sql}
 * sent) only when no request using it awaits its response, and a slot is counted as used until the
 * server confirmed its {@code close_sql}, so the server never holds more than {@link #capacity}
 * texts (sqld allows 150). Not thread-safe: guarded by the connection's lock.
 */
final class SqlCache {
  /** Texts shorter than this are sent as they are: an id would save next to nothing. */
  static final int MIN_LENGTH = 24;
  static final int MAX_LENGTH = 64 << 10;

  static final class Entry {
    final String sql;
    final int id;
    /** Requests using this entry, sent and not yet answered. */
    int users;

    Entry(String sql, int id) {
      this.sql = sql;
      this.id = id;
    }
  }

  /** What one request needs: entries to store first, entries to release once answered, ids to close. */
  static final class Plan {
    final List<Entry> store = new ArrayList<>(1);
    final List<Entry> used = new ArrayList<>(1);
    final List<Integer> close = new ArrayList<>(1);
  }

  private final int capacity;
  private final IdAllocator ids = new IdAllocator(1);
  private final LinkedHashMap<String, Entry> stored = new LinkedHashMap<>(16, 0.75f, true);
  /** Texts seen once, most recent last; bounded. */
  private final LinkedHashMap<String, Boolean> seen;
  /** close_sql sent and not yet confirmed. */
  private int closing;

  SqlCache(int capacity) {
    this.capacity = capacity;
    int seenCapacity = Math.max(16, capacity * 2);
    this.seen = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > seenCapacity;
      }
    };
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The request with repeated SQL texts replaced by stored ids, recording what to do in {@code plan}. */
  Request rewrite(Request request, Plan plan) {
    if (request instanceof Request.Execute) {
      Request.Execute e = (Request.Execute) request;
      Stmt s = rewrite(e.stmt(), plan);
      return s == e.stmt() ? request : new Request.Execute(e.streamId(), s);
    }
    if (request instanceof Request.BatchReq) {
      Request.BatchReq b = (Request.BatchReq) request;
      Batch batch = rewrite(b.batch(), plan);
      return batch == b.batch() ? request : new Request.BatchReq(b.streamId(), batch);
    }
    return request;
  }

  private Batch rewrite(Batch batch, Plan plan) {
    List<Batch.Step> steps = null;
    for (int i = 0; i < batch.steps().size(); i++) {
      Batch.Step step = batch.steps().get(i);
      Stmt s = rewrite(step.stmt(), plan);
      if (s != step.stmt()) {
        if (steps == null) {
          steps = new ArrayList<>(batch.steps());
        }
        steps.set(i, new Batch.Step(step.condition(), s));
      }
    }
    return steps == null ? batch : new Batch(steps);
  }

  private Stmt rewrite(Stmt stmt, Plan plan) {
    String sql = stmt.sql();
    if (sql == null || stmt.sqlId() != null || sql.length() < MIN_LENGTH || sql.length() > MAX_LENGTH || !wellFormed(sql)) {
      return stmt;
    }
    Entry e = stored.get(sql);
    if (e == null) {
      if (seen.remove(sql) == null) {
        seen.put(sql, Boolean.TRUE);
        return stmt;
      }
      e = store(sql, plan);
      if (e == null) {
        return stmt;
      }
    }
    if (!plan.used.contains(e)) {
      e.users++;
      plan.used.add(e);
    }
    return new Stmt(null, e.id, stmt.args(), stmt.namedArgs(), stmt.wantRows());
  }

  private Entry store(String sql, Plan plan) {
    if (stored.size() + closing >= capacity) {
      // Evict the least recently used entry no pending request needs; its slot frees once the
      // server confirms the close, so this text is stored on a later occurrence.
      for (Entry old : stored.values()) {
        if (old.users == 0) {
          stored.remove(old.sql);
          closing++;
          plan.close.add(old.id);
          break;
        }
      }
      seen.put(sql, Boolean.TRUE);
      return null;
    }
    Entry e = new Entry(sql, ids.allocate());
    stored.put(sql, e);
    plan.store.add(e);
    return e;
  }

  /** False for text with an unpaired surrogate: it cannot be encoded, and the request fails on its own. */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  /** Marks the plan's requests answered (guarded by the connection's lock). */
  void release(Plan plan) {
    for (Entry e : plan.used) {
      e.users--;
    }
  }

  /** The server confirmed a close_sql: the id and the slot are free. */
  void closed(int id) {
    closing--;
    ids.release(id);
  }

  /** The server refused a store_sql: forget the entry (requests using it fail on their own). */
  void storeFailed(Entry e) {
    stored.remove(e.sql, e);
  }

  /** Texts stored and not closed, including closes in flight (for tests). */
  int slotsInUse() {
    return stored.size() + closing;
  }
}
