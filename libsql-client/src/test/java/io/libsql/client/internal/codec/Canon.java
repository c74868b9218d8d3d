package io.libsql.client.internal.codec;

import io.libsql.client.internal.proto.StmtResult;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Renders decoded protocol records as text for exact comparison: records hold {@code Object[]} rows
 * and {@code byte[]} blobs whose {@code equals} is identity. Types show: {@code L5} is a Long,
 * {@code D-0.0} a Double, {@code x'00ff'} a blob. A {@link StmtResult}'s statistics are left out when
 * the server sent none.
 */
public final class Canon {
  private Canon() {}

  public static String of(Object o) {
    StringBuilder sb = new StringBuilder();
    write(sb, o, false);
    return sb.toString();
  }

  /** As {@link #of}, leaving out every {@link StmtResult}'s statistics (which vary from run to run). */
  public static String withoutStatistics(Object o) {
    StringBuilder sb = new StringBuilder();
    write(sb, o, true);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object o, boolean noStats) {
    if (o == null) {
      sb.append("null");
    } else if (o instanceof Long) {
      sb.append('L').append(o);
    } else if (o instanceof Integer) {
      sb.append(o);
    } else if (o instanceof Double) {
      sb.append('D').append(o);
    } else if (o instanceof Boolean) {
      sb.append(o);
    } else if (o instanceof String) {
      sb.append('"').append(o).append('"');
    } else if (o instanceof byte[]) {
      sb.append("x'");
      for (byte b : (byte[]) o) {
        sb.append(String.format("%02x", b & 0xff));
      }
      sb.append('\'');
    } else if (o instanceof Object[]) {
      list(sb, ((Object[]) o).length, (Object[]) o, noStats);
    } else if (o instanceof List) {
      list(sb, ((List<?>) o).size(), ((List<?>) o).toArray(), noStats);
    } else if (o.getClass().isRecord()) {
      sb.append(o.getClass().getSimpleName()).append('(');
      RecordComponent[] comps = o.getClass().getRecordComponents();
      for (int i = 0; i < comps.length; i++) {
        try {
          comps[i].getAccessor().setAccessible(true);
          Object v = comps[i].getAccessor().invoke(o);
          if ((v == null || noStats) && o instanceof StmtResult && i >= 4) {
            continue; // statistics the server did not send
          }
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(comps[i].getName()).append('=');
          if (comps[i].getType().isPrimitive()) {
            sb.append(v);
          } else {
            write(sb, v, noStats);
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
      sb.append(')');
    } else {
      throw new AssertionError("no canonical form for " + o.getClass());
    }
  }

  private static void list(StringBuilder sb, int n, Object[] items, boolean noStats) {
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      write(sb, items[i], noStats);
    }
    sb.append(']');
  }
}
