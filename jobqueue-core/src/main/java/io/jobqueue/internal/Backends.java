package io.jobqueue.internal;

import io.jobqueue.ConfigurationException;
import io.jobqueue.spi.OptionValues;
import io.jobqueue.spi.QueueFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The backends on the class path, found through {@link ServiceLoader}, by alias or class name. A
 * backend of this project that is not on the class path is named with the artifact that brings it.
 */
public final class Backends {

    /** The aliases of this project's backends that core does not hold; each is in the artifact jobqueue-ALIAS. */
    private static final List<String> MODULES = List.of("jdbc", "redis", "beanstalkd");

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
        String module = moduleOf(className);
        if (module != null) {
            throw new ConfigurationException("backend '" + className + "' of queue '" + queueName + "' is in the artifact"
                    + " io.jobqueue:" + module + ", which is not on the class path; add the dependency"
                    + " <groupId>io.jobqueue</groupId><artifactId>" + module + "</artifactId> (see README, \"Modules\")");
        }
        Set<String> known = new LinkedHashSet<>(aliases());
        known.addAll(MODULES);
        throw new ConfigurationException("unknown backend '" + className + "' for queue '" + queueName + "'"
                + OptionValues.suggestion(className, List.copyOf(known))
                + " — className is a backend alias (" + String.join(", ", known) + ") or a backend's class name whose"
                + " module is on the class path");
    }

    /** The artifact of this project that holds the backend, by alias or class name; null for none. */
    private static String moduleOf(String className) {
        for (String alias : MODULES) {
            if (className.equals(alias) || className.startsWith("io.jobqueue." + alias + ".")) {
                return "jobqueue-" + alias;
            }
        }
        return null;
    }
}
