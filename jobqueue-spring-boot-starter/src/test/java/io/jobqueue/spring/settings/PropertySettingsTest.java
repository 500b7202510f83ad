package io.jobqueue.spring.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobqueue.JobManager;
import io.jobqueue.QueueManager;
import io.jobqueue.QueueSettings;
import io.jobqueue.spring.JobQueueAutoConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code jobqueue.*} properties read as {@code jobqueue.yaml} is: Spring's spellings of every key
 * (kebab-case, camelCase, the lower case of environment variables), options and release options in
 * kebab-case, and a typo anywhere stopping start-up with one line naming the key and the nearest one.
 */
class PropertySettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JobQueueAutoConfiguration.class));

    @TempDir
    Path folder;

    @Test
    void kebabCaseKeys_andOptions_areTheYamlKeys() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=jdbc",
                "jobqueue.queues.mail.options.path=" + folder.resolve("q.db"),
                "jobqueue.queues.mail.options.table-name=mail_jobs",
                "jobqueue.queues.mail.options.lease-timeout=120",
                "jobqueue.queues.mail.maximum-number-of-releases=5",
                "jobqueue.queues.mail.release-options.delay=2",
                "jobqueue.queues.mail.queue-name-prefix=app-",
                "jobqueue.queues.mail.timeout=2.5",
                "jobqueue.presets.fast.class-name=memory",
                "jobqueue.queues.cache.preset=fast",
                "jobqueue.worker.concurrency=3").run(context -> {
                    assertThat(context).hasNotFailed();
                    QueueManager queues = context.getBean(QueueManager.class);
                    QueueSettings mail = queues.getQueueSettings("mail");
                    assertThat(mail.className()).isEqualTo("jdbc");
                    assertThat(mail.options()).containsEntry("tableName", "mail_jobs").containsKey("leaseTimeout");
                    assertThat(mail.maximumNumberOfReleasesOrDefault()).isEqualTo(5);
                    assertThat(mail.queueNamePrefix()).isEqualTo("app-");
                    assertThat(mail.timeout()).isEqualTo(java.time.Duration.ofMillis(2500));
                    assertThat(queues.getQueue("mail").leaseTimeout()).hasSeconds(120);
                    assertThat(queues.getQueueSettings("cache").className()).isEqualTo("memory");
                    assertThat(queues.settings().worker().concurrency()).isEqualTo(3);
                    assertThat(context).hasSingleBean(JobManager.class);
                });
    }

    @Test
    void camelCaseAndEnvironmentStyleKeys_areAcceptedToo() {
        runner.withPropertyValues("jobqueue.queues.mail.className=memory", "jobqueue.queues.mail.maximumnumberofreleases=7",
                "jobqueue.queues.mail.options.leaseTimeout=30").run(context -> {
                    assertThat(context).hasNotFailed();
                    QueueSettings mail = context.getBean(QueueManager.class).getQueueSettings("mail");
                    assertThat(mail.className()).isEqualTo("memory");
                    assertThat(mail.maximumNumberOfReleasesOrDefault()).isEqualTo(7);
                });
    }

    @Test
    void recurringEntries_areRead_withTheirNamesAndData_asWritten() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=memory",
                "jobqueue.recurring.nightly-report.cron=0 3 * * *",
                "jobqueue.recurring.nightly-report.zone=Europe/Berlin",
                "jobqueue.recurring.nightly-report.queue=mail",
                "jobqueue.recurring.nightly-report.job=java.lang.String").run(context -> {
                    assertThat(context).hasNotFailed();
                    var entries = context.getBean(QueueManager.class).settings().recurring().entries();
                    assertThat(entries).containsOnlyKeys("nightly-report");
                    assertThat(entries.get("nightly-report").cron()).isEqualTo("0 3 * * *");
                    assertThat(entries.get("nightly-report").zone()).hasToString("Europe/Berlin");
                });
        runner.withPropertyValues("jobqueue.queues.mail.class-name=memory", "jobqueue.recurring.nightly.cron=0 3 * *",
                "jobqueue.recurring.nightly.queue=mail", "jobqueue.recurring.nightly.job=java.lang.String")
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("invalid cron expression '0 3 * *' for recurring job 'nightly'"));
    }

    @Test
    void aTypoInAQueueKey_stopsStartUp_namingTheKeyAndTheNearest() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=memory", "jobqueue.queues.mail.maximum-number-of-relases=5")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("unknown key 'maximum-number-of-relases' in jobqueue.queues.mail (the Spring properties"
                                + " jobqueue.*), did you mean 'maximumNumberOfReleases'?"));
    }

    @Test
    void aTypoInsideOptions_stopsStartUp_asTheYamlLoaderSaysIt() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=jdbc", "jobqueue.queues.mail.options.path=" + folder.resolve("q.db"),
                "jobqueue.queues.mail.options.table-nmae=x").run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("unknown option 'tableNmae' for queue 'mail', did you mean 'tableName'?"));
    }

    @Test
    void aTypoAtTheTopOrInTheWorker_stopsStartUp() {
        runner.withPropertyValues("jobqueue.queus.mail.class-name=memory").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessage("unknown key 'queus' in jobqueue (the Spring properties jobqueue.*), did you mean 'queues'?"));
        runner.withPropertyValues("jobqueue.worker.concurency=2").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("unknown key 'concurency' in jobqueue.worker").hasMessageContaining("'concurrency'"));
        runner.withPropertyValues("jobqueue.testing.inlne=true").run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("unknown key 'inlne' in jobqueue.testing").hasMessageContaining("'inline'"));
    }

    @Test
    void aBadValue_stopsStartUp_namingTheKey() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=memory", "jobqueue.queues.mail.maximum-number-of-releases=many")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("jobqueue.queues.mail.maximum-number-of-releases").contains("many"));
        runner.withPropertyValues("jobqueue.queues.mail.class-name=memory", "jobqueue.queues.mail.options.lease-timeout=soon")
                .run(context -> assertThat(context).getFailure().hasMessageContaining("leaseTimeout")
                        .hasMessageContaining("queue 'mail'").hasMessageContaining("soon"));
    }

    @Test
    void anUnknownBackend_namesTheArtifactOrTheNearestAlias() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=beanstalk").run(context -> assertThat(context).getFailure()
                .hasMessageContaining("queue 'mail'").hasMessageContaining("beanstalkd"));
    }

    /** Every message of a failure and its causes, one a line (Spring's own binding errors name the property deeper down). */
    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
            if (t instanceof org.springframework.boot.context.properties.bind.BindException bind) {
                text.append(bind.getProperty()).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void environmentVariablesOfTheCommandLine_areNoTypos() {
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                java.util.Map.of("JOBQUEUE_REQUIRE_SERVICES", "1", "JOBQUEUE_CONFIG", "/etc/jobqueue.yaml",
                        "JOBQUEUE_QUEUES_MAIL_CLASSNAME", "memory")));

        io.jobqueue.JobQueueSettings settings = io.jobqueue.spring.internal.PropertySettings.read(environment, false);

        assertThat(settings.queues()).containsOnlyKeys("mail");
        assertThat(settings.queues().get("mail").className()).isEqualTo("memory");
    }

    @Test
    void inline_makesEveryQueueTheFakeBackend() {
        runner.withPropertyValues("jobqueue.queues.mail.class-name=redis", "jobqueue.queues.mail.options.port=1",
                "jobqueue.testing.inline=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(QueueManager.class).getQueue("mail").capabilities().backend()).isEqualTo("fake");
                });
    }
}
