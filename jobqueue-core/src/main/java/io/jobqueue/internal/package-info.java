/** Implementation detail of the core; no other module imports it. */
package io.jobqueue.internal;
