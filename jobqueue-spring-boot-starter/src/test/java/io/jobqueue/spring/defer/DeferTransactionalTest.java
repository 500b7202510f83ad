package io.jobqueue.spring.defer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.Defer;
import io.jobqueue.JobManager;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import io.jobqueue.spring.JobQueueDeferAutoConfiguration;
import io.jobqueue.spring.internal.DeferInterceptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A bean that is {@code @Transactional} too: the defer advice joins the existing proxy as its
 * outermost advice, so a deferred call starts no transaction where it is made; the bean's other
 * methods keep theirs; the worker runs the deferred method on the real object.
 */
class DeferTransactionalTest {

    static final String QUEUE = "spring-defer-tx";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class, JobQueueDeferAutoConfiguration.class))
            .withUserConfiguration(Beans.class)
            .withPropertyValues("jobqueue.queues." + QUEUE + ".class-name=memory");

    /** Counts transactions; holds no resource. */
    static class CountingTransactionManager extends AbstractPlatformTransactionManager {
        private static final long serialVersionUID = 1L;
        final AtomicInteger begun = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            // nothing to commit
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            // nothing to roll back
        }
    }

    @Transactional
    public static class Reports {
        final List<String> rebuilt = new CopyOnWriteArrayList<>();

        @Defer(queue = QUEUE)
        public void rebuild(String report) {
            rebuilt.add(report);
        }

        public boolean inTransaction() {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Beans {
        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        Reports reports() {
            return new Reports();
        }
    }

    @Test
    void theDeferAdvice_isOutermostOnTheTransactionalProxy() {
        runner.run(context -> {
            Advised reports = (Advised) context.getBean(Reports.class);
            assertThat(reports.getAdvisors()).as("the proxy's advisors").hasSizeGreaterThanOrEqualTo(2);
            assertThat(reports.getAdvisors()[0].getAdvice()).as("the outermost advice").isInstanceOf(DeferInterceptor.class);
        });
    }

    @Test
    void aDeferredCall_startsNoTransaction_andTheWorkerRunsItOnTheRealBean() {
        runner.run(context -> {
            Reports reports = context.getBean(Reports.class);
            Reports real = AopTestUtils.getUltimateTargetObject(reports);
            CountingTransactionManager transactions = context.getBean(CountingTransactionManager.class);
            JobManager jobs = context.getBean(JobManager.class);

            reports.rebuild("monthly");

            assertThat(transactions.begun).as("transactions begun by the deferred call").hasValue(0);
            assertThat(real.rebuilt).isEmpty();
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).isPresent();
            assertThat(real.rebuilt).containsExactly("monthly");
            assertThat(jobs.waitAndExecute(QUEUE, Duration.ZERO)).as("nothing queued again").isEmpty();
            assertThat(reports.inTransaction()).as("the bean's other methods keep their transaction").isTrue();
            assertThat(transactions.begun).hasValue(1);
        });
    }
}
