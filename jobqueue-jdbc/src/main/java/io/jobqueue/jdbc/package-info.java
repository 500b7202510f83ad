/**
 * The JDBC backend: {@link io.jobqueue.jdbc.JdbcQueue} keeps each queue in one table of PostgreSQL,
 * MariaDB/MySQL or SQLite (the embedded default), and {@link io.jobqueue.jdbc.JdbcQueueFactory}
 * builds it for settings with {@code className: jdbc}. Options are described by
 * {@link io.jobqueue.jdbc.JdbcQueueOptions}; everything under {@code internal} is detail.
 */
package io.jobqueue.jdbc;
