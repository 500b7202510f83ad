/** The Beanstalkd backend ({@code className: beanstalkd}): queues in beanstalkd tubes, over its own protocol client. */
module io.jobqueue.beanstalkd {
    requires transitive io.jobqueue.core;
    requires org.slf4j;

    exports io.jobqueue.beanstalkd;

    provides io.jobqueue.spi.QueueFactory with io.jobqueue.beanstalkd.BeanstalkdQueueFactory;
}
