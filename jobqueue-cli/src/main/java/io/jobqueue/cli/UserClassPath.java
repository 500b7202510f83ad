package io.jobqueue.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user's jars and class folders ({@code --classpath} / {@code $JOBQUEUE_CLASSPATH}), so
 * {@code job:work} can run their jobs and find their backends. Entries are separated by the
 * platform's path separator; an entry is a jar, a folder of classes, or {@code folder/*} for every
 * jar in a folder.
 *
 * <p>While installed, the loader is the thread's context class loader (the job serializer and the
 * worker's threads load job classes through it) and the class path of isolated children includes
 * the entries. {@link #close()} restores both.
 */
final class UserClassPath implements AutoCloseable {

    /** The system property isolated execution takes a child JVM's class path from. */
    static final String ISOLATED_CLASS_PATH = "jobqueue.isolated.classpath";

    private final ClassLoader loader;
    private final URLClassLoader ownLoader;
    private final List<Path> entries;
    private final ClassLoader previousContextLoader;
    private final String previousIsolatedClassPath;

    private UserClassPath(ClassLoader loader, URLClassLoader ownLoader, List<Path> entries) {
        this.loader = loader;
        this.ownLoader = ownLoader;
        this.entries = entries;
        this.previousContextLoader = Thread.currentThread().getContextClassLoader();
        this.previousIsolatedClassPath = System.getProperty(ISOLATED_CLASS_PATH);
    }

    /**
     * Reads the entries and installs them.
     *
     * @param spec the entries, or null/blank for none
     * @param cwd  the folder relative entries are resolved against
     * @throws CliException naming an entry that does not exist
     */
    static UserClassPath install(String spec, Path cwd) {
        ClassLoader base = Thread.currentThread().getContextClassLoader();
        if (base == null) {
            base = UserClassPath.class.getClassLoader();
        }
        if (spec == null || spec.isBlank()) {
            return new UserClassPath(base, null, List.of());
        }
        List<Path> entries = parse(spec, cwd);
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new CliException("classpath entry '" + entries.get(i) + "' is not a valid location", e);
            }
        }
        URLClassLoader own = new URLClassLoader("jobqueue-user-classpath", urls, base);
        UserClassPath classPath = new UserClassPath(own, own, entries);
        Thread.currentThread().setContextClassLoader(own);
        String inherited = System.getProperty(ISOLATED_CLASS_PATH, System.getProperty("java.class.path"));
        List<String> childPath = new ArrayList<>();
        if (inherited != null && !inherited.isBlank()) {
            childPath.add(inherited);
        }
        entries.forEach(entry -> childPath.add(entry.toString()));
        System.setProperty(ISOLATED_CLASS_PATH, String.join(File.pathSeparator, childPath));
        return classPath;
    }

    private static List<Path> parse(String spec, Path cwd) {
        List<Path> entries = new ArrayList<>();
        for (String raw : spec.split(File.pathSeparator)) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (part.endsWith("/*") || part.endsWith(File.separator + "*")) {
                Path folder = cwd.resolve(part.substring(0, part.length() - 2)).normalize();
                requireExists(folder, part);
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(entries::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list classpath folder " + folder, e);
                }
            } else {
                Path entry = cwd.resolve(part).normalize();
                requireExists(entry, part);
                entries.add(entry);
            }
        }
        return List.copyOf(entries);
    }

    private static void requireExists(Path entry, String given) {
        if (!Files.exists(entry)) {
            throw new CliException("classpath entry '" + given + "' does not exist (" + entry + ")");
        }
    }

    /** The loader for job classes and backends. */
    ClassLoader loader() {
        return loader;
    }

    /** The added jars and folders, absolute. */
    List<Path> entries() {
        return entries;
    }

    @Override
    public void close() {
        if (ownLoader == null) {
            return;
        }
        Thread.currentThread().setContextClassLoader(previousContextLoader);
        if (previousIsolatedClassPath == null) {
            System.clearProperty(ISOLATED_CLASS_PATH);
        } else {
            System.setProperty(ISOLATED_CLASS_PATH, previousIsolatedClassPath);
        }
        try {
            ownLoader.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
