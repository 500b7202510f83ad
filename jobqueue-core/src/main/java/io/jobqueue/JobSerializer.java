package io.jobqueue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jobqueue.internal.LiveObjects;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns jobs into JSON payloads and back: {@code {"type":"com.acme.SendEmailJob","job":{…}}}.
 *
 * <p>Only classes that implement {@link Job} are ever instantiated from a payload: the type is
 * checked before Jackson sees the data, so a payload cannot name an arbitrary class. No Java native
 * serialization is used. Job fields of any visibility are written; getters are ignored.
 *
 * <p>Writer and reader share one set of limits (the {@code MAX_…} constants), and
 * {@link #serialize} reads every payload back once with the very reader a worker uses, so a job
 * that a worker would refuse — a string past {@link #MAX_STRING_LENGTH}, nesting past
 * {@link #MAX_NESTING_DEPTH}, a field of a type that cannot be read back such as a {@code Thread}
 * — is refused when it is queued, with a {@link JobSerializationException} naming the class and the
 * field, before anything is submitted. Live objects of the JVM (threads, class loaders, streams,
 * sockets, anything {@code AutoCloseable}) are refused whatever the declared type of their field.
 *
 * <p>Thread-safe. Classes are loaded through the thread's context class loader, falling back to
 * the loader given at construction (so jars added at run time are found).
 */
public final class JobSerializer {

    /** Longest string value in a payload, in characters (Jackson's default). */
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** Longest number in a payload, in digits (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** Longest property name in a payload, in characters (Jackson's default). */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** Deepest nesting of objects and arrays in a payload, the {@code {"type":…,"job":{…}}} wrapper included (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = 1_000;
    /** Longest payload, in characters (Jackson sets no limit; this one keeps a payload within what backends store). */
    public static final long MAX_PAYLOAD_LENGTH = 50_000_000;

    private static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_STRING_LENGTH).maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(MAX_NAME_LENGTH)
            .maxNestingDepth(MAX_NESTING_DEPTH).maxDocumentLength(MAX_PAYLOAD_LENGTH).build();
    private static final StreamWriteConstraints WRITE_LIMITS = StreamWriteConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).build();
    private static final int MAX_FIELD_TEXT = 120;

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

    /**
     * The Jackson mapper jobs are written with: fields of any visibility, ISO dates, unknown
     * properties ignored, the {@code MAX_…} limits for reading and writing, live objects refused.
     */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(READ_LIMITS).streamWriteConstraints(WRITE_LIMITS).build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(LiveObjects.module());
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

    /**
     * The payload for a job, written in one streaming pass and read back once as a worker would.
     *
     * @throws JobSerializationException when the job cannot be written, or a worker could not read it back
     */
    public String serialize(Job job) {
        String payload = write(job);
        requireReadable(job.getClass(), payload);
        return payload;
    }

    private String write(Job job) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("type", job.getClass().getName());
            generator.writeFieldName("job");
            mapper.writerFor(job.getClass()).writeValue(generator, job);
            generator.writeEndObject();
        } catch (IOException | IllegalArgumentException e) {
            java.util.Optional<String> cycle = io.jobqueue.internal.JobCycles.describe(e);
            if (cycle.isPresent()) {
                throw new JobSerializationException("cannot queue job " + job.getClass().getName() + ": " + cycle.get()
                        + "; a payload is a tree, so break the cycle (a transient field is not written)",
                        job.getClass().getName(), null, rootCause(e));
            }
            throw refused(job.getClass(), "it cannot be written as JSON", e, null);
        }
        // a lone surrogate as a JSON escape, so it survives backends that store UTF-8
        return io.jobqueue.internal.LoneSurrogates.escape(out.toString());
    }

    /** Reads the payload back with the workers' reader; a failure becomes a refusal that names the field. */
    private void requireReadable(Class<?> type, String payload) {
        JsonParser parser = null;
        try {
            parser = mapper.getFactory().createParser(payload);
            readJob(parser, payload);
        } catch (UnreadablePayloadException e) {
            throw refused(type, "a worker could not read its payload back", e.getCause() != null ? e.getCause() : e, parser);
        } catch (IOException e) {
            throw refused(type, "a worker could not read its payload back", e, parser);
        } finally {
            closeQuietly(parser);
        }
    }

    /**
     * The job in a payload. Reads in one pass when {@code type} comes before {@code job} (as this
     * serializer writes it), else through a tree.
     *
     * @throws UnreadablePayloadException saying why the payload is not a job
     */
    public Job deserialize(String payload) {
        try (JsonParser parser = mapper.getFactory().createParser(payload)) {
            return readJob(parser, payload);
        } catch (IOException e) {
            throw new UnreadablePayloadException("cannot read payload: " + e.getMessage(), e);
        }
    }

    private Job readJob(JsonParser parser, String payload) throws IOException {
        try {
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

    /**
     * The one-line refusal: "cannot queue job T: why (field f): Jackson's own words". The field
     * comes from the mapping exception's path, else from where the parser stopped.
     */
    private static JobSerializationException refused(Class<?> type, String why, Throwable cause, JsonParser parser) {
        String field = field(cause, parser);
        String detail = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        String text = "cannot queue job " + type.getName() + ": " + why + (field == null ? "" : " (field " + field + ")")
                + (detail == null ? "" : ": " + oneLine(detail));
        return new JobSerializationException(text, type.getName(), field, cause);
    }

    private static String field(Throwable cause, JsonParser parser) {
        List<String> segments = new ArrayList<>();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                segments.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
            }
        } else if (parser != null && parser.getParsingContext() != null) {
            JsonPointer pointer = parser.getParsingContext().pathAsPointer();
            boolean first = true;
            for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
                if (first && "job".equals(p.getMatchingProperty())) {
                    first = false;
                    continue; // the wrapper's "job": the field path starts inside the job
                }
                first = false;
                segments.add(p.getMatchingIndex() >= 0 ? "[" + p.getMatchingIndex() + "]" : p.getMatchingProperty());
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (path.length() > 0 && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.length() <= MAX_FIELD_TEXT ? path.toString()
                : path.substring(0, MAX_FIELD_TEXT) + "… (" + segments.size() + " levels)";
    }

    /** The innermost cause: for a cycle, the short limit error rather than a mapping error listing 1,000 fields. */
    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() <= 1000 ? line : line.substring(0, 999) + "…";
    }

    private static void closeQuietly(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // a parser over a string holds nothing to release
            }
        }
    }

    private static String abbreviate(String payload) {
        return payload.length() <= 80 ? payload : payload.substring(0, 79) + "…";
    }
}
