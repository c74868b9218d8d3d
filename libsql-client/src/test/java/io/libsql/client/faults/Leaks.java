package io.libsql.client.faults;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts this JVM's live threads (except the {@link FaultProxy}'s and JUnit's) and open file
 * descriptors ({@code /proc/self/fd}), for leak checks: take a {@link Snapshot} before, run, then
 * {@link #settle} until the counts are back within a tolerance or a deadline passes.
 */
public final class Leaks {
  private Leaks() {}

  /** Thread and descriptor counts at one moment, with thread names by group for messages. */
  public record Snapshot(int threads, int fds, Map<String, Integer> threadGroups) {
    @Override
    public String toString() {
      return threads + " threads " + threadGroups + ", " + fds + " fds";
    }
  }

  public static Snapshot snapshot() {
    return snapshot(null);
  }

  /** As {@link #snapshot()}, not counting the sockets {@code proxy} holds (null: none). */
  public static Snapshot snapshot(FaultProxy proxy) {
    Map<String, Integer> groups = new TreeMap<>();
    int threads = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!t.isAlive() || t.getName().startsWith(FaultProxy.THREAD_PREFIX)) {
        continue;
      }
      threads++;
      groups.merge(t.getName().replaceAll("[-#]?\\d+", "#"), 1, Integer::sum);
    }
    int proxySockets = proxy == null ? 0 : proxy.openSockets();
    String[] fds = new File("/proc/self/fd").list();
    return new Snapshot(threads, fds == null ? -1 : fds.length - proxySockets, groups);
  }

  /**
   * Waits (collecting garbage, so that JDK HttpClients nobody references stop their selector
   * threads and close their pooled sockets) until threads and fds are at most {@code before} plus
   * the slack, or {@code maxMillis} passed; returns the last snapshot.
   */
  public static Snapshot settle(Snapshot before, int threadSlack, int fdSlack, long maxMillis) {
    return settle(before, null, threadSlack, fdSlack, maxMillis);
  }

  /** As {@link #settle(Snapshot, int, int, long)}, not counting {@code proxy}'s sockets. */
  public static Snapshot settle(Snapshot before, FaultProxy proxy, int threadSlack, int fdSlack, long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    Snapshot now;
    for (;;) {
      System.gc();
      now = snapshot(proxy);
      boolean ok = now.threads() <= before.threads() + threadSlack && (before.fds() < 0 || now.fds() <= before.fds() + fdSlack);
      if (ok || System.nanoTime() > deadline) {
        return now;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return now;
      }
    }
  }

  /** Names of the threads alive now, for a failure message. */
  public static List<String> threadNames() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName());
    }
    names.sort(null);
    return names;
  }
}
