package io.jobqueue.cli.chaos;

import java.util.Map;

/** An engine the chaos run neither starts nor restarts: a SQLite file in its folder. */
final class FixedPlace implements PrivateServer {

    private final String engine;
    private final Map<String, Object> options;
    private final String description;

    FixedPlace(String engine, Map<String, Object> options, String description) {
        this.engine = engine;
        this.options = Map.copyOf(options);
        this.description = description;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String className() {
        return "jdbc";
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // nothing was started
    }
}
