/**
 * The beanstalkd backend: {@link io.jobqueue.beanstalkd.BeanstalkdBackend} keeps a queue in a tube
 * of a beanstalkd server, registered as {@code className: beanstalkd}, with its options
 * ({@link io.jobqueue.beanstalkd.BeanstalkdOptions}) and the exception its protocol client throws.
 */
package io.jobqueue.beanstalkd;
