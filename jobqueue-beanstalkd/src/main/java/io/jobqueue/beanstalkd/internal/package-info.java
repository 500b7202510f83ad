/**
 * Implementation detail of the beanstalkd backend, imported by no other module: the protocol
 * client ({@link io.jobqueue.beanstalkd.internal.BeanstalkClient} over one TCP connection), the
 * connection pool, the bookkeeping of which connection holds which reserved job, and the
 * failed-message store with its index tube.
 */
package io.jobqueue.beanstalkd.internal;
