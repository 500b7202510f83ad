package io.jobqueue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Turns jobs into JSON payloads and back: {@code {"type":"com.acme.SendEmailJob","job":{…}}}.
 *
 * <p>Only classes that implement {@link Job} are ever instantiated from a payload: the type is
 * checked before Jackson sees the data, so a payload cannot name an arbitrary class. No Java native
 * serialization is used. Job fields of any visibility are written; getters are ignored.
 *
 * <p>Thread-safe. Classes are loaded through the thread's context class loader, falling back to
 * the loader given at construction (so jars added at run time are found).
 */
public final class JobSerializer {

    private static final JobSerializer DEFAULT = new JobSerializer(JobSerializer.class.getClassLoader());

    private final ObjectMapper mapper;
    private final ClassLoader fallbackLoader;

    public JobSerializer(ClassLoader fallbackLoader) {
        this.fallbackLoader = fallbackLoader;
        this.mapper = newMapper();
    }

    /** The shared serializer. */
    public static JobSerializer defaultSerializer() {
        return DEFAULT;
    }

    /** The Jackson mapper jobs are written with: fields of any visibility, ISO dates, unknown properties ignored. */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    /** The mapper, for code that needs to write arguments the same way (e.g. method-call jobs). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The payload for a job, written in one streaming pass. */
    public String serialize(Job job) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("type", job.getClass().getName());
            generator.writeFieldName("job");
            mapper.writerFor(job.getClass()).writeValue(generator, job);
            generator.writeEndObject();
        } catch (IOException | IllegalArgumentException e) {
            throw new JobQueueException("cannot serialize job " + job.getClass().getName() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * The job in a payload. Reads in one pass when {@code type} comes before {@code job} (as this
     * serializer writes it), else through a tree.
     *
     * @throws UnreadablePayloadException saying why the payload is not a job
     */
    public Job deserialize(String payload) {
        try (JsonParser parser = mapper.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAJob(payload);
            }
            if (parser.nextToken() == JsonToken.FIELD_NAME && "type".equals(parser.currentName())
                    && parser.nextToken() == JsonToken.VALUE_STRING) {
                Class<? extends Job> jobType = jobType(parser.getText());
                if (parser.nextToken() == JsonToken.FIELD_NAME && "job".equals(parser.currentName())) {
                    parser.nextToken();
                    return read(jobType, () -> mapper.readerFor(jobType).readValue(parser));
                }
            }
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException("payload is not JSON: " + e.getOriginalMessage() + " (payload: " + abbreviate(payload) + ")", e);
        } catch (IOException e) {
            throw new UnreadablePayloadException("cannot read payload: " + e.getMessage(), e);
        }
        return deserializeTree(payload);
    }

    private Job deserializeTree(String payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException("payload is not JSON: " + e.getOriginalMessage() + " (payload: " + abbreviate(payload) + ")", e);
        }
        JsonNode type = root == null ? null : root.get("type");
        if (type == null || !type.isTextual()) {
            throw notAJob(payload);
        }
        Class<? extends Job> jobType = jobType(type.asText());
        JsonNode data = root.get("job");
        return read(jobType, () -> mapper.treeToValue(data == null ? mapper.createObjectNode() : data, jobType));
    }

    private interface JsonRead {
        Job read() throws IOException;
    }

    private static Job read(Class<? extends Job> jobType, JsonRead read) {
        try {
            return read.read();
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadablePayloadException("cannot read job " + jobType.getName() + ": " + e.getMessage(), e);
        }
    }

    private static UnreadablePayloadException notAJob(String payload) {
        return new UnreadablePayloadException("payload names no job type (expected {\"type\": …, \"job\": {…}}): " + abbreviate(payload), null);
    }

    private Class<? extends Job> jobType(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnreadablePayloadException("job type " + name + " is not on the class path", e);
        }
        if (!Job.class.isAssignableFrom(type)) {
            throw new UnreadablePayloadException("type " + name + " does not implement " + Job.class.getName()
                    + "; refusing to instantiate it", null);
        }
        return type.asSubclass(Job.class);
    }

    private ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : fallbackLoader;
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 80 ? payload : payload.substring(0, 79) + "…";
    }
}
