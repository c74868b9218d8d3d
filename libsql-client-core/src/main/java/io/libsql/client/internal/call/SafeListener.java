package io.libsql.client.internal.call;

import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.ClientListener;
import io.libsql.client.ResultSet;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The user's {@link ClientListener} behind a wall: whatever it throws is logged and swallowed, so
 * it never changes a call's outcome. Not API.
 */
public final class SafeListener {
  private static final System.Logger LOG = System.getLogger("io.libsql.client");

  private final ClientListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();

  private SafeListener(ClientListener listener) {
    this.listener = listener;
  }

  /** The wrapped listener, or null for none. */
  public static SafeListener of(ClientListener listener) {
    return listener == null ? null : new SafeListener(listener);
  }

  private void failed(String event, Throwable t) {
    // Log the listener's class and the exception's type only: its message could hold anything.
    String text = "the ClientListener " + listener.getClass().getName() + " threw " + t.getClass().getName()
        + " from " + event + "; ignored";
    LOG.log(warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG, text);
  }

  void callStart(ClientListener.CallInfo call) {
    try {
      listener.callStart(call);
    } catch (Throwable t) {
      failed("callStart", t);
    }
  }

  void callEnd(ClientListener.CallInfo call, long nanos, Object result) {
    long rows = 0;
    long affected = 0;
    if (result instanceof ResultSet) {
      rows = ((ResultSet) result).size();
      affected = ((ResultSet) result).rowsAffected();
    } else if (result instanceof List) {
      for (Object o : (List<?>) result) {
        if (o instanceof ResultSet) {
          rows += ((ResultSet) o).size();
          affected += ((ResultSet) o).rowsAffected();
        }
      }
    } else if (result instanceof RowCursor || result instanceof java.util.stream.Stream) {
      rows = -1;
    }
    try {
      listener.callEnd(call, Duration.ofNanos(nanos), rows, affected);
    } catch (Throwable t) {
      failed("callEnd", t);
    }
  }

  void callFailed(ClientListener.CallInfo call, long nanos, String code) {
    try {
      listener.callFailed(call, Duration.ofNanos(nanos), code);
    } catch (Throwable t) {
      failed("callFailed", t);
    }
  }

  public void connectionOpened(String url, String protocol) {
    try {
      listener.connectionOpened(url, protocol);
    } catch (Throwable t) {
      failed("connectionOpened", t);
    }
  }

  public void connectionClosed(String url, String code) {
    try {
      listener.connectionClosed(url, code);
    } catch (Throwable t) {
      failed("connectionClosed", t);
    }
  }

  public void reconnect(String url) {
    try {
      listener.reconnect(url);
    } catch (Throwable t) {
      failed("reconnect", t);
    }
  }

  public void overloadRetry(String url, int attempt, long backoffNanos) {
    try {
      listener.overloadRetry(url, attempt, Duration.ofNanos(backoffNanos));
    } catch (Throwable t) {
      failed("overloadRetry", t);
    }
  }

  public void syncStart() {
    try {
      listener.syncStart();
    } catch (Throwable t) {
      failed("syncStart", t);
    }
  }

  public void syncEnd(long nanos, long framesApplied, String code) {
    try {
      listener.syncEnd(Duration.ofNanos(nanos), framesApplied, code);
    } catch (Throwable t) {
      failed("syncEnd", t);
    }
  }

  /** The user's listener (to compare identities). */
  public ClientListener unwrap() {
    return listener;
  }
}
