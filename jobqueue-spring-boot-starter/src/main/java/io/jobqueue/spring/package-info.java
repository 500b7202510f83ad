/**
 * The Spring Boot starter of JobQueue for Java: auto-configuration of a {@code QueueManager} and a
 * {@code JobManager} from the {@code jobqueue.*} properties, {@code @Defer} on beans, transactions,
 * workers as part of the application, health, an actuator endpoint and metrics. See
 * {@code docs/spring.md}. {@code io.jobqueue.spring.internal} is not API.
 */
package io.jobqueue.spring;
