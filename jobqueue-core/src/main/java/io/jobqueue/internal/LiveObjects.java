package io.jobqueue.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.jobqueue.Job;
import java.util.List;

/**
 * Refuses to write live objects of this JVM into a payload, whatever the declared type of the field
 * that holds them ({@code Object} and {@code Map<String, Object>} too): threads, thread groups, class
 * loaders, processes, and anything {@link AutoCloseable} (streams, readers, sockets, channels, JDBC
 * connections). Jackson would write their getters' or fields' state — a thread's stack trace, say —
 * and no worker could make the object again. A job class itself is never refused for being
 * {@code AutoCloseable}.
 */
public final class LiveObjects {

    private static final List<Class<?>> REFUSED = List.of(Thread.class, ThreadGroup.class, ClassLoader.class,
            Process.class, ProcessHandle.class, AutoCloseable.class);

    private LiveObjects() {
    }

    /** The module that installs the refusal on a mapper. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("jobqueue-live-objects");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
                Class<?> type = description.getBeanClass();
                return isLive(type) ? new Refusing(type) : serializer;
            }
        });
        return module;
    }

    static boolean isLive(Class<?> type) {
        if (Job.class.isAssignableFrom(type)) {
            return false;
        }
        for (Class<?> refused : REFUSED) {
            if (refused.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /** Throws instead of writing. */
    private static final class Refusing extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;

        private final Class<?> type;

        Refusing(Class<?> type) {
            super(Object.class);
            this.type = type;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws java.io.IOException {
            throw JsonMappingException.from(generator, "a " + type.getName() + " is a live object of this JVM, not data:"
                    + " no worker could make it again (pass what it is made from instead)");
        }
    }
}
