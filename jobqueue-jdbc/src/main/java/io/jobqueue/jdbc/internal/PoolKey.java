package io.jobqueue.jdbc.internal;

import java.time.Duration;

/**
 * What makes two queues share a connection pool: the same database, credentials and pool settings.
 *
 * @param url               the JDBC URL
 * @param username          the user, or null
 * @param password          the password, or null; never printed
 * @param poolSize          the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a connection before the pool gives up
 */
public record PoolKey(String url, String username, String password, int poolSize, Duration connectionTimeout) {

    @Override
    public String toString() {
        return "PoolKey[url=" + Urls.redact(url) + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
