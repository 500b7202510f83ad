package io.jobqueue;

/**
 * Settings that cannot work: an unknown queue, preset, backend or option key (with the nearest
 * known name suggested), or a value of the wrong type. Thrown at start, never later.
 */
public class ConfigurationException extends JobQueueException {
    private static final long serialVersionUID = 1L;


    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
