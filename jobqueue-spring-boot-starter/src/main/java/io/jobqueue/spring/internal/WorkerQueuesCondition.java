package io.jobqueue.spring.internal;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code jobqueue.worker.queues} names at least one queue (as a comma-separated value or
 * as indexed entries), {@code jobqueue.worker.enabled} is not {@code false} and the inline test mode
 * ({@code jobqueue.testing.inline}, which runs every job when it is submitted) is off.
 */
public final class WorkerQueuesCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        boolean enabled = binder.bind("jobqueue.worker.enabled", Boolean.class).orElse(true);
        if (!enabled) {
            return ConditionOutcome.noMatch("jobqueue.worker.enabled is false");
        }
        if (binder.bind("jobqueue.testing.inline", Boolean.class).orElse(false)) {
            return ConditionOutcome.noMatch("jobqueue.testing.inline runs every job when it is submitted");
        }
        List<String> queues = binder.bind("jobqueue.worker.queues", Bindable.listOf(String.class)).orElseGet(List::of);
        if (queues.stream().allMatch(q -> q == null || q.isBlank())) {
            return ConditionOutcome.noMatch("jobqueue.worker.queues names no queue");
        }
        return ConditionOutcome.match("jobqueue.worker.queues is " + String.join(",", queues));
    }
}
