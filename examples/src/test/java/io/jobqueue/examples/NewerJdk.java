package io.jobqueue.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK newer than the one running the tests, for the blocks that need a newer Java (virtual
 * threads need 21) while the build runs on 17: {@code $JOBQUEUE_NEWER_JDK}, else the newest JDK in
 * {@code /usr/lib/jvm} whose {@code release} file says it is new enough. Its {@code javac} runs as
 * a process.
 */
final class NewerJdk {

    private static final Pattern FEATURE = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    private final Path home;

    private NewerJdk(Path home) {
        this.home = home;
    }

    /** A JDK of at least this feature release with a {@code javac}, if this machine has one. */
    static Optional<NewerJdk> atLeast(int feature) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("JOBQUEUE_NEWER_JDK");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        if (Files.isDirectory(JVMS)) {
            try (Stream<Path> homes = Files.list(JVMS)) {
                homes.sorted().forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("bin/javac")) && feature(candidate) >= feature) {
                return Optional.of(new NewerJdk(candidate));
            }
        }
        return Optional.empty();
    }

    /** Where it is. */
    Path home() {
        return home;
    }

    /**
     * Compiles the source files with {@code --release feature}; returns javac's error output, one
     * entry per line (empty when they compiled).
     */
    List<String> compile(int feature, String classPath, Path output, List<Path> sources) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/javac").toString(), "--release", String.valueOf(feature),
                "-classpath", classPath, "-d", output.toString(), "-proc:none", "-implicit:none"));
        sources.forEach(source -> command.add(source.toString()));
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(javac.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!javac.waitFor(120, TimeUnit.SECONDS)) {
            javac.destroyForcibly();
            return List.of("javac of " + home + " did not end within 120 s");
        }
        return javac.exitValue() == 0 ? List.of() : text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static int feature(Path jdk) {
        try {
            Matcher m = FEATURE.matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
