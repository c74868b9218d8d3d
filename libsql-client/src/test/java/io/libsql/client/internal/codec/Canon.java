package io.libsql.client.internal.codec;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Renders decoded protocol records as text for exact comparison: records hold {@code Object[]} rows
 * and {@code byte[]} blobs whose {@code equals} is identity. Types show: {@code L5} is a Long,
 * {@code D-0.0} a Double, {@code x'00ff'} a blob.
 */
public final class Canon {
  private Canon() {}

  public static String of(Object o) {
    StringBuilder sb = new StringBuilder();
    write(sb, o);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object o) {
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
      list(sb, ((Object[]) o).length, (Object[]) o);
    } else if (o instanceof List) {
      list(sb, ((List<?>) o).size(), ((List<?>) o).toArray());
    } else if (o.getClass().isRecord()) {
      sb.append(o.getClass().getSimpleName()).append('(');
      RecordComponent[] comps = o.getClass().getRecordComponents();
      for (int i = 0; i < comps.length; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(comps[i].getName()).append('=');
        try {
          comps[i].getAccessor().setAccessible(true);
          Object v = comps[i].getAccessor().invoke(o);
          if (comps[i].getType().isPrimitive()) {
            sb.append(v);
          } else {
            write(sb, v);
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

  private static void list(StringBuilder sb, int n, Object[] items) {
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      write(sb, items[i]);
    }
    sb.append(']');
  }
}
