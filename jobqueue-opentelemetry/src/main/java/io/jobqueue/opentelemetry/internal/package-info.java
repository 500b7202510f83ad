/** Implementation detail of the OpenTelemetry module; no other module imports it. */
package io.jobqueue.opentelemetry.internal;
