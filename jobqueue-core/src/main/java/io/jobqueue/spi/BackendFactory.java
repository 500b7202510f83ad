package io.jobqueue.spi;

import io.jobqueue.QueueCapabilities;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link QueueFactory} made of its parts: the alias, the backend class, how to build one and,
 * when they do not depend on the options, the backend's capabilities. Backends extend it with a
 * constructor that names the parts, and override {@link #location} or {@link #leaseTimeoutAlias}
 * where they have one.
 *
 * <pre>{@code
 * public final class MyQueueFactory extends BackendFactory {
 *     public MyQueueFactory() {
 *         super("mine", MyBackend.class, MyBackend::create, MyBackend.CAPABILITIES);
 *     }
 * }
 * }</pre>
 */
public abstract class BackendFactory implements QueueFactory {

    private final String alias;
    private final Class<? extends QueueBackend> backendType;
    private final Function<QueueContext, ? extends QueueBackend> create;
    private final QueueCapabilities capabilities;

    /**
     * @param capabilities what every backend of this kind can do, or null when it depends on the options
     */
    protected BackendFactory(String alias, Class<? extends QueueBackend> backendType,
            Function<QueueContext, ? extends QueueBackend> create, QueueCapabilities capabilities) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.backendType = Objects.requireNonNull(backendType, "backendType");
        this.create = Objects.requireNonNull(create, "create");
        this.capabilities = capabilities;
    }

    @Override
    public final String alias() {
        return alias;
    }

    @Override
    public final Class<? extends QueueBackend> backendType() {
        return backendType;
    }

    @Override
    public final QueueBackend create(QueueContext context) {
        return create.apply(context);
    }

    @Override
    public Optional<QueueCapabilities> capabilities(QueueContext context) {
        return Optional.ofNullable(capabilities);
    }
}
