package io.jobqueue.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Global autoconfiguration is asked for as the SDK reads it: the system property, else the environment variable. */
class GlobalInstanceTest {

    @Test
    void autoConfigure_isRequestedByTheSystemPropertyOrElseTheEnvironment() {
        assertThat(GlobalInstance.autoConfigureRequested(null, null)).isFalse();
        assertThat(GlobalInstance.autoConfigureRequested("true", null)).isTrue();
        assertThat(GlobalInstance.autoConfigureRequested(null, " TRUE ")).isTrue();
        assertThat(GlobalInstance.autoConfigureRequested("false", "true")).as("the property wins").isFalse();
        assertThat(GlobalInstance.autoConfigureRequested("yes", null)).isFalse();
    }

    @Test
    void withoutAGlobalInstanceOrAutoconfiguration_thereIsNoInterceptor() {
        assertThat(new GlobalInstance(false).interceptor()).isNull();
    }
}
