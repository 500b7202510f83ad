/** Internals of the Spring Boot starter; not API, may change in any release. */
package io.jobqueue.spring.internal;
