/**
 * Implementation detail of the JDBC backend, not for use outside this module: the per-database
 * {@link io.jobqueue.jdbc.internal.Dialect}s, the SQL of a queue table, the table check and its
 * upgrade, shared connection pools, the PostgreSQL LISTEN connection, message ids and fencing epochs.
 */
package io.jobqueue.jdbc.internal;
