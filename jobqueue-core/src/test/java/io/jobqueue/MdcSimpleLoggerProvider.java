package io.jobqueue;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * The tests' SLF4J provider: slf4j-simple's loggers with a working MDC (slf4j-simple's own MDC
 * keeps nothing), so tests can see what the job manager puts there. Chosen with the system
 * property {@code slf4j.provider} in this module's Surefire configuration.
 */
public class MdcSimpleLoggerProvider extends SimpleServiceProvider {

    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
