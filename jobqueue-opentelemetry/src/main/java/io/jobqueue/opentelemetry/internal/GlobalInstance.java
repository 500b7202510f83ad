package io.jobqueue.opentelemetry.internal;

import io.jobqueue.JobInterceptor;
import io.jobqueue.opentelemetry.JobQueueTracing;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.util.Locale;

/**
 * The tracing interceptor over {@code GlobalOpenTelemetry}, made once a global instance exists or
 * may be made: {@code GlobalOpenTelemetry.get()} is called only when {@code isSet()} (the
 * application or the Java agent set it) or when global autoconfiguration was asked for, since a
 * {@code get()} before the application's {@code set} fixes the global to a no-op (the advice of
 * {@code GlobalOpenTelemetry}'s own Javadoc). Thread-safe.
 */
public final class GlobalInstance {

    /** The switch of {@code GlobalOpenTelemetry}'s autoconfiguration, as a system property. */
    static final String AUTOCONFIGURE_PROPERTY = "otel.java.global-autoconfigure.enabled";

    private final boolean autoConfigure;
    private volatile JobInterceptor interceptor;

    public GlobalInstance() {
        this(autoConfigureRequested(System.getProperty(AUTOCONFIGURE_PROPERTY),
                System.getenv(AUTOCONFIGURE_PROPERTY.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))));
    }

    GlobalInstance(boolean autoConfigure) {
        this.autoConfigure = autoConfigure;
    }

    /** The interceptor, or null while there is no global instance to trace with. */
    public JobInterceptor interceptor() {
        JobInterceptor made = interceptor;
        if (made != null || !(autoConfigure || GlobalOpenTelemetry.isSet())) {
            return made;
        }
        synchronized (this) {
            if (interceptor == null) {
                interceptor = JobQueueTracing.create(GlobalOpenTelemetry.get());
            }
            return interceptor;
        }
    }

    /** The system property wins over the environment variable, as in the SDK's own configuration. */
    static boolean autoConfigureRequested(String property, String environment) {
        String value = property != null ? property : environment;
        return value != null && Boolean.parseBoolean(value.trim());
    }
}
