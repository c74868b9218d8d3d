package io.libsql.r2dbc.spring;

import org.springframework.data.r2dbc.dialect.R2dbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.LockOptions;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;

/**
 * The Spring Data R2DBC dialect of libSQL and SQLite: {@code LIMIT n OFFSET m} paging, {@code $1}
 * bind markers (positions, as the driver reads them), ANSI-quoted identifiers kept as written, and
 * no row locks (a SQLite write transaction locks the database). Found automatically through
 * {@link LibsqlDialectProvider}; a singleton.
 */
public final class LibsqlDialect extends AbstractDialect implements R2dbcDialect {
  /** The dialect. */
  public static final LibsqlDialect INSTANCE = new LibsqlDialect();

  static final BindMarkersFactory BIND_MARKERS = BindMarkersFactory.indexed("$", 1);

  /**
   * ANSI quotes, letter case kept. Implemented here rather than with {@code IdentifierProcessing.create},
   * whose return type differs between Spring Data 3.5 and 4.0 (one jar serves both).
   */
  private static final IdentifierProcessing IDENTIFIERS = new IdentifierProcessing() {
    @Override
    public String quote(String identifier) {
      return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String standardizeLetterCase(String identifier) {
      return identifier;
    }
  };

  private static final LimitClause LIMIT = new LimitClause() {
    @Override
    public String getLimit(long limit) {
      return "LIMIT " + limit;
    }

    @Override
    public String getOffset(long offset) {
      return "LIMIT -1 OFFSET " + offset;
    }

    @Override
    public String getLimitOffset(long limit, long offset) {
      return "LIMIT " + limit + " OFFSET " + offset;
    }

    @Override
    public Position getClausePosition() {
      return Position.AFTER_ORDER_BY;
    }
  };

  private static final LockClause LOCK = new LockClause() {
    @Override
    public String getLock(LockOptions options) {
      return "";
    }

    @Override
    public Position getClausePosition() {
      return Position.AFTER_ORDER_BY;
    }
  };

  private LibsqlDialect() {}

  @Override
  public BindMarkersFactory getBindMarkersFactory() {
    return BIND_MARKERS;
  }

  @Override
  public LimitClause limit() {
    return LIMIT;
  }

  @Override
  public LockClause lock() {
    return LOCK;
  }

  @Override
  public IdentifierProcessing getIdentifierProcessing() {
    return IDENTIFIERS;
  }
}
