package io.jobqueue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Labels render arguments as the original's VariableDumper did. */
class LabelTest {

    record Address(String street, String city) {
    }

    enum Color { RED }

    /** Written by Jackson as a plain string: the Java counterpart of an object with __toString. */
    static final class ErrorMessage {
        private final String message;

        ErrorMessage(String message) {
            this.message = message;
        }

        @JsonValue
        String message() {
            return message;
        }
    }

    @SuppressWarnings("unused")
    public static class Target {
        public void show(String value) {
        }

        public void show(int value) {
        }

        public void show(long value) {
        }

        public void show(BigInteger value) {
        }

        public void show(double value) {
        }

        public void show(float value) {
        }

        public void show(BigDecimal value) {
        }

        public void show(boolean value) {
        }

        public void show(Object value) {
        }

        public void show(List<String> value) {
        }

        public void show(Map<String, Integer> value) {
        }

        public void show(Address value) {
        }

        public void show(int[] value) {
        }

        public void show(String[] value) {
        }

        public void show(Color value) {
        }

        public void show(UUID value) {
        }

        public void show(LocalDate value) {
        }

        public void show(ErrorMessage value) {
        }

        public void send(String to, int count, double weight, Address address, Object nothing) {
        }
    }

    private static String label(Class<?> parameterType, Object value) {
        try {
            Method method = Target.class.getMethod("show", parameterType);
            return MethodCallJob.of(Target.class, method, value).label();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static String argument(Class<?> parameterType, Object value) {
        String label = label(parameterType, value);
        assertThat(label).startsWith("Target::show(").endsWith(")");
        return label.substring("Target::show(".length(), label.length() - 1);
    }

    @Test
    void longString_cutTo19CharactersAndEllipsis() {
        assertThat(argument(String.class, "This is a longer string")).isEqualTo("This is a longer st…");
    }

    @Test
    void stringOfTwentyCharacters_keptWhole() {
        assertThat(argument(String.class, "exactly twenty chars")).isEqualTo("exactly twenty chars");
    }

    @Test
    void cutCountsCodePoints_notChars() {
        String emoji = "😀".repeat(25);
        assertThat(argument(String.class, emoji)).isEqualTo("😀".repeat(19) + "…");
        assertThat(argument(String.class, "😀".repeat(20))).isEqualTo("😀".repeat(20));
    }

    @Test
    void valueWrittenAsString_cutLikeAString() {
        assertThat(argument(ErrorMessage.class, new ErrorMessage("A somewhat longer test message")))
                .isEqualTo("A somewhat longer t…");
        assertThat(argument(Color.class, Color.RED)).isEqualTo("RED");
        assertThat(argument(LocalDate.class, LocalDate.of(2024, 1, 31))).isEqualTo("2024-01-31");
        assertThat(argument(UUID.class, UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("123e4567-e89b-12d3-…");
    }

    @Test
    void floats_twoDecimals_independentOfDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(argument(double.class, 3.14159265359)).isEqualTo("3.14");
            assertThat(argument(float.class, 2.5f)).isEqualTo("2.50");
            assertThat(argument(BigDecimal.class, new BigDecimal("10.005"))).isEqualTo("10.01");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void integers_decimal() {
        assertThat(argument(int.class, 42)).isEqualTo("42");
        assertThat(argument(long.class, -9_000_000_000L)).isEqualTo("-9000000000");
        assertThat(argument(BigInteger.class, new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void booleansAndNull() {
        assertThat(argument(boolean.class, true)).isEqualTo("true");
        assertThat(argument(boolean.class, false)).isEqualTo("false");
        assertThat(argument(String.class, null)).isEqualTo("null");
        assertThat(argument(Address.class, null)).isEqualTo("null");
    }

    @Test
    void otherObjects_simpleTypeNameInBrackets() {
        assertThat(argument(List.class, List.of("a", "b"))).isEqualTo("[List]");
        assertThat(argument(Map.class, Map.of("a", 1))).isEqualTo("[Map]");
        assertThat(argument(Address.class, new Address("Main St 1", "Springfield"))).isEqualTo("[Address]");
        assertThat(argument(int[].class, new int[] {1, 2})).isEqualTo("[int[]]");
        assertThat(argument(String[].class, new String[] {"a"})).isEqualTo("[String[]]");
    }

    @Test
    void declaredObject_scalarsAsThemselves_structuresByJsonShape() {
        assertThat(argument(Object.class, "text")).isEqualTo("text");
        assertThat(argument(Object.class, 7)).isEqualTo("7");
        assertThat(argument(Object.class, List.of(1))).isEqualTo("[List]");
        assertThat(argument(Object.class, new Address("Main St 1", "Springfield"))).isEqualTo("[Map]");
    }

    @Test
    void wholeLabel_classAndMethodAndArgumentsInOrder() throws Exception {
        Method send = Target.class.getMethod("send", String.class, int.class, double.class, Address.class, Object.class);
        MethodCallJob job = MethodCallJob.of(Target.class, send, "someone@example.com", 3, 0.5, new Address("a", "b"), null);

        assertThat(job.label()).isEqualTo("Target::send(someone@example.com, 3, 0.50, [Address], null)");
    }

    @Test
    void label_sameAfterPayloadRoundTrip() throws Exception {
        Method send = Target.class.getMethod("send", String.class, int.class, double.class, Address.class, Object.class);
        MethodCallJob job = MethodCallJob.of(Target.class, send, "This is a longer string", 3, 3.14159265359, new Address("a", "b"), null);
        JobSerializer serializer = JobSerializer.defaultSerializer();

        Job read = serializer.deserialize(serializer.serialize(job));

        assertThat(read.label()).isEqualTo(job.label())
                .isEqualTo("Target::send(This is a longer st…, 3, 3.14, [Address], null)");
    }

    @Test
    void labelOfClassNotOnClassPath_stillRendered() {
        String payload = "{\"type\":\"io.jobqueue.MethodCallJob\",\"job\":{\"targetType\":\"com.example.gone.Reports\","
                + "\"method\":\"build\",\"parameterTypes\":[\"java.lang.String\",\"com.example.gone.Period\"],"
                + "\"arguments\":[\"sales\",{\"year\":2024}]}}";

        Job job = JobSerializer.defaultSerializer().deserialize(payload);

        assertThat(job.label()).isEqualTo("Reports::build(sales, [Period])");
    }
}
