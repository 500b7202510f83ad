package io.jobqueue.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.OptionValues;
import io.jobqueue.spi.QueueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The backends on the class path, found through {@link ServiceLoader}, by alias or class name. */
public final class Backends {

    private final List<QueueFactory> factories = new ArrayList<>();

    public Backends(ClassLoader classLoader) {
        ServiceLoader.load(QueueFactory.class, classLoader).forEach(factories::add);
    }

    public List<String> aliases() {
        return factories.stream().map(QueueFactory::alias).toList();
    }

    public QueueFactory find(String className, String queueName) {
        for (QueueFactory factory : factories) {
            if (factory.alias().equals(className) || factory.backendType().getName().equals(className)) {
                return factory;
            }
        }
        throw new ConfigurationException("unknown backend '" + className + "' for queue '" + queueName + "'"
                + OptionValues.suggestion(className, aliases())
                + " — is its module on the class path?");
    }
}
