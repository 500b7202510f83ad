/**
 * Implementation detail of the JDBC backend, not for use outside this module: the per-database
 * {@link io.jobqueue.jdbc.internal.Dialect}s, the SQL of a queue table, shared connection pools,
 * the PostgreSQL LISTEN connection, wake-up signals and message ids.
 */
package io.jobqueue.jdbc.internal;
