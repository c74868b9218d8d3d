/**
 * Not API: embedded replicas. A local SQLite file kept in sync with a remote sqld primary through
 * its gRPC replication service ({@code wal_log.ReplicationLog}); reads run on the file through
 * read-only sqlite-jdbc connections, writes go to the primary through the Hrana engine.
 *
 * <p>{@link io.libsql.client.internal.replica.ReplicaEngine} is the engine;
 * {@link io.libsql.client.internal.replica.Syncer} pulls frames with
 * {@link io.libsql.client.internal.replica.ReplicationClient} and writes them with
 * {@link io.libsql.client.internal.replica.ReplicaFile}. See {@code REPLICAS.md} for the design.
 */
package io.libsql.client.internal.replica;
