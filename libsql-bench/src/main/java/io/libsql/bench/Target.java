package io.libsql.bench;

import java.util.EnumSet;
import java.util.Set;

/**
 * The targets of issue 7 for one workload on one transport: a minimum ratio of our throughput to
 * the official client's and/or to the floor's (0 = none). {@code judged} are the clients whose
 * ratios must meet it: both of ours, except W4 (the AsyncClient: one client, 1000 calls in
 * flight) and local (the Client: the path the issue names). Issue 11 asks vector inserts for 2x the
 * TS client's rows/s: judged on V1 (indexed, as the run) and on V3 (the same inserts
 * without the index). Issue 10 asks our embedded replica for 1.5x the TS client's replica on local W1
 * and W3, and to sync no slower (S1, S2): judged on the Client.
 */
record Target(double vsTs, double vsFloor, Set<Kind> judged) {
  static final Target NONE = new Target(0, 0, Set.of());

  static Target of(Workload workload, String transport) {
    Set<Kind> both = EnumSet.of(Kind.CLIENT, Kind.ASYNC);
    if ((workload == Workload.V1 || workload == Workload.V3) && !transport.equals("file")) {
      return new Target(2, 0, both);
    }
    switch (transport) {
      case "ws":
        switch (workload) {
          case W1:
            return new Target(2.5, 0.85, both);
          case W2:
            return new Target(1.5, 0, both);
          case W3:
            return new Target(3, 0, both);
          case W4:
            return new Target(2, 0, EnumSet.of(Kind.ASYNC));
          case W5:
            return new Target(2, 0, both);
          default:
            return NONE;
        }
      case "http":
        switch (workload) {
          case W1:
            return new Target(2, 0, both);
          case W3:
            return new Target(3, 0, both);
          case W5:
            return new Target(2, 0, both);
          default:
            return NONE;
        }
      case "file":
        return workload == Workload.W1 || workload == Workload.W3
            ? new Target(0, 0.9, EnumSet.of(Kind.CLIENT)) : NONE;
      case "replica":
        return new Target(workload.sync() ? 1 : 1.5, 0, EnumSet.of(Kind.CLIENT));
      default:
        return NONE;
    }
  }

  boolean any() {
    return vsTs > 0 || vsFloor > 0;
  }

  String describe(String transport) {
    String floorName = transport.equals("file") ? "sqlite-jdbc" : "floor";
    StringBuilder s = new StringBuilder();
    if (vsTs > 0) {
      s.append(">= ").append(Report.ratio(vsTs)).append(" TS");
    }
    if (vsFloor > 0) {
      s.append(s.length() > 0 ? ", " : "").append(">= ").append(Report.ratio(vsFloor)).append(' ').append(floorName);
    }
    return s.length() == 0 ? "-" : s.toString();
  }
}
