package io.jobqueue.jdbc.internal;

import io.jobqueue.spi.Secrets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What makes two queues share a connection pool: the same database, credentials and pool settings.
 * Also what must never be printed of them: {@link #mask} hides the password and every secret the
 * URL carries.
 *
 * @param url               the JDBC URL
 * @param username          the user, or null
 * @param password          the password, or null; never printed
 * @param poolSize          the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a connection before the pool gives up
 */
public record PoolKey(String url, String username, String password, int poolSize, Duration connectionTimeout) {

    /** The literal secrets of this database: the password and those inside the URL. */
    public Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>(Secrets.secretsIn(url));
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        return secrets;
    }

    /** The text with every secret of this database masked. */
    public String mask(String text) {
        return Secrets.mask(text, secrets());
    }

    /** The URL with its secrets masked, for messages. */
    public String maskedUrl() {
        return mask(url);
    }

    @Override
    public String toString() {
        return "PoolKey[url=" + maskedUrl() + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
